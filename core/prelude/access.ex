# Access: what `container[key]` calls (the parser turns x[key] into
# Access.get(x, key)), what get_in/put_in/update_in/pop_in call on each
# level, and the accessor functions (all/0, at/1, elem/1, key/1,2, ...).
# Maps, keyword lists, tuples (elem) and nil, as Elixir 1.14.
defmodule Access do
  def get(container, key), do: get(container, key, nil)

  def get(%{} = map, key, default) do
    case :maps.find(key, map) do
      {:ok, value} -> value
      :error -> default
    end
  end

  def get(list, key, default) when is_list(list) and is_atom(key) do
    case List.keyfind(list, key, 0) do
      {_, value} -> value
      nil -> default
    end
  end

  def get(list, key, _default) when is_list(list) do
    raise ArgumentError,
          "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end

  def get(nil, _key, default), do: default

  def fetch(%{} = map, key), do: :maps.find(key, map)

  def fetch(list, key) when is_list(list) and is_atom(key) do
    case List.keyfind(list, key, 0) do
      {_, value} -> {:ok, value}
      nil -> :error
    end
  end

  def fetch(list, key) when is_list(list) do
    raise ArgumentError,
          "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end

  def fetch(nil, _key), do: :error

  def fetch!(container, key) do
    case fetch(container, key) do
      {:ok, value} -> value
      :error -> raise KeyError, key: key, term: container
    end
  end

  def get_and_update(%{} = map, key, fun), do: Map.get_and_update(map, key, fun)
  def get_and_update(list, key, fun) when is_list(list), do: Keyword.get_and_update(list, key, fun)

  def get_and_update(nil, key, _fun),
    do: raise(ArgumentError, "could not put/update key " <> inspect(key) <> " on a nil value")

  def pop(%{} = map, key), do: Map.pop(map, key)
  def pop(list, key) when is_list(list), do: Keyword.pop(list, key)
  def pop(nil, key), do: raise(ArgumentError, "could not pop key " <> inspect(key) <> " on a nil value")

  # ---- accessors: functions called as fun.(:get, data, next) or
  # fun.(:get_and_update, data, next) by get_in/put_in/update_in/pop_in;
  # next gives the value to return (:get) or {get, update} or :pop ----

  def key(key), do: key(key, nil)

  def key(key, default) do
    fn
      :get, data, next ->
        next.(Map.get(data, key, default))

      :get_and_update, data, next ->
        value = Map.get(data, key, default)
        update_entry(data, key, value, next.(value))
    end
  end

  def key!(key) do
    fn
      :get, %{} = data, next ->
        next.(Map.fetch!(data, key))

      :get_and_update, %{} = data, next ->
        value = Map.fetch!(data, key)
        update_entry(data, key, value, next.(value))

      _op, data, _next ->
        raise "Access.key!/1 expected a map/struct, got: " <> inspect(data)
    end
  end

  defp update_entry(data, key, _value, {get, update}), do: {get, Map.put(data, key, update)}
  defp update_entry(data, key, value, :pop), do: {value, Map.delete(data, key)}

  def elem(index) when is_integer(index) and index >= 0 do
    fn
      :get, data, next when is_tuple(data) ->
        next.(Kernel.elem(data, index))

      :get_and_update, data, next when is_tuple(data) ->
        value = Kernel.elem(data, index)

        case next.(value) do
          {get, update} -> {get, put_elem(data, index, update)}
          :pop -> raise "cannot pop data from a tuple"
        end

      _op, data, _next ->
        raise "Access.elem/1 expected a tuple, got: " <> inspect(data)
    end
  end

  def all(), do: &all/3

  defp all(:get, data, next) when is_list(data), do: Enum.map(data, next)
  defp all(:get_and_update, data, next) when is_list(data), do: each_get_and_update(data, fn _ -> true end, next)
  defp all(_op, data, _next), do: raise("Access.all/0 expected a list, got: " <> inspect(data))

  def filter(fun) when is_function(fun) do
    fn
      :get, data, next when is_list(data) ->
        data |> Enum.filter(fun) |> Enum.map(next)

      :get_and_update, data, next when is_list(data) ->
        each_get_and_update(data, fun, next)

      _op, data, _next ->
        raise "Access.filter/1 expected a list, got: " <> inspect(data)
    end
  end

  # {gets, updated list} over the elements that pass: :pop drops one
  defp each_get_and_update(list, pass, next) do
    {gets, updates} =
      Enum.reduce(list, {[], []}, fn x, {gets, updates} ->
        if pass.(x) do
          case next.(x) do
            {get, update} -> {[get | gets], [update | updates]}
            :pop -> {[x | gets], updates}
          end
        else
          {gets, [x | updates]}
        end
      end)

    {:lists.reverse(gets), :lists.reverse(updates)}
  end

  def at(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) ->
        next.(Enum.at(data, index))

      :get_and_update, data, next when is_list(data) ->
        at_get_and_update(data, index, next, fn -> nil end)

      _op, data, _next ->
        raise "Access.at/1 expected a list, got: " <> inspect(data)
    end
  end

  def at!(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) ->
        case Enum.fetch(data, index) do
          {:ok, value} -> next.(value)
          :error -> raise Enum.OutOfBoundsError
        end

      :get_and_update, data, next when is_list(data) ->
        at_get_and_update(data, index, next, fn -> raise Enum.OutOfBoundsError end)

      _op, data, _next ->
        raise "Access.at!/1 expected a list, got: " <> inspect(data)
    end
  end

  # the element at index (from the end when negative) through next; past
  # either end the list is unchanged and the get is missing.()
  defp at_get_and_update(list, index, next, missing) when index < 0 do
    if length(list) + index >= 0,
      do: at_get_and_update(list, length(list) + index, next, missing),
      else: {missing.(), list}
  end

  defp at_get_and_update(list, index, next, missing) do
    case Enum.split(list, index) do
      {before, [x | rest]} ->
        case next.(x) do
          {get, update} -> {get, before ++ [update | rest]}
          :pop -> {x, before ++ rest}
        end

      {_, []} ->
        {missing.(), list}
    end
  end
end
