# Selective receive: messages that match no clause stay in the mailbox.
me = self()
send(me, {:low, 1})
send(me, {:low, 2})
send(me, {:high, :urgent})
send(me, :hello)

receive do
  {:high, what} -> IO.puts("handled high priority: #{what}")
end

receive do
  :hello -> IO.puts("handled :hello")
end

# the two :low messages were skipped and are still queued
{:message_queue_len, n} = Process.info(me, :message_queue_len)
IO.puts("still queued: #{n}")

receive do
  {:low, n} -> IO.puts("now handling low #{n}")
end
