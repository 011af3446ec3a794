# idle process memory: N processes blocked in receive; bytes per process.
defmodule IdleMemory do
  def spawn_all(0, acc), do: acc
  def spawn_all(n, acc) do
    pid = spawn(fn -> receive do :stop -> :ok end end)
    spawn_all(n - 1, [pid | acc])
  end
end

n = case System.argv() do
  [a | _] -> String.to_integer(a)
  _ -> 100_000
end

before = :erlang.memory(:total)
pids = IdleMemory.spawn_all(n, [])
Process.sleep(100)
after_spawn = :erlang.memory(:total)
{:memory, one} = Process.info(hd(pids), :memory)
IO.puts("idle_process_info_memory #{one} bytes")
IO.puts("idle_process_total_memory #{div(after_spawn - before, n)} bytes")
Enum.each(pids, fn pid -> send(pid, :stop) end)
