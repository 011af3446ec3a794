a = 1
f = fn b ->
  fn c ->
    fn d ->
      case {a, b, c, d} do
        {^a, x, _, _} when x > 0 -> fn -> a + b + c + d end
        _ -> fn -> :no end
      end
    end
  end
end
IO.inspect f.(2).(3).(4).()
