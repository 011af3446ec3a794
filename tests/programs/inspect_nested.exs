# IO.inspect of deeply nested data: pretty printing at 80 columns breaks lists, tuples, maps and keyword lists over lines.
data = %{
  users: [
    %{name: "alice", roles: [:admin, :dev], meta: %{age: 30, tags: ["a", "b", "c"]}},
    %{name: "bob", roles: [:dev], meta: %{age: 25, tags: []}}
  ],
  settings: [theme: "dark", font_size: 14, plugins: [{:git, "1.0"}, {:lint, "2.3.1"}]],
  counts: {1, 2, 3, {4, 5, {6, 7, {8, 9}}}}
}
IO.inspect(data)
IO.inspect(data, label: "data")
IO.inspect({:ok, data.users})
IO.inspect([[[[[[[[[[1]]]]]]]]]])
IO.inspect({{{{{{{{{{:deep}}}}}}}}}})
IO.inspect(%{a: %{b: %{c: %{d: %{e: %{f: %{g: %{h: "very deep value that is somewhat long"}}}}}}}})
IO.inspect(Enum.map(1..8, fn i -> {i, String.duplicate("x", i * 3)} end))
IO.inspect(Enum.map(1..5, fn i -> %{id: i, name: "item-#{i}", tags: [:a, :b]} end))
IO.inspect([a: [b: [c: [d: [e: [f: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]]]]]])
IO.inspect({"a long string that goes on and on", "another long string that goes on", :and_an_atom})
IO.inspect(["short", "list"])
IO.inspect([String.duplicate("y", 100)])
IO.inspect(%{"key" => String.duplicate("z", 90)})
IO.inspect({1, [2, {3, [4, {5, [6, {7, [8, {9, [10]}]}]}]}]})
IO.inspect(List.duplicate({:ok, "value"}, 9))
IO.inspect(List.duplicate([1, 2, 3], 10))
