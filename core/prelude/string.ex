# String functions written in Elixir (the rest are C BIFs in bif_string.c,
# module Elixir.String too: calls to them here are remote, String.f(...),
# since a local call only sees this module). They follow Elixir 1.14's
# definitions and errors (:function_clause where its clauses have guards,
# ArgumentError for an empty match to replace_leading/trailing).
#
# Binaries are bytes, and some of these functions cut at byte offsets that
# need not be codepoint boundaries (replace_suffix(<<0xC3, 0xA9>>, <<0xA9>>,
# "")): they cut with binary_part/3.
defmodule String do
  # ---- prefixes and suffixes ----

  def replace_prefix(string, match, replacement)
      when is_binary(string) and is_binary(match) and is_binary(replacement) do
    cond do
      match == "" -> replacement <> string
      String.starts_with?(string, match) -> replacement <> drop_prefix(string, match)
      true -> string
    end
  end

  def replace_suffix(string, match, replacement)
      when is_binary(string) and is_binary(match) and is_binary(replacement) do
    cond do
      match == "" -> string <> replacement
      String.ends_with?(string, match) -> take_bytes(string, byte_size(string) - byte_size(match)) <> replacement
      true -> string
    end
  end

  def replace_leading(string, match, replacement)
      when is_binary(string) and is_binary(match) and is_binary(replacement) do
    if match == "", do: raise(ArgumentError, "cannot use an empty string as the match to replace")
    replace_leading(string, match, replacement, 0)
  end

  defp replace_leading(string, match, replacement, count) do
    if String.starts_with?(string, match) do
      replace_leading(drop_prefix(string, match), match, replacement, count + 1)
    else
      String.duplicate(replacement, count) <> string
    end
  end

  def replace_trailing(string, match, replacement)
      when is_binary(string) and is_binary(match) and is_binary(replacement) do
    if match == "", do: raise(ArgumentError, "cannot use an empty string as the match to replace")
    replace_trailing(string, match, replacement, 0)
  end

  defp replace_trailing(string, match, replacement, count) do
    if String.ends_with?(string, match) do
      replace_trailing(take_bytes(string, byte_size(string) - byte_size(match)), match, replacement, count + 1)
    else
      string <> String.duplicate(replacement, count)
    end
  end

  # string without match, which string starts with
  defp drop_prefix(string, match),
    do: binary_part(string, byte_size(match), byte_size(string) - byte_size(match))

  # the first n bytes of string
  defp take_bytes(string, n), do: binary_part(string, 0, n)

  # ---- splitting and codepoints ----

  def split_at(string, position) when is_binary(string) and is_integer(position) do
    {left, right} = Enum.split(String.graphemes(string), position)
    {Enum.join(left), Enum.join(right)}
  end

  def next_codepoint(string) when is_binary(string) do
    case String.first(string) do
      nil ->
        nil

      grapheme ->
        codepoint = hd(String.codepoints(grapheme))
        {codepoint, drop_prefix(string, codepoint)}
    end
  end

  def printable?(string), do: printable?(string, :infinity)

  def printable?(string, limit)
      when is_binary(string) and (limit == :infinity or (is_integer(limit) and limit >= 0)) do
    printable_codepoints?(String.codepoints(string), limit)
  end

  defp printable_codepoints?(_, 0), do: true
  defp printable_codepoints?([], _), do: true

  defp printable_codepoints?([c | rest], limit) do
    if String.valid?(c) and printable_char?(hd(String.to_charlist(c))) do
      printable_codepoints?(rest, if(limit == :infinity, do: :infinity, else: limit - 1))
    else
      false
    end
  end

  defp printable_char?(c) when c >= 0x20 and c <= 0x7E, do: true
  defp printable_char?(c) when c >= 7 and c <= 13, do: true
  defp printable_char?(c) when c == 27 or c == 127, do: true
  defp printable_char?(c) when c >= 0xA0 and c <= 0xD7FF, do: true
  defp printable_char?(c) when c >= 0xE000 and c <= 0xFFFD, do: true
  defp printable_char?(c) when c >= 0x10000 and c <= 0x10FFFF, do: true
  defp printable_char?(_), do: false

  def valid_character?(string) do
    is_binary(string) and String.codepoints(string) == [string] and String.valid?(string)
  end

  # ---- distances ----

  def jaro_distance(string, string), do: 1.0
  def jaro_distance(_string, ""), do: 0.0
  def jaro_distance("", _string), do: 0.0

  # Jaro similarity over graphemes: each grapheme of the shorter string
  # matches the first unmatched equal one of the longer within `window`
  # positions of its own; a transposition is a match placed before the
  # previous one in the longer string.
  def jaro_distance(string1, string2) when is_binary(string1) and is_binary(string2) do
    chars1 = String.graphemes(string1)
    chars2 = String.graphemes(string2)
    len1 = length(chars1)
    len2 = length(chars2)
    {short, long} = if len1 < len2, do: {chars1, chars2}, else: {chars2, chars1}
    long = List.to_tuple(long)
    window = div(tuple_size(long), 2) - 1

    {matches, transpositions, _last, _used} =
      Enum.reduce(Enum.with_index(short), {0, 0, -1, %{}}, fn {char, i}, {m, t, last, used} = acc ->
        case jaro_find(long, char, Kernel.max(i - window, 0), Kernel.min(i + window, tuple_size(long) - 1), used) do
          nil -> acc
          at -> {m + 1, if(at < last, do: t + 1, else: t), at, Map.put(used, at, true)}
        end
      end)

    if matches == 0,
      do: 0.0,
      else: (matches / len1 + matches / len2 + (matches - transpositions) / matches) / 3
  end

  # the first position in from..to holding char and not yet used
  defp jaro_find(_long, _char, from, to, _used) when from > to, do: nil

  defp jaro_find(long, char, from, to, used) do
    if elem(long, from) == char and not Map.has_key?(used, from),
      do: from,
      else: jaro_find(long, char, from + 1, to, used)
  end

  def bag_distance(_string, ""), do: 0.0
  def bag_distance("", _string), do: 0.0

  def bag_distance(string1, string2) when is_binary(string1) and is_binary(string2) do
    chars1 = String.graphemes(string1)
    chars2 = String.graphemes(string2)
    bag1 = Enum.frequencies(chars1)
    bag2 = Enum.frequencies(chars2)
    diff1 = bag_difference(bag1, bag2)
    diff2 = bag_difference(bag2, bag1)
    1 - max(diff1, diff2) / max(length(chars1), length(chars2))
  end

  defp bag_difference(bag1, bag2) do
    Enum.reduce(bag1, 0, fn {char, count1}, sum ->
      case Map.fetch(bag2, char) do
        {:ok, count2} -> sum + max(count1 - count2, 0)
        :error -> sum + count1
      end
    end)
  end

  # ---- case ----

  # :default is capitalize/1; :ascii changes only a..z and A..Z; :greek
  # and :turkic titlecase the first codepoint (an "i" is "İ" in :turkic)
  # and downcase the rest as String.downcase/2 does
  def capitalize(string, :default) when is_binary(string), do: String.capitalize(string)

  def capitalize(string, :ascii) when is_binary(string) do
    case String.codepoints(string) do
      [] -> ""
      [first | rest] -> ascii_case(first, ?a, ?z, -32) <> Enum.map_join(rest, fn c -> ascii_case(c, ?A, ?Z, 32) end)
    end
  end

  def capitalize(string, mode) when is_binary(string) and (mode == :greek or mode == :turkic) do
    case String.codepoints(string) do
      [] -> ""
      ["i" | _] when mode == :turkic -> "İ" <> String.downcase(drop_prefix(string, "i"), mode)
      [first | _] -> String.capitalize(first) <> String.downcase(drop_prefix(string, first), mode)
    end
  end

  defp ascii_case(c, from, to, delta) do
    if byte_size(c) == 1 and String.valid?(c) do
      char = hd(String.to_charlist(c))
      if char >= from and char <= to, do: List.to_string([char + delta]), else: c
    else
      c
    end
  end

  # ---- deprecated ----

  def to_char_list(string), do: String.to_charlist(string)

  def ljust(subject, len) when is_integer(len) and len >= 0, do: String.pad_trailing(subject, len)

  def ljust(subject, len, pad) when is_integer(pad) and is_integer(len) and len >= 0,
    do: String.pad_trailing(subject, len, utf8(pad))

  def rjust(subject, len) when is_integer(len) and len >= 0, do: String.pad_leading(subject, len)

  def rjust(subject, len, pad) when is_integer(pad) and is_integer(len) and len >= 0,
    do: String.pad_leading(subject, len, utf8(pad))

  def strip(subject), do: String.trim(subject)

  def strip(subject, char) when is_integer(char),
    do: replace_leading(replace_trailing(subject, utf8(char), ""), utf8(char), "")

  def lstrip(subject), do: String.trim_leading(subject)
  def lstrip(subject, char) when is_integer(char), do: replace_leading(subject, utf8(char), "")

  def rstrip(subject), do: String.trim_trailing(subject)
  def rstrip(subject, char) when is_integer(char), do: replace_trailing(subject, utf8(char), "")

  # <<char::utf8>>: badarg for what is no Unicode scalar value
  defp utf8(char) when char >= 0 and char <= 0x10FFFF and (char < 0xD800 or char > 0xDFFF),
    do: List.to_string([char])

  defp utf8(_char), do: :erlang.error(:badarg)
end
