# Process.demonitor/2 with :info and :flush (whether the monitor was still there), a monitor by name listed as {name, node}, monitoring self creates no monitor, and an invalid after timeout exits with :timeout_value.
defmodule T do
  def run do
    IO.inspect Process.demonitor(make_ref(), [:info])
    IO.inspect Process.demonitor(make_ref())
    pid = spawn(fn -> receive do :go -> :ok end end)
    ref = Process.monitor(pid)
    IO.inspect Process.demonitor(ref, [:info])
    IO.inspect Process.demonitor(ref, [:info])
    ref2 = Process.monitor(pid)
    send(pid, :go)
    receive do {:DOWN, ^ref2, _, _, r} -> IO.inspect(r) end
    IO.inspect Process.demonitor(ref2, [:info, :flush])
    pid2 = spawn(fn -> receive do :go -> :ok end end)
    ref3 = Process.monitor(pid2)
    send(pid2, :go)
    Process.sleep(50)
    IO.inspect Process.demonitor(ref3, [:flush, :info])
    IO.inspect Process.info(self(), :message_queue_len)
    w = spawn(fn -> receive do :go -> :ok end end)
    Process.register(w, :worker)
    ref4 = Process.monitor(:worker)
    IO.inspect Process.info(self(), :monitors)
    Process.demonitor(ref4)
    r = Process.monitor(self())
    IO.inspect Process.info(self(), :monitors)
    IO.inspect Process.demonitor(r, [:info])
    send(w, :go)
    {pid3, ref5} = spawn_monitor(fn -> t = Enum.random([-1]); receive do :x -> :ok after t -> :neg end end)
    receive do {:DOWN, ^ref5, :process, ^pid3, {reason, _}} -> IO.inspect(reason) end
  end
end
T.run()
