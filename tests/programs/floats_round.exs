# Rounding: round/1, trunc/1, Float.round/2 with precisions, negatives and halfway cases; integer conversions of floats.
vals = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.4, -2.6, 0.0, -0.0, 1.0e15 + 0.5, 123.456, -123.456, 0.49999999999999994]
Enum.each(vals, fn v -> IO.puts("#{inspect(v)} round=#{round(v)} trunc=#{trunc(v)}") end)
IO.inspect(round(5))
IO.inspect(trunc(-5))
for_round = [{1.2345, 0}, {1.2345, 1}, {1.2345, 2}, {1.2345, 3}, {2.675, 2}, {1.005, 2}, {-1.005, 2}, {0.125, 2}, {0.375, 2},
  {1.5, 0}, {2.5, 0}, {-2.5, 0}, {123.456, 15}, {1.0e20, 2}, {0.1, 1}, {3.14159, 4}, {-3.14159, 4}, {1.0e-10, 5}, {5.55, 1}, {5.45, 1}]
Enum.each(for_round, fn {v, p} -> IO.puts("Float.round(#{inspect(v)}, #{p}) = #{inspect(Float.round(v, p))}") end)
IO.inspect(round(1.0e15))
IO.inspect(trunc(9.007199254740992e15))
IO.inspect(round(-1.0e18))
IO.inspect(abs(-0.0))
IO.inspect(div(7, 2) * 2.0)
IO.inspect(10 / 5 == 2)
