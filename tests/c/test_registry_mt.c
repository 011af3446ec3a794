/*
 * test_registry_mt.c -- registered names under concurrency: threads
 * register, look up and unregister a small set of names for their own
 * processes. A name never has two owners at once, a process never has two
 * names, whereis never returns a process that does not own the name at
 * that moment, and exit frees the name.
 */
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"

#define THREADS 6
#define NAMES 4

static runtime *rt;
static term names[NAMES];
static _Atomic uint64_t owner[NAMES]; /* the pid the test believes owns name i, 0 = none */
static proc *procs[THREADS];

static void *worker(void *arg) {
  long t = (long)(intptr_t)arg;
  proc *me = procs[t];
  long n = TEST_N(200000);
  uint64_t r = (uint64_t)t + 1;
  for (long k = 0; k < n; k++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    int i = (int)((r >> 33) % NAMES);
    if (reg_register(rt, names[i], me) == 0) {
      uint64_t none = 0;
      /* uniqueness: nobody else may believe they own it */
      CHECK(atomic_compare_exchange_strong(&owner[i], &none, me->pid));
      CHECK(reg_whereis(rt, names[i]) == me->pid);
      /* one name per process */
      CHECK(reg_register(rt, names[(i + 1) % NAMES], me) == -1);
      atomic_store(&owner[i], 0);
      CHECK(reg_unregister(rt, names[i]));
    } else {
      term w = reg_whereis(rt, names[i]);
      CHECK(w != me->pid);
    }
  }
  return NULL;
}

int main(void) {
  atom_init();
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.host_driven = 1;
  rt = rt_create(&cfg);
  char buf[16];
  for (int i = 0; i < NAMES; i++) {
    snprintf(buf, sizeof buf, "name%d", i);
    names[i] = atom_from_cstr(buf);
  }
  for (int t = 0; t < THREADS; t++) procs[t] = proc_alloc(rt); /* never scheduled */
  sys_thread th[THREADS];
  for (long i = 0; i < THREADS; i++) sys_thread_start(&th[i], worker, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++) sys_thread_join(th[i]);
  for (int i = 0; i < NAMES; i++) CHECK(reg_whereis(rt, names[i]) == NONE);

  /* many names: the table grows, and lookups stay right */
  proc *many[200];
  for (int i = 0; i < 200; i++) {
    many[i] = proc_alloc(rt);
    snprintf(buf, sizeof buf, "many%d", i);
    CHECK_EQ_INT(reg_register(rt, atom_from_cstr(buf), many[i]), 0);
  }
  for (int i = 0; i < 200; i++) {
    snprintf(buf, sizeof buf, "many%d", i);
    CHECK(reg_whereis(rt, atom_from_cstr(buf)) == many[i]->pid);
  }
  /* exit frees the name */
  many[7]->sched = NULL;
  atomic_store(&many[7]->state, PS_RUNNING);
  proc_exit(many[7], ATOM_NORMAL);
  CHECK(reg_whereis(rt, atom_from_cstr("many7")) == NONE);
  /* a dead process cannot be looked up or registered */
  CHECK(proc_acquire(rt, make_pid(7 + THREADS, 0)) == NULL);
  CHECK_EQ_INT(reg_register(rt, atom_from_cstr("late"), many[7]), -1);
  rt_destroy(rt);
  return check_report();
}
