# A stateful server loop: the state lives in the arguments of a recursive loop.
defmodule Counter do
  def start(initial), do: spawn(fn -> loop(initial) end)

  defp loop(count) do
    receive do
      {:add, n} ->
        loop(count + n)

      {:get, caller} ->
        send(caller, {:count, count})
        loop(count)

      :stop ->
        IO.puts("counter stopping at #{count}")
    end
  end
end

counter = Counter.start(0)
send(counter, {:add, 5})
send(counter, {:add, 10})
send(counter, {:get, self()})

receive do
  {:count, c} -> IO.puts("count is #{c}")
end

send(counter, :stop)
Process.sleep(10)
