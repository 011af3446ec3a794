# for comprehensions: generators (patterns skip what does not match, guards,
# pins), filters, nesting, into: (maps, lists, binaries), uniq:, reduce:,
# and for in functions, closures and over processes.
defmodule M do
  def squares(n), do: for(i <- 1..n, do: i * i)
  def pairs(xs), do: for x <- xs, y <- xs, x < y, do: {x, y}
  def evens(xs) do
    for x <- xs, rem(x, 2) == 0 do
      x
    end
  end
  def count(xs), do: (for _ <- xs, reduce: 0 do
    acc -> acc + 1
  end)
end
IO.inspect M.squares(5)
IO.inspect M.pairs([1, 2, 3])
IO.inspect M.evens(1..10)
parent = self()
pids = for i <- 1..3, do: spawn(fn -> send(parent, {:done, i, i * 10}) end)
IO.inspect length(pids)
results = for _ <- pids do
  receive do
    {:done, i, v} -> {i, v}
  end
end
IO.inspect Enum.sort(results)
IO.inspect(for {k, v} <- %{a: 1, b: 2, c: 3}, v > 1, into: %{}, do: {v, k})
IO.inspect(for x <- 1..10//3, do: x)
IO.inspect(for x <- 10..1, rem(x, 4) == 0, do: x)
IO.inspect(for x <- [1, 2, 3], y <- [x, x * 10], do: y)
IO.inspect(for x <- [1, 2, 3], reduce: %{} do
  acc when x > 1 -> Map.put(acc, x, true)
  acc -> acc
end)
IO.inspect(for x <- [a: 1, b: 2], do: x)
IO.inspect(for {k, _v} when is_atom(k) <- [{:a, 1}, {"b", 2}, {:c, 3}], do: k)
IO.inspect(for x <- [1, 2, 3], uniq: true, do: rem(x, 2))
IO.inspect(for x <- ["a", "b"], into: [], do: x)
IO.inspect(for x <- [], into: %{}, do: x)
IO.inspect(for x <- [1, 2], into: "", do: Integer.to_string(x))
f = fn n -> for i <- 1..n, do: i end
IO.inspect f.(3)
IO.inspect(for x <- [1, 2, 3] do x end |> Enum.sum())
IO.inspect(for(x <- [1, 2], do: for(y <- [3, 4], do: x * y)))
IO.inspect(for x <- [1, 2, 3], x > 1, x < 3, do: x)
IO.inspect(for x <- [true, false, nil, 0], x, do: x)
y = 10
IO.inspect(for x <- [1, 2], do: x + y)
IO.inspect(for x <- [1, 2], do: (z = x * 2; z + 1))
IO.inspect(for x <- 'ab', do: x)
IO.inspect(M.count([1, 2, 3]))
IO.inspect(for x <- [1, 2], into: %{a: 0}, do: {x, x})
IO.inspect(for x <- [1, 2], into: "<", do: "#{x}")
IO.inspect(for x <- 1..3, uniq: true, into: %{}, do: {rem(x, 2), x})
r = for x <- [1, 2, 3], y = x * 10, y > 10, do: {x, y}
IO.inspect(r)
monitors = for i <- 1..3 do
  {pid, ref} = spawn_monitor(fn -> exit({:shutdown, i}) end)
  {i, pid, ref}
end
downs = for {i, pid, ref} <- monitors do
  receive do
    {:DOWN, ^ref, :process, ^pid, reason} -> {i, reason}
  end
end
IO.inspect(downs)
try_into = fn ->
  ref = make_ref()
  parent = self()
  spawn(fn -> send(parent, {ref, for(x <- [1, 2], into: "", do: x)}) end)
  receive do
    {^ref, v} -> v
  after 200 -> :no_reply
  end
end
IO.inspect(try_into.())
z = :outer
r = for x <- (z = [1, 2]), do: {x, z}
IO.inspect({r, z})
t = :outer
r = for x <- [1, 2], y <- (t = [x]), do: {y, t}
IO.inspect({r, t})
