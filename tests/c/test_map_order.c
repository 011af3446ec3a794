/*
 * test_map_order.c -- the enumeration order of maps against Elixir 1.14.
 *
 * map_order_cases.inc holds, for 28 key sets (integers small and past
 * OTP's 60-bit smalls, negatives, floats, strings of every length class of
 * the block hash, tuples, proper/improper/byte lists, maps as keys, a
 * 33-key map as a key, mixed types, 1000 integers, 300 strings), the keys
 * in the order the real Elixir's Map.keys/1 lists them
 * (map_order_cases.exs regenerates it). Each line is parsed, the keys are
 * stored as beamlet stores a map (sorted in map-key order) and map_order
 * must give back Elixir's order. Atom keys are not covered: OTP hashes an
 * atom by its atom-table index (see map_order.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "map_order.h"
#include "term_reader.h"

static const char *const CASES[] = {
#include "map_order_cases.inc"
};

static int cmp_keys(const void *a, const void *b) { return term_cmp_key(*(const term *)a, *(const term *)b); }

/* A map with the given keys (any order) and values v_i = i-th key's
 * position in `keys` as a small integer. */
static term map_of(const term *keys, size_t n) {
  term *ks = malloc(n * sizeof *ks);
  memcpy(ks, keys, n * sizeof *ks);
  qsort(ks, n, sizeof *ks, cmp_keys);
  term *hp = heap_alloc(P, 2 + 2 * n);
  hp[0] = make_header(1 + 2 * (uint64_t)n, BOX_MAP);
  hp[1] = n;
  for (size_t i = 0; i < n; i++) {
    hp[2 + i] = ks[i];
    hp[2 + n + i] = make_small((int64_t)i);
  }
  free(ks);
  return make_boxed(hp);
}

static void test_cases(void) {
  size_t ncases = sizeof CASES / sizeof CASES[0];
  CHECK_EQ_INT(ncases, 28);
  for (size_t c = 0; c < ncases; c++) {
    term l = parse(CASES[c]);
    size_t n = 0;
    for (term t = l; is_cons(t); t = cdr(t)) n++;
    term *want = malloc(n * sizeof *want);
    n = 0;
    for (term t = l; is_cons(t); t = cdr(t)) want[n++] = car(t);
    term m = map_of(want, n);
    CHECK_EQ_INT(map_size(m), n);
    CHECK(map_order_hashed(m) == (n > MAP_FLAT_MAX));
    uint32_t *perm = malloc(n * sizeof *perm), *fold = malloc(n * sizeof *fold);
    CHECK(map_order(m, MAP_ORDER_LIST, perm));
    CHECK(map_order(m, MAP_ORDER_FOLD, fold));
    size_t bad = n;
    for (size_t i = 0; i < n && bad == n; i++)
      if (!term_exact_eq(map_keys(m)[perm[i]], want[i])) bad = i;
    if (bad != n) fprintf(stderr, "case %zu (%zu keys): first difference at %zu\n", c, n, bad);
    CHECK_EQ_INT(bad, n);
    /* :maps.fold visits the trie in the opposite direction */
    for (size_t i = 0; i < n; i++) CHECK_EQ_INT(fold[i], perm[n - 1 - i]);
    /* the list helpers follow the same orders */
    term keys = map_order_list(P, m, MAP_ORDER_LIST, MAP_LIST_KEYS);
    term vals = map_order_list(P, m, MAP_ORDER_LIST, MAP_LIST_VALUES);
    term pairs = map_order_list(P, m, MAP_ORDER_FOLD, MAP_LIST_PAIRS);
    for (size_t i = 0; i < n; i++) {
      CHECK(term_exact_eq(car(keys), want[i]));
      CHECK_EQ_INT(small_val(car(vals)), perm[i]);
      CHECK(is_tuple(car(pairs)) && tuple_get(car(pairs), 0) == map_keys(m)[fold[i]]);
      keys = cdr(keys), vals = cdr(vals), pairs = cdr(pairs);
    }
    CHECK(is_nil(keys) && is_nil(vals) && is_nil(pairs));
    free(perm);
    free(fold);
    free(want);
  }
}

/* Up to 32 keys the stored (map-key) order is Elixir's, both ways. */
static void test_small(void) {
  term keys[32];
  for (int i = 0; i < 32; i++) keys[i] = make_small(31 - i);
  term m = map_of(keys, 32);
  uint32_t perm[32], fold[32];
  CHECK(map_order(m, MAP_ORDER_LIST, perm));
  CHECK(map_order(m, MAP_ORDER_FOLD, fold));
  for (uint32_t i = 0; i < 32; i++) {
    CHECK_EQ_INT(perm[i], i);
    CHECK_EQ_INT(fold[i], i);
  }
  term e = map_of(keys, 0);
  CHECK(is_nil(map_order_list(P, e, MAP_ORDER_LIST, MAP_LIST_PAIRS)));
}

/* The hash: level 0 is a pure function of the term (the same for equal
 * terms built apart), and -0.0 hashes as 0.0; deeper levels differ. */
static void test_hash(void) {
  term a = parse("{1, <<104, 105>>, [1, 2 | 3], %{2 => 2.5}}");
  term b = parse("{1, <<104, 105>>, [1, 2 | 3], %{2 => 2.5}}");
  CHECK(a != b);
  CHECK_EQ_INT(map_key_hash(a, 0), map_key_hash(b, 0));
  CHECK(map_key_hash(a, 0) != map_key_hash(a, 1));
  CHECK(map_key_hash(a, 1) != map_key_hash(a, 2));
  CHECK_EQ_INT(map_key_hash(parse("0.0"), 0), map_key_hash(parse("-0.0"), 0));
  CHECK(map_key_hash(make_small(1), 0) != map_key_hash(parse("1.0"), 0));
  /* an integer past 62 bits (boxed in beamlet) hashes as OTP's bignum */
  CHECK(map_key_hash(parse("9223372036854775807"), 0) != map_key_hash(parse("-9223372036854775807"), 0));
}

int main(void) {
  atom_init();
  P = calloc(1, sizeof *P);
  CHECK(heap_init(P, 0));
  test_cases();
  test_small();
  test_hash();
  heap_release(P);
  free(P);
  return check_report();
}
