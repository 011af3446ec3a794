defmodule Outer do
  @moduledoc "doc"
  @limit 10
  @names [:a, :b]
  defmodule Inner do
    def hi, do: :inner
  end
  @spec f(integer) :: integer
  def f(x) when x < @limit, do: Inner.hi() && x + length(@names)
  def f(_), do: __MODULE__
  defp priv(x), do: x
  def g(x), do: priv(x) |> f()
end
IO.inspect {Outer.f(1), Outer.f(100), Outer.g(2), Outer.Inner.hi()}
