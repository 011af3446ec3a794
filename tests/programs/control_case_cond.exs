# case with literals, tuples, guards, pins and catch-alls; cond with the first true clause; nesting; their values.
describe = fn value ->
  case value do
    0 -> "zero"
    n when is_integer(n) and n < 0 -> "negative #{n}"
    {:ok, result} -> "ok: #{inspect(result)}"
    {:error, reason} when is_atom(reason) -> "error atom #{reason}"
    {:error, _} -> "other error"
    [] -> "empty"
    [single] -> "one element #{inspect(single)}"
    [_, _ | _] -> "several"
    %{name: name} -> "named #{name}"
    "hello" <> rest -> "greeting#{rest}"
    x when is_float(x) -> "float"
    _ -> "unknown"
  end
end
for_values = [0, -5, {:ok, [1]}, {:error, :timeout}, {:error, "x"}, [], [:a], [1, 2, 3], %{name: "n", other: 1}, "hello world", 2.5, :z, 7]
Enum.each(for_values, fn v -> IO.puts(describe.(v)) end)
expected = 3
matcher = fn v ->
  case v do
    ^expected -> :matches_pinned
    _other -> :does_not_match
  end
end
IO.inspect({matcher.(3), matcher.(4)})
grade = fn score ->
  cond do
    score >= 90 -> "A"
    score >= 80 -> "B"
    score >= 70 -> "C"
    true -> "F"
  end
end
IO.inspect(Enum.map([95, 85, 75, 10], grade))
IO.inspect(cond do
  nil -> :nil_is_falsy
  0 -> :zero_is_truthy
  true -> :never
end)
nested = case {1, 2} do
  {a, b} ->
    case a + b do
      3 -> cond do
        a > b -> :a_bigger
        true -> :b_bigger_or_equal
      end
      _ -> :other
    end
end
IO.inspect(nested)
v = case :x do
  :x -> 1
  :y -> 2
end + 10
IO.inspect(v)
IO.inspect(case [1, 2, 3] do [h | _] when h > 0 -> h; _ -> nil end)
r = case %{a: 1, b: 2} do
  %{c: _} -> :has_c
  %{a: 1} = m -> {:has_a, map_size(m)}
end
IO.inspect(r)
t = case {:point, 1, 2} do
  {:point, x, x} -> :diagonal
  {:point, x, y} -> {:point, x + y}
end
IO.inspect(t)
IO.inspect(case "abc" do
  "a" <> _ -> :starts_with_a
end)
