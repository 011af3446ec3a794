# Access.get/2,3: what `container[key]` calls (the parser turns x[key]
# into Access.get(x, key)). Maps, keyword lists and nil, as Elixir 1.14.
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
end
