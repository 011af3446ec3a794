f = &Kernel.is_atom/1
g = &IO.inspect/1
h = &(&1 + &2 * &3)
m = Enum
k = &m.count/1
IO.inspect {f.(:a), h.(1, 2, 3), k.([1]), apply(Enum, :sum, [[1, 2]]), apply(fn a -> a end, [1])}
g.(:done)
