# Float printing: inspect gives the shortest round-trip digits; exponent forms for very large and very small values.
floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 10 / 3, 1.5, 100.0, 1.0e3, 1.0e6, 1.0e10, 1.0e15, 1.0e16, 1.0e17,
  1.0e20, 1.0e21, 1.0e22, 1.0e100, 1.0e-1, 1.0e-3, 1.0e-4, 1.0e-5, 1.0e-6, 1.0e-7, 1.0e-10, 1.0e-100, 123456789.123, 9007199254740992.0,
  9007199254740993.0, 5.0e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3.14159265358979, 2.718281828459045, 0.5, 0.25, 0.125,
  1.0e15 + 0.3, 123.456, 1234567.0, 12345678.9, 0.000123, 100000000000000000000.0, 4.35, 0.07, 1.1, 2.675, 1.005, 299792458.0]
Enum.each(floats, fn f -> IO.puts(inspect(f)) end)
IO.inspect(floats)
IO.inspect(7 / 2)
IO.inspect(6 / 2)
IO.inspect(-7 / 2)
IO.inspect(1.0e3 == 1000)
IO.inspect(1.0 === 1)
IO.inspect(0.1 * 3)
IO.inspect({1.5, [2.5], %{f: 3.5}})
IO.inspect(-1.5e-7)
IO.inspect(+1.5)
IO.inspect(-(-2.5))
IO.inspect(1_000.5)
IO.inspect(1.0e+3)
IO.inspect(1.0E3)
