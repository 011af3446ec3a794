# Float.parse/round/floor/ceil/pow/ratio/max_finite/min_finite/to_charlist, Kernel floor/ceil/bit_size/binary_slice, IO.iodata_length, Atom.to_char_list; errors through a monitor. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule C do
  def r(f) do
    {pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, ^pid, {e, _}} -> e
    end
  end

  def msg(f), do: IO.puts(Exception.message(r(f)))
  def reason(f), do: IO.inspect(r(f))
  def id(x), do: x

  def each([], _fun), do: :ok

  def each([x | rest], fun) do
    fun.(x)
    each(rest, fun)
  end

  def floor_ceil(x) when floor(x) == ceil(x), do: :whole
  def floor_ceil(_), do: :fraction
end

# Float.parse/1
C.each(
  ["34", "34.25", "56.5xyz", "pi", "-0.0", "-0", "+1.5", "1.e5", "1e5", "1E+5x", "1e-400",
   "1.0e-320", "1e400", "-1e400", "1.5e", "1.5e+", ".5", "-", "", "--1", "0012.50abc", "1e5.3",
   "1.5.3", "2.5e-3e4", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
   "123456789012345678901234567890", "0.1000000000000000055511151231257827"],
  fn s -> IO.inspect({s, Float.parse(s)}) end
)

IO.inspect(Float.parse(String.duplicate("1", 300) <> "x"))
C.reason(fn -> Float.parse("1" <> String.duplicate("0", 400)) end)
C.reason(fn -> Float.parse(C.id(1)) end)

# rounding with a precision
C.each(
  [1.005, -1.005, 2.675, -2.675, 12.52, -12.52, 5.5675, -5.5675, 34.259, 34.251, 0.1, -0.1,
   1.0e-20, -1.0e-20, 3.0e-16, -3.0e-16, 123_456_789.123456789, 1.0e20, -1.0e300, 0.5, -0.5,
   1.5, -1.5, 2.5, 0.0, -0.0, 1.0, 9.999999999999999, 0.9999999999999999, 4.35, 1.1, 1.0e15 + 0.3],
  fn x ->
    IO.inspect(
      {x, Float.round(x), Float.floor(x), Float.ceil(x),
       Enum.map([1, 2, 3, 7, 15], fn p -> {Float.round(x, p), Float.floor(x, p), Float.ceil(x, p)} end)}
    )
  end
)

C.msg(fn -> Float.round(1.5, 16) end)
C.msg(fn -> Float.floor(1.5, -1) end)
C.msg(fn -> Float.ceil(1.5, :a) end)
C.reason(fn -> Float.round(C.id(1), 1) end)
C.reason(fn -> Float.floor(C.id(1)) end)
C.reason(fn -> Float.ceil(C.id(1)) end)
C.reason(fn -> Float.round(C.id(1)) end)

# pow, ratio, limits, text
IO.inspect({Float.pow(2.0, 3), Float.pow(2.0, -1), Float.pow(4.0, 0.5), Float.pow(-2.0, 3)})
C.reason(fn -> Float.pow(-1.0, 0.5) end)
C.reason(fn -> Float.pow(10.0, 400) end)
C.reason(fn -> Float.pow(C.id(1), 2) end)

C.each(
  [0.0, -0.0, 3.14, -3.14, 1.5, -1.5, 16.0, -16.0, 0.1, 1.0e18, 0.375, 4.6e18,
   -9.223372036854775808e18],
  fn x -> IO.inspect({x, Float.ratio(x)}) end
)

C.reason(fn -> Float.ratio(C.id(1)) end)
IO.inspect({Float.max_finite(), Float.min_finite()})
IO.inspect({Float.to_charlist(7.0), Float.to_charlist(-1.0e-10), Float.to_string(0.1)})
C.reason(fn -> Float.to_charlist(C.id(1)) end)

# Kernel
IO.inspect({floor(-1.5), ceil(-1.5), floor(3), ceil(-3), floor(2.0), ceil(-0.5), floor(1.0e18)})
IO.inspect({C.floor_ceil(2), C.floor_ceil(2.5), C.floor_ceil(:a)})
C.reason(fn -> floor(C.id(:a)) end)
C.reason(fn -> ceil(C.id("x")) end)
IO.inspect({bit_size("abc"), bit_size(""), bit_size("é")})
C.reason(fn -> bit_size(C.id(1)) end)

C.each(
  [1..3, -3..-1, 10..20, 1..20//2, 0..4//2, 0..3//2, 0..-1//3, 0..-1//1, 2..-1//1, 0..-10//1,
   -10..2, 3..1//1, 4..4],
  fn range -> IO.inspect({range, binary_slice("hello", range)}) end
)

C.msg(fn -> binary_slice("hello", 3..1//-1) end)
C.reason(fn -> binary_slice(C.id(:a), 1..2) end)

C.each(
  [{1, 2}, {-2, 10}, {10, 1}, {0, 0}, {-10, 2}, {4, 100}, {5, 1}],
  fn {start, size} -> IO.inspect({start, size, binary_slice("hello", start, size)}) end
)

C.reason(fn -> binary_slice("hello", 1, C.id(-1)) end)
C.reason(fn -> binary_slice(C.id(:a), 1, 1) end)
C.reason(fn -> binary_slice("a", C.id(:x), 1) end)

# IO.iodata_length, Atom.to_char_list
IO.inspect(
  {IO.iodata_length(["ab", ?c | "de"]), IO.iodata_length("abc"), IO.iodata_length([]),
   IO.iodata_length([[], ["a" | "b"], [255, [0]]])}
)

C.reason(fn -> IO.iodata_length([1000]) end)
C.reason(fn -> IO.iodata_length(C.id(:a)) end)
IO.inspect({Atom.to_char_list(:abc), Atom.to_char_list(nil)})
C.reason(fn -> Atom.to_char_list(C.id("a")) end)
