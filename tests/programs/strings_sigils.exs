# sigils: ~w with the s, a and c modifiers (split when written, or when run
# with interpolation), ~s and ~c with escapes and interpolation, the raw
# ~S ~C ~W, every delimiter, heredocs, an escaped closing delimiter.
name = "world"
IO.inspect ~w(a b  c)
IO.inspect ~w(ok error)a
IO.inspect ~w[x y]c
IO.inspect ~w{one two}s
IO.inspect ~w(a #{name} b)
IO.inspect ~w(a#{name}b c)a
IO.inspect ~w()
IO.inspect ~s(hello "#{name}")
IO.inspect ~s(tab\tnew\nline)
IO.inspect ~S(raw \t #{name})
IO.inspect ~S(a\)b)
IO.inspect ~W(a #{x} \t)
IO.inspect ~c(abc)
IO.inspect ~C(x\ny)
IO.inspect [~s<angle>, ~s|pipe|, ~s/slash/, ~s"dq", ~s'sq', ~s[sq], ~s{curly}]
IO.inspect ~s(a\)b)
IO.inspect ~s(a(b)
IO.inspect ~s"""
heredoc #{name}
  indented
"""
IO.inspect ~S"""
raw #{name}
"""
for cmd <- ~w(start stop)a, do: IO.puts("command: #{cmd}")
parent = self()
pid = spawn(fn ->
  receive do
    {:words, from, text} -> send(from, {:count, length(String.split(text))})
  end
end)
send(pid, {:words, parent, ~s(one two three)})
IO.inspect(receive do m -> m end)
