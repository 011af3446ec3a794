# then/2, tap/2, match?/2, to_charlist/1 and the nested-access functions
# (get_in/2, put_in/3, update_in/3, get_and_update_in/3, pop_in/2).
defmodule Acc do
  def bump(state, path), do: update_in(state, path, &(&1 + 1))
  def ok?(x), do: match?({:ok, _}, x)
  def big_ok?(x), do: match?({:ok, n} when is_integer(n) and n > 10, x)

  # the message of the error a function dies of, from its own process
  def report(f) do
    {pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> IO.puts(Exception.message(e))
    end
  end
end

# then and tap: the function is evaluated before the value
then(IO.inspect(1), (IO.inspect(2); fn x -> x end)) |> IO.inspect()
tap(IO.inspect(3), (IO.inspect(4); fn x -> IO.inspect(x + 10) end)) |> IO.inspect()
[1, 2, 3] |> then(&Enum.sum/1) |> IO.inspect()
[1, 2, 3] |> Enum.map(&(&1 * 2)) |> tap(&IO.inspect(length(&1))) |> Enum.sum() |> IO.inspect()
5 |> then(fn x -> x * x end) |> then(&(&1 + 1)) |> IO.inspect()
IO.inspect(tap(tap(:a, &IO.inspect/1), &IO.inspect/1))

# match?
IO.inspect(match?({:ok, _}, {:ok, 1}))
IO.inspect(match?({:ok, _}, :error))
x = 5
IO.inspect(match?(^x, 5))
IO.inspect(match?(^x, 6))
IO.inspect(match?(y when y > 4, x))
IO.inspect(match?([_ | _], []))
IO.inspect(match?(%{a: _}, %{a: 1, b: 2}))
IO.inspect(match?("he" <> _, "hello"))
IO.inspect(Enum.filter([{:ok, 1}, :error, {:ok, 20}], &match?({:ok, _}, &1)))
IO.inspect(Enum.map([{:ok, 1}, :error, {:ok, 20}, {:ok, :x}], &Acc.big_ok?/1))
IO.inspect(Acc.ok?({:ok, nil}))
IO.inspect(if match?({:error, _}, {:error, :x}), do: "failed", else: "fine")

# to_charlist
IO.inspect(to_charlist("héllo"))
IO.inspect(to_charlist(123))
IO.inspect(to_charlist(-7))
IO.inspect(to_charlist(:abc))
IO.inspect(to_charlist('x'))
IO.inspect(to_charlist(1.5))
IO.inspect("abc" |> to_charlist() |> Enum.reverse())

# nested access
d = %{a: %{b: 1}, l: [x: 1]}
IO.inspect(get_in(d, [:a, :b]))
IO.inspect(get_in(d, [:l, :x]))
IO.inspect(get_in(d, [:z, :b]))
IO.inspect(get_in(d, [:a]))
IO.inspect(put_in(d, [:a, :b], 2))
IO.inspect(put_in(d, [:l, :y], 2))
IO.inspect(put_in(d, [:a, :c], 3))
IO.inspect(update_in(d, [:a, :b], &(&1 + 1)))
IO.inspect(update_in(d, [:a, :c], fn nil -> 0 end))
IO.inspect(update_in(d, [:l, :x], &(&1 * 100)))
IO.inspect(pop_in(d, [:a, :b]))
IO.inspect(pop_in(d, [:l, :x]))
IO.inspect(pop_in(d, [:q, :x]))
IO.inspect(pop_in(d, [:a]))
IO.inspect(get_and_update_in(d, [:a, :b], &{&1, &1 * 10}))
IO.inspect(get_and_update_in(d, [:a, :b], fn _ -> :pop end))
IO.inspect(put_in([a: [b: 1]], [:a, :b], 5))
IO.inspect(Acc.bump(%{users: %{"ann" => %{visits: 1}}}, [:users, "ann", :visits]))

counts =
  Enum.reduce([:a, :b, :a, :c, :a], %{seen: %{}}, fn k, acc ->
    update_in(acc, [:seen], &Map.update(&1, k, 1, fn n -> n + 1 end))
  end)

IO.inspect(counts)

# errors, each in a process of its own
Acc.report(fn -> update_in(%{}, [:a, :b], fn x -> x end) end)
Acc.report(fn -> pop_in(nil, [:a]) end)
Acc.report(fn -> to_charlist(%{}) end)
