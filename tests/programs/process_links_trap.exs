# Links and trap_exit combinations: exit signals over links for normal and abnormal exits, trapping turns them into {:EXIT, pid, reason}, unlink stops propagation, :kill becomes :killed for linked processes, links are bidirectional.
defmodule L do
  def wait_msg do
    receive do
      msg -> msg
    after
      1000 -> :timeout
    end
  end
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end
end
Process.flag(:trap_exit, true)
# a linked child exiting normally sends {:EXIT, pid, :normal} to a trapping parent
child = spawn_link(fn -> :ok end)
receive do
  {:EXIT, ^child, reason} -> IO.inspect(reason, label: "normal child exit")
end
# an abnormal exit
child2 = spawn_link(fn -> exit(:boom) end)
receive do
  {:EXIT, ^child2, reason} -> IO.inspect(reason, label: "abnormal child exit")
end
# Process.exit with a custom reason
child3 = spawn_link(fn -> Process.sleep(5000) end)
Process.exit(child3, :custom)
receive do
  {:EXIT, ^child3, reason} -> IO.inspect(reason, label: "killed with custom reason")
end
# :kill
child4 = spawn_link(fn -> Process.sleep(5000) end)
Process.exit(child4, :kill)
receive do
  {:EXIT, ^child4, reason} -> IO.inspect(reason, label: "kill seen by linked process")
end
# a non-trapping middle process dies with its linked child's reason; we see it via a monitor
parent = self()
middle = spawn(fn ->
  spawn_link(fn -> exit(:chain) end)
  receive do
    :never -> :ok
  end
end)
ref = Process.monitor(middle)
IO.inspect(L.down(ref), label: "middle died with")
# a trapping middle process survives and reports the message
middle2 = spawn(fn ->
  Process.flag(:trap_exit, true)
  c = spawn_link(fn -> exit(:inner) end)
  receive do
    {:EXIT, ^c, r} -> send(parent, {:middle2_got, r})
  end
end)
IO.inspect(L.wait_msg(), label: "trapping middle")
_ = middle2
# normal exits do not kill linked non-trapping processes
survivor = spawn(fn ->
  spawn_link(fn -> :ok end)
  Process.sleep(50)
  send(parent, {:survived, Process.alive?(self())})
end)
IO.inspect(L.wait_msg(), label: "after a linked normal exit")
_ = survivor
# unlink before the crash: no signal
lonely = spawn(fn ->
  c = spawn_link(fn -> receive do :die -> exit(:unlinked_death) end end)
  Process.unlink(c)
  send(c, :die)
  Process.sleep(50)
  send(parent, {:still_alive_after_unlink, true})
end)
IO.inspect(L.wait_msg(), label: "unlink")
_ = lonely
# link/1 to an existing process, then it exits
target = spawn(fn -> receive do :go -> exit(:linked_later) end end)
Process.link(target)
send(target, :go)
receive do
  {:EXIT, ^target, r} -> IO.inspect(r, label: "Process.link then exit")
end
# links listed by Process.info
a = spawn(fn -> receive do :stop -> :ok end end)
Process.link(a)
Process.sleep(20)
{:links, links} = Process.info(self(), :links)
IO.inspect(a in links, label: "a in my links")
{:links, alinks} = Process.info(a, :links)
IO.inspect(alinks == [self()], label: "links are bidirectional")
Process.unlink(a)
{:links, links2} = Process.info(self(), :links)
IO.inspect(a in links2, label: "after unlink")
send(a, :stop)
# exit(pid, :normal) to a trapping process becomes a message
b = spawn(fn ->
  Process.flag(:trap_exit, true)
  receive do
    {:EXIT, from, reason} -> send(parent, {:b_got, from == parent, reason})
  end
end)
Process.sleep(20)
Process.exit(b, :normal)
IO.inspect(L.wait_msg(), label: "normal exit signal to trapping process")
# turning trap_exit off again returns the previous value
IO.inspect(Process.flag(:trap_exit, false), label: "previous trap_exit")
IO.inspect(Process.flag(:trap_exit, false), label: "now")
