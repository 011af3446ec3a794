# Variable scoping: rebinding, closures capture the value at creation, clause-local variables, shadowing in fn parameters, if/case results.
x = 1
f = fn -> x end
x = 2
IO.inspect({f.(), x})
g = fn x -> x * 10 end
IO.inspect({g.(5), x})
h = fn ->
  x = 100
  x + 1
end
IO.inspect({h.(), x})
y = 10
y = case y do
  10 -> y + 1
  _ -> 0
end
IO.inspect(y)
z = if true, do: y * 2, else: 0
IO.inspect(z)
counter = 0
Enum.each(1..3, fn i -> _counter = counter + i end)
IO.inspect(counter)
total = Enum.reduce(1..3, 0, fn i, acc -> acc + i end)
IO.inspect(total)
adders = Enum.map(1..3, fn n -> fn m -> n + m end end)
IO.inspect(Enum.map(adders, fn add -> add.(10) end))
a = 1
b = fn a -> a + 1 end
IO.inspect({a, b.(41)})
c = [1, 2, 3]
c = [0 | c]
IO.inspect(c)
{p, q} = {1, 2}
{p, q} = {q, p}
IO.inspect({p, q})
outer = :outer
inner_result = (fn ->
  outer = :shadowed
  outer
end).()
IO.inspect({outer, inner_result})
s = "s"
s = s <> s
s = s <> s
IO.inspect(s)
n = 5
fact = fn
  0, _self -> 1
  k, self -> k * self.(k - 1, self)
end
IO.inspect(fact.(n, fact))
v = 1
r = cond do
  v == 1 -> v + 100
  true -> v
end
IO.inspect({v, r})
_underscore = :ignored
IO.puts("done")
