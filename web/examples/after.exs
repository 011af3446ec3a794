# receive with `after`: wait for a message, give up after a timeout.
pid = self()
spawn(fn ->
  Process.sleep(300)
  send(pid, :late_reply)
end)

receive do
  :late_reply -> IO.puts("got the reply")
after
  100 -> IO.puts("no reply after 100 ms, moving on")
end

receive do
  msg -> IO.puts("later: #{inspect(msg)}")
after
  1000 -> IO.puts("nothing at all")
end
