# Errors raised by library functions, observed as the exit reason of a monitored process (the exception term without its stacktrace). Expected output generated with Logger off (elixir --erl "-kernel logger_level none"), since Elixir logs crash reports on stdout and beamlet on stderr.
defmodule Runner do
  def run(f) do
    {_pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, _, reason} -> show(reason)
    end
  end

  defp show({exception, stack}) when is_list(stack), do: IO.inspect(exception)
  defp show(other), do: IO.inspect(other, label: "plain")
end

m = Map.new([{:a, 1}])
key = String.to_atom("x")
Runner.run(fn -> Map.fetch!(m, key) end)
Runner.run(fn -> Map.update!(m, key, fn v -> v end) end)
Runner.run(fn -> Map.get(key, :a) end)
Runner.run(fn -> hd(Enum.take([], 1)) end)
Runner.run(fn -> elem({1}, length([1, 2])) end)
Runner.run(fn -> String.to_integer(Atom.to_string(key)) end)
Runner.run(fn -> div(10, length([])) end)
Runner.run(fn -> throw(:ball) end)
Runner.run(fn -> exit(:custom_reason) end)
