f = fn a, b -> 1; c -> 2 end
