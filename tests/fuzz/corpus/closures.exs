x = 10
add = fn y -> x + y end
mul = fn
  0, _ -> 0
  a, b when a > 0 -> a * b
  a, b -> -a * b
end
compose = fn f, g -> fn v -> g.(f.(v)) end end
h = compose.(add, &(&1 * 2))
cap = &Enum.map(&1, fn z -> z + x end)
IO.inspect {add.(1), mul.(2, 3), mul.(-2, 3), h.(1), cap.([1, 2]), (&+/2).(1, 2), (&elem(&1, 0)).({:a})}
