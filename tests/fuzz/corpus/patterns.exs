defmodule P do
  def head([h | _]), do: h
  def pair({a, a}), do: :same
  def pair({a, b}), do: {b, a}
  def deep(%{a: [x, {y, _} | rest], b: %{c: z}}), do: {x, y, z, rest}
  def str("hello " <> name), do: name
  def str(s), do: s
end
x = 1
^x = 1
{a, [b | c]} = {2, [3, 4]}
%{k: v} = %{k: :v, j: 1}
IO.inspect {P.head([1]), P.pair({1, 1}), P.pair({1, 2}), P.deep(%{a: [1, {2, 3}, 4], b: %{c: 5}}), P.str("hello bob"), a, b, c, v}
