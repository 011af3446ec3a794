# Spawning with closures: each spawn runs the closure in a new process.
greet = fn name -> spawn(fn -> IO.puts("hello from #{name}") end) end

greet.("alice")
greet.("bob")
Process.sleep(10)

# a closure captures values: the child gets its own copy
x = 41
spawn(fn -> IO.puts("x + 1 = #{x + 1}") end)
Process.sleep(10)
IO.puts("main is done")
