# binary_part/3 and :erlang.binary_to_list/1: byte offsets, not characters
defmodule T do
  def r(f) do
    {pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> IO.inspect(e)
    end
  end
end

IO.inspect(binary_part("hello", 1, 3))
IO.inspect(binary_part("hello", 5, -2))
IO.inspect(binary_part("hello", 5, 0))
IO.inspect(binary_part("hello", 0, 5))
IO.inspect(binary_part("héllo", 1, 2))
IO.inspect(binary_part("héllo", 1, 1))
IO.inspect(:erlang.binary_part("abc", 3, -3))
IO.inspect(:erlang.binary_to_list("hé"))
IO.inspect(:erlang.binary_to_list(""))
IO.inspect(String.replace_suffix("é", "\xA9", "!"))
IO.inspect(String.replace_trailing("hello!!!", "!", "?"))
IO.inspect(String.replace_prefix("hello", "he", "je"))
T.r(fn -> binary_part("abc", 1, 5) end)
T.r(fn -> binary_part("abc", -1, 1) end)
T.r(fn -> binary_part("abc", 2, -3) end)
T.r(fn -> binary_part(:a, 0, 1) end)
T.r(fn -> binary_part("abc", :a, 1) end)
T.r(fn -> binary_part("abc", 0, 1.0) end)
T.r(fn -> :erlang.binary_to_list(1) end)
