[3, 1, 2]
|> Enum.sort()
|> Enum.map(fn x -> x * 2 end)
|> Enum.filter(&(rem(&1, 4) == 0))
|> Enum.reduce(0, &+/2)
|> IO.inspect()
"a,b" |> String.split(",") |> Enum.join("-") |> IO.puts
