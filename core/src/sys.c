/* sys.c -- platform glue: clocks, threads, core count. */
#define _POSIX_C_SOURCE 200809L
#include "sys.h"

#include <time.h>
#include <unistd.h>

int64_t sys_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t sys_wall_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sys_sleep_ns(int64_t ns) {
  if (ns <= 0) return;
  struct timespec ts = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
  nanosleep(&ts, NULL);
}

#if BEAMLET_THREADS
int sys_cpu_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (int)n;
}

bool sys_thread_start(sys_thread *t, void *(*fn)(void *), void *arg) {
  return pthread_create(t, NULL, fn, arg) == 0;
}

void sys_cond_wait_until(sys_cond *c, sys_mutex *m, int64_t deadline_ns) {
  /* Condition variables wait on CLOCK_REALTIME by default; convert. */
  int64_t now = sys_monotonic_ns();
  int64_t rel = deadline_ns - now;
  if (rel <= 0) return;
  int64_t wall = sys_wall_ns() + rel;
  struct timespec ts = {(time_t)(wall / 1000000000), (long)(wall % 1000000000)};
  pthread_cond_timedwait(c, m, &ts);
}
#else
int sys_cpu_count(void) { return 1; }
#endif
