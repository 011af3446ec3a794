IO.inspect undefined_var
foo(1)
Missing.mod(2)
x = 1
^y = 2
defmodule M do
  def f, do: g()
end
