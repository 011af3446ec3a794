# Recursion: tail-recursive loops of a million iterations in constant stack, accumulators, deep non-tail recursion, mutual recursion.
defmodule Loop do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def sum_list([], acc), do: acc
  def sum_list([h | t], acc), do: sum_list(t, acc + h)
  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)
  def even?(0), do: true
  def even?(n), do: odd?(n - 1)
  def odd?(0), do: false
  def odd?(n), do: even?(n - 1)
  def fib(n), do: fib(n, 0, 1)
  defp fib(0, a, _), do: a
  defp fib(n, a, b), do: fib(n - 1, b, a + b)
  def range(a, b) when a > b, do: []
  def range(a, b), do: [a | range(a + 1, b)]
  def reverse(l), do: reverse(l, [])
  defp reverse([], acc), do: acc
  defp reverse([h | t], acc), do: reverse(t, [h | acc])
  def loop_with_case(n, acc) do
    case n do
      0 -> acc
      _ -> if rem(n, 2) == 0, do: loop_with_case(n - 1, acc + n), else: loop_with_case(n - 1, acc)
    end
  end
  def loop_with_cond(n, acc) do
    cond do
      n == 0 -> acc
      true -> loop_with_cond(n - 1, acc + 1)
    end
  end
end
IO.inspect(Loop.count(1_000_000, 0))
big = Enum.to_list(1..100_000)
IO.inspect(Loop.sum_list(big, 0))
IO.inspect(Loop.len(big))
IO.inspect({Loop.even?(100_001), Loop.odd?(100_001)})
IO.inspect(Loop.fib(90))
IO.inspect(Loop.range(1, 10))
IO.inspect(length(Loop.range(1, 50_000)))
IO.inspect(Enum.take(Loop.reverse(big), 3))
IO.inspect(Loop.loop_with_case(1_000_000, 0))
IO.inspect(Loop.loop_with_cond(1_000_000, 0))
f = fn
  0, acc, _self -> acc
  n, acc, self -> self.(n - 1, acc + 2, self)
end
IO.inspect(f.(500_000, 0, f))
