# -> clauses in parentheses as a keyword value: case/cond do:, with else:,
# for reduce: do:, in a fn, over several lines.
IO.inspect(case 2, do: (1 -> :a; _ -> :b))
IO.inspect(cond do: (false -> 1; true -> 2))
IO.inspect(with {:ok, a} <- :x, do: a, else: (_ -> 0))
IO.inspect(for x <- [1, 2, 3], reduce: 0, do: (acc -> acc + x))
f = fn x -> case x, do: ({:ok, v} -> v; _ -> :none) end
IO.inspect {f.({:ok, 1}), f.(:e)}
IO.inspect(case 3, do: (
  1 -> :one
  n when n > 2 -> :big
))
