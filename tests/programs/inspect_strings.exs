# inspect of strings: escapes, interpolation markers, unicode, control characters; IO.puts of the same strings.
strings = ["plain", "", "new\nline", "tab\there", "cr\rx", "quote\"d", "back\\slash", "\e[0m", "\a\b\f\v", "\0zero", "\x01\x02\x7F",
  "\#{not interpolated}", "#", "\#", "a\#{b}", "é", "héllo wörld", "日本語", "emoji 😀", "\u00A0nbsp", "\u200B", "\uFEFF",
  "a\u0301", "'single'", "multi\nline\nstring", "\d", "\s"]
Enum.each(strings, fn s -> IO.puts(inspect(s)) end)
Enum.each(["new\nline", "tab\there", "é", "日本語"], &IO.puts/1)
x = 42
IO.inspect("value: #{x}")
IO.inspect("list: #{inspect([1, 2])}")
IO.inspect("nested #{"inner #{x + 1}"}")
IO.inspect("atom #{:ok} float #{1.5} charlist #{'abc'} nil:#{nil}:")
IO.inspect({"a", ["b", "c"], %{"d" => "e"}})
IO.inspect(String.length("héllo"), label: "length")
IO.inspect(byte_size("héllo"), label: "bytes")
IO.inspect(String.duplicate("ab", 3))
IO.inspect("abc" <> "def")
IO.inspect(String.upcase("héllo ñ"))
IO.inspect(String.reverse("héllo"))
