ünïcödé = "日本語"
IO.puts ünïcödé
IO.inspect String.upcase("straße")
IO.inspect :"日本"
IO.inspect ?é
