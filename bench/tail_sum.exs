# tail_sum: a tail-recursive sum over 1..N, sequential speed in constant stack.
defmodule TailSum do
  def sum(0, acc), do: acc
  def sum(n, acc), do: sum(n - 1, acc + n)
end

n = case System.argv() do
  [a | _] -> String.to_integer(a)
  _ -> 10_000_000
end

t0 = System.monotonic_time(:nanosecond)
r = TailSum.sum(n, 0)
t1 = System.monotonic_time(:nanosecond)
IO.puts("tail_sum_ms #{(t1 - t0) / 1.0e6} ms (result #{r})")
