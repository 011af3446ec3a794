/*
 * test_sched_mt.c -- schedulers with native processes:
 *  1. preemption: a process that never waits does not keep others from
 *     running and finishing (one scheduler), and Process.exit(pid, :kill)
 *     ends it;
 *  2. an idle runtime sleeps: once the work is over every scheduler blocks
 *     on the condition variable and stays there (counters, not timing);
 *  3. links, monitors, exit signals and trap_exit as the BEAM has them, on
 *     four schedulers;
 *  4. deterministic mode: timers of 3-5 s complete at once on the virtual
 *     clock, and two runs give byte-identical trace streams;
 *  5. observation while running: snapshots, Process.info of a running
 *     process, and trace rings that are full: a scheduler waits for a slow
 *     reader (nothing is lost), and a reader that never comes costs one
 *     bounded wait, after which records are dropped and counted;
 *  6. own queues: processes made runnable by a process go on its
 *     scheduler's own queue, yet a sleeping scheduler gets a share of them
 *     (spill and steal), and a process made runnable from outside runs
 *     within a turn even while the own queue never empties.
 */
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"
#include "trace.h"


static term A(const char *s) { return atom_from_cstr(s); }

static bool wait_until_true(bool (*f)(void *), void *ctx) {
  for (int i = 0; i < 60000; i++) { /* 60 s: only a hang reaches it */
    if (f(ctx)) return true;
    sys_sleep_ns(1000000);
  }
  return f(ctx);
}
static bool no_processes(void *rt) { return rt_process_count(rt) == 0; }

/* ---- 1. preemption ---- */

static _Atomic int finished;

static int looper_body(proc *p, int32_t budget) {
  p->reductions += (uint64_t)budget;
  return VM_YIELD; /* never waits, never ends */
}

static int worker_body(proc *p, int32_t budget) {
  long *slices = p->native_data;
  p->reductions += (uint64_t)budget;
  if (--*slices > 0) return VM_YIELD;
  atomic_fetch_add(&finished, 1);
  return np_exit(p, ATOM_NORMAL);
}

static bool workers_done(void *n) { return atomic_load(&finished) == *(int *)n; }
static bool all_asleep(void *rt) {
  runtime *r = rt;
  return atomic_load(&r->nsleeping) == r->nsched;
}

static void test_preemption_and_idle(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 1;
  runtime *rt = rt_create(&cfg);
  proc *looper = rt_spawn_native(rt, NULL, looper_body, NULL, 0, NULL);
  term looper_pid = looper->pid;
  int nworkers = 8;
  long slices[8];
  for (int i = 0; i < nworkers; i++) {
    slices[i] = 20;
    rt_spawn_native(rt, NULL, worker_body, &slices[i], 0, NULL);
  }
  CHECK(rt_start(rt));
  CHECK(wait_until_true(workers_done, &nworkers));
  CHECK_EQ_INT(rt_process_count(rt), 1); /* the looper still runs */
  CHECK(link_send_signal(rt, NULL, SIG_EXIT, 0, looper_pid, ATOM_KILL, NONE, 0));
  CHECK(wait_until_true(no_processes, rt));

  /* 2. idle: all schedulers asleep, and they stay asleep */
  CHECK(wait_until_true(all_asleep, rt));
  uint64_t wake0 = atomic_load(&rt->stat_wakeups), poll0 = atomic_load(&rt->stat_idle_polls);
  sys_sleep_ns(50000000);
  CHECK_EQ_INT(atomic_load(&rt->stat_wakeups), wake0);
  CHECK_EQ_INT(atomic_load(&rt->stat_idle_polls), poll0);
  CHECK_EQ_INT(atomic_load(&rt->nsleeping), rt->nsched);
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  rt_destroy(rt);
}

static void test_idle_many(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 4;
  runtime *rt = rt_create(&cfg);
  CHECK(rt_start(rt));
  CHECK(wait_until_true(all_asleep, rt));
  uint64_t wake0 = atomic_load(&rt->stat_wakeups), poll0 = atomic_load(&rt->stat_idle_polls);
  sys_sleep_ns(50000000);
  CHECK_EQ_INT(atomic_load(&rt->stat_wakeups), wake0);
  CHECK_EQ_INT(atomic_load(&rt->stat_idle_polls), poll0);
  rt_destroy(rt);
}

/* ---- 3. links, monitors, exit signals ---- */

static int boom_body(proc *p, int32_t b) { (void)b; return np_exit(p, A("boom")); }
static int crash_body(proc *p, int32_t b) { (void)b; return np_exit(p, A("crash")); }
static int normal_body(proc *p, int32_t b) { (void)b; return np_exit(p, ATOM_NORMAL); }
static int waiter_body(proc *p, int32_t b) {
  (void)b;
  while (np_take_any(p) != NONE) {
  }
  return VM_WAIT;
}

/* a trapping process: tells its parent :ready, answers every {:EXIT, ..}
 * with :got_exit */
typedef struct trapper {
  int line;
  term parent;
} trapper;
static int trapper_body(proc *p, int32_t b) {
  (void)b;
  trapper *t = p->native_data;
  term v;
  NP_BEGIN(&t->line)
  proc_lock(p);
  p->trap_exit = true;
  proc_unlock(p);
  proc_send(p, t->parent, A("ready"));
  for (;;) {
    NP_AWAIT(&t->line, v, np_take_any(p));
    if (np_is_tuple_n(v, 3, ATOM_UP_EXIT)) proc_send(p, t->parent, A("got_exit"));
  }
  NP_END(&t->line)
}

/* a non-trapping middle process:
 *   mode 0: spawn_link a crashing child, then wait (dies with :crash)
 *   mode 1: spawn_link + monitor a child that exits normally; on its DOWN
 *           tell the parent :survived, then wait
 *   mode 2: link a waiter child, unlink it, monitor it, tell the parent
 *           {:child, pid}; on its DOWN tell the parent :survived */
typedef struct middle {
  int line, mode;
  term parent, child;
  uint64_t ref;
} middle;
static int middle_body(proc *p, int32_t b) {
  (void)b;
  middle *m = p->native_data;
  term v;
  NP_BEGIN(&m->line)
  if (m->mode == 0) {
    rt_spawn_native(p->rt, p, crash_body, NULL, SPAWN_LINK, NULL);
  } else if (m->mode == 1) {
    m->child = rt_spawn_native(p->rt, p, normal_body, NULL, SPAWN_LINK | SPAWN_MONITOR, &m->ref)->pid;
  } else {
    m->child = rt_spawn_native(p->rt, p, waiter_body, NULL, 0, NULL)->pid;
    CHECK(link_bif_link(p, m->child) == ATOM_TRUE);
    CHECK(link_bif_unlink(p, m->child) == ATOM_TRUE);
    link_bif_monitor(p, m->child);
    proc_send(p, m->parent, make_tuple2(p, A("child"), m->child));
  }
  for (;;) {
    NP_AWAIT(&m->line, v, np_take_any(p));
    if (np_is_tuple_n(v, 5, ATOM_DOWN)) proc_send(p, m->parent, A("survived"));
  }
  NP_END(&m->line)
}

static bool is_down_id(term v, uint64_t id, term pid, term reason) {
  return np_is_tuple_n(v, 5, ATOM_DOWN) && is_ref(tuple_get(v, 1)) && ref_id(tuple_get(v, 1)) == id &&
         tuple_get(v, 2) == ATOM_PROCESS && tuple_get(v, 3) == pid && tuple_get(v, 4) == reason;
}

typedef struct obs {
  int line;
  term c[8];
  uint64_t r[4];
  trapper tr;
  middle m[3];
  _Atomic int done;
} obs;

static bool down_for_r1(term v, void *ctx) {
  obs *o = ctx;
  return np_is_tuple_n(v, 5, ATOM_DOWN) && ref_id(tuple_get(v, 1)) == o->r[1];
}

static int obs_body(proc *p, int32_t budget) {
  (void)budget;
  obs *o = p->native_data;
  runtime *rt = p->rt;
  term v, a[2];
  NP_BEGIN(&o->line)
  a[0] = ATOM_TRAP_EXIT;
  a[1] = ATOM_TRUE;
  CHECK(np_bif("Elixir.Process", "flag", 2)(p, a) == ATOM_FALSE);

  /* a linked process crashes: a trapping parent gets {:EXIT, pid, :boom} */
  o->c[0] = rt_spawn_native(rt, p, boom_body, NULL, SPAWN_LINK, NULL)->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_exit(v, o->c[0], A("boom")));

  /* spawn_monitor, normal exit: {:DOWN, ref, :process, pid, :normal} */
  o->c[1] = rt_spawn_native(rt, p, normal_body, NULL, SPAWN_MONITOR, &o->r[0])->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[1], ATOM_NORMAL));

  /* exit(pid, :normal) is ignored by a non-trapping process; :kill is not */
  o->c[2] = rt_spawn_native(rt, p, waiter_body, NULL, 0, NULL)->pid;
  o->r[0] = ref_id(link_bif_monitor(p, o->c[2]));
  CHECK(link_bif_exit(p, o->c[2], ATOM_NORMAL) == ATOM_TRUE);
  CHECK(link_bif_exit(p, o->c[2], ATOM_KILL) == ATOM_TRUE);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[2], ATOM_KILLED));

  /* a trapping process gets exit signals as messages, but :kill kills it,
   * and its links see :killed */
  o->tr.parent = p->pid;
  o->c[3] = rt_spawn_native(rt, p, trapper_body, &o->tr, SPAWN_LINK, NULL)->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(v == A("ready"));
  CHECK(link_bif_exit(p, o->c[3], A("other")) == ATOM_TRUE);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(v == A("got_exit"));
  link_bif_exit(p, o->c[3], ATOM_KILL);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_exit(v, o->c[3], ATOM_KILLED));

  /* monitoring a dead pid: DOWN :noproc at once */
  o->r[0] = ref_id(link_bif_monitor(p, o->c[0]));
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[0], ATOM_NOPROC));
  /* linking to a dead pid while trapping: {:EXIT, pid, :noproc} */
  CHECK(link_bif_link(p, o->c[0]) == ATOM_TRUE);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_exit(v, o->c[0], ATOM_NOPROC));
  /* monitoring an unregistered name: {:DOWN, ref, :process, {name, node}, :noproc} */
  o->r[0] = ref_id(link_bif_monitor(p, A("no_such_name")));
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_tuple_n(v, 5, ATOM_DOWN) && is_tuple(tuple_get(v, 3)) &&
        tuple_get(tuple_get(v, 3), 0) == A("no_such_name") && tuple_get(v, 4) == ATOM_NOPROC);

  /* a non-trapping process dies with its linked child's reason */
  o->m[0] = (middle){0, 0, p->pid, 0, 0};
  o->c[4] = rt_spawn_native(rt, p, middle_body, &o->m[0], SPAWN_MONITOR, &o->r[0])->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[4], A("crash")));

  /* ... but not of a :normal exit */
  o->m[1] = (middle){0, 1, p->pid, 0, 0};
  o->c[5] = rt_spawn_native(rt, p, middle_body, &o->m[1], SPAWN_MONITOR, &o->r[0])->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(v == A("survived"));
  link_bif_exit(p, o->c[5], A("stop"));
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[5], A("stop")));

  /* after unlink, the other's death does not propagate */
  o->m[2] = (middle){0, 2, p->pid, 0, 0};
  o->c[6] = rt_spawn_native(rt, p, middle_body, &o->m[2], SPAWN_MONITOR, &o->r[0])->pid;
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_tuple_n(v, 2, A("child")));
  o->c[7] = tuple_get(v, 1);
  link_bif_exit(p, o->c[7], A("bye"));
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(v == A("survived"));
  link_bif_exit(p, o->c[6], ATOM_KILL);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(is_down_id(v, o->r[0], o->c[6], ATOM_KILLED));

  /* demonitor with [:flush] removes a DOWN already queued */
  o->c[0] = rt_spawn_native(rt, p, waiter_body, NULL, 0, NULL)->pid;
  o->r[0] = ref_id(link_bif_monitor(p, o->c[0]));
  o->r[1] = ref_id(link_bif_monitor(p, o->c[0]));
  link_bif_exit(p, o->c[0], ATOM_KILL);
  /* the DOWNs come in monitor order: once r[1]'s is here, r[0]'s is too */
  NP_AWAIT(&o->line, v, np_take_if(p, down_for_r1, o));
  CHECK_EQ_INT(p->q_len, 1);
  /* its DOWN came: the monitor is gone, and :flush drops the message */
  CHECK(!link_bif_demonitor(p, make_ref_with_id(p, o->r[0]), true));
  CHECK_EQ_INT(p->q_len, 0);
  CHECK_EQ_INT(mbox_len(p, true), 0);

  /* Process.exit(self(), :normal) while trapping: a message */
  CHECK(link_bif_exit(p, p->pid, ATOM_NORMAL) == ATOM_TRUE);
  NP_AWAIT(&o->line, v, np_take_any(p));
  CHECK(np_is_exit(v, p->pid, ATOM_NORMAL));
  /* ... and without trapping: the caller exits (raises exit :normal) */
  p->trap_exit = false;
  CHECK(link_bif_exit(p, p->pid, ATOM_NORMAL) == NONE);
  CHECK(p->exc_class == ATOM_EXIT && p->roots[ROOT_EXC] == ATOM_NORMAL);
  p->exc_class = NONE;
  /* and linking a dead pid without trapping raises :noproc */
  CHECK(link_bif_link(p, o->c[1]) == NONE);
  CHECK(p->roots[ROOT_EXC] == ATOM_NOPROC);
  atomic_store(&o->done, 1);
  NP_END(&o->line)
}

static bool obs_done(void *o) { return atomic_load(&((obs *)o)->done) != 0; }

static void test_links(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 4;
  cfg.trace = 1;
  runtime *rt = rt_create(&cfg);
  static obs o;
  rt_spawn_native(rt, NULL, obs_body, &o, 0, NULL);
  CHECK(rt_start(rt));
  CHECK(wait_until_true(obs_done, &o));
  /* the trapper died with the observer's link... it was killed before;
   * the only processes left are none: the observer exits normally */
  CHECK(wait_until_true(no_processes, rt));
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  sched_stop_threads(rt); /* the counts are exact once the threads stopped */
  rt_transitions t = rt_transitions_count(rt);
  CHECK_EQ_INT(t.parks, t.wakes + t.self_wakes);
  /* the snapshot is empty and well-formed */
  char js[256];
  beamlet_snapshot(rt, js, sizeof js);
  CHECK(strstr(js, "\"processes\":[]") != NULL);
  rt_destroy(rt);
}

/* ---- 4. deterministic mode ---- */

typedef struct sleeper {
  int line, i;
  int64_t ms;
  term parent;
} sleeper;

static int sleeper_body(proc *p, int32_t b) {
  (void)b;
  sleeper *s = p->native_data;
  if (s->line == 0) {
    s->line = 1;
    p->wait_until = rt_now_ms(p->rt) + s->ms;
  }
  if (!p->timed_out) {
    proc_recv_start(p, NONE);
    if (proc_recv_peek(p) == NONE) return VM_WAIT;
  }
  proc_recv_end(p);
  p->wait_until = -1;
  proc_send(p, s->parent, make_tuple2(p, A("woke"), make_small(s->i)));
  rt_output(p, 1, "woke\n", 5);
  return np_exit(p, ATOM_NORMAL);
}

typedef struct dmain {
  int line, got;
  int order[3];
  sleeper sl[3];
} dmain;

static int dmain_body(proc *p, int32_t b) {
  (void)b;
  dmain *d = p->native_data;
  term v;
  NP_BEGIN(&d->line)
  for (int i = 0; i < 3; i++) {
    static const int64_t ms[3] = {5000, 3000, 4000};
    d->sl[i] = (sleeper){0, i, ms[i], p->pid};
    rt_spawn_native(p->rt, p, sleeper_body, &d->sl[i], 0, NULL);
  }
  while (d->got < 3) {
    NP_AWAIT(&d->line, v, np_take_any(p));
    CHECK(np_is_tuple_n(v, 2, A("woke")));
    d->order[d->got++] = (int)small_val(tuple_get(v, 1));
  }
  CHECK(rt_now_ms(p->rt) >= 5000);
  NP_END(&d->line)
}

static void quiet(void *ctx, int fd, uint64_t pid, const char *data, size_t len) {
  (void)ctx; (void)fd; (void)pid; (void)data; (void)len;
}

static size_t deterministic_run(uint8_t *buf, size_t cap) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.deterministic = 1;
  cfg.seed = 42;
  cfg.trace = 1;
  cfg.output = quiet;
  beamlet_runtime *rt;
  CHECK_EQ_INT(beamlet_create(&cfg, &rt), BEAMLET_OK);
  static dmain d;
  memset(&d, 0, sizeof d);
  CHECK_EQ_INT(rt_start_main_native(rt, dmain_body, &d), BEAMLET_OK);
  /* 5 s of timers within a 4 s wait: only virtual time can do it */
  CHECK_EQ_INT(beamlet_wait(rt, 4000), BEAMLET_DONE);
  CHECK_EQ_INT(beamlet_main_status(rt), 0);
  CHECK_EQ_INT(d.order[0], 1);
  CHECK_EQ_INT(d.order[1], 2);
  CHECK_EQ_INT(d.order[2], 0);
  size_t n = beamlet_trace_read(rt, buf, cap);
  beamlet_destroy(rt);
  return n;
}

static void test_deterministic(void) {
  static uint8_t a[1 << 16], b[1 << 16];
  size_t na = deterministic_run(a, sizeof a);
  size_t nb = deterministic_run(b, sizeof b);
  CHECK(na > 0);
  CHECK_EQ_INT(na, nb);
  CHECK(na == nb && memcmp(a, b, na) == 0);
}

/* ---- 5. destroy while processes run, wait, hold timers and messages ---- */

static int timed_waiter_body(proc *p, int32_t b) {
  (void)b;
  np_take_any(p);
  p->wait_until = rt_now_ms(p->rt) + 100000;
  return VM_WAIT;
}

static void test_destroy_busy(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 3;
  cfg.trace = 1;
  runtime *rt = rt_create(&cfg);
  proc *w = NULL;
  for (int i = 0; i < 4; i++) rt_spawn_native(rt, NULL, looper_body, NULL, 0, NULL);
  for (int i = 0; i < 50; i++) w = rt_spawn_native(rt, NULL, timed_waiter_body, NULL, SPAWN_LINK, NULL);
  term wp = w->pid;
  CHECK(rt_start(rt));
  for (int i = 0; i < 1000; i++) rt_send_copy(rt, NULL, 0, wp, make_small(i));
  link_send_signal(rt, NULL, SIG_LINK, make_pid(1, 0), wp, NONE, NONE, 0);
  timer_send_after(rt, &rt->scheds[1], 0, 100000, wp, make_small(1), 77);
  sys_sleep_ns(20000000);
  rt_destroy(rt); /* must free everything (ASan) and not hang */
}

/* ---- 6. snapshot, trace reading and Process.info while schedulers run ---- */

#define RING 24
typedef struct ringp {
  int i;
  long hops, max;
  term next;
} ringp;

static int ring_body(proc *p, int32_t budget) {
  (void)budget;
  ringp *r = p->native_data;
  term v, a[2];
  if (r->hops == 0 && r->i % 2 == 0 && atomic_load(&p->reg_name) == NIL) {
    char name[16];
    snprintf(name, sizeof name, "ring%d", r->i);
    a[0] = p->pid;
    a[1] = A(name);
    CHECK(np_bif("Elixir.Process", "register", 2)(p, a) == ATOM_TRUE);
    CHECK(link_bif_link(p, r->next) == ATOM_TRUE);
  }
  while ((v = np_take_any(p)) != NONE) {
    r->hops++;
    /* look at the next process's mailbox while it runs elsewhere */
    a[0] = r->next;
    a[1] = ATOM_MESSAGES;
    term info = np_bif("Elixir.Process", "info", 2)(p, a);
    CHECK(info == ATOM_NIL || is_tuple(info));
    proc_send(p, r->next, make_small(small_val(v) + 1));
    if (small_val(v) >= r->max) return np_exit(p, ATOM_NORMAL);
  }
  return VM_WAIT;
}

/* A traced runtime running a ring of RING native processes, each hopping
 * up to max times, with four tokens going round. */
static runtime *start_ring(int schedulers, size_t ring_bytes, long max, ringp *rp) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = schedulers;
  cfg.trace = 1;
  cfg.trace_ring_bytes = ring_bytes;
  runtime *rt = rt_create(&cfg);
  proc *ps[RING];
  for (int i = 0; i < RING; i++) {
    rp[i] = (ringp){i, 0, max, 0};
    ps[i] = rt_spawn_native(rt, NULL, ring_body, &rp[i], 0, NULL);
  }
  for (int i = 0; i < RING; i++) rp[i].next = ps[(i + 1) % RING]->pid;
  CHECK(rt_start(rt));
  for (int k = 0; k < 4; k++) CHECK(rt_send_copy(rt, NULL, 0, ps[0]->pid, make_small(0)));
  return rt;
}

static void test_observe_while_running(void) {
  static ringp rp[RING];
  /* small rings: drops happen and are counted */
  runtime *rt = start_ring(4, 1 << 16, TEST_N(20000), rp);
  static char js[1 << 16];
  static uint8_t tb[1 << 16];
  size_t total = 0;
  int snaps = 0;
  while (rt_process_count(rt) > 0 && snaps < 100000) {
    size_t n = beamlet_snapshot(rt, js, sizeof js);
    CHECK(n > 0 && js[0] == '{' && (n >= sizeof js || js[n - 1] == '}'));
    total += beamlet_trace_read(rt, tb, sizeof tb);
    snaps++;
  }
  CHECK(wait_until_true(no_processes, rt));
  total += beamlet_trace_read(rt, tb, sizeof tb);
  CHECK(total > 0);
  CHECK(snaps > 0);
  if (getenv("RT_DEBUG")) fprintf(stderr, "snaps %d trace bytes %zu dropped %llu\n", snaps, total, (unsigned long long)beamlet_trace_dropped(rt));
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  rt_destroy(rt);
}

/* The TR_SEND records among whole records in b[0, n). */
static long count_sends(const uint8_t *b, size_t n) {
  long k = 0;
  for (size_t at = 0; at + TRACE_REC_HEADER <= n;) {
    uint32_t size = (uint32_t)b[at] | (uint32_t)b[at + 1] << 8 | (uint32_t)b[at + 2] << 16 |
                    (uint32_t)b[at + 3] << 24;
    if ((b[at + 4] | b[at + 5] << 8) == TR_SEND) k++;
    at += (size + 7) & ~(size_t)7;
  }
  return k;
}

/* A ring of native processes on two schedulers with 4 KiB trace rings; the
 * reader reads 1 KiB at a time, napping between reads (slow: `slow`), or
 * only once everything has ended (gone). Returns the sends traced. */
static long traced_ring(bool slow, long *hops, uint64_t *dropped) {
  static ringp rp[RING];
  runtime *rt = start_ring(2, 1 << 12, TEST_N(4000), rp);
  static uint8_t tb[1 << 10];
  long sends = 0;
  if (slow) {
    while (rt_process_count(rt) > 0) {
      sends += count_sends(tb, beamlet_trace_read(rt, tb, sizeof tb));
      sys_sleep_ns(100000);
    }
  }
  CHECK(wait_until_true(no_processes, rt));
  size_t n;
  while ((n = beamlet_trace_read(rt, tb, sizeof tb)) > 0) sends += count_sends(tb, n);
  *hops = 0;
  for (int i = 0; i < RING; i++) *hops += rp[i].hops;
  *dropped = beamlet_trace_dropped(rt);
  rt_destroy(rt);
  return sends;
}

static void test_trace_full_ring(void) {
  long hops;
  uint64_t dropped;
  long sends = traced_ring(true, &hops, &dropped);
  CHECK(hops > 8 * RING);
  CHECK_EQ_INT(dropped, 0); /* the schedulers waited for the reader */
  CHECK_EQ_INT(sends, hops); /* every send of every hop was traced */
  sends = traced_ring(false, &hops, &dropped);
  CHECK(dropped > 0); /* the reader never came: dropped, counted, and the run ended */
  CHECK(sends > 0 && sends < hops);
}

/* ---- 6. own queues ---- */

#define SPREAD_WORKERS 8
static _Atomic unsigned spread_seen; /* bit i: scheduler i ran a worker */
static _Atomic int spread_done;
static bool spread_finished(void *n) { return atomic_load(&spread_done) == *(int *)n; }

static int spread_worker(proc *p, int32_t budget) {
  long *slices = p->native_data;
  atomic_fetch_or(&spread_seen, 1u << p->sched->id);
  p->reductions += (uint64_t)budget;
  for (volatile int i = 0; i < 20000; i++) {
  }
  if (--*slices > 0) return VM_YIELD;
  atomic_fetch_add(&spread_done, 1);
  return np_exit(p, ATOM_NORMAL);
}

static int spawner_body(proc *p, int32_t budget) {
  (void)budget;
  static long slices[SPREAD_WORKERS];
  for (int i = 0; i < SPREAD_WORKERS; i++) {
    slices[i] = 200;
    CHECK(rt_spawn_native(p->rt, p, spread_worker, &slices[i], 0, NULL) != NULL);
  }
  return np_exit(p, ATOM_NORMAL);
}

static void test_own_queue_spreads(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 2;
  runtime *rt = rt_create(&cfg);
  CHECK(rt_start(rt));
  CHECK(wait_until_true(all_asleep, rt));
  CHECK(rt_spawn_native(rt, NULL, spawner_body, NULL, 0, NULL) != NULL);
  int n = SPREAD_WORKERS;
  CHECK(wait_until_true(spread_finished, &n));
  CHECK_EQ_INT(atomic_load(&spread_seen), 3); /* both schedulers ran workers */
  CHECK(wait_until_true(no_processes, rt));
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  rt_destroy(rt);
}

static _Atomic int outside_got;

static int outside_waiter(proc *p, int32_t budget) {
  (void)budget;
  if (np_take_any(p) == NONE) return VM_WAIT;
  atomic_store(&outside_got, 1);
  return np_exit(p, ATOM_NORMAL);
}

static int outside_spawner(proc *p, int32_t budget) {
  (void)budget;
  for (int i = 0; i < 3; i++) CHECK(rt_spawn_native(p->rt, p, looper_body, NULL, 0, NULL) != NULL);
  return np_exit(p, ATOM_NORMAL);
}

static void test_outside_push_not_starved(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = 1;
  cfg.host_driven = 1;
  runtime *rt = rt_create(&cfg);
  proc *w = rt_spawn_native(rt, NULL, outside_waiter, NULL, 0, NULL);
  term wpid = w->pid;
  CHECK(rt_spawn_native(rt, NULL, outside_spawner, NULL, 0, NULL) != NULL);
  /* the loopers fill the own queue and never leave it; the waiter waits */
  for (int i = 0; i < 4; i++) beamlet_run_slice(rt, 4 * RT_SLICE_REDUCTIONS, NULL);
  atomic_store(&outside_got, 0);
  CHECK(rt_send_copy(rt, NULL, 0, wpid, make_small(1))); /* from outside: the shared queue */
  for (int i = 0; i < 40 && !atomic_load(&outside_got); i++)
    beamlet_run_slice(rt, 4 * RT_SLICE_REDUCTIONS, NULL);
  CHECK_EQ_INT(atomic_load(&outside_got), 1);
  rt_destroy(rt);
}

int main(void) {
  atom_init();
  test_own_queue_spreads();
  test_outside_push_not_starved();
  test_trace_full_ring();
  test_observe_while_running();
  test_destroy_busy();
  test_preemption_and_idle();
  test_idle_many();
  test_links();
  test_deterministic();
  return check_report();
}
