# String interpolation of every printable type (integers, floats, atoms, nil, charlists, lists of strings, nested interpolation), escapes around interpolations, concatenation with <>, multi-line strings.
n = 42
f = 2.5
a = :atom
l = [1, 2, 3]
IO.puts("int #{n} float #{f} atom #{a} nil [#{nil}] bool #{true}")
IO.puts("charlist #{'abc'} list of strings #{["x", "y"]} list of codes #{[72, 105]}")
IO.puts("inspect #{inspect(l)} #{inspect(%{k: "v"})} #{inspect({:t, 1})}")
IO.puts("expr #{n + 1} #{n * f} #{div(n, 5)} #{String.upcase("up")}")
IO.puts("nested #{"inner #{"deepest #{n}"}"}")
IO.puts("escaped \#{n} and quote \" and backslash \\ and tab\t|")
IO.puts("#{n}#{n}")
IO.puts("#{}empty")
IO.puts("float forms #{1.0e6} #{1.0e-5} #{0.1 + 0.2} #{100.0} #{1.0e16}")
IO.puts("module #{Enum} #{String.Chars}")
IO.puts("big #{9_223_372_036_854_775_807} small #{-9_223_372_036_854_775_808}")
s = "multi
line"
IO.inspect(s)
greeting = fn name -> "Hello, #{name}!" end
IO.puts(greeting.("World"))
IO.puts(greeting.(:atom_name))
IO.puts(Enum.map_join([1, 2, 3], ", ", &"<#{&1}>"))
IO.puts("a" <> "b" <> "#{1 + 1}" <> "c")
str = "x"
str = "#{str}#{str}"
IO.inspect(str)
IO.inspect("#{"é"}#{"日"}")
IO.inspect(String.length("#{"é"}#{"日"}"))
heredoc = """
  first line
  second #{n}
  """
IO.inspect(heredoc)
IO.puts("unicode escapes \u00e9 \u{1F600}")
IO.puts("hex escape \x41")
