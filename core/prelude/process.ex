# Sleeping: a receive with only an `after` clause, so the process waits
# without blocking its scheduler.
defmodule Process do
  def sleep(:infinity) do
    receive do
    after
      :infinity -> :ok
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end
end
