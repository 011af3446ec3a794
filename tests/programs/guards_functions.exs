# Guard expressions: length hd tl elem tuple_size map_size abs div rem, comparisons and arithmetic, in with lists and ranges, and/or/not, a raising guard failing quietly.
defmodule G do
  def f(l) when length(l) == 2, do: {:two, l}
  def f(l) when is_list(l) and hd(l) == :first, do: :starts_with_first
  def f(l) when is_list(l) and tl(l) == [], do: :single
  def f(t) when elem(t, 0) == :tag, do: :tagged
  def f(t) when tuple_size(t) > 3, do: :big_tuple
  def f(m) when map_size(m) >= 2, do: :big_map
  def f(n) when abs(n) > 100, do: :far
  def f(n) when div(n, 10) == 5, do: :fifties
  def f(n) when rem(n, 2) == 0 and n > 0, do: :positive_even
  def f(n) when n * 2 + 1 == 7, do: :three
  def f(n) when n in [11, 13, 17], do: :small_prime
  def f(n) when n in 20..29, do: :twenties
  def f(n) when n in 31..39//2, do: :odd_thirties
  def f(x) when not is_integer(x) or x < 0, do: :not_natural
  def f(_), do: :default
end
inputs = [[1, 2], [:first, 2, 3], [9], [], {:tag, 1}, {1, 2, 3, 4}, {1}, %{a: 1, b: 2}, %{a: 1}, -500, 55, 8, 3, 13, 25, 33, 34, -1, :atom, 1]
Enum.each(inputs, fn i -> IO.puts("#{inspect(i)} -> #{inspect(G.f(i))}") end)
safe = fn
  x when hd(x) > 0 -> :positive_head
  x when elem(x, 1) == :b -> :second_is_b
  x when map_size(x) > 0 -> :non_empty_map
  _ -> :no_guard_matched
end
IO.inspect(Enum.map([[1], [], {:a, :b}, {:a}, :atom, %{x: 1}, 5], safe))
cmp = fn
  a, b when a < b -> :lt
  a, b when a > b -> :gt
  a, b when a == b and a !== b -> :eq_not_exact
  _, _ -> :exact
end
IO.inspect([cmp.(1, 2), cmp.(2, 1), cmp.(1, 1.0), cmp.(1, 1)])
num = fn
  x when is_integer(x) and x >= 0 and x <= 9 -> :digit
  x when x === 0.0 or x === -0.0 -> :float_zero
  x when is_float(x) and (x > 1.0e10 or x < -1.0e10) -> :huge
  _ -> :other
end
IO.inspect(Enum.map([0, 9, 10, 0.0, -0.0, 1.0e11, -1.0e11, 1.0], num))
word = fn
  w when w in ["yes", "y"] -> true
  w when w in ["no", "n"] -> false
  _ -> nil
end
IO.inspect(Enum.map(["yes", "n", "maybe"], word))
atoms = fn
  a when a in [:red, :green, :blue] -> :color
  a when is_atom(a) and a != nil -> :atom
  _ -> :none
end
IO.inspect(Enum.map([:red, :x, nil, 1], atoms))
