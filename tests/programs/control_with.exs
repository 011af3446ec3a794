# with: <- steps with patterns, guards and pins, matches and bare expressions
# between them, else clauses, the value that did not match without else, a
# loop through with (the do body stays a tail call), with in a process.
defmodule W do
  def fetch(m, k) do
    with {:ok, v} <- Map.fetch(m, k),
         true <- is_integer(v),
         doubled = v * 2,
         IO.puts("got #{v}") do
      {:ok, doubled}
    end
  end

  def safe_div(a, b) do
    with {:ok, a} when is_number(a) <- {:ok, a},
         {:ok, b} when b != 0 <- {:ok, b} do
      a / b
    else
      {:ok, 0} -> :div_by_zero
      {:ok, x} -> {:not_a_number, x}
    end
  end

  def loop(0, acc), do: acc
  def loop(n, acc) do
    with {:ok, m} <- {:ok, n - 1} do
      loop(m, acc + 1)
    end
  end
end
IO.inspect W.fetch(%{a: 1}, :a)
IO.inspect W.fetch(%{a: 1}, :b)
IO.inspect W.fetch(%{a: "x"}, :a)
IO.inspect W.safe_div(4, 2)
IO.inspect W.safe_div(4, 0)
IO.inspect W.safe_div(:x, 1)
IO.inspect W.loop(100_000, 0)
IO.inspect(with do: 1)
IO.inspect(with x <- 5, y = x + 1, do: x * y)
x = 10
IO.inspect(with ^x <- 10, do: :pinned)
IO.inspect(with ^x <- 11, do: :pinned)
IO.inspect(with {:a, y} <- {:a, 2} do
  y
else
  other -> {:else, other}
end)
IO.inspect(x)
parent = self()
pid = spawn(fn ->
  with {:ping, from} <- (receive do m -> m end) do
    send(from, :pong)
  end
end)
send(pid, {:ping, parent})
IO.inspect(receive do m -> m end)
r = with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:error, :nope} do
  a + b
else
  {:error, reason} -> reason
end
IO.inspect r
# scoping: the steps' variables stay inside, a step's value is computed in a
# scope of its own, else sees only what was bound before the with
a = 1
x = with a = 2, do: a
IO.inspect({x, a})
r = with {:ok, a} <- {:ok, 2}, :x <- :y do
  a
else
  _ -> a
end
IO.inspect({r, a})
w = :outer
r2 = with {:ok, v} <- (w = {:ok, 3}), do: {v, w}
IO.inspect({r2, w})
