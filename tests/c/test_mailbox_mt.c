/*
 * test_mailbox_mt.c -- the lock-free inbox under contention.
 *
 * A: the raw queue: several producer threads push, one consumer thread
 *    takes batches (the whole inbox at once, as the owner does): nothing
 *    lost, nothing duplicated, per-sender order kept.
 * B: the wake-up protocol through the runtime: host threads send millions
 *    of messages to one native process that waits whenever its mailbox is
 *    empty. It must receive everything in per-sender order (no lost
 *    wake-up: it would hang), and every park must be matched by exactly one
 *    WAITING -> RUNNABLE transition (parks == wakes + self_wakes,
 *    rt_transitions_count), with no process ever popped twice (stat_bad_runs).
 */
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"

#define PRODUCERS 4

/* ---- A: the raw queue ---- */

static proc *rawq;
static int64_t raw_n;

static void *raw_producer(void *arg) {
  int64_t id = (int64_t)(intptr_t)arg;
  for (int64_t i = 0; i < raw_n; i++) {
    msg *m = malloc(sizeof *m);
    m->value = make_small((id << 40) | i);
    m->frag = NULL;
    mbox_push(rawq, m);
  }
  return NULL;
}

static void test_raw_queue(void) {
  raw_n = TEST_N(500000);
  rawq = calloc(1, sizeof *rawq);
  mbox_init(rawq);
  sys_thread th[PRODUCERS];
  for (int64_t i = 0; i < PRODUCERS; i++) sys_thread_start(&th[i], raw_producer, (void *)(intptr_t)i);
  int64_t next[PRODUCERS] = {0}, got = 0, bad = 0, batches = 0;
  while (got < raw_n * PRODUCERS) {
    msg *m = mbox_take_all(rawq); /* the whole inbox, oldest first */
    if (!m) continue; /* spin: the test's consumer, not the runtime's */
    batches++;
    while (m) {
      msg *nx = m->next;
      int64_t v = small_val(m->value);
      int64_t id = (int64_t)(v >> 40), seq = (int64_t)(v & (((int64_t)1 << 40) - 1));
      if (id < 0 || id >= PRODUCERS || seq != next[id]) bad++;
      else next[id]++;
      got++;
      free(m);
      m = nx;
    }
  }
  for (int i = 0; i < PRODUCERS; i++) sys_thread_join(th[i]);
  CHECK_EQ_INT(bad, 0);
  CHECK(mbox_take_all(rawq) == NULL);
  CHECK(batches > 1); /* the consumer really ran while producers pushed */
  for (int i = 0; i < PRODUCERS; i++) CHECK_EQ_INT(next[i], raw_n);
  free(rawq);
}

/* ---- B: through the runtime ---- */

typedef struct consumer {
  int64_t per_producer, next[PRODUCERS], got, bad;
  _Atomic int64_t sent, seen;
  _Atomic int done;
} consumer;

static int consumer_body(proc *p, int32_t budget) {
  consumer *c = p->native_data;
  int32_t spent = 0;
  term v;
  while ((v = np_take_any(p)) != NONE) {
    int64_t x = small_val(v);
    int64_t id = (int64_t)(x >> 40), seq = (int64_t)(x & (((int64_t)1 << 40) - 1));
    if (id < 0 || id >= PRODUCERS || seq != c->next[id]) c->bad++;
    else c->next[id]++;
    c->got++;
    atomic_store(&c->seen, c->got);
    p->reductions++;
    if (c->got == c->per_producer * PRODUCERS) {
      atomic_store(&c->done, 1);
      return np_exit(p, ATOM_NORMAL);
    }
    if (++spent >= budget) return VM_YIELD;
  }
  return VM_WAIT;
}

typedef struct producer {
  consumer *c;
  runtime *rt;
  term to;
  int64_t id, n;
} producer;

static void *rt_producer(void *arg) {
  producer *pr = arg;
  for (int64_t i = 0; i < pr->n; i++) {
    bool ok = rt_send_copy(pr->rt, NULL, 0, pr->to, make_small((pr->id << 40) | i));
    atomic_fetch_add(&pr->c->sent, 1);
    /* now and then let the consumer catch up, empty its mailbox and park */
    if ((i & 8191) == 8191)
      while (atomic_load(&pr->c->seen) < atomic_load(&pr->c->sent)) sys_sleep_ns(20000);
    if (!ok) {
      CHECK(ok);
      break;
    }
  }
  return NULL;
}

static void test_runtime_wakeups(int schedulers) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = schedulers;
  runtime *rt = rt_create(&cfg);
  CHECK(rt != NULL);
  consumer c = {0};
  c.per_producer = TEST_N(500000);
  proc *cp = rt_spawn_native(rt, NULL, consumer_body, &c, 0, NULL);
  term to = cp->pid;
  CHECK(rt_start(rt));
  producer pr[PRODUCERS];
  sys_thread th[PRODUCERS];
  for (int64_t i = 0; i < PRODUCERS; i++) {
    pr[i] = (producer){&c, rt, to, i, c.per_producer};
    sys_thread_start(&th[i], rt_producer, &pr[i]);
  }
  for (int i = 0; i < PRODUCERS; i++) sys_thread_join(th[i]);
  /* wait for the consumer (a lost wake-up would hang here: give up after 60 s) */
  for (int i = 0; i < 60000 && !atomic_load(&c.done); i++) sys_sleep_ns(1000000);
  for (int i = 0; i < 10000 && rt_process_count(rt); i++) sys_sleep_ns(1000000);
  CHECK(atomic_load(&c.done));
  CHECK_EQ_INT(c.bad, 0);
  CHECK_EQ_INT(c.got, c.per_producer * PRODUCERS);
  sched_stop_threads(rt); /* the counts are exact once the threads stopped */
  rt_transitions t = rt_transitions_count(rt);
  CHECK_EQ_INT(t.parks, t.wakes + t.self_wakes);
  CHECK_EQ_INT(atomic_load(&rt->stat_bad_runs), 0);
  CHECK(t.parks > 0 && t.wakes > 0);
  rt_destroy(rt);
}

int main(void) {
  atom_init();
  test_raw_queue();
  test_runtime_wakeups(1);
  test_runtime_wakeups(4);
  return check_report();
}
