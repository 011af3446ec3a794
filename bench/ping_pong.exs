# ping-pong: two processes exchange N round trips; microseconds per round trip.
defmodule PingPong do
  def pong do
    receive do
      {:ping, from} ->
        send(from, :pong)
        pong()
      :stop -> :ok
    end
  end

  def ping(_pid, 0), do: :ok
  def ping(pid, n) do
    send(pid, {:ping, self()})
    receive do
      :pong -> ping(pid, n - 1)
    end
  end
end

n = case System.argv() do
  [a | _] -> String.to_integer(a)
  _ -> 1_000_000
end

pid = spawn(fn -> PingPong.pong() end)
t0 = System.monotonic_time(:nanosecond)
PingPong.ping(pid, n)
t1 = System.monotonic_time(:nanosecond)
send(pid, :stop)
IO.puts("ping_pong_us_per_round_trip #{(t1 - t0) / n / 1000} us")
