Process.register(self(), :main)
pids = for_each = Enum.map(1..3, fn i -> spawn_link(fn -> send(:main, {:done, i}) end) end)
Enum.each(pids, fn _ -> receive do {:done, i} -> IO.puts(i) end end)
Process.flag(:trap_exit, true)
IO.inspect {Process.alive?(self()), is_list(for_each), node(), make_ref() != make_ref()}
Process.sleep(1)
