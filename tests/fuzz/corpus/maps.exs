m = %{:a => 1, "b" => 2, 3 => [4]}
m2 = %{m | :a => 10}
k = %{a: 1, b: 2}
k2 = %{k | b: 3}
IO.inspect {m, m2, k2.b, k[:a], Map.get(m, "b"), Map.put(k, :c, 1), map_size(k2)}
kw = [a: 1, b: 2]
IO.inspect {kw[:a], Keyword.get(kw, :b), [{:c, 3} | kw]}
