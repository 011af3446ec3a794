# Map functions written in Elixir (the rest are C BIFs in bif_data.c,
# module Elixir.Map too). Errors match Elixir 1.14: update!/3 of a missing
# key raises {:badkey, key} as Map.fetch!/2 does.
defmodule Map do
  def update(map, key, default, fun) when is_function(fun, 1) do
    case Map.fetch(map, key) do
      {:ok, value} -> Map.put(map, key, fun.(value))
      :error -> Map.put(map, key, default)
    end
  end

  def update!(map, key, fun) when is_function(fun, 1) do
    value = Map.fetch!(map, key)
    Map.put(map, key, fun.(value))
  end

  # Keys of both maps get fun.(key, value1, value2).
  def merge(map1, map2, fun) when is_map(map1) and is_map(map2) and is_function(fun, 3) do
    Enum.reduce(Map.to_list(map2), map1, fn {key, value2}, acc ->
      case Map.fetch(acc, key) do
        {:ok, value1} -> Map.put(acc, key, fun.(key, value1, value2))
        :error -> Map.put(acc, key, value2)
      end
    end)
  end

  def get_lazy(map, key, fun) when is_function(fun, 0) do
    case Map.fetch(map, key) do
      {:ok, value} -> value
      :error -> fun.()
    end
  end

  def put_new_lazy(map, key, fun) when is_function(fun, 0) do
    if Map.has_key?(map, key), do: map, else: Map.put(map, key, fun.())
  end

  def get_and_update(map, key, fun) when is_function(fun, 1),
    do: update_with(map, key, Map.get(map, key), fun)

  # A missing key raises {:badkey, key} (Map.fetch!/2), as in Elixir 1.14.
  def get_and_update!(map, key, fun) when is_function(fun, 1),
    do: update_with(map, key, Map.fetch!(map, key), fun)

  defp update_with(map, key, value, fun) do
    case fun.(value) do
      {get, update} -> {get, Map.put(map, key, update)}
      :pop -> {value, Map.delete(map, key)}
      other -> bad_return(other)
    end
  end

  defp bad_return(other) do
    raise RuntimeError, "the given function must return a two-element tuple or :pop, got: " <> inspect(other)
  end

  def pop!(map, key) do
    case Map.fetch(map, key) do
      {:ok, value} -> {value, Map.delete(map, key)}
      :error -> raise KeyError, key: key, term: map
    end
  end

  def pop_lazy(map, key, fun) when is_function(fun, 0) do
    case Map.fetch(map, key) do
      {:ok, value} -> {value, Map.delete(map, key)}
      :error -> {fun.(), map}
    end
  end

  def replace_lazy(map, key, fun) when is_map(map) and is_function(fun, 1) do
    case Map.fetch(map, key) do
      {:ok, value} -> Map.put(map, key, fun.(value))
      :error -> map
    end
  end

  # :maps.from_keys/2: badarg unless keys is a proper list.
  def from_keys(keys, value) do
    if is_list(keys) and not List.improper?(keys) do
      :maps.from_list(Enum.map(keys, fn key -> {key, value} end))
    else
      :erlang.error(:badarg)
    end
  end

  # deprecated in Elixir 1.14, still there
  def map(map, fun) when is_map(map) do
    :maps.from_list(Enum.map(Map.to_list(map), fn {k, v} -> {k, fun.({k, v})} end))
  end

  def size(map), do: map_size(map)

  def new(enumerable, transform) when is_function(transform, 1) do
    :maps.from_list(Enum.map(enumerable, transform))
  end

  def filter(map, fun) when is_map(map) and is_function(fun, 1) do
    :maps.from_list(Enum.filter(Map.to_list(map), fun))
  end

  def reject(map, fun) when is_map(map) and is_function(fun, 1) do
    :maps.from_list(Enum.reject(Map.to_list(map), fun))
  end
end
