# Patterns in function heads: literals of every type, nested tuples and lists, map subsets, string prefixes, repeated variables, underscore names, clause order, multi-argument heads.
defmodule P do
  def lit(0), do: :zero_int
  def lit(0.0), do: :zero_float
  def lit(:ok), do: :atom_ok
  def lit("ok"), do: :string_ok
  def lit('ok'), do: :charlist_ok
  def lit(nil), do: :nil
  def lit(true), do: :true
  def lit([]), do: :empty_list
  def lit({}), do: :empty_tuple
  def lit(%{}), do: :any_map
  def lit(_), do: :other
  def shape({:circle, r}), do: {:circle, r}
  def shape({:rect, w, w}), do: {:square, w}
  def shape({:rect, w, h}), do: {:rect, w, h}
  def shape([{:point, x, y} | _]), do: {:first_point, x, y}
  def shape(%{kind: :line, from: {x1, _}, to: {x2, _}}), do: {:line_dx, x2 - x1}
  def cmd("get " <> key), do: {:get, key}
  def cmd("set " <> rest), do: {:set, rest}
  def cmd(_other), do: :unknown
  def same(x, x), do: :same
  def same(_x, _y), do: :different
  def head_tail([h | t]), do: {h, t}
  def head_tail([]), do: :empty
  def two_lists([a | _], [b | _]), do: a + b
  def deep({:a, [{:b, %{c: [_, second | _]}}]}), do: second
  def bin_and_var(""), do: :no_bytes
  def bin_and_var(s) when is_binary(s), do: {:bytes, byte_size(s)}
  def kw([{:name, n} | _]), do: n
  def kw(_), do: nil
end
values = [0, 0.0, :ok, "ok", 'ok', nil, true, [], {}, %{}, %{a: 1}, 1, "x"]
IO.inspect(Enum.map(values, &P.lit/1))
IO.inspect(P.shape({:circle, 2}))
IO.inspect(P.shape({:rect, 3, 3}))
IO.inspect(P.shape({:rect, 3, 4}))
IO.inspect(P.shape([{:point, 1, 2}, {:point, 3, 4}]))
IO.inspect(P.shape(%{kind: :line, from: {1, 0}, to: {7, 0}, color: :red}))
IO.inspect(Enum.map(["get name", "set a 1", "del x", "get "], &P.cmd/1))
IO.inspect({P.same(1, 1), P.same(1, 1.0), P.same("a", "a"), P.same([1], [1]), P.same(:a, :b)})
IO.inspect({P.head_tail([1, 2, 3]), P.head_tail([]), P.head_tail('ab')})
IO.inspect(P.two_lists([1, 2], [10, 20]))
IO.inspect(P.deep({:a, [{:b, %{c: [1, 2, 3], d: 0}}]}))
IO.inspect({P.bin_and_var(""), P.bin_and_var("abc")})
IO.inspect({P.kw(name: "n", age: 1), P.kw(age: 1, name: "n"), P.kw([])})
{a, {b, [c, {d}]}} = {1, {2, [3, {4}]}}
IO.inspect(a + b + c + d)
%{"string key" => sv, atom_key: av} = %{"string key" => :s, atom_key: :a, extra: 0}
IO.inspect({sv, av})
[first, _, third] = ["a", "b", "c"]
IO.inspect({first, third})
{:ok, %{list: [_ | rest]}} = {:ok, %{list: [0, 1, 2]}}
IO.inspect(rest)
