/*
 * test_timer_mt.c -- timers.
 *  A: send_after timers fire once each, in (deadline, insertion) order, and
 *     cancelled ones never (deterministic, virtual clock);
 *  B: under concurrency (host threads arm and cancel timers on four
 *     schedulers' heaps): every timer either fires exactly once or was
 *     cancelled (cancel returned the time left), never both, none lost;
 *  C: receive ... after racing with messages: every message is received
 *     once, and the wake-up accounting holds (no process made runnable
 *     twice).
 */
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"

/* ---- a consumer that records what it gets ---- */

typedef struct sink {
  long n;
  long *order; /* ids in arrival order */
  _Atomic long got;
  _Atomic int *count; /* per id */
} sink;

static int sink_body(proc *p, int32_t budget) {
  sink *k = p->native_data;
  term v;
  int32_t spent = 0;
  while ((v = np_take_any(p)) != NONE) {
    long id = (long)small_val(v);
    if (id >= 0 && id < k->n) {
      atomic_fetch_add(&k->count[id], 1);
      long g = atomic_load(&k->got);
      if (k->order) k->order[g] = id;
    }
    atomic_fetch_add(&k->got, 1);
    if (++spent >= budget) return VM_YIELD;
  }
  return VM_WAIT;
}

static void sink_init(sink *k, long n, bool order) {
  k->n = n;
  k->order = order ? calloc((size_t)n, sizeof *k->order) : NULL;
  atomic_init(&k->got, 0);
  k->count = calloc((size_t)n, sizeof *k->count);
}
static void sink_free(sink *k) {
  free(k->order);
  free(k->count);
}

/* ---- A ---- */

static void test_order(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.host_driven = 1;
  cfg.deterministic = 1;
  runtime *rt = rt_create(&cfg);
  long n = TEST_N(20000);
  sink k;
  sink_init(&k, n, true);
  term to = rt_spawn_native(rt, NULL, sink_body, &k, 0, NULL)->pid;
  int64_t *deadline = calloc((size_t)n, sizeof *deadline);
  bool *cancelled = calloc((size_t)n, sizeof *cancelled);
  uint64_t r = 12345;
  long live = 0;
  for (long i = 0; i < n; i++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    deadline[i] = (int64_t)((r >> 33) % 1000);
    CHECK(timer_send_after(rt, NULL, 0, deadline[i], to, make_small(i), (uint64_t)i + 1));
  }
  for (long i = 0; i < n; i += 3) {
    CHECK(timer_left_ref(rt, (uint64_t)i + 1, false) == deadline[i]); /* read: it stays */
    int64_t left = timer_left_ref(rt, (uint64_t)i + 1, true);
    CHECK(left == deadline[i]);
    CHECK_EQ_INT(timer_left_ref(rt, (uint64_t)i + 1, true), -1);
    cancelled[i] = true;
  }
  for (long i = 0; i < n; i++) live += !cancelled[i];
  int64_t next;
  for (int i = 0; i < 1000000 && sched_run_slice(rt, 100000, &next) == BEAMLET_BUSY; i++) {
  }
  CHECK_EQ_INT(atomic_load(&k.got), live);
  long bad = 0;
  for (long i = 0; i < n; i++)
    if (atomic_load(&k.count[i]) != (cancelled[i] ? 0 : 1)) bad++;
  CHECK_EQ_INT(bad, 0);
  long unordered = 0;
  for (long j = 1; j < live; j++) {
    long a = k.order[j - 1], b = k.order[j];
    if (deadline[a] > deadline[b] || (deadline[a] == deadline[b] && a > b)) unordered++;
  }
  CHECK_EQ_INT(unordered, 0);
  CHECK(rt_now_ms(rt) >= 990);
  free(deadline);
  free(cancelled);
  rt_destroy(rt);
  sink_free(&k);
}

/* ---- B ---- */

#define THREADS 4
static runtime *brt;
static term bto;
static long per_thread;
static _Atomic int *bcancel; /* 1 when cancel succeeded */

static void *arm_and_cancel(void *arg) {
  long t = (long)(intptr_t)arg;
  uint64_t r = (uint64_t)t * 31 + 7;
  for (long j = 0; j < per_thread; j++) {
    long id = t * per_thread + j;
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    int64_t ms = (int64_t)((r >> 33) % 4);
    sched *s = &brt->scheds[(t + j) % brt->nsched];
    CHECK(timer_send_after(brt, s, 0, ms, bto, make_small(id), (uint64_t)id + 1));
    if (j % 3 == 0) {
      /* cancel one armed a little earlier (it may have fired already) */
      long victim = t * per_thread + j / 2;
      if (timer_left_ref(brt, (uint64_t)victim + 1, true) >= 0) atomic_store(&bcancel[victim], 1);
    }
    if (j % 64 == 0) sys_sleep_ns(100000);
  }
  return NULL;
}

static void test_concurrent(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 4;
  brt = rt_create(&cfg);
  per_thread = TEST_N(20000);
  long n = per_thread * THREADS;
  sink k;
  sink_init(&k, n, false);
  bcancel = calloc((size_t)n, sizeof *bcancel);
  bto = rt_spawn_native(brt, NULL, sink_body, &k, 0, NULL)->pid;
  CHECK(rt_start(brt));
  sys_thread th[THREADS];
  for (long i = 0; i < THREADS; i++) sys_thread_start(&th[i], arm_and_cancel, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++) sys_thread_join(th[i]);
  long ncancel = 0;
  for (long i = 0; i < n; i++) ncancel += atomic_load(&bcancel[i]);
  for (int i = 0; i < 60000 && atomic_load(&k.got) < n - ncancel; i++) sys_sleep_ns(1000000);
  sys_sleep_ns(20000000); /* anything extra would show up now */
  CHECK_EQ_INT(atomic_load(&k.got), n - ncancel);
  long bad = 0;
  for (long i = 0; i < n; i++)
    if (atomic_load(&k.count[i]) != (atomic_load(&bcancel[i]) ? 0 : 1)) bad++;
  CHECK_EQ_INT(bad, 0);
  CHECK(ncancel > 0);
  CHECK_EQ_INT(timers_next(brt), INT64_MAX);
  rt_destroy(brt);
  sink_free(&k);
  free(bcancel);
}

/* ---- C ---- */

typedef struct racer {
  long expect, got, timeouts;
  bool armed;
  _Atomic int done;
} racer;

static int racer_body(proc *p, int32_t budget) {
  (void)budget;
  racer *r = p->native_data;
  for (;;) {
    if (!r->armed) {
      r->armed = true;
      p->wait_until = rt_now_ms(p->rt) + 1; /* receive ... after 1 */
    }
    proc_recv_start(p, NONE);
    term v = proc_recv_peek(p);
    if (v != NONE) {
      proc_recv_take(p);
      r->got++;
    } else if (p->timed_out) {
      proc_recv_end(p);
      r->timeouts++;
    } else {
      return VM_WAIT;
    }
    r->armed = false;
    p->wait_until = -1;
    /* Done once everything arrived and a timeout has fired: after the last
     * message nothing more comes, so the `after 1` must fire eventually. */
    if (r->got == r->expect && r->timeouts > 0) {
      atomic_store(&r->done, 1);
      return np_exit(p, ATOM_NORMAL);
    }
    return VM_YIELD;
  }
}

static void test_after_races(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 2;
  runtime *rt = rt_create(&cfg);
  racer r = {0};
  r.expect = TEST_N(20000);
  term to = rt_spawn_native(rt, NULL, racer_body, &r, 0, NULL)->pid;
  CHECK(rt_start(rt));
  for (long i = 0; i < r.expect; i++) {
    CHECK(rt_send_copy(rt, NULL, 0, to, make_small(i)));
    if (i % 16 == 0) sys_sleep_ns(50000);
  }
  for (int i = 0; i < 60000 && !atomic_load(&r.done); i++) sys_sleep_ns(1000000);
  for (int i = 0; i < 10000 && rt_process_count(rt); i++) sys_sleep_ns(1000000);
  CHECK(atomic_load(&r.done));
  CHECK_EQ_INT(r.got, r.expect);
  CHECK(r.timeouts > 0);
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  sched_stop_threads(rt); /* the counts are exact once the threads stopped */
  rt_transitions t = rt_transitions_count(rt);
  CHECK_EQ_INT(t.parks, t.wakes + t.self_wakes);
  rt_destroy(rt);
}

int main(void) {
  atom_init();
  test_order();
  test_concurrent();
  test_after_races();
  return check_report();
}
