# Sleeping: a receive with only an `after` clause, so the process waits
# without blocking its scheduler.
defmodule Process do
  def sleep(:infinity) do
    receive do
    after
      :infinity -> :ok
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end

  # Process.send_after/4 is :erlang.send_after/4: the options are [abs:
  # boolean] (the last one counts); with abs: true the time is a point of
  # System.monotonic_time(:millisecond), which may have passed (and be
  # negative: monotonic time starts at 0 here).
  def send_after(dest, msg, time, opts) do
    if timer_opts(opts, :abs, false) and is_integer(time) do
      :erlang.send_after(max(time - :erlang.monotonic_time(:millisecond), 0), dest, msg)
    else
      :erlang.send_after(time, dest, msg)
    end
  end

  # Process.cancel_timer/2 is :erlang.cancel_timer/2: async: true returns
  # :ok and, with info: true (the default), sends the result as
  # {:cancel_timer, ref, result}; info: false returns (or sends) nothing.
  def cancel_timer(timer_ref, opts) do
    async = timer_opts(opts, :async, false)
    info = timer_opts(opts, :info, true)
    result = :erlang.cancel_timer(timer_ref)

    cond do
      async and info ->
        send(self(), {:cancel_timer, timer_ref, result})
        :ok

      info ->
        result

      true ->
        :ok
    end
  end

  # the value of option key in a list of {key, boolean} options, else badarg
  defp timer_opts([], _key, value), do: value
  defp timer_opts([{key, value} | rest], key, _) when is_boolean(value), do: timer_opts(rest, key, value)
  defp timer_opts([{other, v} | rest], key, value) when is_boolean(v) and (other == :abs or other == :async or other == :info) and other != key,
    do: timer_opts(rest, key, value)
  defp timer_opts(_, _key, _value), do: :erlang.error(:badarg)

  # the keys whose value is value (exactly)
  def get_keys(value) do
    Enum.filter(Process.get_keys(), fn key -> Process.get(key) === value end)
  end

  # Process.spawn/2,4 are :erlang.spawn_opt/2,4: :link links, :monitor
  # monitors and makes the result {pid, ref}; the memory and priority
  # options are accepted and do nothing here. With both, the new process
  # waits until it is linked and monitored.
  def spawn(fun, opts) when is_function(fun), do: spawn_with(fun, spawn_opts(opts, false, false))
  def spawn(_fun, _opts), do: :erlang.error(:badarg)

  def spawn(mod, fun, args, opts) when is_atom(mod) and is_atom(fun) and is_list(args) do
    case spawn_opts(opts, false, false) do
      {false, false} -> Kernel.spawn(mod, fun, args)
      {true, false} -> Kernel.spawn_link(mod, fun, args)
      {false, true} -> Kernel.spawn_monitor(mod, fun, args)
      both -> spawn_with(fn -> Process.__spawn_apply__(mod, fun, args) end, both)
    end
  end

  def spawn(_mod, _fun, _args, _opts), do: :erlang.error(:badarg)

  defp spawn_with(fun, {false, false}), do: Kernel.spawn(fun)
  defp spawn_with(fun, {true, false}), do: Kernel.spawn_link(fun)
  defp spawn_with(fun, {false, true}), do: Kernel.spawn_monitor(fun)

  defp spawn_with(fun, {true, true}) do
    go = make_ref()

    {pid, ref} =
      Kernel.spawn_monitor(fn ->
        receive do
          ^go -> Process.__spawn_apply__(fun)
        end
      end)

    Process.link(pid)
    send(pid, go)
    {pid, ref}
  end

  # {link?, monitor?} of a list of spawn options, else badarg
  defp spawn_opts([], link, monitor), do: {link, monitor}
  defp spawn_opts([:link | rest], _link, monitor), do: spawn_opts(rest, true, monitor)
  defp spawn_opts([:monitor | rest], link, _monitor), do: spawn_opts(rest, link, true)
  defp spawn_opts([{:monitor, o} | rest], link, _monitor) when is_list(o), do: spawn_opts(rest, link, true)
  defp spawn_opts([{:priority, p} | rest], link, monitor) when p == :low or p == :normal or p == :high or p == :max,
    do: spawn_opts(rest, link, monitor)
  defp spawn_opts([{key, n} | rest], link, monitor)
       when (key == :fullsweep_after or key == :min_heap_size or key == :min_bin_vheap_size or key == :max_heap_size) and
              is_integer(n) and n >= 0,
       do: spawn_opts(rest, link, monitor)
  defp spawn_opts([{:max_heap_size, m} | rest], link, monitor) when is_map(m), do: spawn_opts(rest, link, monitor)
  defp spawn_opts([{:message_queue_data, d} | rest], link, monitor) when d == :off_heap or d == :on_heap,
    do: spawn_opts(rest, link, monitor)
  defp spawn_opts(_, _link, _monitor), do: :erlang.error(:badarg)

  # The first call of a process spawned with a module, function and
  # arguments that name no function of a module (a BIF, or nothing: the
  # process then fails with :undef), or with a fun of another arity than 0
  # (it fails with :badarity), as the BEAM's spawn fails in the new process.
  def __spawn_apply__(mod, fun, args), do: apply(mod, fun, args)
  def __spawn_apply__(fun), do: fun.()
end
