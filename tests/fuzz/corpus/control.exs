x = 5
y = if x > 3, do: :big, else: :small
z = unless x > 3 do
  :small
else
  :big
end
w = cond do
  x < 0 -> :neg
  x == 0 -> :zero
  true -> :pos
end
v = case {x, y} do
  {5, :big} when z == :big -> :match
  {_, _} -> :nomatch
end
u = x |> Kernel.+(1) |> case do
  6 -> :six
  _ -> :other
end
IO.inspect {y, z, w, v, u, x && y, nil || x, !x, not true}
