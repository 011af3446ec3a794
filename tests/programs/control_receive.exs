# receive forms: several clauses with guards, pinned values, nested receives, selective receive leaving other messages queued in order, after with a variable timeout and :infinity-free forms, receive returning a value.
defmodule Rx do
  def drain(acc) do
    receive do
      msg -> drain([msg | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end
  def take_tagged(tag) do
    receive do
      {^tag, v} -> v
    after
      100 -> :none
    end
  end
end
send(self(), {:b, 2})
send(self(), {:a, 1})
send(self(), :plain)
send(self(), {:c, 3})
IO.inspect(Rx.take_tagged(:a), label: "selective :a")
IO.inspect(Rx.take_tagged(:c), label: "selective :c")
IO.inspect(Rx.take_tagged(:zzz), label: "missing tag")
IO.inspect(Rx.drain([]), label: "left in order")
send(self(), 5)
send(self(), -5)
send(self(), "str")
classify = fn ->
  receive do
    n when is_integer(n) and n > 0 -> {:pos, n}
    n when is_integer(n) -> {:neg, n}
    s when is_binary(s) -> {:str, s}
  end
end
IO.inspect([classify.(), classify.(), classify.()])
timeout = 30
r = receive do
  :never -> :got
after
  timeout -> :timed_out
end
IO.inspect(r, label: "variable timeout")
send(self(), {:outer, 1})
send(self(), {:inner, 2})
nested = receive do
  {:outer, x} ->
    receive do
      {:inner, y} -> x + y
    end
end
IO.inspect(nested, label: "nested receive")
send(self(), {:reply, make_ref(), :ignored})
ref = make_ref()
send(self(), {:reply, ref, :wanted})
got = receive do
  {:reply, ^ref, v} -> v
end
IO.inspect(got, label: "pinned ref")
IO.inspect(Rx.drain([]) |> length(), label: "the other reply stays queued")
parent = self()
spawn(fn ->
  Enum.each(1..5, fn i -> send(parent, {:seq, i}) end)
end)
seq = Enum.map(1..5, fn _ -> receive do {:seq, i} -> i end end)
IO.inspect(seq, label: "messages from one sender keep their order")
send(self(), :x)
v = receive do
  :x -> :matched
after
  0 -> :no
end
IO.inspect(v)
after_only = receive do
after
  20 -> :only_after
end
IO.inspect(after_only)
send(self(), {:ok, [1, 2, 3]})
receive do
  {:ok, [h | t]} -> IO.inspect({h, t}, label: "pattern in receive")
end
send(self(), %{type: :event, data: 42})
receive do
  %{type: :event, data: d} -> IO.inspect(d, label: "map pattern in receive")
end
