# fan-in: S senders each send M messages to one server; messages per second.
defmodule FanIn do
  def server(0, parent), do: send(parent, :done)
  def server(n, parent) do
    receive do
      {:msg, _from, _i} -> server(n - 1, parent)
    end
  end

  def sender(_server, 0), do: :ok
  def sender(server, m) do
    send(server, {:msg, self(), m})
    sender(server, m - 1)
  end
end

{s, m} = case System.argv() do
  [a, b | _] -> {String.to_integer(a), String.to_integer(b)}
  _ -> {1000, 1000}
end

me = self()
t0 = System.monotonic_time(:nanosecond)
server = spawn(fn -> FanIn.server(s * m, me) end)
Enum.each(1..s, fn _ -> spawn(fn -> FanIn.sender(server, m) end) end)
receive do
  :done -> :ok
end
t1 = System.monotonic_time(:nanosecond)
IO.puts("fan_in_msgs_per_s #{round(s * m / ((t1 - t0) / 1.0e9))} msgs/s")
