# More Keyword, List and Map functions: Keyword pop*/replace*/update!/get_and_update*/validate*/merge/3/split/filter/reject/new/2, List pop_at/keytake/keyfind!/keysort/3/starts_with?/improper?/ascii_printable?/to_integer/to_float/to_atom/to_charlist, Map pop!/pop_lazy/replace_lazy/get_and_update!/from_keys; errors seen by a monitor. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
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

defmodule ByLength do
  def compare(a, b) do
    cond do
      length(a) < length(b) -> :lt
      length(a) > length(b) -> :gt
      true -> :eq
    end
  end
end

kw = [a: 1, b: 2, a: 3, c: 4]
IO.puts("-- Keyword")
IO.inspect({Keyword.delete(kw, :a, 3), Keyword.delete(kw, :a, 9), Keyword.delete(kw, :z, 1)})
IO.inspect({Keyword.delete_first(kw, :a), Keyword.delete_first(kw, :z)})
IO.inspect({Keyword.equal?([a: 1, b: 2], [b: 2, a: 1]), Keyword.equal?([a: 1], [a: 1.0]), Keyword.equal?([a: 1, a: 1], [a: 1])})
IO.inspect(Keyword.filter(kw, fn {k, v} -> k == :a or v > 3 end))
IO.inspect(Keyword.reject(kw, fn {_k, v} -> rem(v, 2) == 1 end))
IO.inspect({Keyword.from_keys([:x, :y, :x], 0), Keyword.from_keys([], 0)})
IO.inspect(Keyword.get_and_update(kw, :a, fn v -> {v, v * 10} end))
IO.inspect(Keyword.get_and_update(kw, :a, fn _ -> :pop end))
IO.inspect(Keyword.get_and_update(kw, :z, fn v -> {v, :new} end))
IO.inspect(Keyword.get_and_update(kw, :z, fn _ -> :pop end))
IO.inspect(Keyword.get_and_update!(kw, :a, fn v -> {v, v + 100} end))
IO.inspect(Keyword.get_and_update!(kw, :c, fn _ -> :pop end))
IO.inspect({Keyword.get_lazy(kw, :b, fn -> :lazy end), Keyword.get_lazy(kw, :z, fn -> :lazy end)})
IO.inspect(Keyword.map(kw, fn {k, v} -> {k, v} end))
IO.inspect(Keyword.merge([a: 1, b: 2, a: 5], [a: 3, d: 4, a: 7], fn k, v1, v2 -> {k, v1, v2} end))
IO.inspect(Keyword.merge([], [a: 1], fn _, _, _ -> :never end))
IO.inspect(Keyword.new([:b, :a, :b], fn x -> {x, Atom.to_string(x)} end))
IO.inspect(Keyword.new(%{x: 1, y: 2}, fn {k, v} -> {k, v * 2} end))
IO.inspect({Keyword.pop(kw, :a), Keyword.pop(kw, :z), Keyword.pop(kw, :z, :dflt)})
IO.inspect({Keyword.pop!(kw, :a), Keyword.pop_first(kw, :a), Keyword.pop_first(kw, :z), Keyword.pop_first(kw, :z, 0)})
IO.inspect({Keyword.pop_lazy(kw, :c, fn -> :lazy end), Keyword.pop_lazy(kw, :z, fn -> :lazy end)})
IO.inspect({Keyword.pop_values(kw, :a), Keyword.pop_values(kw, :z)})
IO.inspect({Keyword.put_new_lazy(kw, :a, fn -> :lazy end), Keyword.put_new_lazy([b: 1], :a, fn -> :lazy end)})
IO.inspect({Keyword.replace(kw, :a, 0), Keyword.replace(kw, :z, 0)})
IO.inspect(Keyword.replace!(kw, :c, 0))
IO.inspect({Keyword.replace_lazy(kw, :a, &(&1 * 2)), Keyword.replace_lazy(kw, :z, &(&1 * 2))})
IO.inspect(Keyword.split(kw, [:a, :c, :e]))
IO.inspect({Keyword.to_list(kw), Keyword.size(kw), Keyword.update!(kw, :a, &(-&1))})
IO.inspect(Keyword.validate([], [:a, b: 2]))
IO.inspect(Keyword.validate([a: 1, c: 3], [:a, b: 2, c: 0, d: 4]))
IO.inspect(Keyword.validate([c: 1, a: 1], [:a, :b, c: 2]))
IO.inspect(Keyword.validate([a: 1, x: 2, y: 3], [:a]))
IO.inspect(Keyword.validate([a: 1, a: 2], [:a]))
IO.inspect(Keyword.validate!([b: 1], [:a, b: 2]))
IO.inspect(Keyword.validate!([a: 9], [a: 1, b: 2]))

IO.puts("-- Keyword errors")
IO.inspect(Crash.reason(fn -> Keyword.pop!(Crash.id([a: 1]), :b) end))
IO.inspect(Crash.reason(fn -> Keyword.replace!(Crash.id([a: 1, b: 2]), :c, 0) end))
IO.inspect(Crash.reason(fn -> Keyword.update!(Crash.id([a: 1]), :b, &(&1 + 1)) end))
IO.inspect(Crash.reason(fn -> Keyword.get_and_update!(Crash.id([a: 1, b: 2]), :c, fn x -> {x, 1} end) end))
IO.inspect(Crash.reason(fn -> Keyword.get_and_update(Crash.id([a: 1]), :a, fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Keyword.get_and_update!(Crash.id([a: 1]), :a, fn _ -> :nope end) end))
IO.inspect(Crash.reason(fn -> Keyword.validate(Crash.id([{:a, 1}, :b]), [:a]) end))
IO.inspect(Crash.reason(fn -> Keyword.validate(Crash.id([{:c, 1}, :b]), [:a]) end))
IO.inspect(Crash.reason(fn -> Keyword.validate(Crash.id([a: 1]), [:a, "x"]) end))
IO.inspect(Crash.reason(fn -> Keyword.validate!(Crash.id([a: 1, c: 2, a: 3, d: 4]), [:a, b: 2]) end))
IO.inspect(Crash.reason(fn -> Keyword.validate!(Crash.id([a: 1, a: 3]), [:a, b: 2]) end))
IO.inspect(Crash.reason(fn -> Keyword.filter(Crash.id([1]), fn _ -> true end) end))
IO.inspect(Crash.reason(fn -> Keyword.new([1], fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Keyword.new([1], fn x -> {x, x} end) end))
IO.inspect(Crash.reason(fn -> Keyword.merge(Crash.id([1]), [a: 1], fn _, _, _ -> 1 end) end))
IO.inspect(Crash.reason(fn -> Keyword.merge(Crash.id([a: 1]), [{"a", 1}], fn _, _, _ -> 1 end) end))
IO.inspect(Crash.reason(fn -> Keyword.pop(Crash.id([a: 1]), "a") end))
IO.inspect(Crash.reason(fn -> Keyword.to_list(Crash.id(%{})) end))

IO.puts("-- List")
list = [:a, :b, :c, :d]
IO.inspect({List.pop_at(list, 0), List.pop_at(list, 2), List.pop_at(list, -1), List.pop_at(list, 9), List.pop_at(list, -9, :none)})
IO.inspect({List.pop_at([], 0), List.pop_at(list, 4, :dflt)})
IO.inspect({List.starts_with?([1, 2, 3], [1, 2]), List.starts_with?([1, 2], [1, 2, 3]), List.starts_with?([], []), List.starts_with?([1], [2])})
IO.inspect({List.to_integer('123'), List.to_integer('-12'), List.to_integer('+7'), List.to_integer('ff', 16), List.to_integer('Z', 36)})
IO.inspect({List.to_float('1.5'), List.to_float('-0.25e2'), List.to_float('1.5e3')})
IO.inspect({List.to_atom('hello'), List.to_atom('with space'), List.to_atom([0x1F600]), List.to_existing_atom('hello')})
IO.inspect(List.to_charlist([?a, "bé", [?c, ["d"]] | "ef"]))
IO.inspect({List.to_charlist([]), List.to_charlist(["", [[]]]), List.to_charlist([0x1F600])})
pairs = [{:b, 2, "x"}, {:a, 1, "y"}, {:c, 2, "z"}, {:a, 0, "w"}]
IO.inspect({List.keytake(pairs, :a, 0), List.keytake(pairs, 2, 1), List.keytake(pairs, :z, 0), List.keytake(pairs, "w", 5)})
IO.inspect({List.keyfind!(pairs, :c, 0), List.keyfind!(pairs, 2, 1)})
IO.inspect(List.keysort(pairs, 1, :asc))
IO.inspect(List.keysort(pairs, 1, :desc))
IO.inspect(List.keysort(pairs, 0, fn a, b -> a >= b end))
IO.inspect(List.keysort([{[1, 2]}, {[3]}, {[]}, {[4]}], 0, ByLength))
IO.inspect(List.keysort([{[1, 2]}, {[3]}, {[]}, {[4]}], 0, {:desc, ByLength}))
IO.inspect(List.keysort([{[1, 2]}, {[3]}, {[]}, {[4]}], 0, {:asc, ByLength}))
IO.inspect({List.keysort([{1, :x}, {1.0, :y}, {0, :z}], 0, :desc), List.keysort([], 3, :desc)})
IO.inspect({List.improper?([1, 2]), List.improper?([1 | 2]), List.improper?([]), List.improper?([1, 2 | :t])})
IO.inspect({List.ascii_printable?('abc'), List.ascii_printable?('a\nb\e'), List.ascii_printable?('é'), List.ascii_printable?([])})
IO.inspect({List.ascii_printable?([?a, :b]), List.ascii_printable?([?a | ?b]), List.ascii_printable?('ab' ++ [200], 2), List.ascii_printable?('ab' ++ [200], 3), List.ascii_printable?([1], 0)})

IO.puts("-- List errors")
IO.inspect(Crash.reason(fn -> List.to_integer(Crash.id('abc')) end))
IO.inspect(Crash.reason(fn -> List.to_integer(Crash.id("12")) end))
IO.inspect(Crash.reason(fn -> List.to_integer(Crash.id(['1', ?2])) end))
IO.inspect(Crash.reason(fn -> List.to_integer(Crash.id('12'), 1) end))
IO.inspect(Crash.reason(fn -> List.to_float(Crash.id('1')) end))
IO.inspect(Crash.reason(fn -> List.to_atom(Crash.id(:a)) end))
IO.inspect(Crash.reason(fn -> List.to_existing_atom(Crash.id('nonexisting_zzq_atom')) end))
e = Crash.reason(fn -> List.to_charlist(Crash.id([?a, "b", -1, ?c])) end)
IO.inspect({e.__struct__, e.message, e.encoded})
e = Crash.reason(fn -> List.to_charlist(Crash.id([?a, [0x110000], ?c])) end)
IO.inspect({e.__struct__, e.message, e.encoded})
e = Crash.reason(fn -> List.to_charlist(Crash.id([?a, [0xD800]])) end)
IO.inspect({e.__struct__, e.message, e.encoded})
IO.inspect(Crash.reason(fn -> List.to_charlist(Crash.id([?a, [:a], ?c])) end))
IO.inspect(Crash.reason(fn -> List.to_charlist(Crash.id([?a | :b])) end))
IO.inspect(Crash.reason(fn -> List.to_charlist(Crash.id([1.0])) end))
IO.inspect(Crash.reason(fn -> List.to_charlist(Crash.id(:a)) end))
IO.inspect(Crash.reason(fn -> List.pop_at(Crash.id([1]), :a) end))
IO.inspect(Crash.reason(fn -> List.improper?(Crash.id(:a)) end))
IO.inspect(Crash.reason(fn -> List.starts_with?(Crash.id([1]), :a) end))
IO.inspect(Crash.reason(fn -> List.starts_with?(Crash.id(:a), []) end))
IO.inspect(Crash.reason(fn -> List.keyfind!(Crash.id([a: 1]), :b, 0) end))
IO.inspect(Crash.reason(fn -> List.keyfind!(Crash.id([{1, "one"}]), "one", 0) end))
IO.inspect(Crash.reason(fn -> List.keysort(Crash.id([a: 1]), :x, :desc) end))
IO.inspect(Crash.reason(fn -> List.ascii_printable?(Crash.id('a'), -1) end))
IO.inspect(Crash.reason(fn -> List.ascii_printable?(Crash.id(:a)) end))

IO.puts("-- Map")
m = %{a: 1, b: 2}
IO.inspect({Map.from_keys([:x, :y, :x], 0), Map.from_keys([], 0), Map.from_keys([1, "a", :b], nil)})
IO.inspect({Map.pop!(m, :a), Map.pop_lazy(m, :b, fn -> :lazy end), Map.pop_lazy(m, :z, fn -> :lazy end)})
IO.inspect({Map.replace_lazy(m, :a, &(&1 * 10)), Map.replace_lazy(m, :z, &(&1 * 10))})
IO.inspect({Map.get_and_update!(m, :a, fn v -> {v, v + 1} end), Map.get_and_update!(m, :b, fn _ -> :pop end)})
IO.inspect({Map.map(m, fn {k, v} -> {k, v} end), Map.size(m), Map.size(%{})})
IO.inspect(Map.get_and_update(m, :z, fn v -> {v, 0} end))

IO.puts("-- Map errors")
IO.inspect(Crash.reason(fn -> Map.pop!(Crash.id(%{a: 1}), :b) end))
IO.inspect(Crash.reason(fn -> Map.pop!(Crash.id(:x), :b) end))
IO.inspect(Crash.reason(fn -> Map.pop_lazy(Crash.id(:x), :b, fn -> 1 end) end))
IO.inspect(Crash.reason(fn -> Map.replace_lazy(Crash.id(:x), :b, fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Map.get_and_update!(Crash.id(%{a: 1}), :b, fn x -> {x, 1} end) end))
IO.inspect(Crash.reason(fn -> Map.get_and_update!(Crash.id(%{a: 1}), :a, fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Map.get_and_update(Crash.id(%{a: 1}), :a, fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Map.from_keys(Crash.id(:x), 1) end))
IO.inspect(Crash.reason(fn -> Map.from_keys(Crash.id([1 | 2]), 1) end))
IO.inspect(Crash.reason(fn -> Map.map(Crash.id(:x), fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Map.size(Crash.id([])) end))
