# Regenerates map_order_cases.inc (test_map_order.c): elixir map_order_cases.exs,
# then wrap each output line as a C string literal.
big = Map.new(1..33, &{&1 * 7, &1})
sets = [
  Enum.to_list(1..33),
  Enum.to_list(1..40),
  Enum.to_list(1..100),
  Enum.to_list(-50..50),
  Enum.to_list(0..255) ++ [256, 1000, 65535, 65536, 1_000_000],
  Enum.map(0..40, &(&1 * 1_000_003)),
  Enum.to_list(1..30) ++ [576460752303423487, 576460752303423488, -576460752303423488, -576460752303423489, 9223372036854775807, -9223372036854775808, 4611686018427387904, 4294967296, 4294967295, -4294967296],
  Enum.map(1..40, &(&1 / 3)),
  Enum.map(-20..20, &(&1 * 0.5)),
  [0.0, 1.0e100, -1.0e-100, 3.14159, 2.718281828] ++ Enum.to_list(1..30) ++ [1.0, 2.0],
  Enum.map(1..40, &"k#{&1}"),
  Enum.map(1..50, &String.duplicate("ab", &1)),
  ["", "a", "é", "hello world", "twelve bytes", "thirteen byte", "0123456789ab", <<0, 255, 1>>] ++ Enum.map(1..30, &Integer.to_string/1),
  Enum.map(1..40, &{&1, "x"}),
  Enum.map(1..40, &{&1, &1 * 2.5, {}}),
  [{}, {1}, {1, 2}, {[], []}] ++ Enum.map(1..30, &{&1}),
  Enum.map(1..40, &[&1]),
  Enum.map(1..40, &[&1, &1 + 1000, &1]),
  Enum.map(1..40, &String.to_charlist("abc#{&1}")),
  Enum.map(1..40, &[&1 | 2]),
  Enum.map(1..40, &[[&1], "s", [300 | &1]]),
  [[], [[]], [0], [255], [256], [-1], [1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] ++ Enum.to_list(1..30),
  Enum.map(1..40, &%{&1 => &1}),
  Enum.map(1..40, &%{"a" => &1, 2 => [&1]}),
  [big] ++ Enum.to_list(1..32),
  Enum.to_list(1..20) ++ Enum.map(1..10, &(&1 + 0.5)) ++ Enum.map(1..10, &"#{&1}") ++ Enum.map(1..10, &{&1}) ++ Enum.map(1..10, &[&1]),
  Enum.to_list(1..1000),
  Enum.map(1..300, &"word#{&1}"),
]
opts = [limit: :infinity, charlists: :as_lists, binaries: :as_binaries, structs: false, width: :infinity, printable_limit: :infinity]
for s <- sets do
  m = Map.new(s, &{&1, 0})
  IO.puts(inspect(Map.keys(m), opts))
end
