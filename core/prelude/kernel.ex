# Kernel functions written in Elixir: to_charlist/1 and the functions that
# reach into nested maps and keyword lists by a list of keys (get_in/2,
# put_in/3, update_in/3, get_and_update_in/3, pop_in/2), as Elixir 1.14
# defines them. The compiler does then/2, tap/2 and match?/2 itself; the
# rest of Kernel is C (bif_kernel.c) or instructions.
defmodule Kernel do
  def to_charlist(list) when is_list(list), do: list
  def to_charlist(nil), do: []
  def to_charlist(string) when is_binary(string), do: String.to_charlist(string)
  def to_charlist(integer) when is_integer(integer), do: Integer.to_charlist(integer)
  def to_charlist(atom) when is_atom(atom), do: Atom.to_charlist(atom)
  def to_charlist(float) when is_float(float), do: String.to_charlist(Float.to_string(float))

  def to_charlist(other),
    do: raise(Protocol.UndefinedError, protocol: List.Chars, value: other, description: "")

  # a key is a map or keyword key, or an accessor function (Access.all/0 ...)
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [fun]) when is_function(fun), do: fun.(:get, data, fn x -> x end)
  def get_in(data, [fun | rest]) when is_function(fun), do: fun.(:get, data, &get_in(&1, rest))
  def get_in(data, [key]), do: Access.get(data, key)
  def get_in(data, [key | rest]), do: get_in(Access.get(data, key), rest)

  def put_in(data, [_ | _] = keys, value) do
    elem(get_and_update_in(data, keys, fn _ -> {nil, value} end), 1)
  end

  def update_in(data, [_ | _] = keys, fun) when is_function(fun, 1) do
    elem(get_and_update_in(data, keys, fn x -> {nil, fun.(x)} end), 1)
  end

  def get_and_update_in(data, [accessor], fun) when is_function(accessor) and is_function(fun, 1),
    do: accessor.(:get_and_update, data, fun)

  def get_and_update_in(data, [accessor | rest], fun) when is_function(accessor) and is_function(fun, 1),
    do: accessor.(:get_and_update, data, &get_and_update_in(&1, rest, fun))

  def get_and_update_in(data, [key], fun) when is_function(fun, 1),
    do: Access.get_and_update(data, key, fun)

  def get_and_update_in(data, [key | rest], fun) when is_function(fun, 1),
    do: Access.get_and_update(data, key, &get_and_update_in(&1, rest, fun))

  # the accessor of a .field segment in the path of put_in/2, update_in/2
  # and get_and_update_in/2: the field must be there
  def __field__(key) do
    fn
      :get_and_update, data, next when is_map(data) ->
        if Map.has_key?(data, key), do: Map.get_and_update(data, key, next), else: :erlang.error({:badkey, key})

      :get_and_update, data, _next ->
        :erlang.error({:badmap, data})
    end
  end

  def pop_in(nil, [key | _]),
    do: raise(ArgumentError, "could not pop key " <> inspect(key) <> " on a nil value")

  def pop_in(data, [_ | _] = keys), do: pop_in_data(data, keys)

  defp pop_in_data(nil, [_ | _]), do: :pop
  defp pop_in_data(data, [fun]) when is_function(fun), do: fun.(:get_and_update, data, fn _ -> :pop end)
  defp pop_in_data(data, [fun | rest]) when is_function(fun), do: fun.(:get_and_update, data, &pop_in_data(&1, rest))
  defp pop_in_data(data, [key]), do: Access.pop(data, key)
  defp pop_in_data(data, [key | rest]), do: Access.get_and_update(data, key, &pop_in_data(&1, rest))

  # for comprehensions with into: (parser.c, build_for): the collectable,
  # checked before the generators run; each value the body gives; the
  # values collected
  def __for_into__(into) when is_list(into) or is_map(into) or is_binary(into), do: into
  def __for_into__(into), do: raise(Protocol.UndefinedError, protocol: Collectable, value: into, description: "")

  def __for_value__(into, value) when is_binary(into) and not is_binary(value),
    do: raise(ArgumentError, "argument error: " <> inspect(value))

  def __for_value__(_into, value), do: value

  def __for_into__(values, into) when is_binary(into), do: IO.iodata_to_binary([into | values])
  def __for_into__(values, into), do: Enum.into(values, into)
end
