# :erlang.error/1 raises its reason as an error: the exit reason a monitor sees, and the main script's status. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule C do
  def r(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {r, _}} -> r
    end
  end
end
IO.inspect C.r(fn -> :erlang.error(:boom) end)
IO.inspect C.r(fn -> :erlang.error({:bad, 1}) end)
IO.inspect C.r(fn -> :erlang.error(:badarg) end)
