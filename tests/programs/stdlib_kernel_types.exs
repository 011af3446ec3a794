# The is_* type checks (including is_function/2, is_nil, is_boolean on nil) over every Tier 1 data type, hd/tl/length.
values = [42, -1.5, :atom, nil, true, "bin", 'chars', [], [1, 2], {}, {1, 2}, %{}, %{a: 1}, 1..3, self(), make_ref(), fn x -> x end, &Enum.map/2]
checks = [
  {"is_atom", &is_atom/1}, {"is_binary", &is_binary/1}, {"is_boolean", &is_boolean/1}, {"is_float", &is_float/1},
  {"is_function", &is_function/1}, {"is_integer", &is_integer/1}, {"is_list", &is_list/1}, {"is_map", &is_map/1},
  {"is_nil", &is_nil/1}, {"is_number", &is_number/1}, {"is_pid", &is_pid/1}, {"is_reference", &is_reference/1},
  {"is_tuple", &is_tuple/1}
]
Enum.each(checks, fn {name, f} ->
  IO.puts(name <> ": " <> Enum.join(Enum.map(values, fn v -> if f.(v), do: "1", else: "." end)))
end)
IO.inspect({is_function(fn x -> x end, 1), is_function(fn x -> x end, 2), is_function(&Enum.map/2, 2), is_function(:a, 0)})
IO.inspect({hd([1, 2]), tl([1, 2]), tl([1]), length([]), length([1, [2, 3]])})
IO.inspect({hd('abc'), length('héllo')})
