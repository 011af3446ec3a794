# Process.send_after/3: delivery order by time, to a pid and to a registered name, cancel_timer before and after firing, timers to a dead process, receive ... after as a timeout.
parent = self()
Process.send_after(self(), :third, 150)
Process.send_after(self(), :first, 10)
Process.send_after(self(), :second, 80)
Enum.each(1..3, fn _ ->
  receive do
    msg -> IO.inspect(msg, label: "timer")
  end
end)
t = Process.send_after(self(), :cancelled, 200)
IO.inspect(is_reference(t), label: "timer ref")
left = Process.cancel_timer(t)
IO.inspect(is_integer(left) and left > 0 and left <= 200, label: "cancel returns time left")
receive do
  :cancelled -> IO.puts("should not arrive")
after
  300 -> IO.puts("cancelled timer never fired")
end
t2 = Process.send_after(self(), :fired, 10)
Process.sleep(50)
IO.inspect(Process.cancel_timer(t2), label: "cancel after firing")
receive do
  :fired -> IO.puts("fired message was in the mailbox")
end
Process.register(self(), :timer_main)
Process.send_after(:timer_main, {:by_name, 1}, 20)
receive do
  {:by_name, n} -> IO.inspect(n, label: "sent to a name")
end
w = spawn(fn -> receive do :tick -> send(parent, :worker_ticked) end end)
Process.send_after(w, :tick, 30)
receive do
  :worker_ticked -> IO.puts("worker got its timer")
end
dead = spawn(fn -> :ok end)
Process.sleep(20)
Process.send_after(dead, :lost, 10)
Process.sleep(40)
IO.puts("timer to a dead process is dropped")
receive do
  :nothing -> :ok
after
  0 -> IO.puts("after 0 with an empty mailbox")
end
send(self(), :ready)
receive do
  :ready -> IO.puts("after 0 with a matching message")
after
  0 -> IO.puts("not reached")
end
start = System.monotonic_time(:millisecond)
receive do
  :never -> :ok
after
  100 -> :ok
end
elapsed = System.monotonic_time(:millisecond) - start
IO.inspect(elapsed >= 100, label: "after 100 waited at least 100 ms")
