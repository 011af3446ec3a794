# Access accessors (all, at, at!, elem, key, key!, filter) and function
# accessors in get_in/put_in/update_in/pop_in; to_charlist(nil), invalid
# UTF-8 to a charlist, chunk_every with a non-list leftover
d = %{users: [%{name: "ann", age: 30}, %{name: "bob", age: 25}], t: {1, 2, 3}, m: %{a: 1}}
IO.inspect get_in(d, [:users, Access.all(), :name])
IO.inspect update_in(d, [:users, Access.all(), :age], &(&1 + 1))
IO.inspect put_in(d, [:users, Access.at(0), :name], "ANN")
IO.inspect get_in(d, [:users, Access.at(-1), :age])
IO.inspect get_in(d, [:users, Access.at(5), :age])
IO.inspect update_in(d, [:users, Access.at(5)], fn x -> x end)
IO.inspect pop_in(d, [:users, Access.at(0)])
IO.inspect pop_in(d, [:users, Access.all(), :age])
IO.inspect get_in(d, [:t, Access.elem(1)])
IO.inspect update_in(d, [:t, Access.elem(2)], &(&1 * 10))
IO.inspect get_in(d, [:m, Access.key(:a)])
IO.inspect get_in(d, [:m, Access.key(:z, :dflt)])
IO.inspect put_in(d, [:m, Access.key(:b)], 2)
IO.inspect update_in(d, [:m, Access.key!(:a)], &(&1 + 100))
IO.inspect get_in(d, [:users, Access.filter(&(&1.age > 26)), :name])
IO.inspect update_in(d, [:users, Access.filter(&(&1.age > 26)), :age], &(&1 * 2))
IO.inspect pop_in(d, [:users, Access.filter(&(&1.age > 26))])
IO.inspect get_and_update_in(d, [:users, Access.all(), :age], &{&1, &1 + 1})
IO.inspect get_in(%{a: %{b: 1}}, [:a, fn :get, data, next -> next.(Map.put(data, :c, 2)) end])
IO.inspect get_in([%{n: 1}, %{n: 2}], [fn :get, data, next -> Enum.map(data, next) end, :n])
IO.inspect Access.fetch(%{a: 1}, :a)
IO.inspect Access.fetch([a: 1], :b)
IO.inspect Access.pop([a: 1, b: 2], :a)
IO.inspect Access.get_and_update(%{a: 1}, :a, &{&1, &1 + 1})
IO.inspect get_in(d, [:users, Access.at!(1), :name])
IO.inspect to_charlist(nil)
IO.inspect Enum.chunk_every([1, 2, 3, 4, 5], 3, 3, 10..20)
IO.inspect Enum.chunk_every([1, 2, 3, 4, 5], 3, 3, %{a: 1})
defmodule R do
  # the exception's module and message
  def kind(f) do
    {pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> IO.inspect({e.__struct__, Exception.message(e)})
    end
  end

  def r(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> IO.puts(if is_map(e), do: Exception.message(e), else: inspect(e))
    end
  end
end
R.kind(fn -> get_in(d, [:m, Access.all()]) end)
R.kind(fn -> pop_in(d, [:t, Access.elem(0)]) end)
R.kind(fn -> Access.pop(nil, :a) end)
R.kind(fn -> get_in(d, [:t, Access.key!(:zz)]) end)
R.r(fn -> get_in(d, [:users, Access.at!(9), :name]) end)
R.r(fn -> get_in(d, [:m, Access.key!(:zz)]) end)
R.r(fn -> get_in(d, [:t, Access.key!(:zz)]) end)
R.r(fn -> get_in(d, [:m, Access.all()]) end)
R.r(fn -> pop_in(d, [:t, Access.elem(0)]) end)
R.r(fn -> get_in(d, [:m, Access.elem(0)]) end)
R.r(fn -> get_in(d, [:m, Access.at(0)]) end)
R.r(fn -> String.to_charlist("a\xFFbc") end)
R.r(fn -> to_charlist("\xFF") end)
R.r(fn -> Access.fetch!(%{a: 1}, :b) end)
