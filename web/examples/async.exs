# Async queries: five processes work at once and send their results back.
run_query = fn q ->
  Process.sleep(100)
  "#{q} result"
end

async_query = fn q ->
  caller = self()
  spawn(fn -> send(caller, {:query_result, run_query.(q)}) end)
end

Enum.each(1..5, &async_query.("query #{&1}"))

get_result = fn ->
  receive do
    {:query_result, result} -> result
  end
end

results = Enum.map(1..5, fn _ -> get_result.() end)
IO.inspect(results)
