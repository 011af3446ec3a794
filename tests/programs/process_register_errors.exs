# Registration errors seen as exit reasons of monitored processes: a second name, a taken name, nil/true/false names, unregistering an unknown name, sending to an unregistered name; the names stay consistent afterwards. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Reg do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> short(reason)
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end
  defp short(%{__struct__: mod}), do: {:exception, mod}
  defp short(other), do: other
  def idle do
    receive do
      :stop -> :ok
    end
  end
end
holder = spawn(&Reg.idle/0)
true = Process.register(holder, :holder)
IO.inspect(Reg.reason(fn -> Process.register(self(), :holder) end), label: "taken name")
IO.inspect(Reg.reason(fn -> Process.register(self(), :first); Process.register(self(), :second) end), label: "second name")
IO.inspect(Reg.reason(fn -> Process.register(self(), nil) end), label: "nil")
IO.inspect(Reg.reason(fn -> Process.register(self(), true) end), label: "true")
IO.inspect(Reg.reason(fn -> Process.register(self(), :undefined) end), label: "undefined")
IO.inspect(Reg.reason(fn -> Process.unregister(:never_registered) end), label: "unregister unknown")
IO.inspect(Reg.reason(fn -> send(:never_registered, :msg) end), label: "send to unknown name")
IO.inspect(Reg.reason(fn -> Process.register(holder, :holder_again) end), label: "holder second name")
IO.inspect(Process.whereis(:holder) == holder, label: "holder still registered")
IO.inspect(Process.whereis(:first), label: "first freed after death")
IO.inspect(Process.whereis(:holder_again), label: "holder_again")
IO.inspect(Process.info(holder, :registered_name), label: "registered_name")
IO.inspect(Process.unregister(:holder), label: "unregister")
IO.inspect(Process.whereis(:holder), label: "after unregister")
IO.inspect(Process.register(holder, :holder2), label: "register again")
IO.inspect(Process.info(holder, :registered_name))
IO.inspect(:holder2 in Process.registered(), label: "listed")
send(:holder2, :stop)
ref = Process.monitor(holder)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason, label: "holder down")
end
IO.inspect(Process.whereis(:holder2), label: "name freed")
IO.inspect(Process.register(self(), :main_proc), label: "main registers")
send(:main_proc, :to_myself)
receive do
  :to_myself -> IO.puts("received through own name")
end
