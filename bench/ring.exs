# ring: N processes in a ring pass a token M laps; messages per second.
defmodule Ring do
  def node_loop(next) do
    receive do
      0 -> send(next, 0)
      k -> send(next, k - 1)
           node_loop(next)
    end
  end

  def build(1, first), do: first
  def build(n, first) do
    next = build(n - 1, first)
    spawn(fn -> node_loop(next) end)
  end

  def main_loop(next) do
    receive do
      0 -> :done
      k -> send(next, k - 1)
           main_loop(next)
    end
  end
end

{n, laps} = case System.argv() do
  [a, b | _] -> {String.to_integer(a), String.to_integer(b)}
  _ -> {1000, 1000}
end

me = self()
first = Ring.build(n, me)
total = n * laps
t0 = System.monotonic_time(:nanosecond)
send(first, total)
Ring.main_loop(first)
t1 = System.monotonic_time(:nanosecond)
IO.puts("ring_msgs_per_s #{round(total / ((t1 - t0) / 1.0e9))} msgs/s")
