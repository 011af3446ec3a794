# Integer.gcd/mod/floor_div/extended_gcd/undigits/to_charlist/2, Tuple.sum/product, String.replace_prefix/suffix/leading/trailing, split_at, next_codepoint, printable?, jaro/bag distance, capitalize/2, the deprecated String and Integer functions, Process.send_after/4, cancel_timer/2, get_keys/1 and spawn/2,4 with options; errors seen by a monitor. Expected output generated with Logger off (elixir --erl "-kernel logger_level none" FILE.exs).
defmodule T do
  def r(f) do
    {_pid, ref} = spawn_monitor(f)

    receive do
      {:DOWN, ^ref, :process, _, {e, st}} when is_list(st) -> IO.inspect(e, label: "error")
      {:DOWN, ^ref, :process, _, :normal} -> :ok
      {:DOWN, ^ref, :process, _, o} -> IO.inspect(o, label: "exit")
    end
  end

  def recv(0), do: :ok

  def recv(n) do
    receive do
      m -> IO.inspect(m, label: "got")
    end

    recv(n - 1)
  end

  def down(ref, label) do
    receive do
      {:DOWN, ^ref, :process, _, {r, st}} when is_list(st) -> IO.inspect(first(r), label: label)
      {:DOWN, ^ref, :process, _, r} -> IO.inspect(r, label: label)
    end
  end

  def exited(pid, label) do
    receive do
      {:EXIT, ^pid, {r, st}} when is_list(st) -> IO.inspect(first(r), label: label)
      {:EXIT, ^pid, r} -> IO.inspect(r, label: label)
    end
  end

  defp first(r) when is_tuple(r), do: elem(r, 0)
  defp first(r), do: r

  def hello(parent, tag), do: send(parent, {:hello, tag})
  def crash(x), do: exit({:crashed, x})
end

IO.puts("-- Integer")
IO.inspect({Integer.gcd(12, 18), Integer.gcd(-12, 18), Integer.gcd(0, 0), Integer.gcd(0, -7), Integer.gcd(17, 5)})
pairs = [{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {-6, 3}, {0, -5}]
IO.inspect(pairs)
IO.inspect(Enum.map(pairs, fn {a, b} -> {Integer.mod(a, b), Integer.floor_div(a, b), rem(a, b), div(a, b)} end))
IO.inspect({Integer.mod(-9_000_000_000_000_000_000 |> div(10), 7), Integer.floor_div(-100, 9_000_000_000)})
IO.inspect({Integer.extended_gcd(240, 46), Integer.extended_gcd(46, 240), Integer.extended_gcd(-4, -6)})
IO.inspect({Integer.extended_gcd(0, 0), Integer.extended_gcd(0, -5), Integer.extended_gcd(-5, 0), Integer.extended_gcd(7, 7)})
IO.inspect({Integer.undigits([1, 2, 3]), Integer.undigits([]), Integer.undigits([1, 0, 1], 2), Integer.undigits([15, 15], 16)})
IO.inspect({Integer.undigits([1, -3, 2]), Integer.undigits(Integer.digits(987_654, 7), 7)})
IO.inspect({Integer.to_charlist(255, 16), Integer.to_charlist(-255, 2), Integer.to_charlist(35, 36)})
IO.inspect({Integer.to_char_list(-12), Integer.to_char_list(255, 8)})
T.r(fn -> Integer.gcd(1.0, 2) end)
T.r(fn -> Integer.mod(1, 0) end)
T.r(fn -> Integer.mod(1.5, 2) end)
T.r(fn -> Integer.floor_div(5, 0) end)
T.r(fn -> Integer.floor_div(:a, 2) end)
T.r(fn -> Integer.extended_gcd(:a, 3) end)
T.r(fn -> Integer.undigits([1, 10]) end)
T.r(fn -> Integer.undigits([2, 1], 2) end)
T.r(fn -> Integer.undigits([1, :a]) end)
T.r(fn -> Integer.undigits([1], 1) end)
T.r(fn -> Integer.undigits(:x) end)
T.r(fn -> Integer.to_charlist(10, 37) end)
T.r(fn -> Integer.to_charlist(1.0, 10) end)

IO.puts("-- Tuple")
IO.inspect({Tuple.sum({}), Tuple.sum({1, 2, 3}), Tuple.sum({1, 2.5}), Tuple.sum({0.1, 0.2, 0.3})})
IO.inspect({Tuple.product({}), Tuple.product({2, 3, 4}), Tuple.product({2, 3.0}), Tuple.product({-1, 5})})
T.r(fn -> Tuple.sum({1, :a}) end)
T.r(fn -> Tuple.product([1, 2]) end)

IO.puts("-- String prefixes and suffixes")
IO.inspect({String.replace_prefix("world", "wo", "ha"), String.replace_prefix("world", "xx", "ha"), String.replace_prefix("world", "", "ha")})
IO.inspect({String.replace_prefix("wowo", "wo", ""), String.replace_prefix("", "", "x"), String.replace_prefix("é!", "é", "e")})
IO.inspect({String.replace_suffix("hello", "lo", "p"), String.replace_suffix("hello", "x", "p"), String.replace_suffix("hello", "", "!")})
IO.inspect({String.replace_suffix("aaa", "aa", "b"), String.replace_suffix("café", "é", "e"), String.replace_suffix("é", "\xA9", "")})
IO.inspect({String.replace_leading("hello hello world", "hello ", ""), String.replace_leading("aaab", "a", "xy"), String.replace_leading("aaa", "aa", "-")})
IO.inspect({String.replace_leading("ééa", "é", "e"), String.replace_leading("abc", "z", "-"), String.replace_leading("", "a", "-")})
IO.inspect({String.replace_trailing("hello world world", " world", ""), String.replace_trailing("baaa", "a", "xy"), String.replace_trailing("aaa", "aa", "-")})
IO.inspect({String.replace_trailing("aéé", "é", "e"), String.replace_trailing("\xC3\xA9\xA9", "\xA9", "."), String.replace_trailing("", "a", "-")})
T.r(fn -> String.replace_leading("abc", "", "x") end)
T.r(fn -> String.replace_trailing("abc", "", "x") end)
T.r(fn -> String.replace_prefix(:abc, "a", "x") end)
T.r(fn -> String.replace_suffix("abc", 'c', "x") end)

IO.puts("-- String splitting and codepoints")
IO.inspect({String.split_at("sweetelixir", 5), String.split_at("sweetelixir", -6), String.split_at("abc", 0)})
IO.inspect({String.split_at("abc", 10), String.split_at("abc", -10), String.split_at("", 1), String.split_at("e\u0301ab", 1)})
IO.inspect({String.next_codepoint("olá"), String.next_codepoint("é!"), String.next_codepoint(""), String.next_codepoint("e\u0301")})
IO.inspect({String.next_codepoint("\xFFab"), String.next_codepoint("\xED\xA0\x80x"), String.next_codepoint("😀")})
T.r(fn -> String.split_at("abc", 1.0) end)
T.r(fn -> String.next_codepoint(:a) end)

IO.puts("-- String.printable? and valid_character?")
IO.inspect({String.printable?("abc"), String.printable?("abc\x01"), String.printable?(""), String.printable?("\n\t\r\v\b\f\e\d\a")})
IO.inspect({String.printable?("olá ⚡ 😀"), String.printable?("\u00A0"), String.printable?("\u009F"), String.printable?("\xFF")})
IO.inspect({String.printable?("\uFFFE"), String.printable?("\uFFFD"), String.printable?("ab\x01", 2), String.printable?("ab\x01", 3), String.printable?("\x01", 0)})
IO.inspect({String.valid_character?("a"), String.valid_character?("é"), String.valid_character?("ab"), String.valid_character?(""), String.valid_character?("\xFF"), String.valid_character?(97)})
T.r(fn -> String.printable?("abc", -1) end)
T.r(fn -> String.printable?(:abc) end)

IO.puts("-- String distances")
IO.inspect({String.jaro_distance("dwayne", "duane"), String.jaro_distance("even", "odd"), String.jaro_distance("same", "same")})
IO.inspect({String.jaro_distance("martha", "marhta"), String.jaro_distance("dixon", "dicksonx"), String.jaro_distance("jellyfish", "smellyfish")})
IO.inspect({String.jaro_distance("", ""), String.jaro_distance("abc", ""), String.jaro_distance("", "abc"), String.jaro_distance("a", "b"), String.jaro_distance("ab", "ba")})
IO.inspect({String.jaro_distance("héllo", "hello"), String.jaro_distance("e\u0301a", "éa"), String.jaro_distance("abcdefgh", "hgfedcba")})
IO.inspect({String.bag_distance("abc", "acb"), String.bag_distance("abcd", "acb"), String.bag_distance("abc", "xyz"), String.bag_distance("same", "same")})
IO.inspect({String.bag_distance("", ""), String.bag_distance("abc", ""), String.bag_distance("aab", "abb"), String.bag_distance("ééa", "aé")})
T.r(fn -> String.jaro_distance("abc", :abc) end)
T.r(fn -> String.bag_distance(:a, "b") end)

IO.puts("-- String.capitalize/2")
IO.inspect({String.capitalize("hello WORLD", :default), String.capitalize("élan", :default), String.capitalize("", :default)})
IO.inspect({String.capitalize("éLIXIR ÉA", :ascii), String.capitalize("hello WORLD", :ascii), String.capitalize("1ABC", :ascii), String.capitalize("", :ascii)})
T.r(fn -> String.capitalize("abc", :unknown) end)

IO.puts("-- deprecated String functions")
IO.inspect({String.to_char_list("hé"), String.ljust("ab", 5), String.ljust("ab", 5, ?-), String.ljust("abcdef", 3)})
IO.inspect({String.rjust("ab", 5), String.rjust("ab", 5, ?é), String.rjust("ab", 0, ?x)})
IO.inspect({String.strip("  ab  "), String.strip("xxabxx", ?x), String.strip("ééaé", ?é)})
IO.inspect({String.lstrip("  ab  "), String.lstrip("xxabxx", ?x), String.rstrip("  ab  "), String.rstrip("xxabxx", ?x)})
T.r(fn -> String.ljust("ab", -1) end)
T.r(fn -> String.rjust("ab", 3, "x") end)
T.r(fn -> String.rstrip("xxabxx", "x") end)
T.r(fn -> String.ljust("ab", 5, 0xD800) end)

IO.puts("-- Process.send_after/4 and cancel_timer/2")
parent = self()
t = Process.send_after(self(), :relative, 30, abs: false)
IO.inspect(is_reference(t), label: "timer ref")
now = System.monotonic_time(:millisecond)
Process.send_after(self(), :absolute_later, now + 60, abs: true)
Process.send_after(self(), :absolute_passed, now - 5, abs: true)
Process.send_after(self(), :last_option_counts, 10, abs: true, abs: false)
Process.send_after(self(), :no_options, 45, [])
T.recv(5)
T.r(fn -> Process.send_after(self(), :x, 10, abs: :yes) end)
T.r(fn -> Process.send_after(self(), :x, 10, foo: true) end)
T.r(fn -> Process.send_after(self(), :x, -1, abs: false) end)
t1 = Process.send_after(self(), :never1, 500)
left = Process.cancel_timer(t1, [])
IO.inspect(is_integer(left) and left > 0 and left <= 500, label: "time left")
IO.inspect(Process.cancel_timer(t1, []), label: "cancelled already")
t2 = Process.send_after(self(), :never2, 500)
IO.inspect(Process.cancel_timer(t2, info: false), label: "info false")
IO.inspect(Process.cancel_timer(t2, info: true), label: "then info true")
t3 = Process.send_after(self(), :never3, 500)
IO.inspect(Process.cancel_timer(t3, async: true), label: "async")

receive do
  {:cancel_timer, ^t3, l} -> IO.inspect(is_integer(l) and l <= 500, label: "async result")
end

IO.inspect(Process.cancel_timer(t3, async: true, info: true), label: "async again")

receive do
  {:cancel_timer, ^t3, l} -> IO.inspect(l, label: "async again result")
end

t4 = Process.send_after(self(), :never4, 500)
IO.inspect(Process.cancel_timer(t4, async: true, info: false), label: "async, no info")
IO.inspect(Process.cancel_timer(t4, async: false, info: false), label: "sync, no info")
IO.inspect(Process.cancel_timer(make_ref(), async: false), label: "no such timer")

receive do
  m -> IO.inspect(m, label: "unexpected")
after
  100 -> IO.puts("no other message")
end

T.r(fn -> Process.cancel_timer(:notref, []) end)
T.r(fn -> Process.cancel_timer(make_ref(), bogus: true) end)
T.r(fn -> Process.cancel_timer(make_ref(), :async) end)

IO.puts("-- Process.get_keys/1")
Process.put(:pk1, :v)
Process.put(:pk2, :w)
Process.put(:pk3, :v)
Process.put({:pk, 4}, 1)
Process.put({:pk, 5}, 1.0)
IO.inspect(Enum.sort(Process.get_keys(:v)))
IO.inspect({Process.get_keys(1), Process.get_keys(1.0), Process.get_keys(:none)})
Process.delete(:pk1)
IO.inspect(Process.get_keys(:v))

IO.puts("-- Process.spawn/2,4")
pid = Process.spawn(fn -> send(parent, :plain_spawn) end, [])
IO.inspect(is_pid(pid))
T.recv(1)
{pid2, ref2} = Process.spawn(fn -> exit(:bye) end, [:monitor])
IO.inspect({is_pid(pid2), is_reference(ref2)})
T.down(ref2, "monitored")
Process.flag(:trap_exit, true)
pid3 = Process.spawn(fn -> exit(:linked_bye) end, [:link])
IO.inspect(is_pid(pid3))
T.exited(pid3, "linked")
{pid4, ref4} = Process.spawn(fn -> exit(:both) end, [:link, :monitor])
T.exited(pid4, "both linked")
T.down(ref4, "both monitored")
pid5 = Process.spawn(T, :hello, [parent, 5], [])
IO.inspect(is_pid(pid5))
T.recv(1)
{_pid6, ref6} = Process.spawn(T, :crash, [6], [:monitor, {:priority, :high}])
T.down(ref6, "mfa monitored")
{_pid7, ref7} = Process.spawn(T, :crash, [7], monitor: [], min_heap_size: 100)
T.down(ref7, "monitor with options")
{pid8, ref8} = Process.spawn(T, :crash, [8], [:monitor, :link])
T.exited(pid8, "mfa both linked")
T.down(ref8, "mfa both monitored")
{_, ref9} = Process.spawn(T, :nope, [1], [:monitor])
T.down(ref9, "undefined function")
{pid10, ref10} = Process.spawn(fn x -> x end, [:monitor, :link])
T.down(ref10, "fun of arity 1")
T.exited(pid10, "fun of arity 1, exit")
T.r(fn -> Process.spawn(fn -> :ok end, [:bogus]) end)
T.r(fn -> Process.spawn(:notfun, []) end)
T.r(fn -> Process.spawn(T, :hello, :notlist, []) end)
T.r(fn -> Process.spawn(fn -> :ok end, :notlist) end)
