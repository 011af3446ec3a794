# Range constructors (ranges are %Range{first:, last:, step:} maps, built by
# the `..` and `..//` operators; these are the function forms).
defmodule Range do
  def new(first, last) when is_integer(first) and is_integer(last) do
    if last < first, do: first..last//-1, else: first..last//1
  end

  def new(first, last, step) when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    first..last//step
  end

  def size(%{__struct__: Range, first: first, last: last, step: step}) do
    cond do
      step > 0 and first > last -> 0
      step < 0 and first < last -> 0
      true -> div(last - first, step) + 1
    end
  end
end
