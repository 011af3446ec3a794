# Float functions written in Elixir, as Elixir 1.14 defines them (the rest
# are C BIFs: to_string/1 in bif_string.c; parse/1, ratio/1 and the exact
# decimal rounding Float.__round__/3 under floor/ceil/round in bif_math.c).
# Also the deprecated Atom.to_char_list/1.
defmodule Float do
  def max_finite, do: 1.7976931348623157e308
  def min_finite, do: -1.7976931348623157e308

  def floor(number), do: Float.floor(number, 0)
  def floor(number, precision) when is_float(number), do: round_at(number, precision, :floor)
  def ceil(number), do: Float.ceil(number, 0)
  def ceil(number, precision) when is_float(number), do: round_at(number, precision, :ceil)
  def round(float), do: Float.round(float, 0)
  def round(float, precision) when is_float(float), do: round_at(float, precision, :half_up)

  defp round_at(float, precision, mode) when is_integer(precision) and precision >= 0 and precision <= 15,
    do: Float.__round__(float, precision, mode)

  defp round_at(_float, precision, _mode),
    do: raise(ArgumentError, "precision #{precision} is out of valid range of 0..15")

  def pow(base, exponent) when is_float(base) and is_number(exponent), do: :math.pow(base, exponent)

  def to_charlist(float) when is_float(float), do: String.to_charlist(Float.to_string(float))

  def to_char_list(float), do: Float.to_charlist(float)
end

defmodule Atom do
  def to_char_list(atom), do: Atom.to_charlist(atom)
end
