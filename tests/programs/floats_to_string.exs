# Float to text: to_string/1, string interpolation and Float.to_string/1 (which can differ from inspect), and IO.puts of floats.
floats = [0.0, -0.0, 1.0, 0.1, 1.5, 100.0, 1.0e3, 1.0e6, 1.0e10, 1.0e15, 1.0e16, 1.0e17, 1.0e20, 1.0e21, 1.0e22, 1.0e-3, 1.0e-4, 1.0e-5,
  1.0e-10, 123456789.123, 1234567.0, 12345678.9, 0.000123, 1 / 3, 5.0e-324, 1.7976931348623157e308, 2.5e7, 3.0e5, 99999.0, 999999.0,
  9999999.0, 100000.0, 1000000.0, 0.001, 0.0001, 123.0, 1.0e2, 1.0e4, 1.0e5]
Enum.each(floats, fn f -> IO.puts("#{inspect(f)} | #{f} | #{to_string(f)} | #{Float.to_string(f)}") end)
IO.puts(1.5)
IO.puts(1.0e6)
IO.puts([1.5 |> to_string(), " ", to_string(2.0)])
IO.puts("sum: #{0.1 + 0.2}")
IO.puts("div: #{10 / 4}")
IO.puts("big: #{1.0e6 * 3}")
IO.write("#{2.5}\n")
