# A module may define functions named like Kernel ones: other arities (node/2, max/1, elem/1, send/1, spawn/1) called locally win over Kernel; same name and arity (div/2, length/1) are called qualified.
defmodule Shadow do
  def div(a, b), do: {:my_div, a, b}
  defp node(a, b), do: {:my_node, a, b}
  def max(list), do: {:my_max, Enum.max(list)}
  def length(x), do: {:my_length, x}
  def elem(t), do: {:my_elem, t}
  def inspect(x, y, z), do: "my inspect #{y}#{z}: " <> Kernel.inspect(x)
  def run do
    [node(1, 2), max([3, 9, 1]), elem({:a}), inspect(:x, 1, 2), Kernel.div(7, 2), Kernel.max(3, 4), Kernel.length([1]), Shadow.div(1, 2), __MODULE__.length(:x)]
  end
  def kernel_node, do: node()
  def kernel_max, do: max(1, 2)
end
IO.inspect(Shadow.run())
IO.inspect(Shadow.div(10, 3))
IO.inspect(div(10, 3))
IO.inspect(Shadow.length([1, 2]))
IO.inspect(length([1, 2]))
IO.inspect(Shadow.kernel_node())
IO.inspect(Shadow.kernel_max())
defmodule Recur do
  def count(list), do: count(list, 0)
  defp count([], n), do: n
  defp count([_ | t], n), do: count(t, n + 1)
  def send(x), do: {:local_send, x}
  def self(x), do: {:local_self, x}
  def use_all, do: {send(1), self(3), is_pid(self())}
end
IO.inspect(Recur.count([1, 2, 3, 4]))
IO.inspect(Recur.use_all())
