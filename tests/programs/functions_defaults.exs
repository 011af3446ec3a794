# default arguments: trailing and leading defaults, several of them, a
# bodiless head before clauses, defp, guards, defaults evaluated at each
# call, module attributes as defaults, captures of the generated arities,
# and a generated arity appended to clauses of the same arity.
defmodule D do
  def a(x, y \\ 2), do: x + y
  def b(x \\ 1, y, z \\ 3), do: {x, y, z}
  def c(m, opts \\ [])
  def c(m, []), do: {:empty, m}
  def c(m, opts), do: {m, opts}
  defp p(x \\ :def), do: x
  def q, do: {p(), p(:given)}
  def t(x \\ IO.puts("evaluated")), do: x
  def pat({a, b} \\ {1, 2}), do: a + b
  def g(a, b \\ 1) when a > 0, do: a + b
  def g(a, b), do: {:neg, a, b}
  @d 7
  def at(a \\ @d), do: a
  @d 8
  def at2(a \\ @d), do: a
  def two(a \\ 1, b \\ 2), do: {a, b}
  def one(x), do: {:one, x}
  def one(a, b \\ 1), do: a + b
end

defmodule Counter do
  def start(initial \\ 0), do: spawn(fn -> loop(initial) end)

  defp loop(n) do
    receive do
      {:add, k} -> loop(n + k)
      {:get, from} -> send(from, {:count, n})
    end
  end
end

IO.inspect D.a(1)
IO.inspect D.a(1, 5)
IO.inspect D.b(9)
IO.inspect D.b(8, 9)
IO.inspect D.b(7, 8, 9)
IO.inspect D.c(1)
IO.inspect D.c(1, a: 1)
IO.inspect D.q()
D.t()
D.t()
IO.inspect D.pat()
IO.inspect D.pat({3, 4})
IO.inspect {D.g(1), D.g(-1), D.g(2, 3)}
IO.inspect {D.at(), D.at2()}
IO.inspect {D.two(), D.two(5), D.two(5, 6)}
IO.inspect D.one(3)
IO.inspect Enum.map([1, 2], &D.a/1)
f = &D.two/0
IO.inspect f.()
c = Counter.start()
send(c, {:add, 5})
send(c, {:get, self()})
IO.inspect(receive do m -> m end)
c2 = Counter.start(100)
send(c2, {:get, self()})
IO.inspect(receive do m -> m end)
