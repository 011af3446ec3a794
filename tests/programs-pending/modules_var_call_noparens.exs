# A zero-arity function called through a module held in a variable without parentheses (`mod.fun`), which Elixir 1.14 treats as a call when the value is an atom, and the :undef reason when the module does not exist.
defmodule Settings do
  def timeout, do: 5000
end
mod = Settings
IO.inspect(mod.timeout)
IO.inspect(mod.timeout())
{_pid, ref} = spawn_monitor(fn -> m = String.to_atom("NoSuchModule"); m.field end)
receive do
  {:DOWN, ^ref, :process, _, {reason, _stack}} -> IO.inspect(reason)
end
