# System.halt/1 from a process other than the main one ends the run at
# once, with its status (0 here, so that the corpus can compare): nothing
# after it runs, in the main process or anywhere else.
defmodule Halt do
  def worker(main) do
    IO.puts("worker: telling main")
    send(main, :ready)

    receive do
      :go -> System.halt(0)
    end
  end
end

me = self()
w = spawn(fn -> Halt.worker(me) end)

receive do
  :ready -> IO.puts("main: worker is ready")
end

send(w, :go)
Process.sleep(:infinity)
IO.puts("never printed")
