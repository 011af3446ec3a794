# Process.read_timer/1 and :erlang.read_timer/1: the ms left of a send_after timer, false once it fired or was cancelled.
defmodule T do
  def run do
    ref = Process.send_after(self(), :tick, 500)
    left = Process.read_timer(ref)
    IO.inspect(is_integer(left) and left > 400 and left <= 500)
    IO.inspect(Process.read_timer(ref) |> is_integer())
    left2 = Process.cancel_timer(ref)
    IO.inspect(is_integer(left2))
    IO.inspect(Process.read_timer(ref))
    IO.inspect(Process.cancel_timer(ref))
    r2 = Process.send_after(self(), :now, 0)
    receive do :now -> :ok end
    IO.inspect(Process.read_timer(r2))
    IO.inspect(:erlang.read_timer(make_ref()))
  end
end
T.run()
