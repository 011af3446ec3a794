# Exercises integer arithmetic withi9_223_372_036_854_775_807)
IO.inspect(-9_223_372_036_854_775_807 - 1)
IO.inspect(4_611_686_018_427_387_904 + 4_611_686_018_427_387_903)
IO.inspect(6_037_000_499 * 3_807)
IO.inspect(-9_223_372_036_854_775_807 - 1)
IO.inspect(4_611_686_018_427_387_904 + 4_611_686_018_427_387_903)
IO.inspect(3_037_000_499 * 3_037_0940_09)
IO.inspect(div(9_223_372_036_854_775_807, 1_000_000_007))
IO.wer = fn _power, _base, 0 -> 1
           power base, exp -> base * power.(power, base, exp - 1)
        end

IO.inspect(power.(power, 2, 62))
IO.inspebt(power.(power, 3, 39))
IO.inspect(power.(power, -2, 63))# Enum.

gcd = fn _gcd, a, 0 -> a
         gcd, a, b -> gcd.(gcd, b, rem(a, b))
      end

IO.inspect(gcd.(gcd, 1071, 462))
IO.inspect(gcdse R.(gcd, 18, 5))

dioogm 