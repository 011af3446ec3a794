# put_in/2, update_in/2, get_and_update_in/2 and pop_in/1 on paths of
# .field and [key] segments, and their errors
m = %{a: %{b: 1}, l: [x: 1]}
IO.inspect put_in(m.a.b, 2)
IO.inspect put_in(m[:a][:c], 3)
IO.inspect put_in(m.a[:z], 3)
IO.inspect update_in(m.a.b, &(&1 + 1))
IO.inspect update_in(m[:l][:x], &(&1 + 1))
IO.inspect get_and_update_in(m.a.b, &{&1, &1 * 2})
IO.inspect pop_in(m[:a][:b])
IO.inspect pop_in(m.a[:b])
defmodule R do
  def r(f) do
    {pid, ref} = spawn_monitor(f)
    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> IO.inspect(e)
    end
  end
end
R.r(fn -> put_in(m.a.zz, 2) end)
R.r(fn -> put_in(m.q.zz, 2) end)
R.r(fn -> update_in(m.l.x, &(&1)) end)
R.r(fn -> put_in(m[:q].zz, 2) end)
R.r(fn -> update_in(m[:q][:zz], &(&1)) end)
R.r(fn -> get_and_update_in(m.a.zz, &{&1, 1}) end)
R.r(fn -> put_in(m.a.b.c, 2) end)
defmodule Store do
  def loop(state) do
    receive do
      {:put, user, key, value} -> loop(put_in(state[user][key], value))
      {:bump, user} -> loop(update_in(state[user].visits, &(&1 + 1)))
      {:get, from} -> send(from, {:state, state}); loop(state)
    end
  end
end

s = spawn(fn -> Store.loop(%{"ann" => %{visits: 0}}) end)
send(s, {:put, "ann", :city, "Oslo"})
send(s, {:bump, "ann"})
send(s, {:bump, "ann"})
send(s, {:get, self()})
receive do
  {:state, st} -> IO.inspect(st)
end
