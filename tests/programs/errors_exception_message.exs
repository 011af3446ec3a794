# Exception.message/1 on the exceptions that crashed processes, as a monitor sees them (the {exception, stack} reason), including messages Elixir computes from fields. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule C do
  def r(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {r, _}} -> r
    end
  end

  def id(x), do: x
end

IO.puts(Exception.message(C.r(fn -> raise "plain" end)))
IO.puts(Exception.message(C.r(fn -> raise ArgumentError, "bad" end)))
IO.puts(Exception.message(C.r(fn -> raise ArgumentError end)))
IO.puts(Exception.message(C.r(fn -> Enum.map(C.id(1), & &1) end)))
IO.puts(Exception.message(C.r(fn -> Enum.fetch!([], 3) end)))
IO.puts(Exception.message(C.r(fn -> Enum.max([]) end)))
IO.puts(Exception.message(C.r(fn -> raise KeyError, key: :k, term: %{a: 1} end)))
