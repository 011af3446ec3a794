a = [1, 2, 3] -- [2]
b = [1] ++ [2]
c = 1 === 1.0
d = 1 == 1.0
e = 1 !== 2
f = :a < :b and 1 <= 2 or false
g = "x" <> "y"
h = 1 in [1]
i = 2 not in [1]
j = -(-1)
IO.inspect {a, b, c, d, e, f, g, h, i, j, 3 >= 2, 2 > 3, 1 != 2}
