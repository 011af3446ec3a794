# Modules: attributes as constants (numbers, strings, lists, maps, computed from other attributes), __MODULE__, nested module names, defp, the do: form, calls to functions defined later.
defmodule Config do
  @timeout 5000
  @name "config"
  @levels [:debug, :info, :warn]
  @limits %{max: 10, min: 1}
  @double_timeout @timeout * 2
  @tuple {:a, @name}

  def timeout, do: @timeout
  def name, do: @name
  def levels, do: @levels
  def limits, do: @limits
  def double_timeout, do: @double_timeout
  def tuple, do: @tuple
  def me, do: __MODULE__
  def me_string, do: inspect(__MODULE__)
  def level?(l), do: l in @levels
  def first_level, do: hd(@levels)
  def max_limit, do: @limits.max
  def later, do: defined_below(3)
  defp defined_below(n), do: n * @timeout
end
IO.inspect({Config.timeout(), Config.name(), Config.levels(), Config.limits()})
IO.inspect({Config.double_timeout(), Config.tuple(), Config.me(), Config.me_string()})
IO.inspect({Config.level?(:info), Config.level?(:error), Config.first_level(), Config.max_limit(), Config.later()})
defmodule Todo.Server do
  def start, do: {__MODULE__, :started}
  def list, do: Todo.List.new()
end
defmodule Todo.List do
  def new, do: {__MODULE__, []}
end
IO.inspect(Todo.Server.start())
IO.inspect(Todo.Server.list())
IO.inspect(Todo.List)
IO.inspect(to_string(Todo.List))
IO.inspect(Todo.List == :"Elixir.Todo.List")
defmodule Outer do
  def hello, do: :outer
  defmodule Inner do
    def hello, do: {:inner, __MODULE__}
  end
  def call_inner, do: Outer.Inner.hello()
end
IO.inspect({Outer.hello(), Outer.Inner.hello(), Outer.call_inner()})
defmodule Multi do
  @moduledoc "Documentation is accepted and ignored."
  @doc "so is function documentation"
  def area({:square, s}), do: s * s
  def area({:rect, w, h}), do: w * h
  def area({:circle, r}) when is_number(r), do: 3 * r * r
  def area(_), do: :unknown
  @attr 1
  def attr_first, do: @attr
  @attr 2
  def attr_second, do: @attr
end
IO.inspect(Enum.map([{:square, 3}, {:rect, 2, 5}, {:circle, 2}, :blob], &Multi.area/1))
IO.inspect({Multi.attr_first(), Multi.attr_second()})
mod = Multi
IO.inspect(mod.area({:square, 4}))
mods = [Config, Multi]
IO.inspect(Enum.map(mods, fn m -> inspect(m) end))
IO.inspect(apply(Multi, :area, [{:rect, 1, 1}]))
