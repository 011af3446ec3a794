# A registered server: reach a process by name instead of by pid.
defmodule KV do
  def start do
    pid = spawn(fn -> loop(%{}) end)
    Process.register(pid, :kv)
    pid
  end

  def put(key, value), do: send(:kv, {:put, key, value})

  def get(key) do
    send(:kv, {:get, key, self()})

    receive do
      {:value, v} -> v
    end
  end

  defp loop(map) do
    receive do
      {:put, k, v} ->
        loop(Map.put(map, k, v))

      {:get, k, caller} ->
        send(caller, {:value, Map.get(map, k)})
        loop(map)
    end
  end
end

KV.start()
KV.put(:lang, "Elixir")
KV.put(:vm, "beamlet")
IO.puts("lang = #{KV.get(:lang)}")
IO.puts("vm = #{KV.get(:vm)}")
IO.inspect(Process.whereis(:kv) != nil)
