/*
 * test_runq_mt.c -- run queues and stealing under contention: several
 * threads each push onto their own queue and pop from it, or steal half of
 * another's; every item comes out exactly once.
 */
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"

#define THREADS 4

static runtime *rt;
static sched S[THREADS];
static long n_items;
static uint64_t *items;   /* item i is the "process" pointer &items[i] */
static _Atomic int *seen; /* times item i came out */
static _Atomic long consumed;
static _Atomic long steals;

static void take(proc *p) {
  long i = (long)((uint64_t *)(void *)p - items);
  CHECK(i >= 0 && i < n_items);
  if (i >= 0 && i < n_items) atomic_fetch_add(&seen[i], 1);
  atomic_fetch_add(&consumed, 1);
}

static void *worker(void *arg) {
  long t = (long)(intptr_t)arg;
  sched *me = &S[t];
  uint64_t r = (uint64_t)t * 7919 + 1;
  for (long i = t; i < n_items; i += THREADS) {
    runq_push(rt, me, (proc *)(void *)&items[i]);
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    if ((r >> 60) < 6) { /* pop about a third of the time while pushing */
      proc *p = runq_pop(&me->rq);
      if (p) take(p);
    }
  }
  while (atomic_load(&consumed) < n_items) {
    proc *p = runq_pop(&me->rq);
    if (!p) {
      sched *v = &S[(t + 1 + (long)(r++ % (THREADS - 1))) % THREADS];
      p = runq_steal(me, v);
      if (p) atomic_fetch_add(&steals, 1);
    }
    if (p) take(p);
  }
  return NULL;
}

int main(void) {
  atom_init();
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.host_driven = 1;
  rt = rt_create(&cfg);
  n_items = TEST_N(1000000);
  items = calloc((size_t)n_items, sizeof *items);
  seen = calloc((size_t)n_items, sizeof *seen);
  for (int i = 0; i < THREADS; i++) {
    S[i].id = i;
    S[i].rt = rt;
    runq_init(&S[i].rq);
  }
  /* stealing takes half, oldest stays with the victim */
  for (long i = 0; i < 100; i++) runq_push(rt, &S[0], (proc *)(void *)&items[i]);
  proc *st = runq_steal(&S[1], &S[0]);
  CHECK(st == (proc *)(void *)&items[99]);
  CHECK_EQ_INT(atomic_load(&S[0].rq.count), 50);
  CHECK_EQ_INT(atomic_load(&S[1].rq.count), 49);
  CHECK(runq_pop(&S[0].rq) == (proc *)(void *)&items[0]);
  while (runq_pop(&S[0].rq)) {
  }
  while (runq_pop(&S[1].rq)) {
  }
  sys_thread th[THREADS];
  for (long i = 0; i < THREADS; i++) sys_thread_start(&th[i], worker, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++) sys_thread_join(th[i]);
  long bad = 0;
  for (long i = 0; i < n_items; i++)
    if (atomic_load(&seen[i]) != 1) bad++;
  CHECK_EQ_INT(bad, 0);
  CHECK_EQ_INT(atomic_load(&consumed), n_items);
  for (int i = 0; i < THREADS; i++) {
    CHECK(runq_pop(&S[i].rq) == NULL);
    runq_free(&S[i].rq);
  }
  free(items);
  free(seen);
  rt_destroy(rt);
  return check_report();
}
