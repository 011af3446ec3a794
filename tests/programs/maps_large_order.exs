# Maps of more than 32 keys: Elixir (OTP 25) lists them in hash-trie order.
m33 = Map.new(1..33, &{&1, &1 * &1})
IO.inspect(m33)
IO.inspect(Map.keys(m33))
IO.inspect(Map.values(m33))
IO.inspect(Map.to_list(m33))
IO.inspect(map_size(m33))

m100 = Map.new(1..100, &{&1, &1})
IO.inspect(m100)
IO.inspect(Map.keys(m100), limit: :infinity)
IO.puts(inspect(m100))

m1000 = Map.new(1..1000, &{&1, rem(&1, 7)})
IO.inspect(Map.keys(m1000) |> Enum.take(60))
IO.inspect(map_size(m1000))

negs = Map.new(-40..40, &{&1, &1 < 0})
IO.inspect(negs)

floats = Map.new(1..40, &{&1 / 4, &1})
IO.inspect(floats)

big = Map.new([576460752303423487, 576460752303423488, -576460752303423489, 9223372036854775807] ++ Enum.to_list(1..30), &{&1, 0})
IO.inspect(Map.keys(big))

words = Map.new(1..50, &{"word#{&1}", &1})
IO.inspect(words)

tuples = Map.new(1..40, &{{&1, "t"}, &1})
IO.inspect(Map.keys(tuples))

lists = Map.new(1..40, &{[&1, &1 + 1], &1})
IO.inspect(Map.keys(lists))

charlists = Map.new(1..35, &{String.to_charlist("c#{&1}"), &1})
IO.inspect(Map.keys(charlists), charlists: :as_lists)

mixed = Map.new(Enum.to_list(1..10) ++ Enum.map(1..10, &(&1 + 0.5)) ++ Enum.map(1..10, &"s#{&1}") ++ Enum.map(1..10, &{&1}), &{&1, 1})
IO.inspect(mixed)

# duplicate keys in Map.new: the last value wins
dups = Map.new(Enum.map(1..80, &{rem(&1, 40), &1}))
IO.inspect(dups)

# back to 32 keys: term order again
IO.inspect(Map.delete(m33, 5))
IO.inspect(Map.drop(m100, Enum.to_list(1..68)))
IO.inspect(Map.keys(Map.delete(Map.delete(m33, 1), 2)))

# merge of two large maps
a = Map.new(1..40, &{&1, :a})
b = Map.new(30..80, &{&1, :b})
IO.inspect(Map.merge(a, b))
IO.inspect(Map.merge(Map.new(1..20, &{&1, 1}), Map.new(21..34, &{&1, 2})) |> Map.keys())

# put into a 32-key map makes it large
m32 = Map.new(1..32, &{&1, 0})
IO.inspect(Map.put(m32, 100, 0) |> Map.keys())
IO.inspect(Map.put(m32, 1, 1) |> Map.keys())

# maps as keys
mk = Map.new(1..35, &{%{&1 => &1}, &1})
IO.inspect(Map.keys(mk))
