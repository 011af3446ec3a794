# Processes whose first call fails: spawn/3 of a missing or private function or of a BIF, and undefined calls inside a process; the exit reason is {:undef, [{mod, fun, args, []}]} with the arguments, as the BEAM's. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule Priv do
  def pub, do: :ok
  defp hidden, do: :secret
  def use_hidden, do: hidden()
  def id(x), do: x
end
defmodule W do
  def trapped do
    Process.flag(:trap_exit, true)
    l = spawn_link(Priv, :missing, [])
    receive do
      {:EXIT, ^l, reason} -> IO.inspect(reason)
    after 1000 -> IO.puts("no EXIT")
    end
  end
  def down(f) do
    {pid, ref} = f.()
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    after 1000 -> :no_down
    end
  end
end
IO.inspect W.down(fn -> spawn_monitor(NoSuchMod, :f, []) end)
IO.inspect W.down(fn -> spawn_monitor(Priv, :nope, [1, 2]) end)
IO.inspect W.down(fn -> spawn_monitor(Priv, :hidden, []) end)
IO.inspect W.down(fn -> spawn_monitor(Priv, :pub, []) end)
IO.inspect W.down(fn -> spawn_monitor(IO, :puts, ["printed by a BIF"]) end)
IO.inspect W.down(fn -> spawn_monitor(fn -> NoMod.f() end) end)
IO.inspect W.down(fn -> spawn_monitor(fn -> NoMod.f(1, :two) end) end)
IO.inspect W.down(fn -> spawn_monitor(fn -> apply(Priv, :nope, [3]) end) end)
IO.inspect W.down(fn -> spawn_monitor(fn -> m = Priv.id(Priv); m.nope(4) end) end)
W.trapped()
