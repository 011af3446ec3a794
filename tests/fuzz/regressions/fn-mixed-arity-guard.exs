f = fn a when a -> 1
  -> 2
end
