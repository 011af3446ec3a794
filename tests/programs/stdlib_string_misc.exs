# String.valid?/codepoints/to_charlist, <> with unicode, byte_size vs length, String.split then Enum.join round trips, Integer.to_string in pipes.
IO.inspect(String.valid?("héllo"))
IO.inspect(String.valid?(""))
s = "añb✓"
IO.inspect({String.length(s), byte_size(s)})
IO.inspect(String.codepoints(s))
IO.inspect(String.to_charlist(s))
IO.inspect(s |> String.graphemes() |> Enum.reverse() |> Enum.join())
IO.inspect("a,b,c" |> String.split(",") |> Enum.join(";"))
IO.inspect("1 2 3" |> String.split() |> Enum.map(&String.to_integer/1) |> Enum.sum())
IO.inspect(1..5 |> Enum.map(&Integer.to_string/1) |> Enum.join("") |> String.to_integer())
IO.inspect(String.duplicate("-", 10) <> "|")
IO.inspect(String.upcase("mixed CASE 123 ñ") == "MIXED CASE 123 Ñ")
csv = "name,age\nann,31\nbob,42"
rows = csv |> String.split("\n") |> Enum.drop(1) |> Enum.map(&String.split(&1, ","))
IO.inspect(rows)
IO.inspect(Enum.map(rows, fn [n, a] -> {String.capitalize(n), String.to_integer(a)} end))
