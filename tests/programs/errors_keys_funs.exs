# KeyError, BadMapError, BadFunctionError, BadArityError and UndefinedFunctionError reasons seen by a monitor; map.field on a missing key. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end
  def id(x), do: x
  def one(x), do: x
end
m = %{a: 1, b: 2}
IO.inspect(Crash.reason(fn -> m.c end))
IO.inspect(Crash.reason(fn -> %{m | c: 3} end))
IO.inspect(Crash.reason(fn -> Map.fetch!(m, :c) end))
IO.inspect(Crash.reason(fn -> Map.update!(m, :c, fn x -> x end) end))
IO.inspect(Crash.reason(fn -> Keyword.fetch!([a: 1], :b) end))
IO.inspect(Crash.reason(fn -> Map.get(Crash.id(:not_a_map), :a) end))
IO.inspect(Crash.reason(fn -> Map.put(Crash.id([]), :a, 1) end))
IO.inspect(Crash.reason(fn -> f = Crash.id(:not_a_fun); f.(1) end))
IO.inspect(Crash.reason(fn -> f = Crash.id(42); f.() end))
{:badarity, {fun, args}} = Crash.reason(fn -> f = fn x -> x end; f.(1, 2) end)
IO.inspect({is_function(fun, 1), args})
{:badarity, {fun0, args0}} = Crash.reason(fn -> f = &Crash.one/1; f.() end)
IO.inspect({is_function(fun0, 1), args0})
IO.inspect(Crash.reason(fn -> apply(Crash, :missing, [1]) end))
IO.inspect(Crash.reason(fn -> apply(Crash.id(NoSuchModule), :fun, []) end))
IO.inspect(Crash.reason(fn -> mod = Crash.id(Crash); mod.nope(1, 2) end))
IO.inspect(Crash.reason(fn -> apply(Crash, :one, [1, 2]) end))
IO.inspect(Crash.reason(fn -> apply(fn x -> x end, [1, 2]) |> elem(0) end) |> elem(0))
IO.puts("main continues")
