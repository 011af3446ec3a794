# inspect of maps of more than 32 keys: hash-trie order, the 50-item limit,
# pretty printing.
m = Map.new(1..60, &{"key#{&1}", &1 * 1.5})
IO.inspect(m)
IO.inspect(m, limit: 5)
IO.inspect(m, limit: :infinity, width: 120)
IO.puts(inspect(m, limit: 3))
IO.inspect([Map.new(1..33, &{&1, [&1]}), :done])
IO.inspect({:ok, Map.new(1..34, &{{&1, &1}, nil})}, label: "tuple keys")
IO.inspect(Map.new(1..40, &{[&1], %{&1 => &1}}), width: 40)
IO.puts("#{inspect(Map.new(1..35, &{&1 * 1.0, &1}))}")
