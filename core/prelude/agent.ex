defmodule Agent do
  # A process that holds a state which functions read and change, as
  # Elixir's Agent (a GenServer): calls travel as {:"$gen_call", {from,
  # [:alias | ref]}, request} and are answered {[:alias | ref], reply},
  # casts as {:"$gen_cast", {:cast, fun}}, so mailboxes and traces show
  # what the BEAM's do; a failed call exits with GenServer's reasons.

  def start_link(fun, options \\ []) when is_function(fun, 0), do: start_agent(fun, options, true)
  def start_link(module, fun, args, options \\ []), do: start_agent({module, fun, args}, options, true)
  def start(fun, options \\ []) when is_function(fun, 0), do: start_agent(fun, options, false)
  def start(module, fun, args, options \\ []), do: start_agent({module, fun, args}, options, false)

  def get(agent, fun, timeout \\ 5000) when is_function(fun, 1), do: call(agent, {:get, fun}, timeout)
  def get(agent, module, fun, args, timeout \\ 5000), do: call(agent, {:get, {module, fun, args}}, timeout)

  def get_and_update(agent, fun, timeout \\ 5000) when is_function(fun, 1),
    do: call(agent, {:get_and_update, fun}, timeout)

  def get_and_update(agent, module, fun, args, timeout \\ 5000),
    do: call(agent, {:get_and_update, {module, fun, args}}, timeout)

  def update(agent, fun, timeout \\ 5000) when is_function(fun, 1), do: call(agent, {:update, fun}, timeout)
  def update(agent, module, fun, args, timeout \\ 5000), do: call(agent, {:update, {module, fun, args}}, timeout)

  def cast(agent, fun) when is_function(fun, 1), do: cast_request(agent, fun)
  def cast(agent, module, fun, args), do: cast_request(agent, {module, fun, args})

  def stop(agent, reason \\ :normal, timeout \\ :infinity) do
    # as :proc_lib.stop: a system message asks it to terminate
    pid = target(agent, :stop, [agent, reason, timeout])
    ref = Process.monitor(pid)
    send(pid, {:system, {self(), ref}, {:terminate, reason}})

    receive do
      {:DOWN, ^ref, _, _, :noproc} ->
        exit({:noproc, {GenServer, :stop, [agent, reason, timeout]}})

      {:DOWN, ^ref, _, _, ^reason} ->
        :ok

      {:DOWN, ^ref, _, _, other} ->
        exit({{other, {:sys, :terminate, [pid, reason, timeout]}}, {GenServer, :stop, [agent, reason, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {GenServer, :stop, [agent, reason, timeout]}})
    end
  end

  # ---- the caller's side

  defp start_agent(init, options, link?) do
    name = Keyword.get(options, :name)
    if name != nil and not is_atom(name), do: unsupported_name(name)
    timeout = Keyword.get(options, :timeout, 5000)
    parent = self()
    ref = make_ref()
    body = fn -> init_agent(parent, ref, name, init) end
    pid = if link?, do: spawn_link(body), else: spawn(body)
    mref = Process.monitor(pid)

    receive do
      {^ref, reply} ->
        Process.demonitor(mref, [:flush])
        reply

      {:DOWN, ^mref, _, _, reason} ->
        {:error, reason}
    after
      timeout ->
        Process.demonitor(mref, [:flush])
        Process.unlink(pid)
        Process.exit(pid, :kill)
        {:error, :timeout}
    end
  end

  defp whereis(pid) when is_pid(pid), do: pid
  defp whereis(name) when is_atom(name), do: Process.whereis(name)
  defp whereis(other), do: unsupported_name(other)

  # {:global, name}, {:via, module, name}, {name, node}: not yet
  defp unsupported_name(name),
    do: raise(ArgumentError, "agents are named by atoms in beamlet; " <> inspect(name) <> " is not supported yet")

  # the agent's pid, or GenServer's exit for fun (:call, :stop) with args
  defp target(agent, fun, args) do
    case whereis(agent) do
      nil -> exit({:noproc, {GenServer, fun, args}})
      pid when pid == self() -> exit({:calling_self, {GenServer, fun, args}})
      pid -> pid
    end
  end

  defp call(agent, request, timeout) do
    pid = target(agent, :call, [agent, request, timeout])
    ref = Process.monitor(pid)
    send(pid, {:"$gen_call", {self(), [:alias | ref]}, request})

    receive do
      {[:alias | ^ref], reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, _, reason} ->
        exit({reason, {GenServer, :call, [agent, request, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {GenServer, :call, [agent, request, timeout]}})
    end
  end

  defp cast_request(agent, fun) do
    case whereis(agent) do
      nil -> :ok
      pid -> send(pid, {:"$gen_cast", {:cast, fun}})
    end

    :ok
  end

  # ---- the agent's side

  defp init_agent(parent, ref, name, init) do
    taken = if name, do: Process.whereis(name)

    if taken do
      send(parent, {ref, {:error, {:already_started, taken}}})
    else
      if name, do: Process.register(self(), name)
      state = run(init, [])
      send(parent, {ref, {:ok, self()}})
      loop(state, parent)
    end
  end

  # GenServer's loop: an exit signal from the parent ends it (when it traps
  # exits); a request it does not know crashes it (:function_clause, as
  # Agent.Server's callbacks have no clause for it); any other message is
  # dropped (GenServer's default handle_info, which also logs it)
  defp loop(state, parent) do
    receive do
      {:"$gen_call", {from, tag}, {:get, fun}} ->
        send(from, {tag, run(fun, [state])})
        loop(state, parent)

      {:"$gen_call", {from, tag}, {:get_and_update, fun}} ->
        case run(fun, [state]) do
          {reply, state} ->
            send(from, {tag, reply})
            loop(state, parent)

          other ->
            exit({:bad_return_value, other})
        end

      {:"$gen_call", {from, tag}, {:update, fun}} ->
        state = run(fun, [state])
        send(from, {tag, :ok})
        loop(state, parent)

      {:"$gen_call", _from, _request} ->
        exit({:function_clause, []})

      {:"$gen_cast", {:cast, fun}} ->
        loop(run(fun, [state]), parent)

      {:"$gen_cast", _request} ->
        exit({:function_clause, []})

      {:system, _from, {:terminate, reason}} ->
        exit(reason)

      {:EXIT, ^parent, reason} ->
        exit(reason)

      _other ->
        loop(state, parent)
    end
  end

  defp run({module, fun, args}, extra), do: apply(module, fun, extra ++ args)
  defp run(fun, extra), do: apply(fun, extra)
end
