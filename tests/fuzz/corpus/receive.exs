parent = self()
pid = spawn(fn ->
  receive do
    {:ping, from} when is_pid(from) -> send(from, :pong)
    {:stop, _} -> :ok
  after
    1000 -> exit(:timeout)
  end
end)
send(pid, {:ping, parent})
receive do
  :pong -> IO.puts "pong"
after
  0 -> IO.puts "none"
end
ref = Process.monitor(pid)
receive do
  {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect reason
end
