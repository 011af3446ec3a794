# fib: doubly recursive Fibonacci, sequential speed.
defmodule Fib do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)
end

Enum.each([27, 30], fn n ->
  t0 = System.monotonic_time(:nanosecond)
  r = Fib.fib(n)
  t1 = System.monotonic_time(:nanosecond)
  IO.puts("fib#{n}_ms #{(t1 - t0) / 1.0e6} ms (result #{r})")
end)
