# Every capture form: &Mod.fun/N, &local/N, &(&1 + 1), &{&1, &2}, &[&1], interpolation captures, operator captures &+/2, Kernel and Erlang captures.
defmodule Cap do
  def double(x), do: x * 2
  def add(a, b), do: a + b
  def run do
    f = &double/1
    g = &add/2
    h = &helper/1
    {f.(4), g.(1, 2), h.(:x), Enum.map([1, 2], &double/1)}
  end
  defp helper(x), do: {:helped, x}
end
IO.inspect(Cap.run())
d = &Cap.double/1
IO.inspect(d.(21))
IO.inspect(Enum.map([1, 2, 3], &Cap.double/1))
IO.inspect(Enum.reduce([1, 2, 3], 0, &Cap.add/2))
IO.inspect(Enum.map([1, 2, 3], &(&1 + 1)))
IO.inspect(Enum.map([1, 2, 3], &(&1 * &1)))
swap = &{&2, &1}
IO.inspect(swap.(:a, :b))
pair = &{&1, &2}
IO.inspect(pair.(1, 2))
wrap = &[&1]
IO.inspect(wrap.(:x))
mk = &%{key: &1}
IO.inspect(mk.(1))
IO.inspect(Enum.map(["a", "b"], &"<#{&1}>"))
Enum.each([1, 2], &IO.puts("x: #{&1}"))
plus = &+/2
IO.inspect(plus.(2, 3))
IO.inspect(Enum.reduce([1, 2, 3, 4], &*/2))
IO.inspect(Enum.sort([3, 1, 2], &>/2))
IO.inspect(Enum.map([1, 2], &-/1))
IO.inspect(Enum.map([{1, 2}, {3, 4}], &elem(&1, 1)))
IO.inspect((&Kernel.max/2).(1, 9))
IO.inspect(Enum.map([-1, 2], &abs/1))
IO.inspect(Enum.map([-1, 2], &:erlang.abs/1))
IO.inspect(Enum.filter([1, :a, "b"], &is_atom/1))
IO.inspect(Enum.map(["a", "b"], &String.upcase/1))
IO.inspect(Enum.map([[1, 2], [3]], &length/1))
IO.inspect(Enum.map([{1, 2}], &Tuple.to_list/1))
IO.inspect((&String.duplicate(&1, 3)).("ab"))
IO.inspect((&(&1 <> &2 <> &1)).("x", "y"))
three = &(&1 + &2 + &3)
IO.inspect(three.(1, 2, 3))
IO.inspect({is_function(three, 3), is_function(&Cap.add/2, 2), is_function(&+/2, 2)})
IO.inspect(Enum.map([1, 2], &Cap.add(&1, 10)))
IO.inspect(Enum.map([%{a: 1}], &Map.get(&1, :a)))
IO.inspect(Enum.map([1, 2], &{:item, &1}))
IO.inspect(Enum.map([1, 2], &if(&1 > 1, do: :big, else: :small)))
IO.inspect(apply(&Cap.add/2, [1, 1]))
l = &length/1
IO.inspect(l.([1, 2, 3]))
IO.inspect((&Cap.add/2) == (&Cap.add/2))
