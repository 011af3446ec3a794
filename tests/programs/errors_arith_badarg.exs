# ArithmeticError (:badarith) and ArgumentError (:badarg) reasons from operators, div/rem by zero, guards-only BIFs called with wrong types, conversions. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
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
zero = Crash.id(0)
atom = Crash.id(:a)
IO.inspect(Crash.reason(fn -> 1 + atom end))
IO.inspect(Crash.reason(fn -> atom - 1 end))
IO.inspect(Crash.reason(fn -> 2 * Crash.id("2") end))
IO.inspect(Crash.reason(fn -> 1 / zero end))
IO.inspect(Crash.reason(fn -> 1.5 / zero end))
IO.inspect(Crash.reason(fn -> div(1, zero) end))
IO.inspect(Crash.reason(fn -> rem(1, zero) end))
IO.inspect(Crash.reason(fn -> div(Crash.id(1.0), 2) end))
IO.inspect(Crash.reason(fn -> -atom end))
IO.inspect(Crash.reason(fn -> abs(atom) end))
IO.inspect(Crash.reason(fn -> round(atom) end))
IO.inspect(Crash.reason(fn -> hd(Crash.id([])) end))
IO.inspect(Crash.reason(fn -> tl(Crash.id([])) end))
IO.inspect(Crash.reason(fn -> length(Crash.id([1 | 2])) end))
IO.inspect(Crash.reason(fn -> elem(Crash.id({}), 0) end))
IO.inspect(Crash.reason(fn -> tuple_size(atom) end))
IO.inspect(Crash.reason(fn -> map_size(atom) end))
IO.inspect(Crash.reason(fn -> put_elem(Crash.id({1}), 3, :x) end))
IO.inspect(Crash.reason(fn -> Crash.id([1]) ++ Crash.id(:x) end))
IO.inspect(Crash.reason(fn -> atom ++ [1] end))
IO.inspect(Crash.reason(fn -> Crash.id([1]) -- atom end))
IO.inspect(Crash.reason(fn -> "a" <> Crash.id(1) end))
IO.inspect(Crash.reason(fn -> String.to_integer(Crash.id("12x")) end))
IO.inspect(Crash.reason(fn -> String.to_integer(Crash.id("")) end))
IO.inspect(Crash.reason(fn -> String.to_existing_atom(Crash.id("never_seen_atom_qq")) end))
IO.inspect(Crash.reason(fn -> Tuple.to_list(atom) end))
IO.inspect(Crash.reason(fn -> List.to_tuple(atom) end))
IO.inspect(Crash.reason(fn -> Process.unregister(:not_registered_name) end))
IO.inspect(Crash.reason(fn -> send(:no_such_name, :hi) end))
IO.inspect(Crash.reason(fn -> x = Crash.id(1); x and true end))
IO.inspect(Crash.reason(fn -> x = Crash.id(nil); x or true end))
IO.inspect(Crash.reason(fn -> not Crash.id(1) end))
IO.puts("main continues")
