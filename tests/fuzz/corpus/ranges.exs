r = 1..10
s = 10..1//-2
IO.inspect {Enum.to_list(r), Enum.to_list(s), 5 in r, Enum.sum(1..100), Enum.map(1..3, &(&1 * &1))}
