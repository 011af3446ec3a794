# Anonymous functions: multi-clause fns with guards, closures over variables and other closures, returning functions, immediate calls, recursion via a passed function.
add = fn a, b -> a + b end
IO.inspect(add.(1, 2))
sign = fn
  0 -> :zero
  n when n < 0 -> :neg
  _ -> :pos
end
IO.inspect(Enum.map([-2, 0, 3], sign))
make_counter = fn start -> fn step -> start + step end end
c10 = make_counter.(10)
IO.inspect({c10.(1), c10.(5)})
compose = fn f, g -> fn x -> g.(f.(x)) end end
inc = fn x -> x + 1 end
dbl = fn x -> x * 2 end
IO.inspect({compose.(inc, dbl).(5), compose.(dbl, inc).(5)})
IO.inspect((fn -> :immediate end).())
IO.inspect((fn x, y -> x * y end).(6, 7))
tuple_fn = fn {a, b} -> a + b end
IO.inspect(tuple_fn.({3, 4}))
list_fn = fn [h | t] -> {h, t}; [] -> :empty end
IO.inspect({list_fn.([1, 2]), list_fn.([])})
map_fn = fn %{x: x} -> x end
IO.inspect(map_fn.(%{x: 9, y: 0}))
apply_twice = fn f, x -> f.(f.(x)) end
IO.inspect(apply_twice.(dbl, 3))
IO.inspect(apply_twice.(fn s -> s <> "!" end, "hi"))
fib = fn
  n, _ when n < 2 -> n
  n, self -> self.(n - 1, self) + self.(n - 2, self)
end
IO.inspect(fib.(20, fib))
zero = fn -> 0 end
IO.inspect(zero.())
IO.inspect(is_function(zero), label: "is_function")
IO.inspect({is_function(add, 2), is_function(add, 1), is_function(zero, 0)})
funs = [inc, dbl, &(&1 - 1)]
IO.inspect(Enum.map(funs, fn f -> f.(10) end))
IO.inspect(Enum.reduce(funs, 1, fn f, acc -> f.(acc) end))
pair = {fn -> :first end, fn -> :second end}
IO.inspect(elem(pair, 1).())
m = %{op: fn a -> a * 3 end}
IO.inspect(m.op.(4))
x = 5
adder = fn y -> x + y end
x = 100
IO.inspect({adder.(1), x})
nested = fn a -> fn b -> fn c -> a + b + c end end end
IO.inspect(nested.(1).(2).(3))
IO.inspect(Enum.map([1, 2, 3], fn x -> Enum.map([10, 20], fn y -> x * y end) end))
IO.inspect(apply(add, [2, 3]))
IO.inspect(apply(fn -> :no_args end, []))
