# if/unless in do-end and keyword forms, else branches, nil results, truthiness, nesting and values of the whole expression.
x = 5
IO.inspect(if x > 3, do: :big, else: :small)
IO.inspect(if x > 10, do: :big)
IO.inspect(unless x > 10, do: :not_big)
IO.inspect(unless x > 3, do: :not_big, else: :big)
IO.inspect(if(nil, do: 1, else: 2))
IO.inspect(if(false, do: 1))
IO.inspect(if [], do: :empty_list_is_truthy)
IO.inspect(if 0, do: :zero_is_truthy)
result =
  if x == 5 do
    IO.puts("x is five")
    :five
  else
    :other
  end
IO.inspect(result)
unless x == 5 do
  IO.puts("not printed")
else
  IO.puts("unless else branch")
end
y =
  if x > 0 do
    if x > 4 do
      :very_positive
    else
      :positive
    end
  end
IO.inspect(y)
IO.inspect(if(true, do: (if false, do: 1, else: 2)))
z = if x > 1, do: "a" <> "b", else: "c"
IO.inspect(z)
IO.inspect(if x, do: :truthy)
empty = if true do end
IO.inspect(empty)
IO.inspect(if !nil, do: "not nil")
defmodule M do
  def sign(n) when is_number(n), do: if(n < 0, do: -1, else: (if n == 0, do: 0, else: 1))
  def describe(n) do
    unless is_integer(n), do: :not_integer, else: :integer
  end
end
IO.inspect(Enum.map([-3, 0, 2.5], &M.sign/1))
IO.inspect({M.describe(1), M.describe(1.0)})
