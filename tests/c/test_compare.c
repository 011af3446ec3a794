/*
 * test_compare.c -- Erlang term order, == and === against Elixir 1.14.
 *
 * compare_terms.inc lists terms (in the reader's canonical form) covering
 * every type and the tricky cases (1 vs 1.0, -0.0, 2^53, int64 extremes,
 * map-key order, improper lists, bytes vs atoms). compare_matrix.inc holds,
 * for every ordered pair, what Elixir says: '<' '=' '>' for the order and
 * 'e'/'n' for ===. Generated once with the real `elixir`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "compare.h"
#include "term_reader.h"

static const char *const TERMS[] = {
#include "compare_terms.inc"
};

static const char *const MATRIX[] = {
#include "compare_matrix.inc"
};

static void test_matrix(void) {
  size_t n = sizeof TERMS / sizeof TERMS[0];
  term *t = malloc(n * sizeof *t);
  for (size_t i = 0; i < n; i++) t[i] = parse(TERMS[i]);
  CHECK_EQ_INT(sizeof MATRIX / sizeof MATRIX[0], n);
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < n; j++) {
      int c = term_cmp(t[i], t[j]);
      char want = MATRIX[i][2 * j], got = c < 0 ? '<' : c > 0 ? '>' : '=';
      if (want != got) fprintf(stderr, "order %s vs %s: want %c got %c\n", TERMS[i], TERMS[j], want, got);
      CHECK(want == got);
      CHECK_EQ_INT(term_eq(t[i], t[j]), want == '=');
      bool ex = MATRIX[i][2 * j + 1] == 'e';
      if (ex != term_exact_eq(t[i], t[j])) fprintf(stderr, "=== %s vs %s\n", TERMS[i], TERMS[j]);
      CHECK_EQ_INT(term_exact_eq(t[i], t[j]), ex);
      /* map-key order is a total order consistent with === */
      CHECK_EQ_INT(term_cmp_key(t[i], t[j]) == 0, ex);
      CHECK_EQ_INT(term_cmp_key(t[i], t[j]) < 0, term_cmp_key(t[j], t[i]) > 0);
    }
  }
  free(t);
}

/* Map keys: every integer before every float (Elixir prints
 * %{-1 => 1, 1 => :b, 2 => :c, 0.5 => :d, 1.0 => :a, 3.0 => 2}). */
static void test_key_order(void) {
  const char *const order[] = {"-1", "1", "2", "0.5", "1.0", "3.0", ":a", "{1}", "{0.5}", "[]", "<<>>"};
  size_t n = sizeof order / sizeof order[0];
  for (size_t i = 0; i + 1 < n; i++) CHECK(term_cmp_key(parse(order[i]), parse(order[i + 1])) < 0);
}

/* Long lists compare without recursion on the tail. */
static void test_long_lists(void) {
  long n = TEST_N(1000000);
  term a = NIL, b = NIL;
  for (long i = 0; i < n; i++) {
    a = make_cons(P, make_small(i % 7), a);
    b = make_cons(P, make_small(i % 7), b);
  }
  CHECK_EQ_INT(term_cmp(a, b), 0);
  CHECK(term_exact_eq(a, b));
  term c = make_cons(P, make_small(0), b);
  CHECK(term_cmp(a, c) > 0);
  CHECK(term_cmp(b, make_cons(P, make_small(0), NIL)) > 0);
}

int main(void) {
  atom_init();
  P = calloc(1, sizeof *P);
  CHECK(heap_init(P, 0));
  test_matrix();
  test_key_order();
  test_long_lists();
  heap_release(P);
  free(P);
  return check_report();
}
