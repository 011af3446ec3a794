/*
 * test_limits.c -- memory caps kill the process that passes them, with a
 * readable reason, and the runtime goes on (host-driven, one thread):
 *
 * A: an unbounded mailbox. A sink never receives; a flooder sends it small
 *    tuples. Queued messages count against the sink's heap cap, so the sink
 *    is killed with {:mailbox_limit_exceeded, bytes} (bytes past the cap);
 *    its monitor sees it, the flooder is unharmed, the runtime's total
 *    comes back down, and a new process still runs.
 * B: the runtime's total cap, passed by allocation: a hog allocates heap
 *    without end; it is killed with {:memory_limit_exceeded, bytes}.
 * C: the total cap passed by sending: with a large per-process cap, a
 *    flooder fills a sink's mailbox until the runtime's total passes its
 *    cap; the sender (the one allocating) is killed with
 *    {:memory_limit_exceeded, bytes}, the sink survives.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"

static term A(const char *s) { return atom_from_cstr(s); }

/* never takes a message: its mailbox only grows */
static int sink_body(proc *p, int32_t budget) {
  (void)p;
  (void)budget;
  return VM_WAIT;
}

/* sends {:junk, i, self()} to the pid in native_data, a slice at a time */
typedef struct flood {
  term to;
  int64_t sent;
} flood;
static int flooder_body(proc *p, int32_t budget) {
  flood *f = p->native_data;
  for (int32_t i = 0; i < budget; i++) {
    term t = make_tuple3(p, A("junk"), make_small(f->sent), p->pid);
    proc_send(p, f->to, t);
    f->sent++;
    p->reductions++;
    if ((f->sent & 255) == 0) gc_collect(p, 0); /* native: its own safe point */
  }
  return VM_YIELD;
}

/* allocates heap without end (never collects: everything stays live) */
static int hog_body(proc *p, int32_t budget) {
  (void)budget;
  for (int i = 0; i < 64; i++) {
    term *hp = heap_alloc(p, 1024);
    for (int k = 0; k < 1024; k++) hp[k] = NIL;
  }
  p->reductions += 64;
  return VM_YIELD;
}

static int echo_body(proc *p, int32_t budget) {
  (void)budget;
  term v = np_take_any(p);
  if (v == NONE) return VM_WAIT;
  proc_send(p, v, A("pong"));
  return np_exit(p, ATOM_NORMAL);
}

typedef struct main_st {
  int line;
  int scenario; /* 'A', 'B', 'C' */
  term victim, other, ref, reason;
  flood fl;
  int64_t mem_before;
} main_st;

static bool is_down_of(term v, void *ctx) {
  main_st *st = ctx;
  return np_is_tuple_n(v, 5, ATOM_DOWN) && tuple_get(v, 3) == st->victim;
}
static bool is_down_of_other(term v, void *ctx) {
  main_st *st = ctx;
  return np_is_tuple_n(v, 5, ATOM_DOWN) && tuple_get(v, 3) == st->other;
}
static bool is_pong(term v, void *ctx) {
  (void)ctx;
  return v == A("pong");
}

static int main_body(proc *p, int32_t budget) {
  (void)budget;
  main_st *st = p->native_data;
  runtime *rt = p->rt;
  term v;
  NP_BEGIN(&st->line)
  st->mem_before = rt_mem_total(rt, p->sched);
  if (st->scenario == 'A' || st->scenario == 'C') {
    proc *sink = rt_spawn_native(rt, p, sink_body, NULL, 0, NULL);
    st->fl.to = sink->pid;
    proc *fl = rt_spawn_native(rt, p, flooder_body, &st->fl, 0, NULL);
    st->victim = st->scenario == 'A' ? sink->pid : fl->pid;
    st->other = st->scenario == 'A' ? fl->pid : sink->pid;
  } else {
    proc *hog = rt_spawn_native(rt, p, hog_body, NULL, 0, NULL);
    st->victim = hog->pid;
    st->other = NONE;
  }
  st->ref = link_bif_monitor(p, st->victim);
  if (st->other != NONE) link_bif_monitor(p, st->other);
  NP_AWAIT(&st->line, v, np_take_if(p, is_down_of, st));
  st->reason = tuple_get(v, 4);
  /* the reason is {atom, bytes}, printable */
  CHECK(is_tuple(st->reason) && tuple_arity(st->reason) == 2);
  if (is_tuple(st->reason) && tuple_arity(st->reason) == 2) {
    const char *want = st->scenario == 'A' ? "mailbox_limit_exceeded" : "memory_limit_exceeded";
    CHECK(tuple_get(st->reason, 0) == A(want));
    CHECK(is_integer(tuple_get(st->reason, 1)));
    if (st->scenario == 'A')
      CHECK(int_val(tuple_get(st->reason, 1)) > (int64_t)rt->cfg.max_heap_bytes);
    if (st->scenario != 'A')
      CHECK(int_val(tuple_get(st->reason, 1)) > (int64_t)rt->cfg.max_memory_bytes - (1 << 20));
  }
  if (st->other != NONE) {
    proc *o = proc_acquire(rt, st->other);
    CHECK(o != NULL); /* the other party is alive */
    if (o) proc_release(o);
    /* end it (C: the sink holds the flood, so the total stays past the cap
     * until it is gone: every process that allocates meanwhile would be
     * killed too) */
    link_bif_exit(p, st->other, ATOM_KILL);
  }
  if (st->other == NONE) goto echo;
  NP_AWAIT(&st->line, v, np_take_if(p, is_down_of_other, st));
echo:
  /* the runtime goes on: a new process runs and answers */
  {
    proc *e = rt_spawn_native(rt, p, echo_body, NULL, 0, NULL);
    CHECK(e != NULL);
    if (e) proc_send(p, e->pid, p->pid);
  }
  NP_AWAIT(&st->line, v, np_take_if(p, is_pong, NULL));
  (void)v;
  NP_END(&st->line)
}

static void run(int scenario, size_t max_heap, size_t max_memory) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.host_driven = 1;
  cfg.deterministic = 1;
  cfg.max_heap_bytes = max_heap;
  cfg.max_memory_bytes = max_memory;
  runtime *rt = rt_create(&cfg);
  CHECK(rt != NULL);
  if (!rt) return;
  main_st st = {0};
  st.scenario = scenario;
  CHECK_EQ_INT(rt_start_main_native(rt, main_body, &st), BEAMLET_OK);
  int r = BEAMLET_BUSY;
  for (int i = 0; i < 100000 && r != BEAMLET_DONE; i++) r = beamlet_run_slice(rt, 100000, NULL);
  CHECK_EQ_INT(r, BEAMLET_DONE);
  CHECK_EQ_INT(beamlet_main_status(rt), 0);
  /* everything the dead processes held is given back */
  for (int i = 0; i < 1000 && rt_process_count(rt) > 0; i++) beamlet_run_slice(rt, 100000, NULL);
  CHECK(rt_mem_total(rt, NULL) < (int64_t)(2 << 20));
  if (rt_mem_total(rt, NULL) >= (int64_t)(2 << 20))
    printf("scenario %c: %lld bytes still accounted\n", scenario, (long long)rt_mem_total(rt, NULL));
  rt_destroy(rt);
}

int main(void) {
  atom_init();
  run('A', (size_t)256 << 10, (size_t)256 << 20); /* sink cap 256 KiB */
  run('B', (size_t)64 << 20, (size_t)8 << 20);    /* total cap 8 MiB */
  run('C', (size_t)64 << 20, (size_t)8 << 20);
  return check_report();
}
