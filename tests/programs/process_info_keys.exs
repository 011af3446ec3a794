# Process.info/2 for every Tier 1 key on self, a waiting process and a dead one; Process.info/1 is a keyword list; Process.list and alive?.
parent = self()
w = spawn(fn ->
  receive do
    :go -> send(parent, :went)
  end
  receive do
    :stop -> :ok
  end
end)
Process.sleep(30)
IO.inspect(Process.info(w, :status), label: "waiting")
IO.inspect(Process.info(self(), :status), label: "running")
IO.inspect(Process.info(w, :message_queue_len))
IO.inspect(Process.info(w, :messages))
IO.inspect(Process.info(w, :registered_name))
IO.inspect(Process.info(w, :links))
send(w, {:first, 1})
send(w, "second")
send(w, [:third])
IO.inspect(Process.info(w, :message_queue_len))
IO.inspect(Process.info(w, :messages))
send(w, :go)
receive do
  :went -> :ok
end
IO.inspect(Process.info(w, :messages), label: "after :go was taken")
Process.register(w, :info_target)
IO.inspect(Process.info(w, :registered_name))
{:memory, mem} = Process.info(w, :memory)
IO.inspect(is_integer(mem) and mem > 0, label: "memory")
{:reductions, red} = Process.info(self(), :reductions)
IO.inspect(is_integer(red) and red >= 0, label: "reductions")
info = Process.info(w)
IO.inspect(is_list(info) and Keyword.keyword?(info), label: "info/1 is a keyword list")
IO.inspect(Keyword.get(info, :registered_name), label: "info/1 registered_name")
IO.inspect(Keyword.get(info, :message_queue_len), label: "info/1 message_queue_len")
send(self(), :one)
send(self(), {:two, 2})
IO.inspect(Process.info(self(), :messages), label: "own mailbox")
IO.inspect(Process.info(self(), :message_queue_len), label: "own queue")
receive do
  :one -> :ok
end
IO.inspect(Process.info(self(), :messages), label: "after receiving one")
receive do
  {:two, _} -> :ok
end
IO.inspect(w in Process.list(), label: "in Process.list")
IO.inspect(self() in Process.list(), label: "self in Process.list")
ref = Process.monitor(w)
send(w, :stop)
receive do
  {:DOWN, ^ref, :process, _, :normal} -> :ok
end
IO.inspect(Process.info(w, :status), label: "dead")
IO.inspect(Process.info(w), label: "dead info/1")
IO.inspect(Process.alive?(w), label: "alive?")
IO.inspect(w in Process.list(), label: "dead in list")
IO.inspect(Process.alive?(self()), label: "self alive?")
