/*
 * bif_data.c -- Map, List, Tuple and Keyword functions that take no
 * closures (the ones that do are in the prelude, core/prelude). Table:
 * bif_table_data.
 *
 * Errors are the ones the BEAM raises for the same calls: {:badmap, term}
 * for a non-map, {:badkey, key} from fetch!, :badarg from the list BIFs,
 * FunctionClauseError where Elixir's guards reject the arguments, KeyError
 * (an exception struct) where Elixir raises it itself (Keyword.fetch!).
 */
#include "bif_util.h"
#include "bif_fmt.h"
#include "map_order.h"

#include <stdlib.h>

static term badmap(proc *p, term t) { return bu_error_tuple(p, "badmap", t); }
static term oom(proc *p) { return vm_error(p, ATOM_SYSTEM_LIMIT); }

static bool is_pair(term t) { return is_tuple(t) && tuple_arity(t) == 2; }

/* ------------------------------------------------------------------ */
/* Map                                                                 */
/* ------------------------------------------------------------------ */

static term m_new0(proc *p, term *a) {
  (void)a;
  return bu_map_empty(p);
}

/* The keys, then the values, of a proper list of 2-tuples: a malloc'd
 * array of 2 * *n terms. NULL when the list is no such list, or when out of
 * memory (*nomem set). */
static term *split_pairs(term list, size_t *n, bool *nomem) {
  int64_t len = bu_list_len(list);
  if (len < 0) return NULL;
  term *kv = malloc(2 * (size_t)(len ? len : 1) * sizeof(term));
  if (!kv) {
    *nomem = true;
    return NULL;
  }
  size_t i = 0;
  for (term l = list; is_cons(l); l = cdr(l), i++) {
    term e = car(l);
    if (!is_pair(e)) {
      free(kv);
      return NULL;
    }
    kv[i] = tuple_get(e, 0);
    kv[(size_t)len + i] = tuple_get(e, 1);
  }
  *n = (size_t)len;
  return kv;
}

/* Map from a proper list of 2-tuples; NONE (nothing raised) if the list
 * is not one. */
static term map_from_pairs(proc *p, term list) {
  size_t n = 0;
  bool nomem = false;
  term *kv = split_pairs(list, &n, &nomem);
  if (!kv) return nomem ? oom(p) : NONE;
  term r = bu_map_from(p, kv, kv + n, n);
  free(kv);
  return r;
}

static term m_new1(proc *p, term *a) {
  if (is_map(a[0])) {
    int64_t f, l, s;
    if (bu_is_range(a[0], &f, &l, &s)) return bu_badarg(p);
    return a[0];
  }
  if (!is_list(a[0])) return bu_not_enumerable(p, a[0]);
  term r = map_from_pairs(p, a[0]);
  return r == NONE ? bu_badarg(p) : r;
}

static term m_get3(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  term v = bu_map_get(a[0], a[1]);
  return v == NONE ? a[2] : v;
}

static term m_get2(proc *p, term *a) {
  term b[3] = {a[0], a[1], ATOM_NIL};
  return m_get3(p, b);
}

static term m_put(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return bu_map_put(p, a[0], a[1], a[2]);
}

static term m_put_new(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (bu_map_get(a[0], a[1]) != NONE) return a[0];
  return bu_map_put(p, a[0], a[1], a[2]);
}

static term m_replace(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (bu_map_get(a[0], a[1]) == NONE) return a[0];
  return bu_map_put(p, a[0], a[1], a[2]);
}

static term m_replace_bang(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (bu_map_get(a[0], a[1]) == NONE) return bu_badkey_in(p, a[1], a[0]);
  return bu_map_put(p, a[0], a[1], a[2]);
}

static term m_delete(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return bu_map_remove(p, a[0], a[1]);
}

static term m_has_key(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return bool_atom(bu_map_get(a[0], a[1]) != NONE);
}

static term m_keys(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return map_order_list(p, a[0], MAP_ORDER_LIST, MAP_LIST_KEYS);
}

static term m_values(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return map_order_list(p, a[0], MAP_ORDER_LIST, MAP_LIST_VALUES);
}

static term m_to_list(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return map_order_list(p, a[0], MAP_ORDER_LIST, MAP_LIST_PAIRS);
}

/* :maps.fold_list/1 (beamlet's): the pairs in the order :maps.fold and so
 * Enum.reduce/3 visit them (map_order.h); the prelude's Enum uses it. */
static term mp_fold_list(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  return map_order_list(p, a[0], MAP_ORDER_FOLD, MAP_LIST_PAIRS);
}

static term m_merge(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (!is_map(a[1])) return badmap(p, a[1]);
  term x = a[0], y = a[1];
  uint32_t nx = map_size(x), ny = map_size(y);
  if (ny == 0) return x;
  if (nx == 0) return y;
  /* Merge the two sorted key arrays; on equal keys y's value wins. A first
   * pass counts the keys so the map is allocated at its exact size. */
  const term *xk = map_keys(x), *xv = map_vals(x), *yk = map_keys(y), *yv = map_vals(y);
  uint32_t i = 0, j = 0, k = 0;
  while (i < nx || j < ny) {
    int c = i == nx ? 1 : j == ny ? -1 : term_cmp_key(xk[i], yk[j]);
    if (c <= 0) i++;
    if (c >= 0) j++;
    k++;
  }
  term *w = heap_alloc(p, 2 + 2 * (size_t)k);
  w[0] = make_header(1 + 2 * (uint64_t)k, BOX_MAP);
  w[1] = k;
  term *rk = w + 2, *rv = w + 2 + k;
  i = j = k = 0;
  while (i < nx || j < ny) {
    int c = i == nx ? 1 : j == ny ? -1 : term_cmp_key(xk[i], yk[j]);
    if (c < 0) {
      rk[k] = xk[i];
      rv[k++] = xv[i++];
    } else {
      if (c == 0) i++;
      rk[k] = yk[j];
      rv[k++] = yv[j++];
    }
  }
  return make_boxed(w);
}

static term m_fetch(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  term v = bu_map_get(a[0], a[1]);
  return v == NONE ? ATOM_ERROR : make_tuple2(p, ATOM_OK, v);
}

static term m_fetch_bang(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  term v = bu_map_get(a[0], a[1]);
  return v == NONE ? bu_badkey_in(p, a[1], a[0]) : v;
}

static term m_pop3(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  term v = bu_map_get(a[0], a[1]);
  if (v == NONE) return make_tuple2(p, a[2], a[0]);
  return make_tuple2(p, v, bu_map_remove(p, a[0], a[1]));
}

static term m_pop2(proc *p, term *a) {
  term b[3] = {a[0], a[1], ATOM_NIL};
  return m_pop3(p, b);
}

/* Map.take(map, keys): the listed keys that exist. */
static term m_take(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  int64_t n = bu_list_len(a[1]);
  if (n < 0) return bu_raise_fc(p, "Map", "take", 2);
  term *kv = malloc(2 * (size_t)(n ? n : 1) * sizeof(term));
  if (!kv) return oom(p);
  size_t m = 0;
  for (term l = a[1]; is_cons(l); l = cdr(l)) {
    term v = bu_map_get(a[0], car(l));
    if (v != NONE) {
      kv[m] = car(l);
      kv[n + (int64_t)m] = v;
      m++;
    }
  }
  term r = bu_map_from(p, kv, kv + n, m);
  free(kv);
  return r;
}

static term m_drop(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (bu_list_len(a[1]) < 0) return bu_raise_fc(p, "Map", "drop", 2);
  term m = a[0];
  for (term l = a[1]; is_cons(l); l = cdr(l)) m = bu_map_remove(p, m, car(l));
  return m;
}

static term m_split(proc *p, term *a) {
  term taken = m_take(p, a);
  if (taken == NONE) return NONE;
  term rest = m_drop(p, a);
  if (rest == NONE) return NONE;
  return make_tuple2(p, taken, rest);
}

static term m_from_struct(proc *p, term *a) {
  if (is_atom(a[0])) return bu_raise_arg(p, "Map.from_struct/1 with a module is not supported by beamlet");
  if (!is_map(a[0]) || bu_map_get(a[0], ATOM_STRUCT) == NONE) return bu_raise_fc(p, "Map", "from_struct", 1);
  return bu_map_remove(p, a[0], ATOM_STRUCT);
}

static term m_equal(proc *p, term *a) {
  if (!is_map(a[0])) return badmap(p, a[0]);
  if (!is_map(a[1])) return badmap(p, a[1]);
  return bool_atom(term_exact_eq(a[0], a[1]));
}

/* ---- :beamlet_maps, for the prelude: a map built at once from a list,
 * in O(n log n), where a put per element would copy the map each time ---- */

/* A proper list's elements in a malloc'd array (*n of them); NULL for an
 * improper list or out of memory. */
static term *list_items(term list, size_t *n) {
  int64_t len = bu_list_len(list);
  if (len < 0) return NULL;
  term *xs = malloc((size_t)(len ? len : 1) * sizeof(term));
  if (!xs) return NULL;
  size_t i = 0;
  for (term l = list; is_cons(l); l = cdr(l)) xs[i++] = car(l);
  *n = i;
  return xs;
}

/* The end of the run of keys equal to keys[idx[i]] (idx sorted by key). */
static size_t key_run(const term *keys, const size_t *idx, size_t i, size_t n) {
  size_t k = i + 1;
  while (k < n && term_cmp_key(keys[idx[i]], keys[idx[k]]) == 0) k++;
  return k;
}

static size_t key_runs(const term *keys, const size_t *idx, size_t n) {
  size_t m = 0;
  for (size_t i = 0; i < n; i = key_run(keys, idx, i, n)) m++;
  return m;
}

/* The map of the runs of equal keys[0..n): each key to how many times it
 * occurs (vals NULL), or to the list of its vals in their order. */
static term runs_map(proc *p, const term *keys, const term *vals, size_t n) {
  size_t *idx = bu_key_order(keys, n);
  if (!idx) return bu_badarg(p);
  term r = bu_map_alloc(p, (uint32_t)key_runs(keys, idx, n));
  for (size_t i = 0, j = 0, k; i < n; i = k, j++) {
    k = key_run(keys, idx, i, n);
    term v = make_small((int64_t)(k - i));
    if (vals) { /* the sort is stable: idx[i..k) is in list order */
      v = NIL;
      for (size_t t = k; t-- > i;) v = make_cons(p, vals[idx[t]], v);
    }
    map_keys(r)[j] = keys[idx[i]];
    map_vals(r)[j] = v;
  }
  free(idx);
  return r;
}

/* counts(list): %{element => how many times it occurs} */
static term bm_counts(proc *p, term *a) {
  size_t n = 0;
  term *xs = list_items(a[0], &n);
  if (!xs) return bu_badarg(p);
  term r = runs_map(p, xs, NULL, n);
  free(xs);
  return r;
}

/* groups(pairs): %{key => [value, ...]}, the values of each key in the
 * order of the list */
static term bm_groups(proc *p, term *a) {
  size_t n = 0;
  bool nomem = false;
  term *kv = split_pairs(a[0], &n, &nomem);
  if (!kv) return bu_badarg(p);
  term r = runs_map(p, kv, kv + n, n);
  free(kv);
  return r;
}

/* first_seen(list): a list of booleans, true where an element occurs for
 * the first time */
static term bm_first_seen(proc *p, term *a) {
  size_t n = 0;
  term *xs = list_items(a[0], &n);
  size_t *idx = xs ? bu_key_order(xs, n) : NULL;
  term *seen = idx ? malloc((n ? n : 1) * sizeof(term)) : NULL;
  if (!seen) {
    free(idx);
    free(xs);
    return bu_badarg(p);
  }
  /* the sort is stable: a run's first index is the key's first place */
  for (size_t i = 0; i < n; i++) seen[i] = ATOM_FALSE;
  for (size_t i = 0; i < n; i = key_run(xs, idx, i, n)) seen[idx[i]] = ATOM_TRUE;
  term r = make_list_from(p, seen, n);
  free(seen);
  free(idx);
  free(xs);
  return r;
}

/* :maps.from_list/1 and :maps.to_list/1 for the prelude */
static term mp_from_list(proc *p, term *a) {
  if (!is_list(a[0])) return bu_badarg(p);
  term r = map_from_pairs(p, a[0]);
  return r == NONE ? bu_badarg(p) : r;
}

static term mp_get(proc *p, term *a) {
  /* :maps.get(key, map) */
  term b[2] = {a[1], a[0]};
  return m_fetch_bang(p, b);
}

static term mp_put(proc *p, term *a) {
  /* :maps.put(key, value, map) */
  term b[3] = {a[2], a[0], a[1]};
  return m_put(p, b);
}

static term mp_find(proc *p, term *a) {
  term b[2] = {a[1], a[0]};
  return m_fetch(p, b);
}

static term mp_is_key(proc *p, term *a) {
  term b[2] = {a[1], a[0]};
  return m_has_key(p, b);
}

static term mp_remove(proc *p, term *a) {
  term b[2] = {a[1], a[0]};
  return m_delete(p, b);
}

/* ------------------------------------------------------------------ */
/* List                                                                */
/* ------------------------------------------------------------------ */

static term l_first2(proc *p, term *a) {
  if (is_nil(a[0])) return a[1];
  if (!is_cons(a[0])) return bu_raise_fc(p, "List", "first", 2);
  return car(a[0]);
}

static term l_first1(proc *p, term *a) {
  term b[2] = {a[0], ATOM_NIL};
  return l_first2(p, b);
}

static term l_last2(proc *p, term *a) {
  if (is_nil(a[0])) return a[1];
  if (!is_cons(a[0])) return bu_raise_fc(p, "List", "last", 2);
  term l = a[0];
  while (is_cons(cdr(l))) l = cdr(l);
  return car(l);
}

static term l_last1(proc *p, term *a) {
  term b[2] = {a[0], ATOM_NIL};
  return l_last2(p, b);
}

/* Flatten `l` onto the reversed accumulator *acc; false if improper. */
static bool flatten_rev(proc *p, term l, term *acc, int depth) {
  if (depth > 10000) return false;
  for (; is_cons(l); l = cdr(l)) {
    term h = car(l);
    if (is_list(h)) {
      if (!flatten_rev(p, h, acc, depth + 1)) return false;
    } else {
      *acc = make_cons(p, h, *acc);
    }
  }
  return is_nil(l);
}

static term l_flatten2(proc *p, term *a) {
  term acc = NIL;
  if (!is_list(a[0]) || !flatten_rev(p, a[0], &acc, 0)) return bu_badarg(p);
  return bu_reverse(p, acc, a[1]);
}

static term l_flatten1(proc *p, term *a) {
  term b[2] = {a[0], NIL};
  return l_flatten2(p, b);
}

static term l_duplicate(proc *p, term *a) {
  if (!is_integer(a[1]) || int_val(a[1]) < 0) return bu_raise_fc(p, ":lists", "duplicate", 2);
  term l = NIL;
  for (int64_t i = 0; i < int_val(a[1]); i++) l = make_cons(p, a[0], l);
  return l;
}

/* Copy of the first n cells of l onto tail. */
static term copy_prefix(proc *p, term l, int64_t n, term tail) {
  term rev = NIL;
  for (int64_t i = 0; i < n; i++, l = cdr(l)) rev = make_cons(p, car(l), rev);
  return bu_reverse(p, rev, tail);
}

static term l_delete(proc *p, term *a) {
  if (!is_list(a[0])) return bu_raise_fc(p, "List", "delete", 2);
  int64_t i = 0;
  for (term l = a[0]; is_cons(l); l = cdr(l), i++)
    if (term_exact_eq(car(l), a[1])) return copy_prefix(p, a[0], i, cdr(l));
  return a[0];
}

/* A list index: negative counts from the end (-1 is the last). */
static int64_t norm_index(int64_t i, int64_t len) { return i < 0 ? len + i : i; }

static term l_insert_at(proc *p, term *a) {
  int64_t len = bu_list_len(a[0]);
  if (len < 0 || !is_integer(a[1])) return bu_raise_fc(p, "List", "insert_at", 3);
  int64_t i = int_val(a[1]);
  if (i < 0) {
    i = len + i + 1;
    if (i < 0) i = 0;
  }
  if (i > len) i = len;
  term l = a[0];
  for (int64_t k = 0; k < i; k++) l = cdr(l);
  return copy_prefix(p, a[0], i, make_cons(p, a[2], l));
}

static term l_delete_at(proc *p, term *a) {
  int64_t len = bu_list_len(a[0]);
  if (len < 0 || !is_integer(a[1])) return bu_raise_fc(p, "List", "delete_at", 2);
  int64_t i = norm_index(int_val(a[1]), len);
  if (i < 0 || i >= len) return a[0];
  term l = a[0];
  for (int64_t k = 0; k < i; k++) l = cdr(l);
  return copy_prefix(p, a[0], i, cdr(l));
}

static term l_replace_at(proc *p, term *a) {
  int64_t len = bu_list_len(a[0]);
  if (len < 0 || !is_integer(a[1])) return bu_raise_fc(p, "List", "replace_at", 3);
  int64_t i = norm_index(int_val(a[1]), len);
  if (i < 0 || i >= len) return a[0];
  term l = a[0];
  for (int64_t k = 0; k < i; k++) l = cdr(l);
  return copy_prefix(p, a[0], i, make_cons(p, a[2], cdr(l)));
}

/* The first tuple in list whose element pos (0-based) == key; NONE if
 * none. false in *bad if the list is improper. */
static term keyfind(term list, term key, int64_t pos, int64_t *index) {
  int64_t i = 0;
  for (term l = list; is_cons(l); l = cdr(l), i++) {
    term t = car(l);
    if (is_tuple(t) && pos < tuple_arity(t) && term_eq(tuple_get(t, (uint32_t)pos), key)) {
      if (index) *index = i;
      return t;
    }
  }
  return NONE;
}

static bool key_args(term list, term pos) {
  return bu_list_len(list) >= 0 && is_integer(pos) && int_val(pos) >= 0;
}

static term l_keyfind(proc *p, term *a) {
  if (!key_args(a[0], a[2])) return bu_badarg(p);
  term t = keyfind(a[0], a[1], int_val(a[2]), NULL);
  return t == NONE ? ATOM_NIL : t;
}

static term l_keyfind4(proc *p, term *a) {
  if (!key_args(a[0], a[2])) return bu_badarg(p);
  term t = keyfind(a[0], a[1], int_val(a[2]), NULL);
  return t == NONE ? a[3] : t;
}

static term l_keymember(proc *p, term *a) {
  if (!key_args(a[0], a[2])) return bu_badarg(p);
  return bool_atom(keyfind(a[0], a[1], int_val(a[2]), NULL) != NONE);
}

static term l_keydelete(proc *p, term *a) {
  if (!key_args(a[0], a[2])) return bu_badarg(p);
  int64_t i;
  if (keyfind(a[0], a[1], int_val(a[2]), &i) == NONE) return a[0];
  term l = a[0];
  for (int64_t k = 0; k < i; k++) l = cdr(l);
  return copy_prefix(p, a[0], i, cdr(l));
}

static term keyput(proc *p, term *a, bool append) {
  if (!key_args(a[0], a[2])) return bu_badarg(p);
  int64_t i;
  if (keyfind(a[0], a[1], int_val(a[2]), &i) == NONE) {
    if (!append) return a[0];
    int64_t len = bu_list_len(a[0]);
    return copy_prefix(p, a[0], len, make_cons(p, a[3], NIL));
  }
  term l = a[0];
  for (int64_t k = 0; k < i; k++) l = cdr(l);
  return copy_prefix(p, a[0], i, make_cons(p, a[3], cdr(l)));
}

static term l_keyreplace(proc *p, term *a) { return keyput(p, a, false); }
static term l_keystore(proc *p, term *a) { return keyput(p, a, true); }

static term l_wrap(proc *p, term *a) {
  if (is_list(a[0])) return a[0];
  if (a[0] == ATOM_NIL) return NIL;
  return make_cons(p, a[0], NIL);
}

static term l_to_tuple(proc *p, term *a) {
  int64_t n = bu_list_len(a[0]);
  if (n < 0) return bu_badarg(p);
  term t = make_tuple(p, (uint32_t)n);
  term l = a[0];
  for (int64_t i = 0; i < n; i++, l = cdr(l)) tuple_elems(t)[i] = car(l);
  return t;
}

static term l_to_string(proc *p, term *a) {
  if (!is_list(a[0])) return bu_raise_fc(p, "List", "to_string", 1);
  return bif_to_string(p, a[0]);
}

/* List.zip(list_of_lists): tuples until the shortest list ends. */
static term l_zip(proc *p, term *a) {
  int64_t n = bu_list_len(a[0]);
  if (n < 0) return bu_raise_fc(p, "List", "zip", 1);
  if (n == 0) return NIL;
  term *cur = malloc((size_t)n * sizeof(term));
  if (!cur) return oom(p);
  int64_t i = 0;
  for (term l = a[0]; is_cons(l); l = cdr(l), i++) cur[i] = car(l);
  term rev = NIL;
  for (;;) {
    bool done = false;
    for (i = 0; i < n; i++)
      if (!is_cons(cur[i])) done = true;
    if (done) break;
    term t = make_tuple(p, (uint32_t)n);
    for (i = 0; i < n; i++) {
      tuple_elems(t)[i] = car(cur[i]);
      cur[i] = cdr(cur[i]);
    }
    rev = make_cons(p, t, rev);
  }
  free(cur);
  return bu_reverse(p, rev, NIL);
}

/* :lists.reverse/1,2 for the prelude */
static term ls_reverse1(proc *p, term *a) {
  if (bu_list_len(a[0]) < 0) return bu_badarg(p);
  return bu_reverse(p, a[0], NIL);
}

static term ls_reverse2(proc *p, term *a) {
  if (bu_list_len(a[0]) < 0) return bu_badarg(p);
  return bu_reverse(p, a[0], a[1]);
}

/* :erlang.++ and -- are the VM's; :lists.member/2 is handy for the prelude */
static term ls_member(proc *p, term *a) {
  if (bu_list_len(a[1]) < 0) return bu_badarg(p);
  for (term l = a[1]; is_cons(l); l = cdr(l))
    if (term_exact_eq(car(l), a[0])) return ATOM_TRUE;
  return ATOM_FALSE;
}

/* ------------------------------------------------------------------ */
/* Tuple                                                               */
/* ------------------------------------------------------------------ */

static term t_to_list(proc *p, term *a) {
  if (!is_tuple(a[0])) return bu_badarg(p);
  return make_list_from(p, tuple_elems(a[0]), tuple_arity(a[0]));
}

static term t_append(proc *p, term *a) {
  if (!is_tuple(a[0])) return bu_badarg(p);
  uint32_t n = tuple_arity(a[0]);
  term t = make_tuple(p, n + 1);
  memcpy(tuple_elems(t), tuple_elems(a[0]), n * sizeof(term));
  tuple_elems(t)[n] = a[1];
  return t;
}

static term t_insert_at(proc *p, term *a) {
  if (!is_tuple(a[0]) || !is_integer(a[1])) return bu_badarg(p);
  uint32_t n = tuple_arity(a[0]);
  int64_t i = int_val(a[1]);
  if (i < 0 || i > n) return bu_badarg(p);
  term t = make_tuple(p, n + 1);
  term *d = tuple_elems(t), *s = tuple_elems(a[0]);
  memcpy(d, s, (size_t)i * sizeof(term));
  d[i] = a[2];
  memcpy(d + i + 1, s + i, (n - (size_t)i) * sizeof(term));
  return t;
}

static term t_delete_at(proc *p, term *a) {
  if (!is_tuple(a[0]) || !is_integer(a[1])) return bu_badarg(p);
  uint32_t n = tuple_arity(a[0]);
  int64_t i = int_val(a[1]);
  if (i < 0 || i >= n) return bu_badarg(p);
  term t = make_tuple(p, n - 1);
  term *d = tuple_elems(t), *s = tuple_elems(a[0]);
  memcpy(d, s, (size_t)i * sizeof(term));
  memcpy(d + i, s + i + 1, (n - (size_t)i - 1) * sizeof(term));
  return t;
}

static term t_duplicate(proc *p, term *a) {
  if (!is_integer(a[1]) || int_val(a[1]) < 0 || int_val(a[1]) > 0xFFFFFF) return bu_badarg(p);
  uint32_t n = (uint32_t)int_val(a[1]);
  term t = make_tuple(p, n);
  for (uint32_t i = 0; i < n; i++) tuple_elems(t)[i] = a[0];
  return t;
}

/* ------------------------------------------------------------------ */
/* Keyword                                                             */
/* ------------------------------------------------------------------ */

static bool kw_args(term kw, term key) { return is_list(kw) && is_atom(key); }

static term kw_find(term kw, term key) {
  for (term l = kw; is_cons(l); l = cdr(l)) {
    term t = car(l);
    if (is_pair(t) && tuple_get(t, 0) == key) return t;
  }
  return NONE;
}

static term kw_get3(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "get", 3);
  term t = kw_find(a[0], a[1]);
  return t == NONE ? a[2] : tuple_get(t, 1);
}

static term kw_get2(proc *p, term *a) {
  term b[3] = {a[0], a[1], ATOM_NIL};
  return kw_get3(p, b);
}

static term kw_fetch(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "fetch", 2);
  term t = kw_find(a[0], a[1]);
  return t == NONE ? ATOM_ERROR : make_tuple2(p, ATOM_OK, tuple_get(t, 1));
}

static term kw_fetch_bang(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "fetch!", 2);
  term t = kw_find(a[0], a[1]);
  return t == NONE ? bu_key_error(p, a[1], a[0]) : tuple_get(t, 1);
}

static term kw_has_key(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "has_key?", 2);
  return bool_atom(kw_find(a[0], a[1]) != NONE);
}

/* kw without any pair whose key is `key` (shares the tail after the last
 * removed pair). */
static term kw_remove(proc *p, term kw, term key) {
  if (kw_find(kw, key) == NONE) return kw;
  term rev = NIL;
  for (term l = kw; is_cons(l); l = cdr(l)) {
    term t = car(l);
    if (!(is_pair(t) && tuple_get(t, 0) == key)) rev = make_cons(p, t, rev);
  }
  return bu_reverse(p, rev, NIL);
}

static term kw_delete(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "delete", 2);
  return kw_remove(p, a[0], a[1]);
}

static term kw_put(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "put", 3);
  return make_cons(p, make_tuple2(p, a[1], a[2]), kw_remove(p, a[0], a[1]));
}

static term kw_put_new(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "put_new", 3);
  if (kw_find(a[0], a[1]) != NONE) return a[0];
  return make_cons(p, make_tuple2(p, a[1], a[2]), a[0]);
}

static term kw_project(proc *p, term kw, int which, const char *fname) {
  if (bu_list_len(kw) < 0) return bu_raise_fc(p, "Keyword", fname, 1);
  term rev = NIL;
  for (term l = kw; is_cons(l); l = cdr(l)) {
    term t = car(l);
    if (!is_pair(t) || !is_atom(tuple_get(t, 0))) return bu_raise_fc(p, "Keyword", fname, 1);
    rev = make_cons(p, tuple_get(t, (uint32_t)which), rev);
  }
  return bu_reverse(p, rev, NIL);
}

static term kw_keys(proc *p, term *a) { return kw_project(p, a[0], 0, "keys"); }
static term kw_values(proc *p, term *a) { return kw_project(p, a[0], 1, "values"); }

static term kw_get_values(proc *p, term *a) {
  if (!kw_args(a[0], a[1])) return bu_raise_fc(p, "Keyword", "get_values", 2);
  term rev = NIL;
  for (term l = a[0]; is_cons(l); l = cdr(l)) {
    term t = car(l);
    if (is_pair(t) && tuple_get(t, 0) == a[1]) rev = make_cons(p, tuple_get(t, 1), rev);
  }
  return bu_reverse(p, rev, NIL);
}

static bool is_keyword(term kw) {
  term l = kw;
  for (; is_cons(l); l = cdr(l))
    if (!is_pair(car(l)) || !is_atom(tuple_get(car(l), 0))) return false;
  return is_nil(l);
}

static term kw_keyword_p(proc *p, term *a) {
  (void)p;
  return bool_atom(is_keyword(a[0]));
}

static term arg_error_inspect(proc *p, const char *prefix, term t) {
  term s = bif_inspect(p, t, NIL, false);
  if (s == NONE) return NONE;
  strbuf b;
  strbuf_init(&b);
  strbuf_puts(&b, prefix);
  strbuf_put(&b, binary_data(s), binary_size(s));
    term r = b.oom ? oom(p) : bu_raise_arg(p, b.data);
  strbuf_free(&b);
  return r;
}

/* Keyword.merge(a, b): a's pairs whose key is not in b, then b. */
static term kw_merge(proc *p, term *a) {
  if (!is_list(a[0]) || !is_list(a[1])) return bu_raise_fc(p, "Keyword", "merge", 2);
  if (is_nil(a[1])) return a[0];
  if (is_nil(a[0])) return a[1];
  if (!is_keyword(a[1])) return arg_error_inspect(p, "expected a keyword list as the second argument, got: ", a[1]);
  if (!is_keyword(a[0])) return arg_error_inspect(p, "expected a keyword list as the first argument, got: ", a[0]);
  term rev = NIL;
  for (term l = a[0]; is_cons(l); l = cdr(l))
    if (kw_find(a[1], tuple_get(car(l), 0)) == NONE) rev = make_cons(p, car(l), rev);
  return bu_reverse(p, rev, a[1]);
}

static term kw_new0(proc *p, term *a) {
  (void)p;
  (void)a;
  return NIL;
}

/* Keyword.new(pairs): later pairs win; order as Elixir's fold of put_new
 * over the reversed list. */
static term kw_new1(proc *p, term *a) {
  int64_t n = bu_list_len(a[0]);
  if (n < 0) return bu_raise_fc(p, "Keyword", "new", 1);
  term rev = bu_reverse(p, a[0], NIL);
  term acc = NIL;
  for (term l = rev; is_cons(l); l = cdr(l)) {
    term t = car(l);
    if (!is_pair(t)) return vm_error(p, make_tuple2(p, ATOM_BADMATCH, t));
    if (!is_atom(tuple_get(t, 0))) return bu_raise_fc(p, "Keyword", "put_new", 3);
    if (kw_find(acc, tuple_get(t, 0)) == NONE) acc = make_cons(p, t, acc);
  }
  return acc;
}

static term kw_take_drop(proc *p, term kw, term keys, bool take, const char *fname) {
  if (!is_list(kw) || bu_list_len(keys) < 0) return bu_raise_fc(p, "Keyword", fname, 2);
  term rev = NIL;
  for (term l = kw; is_cons(l); l = cdr(l)) {
    term t = car(l);
    bool listed = false;
    if (is_pair(t))
      for (term k = keys; is_cons(k); k = cdr(k))
        if (car(k) == tuple_get(t, 0)) listed = true;
    if (listed == take) rev = make_cons(p, t, rev);
  }
  return bu_reverse(p, rev, NIL);
}

static term kw_take(proc *p, term *a) { return kw_take_drop(p, a[0], a[1], true, "take"); }
static term kw_drop(proc *p, term *a) { return kw_take_drop(p, a[0], a[1], false, "drop"); }

#define M "Elixir.Map"
#define L "Elixir.List"
#define T "Elixir.Tuple"
#define KW "Elixir.Keyword"
const bif_entry bif_table_data[] = {
    {M, "new", 0, m_new0},
    {M, "new", 1, m_new1},
    {M, "get", 2, m_get2},
    {M, "get", 3, m_get3},
    {M, "put", 3, m_put},
    {M, "put_new", 3, m_put_new},
    {M, "replace", 3, m_replace},
    {M, "replace!", 3, m_replace_bang},
    {M, "delete", 2, m_delete},
    {M, "has_key?", 2, m_has_key},
    {M, "keys", 1, m_keys},
    {M, "values", 1, m_values},
    {M, "to_list", 1, m_to_list},
    {M, "merge", 2, m_merge},
    {M, "fetch", 2, m_fetch},
    {M, "fetch!", 2, m_fetch_bang},
    {M, "pop", 2, m_pop2},
    {M, "pop", 3, m_pop3},
    {M, "take", 2, m_take},
    {M, "drop", 2, m_drop},
    {M, "split", 2, m_split},
    {M, "from_struct", 1, m_from_struct},
    {M, "equal?", 2, m_equal},
    {"beamlet_maps", "counts", 1, bm_counts},
    {"beamlet_maps", "groups", 1, bm_groups},
    {"beamlet_maps", "first_seen", 1, bm_first_seen},
    {"maps", "from_list", 1, mp_from_list},
    {"maps", "get", 2, mp_get},
    {"maps", "put", 3, mp_put},
    {"maps", "find", 2, mp_find},
    {"maps", "is_key", 2, mp_is_key},
    {"maps", "remove", 2, mp_remove},
    {"maps", "to_list", 1, m_to_list},
    {"maps", "fold_list", 1, mp_fold_list},
    {"maps", "keys", 1, m_keys},
    {"maps", "values", 1, m_values},
    {"maps", "merge", 2, m_merge},
    {L, "first", 1, l_first1},
    {L, "first", 2, l_first2},
    {L, "last", 1, l_last1},
    {L, "last", 2, l_last2},
    {L, "flatten", 1, l_flatten1},
    {L, "flatten", 2, l_flatten2},
    {L, "duplicate", 2, l_duplicate},
    {L, "delete", 2, l_delete},
    {L, "insert_at", 3, l_insert_at},
    {L, "delete_at", 2, l_delete_at},
    {L, "replace_at", 3, l_replace_at},
    {L, "keyfind", 3, l_keyfind},
    {L, "keyfind", 4, l_keyfind4},
    {L, "keymember?", 3, l_keymember},
    {L, "keydelete", 3, l_keydelete},
    {L, "keyreplace", 4, l_keyreplace},
    {L, "keystore", 4, l_keystore},
    {L, "wrap", 1, l_wrap},
    {L, "to_tuple", 1, l_to_tuple},
    {L, "to_string", 1, l_to_string},
    {L, "zip", 1, l_zip},
    {"lists", "reverse", 1, ls_reverse1},
    {"lists", "reverse", 2, ls_reverse2},
    {"lists", "member", 2, ls_member},
    {T, "to_list", 1, t_to_list},
    {T, "append", 2, t_append},
    {T, "insert_at", 3, t_insert_at},
    {T, "delete_at", 2, t_delete_at},
    {T, "duplicate", 2, t_duplicate},
    {KW, "new", 0, kw_new0},
    {KW, "new", 1, kw_new1},
    {KW, "get", 2, kw_get2},
    {KW, "get", 3, kw_get3},
    {KW, "fetch", 2, kw_fetch},
    {KW, "fetch!", 2, kw_fetch_bang},
    {KW, "has_key?", 2, kw_has_key},
    {KW, "delete", 2, kw_delete},
    {KW, "put", 3, kw_put},
    {KW, "put_new", 3, kw_put_new},
    {KW, "keys", 1, kw_keys},
    {KW, "values", 1, kw_values},
    {KW, "get_values", 2, kw_get_values},
    {KW, "keyword?", 1, kw_keyword_p},
    {KW, "merge", 2, kw_merge},
    {KW, "take", 2, kw_take},
    {KW, "drop", 2, kw_drop},
    {NULL, NULL, 0, NULL},
};
#undef M
#undef L
#undef T
#undef KW
