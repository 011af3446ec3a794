# skynet: a tree of processes, 10 children per node, 1M leaves; each leaf
# sends its number, each node sums its children.
defmodule Skynet do
  def skynet(parent, num, 1, _div) do
    send(parent, num)
  end

  def skynet(parent, num, size, div) do
    me = self()
    sub = div(size, div)
    spawn_children(me, num, sub, div, 0)
    send(parent, collect(div, 0))
  end

  defp spawn_children(_me, _num, _sub, div, div), do: :ok
  defp spawn_children(me, num, sub, div, i) do
    spawn(fn -> skynet(me, num + i * sub, sub, div) end)
    spawn_children(me, num, sub, div, i + 1)
  end

  defp collect(0, sum), do: sum
  defp collect(n, sum) do
    receive do
      x -> collect(n - 1, sum + x)
    end
  end
end

size = case System.argv() do
  [a | _] -> String.to_integer(a)
  _ -> 1_000_000
end

me = self()
t0 = System.monotonic_time(:nanosecond)
spawn(fn -> Skynet.skynet(me, 0, size, 10) end)
result = receive do
  x -> x
end
t1 = System.monotonic_time(:nanosecond)
IO.puts("skynet_result #{result} sum")
IO.puts("skynet_ms #{(t1 - t0) / 1.0e6} ms")
