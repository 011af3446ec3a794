# Enum: the functions of Elixir's Enum that take closures or are simpler in
# Elixir. An enumerable is a list, a range (the map
# %{__struct__: Range, first: f, last: l, step: s}) or a map (enumerated as
# {key, value} tuples; in key order up to 32 keys, see fold_list/1). Every
# loop is tail-recursive and builds its result in reverse, then reverses it
# with :lists.reverse/1, so long
# lists run in constant stack. Only Tier 1 constructs are used here.
defmodule Enum do
  # ---- conversion ----

  def to_list(list) when is_list(list), do: list
  def to_list(%{__struct__: Range, first: first, last: last, step: step}), do: range_to_list(first, last, step)
  def to_list(map) when is_map(map), do: Map.to_list(map)
  def to_list(other), do: not_enumerable(other)

  # Elixir's error for a value that implements no Enumerable (or, as
  # Enum.into's target, no Collectable)
  defp not_enumerable(value), do: not_implemented(Enumerable, value)

  defp not_implemented(protocol, value),
    do: raise(Protocol.UndefinedError, protocol: protocol, value: value, description: "")

  defp range_to_list(first, last, step) when step > 0 and first > last, do: []
  defp range_to_list(first, last, step) when step < 0 and first < last, do: []
  defp range_to_list(first, last, step), do: range_down(first + div(last - first, step) * step, first, step, [])

  defp range_down(x, first, _step, acc) when x == first, do: [x | acc]
  defp range_down(x, first, step, acc), do: range_down(x - step, first, step, [x | acc])

  # ---- reduce and friends ----

  def reduce(list, acc, fun) when is_list(list), do: reduce_list(list, acc, fun)
  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, fun), do: reduce_range(first, last, step, acc, fun)
  def reduce(map, acc, fun) when is_map(map), do: reduce_list(:maps.fold_list(map), acc, fun)
  def reduce(other, _acc, _fun), do: not_enumerable(other)

  # The elements in the order Enum.reduce/3 visits them. For a map of more
  # than 32 keys that is :maps.fold's order, the reverse of Map.to_list's
  # (map_order.h); functions that Elixir builds on reduce/3 use this, the
  # ones built on the Enumerable protocol use to_list/1.
  defp fold_list(list) when is_list(list), do: list
  defp fold_list(%{__struct__: Range, first: first, last: last, step: step}), do: range_to_list(first, last, step)
  defp fold_list(map) when is_map(map), do: :maps.fold_list(map)
  defp fold_list(other), do: to_list(other)

  defp reduce_list([], acc, _fun), do: acc
  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)

  defp reduce_range(first, last, step, acc, _fun) when step > 0 and first > last, do: acc
  defp reduce_range(first, last, step, acc, _fun) when step < 0 and first < last, do: acc
  defp reduce_range(first, last, step, acc, fun), do: reduce_range(first + step, last, step, fun.(first, acc), fun)

  def reduce(enumerable, fun) do
    case to_list(enumerable) do
      [] -> raise Enum.EmptyError, "empty error"
      [h | t] -> reduce_list(t, h, fun)
    end
  end

  def reduce_while(enumerable, acc, fun), do: reduce_while_list(to_list(enumerable), acc, fun)

  defp reduce_while_list([], acc, _fun), do: acc

  defp reduce_while_list([h | t], acc, fun) do
    case fun.(h, acc) do
      {:cont, acc2} -> reduce_while_list(t, acc2, fun)
      {:halt, acc2} -> acc2
    end
  end

  # A reduce that can stop early, in Enumerable.reduce's order (to_list/1
  # for a map): fun returns {:cont, acc} or {:halt, acc}; the result is the
  # last acc. A range is walked without building its list.
  defp halt_reduce(list, acc, fun) when is_list(list), do: halt_list(list, acc, fun)

  defp halt_reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, fun),
    do: halt_range(first, last, step, acc, fun)

  defp halt_reduce(enumerable, acc, fun), do: halt_list(to_list(enumerable), acc, fun)

  defp halt_list([], acc, _fun), do: acc

  defp halt_list([h | t], acc, fun) do
    case fun.(h, acc) do
      {:cont, acc2} -> halt_list(t, acc2, fun)
      {:halt, acc2} -> acc2
    end
  end

  defp halt_range(first, last, step, acc, _fun) when step > 0 and first > last, do: acc
  defp halt_range(first, last, step, acc, _fun) when step < 0 and first < last, do: acc

  defp halt_range(first, last, step, acc, fun) do
    case fun.(first, acc) do
      {:cont, acc2} -> halt_range(first + step, last, step, acc2, fun)
      {:halt, acc2} -> acc2
    end
  end

  def map(enumerable, fun), do: reverse_list(reduce(enumerable, [], fn x, acc -> [fun.(x) | acc] end))

  # map_every/3 and drop_every/2 count from the first element (always mapped
  # or dropped); nth 0 and 1 are the trivial cases, as in Elixir.
  def map_every(enumerable, 1, fun), do: map(enumerable, fun)
  def map_every(enumerable, 0, _fun), do: to_list(enumerable)
  def map_every([], nth, _fun) when is_integer(nth) and nth > 1, do: []

  def map_every(enumerable, nth, fun) when is_integer(nth) and nth > 1,
    do: map_every_list(fold_list(enumerable), nth, fun, 0, [])

  defp map_every_list([], _nth, _fun, _i, acc), do: reverse_list(acc)
  defp map_every_list([h | t], nth, fun, 0, acc), do: map_every_list(t, nth, fun, nth - 1, [fun.(h) | acc])
  defp map_every_list([h | t], nth, fun, i, acc), do: map_every_list(t, nth, fun, i - 1, [h | acc])

  def map_intersperse(enumerable, separator, mapper) do
    case fold_list(enumerable) do
      [] -> []
      [h | t] -> reverse_list(reduce_list(t, [mapper.(h)], fn x, acc -> [mapper.(x), separator | acc] end))
    end
  end

  def each(enumerable, fun) do
    reduce(enumerable, nil, fn x, _ ->
      fun.(x)
      nil
    end)

    :ok
  end

  def filter(enumerable, fun) do
    reverse_list(reduce(enumerable, [], fn x, acc -> if fun.(x), do: [x | acc], else: acc end))
  end

  def reject(enumerable, fun) do
    reverse_list(reduce(enumerable, [], fn x, acc -> if fun.(x), do: acc, else: [x | acc] end))
  end

  def flat_map(enumerable, fun) do
    reverse_list(reduce(enumerable, [], fn x, acc -> :lists.reverse(fold_list(fun.(x)), acc) end))
  end

  def map_join(enumerable, fun), do: join(map(enumerable, fun), "")
  def map_join(enumerable, joiner, fun), do: join(map(enumerable, fun), joiner)

  # fun gives {entries, acc} (entries any enumerable) or {:halt, acc}
  def flat_map_reduce(enumerable, acc, fun) do
    {list, acc2} =
      halt_reduce(enumerable, {[], acc}, fn x, {list, a} ->
        case fun.(x, a) do
          {:halt, a2} -> {:halt, {list, a2}}
          {[], a2} -> {:cont, {list, a2}}
          {[entry], a2} -> {:cont, {[entry | list], a2}}
          {entries, a2} -> {:cont, {reduce(entries, list, fn e, l -> [e | l] end), a2}}
        end
      end)

    {reverse_list(list), acc2}
  end

  def map_reduce(enumerable, acc, fun) do
    {list, acc2} =
      reduce(enumerable, {[], acc}, fn x, {l, a} ->
        {y, a2} = fun.(x, a)
        {[y | l], a2}
      end)

    {reverse_list(list), acc2}
  end

  def scan(enumerable, fun) do
    case fold_list(enumerable) do
      [] -> []
      [h | t] -> reverse_list(scan_list(t, h, fun, [h]))
    end
  end

  def scan(enumerable, acc, fun), do: reverse_list(scan_list(fold_list(enumerable), acc, fun, []))

  defp scan_list([], _acc, _fun, out), do: out

  defp scan_list([h | t], acc, fun, out) do
    acc2 = fun.(h, acc)
    scan_list(t, acc2, fun, [acc2 | out])
  end

  # ---- counting and aggregates ----

  def count(list) when is_list(list), do: length(list)
  def count(%{__struct__: Range, first: first, last: last, step: step}), do: range_count(first, last, step)
  def count(map) when is_map(map), do: map_size(map)
  def count(other), do: not_enumerable(other)

  def count(enumerable, fun), do: reduce(enumerable, 0, fn x, n -> if fun.(x), do: n + 1, else: n end)

  def count_until(enumerable, limit) when is_integer(limit) and limit > 0,
    do: Kernel.min(count(enumerable), limit)

  def count_until(enumerable, fun, limit) when is_integer(limit) and limit > 0 do
    halt_reduce(enumerable, 0, fn x, n ->
      cond do
        !fun.(x) -> {:cont, n}
        n + 1 == limit -> {:halt, limit}
        true -> {:cont, n + 1}
      end
    end)
  end

  defp range_count(first, last, step) when step > 0 and first > last, do: 0
  defp range_count(first, last, step) when step < 0 and first < last, do: 0
  defp range_count(first, last, step), do: div(last - first, step) + 1

  def empty?(list) when is_list(list), do: list == []
  def empty?(enumerable), do: count(enumerable) == 0

  def sum(%{__struct__: Range, first: first, last: last, step: step}) do
    n = range_count(first, last, step)

    if n == 0 do
      0
    else
      top = first + (n - 1) * step
      # n * (first + top) / 2 without a float: one factor is even.
      if rem(n, 2) == 0, do: div(n, 2) * (first + top), else: n * div(first + top, 2)
    end
  end

  def sum(enumerable), do: reduce(enumerable, 0, fn x, acc -> x + acc end)

  def product(enumerable), do: reduce(enumerable, 1, fn x, acc -> acc * x end)

  def max(enumerable) do
    case fold_list(enumerable) do
      [] -> raise Enum.EmptyError, "empty error"
      [h | t] -> reduce_list(t, h, fn x, best -> if x > best, do: x, else: best end)
    end
  end

  def min(enumerable) do
    case fold_list(enumerable) do
      [] -> raise Enum.EmptyError, "empty error"
      [h | t] -> reduce_list(t, h, fn x, best -> if x < best, do: x, else: best end)
    end
  end

  # max/2,3 and min/2,3: a sorter (a 2-arity fn, or a module with
  # compare/2) and what an empty enumerable gives; a 0-arity fn as the
  # second argument is the fallback (Elixir 1.14 still takes that form).
  # Of equal elements the first wins.
  def max(enumerable, fallback) when is_function(fallback, 0), do: max(enumerable, &>=/2, fallback)
  def max(enumerable, sorter), do: max(enumerable, sorter, fn -> raise Enum.EmptyError, "empty error" end)
  def max(enumerable, sorter, fallback) when is_function(fallback, 0),
    do: best(enumerable, keep_fun(sorter, :lt), fallback)

  def min(enumerable, fallback) when is_function(fallback, 0), do: min(enumerable, &<=/2, fallback)
  def min(enumerable, sorter), do: min(enumerable, sorter, fn -> raise Enum.EmptyError, "empty error" end)
  def min(enumerable, sorter, fallback) when is_function(fallback, 0),
    do: best(enumerable, keep_fun(sorter, :gt), fallback)

  defp keep_fun(sorter, _worse) when is_function(sorter, 2), do: sorter
  defp keep_fun(module, worse) when is_atom(module), do: fn a, b -> module.compare(a, b) != worse end

  defp best(enumerable, keep, fallback) do
    case fold_list(enumerable) do
      [] -> fallback.()
      [h | t] -> reduce_list(t, h, fn x, acc -> if keep.(acc, x), do: acc, else: x end)
    end
  end

  # max_by/2,3,4 and min_by/2,3,4: as max/min, on the keys fun gives. The
  # 3-arity form takes a sorter or (a 0-arity fn) the empty fallback. Of
  # equal keys the first wins (the sorter keeps the old one when true).
  def max_by(enumerable, fun), do: max_by(enumerable, fun, &>=/2, fn -> raise Enum.EmptyError, "empty error" end)

  def max_by(enumerable, fun, fallback) when is_function(fun, 1) and is_function(fallback, 0),
    do: max_by(enumerable, fun, &>=/2, fallback)

  def max_by(enumerable, fun, sorter),
    do: max_by(enumerable, fun, sorter, fn -> raise Enum.EmptyError, "empty error" end)

  def max_by(enumerable, fun, sorter, fallback) when is_function(fun, 1),
    do: aggregate_by(enumerable, fun, max_sort_fun(sorter), fallback)

  def min_by(enumerable, fun), do: min_by(enumerable, fun, &<=/2, fn -> raise Enum.EmptyError, "empty error" end)

  def min_by(enumerable, fun, fallback) when is_function(fun, 1) and is_function(fallback, 0),
    do: min_by(enumerable, fun, &<=/2, fallback)

  def min_by(enumerable, fun, sorter),
    do: min_by(enumerable, fun, sorter, fn -> raise Enum.EmptyError, "empty error" end)

  def min_by(enumerable, fun, sorter, fallback) when is_function(fun, 1),
    do: aggregate_by(enumerable, fun, min_sort_fun(sorter), fallback)

  defp max_sort_fun(sorter) when is_function(sorter, 2), do: sorter
  defp max_sort_fun(module) when is_atom(module), do: fn a, b -> module.compare(a, b) != :lt end

  defp min_sort_fun(sorter) when is_function(sorter, 2), do: sorter
  defp min_sort_fun(module) when is_atom(module), do: fn a, b -> module.compare(a, b) != :gt end

  defp aggregate_by(enumerable, fun, sorter, fallback) do
    case fold_list(enumerable) do
      [] ->
        fallback.()

      [h | t] ->
        {best, _} =
          reduce_list(t, {h, fun.(h)}, fn x, {_, bk} = old ->
            k = fun.(x)

            case sorter.(bk, k) do
              true -> old
              false -> {x, k}
            end
          end)

        best
    end
  end

  # min_max/1,2: a range gives its ends without a walk; of equal elements
  # the first wins (Kernel.min/max keep their first argument).
  def min_max(enumerable), do: min_max(enumerable, fn -> raise Enum.EmptyError, "empty error" end)

  def min_max(%{__struct__: Range, first: first, last: last, step: step}, fallback) when is_function(fallback, 0) do
    case range_count(first, last, step) do
      0 ->
        fallback.()

      n ->
        top = first + (n - 1) * step
        {Kernel.min(first, top), Kernel.max(first, top)}
    end
  end

  def min_max(enumerable, fallback) when is_function(fallback, 0) do
    case fold_list(enumerable) do
      [] -> fallback.()
      [h | t] -> reduce_list(t, {h, h}, fn x, {lo, hi} -> {Kernel.min(lo, x), Kernel.max(hi, x)} end)
    end
  end

  # min_max_by: the sorter (default </2, a module's compare/2 == :lt) says
  # whether a key is below the current minimum or the maximum below a key.
  def min_max_by(enumerable, fun),
    do: min_max_by(enumerable, fun, &</2, fn -> raise Enum.EmptyError, "empty error" end)

  def min_max_by(enumerable, fun, fallback) when is_function(fun, 1) and is_function(fallback, 0),
    do: min_max_by(enumerable, fun, &</2, fallback)

  def min_max_by(enumerable, fun, sorter),
    do: min_max_by(enumerable, fun, sorter, fn -> raise Enum.EmptyError, "empty error" end)

  def min_max_by(enumerable, fun, sorter, fallback)
      when is_function(fun, 1) and is_atom(sorter) and is_function(fallback, 0),
      do: min_max_by(enumerable, fun, fn a, b -> sorter.compare(a, b) == :lt end, fallback)

  def min_max_by(enumerable, fun, sorter, fallback)
      when is_function(fun, 1) and is_function(sorter, 2) and is_function(fallback, 0) do
    case fold_list(enumerable) do
      [] ->
        fallback.()

      [h | t] ->
        k = fun.(h)

        {lo, hi, _, _} =
          reduce_list(t, {h, h, k, k}, fn x, {lo, hi, klo, khi} = acc ->
            kx = fun.(x)

            cond do
              sorter.(kx, klo) -> {x, hi, kx, khi}
              sorter.(khi, kx) -> {lo, x, klo, kx}
              true -> acc
            end
          end)

        {lo, hi}
    end
  end

  # Maps built from a list at once (:beamlet_maps, C): a Map.put per
  # element would copy the map each time. The functions are called in the
  # order Elixir calls them (group_by: from the last element).
  def frequencies(enumerable), do: :beamlet_maps.counts(fold_list(enumerable))

  def frequencies_by(enumerable, fun), do: :beamlet_maps.counts(map(enumerable, fun))

  def group_by(enumerable, key_fun), do: group_by(enumerable, key_fun, fn x -> x end)

  def group_by(enumerable, key_fun, value_fun) do
    pairs = reduce(reverse(enumerable), [], fn x, acc -> [{key_fun.(x), value_fun.(x)} | acc] end)
    :beamlet_maps.groups(pairs)
  end

  # ---- searching ----

  def member?(list, x) when is_list(list), do: :lists.member(x, list)

  def member?(%{__struct__: Range, first: first, last: last, step: step}, x) do
    cond do
      not is_integer(x) -> false
      step > 0 and (x < first or x > last) -> false
      step < 0 and (x > first or x < last) -> false
      true -> rem(x - first, step) == 0
    end
  end

  def member?(map, x) when is_map(map) do
    case x do
      {k, v} ->
        case Map.fetch(map, k) do
          {:ok, v2} -> v2 === v
          :error -> false
        end

      _ ->
        false
    end
  end

  def member?(other, _x), do: not_enumerable(other)

  def find(enumerable, fun), do: find(enumerable, nil, fun)
  def find(enumerable, default, fun), do: find_list(to_list(enumerable), default, fun)

  defp find_list([], default, _fun), do: default
  defp find_list([h | t], default, fun), do: if(fun.(h), do: h, else: find_list(t, default, fun))

  def find_index(enumerable, fun), do: find_index_list(to_list(enumerable), 0, fun)

  defp find_index_list([], _i, _fun), do: nil
  defp find_index_list([h | t], i, fun), do: if(fun.(h), do: i, else: find_index_list(t, i + 1, fun))

  def find_value(enumerable, fun), do: find_value(enumerable, nil, fun)
  def find_value(enumerable, default, fun), do: find_value_list(to_list(enumerable), default, fun)

  defp find_value_list([], default, _fun), do: default

  defp find_value_list([h | t], default, fun) do
    v = fun.(h)
    if v, do: v, else: find_value_list(t, default, fun)
  end

  def any?(enumerable), do: any_list(to_list(enumerable), fn x -> x end)
  def any?(enumerable, fun), do: any_list(to_list(enumerable), fun)

  defp any_list([], _fun), do: false
  defp any_list([h | t], fun), do: if(fun.(h), do: true, else: any_list(t, fun))

  def all?(enumerable), do: all_list(to_list(enumerable), fn x -> x end)
  def all?(enumerable, fun), do: all_list(to_list(enumerable), fun)

  defp all_list([], _fun), do: true
  defp all_list([h | t], fun), do: if(fun.(h), do: all_list(t, fun), else: false)

  def at(enumerable, index), do: at(enumerable, index, nil)

  def at(enumerable, index, default) when is_integer(index) do
    case fetch(enumerable, index) do
      {:ok, x} -> x
      :error -> default
    end
  end

  def fetch(enumerable, index) when is_integer(index) do
    list = to_list(enumerable)
    i = if index < 0, do: length(list) + index, else: index

    if i < 0 do
      :error
    else
      fetch_list(list, i)
    end
  end

  defp fetch_list([], _i), do: :error
  defp fetch_list([h | _], 0), do: {:ok, h}
  defp fetch_list([_ | t], i), do: fetch_list(t, i - 1)

  def fetch!(enumerable, index) do
    case fetch(enumerable, index) do
      {:ok, x} -> x
      :error -> raise Enum.OutOfBoundsError, "out of bounds error"
    end
  end

  # shuffle/1: sorted by a random float key (as Elixir); take_random/2: the
  # first count of a shuffle, so every element has the same chance.
  def shuffle(enumerable) do
    keyed = reduce(enumerable, [], fn x, acc -> [{:rand.uniform(), x} | acc] end)
    map(merge_sort(keyed, fn {a, _}, {b, _} -> a <= b end), fn {_, x} -> x end)
  end

  def take_random(_enumerable, 0), do: []
  def take_random([], _count), do: []
  def take_random(enumerable, count) when is_integer(count) and count > 0, do: take_list(shuffle(enumerable), count, [])

  def random(enumerable) do
    case to_list(enumerable) do
      [] -> raise Enum.EmptyError, "empty error"
      list -> at(list, :rand.uniform(length(list)) - 1)
    end
  end

  # ---- taking and dropping ----

  def take(enumerable, n) when is_integer(n) and n >= 0, do: take_list(to_list(enumerable), n, [])

  def take(enumerable, n) when is_integer(n) do
    list = to_list(enumerable)
    drop_list(list, Kernel.max(length(list) + n, 0))
  end

  defp take_list(_list, 0, acc), do: reverse_list(acc)
  defp take_list([], _n, acc), do: reverse_list(acc)
  defp take_list([h | t], n, acc), do: take_list(t, n - 1, [h | acc])

  def drop(enumerable, 0), do: to_list(enumerable)
  def drop(enumerable, n) when is_integer(n) and n > 0, do: drop_list(fold_list(enumerable), n)

  def drop(enumerable, n) when is_integer(n) do
    list = to_list(enumerable)
    take_list(list, Kernel.max(length(list) + n, 0), [])
  end

  defp drop_list(list, 0), do: list
  defp drop_list([], _n), do: []
  defp drop_list([_ | t], n), do: drop_list(t, n - 1)

  def take_while(enumerable, fun), do: take_while_list(to_list(enumerable), fun, [])

  defp take_while_list([], _fun, acc), do: reverse_list(acc)

  defp take_while_list([h | t], fun, acc) do
    if fun.(h), do: take_while_list(t, fun, [h | acc]), else: reverse_list(acc)
  end

  def drop_while(enumerable, fun), do: drop_while_list(fold_list(enumerable), fun)

  defp drop_while_list([], _fun), do: []
  defp drop_while_list([h | t] = list, fun), do: if(fun.(h), do: drop_while_list(t, fun), else: list)

  def split(enumerable, n) when is_integer(n) and n >= 0 do
    list = fold_list(enumerable)
    {take_list(list, n, []), drop_list(list, n)}
  end

  def split(enumerable, n) when is_integer(n) do
    list = fold_list(enumerable)
    k = Kernel.max(length(list) + n, 0)
    {take_list(list, k, []), drop_list(list, k)}
  end

  def split_while(enumerable, fun) do
    list = fold_list(enumerable)
    {take_while_list(list, fun, []), drop_while_list(list, fun)}
  end

  # deprecated in Elixir: partition/2 is split_with/2, filter_map/3 a
  # filter then map per element
  def partition(enumerable, fun), do: split_with(enumerable, fun)

  def filter_map(enumerable, filter, mapper) do
    reverse_list(reduce(enumerable, [], fn x, acc -> if filter.(x), do: [mapper.(x) | acc], else: acc end))
  end

  def split_with(enumerable, fun) do
    {yes, no} = reduce(enumerable, {[], []}, fn x, {y, n} -> if fun.(x), do: {[x | y], n}, else: {y, [x | n]} end)
    {reverse_list(yes), reverse_list(no)}
  end

  def slice(enumerable, %{__struct__: Range, first: first, last: last, step: step}) do
    list = to_list(enumerable)
    n = length(list)
    step = if step == -1 and first > last, do: 1, else: step
    f = if first < 0, do: Kernel.max(n + first, 0), else: first
    l = if last < 0, do: n + last, else: last

    if f > l or f >= n do
      []
    else
      every(take_list(drop_list(list, f), l - f + 1, []), step)
    end
  end

  def slice(enumerable, start, amount) when is_integer(start) and is_integer(amount) and amount >= 0 do
    list = to_list(enumerable)
    s = if start < 0, do: Kernel.max(length(list) + start, 0), else: start
    take_list(drop_list(list, s), amount, [])
  end

  defp every(list, 1), do: list
  defp every(list, step), do: every_list(list, step, 0, [])

  defp every_list([], _step, _i, acc), do: reverse_list(acc)
  defp every_list([h | t], step, 0, acc), do: every_list(t, step, step - 1, [h | acc])
  defp every_list([_ | t], step, i, acc), do: every_list(t, step, i - 1, acc)

  def drop_every(_enumerable, 1), do: []
  def drop_every(enumerable, 0), do: to_list(enumerable)
  def drop_every([], nth) when is_integer(nth), do: []
  def drop_every(enumerable, nth) when is_integer(nth) and nth > 1, do: drop_every_list(fold_list(enumerable), nth, 0, [])

  defp drop_every_list([], _nth, _i, acc), do: reverse_list(acc)
  defp drop_every_list([_ | t], nth, 0, acc), do: drop_every_list(t, nth, nth - 1, acc)
  defp drop_every_list([h | t], nth, i, acc), do: drop_every_list(t, nth, i - 1, [h | acc])

  def take_every(_enumerable, 0), do: []
  def take_every(enumerable, 1), do: to_list(enumerable)
  def take_every(enumerable, n) when is_integer(n) and n > 1, do: every(fold_list(enumerable), n)

  # ---- ordering ----

  def reverse(list) when is_list(list), do: :lists.reverse(list)
  def reverse(enumerable), do: :lists.reverse(fold_list(enumerable))
  def reverse(enumerable, tail), do: :lists.reverse(fold_list(enumerable), to_list(tail))

  defp reverse_list(list), do: :lists.reverse(list)

  def reverse_slice(enumerable, start_index, count)
      when is_integer(start_index) and start_index >= 0 and is_integer(count) and count >= 0 do
    list = fold_list(enumerable)
    n = Kernel.min(count, length(list) - start_index)

    if n > 0 do
      rest = drop_list(list, start_index)
      take_list(list, start_index, []) ++ :lists.reverse(take_list(rest, n, []), drop_list(rest, n))
    else
      list
    end
  end

  # slide/3 (Elixir 1.14's rules): an index or a step-1 range of indexes,
  # negative ones counted from the end, moved to insertion_index.
  def slide(enumerable, single_index, insertion_index) when is_integer(single_index),
    do: slide(enumerable, single_index..single_index//1, insertion_index)

  def slide(_enumerable, %{__struct__: Range, step: step} = index_range, _insertion_index) when step != 1 do
    raise ArgumentError, "Enum.slide/3 does not accept ranges with custom steps, got: #{inspect(index_range)}"
  end

  def slide(enumerable, %{__struct__: Range, first: first, last: last}, insertion_index)
      when first < 0 or last < 0 or insertion_index < 0 do
    count = count(enumerable)
    first2 = if first >= 0, do: first, else: Kernel.max(first + count, 0)
    last2 = if last >= 0, do: last, else: last + count
    insertion2 = if insertion_index >= 0, do: insertion_index, else: insertion_index + count

    if first2 < count and first2 != insertion2 do
      slide(enumerable, first2..last2//1, insertion2)
    else
      to_list(enumerable)
    end
  end

  def slide(enumerable, %{__struct__: Range, first: insertion_index}, insertion_index), do: to_list(enumerable)

  def slide(_enumerable, %{__struct__: Range, first: first, last: last}, insertion_index)
      when insertion_index > first and insertion_index <= last do
    raise ArgumentError,
          "insertion index for slide must be outside the range being moved " <>
            "(tried to insert #{first}..#{last} at #{insertion_index})"
  end

  def slide(enumerable, %{__struct__: Range, first: first, last: last}, _insertion_index) when first > last,
    do: to_list(enumerable)

  def slide(enumerable, %{__struct__: Range, first: first, last: last}, insertion_index) do
    if insertion_index <= first do
      slide_move(enumerable, insertion_index, first, last)
    else
      slide_move(enumerable, first, last + 1, insertion_index)
    end
  end

  # Moves the elements at middle..last in front of the one at start.
  defp slide_move(list, start, middle, last) when is_list(list), do: slide_list_start(list, start, middle, last, [])

  defp slide_move(enumerable, start, middle, last) do
    {_, pre, post} =
      reduce(enumerable, {0, [], []}, fn x, {i, pre, post} ->
        cond do
          i < start -> {i + 1, [x | pre], post}
          i < middle -> {i + 1, pre, [x | post]}
          i <= last -> {i + 1, [x | pre], post}
          true -> {i + 1, pre, [x | post]}
        end
      end)

    :lists.reverse(pre, :lists.reverse(post))
  end

  defp slide_list_start([h | t], start, middle, last, head) when start > 0 and start <= middle and middle <= last,
    do: slide_list_start(t, start - 1, middle - 1, last - 1, [h | head])

  defp slide_list_start(list, 0, middle, last, head), do: :lists.reverse(head, slide_list_middle(list, middle, last, []))
  defp slide_list_start([], _start, _middle, _last, head), do: :lists.reverse(head)

  defp slide_list_middle([h | t], middle, last, acc) when middle > 0, do: slide_list_middle(t, middle - 1, last - 1, [h | acc])

  defp slide_list_middle(list, 0, last, start_to_middle) do
    {slid, tail} = slide_list_last(list, last + 1, [])
    slid ++ :lists.reverse(start_to_middle, tail)
  end

  defp slide_list_middle([], _middle, _last, acc), do: :lists.reverse(acc)

  defp slide_list_last([h | t], last, acc) when last > 0, do: slide_list_last(t, last - 1, [h | acc])
  defp slide_list_last(rest, 0, acc), do: {:lists.reverse(acc), rest}
  defp slide_list_last([], _last, acc), do: {:lists.reverse(acc), []}

  # sort/1 and sort/2 on a list are Erlang's lists:sort/1 and lists:sort/2
  # (Enum.Sort), which fixes the order of elements that compare equal.
  def sort(enumerable), do: Enum.Sort.sort(fold_list(enumerable))
  def sort(enumerable, :asc), do: Enum.Sort.sort(fn a, b -> a <= b end, fold_list(enumerable))
  def sort(enumerable, :desc), do: Enum.Sort.sort(fn a, b -> a >= b end, fold_list(enumerable))
  def sort(enumerable, fun) when is_function(fun, 2), do: Enum.Sort.sort(fun, fold_list(enumerable))

  # sort_by is stable for :asc and :desc (as Elixir's, through keysort);
  # with a comparator it is lists:sort/2 on the keys.
  def sort_by(enumerable, mapper), do: sort_by(enumerable, mapper, :asc)

  def sort_by(enumerable, mapper, :asc) do
    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    map(merge_sort(pairs, fn {ka, _}, {kb, _} -> ka <= kb end), fn {_, x} -> x end)
  end

  def sort_by(enumerable, mapper, :desc) do
    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    map(merge_sort(pairs, fn {ka, _}, {kb, _} -> ka >= kb end), fn {_, x} -> x end)
  end

  def sort_by(enumerable, mapper, sorter) when is_function(sorter, 2) do
    pairs = map(enumerable, fn x -> {mapper.(x), x} end)
    map(Enum.Sort.sort(fn {ka, _}, {kb, _} -> sorter.(ka, kb) end, pairs), fn {_, x} -> x end)
  end

  # Stable merge sort: fun.(a, b) true means a may come before b. Bottom-up:
  # runs of one element, merged pairwise until one run is left.
  defp merge_sort([], _fun), do: []
  defp merge_sort([x], _fun), do: [x]
  defp merge_sort(list, fun), do: merge_passes(singletons(list, []), fun)

  defp singletons([], acc), do: reverse_list(acc)
  defp singletons([h | t], acc), do: singletons(t, [[h] | acc])

  defp merge_passes([run], _fun), do: run
  defp merge_passes(runs, fun), do: merge_passes(merge_pairs(runs, fun, []), fun)

  defp merge_pairs([], _fun, acc), do: reverse_list(acc)
  defp merge_pairs([run], _fun, acc), do: reverse_list([run | acc])
  defp merge_pairs([a, b | rest], fun, acc), do: merge_pairs(rest, fun, [merge(a, b, fun, []) | acc])

  defp merge([], b, _fun, acc), do: :lists.reverse(acc, b)
  defp merge(a, [], _fun, acc), do: :lists.reverse(acc, a)

  defp merge([ha | ta] = a, [hb | tb] = b, fun, acc) do
    if fun.(ha, hb) do
      merge(ta, b, fun, [ha | acc])
    else
      merge(a, tb, fun, [hb | acc])
    end
  end

  # ---- uniqueness ----

  def uniq(enumerable), do: uniq_by(enumerable, fn x -> x end)

  # deprecated in Elixir, kept as it defines them
  def uniq(enumerable, fun), do: uniq_by(enumerable, fun)

  def uniq_by(enumerable, fun) do
    list = fold_list(enumerable)
    keep_first(list, :beamlet_maps.first_seen(map(list, fun)))
  end

  defp keep_first([x | xs], [true | ks]), do: [x | keep_first(xs, ks)]
  defp keep_first([_ | xs], [false | ks]), do: keep_first(xs, ks)
  defp keep_first([], []), do: []

  def dedup(enumerable), do: dedup_by(enumerable, fn x -> x end)

  def dedup_by(enumerable, fun), do: dedup_list(fold_list(enumerable), fun, [], nil, true)

  defp dedup_list([], _fun, acc, _last, _first), do: reverse_list(acc)

  defp dedup_list([h | t], fun, acc, last, first) do
    k = fun.(h)

    if not first and k === last do
      dedup_list(t, fun, acc, last, false)
    else
      dedup_list(t, fun, [h | acc], k, false)
    end
  end

  # ---- combining ----

  def with_index(enumerable), do: with_index(enumerable, 0)

  def with_index(enumerable, offset) when is_integer(offset) do
    {list, _} = reduce(enumerable, {[], offset}, fn x, {acc, i} -> {[{x, i} | acc], i + 1} end)
    reverse_list(list)
  end

  def with_index(enumerable, fun) when is_function(fun, 2) do
    {list, _} = reduce(enumerable, {[], 0}, fn x, {acc, i} -> {[fun.(x, i) | acc], i + 1} end)
    reverse_list(list)
  end

  def zip(a, b), do: zip_lists(to_list(a), to_list(b), [])

  defp zip_lists([ha | ta], [hb | tb], acc), do: zip_lists(ta, tb, [{ha, hb} | acc])
  defp zip_lists(_, _, acc), do: reverse_list(acc)

  def zip(enumerables), do: List.zip(map(enumerables, fn e -> to_list(e) end))

  def zip_with(a, b, fun) when is_function(fun, 2), do: zip_with_lists(to_list(a), to_list(b), fun, [])

  defp zip_with_lists([ha | ta], [hb | tb], fun, acc), do: zip_with_lists(ta, tb, fun, [fun.(ha, hb) | acc])
  defp zip_with_lists(_, _, _fun, acc), do: reverse_list(acc)

  def zip_with([], _fun), do: []
  def zip_with(enumerables, fun), do: reverse_list(zip_fold(map(enumerables, fn e -> to_list(e) end), [], fn xs, acc -> [fun.(xs) | acc] end))

  def zip_reduce(left, right, acc, reducer) when is_function(reducer, 3),
    do: zip_reduce_lists(to_list(left), to_list(right), acc, reducer)

  def zip_reduce([], acc, reducer) when is_function(reducer, 2), do: acc

  def zip_reduce(enumerables, acc, reducer) when is_function(reducer, 2),
    do: zip_fold(map(enumerables, fn e -> to_list(e) end), acc, reducer)

  defp zip_reduce_lists([l | ls], [r | rs], acc, fun), do: zip_reduce_lists(ls, rs, fun.(l, r, acc), fun)
  defp zip_reduce_lists(_, _, acc, _fun), do: acc

  # fun.(heads, acc) while every list has a head
  defp zip_fold([], acc, _fun), do: acc

  defp zip_fold(lists, acc, fun) do
    case zip_heads(lists, [], []) do
      :done -> acc
      {heads, tails} -> zip_fold(tails, fun.(heads, acc), fun)
    end
  end

  defp zip_heads([], heads, tails), do: {reverse_list(heads), reverse_list(tails)}
  defp zip_heads([[h | t] | rest], heads, tails), do: zip_heads(rest, [h | heads], [t | tails])
  defp zip_heads(_, _heads, _tails), do: :done

  def unzip(enumerable) do
    {xs, ys} = reduce(enumerable, {[], []}, fn {x, y}, {xs, ys} -> {[x | xs], [y | ys]} end)
    {reverse_list(xs), reverse_list(ys)}
  end

  def concat(enumerables), do: flat_map(enumerables, fn e -> fold_list(e) end)
  def concat(left, right), do: fold_list(left) ++ fold_list(right)

  def intersperse(enumerable, separator) do
    case fold_list(enumerable) do
      [] -> []
      [h | t] -> reverse_list(reduce_list(t, [h], fn x, acc -> [x, separator | acc] end))
    end
  end

  def join(enumerable), do: join(enumerable, "")

  def join(enumerable, joiner) when is_binary(joiner) do
    parts = map(enumerable, fn x -> to_string(x) end)
    IO.iodata_to_binary(intersperse(parts, joiner))
  end

  def into(enumerable, list) when is_list(list), do: list ++ to_list(enumerable)

  def into(enumerable, map) when is_map(map) do
    Map.merge(map, :maps.from_list(to_list(enumerable)))
  end

  def into(_enumerable, other), do: not_implemented(Collectable, other)

  def into(enumerable, collectable, transform), do: into(map(enumerable, transform), collectable)

  def chunk_every(enumerable, count), do: chunk_every(enumerable, count, count, [])
  def chunk_every(enumerable, count, step), do: chunk_every(enumerable, count, step, [])

  def chunk_every(enumerable, count, step, leftover)
      when is_integer(count) and count > 0 and is_integer(step) and step > 0 do
    chunks(to_list(enumerable), count, step, leftover, [])
  end

  defp chunks([], _count, _step, _leftover, acc), do: reverse_list(acc)

  defp chunks(list, count, step, leftover, acc) do
    chunk = take_list(list, count, [])
    n = length(chunk)

    cond do
      n == count -> chunks(drop_list(list, step), count, step, leftover, [chunk | acc])
      leftover == :discard -> reverse_list(acc)
      true -> reverse_list([chunk ++ take(leftover, count - n) | acc])
    end
  end

  # deprecated chunk/2,3,4: chunk_every that drops a short last chunk
  # unless a (non-nil) leftover is given
  def chunk(enumerable, count), do: chunk(enumerable, count, count, nil)
  def chunk(enumerable, count, step), do: chunk_every(enumerable, count, step, :discard)
  def chunk(enumerable, count, step, leftover), do: chunk_every(enumerable, count, step, leftover || :discard)

  def chunk_while(enumerable, acc, chunk_fun, after_fun) do
    {chunks, acc2} =
      halt_reduce(enumerable, {[], acc}, fn x, {chunks, a} ->
        case chunk_fun.(x, a) do
          {:cont, chunk, a2} -> {:cont, {[chunk | chunks], a2}}
          {:cont, a2} -> {:cont, {chunks, a2}}
          {:halt, a2} -> {:halt, {chunks, a2}}
        end
      end)

    case after_fun.(acc2) do
      {:cont, _acc} -> reverse_list(chunks)
      {:cont, chunk, _acc} -> reverse_list([chunk | chunks])
    end
  end

  def chunk_by(enumerable, fun) do
    case to_list(enumerable) do
      [] -> []
      [h | t] -> chunk_by_list(t, fun, fun.(h), [h], [])
    end
  end

  defp chunk_by_list([], _fun, _key, cur, acc), do: reverse_list([reverse_list(cur) | acc])

  defp chunk_by_list([h | t], fun, key, cur, acc) do
    k = fun.(h)

    if k === key do
      chunk_by_list(t, fun, key, [h | cur], acc)
    else
      chunk_by_list(t, fun, k, [h], [reverse_list(cur) | acc])
    end
  end
end
