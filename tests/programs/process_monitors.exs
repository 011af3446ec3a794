# Monitors: DOWN messages with each reason, monitoring a dead process (:noproc), several monitors on one process, demonitor with and without :flush, monitors are one-way.
defmodule M do
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _pid, reason} -> reason
    after
      1000 -> :no_down
    end
  end
end
parent = self()
{pid, ref} = spawn_monitor(fn -> :done end)
IO.inspect(M.down(ref), label: "normal")
{_, ref} = spawn_monitor(fn -> exit(:bye) end)
IO.inspect(M.down(ref), label: "exit")
{_, ref} = spawn_monitor(fn -> exit({:shutdown, :reason}) end)
IO.inspect(M.down(ref), label: "shutdown tuple")
IO.inspect(Process.alive?(pid), label: "dead pid alive?")
ref = Process.monitor(pid)
IO.inspect(M.down(ref), label: "monitor a dead process")
worker = spawn(fn -> receive do :stop -> :ok end end)
r1 = Process.monitor(worker)
r2 = Process.monitor(worker)
IO.inspect(r1 == r2, label: "two monitors, same ref")
send(worker, :stop)
IO.inspect({M.down(r1), M.down(r2)}, label: "both fire")
w2 = spawn(fn -> receive do :stop -> :ok end end)
r3 = Process.monitor(w2)
IO.inspect(Process.demonitor(r3), label: "demonitor")
send(w2, :stop)
IO.inspect(M.down(r3), label: "after demonitor")
w3 = spawn(fn -> :ok end)
r4 = Process.monitor(w3)
Process.sleep(50)
IO.inspect(Process.demonitor(r4, [:flush]), label: "demonitor flush")
IO.inspect(Process.info(self(), :message_queue_len), label: "queue after flush")
w4 = spawn(fn -> receive do {:watch, p} -> send(parent, {:monitoring, Process.monitor(p) |> is_reference()}) end end)
send(w4, {:watch, self()})
receive do
  {:monitoring, ok} -> IO.inspect(ok, label: "a child monitors the parent")
end
{k, kref} = spawn_monitor(fn -> Process.sleep(5000) end)
Process.exit(k, :kill)
IO.inspect(M.down(kref), label: "killed")
{t, tref} = spawn_monitor(fn -> receive do :x -> :ok end end)
Process.exit(t, :shutdown)
IO.inspect(M.down(tref), label: "exit shutdown")
{_, nref} = spawn_monitor(fn -> Process.exit(self(), :normal) end)
IO.inspect(M.down(nref), label: "exit self normal")
{_, sref} = spawn_monitor(fn -> Process.exit(self(), :own_reason) end)
IO.inspect(M.down(sref), label: "exit self custom")
IO.inspect(is_reference(make_ref()), label: "make_ref")
IO.inspect(make_ref() == make_ref(), label: "refs differ")
