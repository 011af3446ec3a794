# selective receive: a receive that must skip N queued messages; ns per skipped message.
defmodule Selective do
  def fill(0), do: :ok
  def fill(n) do
    send(self(), {:noise, n})
    fill(n - 1)
  end

  def rounds(0), do: :ok
  def rounds(k) do
    send(self(), :target)
    receive do
      :target -> :ok
    end
    rounds(k - 1)
  end
end

{n, k} = case System.argv() do
  [a, b | _] -> {String.to_integer(a), String.to_integer(b)}
  _ -> {10_000, 1_000}
end

Selective.fill(n)
t0 = System.monotonic_time(:nanosecond)
Selective.rounds(k)
t1 = System.monotonic_time(:nanosecond)
IO.puts("selective_ns_per_skipped #{(t1 - t0) / (n * k)} ns")
