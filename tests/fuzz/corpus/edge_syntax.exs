x = (1; 2)
y = (
  3
  4
)
IO.inspect(x); IO.inspect y
f = fn -> end
IO.inspect [f.(), [], {}, %{}, nil, true, false, :"", ""]
IO.inspect [a: 1, "b c": 2]
IO.inspect %{"a": 1}
IO.inspect :erlang.element(1, {:x})
IO.inspect __MODULE__
z = if true do end
IO.inspect z
