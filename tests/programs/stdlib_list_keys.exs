# List.keyfind/keymember?/keydelete/keyreplace/keystore on lists of tuples (== matching, positions, misses).
pairs = [{:a, 1}, {:b, 2}, {:a, 3}]
IO.inspect(List.keyfind(pairs, :a, 0))
IO.inspect(List.keyfind(pairs, 2, 1))
IO.inspect(List.keyfind(pairs, :z, 0))
IO.inspect(List.keyfind(pairs, :a, 5))
IO.inspect(List.keyfind([{1.0, :float}], 1, 0))
IO.inspect(List.keyfind([{"k", 1, :x}], :x, 2))
IO.inspect({List.keymember?(pairs, :b, 0), List.keymember?(pairs, :c, 0)})
IO.inspect(List.keydelete(pairs, :a, 0))
IO.inspect(List.keydelete(pairs, :z, 0))
IO.inspect(List.keyreplace(pairs, :a, 0, {:a, 100}))
IO.inspect(List.keyreplace(pairs, :z, 0, {:z, 100}))
IO.inspect(List.keystore(pairs, :b, 0, {:b, 20}))
IO.inspect(List.keystore(pairs, :c, 0, {:c, 30}))
members = [{:ann, 1}, {:bob, 2}]
IO.inspect(List.keyfind(members, :bob, 0))
