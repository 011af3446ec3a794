# Map functions that take closures (the rest are C BIFs in bif_data.c,
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

  def get_and_update(map, key, fun) when is_function(fun, 1) do
    current = Map.get(map, key)

    case fun.(current) do
      {get, update} -> {get, Map.put(map, key, update)}
      :pop -> {current, Map.delete(map, key)}
    end
  end

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
