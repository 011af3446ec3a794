# raise/1 and raise/2 (RuntimeError, ArgumentError, custom messages, keyword fields), throw/1 and exit/1 as the exit reasons a monitor sees. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end
end
IO.inspect(Crash.reason(fn -> raise "boom" end))
IO.inspect(Crash.reason(fn -> raise "with #{1 + 1} interpolation" end))
IO.inspect(Crash.reason(fn -> raise RuntimeError end))
IO.inspect(Crash.reason(fn -> raise RuntimeError, "explicit" end))
IO.inspect(Crash.reason(fn -> raise RuntimeError, message: "kw message" end))
IO.inspect(Crash.reason(fn -> raise ArgumentError end))
IO.inspect(Crash.reason(fn -> raise ArgumentError, "bad input" end))
IO.inspect(Crash.reason(fn -> raise ArgumentError, message: "kw" end))
IO.inspect(Crash.reason(fn -> raise ArithmeticError end))
IO.inspect(Crash.reason(fn -> raise KeyError, key: :k, term: %{} end))
IO.inspect(Crash.reason(fn -> raise KeyError, "custom key message" end))
IO.inspect(Crash.reason(fn -> throw(:ball) end))
IO.inspect(Crash.reason(fn -> throw({:data, [1, 2]}) end))
IO.inspect(Crash.reason(fn -> exit(:normal) end))
IO.inspect(Crash.reason(fn -> exit(:shutdown) end))
IO.inspect(Crash.reason(fn -> exit({:shutdown, :tired}) end))
IO.inspect(Crash.reason(fn -> exit("string reason") end))
IO.inspect(Crash.reason(fn -> exit({:error, %{code: 1}}) end))
e = Crash.reason(fn -> raise "inspectable" end)
IO.inspect(e.message)
IO.inspect(e.__struct__)
IO.inspect(is_map(e) and e.__exception__)
IO.puts("main continues")
