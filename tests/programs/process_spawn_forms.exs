# spawn/1,3, spawn_link/1,3, spawn_monitor/1,3, apply/2,3, self/0 and node/0: which processes run, what they return, arguments passed to spawned module functions.
defmodule Worker do
  def run(parent, tag, n), do: send(parent, {tag, n * 2})
  def echo(parent) do
    receive do
      msg -> send(parent, {:echo, msg})
    end
  end
  def add(a, b), do: a + b
  def noop, do: :noop
end
parent = self()
pid = spawn(Worker, :run, [parent, :spawn3, 21])
IO.inspect(is_pid(pid), label: "spawn/3 returns a pid")
receive do
  {:spawn3, v} -> IO.inspect(v, label: "spawn/3 ran")
end
spawn(fn -> send(parent, {:spawn1, self() != parent}) end)
receive do
  {:spawn1, different} -> IO.inspect(different, label: "spawn/1 runs in another process")
end
Process.flag(:trap_exit, true)
l = spawn_link(Worker, :run, [parent, :link3, 5])
receive do
  {:link3, v} -> IO.inspect(v, label: "spawn_link/3 ran")
end
receive do
  {:EXIT, ^l, reason} -> IO.inspect(reason, label: "spawn_link/3 exit")
end
l1 = spawn_link(fn -> exit(:linked_fn) end)
receive do
  {:EXIT, ^l1, reason} -> IO.inspect(reason, label: "spawn_link/1 exit")
end
{m, ref} = spawn_monitor(Worker, :echo, [parent])
send(m, :hello)
receive do
  {:echo, msg} -> IO.inspect(msg, label: "spawn_monitor/3 echo")
end
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason, label: "spawn_monitor/3 down")
end
{_m1, ref1} = spawn_monitor(fn -> exit({:tuple, :reason}) end)
receive do
  {:DOWN, ^ref1, :process, _, reason} -> IO.inspect(reason, label: "spawn_monitor/1 down")
end
IO.inspect(apply(Worker, :add, [2, 3]), label: "apply/3")
IO.inspect(apply(Worker, :noop, []), label: "apply/3 no args")
IO.inspect(apply(&Worker.add/2, [4, 5]), label: "apply/2 capture")
IO.inspect(apply(fn a, b, c -> a * b * c end, [2, 3, 4]), label: "apply/2 fn")
IO.inspect(apply(Enum, :sum, [[1, 2, 3]]), label: "apply Enum.sum")
IO.inspect(apply(:erlang, :abs, [-3]), label: "apply :erlang.abs")
IO.inspect(apply(String, :upcase, ["abc"]), label: "apply String.upcase")
mod = Worker
fun = :add
IO.inspect(apply(mod, fun, [10, 20]), label: "apply with variables")
IO.inspect(mod.add(1, 1), label: "call through a module variable")
IO.inspect(node(), label: "node")
IO.inspect(is_pid(self()), label: "self is a pid")
IO.inspect(self() == self(), label: "self is stable")
pids = Enum.map(1..5, fn i -> spawn(fn -> send(parent, {:n, i}) end) end)
IO.inspect(length(Enum.uniq(pids)), label: "five distinct pids")
results = Enum.map(1..5, fn _ -> receive do {:n, i} -> i end end)
IO.inspect(Enum.sort(results), label: "all five ran")
