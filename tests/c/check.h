/*
 * check.h -- the tiny assertion header of the C tests (tests/c/test_*.c).
 *
 *   CHECK(cond)              counts and reports a failure, goes on
 *   CHECK_EQ_INT(a, b)       integers (compared as long long), prints both
 *   CHECK_EQ_STR(a, b)       NUL-terminated strings (NULL allowed), prints both
 *   return check_report();   last line of main: prints the summary, returns
 *                            0 when nothing failed, 1 otherwise
 *
 * TEST_SCALE multiplies iteration counts: 1.0 natively, smaller under the
 * sanitizers and on WebAssembly (set by CMakeLists.txt). Use
 * TEST_N(100000) for a loop count or a thread's number of operations; it is
 * never below 1. TEST_THREADS is BEAMLET_THREADS: guard multi-threaded parts
 * of a test with `#if TEST_THREADS` (or name the file test_*_mt.c to build it
 * only where there are threads).
 *
 * Failures are counted in a static variable of the test program (one
 * translation unit per test); CHECK is safe from several threads (atomic).
 */
#ifndef BEAMLET_CHECK_H
#define BEAMLET_CHECK_H

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#ifndef TEST_SCALE
#define TEST_SCALE 1.0
#endif
#define TEST_N(n) ((long)((double)(n) * (TEST_SCALE)) < 1 ? 1L : (long)((double)(n) * (TEST_SCALE)))

#ifdef BEAMLET_THREADS
#define TEST_THREADS BEAMLET_THREADS
#else
#define TEST_THREADS 1
#endif

static atomic_long check_failures_;
static atomic_long check_count_;

static inline void check_fail_(const char *file, int line, const char *what) {
  atomic_fetch_add(&check_failures_, 1);
  fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
  fflush(stderr);
}

#define CHECK(cond)                                               \
  do {                                                            \
    atomic_fetch_add(&check_count_, 1);                           \
    if (!(cond)) check_fail_(__FILE__, __LINE__, #cond);          \
  } while (0)

#define CHECK_EQ_INT(a, b)                                                          \
  do {                                                                              \
    long long check_a_ = (long long)(a), check_b_ = (long long)(b);                 \
    atomic_fetch_add(&check_count_, 1);                                             \
    if (check_a_ != check_b_) {                                                     \
      check_fail_(__FILE__, __LINE__, #a " == " #b);                                \
      fprintf(stderr, "    left:  %lld\n    right: %lld\n", check_a_, check_b_);    \
    }                                                                               \
  } while (0)

#define CHECK_EQ_STR(a, b)                                                              \
  do {                                                                                  \
    const char *check_a_ = (a), *check_b_ = (b);                                        \
    atomic_fetch_add(&check_count_, 1);                                                 \
    if (!check_a_ || !check_b_ ? check_a_ != check_b_ : strcmp(check_a_, check_b_) != 0) { \
      check_fail_(__FILE__, __LINE__, #a " == " #b);                                    \
      fprintf(stderr, "    left:  \"%s\"\n    right: \"%s\"\n",                         \
              check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");         \
    }                                                                                   \
  } while (0)

/* Print "<program>: N checks, M failed" and return the exit status. */
static inline int check_report_named(const char *name) {
  const char *slash = strrchr(name, '/');
  if (slash) name = slash + 1;
  long failed = atomic_load(&check_failures_), total = atomic_load(&check_count_);
  fprintf(failed ? stderr : stdout, "%s: %ld checks, %ld failed\n", name, total, failed);
  fflush(stdout);
  fflush(stderr);
  return failed ? 1 : 0;
}
#define check_report() check_report_named(__FILE__)

#endif
