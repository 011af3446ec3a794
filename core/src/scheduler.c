/*
 * scheduler.c -- run queues, the scheduler loop, stealing, sleeping.
 *
 * Each scheduler has two run queues. A process made runnable by a sender,
 * a timer or a signal goes on the own queue of the scheduler whose thread
 * made it runnable: a ring only that thread touches, so the message path
 * takes no lock for it. The shared queue (a ring under a spin lock) takes
 * what threads that are no scheduler make runnable (the host; one queue
 * picked round-robin), and it is where idle schedulers steal. A scheduler
 * runs its own queue first; at the start of every turn it moves what its
 * shared queue holds behind it (so a push from outside waits at most a
 * turn), and when its own queue holds more than the process it runs next
 * while another scheduler sleeps, it moves the newer half to its shared
 * queue and wakes one (spill). An idle scheduler fires its due timers,
 * steals half of another shared queue, and otherwise sleeps on
 * rt->sleep_cv (with its next timer as deadline) -- it never spins.
 *
 * No lost wake-up of schedulers: a sleeper increments rt->nsleeping and
 * re-checks every shared queue while holding sleep_mx; a pusher increments
 * the queue's count and then reads nsleeping (both seq_cst), and if anyone
 * sleeps it signals under sleep_mx. Either the sleeper sees the work or the
 * pusher sees the sleeper. Work on an own queue needs no wake-up: its
 * scheduler is awake, running it.
 *
 * Parking a process (VM_WAIT) follows mailbox.c: everything the check needs
 * is read before the WAITING store, because from that store on another
 * scheduler may already be running the process.
 *
 * The same loop runs without threads in sched_run_slice (host-driven).
 * Deterministic mode has one scheduler; when nothing is runnable it moves
 * the virtual clock to the next timer instead of sleeping.
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "vm.h"
#include "atom.h"

/* ---- run queues ---- */

void runq_init(runq *q) {
  atomic_init(&q->lock, 0);
  q->items = NULL;
  q->head = q->cap = 0;
  atomic_init(&q->count, 0);
}

void runq_free(runq *q) {
  free(q->items);
  q->items = NULL;
}

static bool rq_put_locked(runq *q, proc *p) {
  uint32_t n = atomic_load_explicit(&q->count, memory_order_relaxed);
  if (n == q->cap) {
    uint32_t cap = q->cap ? q->cap * 2 : 64;
    proc **a = malloc(cap * sizeof *a);
    if (!a) return false;
    for (uint32_t i = 0; i < n; i++) a[i] = q->items[(q->head + i) & (q->cap - 1)];
    free(q->items);
    q->items = a;
    q->head = 0;
    q->cap = cap;
  }
  q->items[(q->head + n) & (q->cap - 1)] = p; /* cap is a power of two */
  atomic_store(&q->count, n + 1);
  return true;
}

static void wake_sleeper(runtime *rt) {
  if (atomic_load(&rt->nsleeping) > 0) {
    sys_mutex_lock(&rt->sleep_mx);
    sys_cond_signal(&rt->sleep_cv);
    sys_mutex_unlock(&rt->sleep_mx);
  }
}

/* Push p on s's shared queue (s NULL: a thread that is no scheduler; a
 * queue is picked round-robin). A sleeping scheduler is woken only when
 * there is work it could take: a push from outside, or a queue that now
 * holds more than the one process its own (running) scheduler will take
 * next. */
void runq_push(runtime *rt, sched *s, proc *p) {
  bool foreign = s == NULL;
  if (foreign) s = &rt->scheds[atomic_fetch_add(&rt->rr, 1) % (uint32_t)rt->nsched];
  rt_spin_lock(&s->rq.lock);
  bool ok = rq_put_locked(&s->rq, p);
  rt_spin_unlock(&s->rq.lock);
  if (!ok) abort(); /* out of memory for a run queue entry: cannot recover */
  if (foreign || atomic_load_explicit(&s->rq.count, memory_order_relaxed) > 1) wake_sleeper(rt);
}

proc *runq_pop(runq *q) {
  if (atomic_load_explicit(&q->count, memory_order_relaxed) == 0) return NULL;
  rt_spin_lock(&q->lock);
  proc *p = NULL;
  uint32_t n = atomic_load_explicit(&q->count, memory_order_relaxed);
  if (n) {
    p = q->items[q->head];
    q->head = (q->head + 1) & (q->cap - 1);
    atomic_store(&q->count, n - 1);
  }
  rt_spin_unlock(&q->lock);
  return p;
}

#define STEAL_MAX 64

proc *runq_steal(sched *thief, sched *victim) {
  if (atomic_load_explicit(&victim->rq.count, memory_order_relaxed) == 0) return NULL;
  proc *got[STEAL_MAX];
  uint32_t k = 0;
  rt_spin_lock(&victim->rq.lock);
  uint32_t n = atomic_load_explicit(&victim->rq.count, memory_order_relaxed);
  uint32_t take = (n + 1) / 2;
  if (take > STEAL_MAX) take = STEAL_MAX;
  /* take from the tail: the victim keeps running its oldest work */
  for (; k < take; k++) {
    uint32_t last = (victim->rq.head + n - 1 - k) & (victim->rq.cap - 1);
    got[k] = victim->rq.items[last];
  }
  atomic_store(&victim->rq.count, n - take);
  rt_spin_unlock(&victim->rq.lock);
  if (k == 0) return NULL;
  if (k > 1) {
    rt_spin_lock(&thief->rq.lock);
    for (uint32_t i = k - 1; i >= 1; i--) rq_put_locked(&thief->rq, got[i]);
    rt_spin_unlock(&thief->rq.lock);
  }
  return got[0];
}

/* ---- own queues: the scheduler's thread only ---- */

static bool own_put(ownq *q, proc *p) {
  if (q->n == q->cap) {
    uint32_t cap = q->cap ? q->cap * 2 : 64;
    proc **a = malloc(cap * sizeof *a);
    if (!a) return false;
    for (uint32_t i = 0; i < q->n; i++) a[i] = q->items[(q->head + i) & (q->cap - 1)];
    free(q->items);
    q->items = a;
    q->head = 0;
    q->cap = cap;
  }
  q->items[(q->head + q->n) & (q->cap - 1)] = p;
  q->n++;
  return true;
}

static proc *own_take(ownq *q) {
  if (!q->n) return NULL;
  proc *p = q->items[q->head];
  q->head = (q->head + 1) & (q->cap - 1);
  q->n--;
  return p;
}

/* Move the newer half of s's own queue to its shared queue, oldest first,
 * and wake a sleeper to steal it. */
static void spill(runtime *rt, sched *s) {
  ownq *q = &s->own;
  uint32_t k = q->n / 2;
  rt_spin_lock(&s->rq.lock);
  for (uint32_t i = q->n - k; i < q->n; i++)
    if (!rq_put_locked(&s->rq, q->items[(q->head + i) & (q->cap - 1)])) abort();
  rt_spin_unlock(&s->rq.lock);
  q->n -= k;
  wake_sleeper(rt);
}

/* Move what other threads pushed on s's shared queue behind its own. */
static void adopt(sched *s) {
  if (atomic_load_explicit(&s->rq.count, memory_order_relaxed) == 0) return;
  proc *p;
  while ((p = runq_pop(&s->rq)) != NULL)
    if (!own_put(&s->own, p)) abort();
}

/* Queue p: on s's own queue when s is the calling thread's scheduler,
 * else (s NULL) on some shared queue. */
static void enqueue(runtime *rt, sched *s, proc *p) {
  if (!s) {
    runq_push(rt, NULL, p);
    return;
  }
  if (!own_put(&s->own, p)) abort(); /* out of memory for a run queue entry */
  if (s->own.n > 1 && rt->nsched > 1 && atomic_load(&rt->nsleeping) > 0) spill(rt, s);
}

static proc *next_runnable(sched *s) {
  proc *p = own_take(&s->own);
  return p ? p : runq_pop(&s->rq);
}

/* Anything runnable that a caller may see: the shared queues, and with no
 * scheduler threads (the caller is the scheduler's thread) the own ones. */
bool rt_any_runnable(runtime *rt) {
  for (int i = 0; i < rt->nsched; i++) {
    if (atomic_load(&rt->scheds[i].rq.count)) return true;
    if (!rt->threaded && rt->scheds[i].own.n) return true;
  }
  return false;
}

#if BEAMLET_THREADS
static proc *steal_any(sched *s) {
  runtime *rt = s->rt;
  if (rt->nsched < 2) return NULL;
  int start = (int)(rt_random(s) % (uint64_t)rt->nsched);
  for (int i = 0; i < rt->nsched; i++) {
    sched *v = &rt->scheds[(start + i) % rt->nsched];
    if (v == s) continue;
    proc *p = runq_steal(s, v);
    if (p) return p;
  }
  return NULL;
}
#endif

/* ---- state transitions ---- */

bool rt_wake(runtime *rt, proc *p, sched *hint) {
  uint32_t s = atomic_load(&p->state);
  if (s != PS_WAITING) return false;
  if (!atomic_compare_exchange_strong(&p->state, &s, PS_RUNNABLE)) return false;
  if (hint) hint->wakes++;
  else atomic_fetch_add_explicit(&rt->stat_wakes, 1, memory_order_relaxed);
  enqueue(rt, hint, p);
  return true;
}

void rt_make_runnable(runtime *rt, proc *p, sched *hint) { enqueue(rt, hint, p); }

rt_transitions rt_transitions_count(runtime *rt) {
  rt_transitions t = {0, atomic_load(&rt->stat_wakes), 0};
  for (int i = 0; i < rt->nsched; i++) {
    t.parks += rt->scheds[i].parks;
    t.wakes += rt->scheds[i].wakes;
    t.self_wakes += rt->scheds[i].self_wakes;
  }
  return t;
}

/* ---- running one process ---- */

static void det_tick(runtime *rt, int64_t spent);

/* The reason p ends with when it must stop now (pending_exit), with the
 * readable reason of a memory cap (rt_mem_kill_reason) first. */
static term stop_reason(proc *p, term otherwise) {
  if (p->mem_kill) return rt_mem_kill_reason(p);
  return otherwise;
}

/* A bytecode process that stopped (VM_WAIT or VM_YIELD) is at a safe
 * point: its live terms are on its stack [stop, hend) and in its roots, and
 * it resumes from p->fp, p->stop and the floor kept in ROOT_SCRATCH as a
 * distance from hend (vm.c), all of which a collection preserves. Collect
 * there when adopted message fragments piled up (gc_maybe's rule), asking
 * for the room between the floor and the stack so the floor stays above the
 * heap. A backstop for loops that take messages without passing a check of
 * their own, and it leaves a waiting process compact. */
static void gc_stopped(proc *p) {
  if (!p->frags || p->native || !is_small(p->roots[ROOT_SCRATCH])) return;
  size_t block = (size_t)(p->hend - p->heap);
  if (p->frag_words <= block + GC_FRAG_SLACK && (size_t)(p->stop - p->htop) * 8 >= block) return;
  int64_t below = small_val(p->roots[ROOT_SCRATCH]) - (int64_t)(p->hend - p->stop);
  gc_collect(p, below > 0 ? (size_t)below : 0);
}

/* TR_SCHED_OUT with the process's memory and reductions (trace.h). */
static void trace_out(runtime *rt, sched *s, proc *p, uint64_t cause) {
  if (trace_on(rt))
    trace_write(rt, s, TR_SCHED_OUT, p->pid, (term)rt_proc_memory(p), cause | p->reductions << 8,
                NULL, 0);
}

int64_t sched_run_one(sched *s, proc *p) {
  runtime *rt = s->rt;
  uint32_t st = PS_RUNNABLE;
  if (!atomic_compare_exchange_strong(&p->state, &st, PS_RUNNING)) {
    atomic_fetch_add(&rt->stat_bad_runs, 1);
    return 1;
  }
  p->sched = s;
  TRACE(rt, s, TR_SCHED_IN, p->pid, 0,
        s->own.n + atomic_load_explicit(&s->rq.count, memory_order_relaxed), NULL, 0);
  mbox_drain(p);
  if (p->pending_exit != NONE) {
    trace_out(rt, s, p, 2);
    proc_exit(p, stop_reason(p, p->pending_exit));
    return 1;
  }
  uint32_t seq = atomic_load_explicit(&p->wait_seq, memory_order_relaxed);
  if (p->has_wait_timer && atomic_load(&p->tmo_fired) == seq) p->timed_out = true;

  uint64_t red0 = p->reductions;
  int r = p->native ? p->native(p, RT_SLICE_REDUCTIONS) : vm_run(p, RT_SLICE_REDUCTIONS);
  int64_t spent = (int64_t)(p->reductions - red0);
  if (spent < 1) spent = 1;
  if (r != VM_EXIT && p->frags) gc_stopped(p);
  size_t words = proc_heap_words(p);
  /* for other threads (Process.info, snapshots); a WebAssembly atomic
   * store is a full barrier, so skip the one that would change nothing */
  atomic_store_explicit(&p->pub_reductions, p->reductions, memory_order_relaxed);
  uint32_t mem_words = (uint32_t)(rt_proc_memory(p) / sizeof(term));
  if (atomic_load_explicit(&p->pub_heap_words, memory_order_relaxed) != mem_words)
    atomic_store_explicit(&p->pub_heap_words, mem_words, memory_order_relaxed);

  if (r != VM_EXIT && p->max_heap_words && words + p->q_bytes / sizeof(term) > p->max_heap_words &&
      !p->mem_kill) {
    /* past its heap cap (heap and queued messages) */
    p->mem_kill = p->q_bytes / sizeof(term) > words ? RT_KILL_MAILBOX : RT_KILL_HEAP;
  }
  if (r != VM_EXIT && (p->pending_exit != NONE || p->mem_kill)) {
    trace_out(rt, s, p, 2);
    proc_exit(p, stop_reason(p, p->pending_exit));
    if (rt->deterministic) det_tick(rt, spent);
    return spent;
  }
  switch (r) {
  case VM_YIELD:
    trace_out(rt, s, p, 0);
    atomic_store(&p->state, PS_RUNNABLE);
    enqueue(rt, s, p);
    break;
  case VM_WAIT: {
    trace_out(rt, s, p, 1);
    seq = atomic_load_explicit(&p->wait_seq, memory_order_relaxed);
    if (p->wait_until >= 0 && !p->has_wait_timer) {
      p->seq_taken = true;
      if (p->wait_until <= rt_now_ms(rt)) {
        p->has_wait_timer = true; /* already due: fire it ourselves */
        atomic_store(&p->tmo_fired, seq);
      } else {
        timer_arm_wait(p, s);
      }
    }
    bool timer = p->has_wait_timer;
    /* from here on, only atomics of p */
    atomic_store(&p->state, PS_WAITING);
    s->parks++;
    if (atomic_load(&p->in_head) != NULL || (timer && atomic_load(&p->tmo_fired) == seq)) {
      uint32_t w = PS_WAITING;
      if (atomic_compare_exchange_strong(&p->state, &w, PS_RUNNABLE)) {
        s->self_wakes++;
        enqueue(rt, s, p);
      }
    }
    break;
  }
  default: /* VM_EXIT */
    trace_out(rt, s, p, 2);
    /* the VM ends a process past its heap cap with :killed (as the BEAM's
     * max_heap_size does) and says why on stderr; a full mailbox or the
     * runtime's cap get their own reason */
    proc_exit(p, p->mem_kill == RT_KILL_HEAP ? p->roots[ROOT_EXIT]
                                             : stop_reason(p, p->roots[ROOT_EXIT]));
    break;
  }
  if (rt->deterministic) det_tick(rt, spent);
  return spent;
}

/* Deterministic mode: virtual time also passes while processes run, one
 * millisecond per DET_REDS_PER_MS reductions (so a sleeper wakes even when
 * another process never stops), and only as a function of the reductions
 * spent, so a run still repeats exactly. */
#define DET_REDS_PER_MS 10000
static void det_tick(runtime *rt, int64_t spent) {
  rt->det_reds += spent;
  if (rt->det_reds >= DET_REDS_PER_MS) {
    rt_advance_clock(rt, atomic_load(&rt->vnow_ms) + rt->det_reds / DET_REDS_PER_MS);
    rt->det_reds %= DET_REDS_PER_MS;
  }
}

/* Fire s's due timers. The clock is read only when a timer is pending, and
 * then at most once per CLOCK_EVERY reductions run, or when s is out of
 * work (*since counts the reductions run since the last read); in
 * deterministic mode (a virtual clock, cheap to read) before every run. */
#define CLOCK_EVERY 2000
#define TURN_REDUCTIONS (16 * RT_SLICE_REDUCTIONS) /* a scheduler thread's turn */
static void fire_due(sched *s, int64_t *since, bool out_of_work) {
  if (atomic_load_explicit(&s->timers.next_deadline, memory_order_relaxed) == INT64_MAX) return;
  if (!out_of_work && *since < CLOCK_EVERY && !s->rt->deterministic) return;
  *since = 0;
  timers_fire(s->rt, s, rt_now_ms(s->rt));
}

/* ---- the loops ---- */

/* Run s's runnable processes (stealing when threaded) until `budget`
 * reductions are spent or none is left; the reductions spent (0: nothing
 * was runnable). Both loops below call it, and it returns every few
 * slices: a WebAssembly engine that swaps in optimized code only at calls
 * (V8 has no on-stack replacement for wasm) then optimizes the code that
 * runs every process, which a never-returning loop would keep unoptimized. */
static int64_t sched_turn(sched *s, int64_t *since, int64_t budget) {
  runtime *rt = s->rt;
  int64_t spent = 0;
  adopt(s);
  while (spent < budget && !atomic_load_explicit(&rt->main_done, memory_order_relaxed)) {
    fire_due(s, since, false);
    proc *p = next_runnable(s);
    if (!p) {
      fire_due(s, since, true);
      p = next_runnable(s);
    }
#if BEAMLET_THREADS
    if (!p) p = steal_any(s);
#endif
    if (!p) break;
    int64_t r = sched_run_one(s, p);
    spent += r;
    *since += r;
  }
  rt_mem_publish(s);
  return spent;
}

#if BEAMLET_THREADS
static void idle(sched *s) {
  runtime *rt = s->rt;
  atomic_fetch_add(&rt->stat_idle_polls, 1);
  mc_trim(&s->mc); /* large blocks are kept for a busy scheduler only */
  sys_mutex_lock(&rt->sleep_mx);
  atomic_fetch_add(&rt->nsleeping, 1);
  if (atomic_load(&rt->stopping) ||
      (!atomic_load(&rt->main_done) &&
       (rt_any_runnable(rt) || atomic_load(&s->timers.next_deadline) <= rt_now_ms(rt)))) {
    atomic_fetch_sub(&rt->nsleeping, 1);
    sys_mutex_unlock(&rt->sleep_mx);
    return;
  }
  int64_t next = atomic_load(&s->timers.next_deadline);
  if (rt->deterministic && !atomic_load(&rt->main_done) && next != INT64_MAX) {
    rt_advance_clock(rt, next);
    atomic_fetch_sub(&rt->nsleeping, 1);
    sys_mutex_unlock(&rt->sleep_mx);
    return;
  }
  atomic_fetch_add(&rt->stat_sleeps, 1);
  if (next == INT64_MAX || atomic_load(&rt->main_done) || rt->deterministic)
    sys_cond_wait(&rt->sleep_cv, &rt->sleep_mx);
  else
    sys_cond_wait_until(&rt->sleep_cv, &rt->sleep_mx, rt->t0_ns + next * 1000000);
  atomic_fetch_sub(&rt->nsleeping, 1);
  sys_mutex_unlock(&rt->sleep_mx);
  atomic_fetch_add(&rt->stat_wakeups, 1);
}

static void *sched_main(void *arg) {
  sched *s = arg;
  runtime *rt = s->rt;
  int64_t since = CLOCK_EVERY;
  while (!atomic_load_explicit(&rt->stopping, memory_order_relaxed)) {
    /* once the script has ended, run nothing more */
    if (atomic_load_explicit(&rt->main_done, memory_order_relaxed) ||
        sched_turn(s, &since, TURN_REDUCTIONS) == 0)
      idle(s);
  }
  return NULL;
}

bool sched_start_threads(runtime *rt) {
  for (int i = 0; i < rt->nsched; i++) {
    if (!sys_thread_start(&rt->scheds[i].thread, sched_main, &rt->scheds[i])) {
      sched_stop_threads(rt);
      return false;
    }
    rt->scheds[i].started = true;
  }
  return true;
}

void sched_stop_threads(runtime *rt) {
  sys_mutex_lock(&rt->sleep_mx);
  atomic_store(&rt->stopping, 1);
  sys_cond_broadcast(&rt->sleep_cv);
  sys_mutex_unlock(&rt->sleep_mx);
  for (int i = 0; i < rt->nsched; i++) {
    if (rt->scheds[i].started) sys_thread_join(rt->scheds[i].thread);
    rt->scheds[i].started = false;
  }
}
#else
bool sched_start_threads(runtime *rt) {
  (void)rt;
  return false;
}
void sched_stop_threads(runtime *rt) { atomic_store(&rt->stopping, 1); }
#endif

int sched_run_slice(runtime *rt, int32_t budget, int64_t *next_timer_ms) {
  sched *s = &rt->scheds[0];
  int64_t spent = 0, since = CLOCK_EVERY;
  if (next_timer_ms) *next_timer_ms = -1;
  while (spent < budget && !atomic_load(&rt->main_done)) {
    int64_t r = sched_turn(s, &since, budget - spent);
    spent += r;
    if (r == 0) {
      /* nothing runnable: in virtual time, jump to the next timer */
      int64_t nt = timers_next(rt);
      if (!rt->deterministic || nt == INT64_MAX) break;
      rt_advance_clock(rt, nt);
    }
  }
  if (atomic_load(&rt->main_done)) return BEAMLET_DONE;
  if (rt_any_runnable(rt)) return BEAMLET_BUSY;
  int64_t nt = timers_next(rt);
  if (nt != INT64_MAX) {
    int64_t now = rt_now_ms(rt);
    if (nt <= now) return BEAMLET_BUSY;
    if (next_timer_ms) *next_timer_ms = nt - now;
  }
  return BEAMLET_IDLE;
}
