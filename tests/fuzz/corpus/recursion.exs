defmodule R do
  def fact(0), do: 1
  def fact(n) when n > 0, do: n * fact(n - 1)
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)
  def loop(0, acc), do: acc
  def loop(n, acc), do: loop(n - 1, [n | acc])
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)
end
IO.inspect {R.fact(20), R.sum([1, 2, 3]), R.loop(5, []), R.fib(15)}
