# send/2 to {name, node}: a name registered on this node gets the message; an unregistered name is no error (the message is dropped).
Process.register(self(), :me)
send({:me, node()}, :hello)
receive do m -> IO.inspect(m) end
send({:me, :nonode@nohost}, :again)
receive do m -> IO.inspect(m) end
IO.inspect Process.whereis(:me) == self()
r = spawn_monitor(fn -> send({:nobody, node()}, :x) end)
receive do {:DOWN, _, _, _, reason} -> IO.inspect(elem(r, 0) |> is_pid); IO.inspect(reason) end
