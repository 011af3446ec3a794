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

  # The first call of a process spawned with a module, function and
  # arguments that name no function of a module (a BIF, or nothing: the
  # process then fails with :undef), or with a fun of another arity than 0
  # (it fails with :badarity), as the BEAM's spawn fails in the new process.
  def __spawn_apply__(mod, fun, args), do: apply(mod, fun, args)
  def __spawn_apply__(fun), do: fun.()
end
