# Enum and Map.new on a value that is no enumerable raise Protocol.UndefinedError (Enumerable; Collectable for Enum.into's target), seen by a monitor, and its message. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end

  def id(x), do: x
end

e = Crash.reason(fn -> Enum.map(Crash.id(5), & &1) end)
IO.inspect(e)
IO.inspect(Crash.reason(fn -> Enum.count(Crash.id(:atom)) end))
IO.inspect(Crash.reason(fn -> Enum.member?(Crash.id({1, 2}), 1) end))
IO.inspect(Crash.reason(fn -> Enum.sum(Crash.id("string")) end))
IO.inspect(Crash.reason(fn -> Enum.at(Crash.id(nil), 0) end))
IO.inspect(Crash.reason(fn -> Map.new(Crash.id(1.5)) end))
IO.inspect(Crash.reason(fn -> Enum.into([a: 1], Crash.id(3)) end))
