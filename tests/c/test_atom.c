/*
 * test_atom.c -- the global atom table: interning, lookup, fixed atoms,
 * and (with threads) concurrent interning from several threads.
 */
#include "atom.h"
#include "check.h"
#include "sys.h"

#include <stdio.h>
#include <string.h>

static bool atom_is(term a, const char *text) {
  return is_atom(a) && atom_len(a) == strlen(text) && memcmp(atom_text(a), text, strlen(text)) == 0;
}

static void test_fixed_atoms(void) {
  atom_init();
  atom_init(); /* idempotent */
  CHECK(atom_count() >= ATOM_IDX_COUNT_FIXED);
#define X(name, text) CHECK(atom_is(ATOM_##name, text)); CHECK(atom_intern(text, sizeof(text) - 1) == ATOM_##name);
  ATOM_LIST(X)
#undef X
  CHECK(atom_is(ATOM_TRUE, "true"));
  CHECK(bool_atom(true) == ATOM_TRUE);
  CHECK(bool_atom(false) == ATOM_FALSE);
  CHECK_EQ_INT(atom_index(ATOM_FALSE), 0);
  CHECK(atom_find("ok", 2) == ATOM_OK);
  CHECK(atom_find("EXIT", 4) == ATOM_UP_EXIT);
}

static void test_intern_and_find(void) {
  uint32_t before = atom_count();
  CHECK(atom_find("test_atom_fresh", 15) == NONE);
  term a = atom_from_cstr("test_atom_fresh");
  CHECK(a != NONE);
  CHECK(is_atom(a));
  CHECK_EQ_INT(atom_count(), before + 1);
  CHECK(atom_from_cstr("test_atom_fresh") == a); /* interning is idempotent */
  CHECK_EQ_INT(atom_count(), before + 1);
  CHECK(atom_find("test_atom_fresh", 15) == a);
  CHECK(atom_is(a, "test_atom_fresh"));
  CHECK(atom_text(a)[atom_len(a)] == '\0');

  /* Prefixes and texts differing only in length are different atoms. */
  term p = atom_intern("test_atom_fresh", 9);
  CHECK(p != a);
  CHECK(atom_is(p, "test_atom"));

  /* The empty atom, bytes with NULs and UTF-8 are atoms too. */
  term e = atom_intern("", 0);
  CHECK(e != NONE && atom_len(e) == 0);
  CHECK(atom_intern("", 0) == e);
  term z = atom_intern("a\0b", 3);
  CHECK(z != NONE && atom_len(z) == 3 && memcmp(atom_text(z), "a\0b", 3) == 0);
  CHECK(atom_intern("a", 1) != z);
  term u = atom_from_cstr("caf\xc3\xa9");
  CHECK(atom_is(u, "caf\xc3\xa9"));

  /* The length limit is 255 bytes. */
  char big[300];
  memset(big, 'x', sizeof big);
  term max = atom_intern(big, 255);
  CHECK(max != NONE && atom_len(max) == 255);
  CHECK(atom_intern(big, 256) == NONE);
  CHECK(atom_find(big, 256) == NONE);
}

/* Enough atoms to grow the hash index and fill several chunks. */
static void test_many(void) {
  long n = TEST_N(20000);
  char buf[32];
  uint32_t before = atom_count();
  for (long i = 0; i < n; i++) {
    int len = snprintf(buf, sizeof buf, "many_%ld", i);
    term a = atom_intern(buf, (size_t)len);
    if (a == NONE || !atom_is(a, buf)) {
      CHECK(!"interned atom reads back");
      return;
    }
  }
  CHECK_EQ_INT(atom_count(), before + (uint32_t)n);
  for (long i = 0; i < n; i += 7) {
    int len = snprintf(buf, sizeof buf, "many_%ld", i);
    term a = atom_find(buf, (size_t)len);
    if (a == NONE || !atom_is(a, buf)) {
      CHECK(!"found atom reads back");
      return;
    }
  }
  CHECK_EQ_INT(atom_count(), before + (uint32_t)n);
}

#if TEST_THREADS
/* Several threads intern the same overlapping names at once: each name
 * must get exactly one index, and every thread must see the same one. */
#define NTHREADS 4
typedef struct {
  int id;
  long n;
  term *out; /* out[i] = the atom this thread got for "mt_<i>" */
} mt_arg;

static void *mt_worker(void *p) {
  mt_arg *a = p;
  char buf[32];
  for (long k = 0; k < a->n; k++) {
    /* Threads walk the names in different orders. */
    long i = (a->id % 2) ? a->n - 1 - k : k;
    int len = snprintf(buf, sizeof buf, "mt_%ld", i);
    a->out[i] = atom_intern(buf, (size_t)len);
    /* Read another thread's possibly fresh atom without the lock. */
    if (a->out[i] != NONE) (void)atom_text(a->out[i])[0];
  }
  return NULL;
}

static void test_threads(void) {
  long n = TEST_N(20000);
  if (n > 20000) n = 20000;
  static term results[NTHREADS][20000];
  mt_arg args[NTHREADS];
  sys_thread th[NTHREADS];
  uint32_t before = atom_count();
  for (int t = 0; t < NTHREADS; t++) {
    args[t] = (mt_arg){t, n, results[t]};
    CHECK(sys_thread_start(&th[t], mt_worker, &args[t]));
  }
  for (int t = 0; t < NTHREADS; t++) sys_thread_join(th[t]);
  CHECK_EQ_INT(atom_count(), before + (uint32_t)n);
  char buf[32];
  for (long i = 0; i < n; i++) {
    snprintf(buf, sizeof buf, "mt_%ld", i);
    bool same = true;
    for (int t = 1; t < NTHREADS; t++) same = same && results[t][i] == results[0][i];
    if (!same || !atom_is(results[0][i], buf)) {
      CHECK(!"every thread got the same atom for the same name");
      return;
    }
  }
}
#endif

int main(void) {
  test_fixed_atoms();
  test_intern_and_find();
  test_many();
#if TEST_THREADS
  test_threads();
#endif
  return check_report();
}
