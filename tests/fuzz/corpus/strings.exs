name = "world"
n = 42
s = "hello #{name}, #{n + 1} #{"nested #{n}"} \n\t\u{1F600} \x41"
c = 'chars #{n}'
h = """
heredoc #{name}
  indented
"""
a = :"quoted atom"
IO.puts s
IO.inspect {c, h, a, ?a, ?\n, "a" <> "b", String.length("héllo"), 'abc' ++ 'd'}
