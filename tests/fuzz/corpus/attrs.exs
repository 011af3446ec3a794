defmodule A do
  @x 1
  @y [@x, 2]
  @z %{k: @y}
  @doc """
  text
  """
  def get, do: {@x, @y, @z}
  @x 5
  def get2, do: @x
end
IO.inspect {A.get(), A.get2()}
