# Agent: start/start_link with a fun or {m, f, a}, a name, get, update,
# get_and_update, cast, stop; a second start under a taken name; a stray
# message; the exits of failed calls (no process, a timeout, a bad return,
# a raise in the agent, a stopped agent, a process stopping itself), seen
# through monitors.
defmodule AgentDemo do
  def run do
    {:ok, pid} = Agent.start_link(fn -> [] end)
    IO.inspect is_pid(pid)
    IO.inspect Agent.update(pid, fn list -> ["eggs" | list] end)
    IO.inspect Agent.get(pid, fn list -> list end)
    IO.inspect Agent.get_and_update(pid, fn list -> {length(list), [:x | list]} end)
    IO.inspect Agent.cast(pid, fn list -> [:cast | list] end)
    IO.inspect Agent.get(pid, & &1)
    {:ok, named} = Agent.start(fn -> 0 end, name: :counter)
    IO.inspect Process.whereis(:counter) == named
    IO.inspect Agent.update(:counter, &(&1 + 1))
    IO.inspect Agent.get(:counter, & &1)
    IO.inspect Agent.start(fn -> 1 end, name: :counter) == {:error, {:already_started, named}}
    IO.inspect Agent.get(pid, Enum, :count, [])
    {:ok, m} = Agent.start_link(Map, :new, [])
    IO.inspect Agent.update(m, Map, :put, [:k, 1])
    IO.inspect Agent.get_and_update(m, Map, :pop, [:k])
    IO.inspect Agent.cast(:nobody, fn s -> s end)
    ref = Process.monitor(pid)
    IO.inspect Agent.stop(pid)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason)
    end
    IO.inspect Process.alive?(pid)
    IO.inspect Agent.stop(named, :shutdown)
    # counters shared by processes
    {:ok, total} = Agent.start_link(fn -> 0 end)
    me = self()
    for i <- 1..5, do: spawn(fn -> Agent.update(total, &(&1 + i)); send(me, :added) end)
    for _ <- 1..5, do: (receive do :added -> :ok end)
    IO.inspect Agent.get(total, & &1)
    # a message it does not know is dropped, as GenServer's handle_info does
    send(total, :stray)
    IO.inspect Agent.get(total, & &1)
    IO.inspect Process.info(total, :message_queue_len)
    # failed calls
    {:ok, slow} = Agent.start(fn -> 0 end)
    failed(fn -> Agent.get(:nobody, & &1) end)
    failed(fn -> Agent.get(slow, fn _ -> Process.sleep(300) end, 20) end)
    failed(fn -> Agent.get_and_update(slow, fn s -> s end) end)
    {:ok, raising} = Agent.start(fn -> 0 end)
    failed(fn -> Agent.get(raising, fn _ -> raise "boom" end) end)
    failed(fn -> Agent.stop(raising) end)
    failed(fn -> Agent.stop(self()) end)
    IO.inspect Agent.start(fn -> exit(:no_init) end)
  end

  # the reason a process calling f exits with, without its function
  defp failed(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {why, {mod, fun, [agent, request | rest]}}} ->
        request = if is_tuple(request), do: elem(request, 0), else: request
        why = case why do
          {e, _stack} when is_map(e) -> {:raised, Exception.message(e)}
          other -> other
        end
        IO.inspect({why, mod, fun, is_pid(agent) or agent, request, rest})
    end
  end
end

AgentDemo.run()
