/*
 * timer.c -- timers: `receive ... after` deadlines and Process.send_after.
 *
 * Each scheduler has a binary min-heap of timers ordered by (deadline,
 * insertion order) under its own lock; a timer is fired by the scheduler
 * whose heap holds it. Invariants:
 * - t->idx is t's position in t->heap while it is in the heap, -1 otherwise;
 *   both change only under the heap's lock.
 * - A process's receive timer (p->wait_tmr) is one object per process slot,
 *   allocated on first use and kept until the runtime is destroyed, so a
 *   firer that popped it never touches freed memory; it copies (pid, seq)
 *   out under the lock.
 * - A receive timer is valid for one wait: it carries the wait_seq it was
 *   armed for. Firing stores that seq in p->tmo_fired and wakes p (the
 *   WAITING -> RUNNABLE CAS of mailbox.c: exactly once, whether a message
 *   arrives at the same moment or not). The owner sets p->timed_out only
 *   when tmo_fired equals the current wait_seq; ending a receive cancels
 *   the timer and bumps wait_seq if a timer took it (p->seq_taken), so a
 *   stale firing changes nothing (at worst one spurious wake-up, after
 *   which the VM waits again).
 * - send_after timers own their message fragment until they fire (then
 *   the receiver owns it) or are cancelled (then it is freed).
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"

void theap_init(rt_theap *h) {
  sys_mutex_init(&h->lock);
  h->a = NULL;
  h->n = h->cap = 0;
  atomic_init(&h->next_deadline, INT64_MAX);
}

static void timer_free(rt_timer *t) {
  if (t->frag) frag_free(t->frag);
  free(t);
}

void theap_free(rt_theap *h) {
  for (uint32_t i = 0; i < h->n; i++) {
    h->a[i]->idx = -1;
    if (h->a[i]->kind == TMR_SEND) timer_free(h->a[i]);
  }
  free(h->a);
  h->a = NULL;
  h->n = h->cap = 0;
  sys_mutex_destroy(&h->lock);
}

static bool before(const rt_timer *a, const rt_timer *b) {
  return a->deadline < b->deadline || (a->deadline == b->deadline && a->order < b->order);
}

static void place(rt_theap *h, uint32_t i, rt_timer *t) {
  h->a[i] = t;
  t->idx = (int32_t)i;
}

static void sift_up(rt_theap *h, uint32_t i) {
  rt_timer *t = h->a[i];
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (!before(t, h->a[parent])) break;
    place(h, i, h->a[parent]);
    i = parent;
  }
  place(h, i, t);
}

static void sift_down(rt_theap *h, uint32_t i) {
  rt_timer *t = h->a[i];
  for (;;) {
    uint32_t c = 2 * i + 1;
    if (c >= h->n) break;
    if (c + 1 < h->n && before(h->a[c + 1], h->a[c])) c++;
    if (!before(h->a[c], t)) break;
    place(h, i, h->a[c]);
    i = c;
  }
  place(h, i, t);
}

static void publish_next(rt_theap *h) {
  atomic_store(&h->next_deadline, h->n ? h->a[0]->deadline : INT64_MAX);
}

static bool heap_insert(rt_theap *h, rt_timer *t) {
  if (h->n == h->cap) {
    uint32_t cap = h->cap ? h->cap * 2 : 16;
    rt_timer **a = realloc(h->a, cap * sizeof *a);
    if (!a) return false;
    h->a = a;
    h->cap = cap;
  }
  t->heap = h;
  place(h, h->n++, t);
  sift_up(h, h->n - 1);
  publish_next(h);
  return true;
}

static void heap_remove(rt_theap *h, rt_timer *t) {
  uint32_t i = (uint32_t)t->idx;
  t->idx = -1;
  h->n--;
  if (i != h->n) {
    rt_timer *m = h->a[h->n];
    place(h, i, m);
    sift_down(h, i);
    sift_up(h, (uint32_t)m->idx);
  }
  publish_next(h);
}

/* ---- receive timers ---- */

void timer_arm_wait(proc *p, sched *s) {
  runtime *rt = p->rt;
  if (p->wait_tmr) timer_cancel_wait(p);
  if (!p->wait_tmr) {
    p->wait_tmr = calloc(1, sizeof *p->wait_tmr);
    if (!p->wait_tmr) return;
    p->wait_tmr->idx = -1;
  }
  rt_timer *t = p->wait_tmr;
  rt_theap *h = &s->timers;
  sys_mutex_lock(&h->lock);
  t->deadline = p->wait_until;
  t->order = atomic_fetch_add(&rt->timer_order, 1);
  t->kind = TMR_WAIT;
  t->pid = p->pid;
  t->seq = atomic_load_explicit(&p->wait_seq, memory_order_relaxed);
  bool ok = heap_insert(h, t);
  sys_mutex_unlock(&h->lock);
  p->has_wait_timer = ok;
}

void timer_cancel_wait(proc *p) {
  rt_timer *t = p->wait_tmr;
  p->has_wait_timer = false;
  if (!t || !t->heap) return;
  rt_theap *h = t->heap;
  sys_mutex_lock(&h->lock);
  if (t->idx >= 0) heap_remove(h, t);
  sys_mutex_unlock(&h->lock);
}

/* ---- send_after ---- */

bool timer_send_after(runtime *rt, sched *s, term from, int64_t ms, term dest, term value,
                      uint64_t ref_id) {
  rt_timer *t = calloc(1, sizeof *t);
  if (!t) return false;
  if (!s) s = &rt->scheds[0];
  t->kind = TMR_SEND;
  t->idx = -1;
  t->deadline = rt_now_ms(rt) + (ms < 0 ? 0 : ms);
  t->order = atomic_fetch_add(&rt->timer_order, 1);
  t->pid = from;
  t->dest = dest;
  t->value = copy_to_frag(value, &t->frag);
  t->ref_id = ref_id;
  sys_mutex_lock(&s->timers.lock);
  bool ok = heap_insert(&s->timers, t);
  sys_mutex_unlock(&s->timers.lock);
  if (!ok) {
    timer_free(t);
    return false;
  }
  if (atomic_load(&rt->nsleeping) > 0) {
    /* a sleeping scheduler may need an earlier deadline */
    sys_mutex_lock(&rt->sleep_mx);
    sys_cond_broadcast(&rt->sleep_cv);
    sys_mutex_unlock(&rt->sleep_mx);
  }
  return true;
}

int64_t timer_left_ref(runtime *rt, uint64_t ref_id, bool cancel) {
  int64_t deadline = -1;
  for (int i = 0; i < rt->nsched && deadline < 0; i++) {
    rt_theap *h = &rt->scheds[i].timers;
    rt_timer *found = NULL;
    sys_mutex_lock(&h->lock);
    for (uint32_t k = 0; k < h->n && !found; k++)
      if (h->a[k]->kind == TMR_SEND && h->a[k]->ref_id == ref_id) found = h->a[k];
    if (found) {
      deadline = found->deadline;
      if (cancel) heap_remove(h, found);
    }
    sys_mutex_unlock(&h->lock);
    if (found && cancel) timer_free(found);
  }
  if (deadline < 0) return -1;
  int64_t left = deadline - rt_now_ms(rt);
  return left < 0 ? 0 : left;
}

/* ---- firing ---- */

int timers_fire(runtime *rt, sched *s, int64_t now) {
  rt_theap *h = &s->timers;
  int fired = 0;
  if (atomic_load(&h->next_deadline) > now) return 0;
  for (;;) {
    sys_mutex_lock(&h->lock);
    if (!h->n || h->a[0]->deadline > now) {
      sys_mutex_unlock(&h->lock);
      break;
    }
    rt_timer *t = h->a[0];
    heap_remove(h, t);
    uint32_t kind = t->kind, seq = t->seq;
    term pid = t->pid;
    sys_mutex_unlock(&h->lock);
    fired++;
    if (kind == TMR_WAIT) {
      proc *p = proc_acquire(rt, pid);
      if (!p) continue;
      if (atomic_load(&p->wait_seq) == seq) {
        atomic_store(&p->tmo_fired, seq);
        rt_wake(rt, p, s);
      }
      proc_release(p);
    } else {
      term dest = t->dest;
      if (is_atom(dest)) dest = reg_whereis(rt, dest);
      proc *p = dest == NONE ? NULL : proc_acquire(rt, dest);
      if (trace_on(rt)) trace_write_term(rt, s, TR_SEND, pid, dest == NONE ? 0 : dest, p ? 0 : 1, t->value);
      if (p) {
        rt_deliver(p, t->value, t->frag, s);
        t->frag = NULL;
        proc_release(p);
      }
      timer_free(t);
    }
  }
  return fired;
}

int64_t timers_next(runtime *rt) {
  int64_t best = INT64_MAX;
  for (int i = 0; i < rt->nsched; i++) {
    int64_t d = atomic_load(&rt->scheds[i].timers.next_deadline);
    if (d < best) best = d;
  }
  return best;
}
