# Enum functions beyond Tier 1's core: chunk_while, count_until, max_by/min_by with a sorter and an empty fallback, min_max and min_max_by, map_every, map_intersperse, flat_map_reduce (with :halt), drop_every, slide, zip_reduce, zip_with/2, reverse_slice, shuffle and take_random (facts only), and the deprecated chunk, filter_map, partition and uniq/2; on lists, ranges, maps (small and over 32 keys) and empty input; errors through a monitor.
defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end

  def id(x), do: x
end

defmodule Cmp do
  # a "module with compare/2" sorter: compares by absolute value
  def compare(a, b) do
    cond do
      abs(a) < abs(b) -> :lt
      abs(a) > abs(b) -> :gt
      true -> :eq
    end
  end
end

big = Map.new(1..40, fn i -> {i * 7, i} end)

# chunk_while
chunk_fun = fn x, acc ->
  if rem(x, 2) == 0, do: {:cont, Enum.reverse([x | acc]), []}, else: {:cont, [x | acc]}
end

after_fun = fn
  [] -> {:cont, []}
  acc -> {:cont, Enum.reverse(acc), []}
end

IO.inspect(Enum.chunk_while(1..10, [], chunk_fun, after_fun))
IO.inspect(Enum.chunk_while([1, 2, 3, 5, 7], [], chunk_fun, after_fun))
IO.inspect(Enum.chunk_while([], [], chunk_fun, after_fun))
IO.inspect(Enum.chunk_while(1..1_000_000_000, 0, fn x, a -> if x > 4, do: {:halt, a}, else: {:cont, x, a + x} end, fn a -> {:cont, {:sum, a}, 0} end))
IO.inspect(Enum.chunk_while(%{a: 1, b: 2, c: 3}, nil, fn {k, v}, _ -> {:cont, k, v} end, fn last -> {:cont, last} end))
IO.inspect(Enum.chunk_while(big, [], fn {k, _}, acc -> if length(acc) == 9, do: {:cont, Enum.reverse([k | acc]), []}, else: {:cont, [k | acc]} end, fn acc -> {:cont, Enum.reverse(acc), []} end))

# count_until
IO.inspect({Enum.count_until(1..20, 5), Enum.count_until(1..20, 50), Enum.count_until([], 1), Enum.count_until(%{a: 1, b: 2}, 2)})
IO.inspect({Enum.count_until(1..20, &(rem(&1, 2) == 0), 7), Enum.count_until(1..20, &(rem(&1, 2) == 0), 11), Enum.count_until([1, nil, 2], & &1, 5)})
IO.inspect(Enum.count_until(1..1_000_000_000_000, &(rem(&1, 7) == 0), 3))
IO.inspect(Enum.count_until(1..1_000_000_000_000, 3))

# max_by / min_by with sorter and fallback
IO.inspect({Enum.max_by(["a", "aa", "aaa", "b", "bbb"], &String.length/1), Enum.min_by(["a", "aa", "aaa", "b", "bbb"], &String.length/1)})
IO.inspect({Enum.max_by([{1, :a}, {1, :b}], &elem(&1, 0), &>/2), Enum.min_by([{1, :a}, {1, :b}], &elem(&1, 0), &</2)})
IO.inspect({Enum.max_by([1, 2, 3], & &1, &<=/2), Enum.min_by([1, 2, 3], & &1, &>=/2)})
IO.inspect({Enum.max_by([-5, 3, 4], & &1, Cmp), Enum.min_by([-5, 3, -3], & &1, Cmp)})
IO.inspect({Enum.max_by([], & &1, fn -> :none end), Enum.min_by([], & &1, fn -> :none end)})
IO.inspect({Enum.max_by([], & &1, &>=/2, fn -> :e1 end), Enum.min_by(%{}, & &1, Cmp, fn -> :e2 end)})
IO.inspect({Enum.max_by([1, 2], & &1, &<=/2, :unused), Enum.max_by(%{a: 2, b: 1}, &elem(&1, 1)), Enum.min_by(1..10, &abs(&1 - 4))})
IO.inspect({Enum.max_by(big, &rem(elem(&1, 1), 5)), Enum.min_by(big, &rem(elem(&1, 1), 5))})

# min_max
IO.inspect({Enum.min_max([2, 3, 1]), Enum.min_max([], fn -> {nil, nil} end), Enum.min_max([1.0, 1, 2, 2.0]), Enum.min_max([2, 2.0, 1, 1.0], fn -> nil end)})
IO.inspect({Enum.min_max(1..10//3, fn -> :empty end), Enum.min_max(10..1//-4), Enum.min_max(5..1//1, fn -> :empty end), Enum.min_max(%{b: 0, a: 1})})

# min_max_by
IO.inspect({Enum.min_max_by(["aaa", "bb", "c"], &String.length/1), Enum.min_max_by(["aaa", "a", "bb", "c", "ccc"], &String.length/1)})
IO.inspect({Enum.min_max_by([], &String.length/1, fn -> nil end), Enum.min_max_by([3, 1, 2], & &1, fn -> :x end)})
IO.inspect({Enum.min_max_by([3, 1, 2], & &1, &>/2), Enum.min_max_by([2, 1, 3, 1, 3], & &1, &<=/2), Enum.min_max_by([-5, 3, 5, -3], & &1, Cmp)})
IO.inspect({Enum.min_max_by([], & &1, &</2, fn -> :empty end), Enum.min_max_by(%{a: 2, b: 1}, &elem(&1, 1)), Enum.min_max_by(1..5, &(-&1))})
IO.inspect(Enum.min_max_by(big, &rem(elem(&1, 1), 6)))

# map_every / drop_every / map_intersperse
IO.inspect(Enum.map_every(1..10, 2, fn x -> x + 1000 end))
IO.inspect(Enum.map_every(1..10, 3, fn x -> x + 1000 end))
IO.inspect({Enum.map_every(1..5, 0, fn x -> x + 1000 end), Enum.map_every([1, 2, 3], 1, fn x -> x + 1000 end), Enum.map_every([], 5, & &1)})
IO.inspect(Enum.map_every(%{a: 1, b: 2, c: 3}, 2, fn {k, v} -> {k, v * 10} end))
IO.inspect(Enum.map_every(big, 9, fn {k, _} -> k end))
IO.inspect({Enum.drop_every(1..10, 2), Enum.drop_every(1..10, 0), Enum.drop_every([1, 2, 3], 1), Enum.drop_every([], 3)})
IO.inspect({Enum.drop_every(1..10, 3), Enum.drop_every(%{a: 1, b: 2, c: 3}, 2), Enum.drop_every(Crash.id(:not_enumerable), 1)})
IO.inspect(Enum.drop_every(big, 2) |> length())
IO.inspect({Enum.map_intersperse([1, 2, 3], :a, &(&1 * 2)), Enum.map_intersperse([], :a, & &1), Enum.map_intersperse([7], :a, & &1)})
IO.inspect({Enum.map_intersperse(1..3, ", ", &Integer.to_string/1), Enum.map_intersperse(%{x: 1}, :sep, &elem(&1, 1))})

# flat_map_reduce
IO.inspect(Enum.flat_map_reduce(1..100, 0, fn x, acc -> if acc < 3, do: {[x], acc + 1}, else: {:halt, acc} end))
IO.inspect(Enum.flat_map_reduce(1..5, 0, fn x, acc -> {[[x]], acc + x} end))
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn x, a -> {x..1, a + x} end))
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn x, a -> {%{x => a}, a + x} end))
IO.inspect(Enum.flat_map_reduce([], :acc, fn x, a -> {[x], a} end))
IO.inspect(Enum.flat_map_reduce(%{a: 1, b: 2}, [], fn {k, v}, a -> {List.duplicate(k, v), [v | a]} end))
IO.inspect(Enum.flat_map_reduce(1..1_000_000_000_000, 0, fn x, a -> if a >= 3, do: {:halt, a}, else: {[x, x], a + 1} end))

# slide
list = [:a, :b, :c, :d, :e, :f, :g]
IO.inspect({Enum.slide(list, 5, 1), Enum.slide(list, 3..5, 1), Enum.slide(list, 1..3, 5)})
IO.inspect({Enum.slide(list, 3..-1//1, 2), Enum.slide(list, -4..-2, 1), Enum.slide(list, 3, -1)})
IO.inspect({Enum.slide(list, 1..10, 0), Enum.slide(list, 4..10, 0), Enum.slide(list, 0, 10), Enum.slide(list, 10, 0)})
IO.inspect({Enum.slide(list, -10..-1, 0), Enum.slide([1, 2, 3, 4, 5], -10, 1), Enum.slide(list, 2..3, -10), Enum.slide(list, 3..3, 3)})
IO.inspect({Enum.slide(list, 3..1//1, 0), Enum.slide(list, -1..-3//1, 0), Enum.slide(list, -1, 9), Enum.slide(list, 0..1, -2)})
IO.inspect({Enum.slide([], 0, 0), Enum.slide([], 0, 1), Enum.slide([1, 2, 3], 1..2, 1)})
IO.inspect({Enum.slide(1..6, 0..1, 5), Enum.slide(1..6, 4..5, 0), Enum.slide(1..6, 4..5, 10), Enum.slide(1..6, 2..3, 4)})
IO.inspect({Enum.slide(1..6, 0..10, 12), Enum.slide(1..6, -3..-1, -6), Enum.slide(1..6, 1, -1), Enum.slide(%{a: 1, b: 2, c: 3}, 0, 2)})
IO.inspect(Enum.slide(big, 0..2, 38) |> Enum.take(-4))

# zip_reduce / zip_with/2
IO.inspect(Enum.zip_reduce([1, 2], [3, 4, 5], [], fn x, y, a -> [{x, y} | a] end))
IO.inspect(Enum.zip_reduce(1..2, %{a: 1, b: 2, c: 3}, [], fn x, y, a -> [{x, y} | a] end))
IO.inspect({Enum.zip_reduce([], [1], 0, fn _, _, a -> a + 1 end), Enum.zip_reduce(1..3, [], 0, fn _, _, a -> a + 1 end)})
IO.inspect(Enum.zip_reduce([[1, 2], [3, 4], [5]], [], fn xs, a -> [xs | a] end))
IO.inspect({Enum.zip_reduce([], 0, fn _, a -> a end), Enum.zip_reduce(%{}, 0, fn _, a -> a end), Enum.zip_reduce([1..3, 4..6], 0, fn [x, y], a -> a + x * y end)})
IO.inspect({Enum.zip_with([[1, 2], [3, 4], [5, 6]], fn [x, y, z] -> x + y + z end), Enum.zip_with([[1, 2], [3, 4]], fn [x, y] -> x + y end)})
IO.inspect({Enum.zip_with([], & &1), Enum.zip_with(%{}, & &1), Enum.zip_with([1..3], & &1), Enum.zip_with([%{a: 1, b: 2}, 1..3], & &1)})
IO.inspect(Enum.zip_with([big, 1..3], & &1))

# reverse_slice
IO.inspect({Enum.reverse_slice([1, 2, 3, 4, 5, 6], 2, 4), Enum.reverse_slice([1, 2, 3], 5, 2), Enum.reverse_slice(1..6, 1, 10), Enum.reverse_slice(1..6, 1, 0)})
IO.inspect({Enum.reverse_slice([], 0, 3), Enum.reverse_slice(%{a: 1, b: 2, c: 3}, 0, 2), Enum.reverse_slice(1..5, 0, 5)})
IO.inspect(Enum.reverse_slice(big, 35, 3))

# shuffle / take_random: facts only
s = Enum.shuffle(1..50)
IO.inspect({length(s), Enum.sort(s) == Enum.to_list(1..50), Enum.shuffle([]), Enum.shuffle([:x]), Enum.sort(Enum.shuffle(%{a: 1, b: 2}))})
IO.inspect({Enum.take_random([], 3), Enum.take_random(1..10, 0), Enum.take_random(Crash.id(:x), 0), Enum.take_random([1], 5), Enum.take_random([], -1)})
r = Enum.take_random(1..100, 10)
IO.inspect({length(r), length(Enum.uniq(r)), Enum.all?(r, &(&1 in 1..100))})
r2 = Enum.take_random([:a, :b, :c], 10)
IO.inspect({length(r2), Enum.sort(r2)})
r3 = Enum.take_random(%{a: 1, b: 2, c: 3}, 2)
IO.inspect({length(r3), Enum.all?(r3, &(&1 in [a: 1, b: 2, c: 3])), length(Enum.uniq(r3))})
IO.inspect(Enum.take_random(1..300, 200) |> Enum.uniq() |> length())
IO.inspect(Enum.take_random([:only], 1))

# deprecated: chunk, filter_map, partition, uniq/2
IO.inspect({Enum.chunk([1, 2, 3, 4, 5], 2), Enum.chunk([1, 2, 3, 4, 5], 2, 1)})
IO.inspect({Enum.chunk([1, 2, 3, 4, 5], 2, 2, nil), Enum.chunk([1, 2, 3, 4, 5], 2, 2, [:x]), Enum.chunk(1..7, 3, 3, [])})
IO.inspect({Enum.filter_map([1, 2, 3, 4], &(rem(&1, 2) == 0), &(&1 * 10)), Enum.filter_map(1..4, &(rem(&1, 2) == 0), &(&1 * 10)), Enum.filter_map(%{a: 1, b: 2}, fn {_, v} -> v > 1 end, fn {k, _} -> k end)})
IO.inspect({Enum.partition([1, 2, 3, 4], &(rem(&1, 2) == 0)), Enum.partition(%{}, & &1)})
IO.inspect({Enum.uniq([1, 2, 3, 4], &rem(&1, 2)), Enum.uniq([{1, :x}, {2, :y}, {1, :z}], &elem(&1, 0)), Enum.uniq([], & &1)})

# errors
IO.inspect(Crash.reason(fn -> Enum.max_by([], & &1) end))
IO.inspect(Crash.reason(fn -> Enum.min_by([], & &1, &<=/2) end))
IO.inspect(Crash.reason(fn -> Enum.max_by([1, 2], Crash.id(5)) end))
IO.inspect(Crash.reason(fn -> Enum.max_by([1, 2], & &1, Crash.id(7)) end))
IO.inspect(Crash.reason(fn -> Enum.max_by([], & &1, fn -> :a end, fn -> :b end) end))
IO.inspect(Crash.reason(fn -> Enum.min_max([]) end))
IO.inspect(Crash.reason(fn -> Enum.min_max(5..1//1) end))
IO.inspect(Crash.reason(fn -> Enum.min_max([], Crash.id(5)) end))
IO.inspect(Crash.reason(fn -> Enum.min_max_by([], & &1) end))
IO.inspect(Crash.reason(fn -> Enum.min_max_by([1], & &1, Crash.id(7)) end))
IO.inspect(Crash.reason(fn -> Enum.min_max_by([1], & &1, fn -> :a end, fn -> :b end) end))
IO.inspect(Crash.reason(fn -> Enum.count_until([1, 2, 3], Crash.id(0)) end))
IO.inspect(Crash.reason(fn -> Enum.count_until([1, 2, 3], & &1, Crash.id(-1)) end))
IO.inspect(Crash.reason(fn -> Enum.count_until(Crash.id(5), 5) end))
IO.inspect(Crash.reason(fn -> Enum.map_every([1, 2, 3], Crash.id(-1), & &1) end))
IO.inspect(Crash.reason(fn -> Enum.map_every(Crash.id(5), 2, & &1) end))
IO.inspect(Crash.reason(fn -> Enum.drop_every([1, 2, 3], Crash.id(-1)) end))
IO.inspect(Crash.reason(fn -> Enum.drop_every(Crash.id(5), 0) end))
IO.inspect(Crash.reason(fn -> Enum.reverse_slice([1, 2, 3], Crash.id(-1), 2) end))
IO.inspect(Crash.reason(fn -> Enum.take_random([1, 2], Crash.id(-1)) end))
IO.inspect(Crash.reason(fn -> Enum.shuffle(Crash.id(5)) end))
IO.inspect(Crash.reason(fn -> Enum.flat_map_reduce([1, 2, 3], 0, fn x, a -> {x, a + x} end) end))
IO.inspect(Crash.reason(fn -> Enum.flat_map_reduce([1, 2, 3], 0, fn _, _ -> Crash.id(:bad) end) end))
IO.inspect(Crash.reason(fn -> Enum.chunk_while([1, 2, 3], [], fn _, _ -> Crash.id(:bad) end, fn a -> {:cont, a} end) end))
IO.inspect(Crash.reason(fn -> Enum.chunk_while([], [], fn _, a -> {:cont, a} end, fn _ -> Crash.id(:bad2) end) end))
IO.inspect(Crash.reason(fn -> Enum.chunk([1, 2, 3], Crash.id(0)) end))
IO.inspect(Crash.reason(fn -> Enum.slide(list, 1..3, 2) end))
IO.inspect(Crash.reason(fn -> Enum.slide(list, 3..1, 0) end))
IO.inspect(Crash.reason(fn -> Enum.slide(list, -10, 1) end))
IO.inspect(Crash.reason(fn -> Enum.slide(list, 1..5//2, 0) end))
IO.inspect(Crash.reason(fn -> Enum.slide([1, 2], Crash.id(:a), 2) end))
IO.inspect(Crash.reason(fn -> Enum.slide(Crash.id(5), 0, 2) end))
IO.inspect(Crash.reason(fn -> Enum.zip_reduce([], Crash.id(5), 0, fn _, _, a -> a end) end))
IO.inspect(Crash.reason(fn -> Enum.zip_reduce([], [], 0, Crash.id(5)) end))
IO.inspect(Crash.reason(fn -> Enum.zip_reduce([], 0, Crash.id(5)) end))
IO.inspect(Crash.reason(fn -> Enum.zip_with([[1, 2], Crash.id(5)], & &1) end))
IO.inspect(Crash.reason(fn -> Enum.zip_with([[1]], Crash.id(5)) end))
