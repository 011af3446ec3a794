# spawn+exit: spawn N processes that end at once, wait until all are gone.
defmodule SpawnExit do
  def spawn_all(0), do: :ok
  def spawn_all(n) do
    spawn(fn -> :ok end)
    spawn_all(n - 1)
  end

  def wait_until(count) do
    if :erlang.system_info(:process_count) > count do
      Process.sleep(1)
      wait_until(count)
    else
      :ok
    end
  end
end

n = case System.argv() do
  [a | _] -> String.to_integer(a)
  _ -> 1_000_000
end

base = :erlang.system_info(:process_count)
t0 = System.monotonic_time(:nanosecond)
SpawnExit.spawn_all(n)
SpawnExit.wait_until(base)
t1 = System.monotonic_time(:nanosecond)
IO.puts("spawn_exit_us_per_process #{(t1 - t0) / n / 1000} us")
