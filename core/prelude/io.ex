# IO.warn/1,2: "warning: " and the message on standard error, then the
# stack trace's lines. beamlet keeps no stack traces, so those of an empty
# one: none (what Elixir prints for IO.warn(message, [])).
defmodule IO do
  def warn(message), do: warn(message, [])

  def warn(message, _stacktrace_info) do
    IO.write(:stderr, ["warning: ", IO.chardata_to_string(message), "\n\n"])
  end
end
