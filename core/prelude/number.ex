# Integer and Tuple functions written in Elixir (the rest are C BIFs:
# Integer.to_string/parse/digits/to_charlist/1 in bif_string.c,
# Integer.pow in bif_math.c, Tuple.to_list/append/... in bif_data.c).
# They follow Elixir 1.14's definitions, so their errors are Elixir's:
# :function_clause where its clauses have guards, :badarith from the
# arithmetic itself, ArgumentError for undigits' bad digits. Integers are
# 64-bit here: where Elixir multiplies only to compare signs (mod/2,
# floor_div/2) the signs are compared instead, so no product overflows.
defmodule Integer do
  def mod(dividend, divisor) do
    remainder = rem(dividend, divisor)

    if (remainder < 0 and divisor > 0) or (remainder > 0 and divisor < 0),
      do: remainder + divisor,
      else: remainder
  end

  def floor_div(dividend, divisor) do
    quotient = div(dividend, divisor)

    if (dividend < 0 and divisor > 0) or (dividend > 0 and divisor < 0) do
      if rem(dividend, divisor) == 0, do: quotient, else: quotient - 1
    else
      quotient
    end
  end

  def gcd(integer1, integer2) when is_integer(integer1) and is_integer(integer2) do
    gcd_positive(abs(integer1), abs(integer2))
  end

  defp gcd_positive(0, integer2), do: integer2
  defp gcd_positive(integer1, 0), do: integer1
  defp gcd_positive(integer1, integer2), do: gcd_positive(integer2, rem(integer1, integer2))

  def extended_gcd(0, 0), do: {0, 0, 0}
  def extended_gcd(0, b), do: {b, 0, 1}
  def extended_gcd(a, 0), do: {a, 1, 0}

  def extended_gcd(integer1, integer2) when is_integer(integer1) and is_integer(integer2) do
    extended_gcd(integer2, integer1, 0, 1, 1, 0)
  end

  defp extended_gcd(r1, r0, s1, s0, t1, t0) do
    div = div(r0, r1)

    case r0 - div * r1 do
      0 when r1 > 0 -> {r1, s1, t1}
      0 when r1 < 0 -> {-r1, -s1, -t1}
      r2 -> extended_gcd(r2, r1, s0 - div * s1, s1, t0 - div * t1, t1)
    end
  end

  def undigits(digits), do: undigits(digits, 10)

  def undigits(digits, base) when is_list(digits) and is_integer(base) and base >= 2 do
    do_undigits(digits, base, 0)
  end

  defp do_undigits([], _base, acc), do: acc

  defp do_undigits([digit | _], base, _) when is_integer(digit) and digit >= base,
    do: raise(ArgumentError, "invalid digit #{digit} in base #{base}")

  defp do_undigits([digit | tail], base, acc) when is_integer(digit),
    do: do_undigits(tail, base, acc * base + digit)

  # to_charlist/1 is a BIF; bad arguments are :erlang.integer_to_list/2's
  # badarg
  def to_charlist(integer, base), do: String.to_charlist(:erlang.integer_to_binary(integer, base))

  def to_char_list(integer), do: Integer.to_charlist(integer)
  def to_char_list(integer, base), do: Integer.to_charlist(integer, base)
end

defmodule Tuple do
  def sum(tuple), do: sum(tuple, tuple_size(tuple))

  defp sum(_tuple, 0), do: 0
  defp sum(tuple, index), do: :erlang.element(index, tuple) + sum(tuple, index - 1)

  def product(tuple), do: product(tuple, tuple_size(tuple))

  defp product(_tuple, 0), do: 1
  defp product(tuple, index), do: :erlang.element(index, tuple) * product(tuple, index - 1)
end
