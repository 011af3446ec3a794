# inspect of atoms: plain, quoted, operators, aliases, special forms and atoms used as keyword keys and map keys.
atoms = [:ok, :"with space", :"foo-bar", :Foo, Foo, Foo.Bar, :"Elixir.Foo", :"Elixir", :elixir, :"123", :_a, :_, :a?, :a!, :"a?b", :"", :nil, :true, :false,
  :+, :-, :*, :/, :++, :--, :<>, :===, :!==, :==, :!=, :<=, :>=, :<, :>, :!, :&&, :||, :"::", :@, :., :.., :..., :"..//", :%{}, :{}, :%, :&, :^, :|>, :<<>>, :=, :"=>", :"?", :\\, :|, :"|||", :~~~, :<<<, :>>>, :^^^, :&&&, :<~, :~>, :<|>, :in, :"not in", :when, :and, :or, :not, :->, :fn, :do, :end, :"Foo.bar", :"foo.Bar", :"é", :ñandú, :"hello world!", :"\n", :"a\"b", :A1, :"1a", :a@b, :"@a", :a1_B2]
for_each = fn a -> IO.puts(inspect(a)) end
Enum.each(atoms, for_each)
IO.puts(inspect(Enum.map([:ok, :"with space", :Foo, :"1a", :a?, :"a-b", :"é"], fn a -> {a, 1} end)))
IO.puts(inspect(%{:"with space" => 1, :ok => 2, :"1a" => 3, :a? => 4}))
IO.puts(Enum.map_join(atoms, " ", &Atom.to_string/1))
IO.puts(to_string(Foo.Bar) <> " " <> Atom.to_string(:"with space"))
IO.inspect(String.to_atom("Elixir.Some.Mod"))
IO.inspect(String.to_atom("lower.case"))
IO.inspect(:"//")
IO.inspect(["//": 1, "..//": 2])
IO.inspect(%{"//": :slash})
