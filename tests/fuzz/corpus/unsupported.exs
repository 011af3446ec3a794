for x <- [1, 2], do: x
with {:ok, a} <- {:ok, 1}, do: a
<<1, 2>>
~w(a b)
defstruct [:a]
import Enum
alias Foo.Bar
x :: integer
try do
  :ok
rescue
  e -> e
end
