# The match operator: rebinding, pins, nested and chained matches, matching returns the right side, repeated variables.
x = 1
IO.inspect(x)
x = x + 1
IO.inspect(x)
^x = 2
IO.puts("pinned match ok")
{a, b} = {1, 2}
IO.inspect({a, b})
{a, a} = {3, 3}
IO.inspect(a)
[h | t] = [1, 2, 3]
IO.inspect({h, t})
%{k: v} = %{k: :val, other: 1}
IO.inspect(v)
result = {:ok, 5} = {:ok, 5}
IO.inspect(result)
c = d = 7
IO.inspect({c, d})
{:ok, {inner, [first | _]}} = {:ok, {:nested, [10, 20]}}
IO.inspect({inner, first})
"prefix-" <> rest = "prefix-suffix"
IO.inspect(rest)
y = 10
{^y, z} = {10, 11}
IO.inspect(z)
key = :b
%{^key => found} = %{a: 1, b: 2}
IO.inspect(found)
list = [1, 2]
[^h, second] = list
IO.inspect(second)
{_, _, third} = {1, 2, 3}
IO.inspect(third)
_ignored = 99
[_ | tail] = 'abc'
IO.inspect(tail)
f = fn {x, x} -> :same; {_, _} -> :different end
IO.inspect({f.({1, 1}), f.({1, 2}), f.({1, 1.0})})
g = fn x -> case x do ^y -> :is_y; _ -> :not_y end end
IO.inspect({g.(10), g.(11)})
{1, n} = {1, 2.5}
IO.inspect(n)
[1, 2 | rest2] = [1, 2, 3, 4]
IO.inspect(rest2)
%{} = %{any: :map}
IO.puts("empty map pattern matches any map")
