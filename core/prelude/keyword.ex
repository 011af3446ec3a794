# Keyword functions written in Elixir (the rest are C BIFs in bif_data.c,
# module Elixir.Keyword too: new/0,1, get/2,3, fetch/2, fetch!/2, has_key?/2,
# delete/2, put/3, put_new/3, keys/1, values/1, get_values/2, keyword?/1,
# merge/2, take/2, drop/2). Results and errors (KeyError, ArgumentError,
# FunctionClauseError) match Elixir 1.14's case for case, including which
# argument a guard rejects. Calls to the BIFs are qualified: a local call
# does not reach them.
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

  def update!(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    update!(keywords, key, fun, keywords)
  end

  defp update!([{key, value} | keywords], key, fun, _original) do
    [{key, fun.(value)} | Keyword.delete(keywords, key)]
  end

  defp update!([{_, _} = pair | keywords], key, fun, original) do
    [pair | update!(keywords, key, fun, original)]
  end

  defp update!([], key, _fun, original) do
    raise KeyError, key: key, term: original
  end

  def delete(keywords, key, value) when is_list(keywords) and is_atom(key) do
    case List.keymember?(keywords, key, 0) do
      true -> delete_key_value(keywords, key, value)
      _ -> keywords
    end
  end

  defp delete_key_value([{key, value} | tail], key, value), do: delete_key_value(tail, key, value)
  defp delete_key_value([{_, _} = pair | tail], key, value), do: [pair | delete_key_value(tail, key, value)]
  defp delete_key_value([], _key, _value), do: []

  def delete_first(keywords, key) when is_list(keywords) and is_atom(key) do
    case List.keymember?(keywords, key, 0) do
      true -> delete_first_key(keywords, key)
      _ -> keywords
    end
  end

  defp delete_first_key([{key, _} | tail], key), do: tail
  defp delete_first_key([{_, _} = pair | tail], key), do: [pair | delete_first_key(tail, key)]
  defp delete_first_key([], _key), do: []

  def equal?(left, right) when is_list(left) and is_list(right) do
    Enum.Sort.sort(left) === Enum.Sort.sort(right)
  end

  def filter(keywords, fun) when is_list(keywords) and is_function(fun, 1), do: do_filter(keywords, fun)

  defp do_filter([], _fun), do: []

  defp do_filter([{_, _} = entry | entries], fun) do
    if fun.(entry), do: [entry | do_filter(entries, fun)], else: do_filter(entries, fun)
  end

  def reject(keywords, fun) when is_list(keywords) and is_function(fun, 1), do: do_reject(keywords, fun)

  defp do_reject([], _fun), do: []

  defp do_reject([{_, _} = entry | entries], fun) do
    if fun.(entry), do: do_reject(entries, fun), else: [entry | do_reject(entries, fun)]
  end

  def from_keys(keys, value) when is_list(keys), do: Enum.map(keys, fn key -> {key, value} end)

  def get_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    case List.keyfind(keywords, key, 0) do
      {^key, value} -> value
      nil -> fun.()
    end
  end

  def get_and_update(keywords, key, fun) when is_list(keywords) and is_atom(key),
    do: get_and_update(keywords, [], key, fun)

  defp get_and_update([{key, current} | t], acc, key, fun) do
    case fun.(current) do
      {get, value} -> {get, :lists.reverse(acc, [{key, value} | t])}
      :pop -> {current, :lists.reverse(acc, t)}
      other -> bad_return(other)
    end
  end

  defp get_and_update([{_, _} = h | t], acc, key, fun), do: get_and_update(t, [h | acc], key, fun)

  defp get_and_update([], acc, key, fun) do
    case fun.(nil) do
      {get, update} -> {get, [{key, update} | :lists.reverse(acc)]}
      :pop -> {nil, :lists.reverse(acc)}
      other -> bad_return(other)
    end
  end

  defp bad_return(other) do
    raise RuntimeError, "the given function must return a two-element tuple or :pop, got: " <> inspect(other)
  end

  def get_and_update!(keywords, key, fun), do: get_and_update!(keywords, key, fun, [])

  defp get_and_update!([{key, value} | keywords], key, fun, acc) do
    case fun.(value) do
      {get, value} -> {get, :lists.reverse(acc, [{key, value} | Keyword.delete(keywords, key)])}
      :pop -> {value, :lists.reverse(acc, keywords)}
      other -> bad_return(other)
    end
  end

  defp get_and_update!([{_, _} = e | keywords], key, fun, acc), do: get_and_update!(keywords, key, fun, [e | acc])

  # As Elixir 1.14: the KeyError's term is the pairs seen, reversed.
  defp get_and_update!([], key, _fun, acc) when is_atom(key) do
    raise KeyError, key: key, term: acc
  end

  def map(keywords, fun) when is_list(keywords) do
    Enum.map(keywords, fn {k, v} -> {k, fun.({k, v})} end)
  end

  def merge(keywords1, keywords2, fun)
      when is_list(keywords1) and is_list(keywords2) and is_function(fun, 3) do
    if Keyword.keyword?(keywords1) do
      do_merge(keywords2, [], keywords1, keywords1, fun, keywords2)
    else
      raise ArgumentError, "expected a keyword list as the first argument, got: " <> inspect(keywords1)
    end
  end

  defp do_merge([{key, value2} | tail], acc, rest, original, fun, keywords2) when is_atom(key) do
    case List.keyfind(original, key, 0) do
      {^key, value1} ->
        acc = [{key, fun.(key, value1, value2)} | acc]
        original = List.keydelete(original, key, 0)
        do_merge(tail, acc, Keyword.delete(rest, key), original, fun, keywords2)

      nil ->
        do_merge(tail, [{key, value2} | acc], rest, original, fun, keywords2)
    end
  end

  defp do_merge([], acc, rest, _original, _fun, _keywords2), do: rest ++ :lists.reverse(acc)

  defp do_merge(_other, _acc, _rest, _original, _fun, keywords2) do
    raise ArgumentError, "expected a keyword list as the second argument, got: " <> inspect(keywords2)
  end

  def new(pairs, transform) when is_function(transform, 1) do
    fun = fn el, acc ->
      {k, v} = transform.(el)
      Keyword.put_new(acc, k, v)
    end

    List.foldl(Enum.reverse(pairs), [], fun)
  end

  def pop(keywords, key), do: pop(keywords, key, nil)

  def pop(keywords, key, default) when is_list(keywords) and is_atom(key) do
    case Keyword.fetch(keywords, key) do
      {:ok, value} -> {value, Keyword.delete(keywords, key)}
      :error -> {default, keywords}
    end
  end

  def pop!(keywords, key) when is_list(keywords) and is_atom(key) do
    case Keyword.fetch(keywords, key) do
      {:ok, value} -> {value, Keyword.delete(keywords, key)}
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  def pop_first(keywords, key), do: pop_first(keywords, key, nil)

  def pop_first(keywords, key, default) when is_list(keywords) and is_atom(key) do
    case List.keytake(keywords, key, 0) do
      {{^key, value}, rest} -> {value, rest}
      nil -> {default, keywords}
    end
  end

  def pop_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    case Keyword.fetch(keywords, key) do
      {:ok, value} -> {value, Keyword.delete(keywords, key)}
      :error -> {fun.(), keywords}
    end
  end

  def pop_values(keywords, key) when is_list(keywords) and is_atom(key) do
    pop_values(:lists.reverse(keywords), key, [], [])
  end

  defp pop_values([{key, value} | tail], key, values, acc), do: pop_values(tail, key, [value | values], acc)
  defp pop_values([{_, _} = pair | tail], key, values, acc), do: pop_values(tail, key, values, [pair | acc])
  defp pop_values([], _key, values, acc), do: {values, acc}

  def put_new_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 0) do
    case List.keyfind(keywords, key, 0) do
      {^key, _} -> keywords
      nil -> [{key, fun.()} | keywords]
    end
  end

  def replace(keywords, key, value) when is_list(keywords) and is_atom(key) do
    do_replace(keywords, key, value)
  end

  defp do_replace([{key, _} | keywords], key, value), do: [{key, value} | Keyword.delete(keywords, key)]
  defp do_replace([{_, _} = e | keywords], key, value), do: [e | do_replace(keywords, key, value)]
  defp do_replace([], _key, _value), do: []

  def replace!(keywords, key, value) when is_list(keywords) and is_atom(key) do
    replace!(keywords, key, value, keywords)
  end

  defp replace!([{key, _} | keywords], key, value, _original), do: [{key, value} | Keyword.delete(keywords, key)]
  defp replace!([{_, _} = e | keywords], key, value, original), do: [e | replace!(keywords, key, value, original)]
  defp replace!([], key, _value, original), do: raise(KeyError, key: key, term: original)

  def replace_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) and is_function(fun, 1) do
    do_replace_lazy(keywords, key, fun)
  end

  defp do_replace_lazy([{key, value} | keywords], key, fun), do: [{key, fun.(value)} | Keyword.delete(keywords, key)]
  defp do_replace_lazy([{_, _} = e | keywords], key, fun), do: [e | do_replace_lazy(keywords, key, fun)]
  defp do_replace_lazy([], _key, _fun), do: []

  def size(keywords), do: length(keywords)

  def split(keywords, keys) when is_list(keywords) and is_list(keys) do
    fun = fn {k, v}, {take, drop} ->
      case Enum.member?(keys, k) do
        true -> {[{k, v} | take], drop}
        false -> {take, [{k, v} | drop]}
      end
    end

    {take, drop} = List.foldl(keywords, {[], []}, fun)
    {:lists.reverse(take), :lists.reverse(drop)}
  end

  def to_list(keywords) when is_list(keywords), do: keywords

  def validate(keyword, values) when is_list(keyword) and is_list(values) do
    validate(keyword, values, [], [], [])
  end

  defp validate([{key, _} = pair | keyword], values1, values2, acc, bad_keys) when is_atom(key) do
    case find_key!(key, values1, values2) do
      {values1, values2} ->
        validate(keyword, values1, values2, [pair | acc], bad_keys)

      :error ->
        case find_key!(key, values2, values1) do
          {values1, values2} -> validate(keyword, values1, values2, [pair | acc], bad_keys)
          :error -> validate(keyword, values1, values2, acc, [key | bad_keys])
        end
    end
  end

  defp validate([], values1, values2, acc, []) do
    {:ok, move_pairs!(values1, move_pairs!(values2, acc))}
  end

  defp validate([], _values1, _values2, _acc, bad_keys), do: {:error, bad_keys}

  defp validate([pair | _], _values1, _values2, _acc, []) do
    raise ArgumentError, "expected a keyword list as first argument, got invalid entry: " <> inspect(pair)
  end

  defp find_key!(key, [key | rest], acc), do: {rest, acc}
  defp find_key!(key, [{key, _} | rest], acc), do: {rest, acc}
  defp find_key!(key, [head | tail], acc), do: find_key!(key, tail, [head | acc])
  defp find_key!(_key, [], _acc), do: :error

  defp move_pairs!([key | rest], acc) when is_atom(key), do: move_pairs!(rest, acc)
  defp move_pairs!([{key, _} = pair | rest], acc) when is_atom(key), do: move_pairs!(rest, [pair | acc])
  defp move_pairs!([], acc), do: acc

  defp move_pairs!([other | _], _) do
    raise ArgumentError, "expected the second argument to be a list of atoms or tuples, got: " <> inspect(other)
  end

  def validate!(keyword, values) do
    case validate(keyword, values) do
      {:ok, kw} ->
        kw

      {:error, invalid_keys} ->
        keys = Enum.map(values, fn value -> if is_atom(value), do: value, else: elem(value, 0) end)

        message =
          case Enum.split_with(invalid_keys, fn k -> Enum.member?(keys, k) end) do
            {_, [_ | _] = unknown} ->
              "unknown keys " <> inspect(unknown) <> " in " <> inspect(keyword) <>
                ", the allowed keys are: " <> inspect(keys)

            {[_ | _] = known, _} ->
              "duplicate keys " <> inspect(known) <> " in " <> inspect(keyword)
          end

        raise ArgumentError, message
    end
  end
end
