# `x.name` without parentheses: a field of a map, or, when x holds a module, a call of x.name() (Elixir 1.14 still allows it); nil and the booleans get the KeyError. Reasons seen by a monitor. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule Shop do
  def greeting, do: "welcome"
  def stock, do: %{apples: 3, pears: 0}
  def id(x), do: x
end

defmodule Crash do
  def reason(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason
      {:DOWN, ^ref, :process, ^pid, reason} -> {:plain, reason}
    end
  end
end

mod = Shop
IO.puts(mod.greeting)
IO.inspect(mod.stock.apples)
IO.inspect(mod.stock)
state = %{shop: mod, count: 2}
IO.puts(state.shop.greeting <> "!")
IO.inspect(is_list(Shop.id(System).argv))
IO.inspect(Shop.id(:erlang).node)
IO.inspect(Crash.reason(fn -> Shop.id(Shop).missing end))
IO.inspect(Crash.reason(fn -> Shop.id(:no_such_module).name end))
IO.inspect(Crash.reason(fn -> Shop.id(nil).name end))
IO.inspect(Crash.reason(fn -> Shop.id(true).name end))
IO.inspect(Crash.reason(fn -> Shop.id(false).name end))
IO.inspect(Crash.reason(fn -> Shop.id(42).name end))
IO.inspect(Crash.reason(fn -> Shop.id("text").name end))
IO.inspect(Crash.reason(fn -> Shop.id(%{other: 1}).name end))
IO.puts("done")
