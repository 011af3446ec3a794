# List functions written in Elixir (the rest are C BIFs in bif_data.c);
# Keyword's are in keyword.ex. Results and errors match Elixir 1.14's case
# for case.
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

  def keysort(list, position, :asc) when is_list(list) and is_integer(position), do: keysort(list, position)

  def keysort(list, position, sorter) when is_list(list) and is_integer(position),
    do: Enum.Sort.sort(keysort_fun(sorter, position), list)

  defp keysort_fun(sorter, position) when is_function(sorter, 2),
    do: fn a, b -> sorter.(elem(a, position), elem(b, position)) end

  defp keysort_fun(:desc, position), do: fn a, b -> elem(a, position) >= elem(b, position) end

  defp keysort_fun(module, position) when is_atom(module),
    do: fn a, b -> module.compare(elem(a, position), elem(b, position)) != :gt end

  defp keysort_fun({:asc, module}, position) when is_atom(module),
    do: fn a, b -> module.compare(elem(a, position), elem(b, position)) != :gt end

  defp keysort_fun({:desc, module}, position) when is_atom(module),
    do: fn a, b -> module.compare(elem(a, position), elem(b, position)) != :lt end

  # :lists.keytake/3: the first tuple whose element at `position` == key.
  def keytake(list, key, position) when is_integer(position) and position >= 0 do
    keytake_list(list, key, position, [])
  end

  defp keytake_list([h | t], key, position, acc) do
    if is_tuple(h) and tuple_size(h) > position and elem(h, position) == key do
      {h, :lists.reverse(acc, t)}
    else
      keytake_list(t, key, position, [h | acc])
    end
  end

  defp keytake_list([], _key, _position, _acc), do: nil

  def keyfind!(list, key, position) when is_integer(position) do
    case List.keyfind(list, key, position) do
      nil ->
        raise KeyError,
          key: key,
          term: list,
          message: "key " <> inspect(key) <> " at position " <> inspect(position) <> " not found in: " <> inspect(list)

      found ->
        found
    end
  end

  def pop_at(list, index), do: pop_at(list, index, nil)

  def pop_at(list, index, default) when is_integer(index) do
    if index < 0 do
      do_pop_at(list, length(list) + index, default, [])
    else
      do_pop_at(list, index, default, [])
    end
  end

  defp do_pop_at([], _index, default, acc), do: {default, :lists.reverse(acc)}
  defp do_pop_at([head | tail], 0, _default, acc), do: {head, :lists.reverse(acc, tail)}
  defp do_pop_at([head | tail], index, default, acc), do: do_pop_at(tail, index - 1, default, [head | acc])

  def starts_with?([head | tail], [head | prefix_tail]), do: starts_with?(tail, prefix_tail)
  def starts_with?(list, []) when is_list(list), do: true
  def starts_with?(list, [_ | _]) when is_list(list), do: false

  def improper?(list) when is_list(list), do: not proper_list?(list)

  defp proper_list?([_ | tail]), do: proper_list?(tail)
  defp proper_list?([]), do: true
  defp proper_list?(_), do: false

  def ascii_printable?(list), do: ascii_printable?(list, :infinity)

  def ascii_printable?(list, limit)
      when is_list(list) and (limit == :infinity or (is_integer(limit) and limit >= 0)) do
    ascii_printable_guarded?(list, limit)
  end

  defp ascii_printable_guarded?(_, 0), do: true

  defp ascii_printable_guarded?([char | rest], counter)
       when is_integer(char) and ((char >= 7 and char <= 13) or char == 27 or (char >= 32 and char <= 126)) do
    ascii_printable_guarded?(rest, decrement(counter))
  end

  defp ascii_printable_guarded?([], _counter), do: true
  defp ascii_printable_guarded?(_, _counter), do: false

  defp decrement(:infinity), do: :infinity
  defp decrement(counter), do: counter - 1

  # :erlang.list_to_integer/float/atom and friends take a flat list of code
  # points (anything else is badarg); the String BIFs do the conversion.
  def to_integer(charlist), do: String.to_integer(codepoints_to_string(charlist))
  def to_integer(charlist, base), do: String.to_integer(codepoints_to_string(charlist), base)
  def to_float(charlist), do: String.to_float(codepoints_to_string(charlist))
  def to_atom(charlist), do: String.to_atom(codepoints_to_string(charlist))
  def to_existing_atom(charlist), do: String.to_existing_atom(codepoints_to_string(charlist))

  defp codepoints_to_string(list) do
    if codepoints?(list), do: List.to_string(list), else: :erlang.error(:badarg)
  end

  defp codepoints?([c | rest]) when is_integer(c) and c >= 0 and c <= 0x10FFFF, do: codepoints?(rest)
  defp codepoints?([]), do: true
  defp codepoints?(_), do: false

  # :unicode.characters_to_list/1 of chardata: code points, strings, and
  # lists of these, with a string or [] as the tail.
  def to_charlist(list) when is_list(list), do: :lists.reverse(chardata_rev(list, [], list))

  defp chardata_rev([c | rest], acc, orig) when is_integer(c) do
    if c >= 0 and c <= 0x10FFFF and (c < 0xD800 or c > 0xDFFF) do
      chardata_rev(rest, [c | acc], orig)
    else
      :erlang.error(%{
        __struct__: UnicodeConversionError,
        __exception__: true,
        encoded: :lists.reverse(acc),
        message: "invalid code point " <> Integer.to_string(c)
      })
    end
  end

  defp chardata_rev([b | rest], acc, orig) when is_binary(b),
    do: chardata_rev(rest, :lists.reverse(String.to_charlist(b), acc), orig)

  defp chardata_rev([l | rest], acc, orig) when is_list(l), do: chardata_rev(rest, chardata_rev(l, acc, orig), orig)
  defp chardata_rev([], acc, _orig), do: acc
  defp chardata_rev(b, acc, _orig) when is_binary(b), do: :lists.reverse(String.to_charlist(b), acc)

  defp chardata_rev(_, _acc, orig) do
    raise ArgumentError,
          "cannot convert the given list to a charlist.\n\n" <>
            "To be converted to a charlist, a list must contain only:\n\n" <>
            "  * strings\n  * integers representing Unicode code points\n" <>
            "  * or a list containing one of these three elements\n\n" <>
            "Please check the given list or call inspect/1 to get the list representation, got:\n\n" <>
            inspect(orig) <> "\n"
  end
end
