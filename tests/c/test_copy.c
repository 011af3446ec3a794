/*
 * test_copy.c -- deep copy (core/src/copy.c): copy_size / copy_term /
 * copy_to_frag, as used by send and spawn, and literal_copy.
 */
#include <stdio.h>
#include <stdlib.h>

#include "beamlet.h"
#include "check.h"
#include "heap.h"
#include "process.h"

static struct runtime *the_rt;

static proc *new_proc(void) {
  proc *p = calloc(1, sizeof *p);
  p->rt = the_rt;
  CHECK(heap_init(p, 0));
  return p;
}

static void free_proc(proc *p) {
  heap_release(p);
  free(p);
}

static bool is_ptr(term t) { return is_cons(t) || (is_boxed(t) && t != 0); }

/* Structural equality, iterative: binaries compare by bytes whatever their
 * representation; FUN/MAP raw words compare as words. */
static bool term_equal(term a, term b) {
  size_t cap = 1024, n = 0;
  term *st = malloc(2 * cap * sizeof *st);
  bool eq = true;
  for (;;) {
    while (eq) {
      if (is_cons(a) && is_cons(b)) {
        if (n == cap) st = realloc(st, 2 * (cap *= 2) * sizeof *st);
        st[2 * n] = cdr(a);
        st[2 * n + 1] = cdr(b);
        n++;
        a = car(a);
        b = car(b);
        continue;
      }
      if (!is_ptr(a) || !is_ptr(b) || is_cons(a) || is_cons(b)) {
        eq = a == b;
        break;
      }
      if (is_binary(a) && is_binary(b)) {
        eq = binary_size(a) == binary_size(b) && memcmp(binary_data(a), binary_data(b), binary_size(a)) == 0;
        break;
      }
      term *x = box_ptr(a), *y = box_ptr(b);
      if (x[0] != y[0]) {
        eq = false;
        break;
      }
      unsigned type = header_type(x[0]);
      size_t size = (size_t)header_size(x[0]), first = 1;
      if (type == BOX_MAP || type == BOX_FUN) {
        if (x[1] != y[1]) eq = false;
        first = 2;
      } else if (type != BOX_TUPLE) {
        eq = memcmp(x + 1, y + 1, size * sizeof(term)) == 0;
        break;
      }
      for (size_t i = first; i <= size; i++) {
        if (n == cap) st = realloc(st, 2 * (cap *= 2) * sizeof *st);
        st[2 * n] = x[i];
        st[2 * n + 1] = y[i];
        n++;
      }
      break;
    }
    if (!eq || n == 0) break;
    n--;
    a = st[2 * n];
    b = st[2 * n + 1];
  }
  free(st);
  return eq;
}

/* Every object a term reaches lies in [lo, hi). */
static bool all_inside(term t, const term *lo, const term *hi) {
  size_t cap = 1024, n = 0;
  term *st = malloc(cap * sizeof *st);
  bool ok = true;
  st[n++] = t;
  while (ok && n) {
    t = st[--n];
    while (ok && is_ptr(t)) {
      const term *w = is_cons(t) ? cons_ptr(t) : box_ptr(t);
      if (w < lo || w >= hi) {
        ok = false;
        break;
      }
      if (is_cons(t)) {
        if (n == cap) st = realloc(st, (cap *= 2) * sizeof *st);
        st[n++] = cdr(t);
        t = car(t);
        continue;
      }
      unsigned type = header_type(w[0]);
      size_t size = (size_t)header_size(w[0]), first = type == BOX_TUPLE ? 1 : 2;
      if (type == BOX_TUPLE || type == BOX_MAP || type == BOX_FUN)
        for (size_t i = first; i <= size; i++) {
          if (n == cap) st = realloc(st, (cap *= 2) * sizeof *st);
          st[n++] = w[i];
        }
      break;
    }
  }
  free(st);
  return ok;
}

static const int fake_fundef;

static term sample(proc *p) {
  char big[100];
  memset(big, 'B', sizeof big);
  term items[6] = {make_small(-3), make_atom(2), make_float(p, -0.25), make_int(p, SMALL_MAX + 1),
                   make_string(p, "short"), make_binary(p, big, sizeof big)};
  term l = make_list_from(p, items, 6);
  term *m = heap_alloc(p, 2 + 4);
  m[0] = make_header(5, BOX_MAP);
  m[1] = 2;
  m[2] = make_atom(1);
  m[3] = make_atom(5);
  m[4] = l;
  m[5] = make_ref(p);
  term *f = heap_alloc(p, 3);
  f[0] = make_header(2, BOX_FUN);
  f[1] = (term)(uintptr_t)&fake_fundef;
  f[2] = make_boxed(m);
  term shared = make_tuple2(p, make_small(1), make_small(2));
  return make_tuple3(p, make_boxed(f), make_tuple2(p, shared, shared),
                     make_cons(p, make_tuple(p, 0), make_pid(1, 1)));
}

static void test_basic(void) {
  proc *p = new_proc();
  term t = sample(p);
  size_t n = copy_size(t);
  term *buf = malloc((n + 1) * sizeof *buf);
  buf[n] = 0xDEADBEEF;
  term *hp = buf;
  procbin *mso = NULL;
  term c = copy_term(t, &hp, &mso);
  CHECK(hp == buf + n);           /* copy_size is exact */
  CHECK(buf[n] == 0xDEADBEEF);   /* and nothing past it is written */
  CHECK(term_equal(t, c));
  CHECK(all_inside(c, buf, buf + n));
  CHECK(mso != NULL && procbin_next(mso) == NULL);
  /* sharing is not preserved: the shared pair is copied twice */
  term pair = tuple_get(c, 1);
  CHECK(tuple_get(pair, 0) != tuple_get(pair, 1));
  CHECK(term_equal(tuple_get(pair, 0), tuple_get(pair, 1)));
  /* the PROCBIN is shared by reference, not bytes */
  term m = fun_env(tuple_get(c, 0))[0];
  term l = map_vals(m)[0];
  for (int i = 0; i < 5; i++) l = cdr(l);
  term bin = car(l);
  CHECK(box_type(bin) == BOX_PROCBIN);
  binary *b = procbin_bin((procbin *)box_ptr(bin));
  CHECK_EQ_INT(atomic_load(&b->refc), 2);
  CHECK((procbin *)box_ptr(bin) == mso);
  for (procbin *pb = mso; pb; pb = procbin_next(pb)) bin_decref(procbin_bin(pb));
  CHECK_EQ_INT(atomic_load(&b->refc), 1);
  free(buf);

  /* immediates need no memory */
  heapfrag *f = (heapfrag *)1;
  CHECK(copy_to_frag(make_small(7), &f) == make_small(7) && f == NULL);
  CHECK(copy_to_frag(NIL, &f) == NIL && f == NULL);
  CHECK(copy_size(make_atom(9)) == 0);

  /* copy_to_frag: exactly sized, self-contained; freeing it drops the ref */
  size_t live = bin_live_count();
  term msg = copy_to_frag(t, &f);
  CHECK(f != NULL && f->used == n && f->cap == n);
  CHECK(term_equal(t, msg));
  CHECK(all_inside(msg, f->mem, f->mem + f->used));
  CHECK_EQ_INT(atomic_load(&b->refc), 2);
  CHECK_EQ_INT(bin_live_count(), live);
  frag_free(f);
  CHECK_EQ_INT(atomic_load(&b->refc), 1);
  /* the copy outlives the source */
  msg = copy_to_frag(t, &f);
  free_proc(p);
  CHECK_EQ_INT(atomic_load(&b->refc), 1);
  CHECK(binary_size(car(cdr(cdr(cdr(cdr(cdr(map_vals(fun_env(tuple_get(msg, 0))[0])[0]))))))) == 100);
  frag_free(f);
  CHECK_EQ_INT(bin_live_count(), live - 1);
}

static void test_long_list(void) {
  /* 10M elements natively: neither copy_size nor copy_term recurse on tails */
  long n = TEST_N(10000000);
  heapfrag *src = frag_new((size_t)(2 * n));
  term l = NIL;
  for (long i = n - 1; i >= 0; i--) {
    term *c = src->mem + 2 * i;
    c[0] = make_small(i);
    c[1] = l;
    l = make_cons_ptr(c);
  }
  src->used = (size_t)(2 * n);
  CHECK(copy_size(l) == (size_t)(2 * n));
  heapfrag *f;
  term c = copy_to_frag(l, &f);
  frag_free(src);
  long i = 0;
  for (; is_cons(c); c = cdr(c), i++)
    if (small_val(car(c)) != i) break;
  CHECK_EQ_INT(i, n);
  CHECK(is_nil(c));
  frag_free(f);

  /* a long list of tuples, and deep nesting through heads and tuples */
  proc *p = new_proc();
  long m = TEST_N(1000000);
  term lt = NIL, heads = NIL, tup = NIL;
  for (long k = 0; k < m; k++) {
    lt = make_cons(p, make_tuple2(p, make_small(k), make_float(p, (double)k)), lt);
    heads = make_cons(p, heads, NIL);
    tup = make_tuple2(p, tup, make_small(k));
  }
  term all = make_tuple3(p, lt, heads, tup);
  term cp = copy_to_frag(all, &f);
  CHECK(f->used == copy_size(all));
  CHECK(term_equal(all, cp));
  CHECK(all_inside(cp, f->mem, f->mem + f->used));
  frag_free(f);
  free_proc(p);
}

static void test_literal(void) {
  struct litarea *la = literal_area_new();
  proc *p = new_proc();
  size_t live = bin_live_count();
  term t = sample(p);
  term lit = literal_copy(la, t);
  CHECK(term_equal(t, lit));
  CHECK(is_literal_ptr(la, box_ptr(lit)));
  CHECK(!is_literal_ptr(la, box_ptr(t)));
  CHECK(!is_literal_ptr(la, p));
  CHECK(!is_literal_ptr(NULL, box_ptr(lit)));
  /* many literals: several chunks, all recognised */
  term lits[200];
  for (int i = 0; i < 200; i++) {
    term items[50];
    for (int k = 0; k < 50; k++) items[k] = make_small(i * 100 + k);
    lits[i] = literal_copy(la, make_list_from(p, items, 50));
  }
  for (int i = 0; i < 200; i++) {
    CHECK(is_literal_ptr(la, cons_ptr(lits[i])));
    CHECK(small_val(car(lits[i])) == i * 100);
  }
  /* a send of a literal copies it into the fragment, binaries by ref */
  heapfrag *f;
  term msg = copy_to_frag(lit, &f);
  free_proc(p);
  literal_area_free(la);
  CHECK(!term_equal(msg, NIL));
  term m = fun_env(tuple_get(msg, 0))[0];
  term l = map_vals(m)[0];
  CHECK(small_val(car(l)) == -3);
  for (int i = 0; i < 5; i++) l = cdr(l);
  CHECK(binary_size(car(l)) == 100 && binary_data(car(l))[99] == 'B');
  CHECK_EQ_INT(bin_live_count(), live + 1);
  frag_free(f);
  CHECK_EQ_INT(bin_live_count(), live);
}

int main(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 1;
  CHECK(beamlet_create(&cfg, &the_rt) == BEAMLET_OK);
  test_basic();
  test_long_list();
  test_literal();
  beamlet_destroy(the_rt);
  return check_report();
}
