# :math (sqrt, pow, log, trigonometry, floor/ceil, fmod, pi; :badarith for a result that is no finite float, :badarg for an argument that is no number), Integer.pow, Float.floor/ceil, Bitwise and Node.self, seen as values and as the exit reasons a monitor sees. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
IO.inspect :math.sqrt(2.0)
IO.inspect :math.sqrt(16)
IO.inspect :math.pow(2, 10)
IO.inspect :math.pow(2.5, 0.5)
IO.inspect :math.pi()
IO.inspect :math.log(10)
IO.inspect :math.log2(8)
IO.inspect :math.log10(1000)
IO.inspect :math.exp(1)
IO.inspect :math.sin(0)
IO.inspect :math.cos(:math.pi())
IO.inspect :math.atan2(1, 1)
IO.inspect :math.floor(-1.5)
IO.inspect :math.ceil(1.2)
IO.inspect :math.fmod(7.5, 2)
IO.inspect Integer.pow(2, 10)
IO.inspect Integer.pow(-3, 3)
IO.inspect Integer.pow(7, 0)
IO.inspect Float.floor(1.7)
IO.inspect Float.ceil(-1.2)
IO.inspect Bitwise.band(12, 10)
IO.inspect Bitwise.bor(12, 10)
IO.inspect Bitwise.bxor(12, 10)
IO.inspect Bitwise.bnot(5)
IO.inspect Bitwise.bsl(1, 10)
IO.inspect Bitwise.bsr(-1024, 3)
IO.inspect Bitwise.bsr(5, 100)
IO.inspect Node.self()
IO.inspect Node.alive?()
IO.inspect Node.list()
defmodule C do
  def r(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {r, _}} -> r
    end
  end
  def id(x), do: x
end
IO.inspect C.r(fn -> :math.sqrt(C.id(-1)) end)
IO.inspect C.r(fn -> :math.log(C.id(0)) end)
IO.inspect C.r(fn -> :math.pow(10, C.id(400)) end)
IO.inspect C.r(fn -> :math.sqrt(C.id(:x)) end)
IO.inspect C.r(fn -> Integer.pow(2, C.id(-1)) end)
IO.inspect C.r(fn -> Bitwise.band(C.id(1.0), 1) end)
