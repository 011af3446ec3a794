# A word-count style pipeline mixing String, Enum and Map functions end to end.
text = "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!"
words =
  text
  |> String.downcase()
  |> String.replace([".", ";", "!"], "")
  |> String.split()

IO.inspect(length(words))
freq = Enum.frequencies(words)
IO.inspect(freq)
top =
  freq
  |> Enum.sort_by(fn {w, n} -> {-n, w} end)
  |> Enum.take(3)
IO.inspect(top)
IO.puts(Enum.map_join(top, ", ", fn {w, n} -> "#{w}=#{n}" end))
by_len = Enum.group_by(Enum.uniq(words), &String.length/1)
IO.inspect(Map.keys(by_len))
IO.inspect(Map.get(by_len, 5))
longest = Enum.max_by(words, &String.length/1)
IO.puts(String.pad_leading(longest, 12, "*"))
IO.inspect(words |> Enum.with_index(1) |> Enum.filter(fn {w, _} -> w == "the" end) |> Enum.map(fn {_, i} -> i end))
IO.inspect(words |> Enum.chunk_every(4) |> Enum.map(&Enum.join(&1, " ")))
