/*
 * test_gc.c -- process memory: the block, fragments, constructors and the
 * copying collector (core/src/heap.c, gc.c, binary.c, literal.c).
 *
 * Processes here are bare PCBs (zeroed, heap_init'ed) attached to a real
 * runtime made with beamlet_create, used only for its literal area and its
 * memory accounting; nothing is scheduled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beamlet.h"
#include "check.h"
#include "heap.h"
#include "process.h"
#include "runtime.h"

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

/* Push a stack word, collecting for room like the VM does. The term is
 * parked in ROOT_SCRATCH while collecting (it must survive). */
static void push(proc *p, term t) {
  if (p->stop - p->htop < 1) {
    term save = p->roots[ROOT_SCRATCH];
    p->roots[ROOT_SCRATCH] = t;
    CHECK(gc_collect(p, 1));
    t = p->roots[ROOT_SCRATCH];
    p->roots[ROOT_SCRATCH] = save;
  }
  *--p->stop = t;
}

static bool in_block(const proc *p, term t) {
  uintptr_t a = (uintptr_t)(t & ~(term)TAG_MASK);
  return a >= (uintptr_t)p->heap && a < (uintptr_t)p->htop;
}

/* ---- a value hash, iterative (deep terms must not recurse in C) ---- */
static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

static uint64_t term_hash(term t) {
  size_t cap = 1024, n = 0;
  term *st = malloc(cap * sizeof *st);
  uint64_t h = 1;
  for (;;) {
    while (is_cons(t) || (is_boxed(t) && t)) {
      if (is_cons(t)) {
        h = mix(h, 0xC0);
        if (n == cap) st = realloc(st, (cap *= 2) * sizeof *st);
        st[n++] = cdr(t);
        t = car(t);
        continue;
      }
      term *b = box_ptr(t);
      unsigned type = header_type(b[0]);
      h = mix(h, type == BOX_PROCBIN ? BOX_HEAPBIN : type); /* one kind of binary */
      if (type == BOX_HEAPBIN || type == BOX_PROCBIN) {
        const uint8_t *d = binary_data(t);
        size_t len = binary_size(t);
        h = mix(h, len);
        for (size_t i = 0; i < len; i++) h = mix(h, d[i]);
        break;
      }
      size_t size = (size_t)header_size(b[0]), first = 1;
      h = mix(h, size);
      if (type == BOX_MAP || type == BOX_FUN) {
        h = mix(h, b[1]);
        first = 2;
      } else if (type != BOX_TUPLE) {
        for (size_t i = 1; i <= size; i++) h = mix(h, b[i]);
        break;
      }
      for (size_t i = first; i <= size; i++) {
        if (n == cap) st = realloc(st, (cap *= 2) * sizeof *st);
        st[n++] = b[i];
      }
      break;
    }
    if (!is_cons(t) && !(is_boxed(t) && t)) h = mix(h, t);
    if (n == 0) break;
    t = st[--n];
  }
  free(st);
  return h;
}

/* ---- tests ---- */

static term build_int_list(proc *p, long n) {
  term l = NIL;
  for (long i = n - 1; i >= 0; i--) l = make_cons(p, make_small(i), l);
  return l;
}

static bool check_int_list(term l, long n) {
  long i = 0;
  for (; is_cons(l); l = cdr(l), i++)
    if (!is_small(car(l)) || small_val(car(l)) != i) return false;
  return is_nil(l) && i == n;
}

static void test_big_list(void) {
  proc *p = new_proc();
  long n = TEST_N(1000000);
  p->roots[0] = build_int_list(p, n);
  CHECK(p->frags != NULL);
  CHECK(p->frag_words > 0);
  for (int round = 0; round < 5; round++) {
    CHECK(gc_collect(p, 0));
    CHECK(p->frags == NULL);
    CHECK_EQ_INT(p->frag_words, 0);
    CHECK(in_block(p, p->roots[0]));
    CHECK(check_int_list(p->roots[0], n));
  }
  CHECK((size_t)(p->htop - p->heap) == (size_t)(2 * n));
  /* built with collections in the middle (list kept in a root) */
  p->roots[1] = NIL;
  for (long i = 0; i < n; i++) {
    p->roots[1] = make_cons(p, make_small(n - 1 - i), p->roots[1]);
    if (i % 1000 == 0) CHECK(gc_maybe(p));
  }
  CHECK(check_int_list(p->roots[1], n));
  CHECK(check_int_list(p->roots[0], n));
  CHECK(gc_collect(p, 0));
  CHECK(check_int_list(p->roots[1], n));
  free_proc(p);
}

static void test_deep_nesting(void) {
  proc *p = new_proc();
  long depth = TEST_N(200000);
  term t = NIL;
  for (long i = 0; i < depth; i++) t = make_tuple2(p, make_small(i), t);
  p->roots[0] = t;
  term l = NIL; /* [[[...]]] nested through heads */
  for (long i = 0; i < depth; i++) l = make_cons(p, l, make_small(i));
  p->roots[1] = l;
  uint64_t h0 = term_hash(p->roots[0]), h1 = term_hash(p->roots[1]);
  for (int round = 0; round < 3; round++) {
    CHECK(gc_collect(p, 0));
    CHECK(term_hash(p->roots[0]) == h0);
    CHECK(term_hash(p->roots[1]) == h1);
  }
  long i = depth - 1;
  for (t = p->roots[0]; is_tuple(t); t = tuple_get(t, 1), i--)
    if (small_val(tuple_get(t, 0)) != i) break;
  CHECK_EQ_INT(i, -1);
  free_proc(p);
}

static const int fake_fundef; /* a FUN's first word points at code: never moved */

static void test_all_types(void) {
  proc *p = new_proc();
  /* map %{1 => 1.5, 2 => int64, 3 => ref, 4 => "hello", 5 => big binary} */
  char big[200];
  for (int i = 0; i < 200; i++) big[i] = (char)('a' + i % 26);
  size_t live0 = bin_live_count();
  term ref = make_ref(p), ref2 = make_ref(p);
  uint64_t rid = ref_id(ref);
  CHECK(rid != ref_id(ref2));
  term vals[5] = {make_float(p, 1.5), make_int(p, INT64_MAX), ref, make_string(p, "hello"),
                  make_binary(p, big, sizeof big)};
  CHECK(is_int64box(vals[1]));
  CHECK(is_small(make_int(p, 42)));
  CHECK(box_type(vals[4]) == BOX_PROCBIN);
  CHECK(box_type(vals[3]) == BOX_HEAPBIN);
  CHECK_EQ_INT(bin_live_count(), live0 + 1);
  term *m = heap_alloc(p, 2 + 10);
  m[0] = make_header(1 + 10, BOX_MAP);
  m[1] = 5;
  for (int i = 0; i < 5; i++) {
    m[2 + i] = make_small(i + 1);
    m[7 + i] = vals[i];
  }
  term map = make_boxed(m);
  term *f = heap_alloc(p, 4);
  f[0] = make_header(3, BOX_FUN);
  f[1] = (term)(uintptr_t)&fake_fundef;
  f[2] = map;
  f[3] = make_tuple3(p, make_atom(1), NIL, make_pid(3, 7));
  p->roots[0] = make_boxed(f);
  p->roots[1] = make_tuple(p, 0); /* {} */
  uint64_t h = term_hash(p->roots[0]);
  for (int round = 0; round < 10; round++) {
    /* churn: garbage between collections */
    for (int k = 0; k < 100; k++) (void)make_tuple2(p, make_float(p, k), NIL);
    CHECK(gc_collect(p, 0));
  }
  CHECK(term_hash(p->roots[0]) == h);
  term fun = p->roots[0];
  CHECK(is_fun(fun));
  CHECK(fun_def(fun) == (const struct fundef *)&fake_fundef);
  CHECK_EQ_INT(fun_nenv(fun), 2);
  map = fun_env(fun)[0];
  CHECK(is_map(map));
  CHECK_EQ_INT(map_size(map), 5);
  CHECK(float_val(map_vals(map)[0]) == 1.5);
  CHECK(int_val(map_vals(map)[1]) == INT64_MAX);
  CHECK(ref_id(map_vals(map)[2]) == rid);
  CHECK(binary_size(map_vals(map)[3]) == 5 && memcmp(binary_data(map_vals(map)[3]), "hello", 5) == 0);
  CHECK(binary_size(map_vals(map)[4]) == 200 && memcmp(binary_data(map_vals(map)[4]), big, 200) == 0);
  CHECK(pid_slot(tuple_get(fun_env(fun)[1], 2)) == 3);
  CHECK(is_tuple(p->roots[1]) && tuple_arity(p->roots[1]) == 0);
  CHECK_EQ_INT(bin_live_count(), live0 + 1);
  /* the PROCBIN is on the block's mso list, exactly once */
  int seen = 0;
  for (procbin *pb = p->mso; pb; pb = procbin_next(pb)) seen += pb == (procbin *)box_ptr(map_vals(map)[4]);
  CHECK_EQ_INT(seen, 1);
  p->roots[0] = NIL;
  CHECK(gc_collect(p, 0));
  CHECK_EQ_INT(bin_live_count(), live0);
  CHECK(p->mso == NULL);
  free_proc(p);
}

static void test_sharing(void) {
  proc *p = new_proc();
  term x = make_tuple2(p, make_small(1), make_float(p, 2.5));
  term l = build_int_list(p, 10);
  term big = make_binary(p, "0123456789012345678901234567890123456789012345678901234567890123456789", 70);
  binary *b = procbin_bin((procbin *)box_ptr(big));
  p->roots[0] = make_tuple3(p, make_tuple2(p, x, x), make_tuple2(p, l, l), make_tuple2(p, big, big));
  CHECK(gc_collect(p, 16)); /* room for the pushes; x and l moved */
  x = tuple_get(tuple_get(p->roots[0], 0), 0);
  l = tuple_get(tuple_get(p->roots[0], 1), 0);
  push(p, x);
  push(p, l);
  push(p, cdr(l));
  for (int round = 0; round < 3; round++) {
    CHECK(gc_collect(p, 0));
    term r = p->roots[0];
    term a = tuple_get(r, 0), c = tuple_get(r, 1), d = tuple_get(r, 2);
    CHECK(tuple_get(a, 0) == tuple_get(a, 1));
    CHECK(tuple_get(c, 0) == tuple_get(c, 1));
    CHECK(tuple_get(d, 0) == tuple_get(d, 1));
    CHECK(p->hend[-1] == tuple_get(a, 0));
    CHECK(p->hend[-2] == tuple_get(c, 0));
    CHECK(p->hend[-3] == cdr(tuple_get(c, 0)));
    CHECK(check_int_list(tuple_get(c, 0), 10));
    CHECK(procbin_bin((procbin *)box_ptr(tuple_get(d, 0))) == b);
    CHECK_EQ_INT(atomic_load(&b->refc), 1);
  }
  /* shared objects are copied once: live words = exact sum */
  CHECK_EQ_INT(p->htop - p->heap, 4 + 3 + 3 + 3 + 3 + 2 + 20 + 4);
  free_proc(p);
}

static void test_reclaim_and_shrink(void) {
  proc *p = new_proc();
  /* an idle process's block is tiny (the PCB is the runtime's part of the
   * 512-byte budget) */
  CHECK(proc_heap_words(p) * sizeof(term) <= 128);
  long n = TEST_N(100000);
  p->roots[0] = build_int_list(p, n);
  CHECK(gc_collect(p, 0));
  size_t big = proc_heap_words(p);
  CHECK(big >= (size_t)(2 * n));
  p->roots[0] = NIL;
  CHECK(gc_collect(p, 0));
  size_t small = proc_heap_words(p);
  CHECK(small < big / 100);
  CHECK(small * sizeof(term) <= 128);
  CHECK(p->htop == p->heap);
  /* gc_maybe on an idle process does nothing */
  term *heap_before = p->heap;
  CHECK(gc_maybe(p));
  CHECK(p->heap == heap_before);
  free_proc(p);
}

/* A large heap collected again and again (a process rebuilding a big
 * structure) reuses the blocks its scheduler's cache keeps: after the
 * first round the heap stays in the same block, and an idle scheduler's
 * trim frees what is kept. */
static void test_kept_blocks(void) {
  sched *s = calloc(1, sizeof *s); /* only its cache and memory count are used */
  CHECK(s != NULL);
  proc *p = new_proc();
  p->sched = s;
  long n = 40000; /* 80,000 live words: past the collector's scratch space */
  p->roots[0] = build_int_list(p, n);
  CHECK(gc_collect(p, 0));
  term *heaps[4];
  for (int round = 0; round < 4; round++) {
    (void)build_int_list(p, n); /* garbage of the live data's size */
    CHECK(gc_collect(p, 0));
    CHECK(check_int_list(p->roots[0], n));
    heaps[round] = p->heap;
  }
  if (MC_BIG_KEEP > 0) {
    CHECK(heaps[1] == heaps[2] && heaps[2] == heaps[3]);
    CHECK(s->mc.big_kept > 0 && s->mc.big_kept <= MC_BIG_KEEP);
  } else {
    CHECK_EQ_INT(s->mc.big_kept, 0);
  }
  mc_trim(&s->mc);
  CHECK_EQ_INT(s->mc.big_kept, 0);
  heap_release(p); /* the block goes back to the cache */
  CHECK(s->mc.big_kept <= MC_BIG_KEEP);
  mc_clear(&s->mc);
  CHECK_EQ_INT(s->mc.big_kept, 0);
  free(p);
  free(s);
}

/* the large-block cache alone: exact sizes, oldest out first, a cap */
static void test_memcache_big(void) {
  if (MC_BIG_KEEP == 0) return;
  memcache c;
  memset(&c, 0, sizeof c);
  size_t sz = 64 * 1024;
  void *a = mc_alloc(&c, sz);
  CHECK(a != NULL);
  mc_free(&c, a, sz);
  CHECK(mc_take(&c, sz + 16) == NULL);
  CHECK(mc_take(&c, sz) == a);
  CHECK(mc_take(&c, sz) == NULL);
  mc_free(&c, a, sz);
  /* MC_BIG more blocks of other sizes push the first one out */
  for (int i = 1; i <= MC_BIG; i++) mc_free(&c, malloc(sz + (size_t)i * 16), sz + (size_t)i * 16);
  CHECK(mc_take(&c, sz) == NULL);
  void *last = mc_take(&c, sz + (size_t)MC_BIG * 16);
  CHECK(last != NULL);
  free(last);
  /* a block larger than half the cap is never kept */
  void *huge = malloc(MC_BIG_KEEP / 2 + 16);
  mc_free(&c, huge, MC_BIG_KEEP / 2 + 16);
  CHECK(c.big_kept <= MC_BIG_KEEP);
  /* blocks that together pass the cap: the oldest go */
  for (int i = 0; i < 3; i++) mc_free(&c, malloc(MC_BIG_KEEP / 2 - 16), MC_BIG_KEEP / 2 - 16);
  CHECK(c.big_kept <= MC_BIG_KEEP);
  mc_clear(&c);
  CHECK_EQ_INT(c.big_kept, 0);
}

static void test_fragments_and_binaries(void) {
  proc *p = new_proc();
  size_t live0 = bin_live_count();
  char data[100];
  memset(data, 'x', sizeof data);
  /* fill the block so the next binaries land in fragments */
  while (p->stop - p->htop >= 2) (void)make_cons(p, NIL, NIL);
  term keep = make_binary(p, data, sizeof data);
  term drop = make_binary(p, data, sizeof data);
  (void)drop;
  CHECK(p->frags != NULL);
  CHECK(p->frags->mso != NULL);
  CHECK(p->mso == NULL);
  CHECK(!in_block(p, keep));
  CHECK_EQ_INT(bin_live_count(), live0 + 2);
  /* a message fragment adopted by the process */
  heapfrag *mf;
  term msg = copy_to_frag(make_tuple2(p, keep, make_small(9)), &mf);
  binary *b = procbin_bin((procbin *)box_ptr(keep));
  CHECK_EQ_INT(atomic_load(&b->refc), 2);
  heap_adopt_frag(p, mf);
  p->roots[0] = keep;
  p->roots[1] = msg;
  CHECK(gc_maybe(p)); /* fragments are bigger than the block: collects */
  CHECK(p->frags == NULL);
  CHECK(in_block(p, p->roots[0]) && in_block(p, p->roots[1]));
  CHECK_EQ_INT(bin_live_count(), live0 + 1);
  CHECK(procbin_bin((procbin *)box_ptr(p->roots[0])) == b);
  CHECK(procbin_bin((procbin *)box_ptr(tuple_get(p->roots[1], 0))) == b);
  CHECK_EQ_INT(atomic_load(&b->refc), 2);
  CHECK(binary_size(p->roots[0]) == 100 && memcmp(binary_data(p->roots[0]), data, 100) == 0);
  p->roots[1] = NIL;
  CHECK(gc_collect(p, 0));
  CHECK_EQ_INT(atomic_load(&b->refc), 1);
  p->roots[0] = NIL;
  CHECK(gc_collect(p, 0));
  CHECK_EQ_INT(bin_live_count(), live0);
  /* heap_release drops what is still referenced */
  p->roots[0] = make_binary(p, data, 99);
  CHECK_EQ_INT(bin_live_count(), live0 + 1);
  free_proc(p);
  CHECK_EQ_INT(bin_live_count(), live0);
  /* binaries of 0 and 64 bytes stay on the heap */
  p = new_proc();
  CHECK(box_type(make_binary(p, data, 64)) == BOX_HEAPBIN);
  term e = make_binary(p, "", 0);
  CHECK(box_type(e) == BOX_HEAPBIN && binary_size(e) == 0);
  CHECK_EQ_INT(bin_live_count(), live0);
  free_proc(p);
}

static void test_literals(void) {
  struct litarea *la = rt_literals(the_rt);
  proc *p = new_proc();
  char big[300];
  memset(big, 'L', sizeof big);
  term src = make_tuple3(p, build_int_list(p, 5), make_binary(p, big, sizeof big), make_float(p, 3.25));
  term lit = literal_copy(la, src);
  CHECK(is_literal_ptr(la, box_ptr(lit)));
  CHECK(!is_literal_ptr(la, box_ptr(src)));
  CHECK(literal_copy(la, lit) == lit);
  CHECK(term_hash(lit) == term_hash(src));
  CHECK(box_type(tuple_get(lit, 1)) == BOX_PROCBIN);
  /* a literal HEAPBIN over 64 bytes given by hand is stored off-heap */
  term *hb = heap_alloc(p, 2 + 10);
  hb[0] = make_header(11, BOX_HEAPBIN);
  hb[1] = 80;
  memset(hb + 2, 'h', 80);
  term lbin = literal_copy(la, make_boxed(hb));
  CHECK(box_type(lbin) == BOX_PROCBIN && binary_size(lbin) == 80 && binary_data(lbin)[79] == 'h');

  term x = make_tuple2(p, lit, make_small(1));
  p->roots[0] = make_cons(p, x, make_cons(p, tuple_get(lit, 0), NIL));
  push(p, lit);
  for (int round = 0; round < 3; round++) {
    CHECK(gc_collect(p, 0));
    CHECK(tuple_get(car(p->roots[0]), 0) == lit);
    CHECK(car(cdr(p->roots[0])) == tuple_get(lit, 0));
    CHECK(p->hend[-1] == lit);
  }
  /* only the tuple and two conses were live in the heap */
  CHECK_EQ_INT(p->htop - p->heap, 3 + 2 + 2);
  /* a send copies the literal: the message does not depend on the area */
  heapfrag *f;
  term m = copy_to_frag(lit, &f);
  CHECK(m != lit && !is_literal_ptr(la, box_ptr(m)));
  CHECK(term_hash(m) == term_hash(lit));
  CHECK(binary_data(tuple_get(m, 1)) == binary_data(tuple_get(lit, 1)));
  frag_free(f);
  free_proc(p);
}

static void test_stack_and_fp(void) {
  proc *p = new_proc();
  p->roots[0] = make_tuple2(p, make_small(5), make_float(p, 0.5));
  CHECK(gc_collect(p, 64)); /* room for the pushes below */
  term t = p->roots[0];
  p->roots[0] = NIL;
  push(p, make_cp(123456));
  push(p, t);
  push(p, make_mark(7));
  push(p, NIL);
  push(p, make_atom(3));
  push(p, make_small(-17));
  push(p, make_cons(p, t, NIL));
  p->fp = p->stop + 2; /* points at the MARK-relative frame: NIL */
  size_t depth = (size_t)(p->hend - p->stop);
  for (int round = 0; round < 4; round++) {
    /* grow: ask for lots of room so the block moves */
    CHECK(gc_collect(p, 100 + (size_t)round * 500));
    CHECK((size_t)(p->stop - p->htop) >= 100 + (size_t)round * 500);
    CHECK_EQ_INT(p->hend - p->stop, depth);
    CHECK(p->fp == p->stop + 2);
    CHECK(*p->fp == make_atom(3));
    term *s = p->hend;
    CHECK(s[-1] == make_cp(123456) && cp_val(s[-1]) == 123456);
    CHECK(is_tuple(s[-2]) && small_val(tuple_get(s[-2], 0)) == 5 && float_val(tuple_get(s[-2], 1)) == 0.5);
    CHECK(s[-3] == make_mark(7));
    CHECK(s[-4] == NIL);
    CHECK(s[-5] == make_atom(3));
    CHECK(s[-6] == make_small(-17));
    CHECK(is_cons(s[-7]) && car(s[-7]) == s[-2]);
    CHECK(p->fp == s - 5);
  }
  /* a stack deeper than the block grows it */
  for (int i = 0; i < 1000; i++) push(p, make_small(i));
  for (int i = 0; i < 1000; i++) CHECK(small_val(p->stop[i]) == 999 - i);
  CHECK(is_cons(p->hend[-7]) && car(p->hend[-7]) == p->hend[-2]);
  CHECK(cp_val(p->hend[-1]) == 123456 && p->fp == p->hend - 5);
  free_proc(p);
}

static void test_max_heap(void) {
  proc *p = new_proc();
  p->max_heap_words = 1000;
  p->roots[0] = build_int_list(p, 100);
  CHECK(gc_collect(p, 0));
  CHECK(proc_heap_words(p) <= 1000);
  p->roots[1] = build_int_list(p, 5000);
  CHECK(!gc_maybe(p));   /* over the cap: the caller kills the process */
  CHECK(check_int_list(p->roots[0], 100)); /* and it is still consistent */
  CHECK(check_int_list(p->roots[1], 5000));
  CHECK(!gc_collect(p, 0));
  p->roots[1] = NIL;
  CHECK(gc_collect(p, 0)); /* back under the cap */
  CHECK(check_int_list(p->roots[0], 100));
  CHECK(!gc_collect(p, 2000)); /* need alone passes the cap */
  free_proc(p);
}

/* Random terms, kept in a root tuple of slots, replaced at random, verified
 * by hash across many collections. */
static uint64_t rng = 88172645463325252ull;
static uint64_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static term random_term(proc *p, int depth) {
  switch (depth <= 0 ? rnd() % 4 : rnd() % 10) {
  case 0: return make_small((int64_t)(rnd() % 1000));
  case 1: return make_atom((uint32_t)(rnd() % 50));
  case 2: return make_float(p, (double)(rnd() % 1000) / 8);
  case 3: return make_int(p, INT64_MIN + (int64_t)(rnd() % 1000));
  case 4: {
    term l = NIL;
    for (int n = (int)(rnd() % 8); n > 0; n--) l = make_cons(p, random_term(p, depth - 1), l);
    return l;
  }
  case 5: return make_tuple3(p, random_term(p, depth - 1), random_term(p, depth - 1), make_ref(p));
  case 6: {
    char buf[150];
    size_t len = (size_t)(rnd() % sizeof buf);
    for (size_t i = 0; i < len; i++) buf[i] = (char)rnd();
    return make_binary(p, buf, len);
  }
  case 7: {
    term x = random_term(p, depth - 1);
    return make_tuple2(p, x, x);
  }
  default: return make_tuple2(p, random_term(p, depth - 1), NIL);
  }
}

static void test_random(void) {
  proc *p = new_proc();
  size_t live0 = bin_live_count();
  enum { SLOTS = 16 };
  uint64_t hashes[SLOTS];
  p->roots[0] = make_tuple(p, SLOTS);
  for (int i = 0; i < SLOTS; i++) hashes[i] = term_hash(NIL);
  long rounds = TEST_N(400);
  for (long r = 0; r < rounds; r++) {
    int k = (int)(rnd() % SLOTS);
    term t = random_term(p, 5);
    tuple_elems(p->roots[0])[k] = t;
    hashes[k] = term_hash(t);
    if (rnd() % 3 == 0) CHECK(gc_collect(p, (size_t)(rnd() % 64)));
    else CHECK(gc_maybe(p));
    for (int i = 0; i < SLOTS; i++) CHECK(term_hash(tuple_get(p->roots[0], (uint32_t)i)) == hashes[i]);
  }
  free_proc(p);
  CHECK_EQ_INT(bin_live_count(), live0);
}

int main(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 1;
  CHECK(beamlet_create(&cfg, &the_rt) == BEAMLET_OK);
  test_big_list();
  test_deep_nesting();
  test_all_types();
  test_sharing();
  test_reclaim_and_shrink();
  test_kept_blocks();
  test_memcache_big();
  test_fragments_and_binaries();
  test_literals();
  test_stack_and_fp();
  test_max_heap();
  test_random();
  beamlet_destroy(the_rt);
  return check_report();
}
