# The process dictionary: Process.put/get/get_keys/delete (nil when absent) and :erlang.put/get/erase (:undefined), one per process, kept across collections.
IO.inspect Process.put(:count, 1)
IO.inspect Process.put(:count, 2)
IO.inspect Process.get(:count)
IO.inspect Process.get(:missing)
IO.inspect Process.get(:missing, :default)
IO.inspect Process.put({:k, 1}, [1, 2])
IO.inspect Process.delete(:count)
IO.inspect Process.delete(:count)
IO.inspect :erlang.put(:e, 1)
IO.inspect :erlang.get(:e)
IO.inspect :erlang.get(:nope)
IO.inspect :erlang.erase(:e)
IO.inspect :erlang.erase(:e)
parent = self()
spawn(fn ->
  send(parent, {:child_sees, Process.get({:k, 1})})
  Process.put(:mine, :child)
  send(parent, {:child_has, Process.get(:mine), Process.get_keys(), Process.get()})
end)
receive do m -> IO.inspect(m) end
receive do m -> IO.inspect(m) end
IO.inspect Process.get(:mine)
big = Enum.reduce(1..2000, nil, fn i, _ -> Process.put(i, String.duplicate("x", 100)) end)
IO.inspect big
IO.inspect Process.get(2000) |> byte_size()
:erlang.garbage_collect()
IO.inspect Process.get(1999) |> byte_size()
