# List and Keyword functions that take closures (the rest are C BIFs in
# bif_data.c).
defmodule List do
  def foldl(list, acc, fun) when is_list(list) and is_function(fun, 2), do: Enum.reduce(list, acc, fun)

  def foldr(list, acc, fun) when is_list(list) and is_function(fun, 2) do
    Enum.reduce(:lists.reverse(list), acc, fun)
  end

  # stable, as Elixir's (:lists.keysort)
  def keysort(list, position) when is_list(list) and is_integer(position),
    do: Enum.sort_by(list, fn t -> elem(t, position) end)

  def update_at(list, index, fun) when is_list(list) and is_function(fun, 1) and is_integer(index) do
    i = if index < 0, do: length(list) + index, else: index

    if i < 0 or i >= length(list) do
      list
    else
      List.replace_at(list, i, fun.(Enum.at(list, i)))
    end
  end
end

defmodule Keyword do
  def update(keywords, key, default, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    update_kw(keywords, key, default, fun, [])
  end

  # The first pair with `key` is updated in place, later ones are dropped;
  # without one, {key, default} is appended.
  defp update_kw([], key, default, _fun, acc), do: :lists.reverse(acc, [{key, default}])

  defp update_kw([{key, value} | rest], key, _default, fun, acc) do
    :lists.reverse(acc, [{key, fun.(value)} | Keyword.delete(rest, key)])
  end

  defp update_kw([pair | rest], key, default, fun, acc), do: update_kw(rest, key, default, fun, [pair | acc])
end
