try_it = fn f ->
  f.()
end
IO.inspect try_it.(fn -> :ok end)
raise ArgumentError, "bad"
raise "plain"
throw(:ball)
exit(:normal)
