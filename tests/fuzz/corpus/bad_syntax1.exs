defmodule X do
  def f(x) do
    case x do
      1 ->
    end
  end
