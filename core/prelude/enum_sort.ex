# Enum.Sort: Erlang's lists:sort/1 (lsort) and lists:sort/2 (fsort, the
# comparator first), translated clause for clause from OTP 25's lists.erl so
# that equal-comparing elements (1 and 1.0) come out in exactly the order
# the BEAM gives. Enum.sort/1,2 use them. (Generated from the abstract code
# of the lists module; do not edit by hand.)
defmodule Enum.Sort do
  def sort(list), do: lsort(list)
  def sort(fun, list), do: fsort(fun, list)

  defp lsort([x, y | l] = l0) when (x <= y) do
    case l do
      [] ->
        l0
      [z] when (y <= z) ->
        l0
      [z] when (x <= z) ->
        [x, z, y]
      [z] ->
        [z, x, y]
      _ when (x == y) ->
        sort_1(y, l, [x])
      _ ->
        split_1(x, y, l, [], [])
    end
  end

  defp lsort([x, y | l]) do
    case l do
      [] ->
        [y, x]
      [z] when (x <= z) ->
        [y, x | l]
      [z] when (y <= z) ->
        [y, z, x]
      [z] ->
        [z, y, x]
      _ ->
        split_2(x, y, l, [], [])
    end
  end

  defp lsort([_] = l) do
    l
  end

  defp lsort([] = l) do
    l
  end

  defp sort_1(x, [y | l], r) when (x == y) do
    sort_1(y, l, [x | r])
  end

  defp sort_1(x, [y | l], r) when (x < y) do
    split_1(x, y, l, r, [])
  end

  defp sort_1(x, [y | l], r) do
    split_2(x, y, l, r, [])
  end

  defp sort_1(x, [], r) do
    :lists.reverse(r, [x])
  end

  defp fsort(fun, []) when is_function(fun, 2) do
    []
  end

  defp fsort(fun, [_] = l) when is_function(fun, 2) do
    l
  end

  defp fsort(fun, [x, y | t]) do
    case fun.(x, y) do
      true ->
        fsplit_1(y, x, fun, t, [], [])
      false ->
        fsplit_2(y, x, fun, t, [], [])
    end
  end

  defp split_1(x, y, [z | l], r, rs) when (z >= y) do
    split_1(y, z, l, [x | r], rs)
  end

  defp split_1(x, y, [z | l], r, rs) when (z >= x) do
    split_1(z, y, l, [x | r], rs)
  end

  defp split_1(x, y, [z | l], [], rs) do
    split_1(x, y, l, [z], rs)
  end

  defp split_1(x, y, [z | l], r, rs) do
    split_1_1(x, y, l, r, rs, z)
  end

  defp split_1(x, y, [], r, rs) do
    rmergel([[y, x | r] | rs], [])
  end

  defp split_1_1(x, y, [z | l], r, rs, s) when (z >= y) do
    split_1_1(y, z, l, [x | r], rs, s)
  end

  defp split_1_1(x, y, [z | l], r, rs, s) when (z >= x) do
    split_1_1(z, y, l, [x | r], rs, s)
  end

  defp split_1_1(x, y, [z | l], r, rs, s) when (s <= z) do
    split_1(s, z, l, [], [[y, x | r] | rs])
  end

  defp split_1_1(x, y, [z | l], r, rs, s) do
    split_1(z, s, l, [], [[y, x | r] | rs])
  end

  defp split_1_1(x, y, [], r, rs, s) do
    rmergel([[s], [y, x | r] | rs], [])
  end

  defp split_2(x, y, [z | l], r, rs) when (z <= y) do
    split_2(y, z, l, [x | r], rs)
  end

  defp split_2(x, y, [z | l], r, rs) when (z <= x) do
    split_2(z, y, l, [x | r], rs)
  end

  defp split_2(x, y, [z | l], [], rs) do
    split_2(x, y, l, [z], rs)
  end

  defp split_2(x, y, [z | l], r, rs) do
    split_2_1(x, y, l, r, rs, z)
  end

  defp split_2(x, y, [], r, rs) do
    mergel([[y, x | r] | rs], [])
  end

  defp split_2_1(x, y, [z | l], r, rs, s) when (z <= y) do
    split_2_1(y, z, l, [x | r], rs, s)
  end

  defp split_2_1(x, y, [z | l], r, rs, s) when (z <= x) do
    split_2_1(z, y, l, [x | r], rs, s)
  end

  defp split_2_1(x, y, [z | l], r, rs, s) when (s > z) do
    split_2(s, z, l, [], [[y, x | r] | rs])
  end

  defp split_2_1(x, y, [z | l], r, rs, s) do
    split_2(z, s, l, [], [[y, x | r] | rs])
  end

  defp split_2_1(x, y, [], r, rs, s) do
    mergel([[s], [y, x | r] | rs], [])
  end

  defp mergel([[] | l], acc) do
    mergel(l, acc)
  end

  defp mergel([t1, [h2 | t2], [h3 | t3] | l], acc) do
    mergel(l, [merge3_1(t1, [], h2, t2, h3, t3) | acc])
  end

  defp mergel([t1, [h2 | t2]], acc) do
    rmergel([merge2_1(t1, h2, t2, []) | acc], [])
  end

  defp mergel([l], []) do
    l
  end

  defp mergel([l], acc) do
    rmergel([:lists.reverse(l, []) | acc], [])
  end

  defp mergel([], []) do
    []
  end

  defp mergel([], acc) do
    rmergel(acc, [])
  end

  defp mergel([a, [] | l], acc) do
    mergel([a | l], acc)
  end

  defp mergel([a, b, [] | l], acc) do
    mergel([a, b | l], acc)
  end

  defp rmergel([[h3 | t3], [h2 | t2], t1 | l], acc) do
    rmergel(l, [rmerge3_1(t1, [], h2, t2, h3, t3) | acc])
  end

  defp rmergel([[h2 | t2], t1], acc) do
    mergel([rmerge2_1(t1, h2, t2, []) | acc], [])
  end

  defp rmergel([l], acc) do
    mergel([:lists.reverse(l, []) | acc], [])
  end

  defp rmergel([], acc) do
    mergel(acc, [])
  end

  defp merge3_1([h1 | t1], m, h2, t2, h3, t3) when (h1 <= h2) do
    merge3_12(t1, h1, h2, t2, h3, t3, m)
  end

  defp merge3_1([h1 | t1], m, h2, t2, h3, t3) do
    merge3_21(t1, h1, h2, t2, h3, t3, m)
  end

  defp merge3_1([], m, h2, t2, h3, t3) when (h2 <= h3) do
    merge2_1(t2, h3, t3, [h2 | m])
  end

  defp merge3_1([], m, h2, t2, h3, t3) do
    merge2_2(t2, h3, t3, m, h2)
  end

  defp merge3_2(t1, h1, m, [h2 | t2], h3, t3) when (h1 <= h2) do
    merge3_12(t1, h1, h2, t2, h3, t3, m)
  end

  defp merge3_2(t1, h1, m, [h2 | t2], h3, t3) do
    merge3_21(t1, h1, h2, t2, h3, t3, m)
  end

  defp merge3_2(t1, h1, m, [], h3, t3) when (h1 <= h3) do
    merge2_1(t1, h3, t3, [h1 | m])
  end

  defp merge3_2(t1, h1, m, [], h3, t3) do
    merge2_2(t1, h3, t3, m, h1)
  end

  defp merge3_12(t1, h1, h2, t2, h3, t3, m) when (h1 <= h3) do
    merge3_1(t1, [h1 | m], h2, t2, h3, t3)
  end

  defp merge3_12(t1, h1, h2, t2, h3, t3, m) do
    merge3_12_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp merge3_12_3(t1, h1, h2, t2, m, [h3 | t3]) when (h1 <= h3) do
    merge3_1(t1, [h1 | m], h2, t2, h3, t3)
  end

  defp merge3_12_3(t1, h1, h2, t2, m, [h3 | t3]) do
    merge3_12_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp merge3_12_3(t1, h1, h2, t2, m, []) do
    merge2_1(t1, h2, t2, [h1 | m])
  end

  defp merge3_21(t1, h1, h2, t2, h3, t3, m) when (h2 <= h3) do
    merge3_2(t1, h1, [h2 | m], t2, h3, t3)
  end

  defp merge3_21(t1, h1, h2, t2, h3, t3, m) do
    merge3_21_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp merge3_21_3(t1, h1, h2, t2, m, [h3 | t3]) when (h2 <= h3) do
    merge3_2(t1, h1, [h2 | m], t2, h3, t3)
  end

  defp merge3_21_3(t1, h1, h2, t2, m, [h3 | t3]) do
    merge3_21_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp merge3_21_3(t1, h1, h2, t2, m, []) do
    merge2_2(t1, h2, t2, m, h1)
  end

  defp rmerge3_1([h1 | t1], m, h2, t2, h3, t3) when (h1 <= h2) do
    rmerge3_12(t1, h1, h2, t2, h3, t3, m)
  end

  defp rmerge3_1([h1 | t1], m, h2, t2, h3, t3) do
    rmerge3_21(t1, h1, h2, t2, h3, t3, m)
  end

  defp rmerge3_1([], m, h2, t2, h3, t3) when (h2 <= h3) do
    rmerge2_2(t2, h3, t3, m, h2)
  end

  defp rmerge3_1([], m, h2, t2, h3, t3) do
    rmerge2_1(t2, h3, t3, [h2 | m])
  end

  defp rmerge3_2(t1, h1, m, [h2 | t2], h3, t3) when (h1 <= h2) do
    rmerge3_12(t1, h1, h2, t2, h3, t3, m)
  end

  defp rmerge3_2(t1, h1, m, [h2 | t2], h3, t3) do
    rmerge3_21(t1, h1, h2, t2, h3, t3, m)
  end

  defp rmerge3_2(t1, h1, m, [], h3, t3) when (h1 <= h3) do
    rmerge2_2(t1, h3, t3, m, h1)
  end

  defp rmerge3_2(t1, h1, m, [], h3, t3) do
    rmerge2_1(t1, h3, t3, [h1 | m])
  end

  defp rmerge3_12(t1, h1, h2, t2, h3, t3, m) when (h2 <= h3) do
    rmerge3_12_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp rmerge3_12(t1, h1, h2, t2, h3, t3, m) do
    rmerge3_2(t1, h1, [h2 | m], t2, h3, t3)
  end

  defp rmerge3_12_3(t1, h1, h2, t2, m, [h3 | t3]) when (h2 <= h3) do
    rmerge3_12_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp rmerge3_12_3(t1, h1, h2, t2, m, [h3 | t3]) do
    rmerge3_2(t1, h1, [h2 | m], t2, h3, t3)
  end

  defp rmerge3_12_3(t1, h1, h2, t2, m, []) do
    rmerge2_2(t1, h2, t2, m, h1)
  end

  defp rmerge3_21(t1, h1, h2, t2, h3, t3, m) when (h1 <= h3) do
    rmerge3_21_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp rmerge3_21(t1, h1, h2, t2, h3, t3, m) do
    rmerge3_1(t1, [h1 | m], h2, t2, h3, t3)
  end

  defp rmerge3_21_3(t1, h1, h2, t2, m, [h3 | t3]) when (h1 <= h3) do
    rmerge3_21_3(t1, h1, h2, t2, [h3 | m], t3)
  end

  defp rmerge3_21_3(t1, h1, h2, t2, m, [h3 | t3]) do
    rmerge3_1(t1, [h1 | m], h2, t2, h3, t3)
  end

  defp rmerge3_21_3(t1, h1, h2, t2, m, []) do
    rmerge2_1(t1, h2, t2, [h1 | m])
  end

  defp merge2_1([h1 | t1], h2, t2, m) when (h1 <= h2) do
    merge2_1(t1, h2, t2, [h1 | m])
  end

  defp merge2_1([h1 | t1], h2, t2, m) do
    merge2_2(t1, h2, t2, m, h1)
  end

  defp merge2_1([], h2, t2, m) do
    :lists.reverse(t2, [h2 | m])
  end

  defp merge2_2(t1, hd_m, [h2 | t2], m, h1) when (h1 <= h2) do
    merge2_1(t1, h2, t2, [h1, hd_m | m])
  end

  defp merge2_2(t1, hd_m, [h2 | t2], m, h1) do
    merge2_2(t1, h2, t2, [hd_m | m], h1)
  end

  defp merge2_2(t1, hd_m, [], m, h1) do
    :lists.reverse(t1, [h1, hd_m | m])
  end

  defp rmerge2_1([h1 | t1], h2, t2, m) when (h1 <= h2) do
    rmerge2_2(t1, h2, t2, m, h1)
  end

  defp rmerge2_1([h1 | t1], h2, t2, m) do
    rmerge2_1(t1, h2, t2, [h1 | m])
  end

  defp rmerge2_1([], h2, t2, m) do
    :lists.reverse(t2, [h2 | m])
  end

  defp rmerge2_2(t1, hd_m, [h2 | t2], m, h1) when (h1 <= h2) do
    rmerge2_2(t1, h2, t2, [hd_m | m], h1)
  end

  defp rmerge2_2(t1, hd_m, [h2 | t2], m, h1) do
    rmerge2_1(t1, h2, t2, [h1, hd_m | m])
  end

  defp rmerge2_2(t1, hd_m, [], m, h1) do
    :lists.reverse(t1, [h1, hd_m | m])
  end

  defp fsplit_1(y, x, fun, [z | l], r, rs) do
    case fun.(y, z) do
      true ->
        fsplit_1(z, y, fun, l, [x | r], rs)
      false ->
        case fun.(x, z) do
          true ->
            fsplit_1(y, z, fun, l, [x | r], rs)
          false when (r == []) ->
            fsplit_1(y, x, fun, l, [z], rs)
          false ->
            fsplit_1_1(y, x, fun, l, r, rs, z)
        end
    end
  end

  defp fsplit_1(y, x, fun, [], r, rs) do
    rfmergel([[y, x | r] | rs], [], fun, :asc)
  end

  defp fsplit_1_1(y, x, fun, [z | l], r, rs, s) do
    case fun.(y, z) do
      true ->
        fsplit_1_1(z, y, fun, l, [x | r], rs, s)
      false ->
        case fun.(x, z) do
          true ->
            fsplit_1_1(y, z, fun, l, [x | r], rs, s)
          false ->
            case fun.(s, z) do
              true ->
                fsplit_1(z, s, fun, l, [], [[y, x | r] | rs])
              false ->
                fsplit_1(s, z, fun, l, [], [[y, x | r] | rs])
            end
        end
    end
  end

  defp fsplit_1_1(y, x, fun, [], r, rs, s) do
    rfmergel([[s], [y, x | r] | rs], [], fun, :asc)
  end

  defp fsplit_2(y, x, fun, [z | l], r, rs) do
    case fun.(y, z) do
      false ->
        fsplit_2(z, y, fun, l, [x | r], rs)
      true ->
        case fun.(x, z) do
          false ->
            fsplit_2(y, z, fun, l, [x | r], rs)
          true when (r == []) ->
            fsplit_2(y, x, fun, l, [z], rs)
          true ->
            fsplit_2_1(y, x, fun, l, r, rs, z)
        end
    end
  end

  defp fsplit_2(y, x, fun, [], r, rs) do
    fmergel([[y, x | r] | rs], [], fun, :desc)
  end

  defp fsplit_2_1(y, x, fun, [z | l], r, rs, s) do
    case fun.(y, z) do
      false ->
        fsplit_2_1(z, y, fun, l, [x | r], rs, s)
      true ->
        case fun.(x, z) do
          false ->
            fsplit_2_1(y, z, fun, l, [x | r], rs, s)
          true ->
            case fun.(s, z) do
              false ->
                fsplit_2(z, s, fun, l, [], [[y, x | r] | rs])
              true ->
                fsplit_2(s, z, fun, l, [], [[y, x | r] | rs])
            end
        end
    end
  end

  defp fsplit_2_1(y, x, fun, [], r, rs, s) do
    fmergel([[s], [y, x | r] | rs], [], fun, :desc)
  end

  defp fmergel([t1, [h2 | t2] | l], acc, fun, :asc) do
    fmergel(l, [fmerge2_1(t1, h2, fun, t2, []) | acc], fun, :asc)
  end

  defp fmergel([[h2 | t2], t1 | l], acc, fun, :desc) do
    fmergel(l, [fmerge2_1(t1, h2, fun, t2, []) | acc], fun, :desc)
  end

  defp fmergel([l], [], _fun, _o) do
    l
  end

  defp fmergel([l], acc, fun, o) do
    rfmergel([:lists.reverse(l, []) | acc], [], fun, o)
  end

  defp fmergel([], acc, fun, o) do
    rfmergel(acc, [], fun, o)
  end

  defp rfmergel([[h2 | t2], t1 | l], acc, fun, :asc) do
    rfmergel(l, [rfmerge2_1(t1, h2, fun, t2, []) | acc], fun, :asc)
  end

  defp rfmergel([t1, [h2 | t2] | l], acc, fun, :desc) do
    rfmergel(l, [rfmerge2_1(t1, h2, fun, t2, []) | acc], fun, :desc)
  end

  defp rfmergel([l], acc, fun, o) do
    fmergel([:lists.reverse(l, []) | acc], [], fun, o)
  end

  defp rfmergel([], acc, fun, o) do
    fmergel(acc, [], fun, o)
  end

  defp fmerge2_1([h1 | t1], h2, fun, t2, m) do
    case fun.(h1, h2) do
      true ->
        fmerge2_1(t1, h2, fun, t2, [h1 | m])
      false ->
        fmerge2_2(h1, t1, fun, t2, [h2 | m])
    end
  end

  defp fmerge2_1([], h2, _fun, t2, m) do
    :lists.reverse(t2, [h2 | m])
  end

  defp fmerge2_2(h1, t1, fun, [h2 | t2], m) do
    case fun.(h1, h2) do
      true ->
        fmerge2_1(t1, h2, fun, t2, [h1 | m])
      false ->
        fmerge2_2(h1, t1, fun, t2, [h2 | m])
    end
  end

  defp fmerge2_2(h1, t1, _fun, [], m) do
    :lists.reverse(t1, [h1 | m])
  end

  defp rfmerge2_1([h1 | t1], h2, fun, t2, m) do
    case fun.(h1, h2) do
      true ->
        rfmerge2_2(h1, t1, fun, t2, [h2 | m])
      false ->
        rfmerge2_1(t1, h2, fun, t2, [h1 | m])
    end
  end

  defp rfmerge2_1([], h2, _fun, t2, m) do
    :lists.reverse(t2, [h2 | m])
  end

  defp rfmerge2_2(h1, t1, fun, [h2 | t2], m) do
    case fun.(h1, h2) do
      true ->
        rfmerge2_2(h1, t1, fun, t2, [h2 | m])
      false ->
        rfmerge2_1(t1, h2, fun, t2, [h1 | m])
    end
  end

  defp rfmerge2_2(h1, t1, _fun, [], m) do
    :lists.reverse(t1, [h1 | m])
  end

end
