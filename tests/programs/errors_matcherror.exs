# MatchError, CaseClauseError, CondClauseError and FunctionClauseError observed as the exit reason of a monitored process that crashed (the reason without its stacktrace). Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end
  def only_a(:a), do: :ok
  def only_int(x) when is_integer(x), do: x
  def two(a, b) when a > b, do: a
end
IO.inspect(Crash.reason(fn -> {:ok, x} = {:error, :nope}; x end))
IO.inspect(Crash.reason(fn -> [a, b] = [1, 2, 3]; {a, b} end))
IO.inspect(Crash.reason(fn -> %{key: v} = %{other: 1}; v end))
IO.inspect(Crash.reason(fn -> "abc" <> rest = "xyz"; rest end))
IO.inspect(Crash.reason(fn -> y = 1; ^y = 2 end))
IO.inspect(Crash.reason(fn -> {a, a} = {1, 2}; a end))
IO.inspect(Crash.reason(fn -> [_ | _] = [] end))
IO.inspect(Crash.reason(fn -> 1 = 1.0 end))
IO.inspect(Crash.reason(fn -> {:ok, _} = Enum.to_list(1..60) end))
IO.inspect(Crash.reason(fn -> case {:b, 2} do {:a, _} -> :a end end))
IO.inspect(Crash.reason(fn -> case "str" do x when is_atom(x) -> x end end))
IO.inspect(Crash.reason(fn -> x = 5; cond do x > 10 -> :big end end))
IO.inspect(Crash.reason(fn -> Crash.only_a(:b) end))
IO.inspect(Crash.reason(fn -> Crash.only_int("1") end))
IO.inspect(Crash.reason(fn -> Crash.two(1, 2) end))
IO.inspect(Crash.reason(fn -> f = fn :x -> 1 end; f.(:y) end))
IO.inspect(Crash.reason(fn -> f = fn a, b when a < b -> 1 end; f.(2, 1) end))
receive_reason = Crash.reason(fn -> send(self(), {:unexpected, 1}); receive do {:unexpected, n} -> {:a, b} = {:b, n}; b end end)
IO.inspect(receive_reason)
IO.puts("main process still running")
