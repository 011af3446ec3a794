defmodule G do
  def f(x) when is_integer(x) and x > 0, do: :pos
  def f(x) when is_integer(x) and (x < 0 or x == -1), do: :neg
  def f(x) when x in [1, 2, 3] or is_atom(x), do: :small
  def f(x) when not is_list(x) and is_map(x), do: map_size(x)
  def f(x) when elem(x, 0) == :ok, do: elem(x, 1)
  def f(_), do: :other
end
IO.inspect {G.f(1), G.f(-1), G.f(:a), G.f(%{a: 1}), G.f({:ok, 2}), G.f("s")}
