# Links and a crash: a linked process's crash kills its partner too,
# unless the partner traps exits and gets an :EXIT message instead.
Process.flag(:trap_exit, true)

worker = spawn_link(fn ->
  receive do
    {:divide, a, b} -> IO.puts("result: #{div(a, b)}")
  end
end)

buddy = spawn(fn ->
  Process.link(worker)
  receive do
    _ -> :ok
  end
end)

Process.sleep(10)
send(worker, {:divide, 1, 0})

receive do
  {:EXIT, ^worker, reason} -> IO.puts("worker exited: #{inspect(elem(reason, 0))}")
end

Process.sleep(10)
IO.puts("buddy alive? #{Process.alive?(buddy)}")
