# Every type-check guard of Tier 1 in function heads, fn clauses and case clauses, including is_function/2 and is_nil.
defmodule Kind do
  def of(x) when is_nil(x), do: :nil
  def of(x) when is_boolean(x), do: :boolean
  def of(x) when is_atom(x), do: :atom
  def of(x) when is_integer(x), do: :integer
  def of(x) when is_float(x), do: :float
  def of(x) when is_binary(x), do: :binary
  def of(x) when is_list(x), do: :list
  def of(x) when is_tuple(x), do: :tuple
  def of(x) when is_map(x), do: :map
  def of(x) when is_pid(x), do: :pid
  def of(x) when is_reference(x), do: :reference
  def of(x) when is_function(x, 0), do: :function0
  def of(x) when is_function(x, 2), do: :function2
  def of(x) when is_function(x), do: :function
  def number?(x) when is_number(x), do: true
  def number?(_), do: false
end
values = [nil, true, false, :a, 1, -1, 1.5, "s", "", 'cl', [], [1], {}, {1}, %{}, %{a: 1}, self(), make_ref(), fn -> 1 end, fn a, b -> a + b end, fn a -> a end, &Kind.of/1, 1..2]
IO.inspect(Enum.map(values, &Kind.of/1))
IO.inspect(Enum.map(values, &Kind.number?/1))
classify = fn
  x when is_atom(x) and not is_boolean(x) -> :plain_atom
  x when is_number(x) and x > 0 -> :positive
  x when is_number(x) -> :non_positive
  _ -> :other
end
IO.inspect(Enum.map([:a, true, nil, 5, 0, -2.5, "x"], classify))
check = fn v ->
  case v do
    x when is_list(x) and length(x) > 2 -> :long_list
    x when is_list(x) -> :short_list
    x when is_tuple(x) and tuple_size(x) == 2 -> :pair
    x when is_map(x) and map_size(x) == 0 -> :empty_map
    x when is_binary(x) and byte_size(x) > 3 -> :long_binary
    _ -> :something
  end
end
IO.inspect(Enum.map([[1, 2, 3], [1], {1, 2}, {1}, %{}, %{a: 1}, "hello", "hi"], check))
IO.inspect(Enum.filter(values, &is_atom/1))
IO.inspect(Enum.count(values, &is_function/1))
IO.inspect(Enum.reject(values, fn v -> is_list(v) or is_tuple(v) or is_map(v) or is_pid(v) or is_reference(v) or is_function(v) end))
