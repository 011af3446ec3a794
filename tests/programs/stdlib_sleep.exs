# Process.sleep/1 and :timer.sleep/1 return :ok and let other processes run meanwhile.
parent = self()
spawn(fn -> send(parent, :from_other) end)
IO.inspect(Process.sleep(50))
receive do
  :from_other -> IO.puts("message arrived while sleeping")
after
  0 -> IO.puts("missing")
end
IO.inspect(:timer.sleep(20))
IO.inspect(Process.sleep(0))
t0 = System.monotonic_time(:millisecond)
Process.sleep(100)
IO.inspect(System.monotonic_time(:millisecond) - t0 >= 100)
