/*
 * mailbox.c -- the inbox every sender pushes to, the owner's private queue,
 * selective receive with a save point and a receive marker, and send.
 *
 * The inbox is an intrusive multi-producer single-consumer queue (Vyukov's,
 * the idea of Pony's messageq): producers push with one atomic exchange on
 * in_head and then link the previous node; the owner pops at in_tail. A
 * stub node is re-pushed by the owner when it has popped everything, so a
 * node it returns is never touched by a producer again and its `next` field
 * can link it into the private queue.
 *
 * Waking a waiting process (no lost wake-up, exactly once): a producer
 * pushes (seq_cst exchange), then reads the state; if WAITING it tries the
 * CAS WAITING -> RUNNABLE and the one CAS winner enqueues the process. The
 * owner parks by storing WAITING (seq_cst) and then checking the inbox (and
 * its timer); if anything is there it tries the same CAS itself. With the
 * two seq_cst orders, either the producer sees WAITING or the owner sees
 * the pushed node; whoever wins the CAS enqueues, and only one can win.
 *
 * The private queue (q_first .. q_last) holds messages in arrival order; it
 * is modified by the owner under p->lock, and the owner pops the inbox only
 * under p->lock too, so that another thread holding the lock can list both
 * (Process.info(pid, :messages), the snapshot: mbox_each_locked). Signals never enter it:
 * mbox_drain handles them in order as it moves nodes over (link.c), which
 * keeps the order between a process's messages and its exit signal.
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "vm.h"

void mbox_init(proc *p) {
  atomic_init(&p->in_stub.next, NULL);
  p->in_stub.value = NIL;
  p->in_stub.frag = NULL;
  atomic_init(&p->in_head, &p->in_stub);
  p->in_tail = &p->in_stub;
  atomic_init(&p->mq_len, 0);
  p->q_first = NULL;
  p->q_last = &p->q_first;
  p->q_save = &p->q_first;
  p->q_len = 0;
  p->mark_id = 0;
  p->mark_pos = NULL;
  p->mark_msg = NULL;
  p->in_receive = false;
}

void mbox_push(proc *p, msg *m) {
  atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
  msg *prev = atomic_exchange_explicit(&p->in_head, m, memory_order_seq_cst);
  atomic_store_explicit(&prev->next, m, memory_order_release);
}

msg *mbox_pop(proc *p) {
  msg *tail = p->in_tail;
  msg *next = atomic_load_explicit(&tail->next, memory_order_acquire);
  if (tail == &p->in_stub) {
    if (!next) return NULL;
    p->in_tail = next;
    tail = next;
    next = atomic_load_explicit(&next->next, memory_order_acquire);
  }
  if (next) {
    p->in_tail = next;
    return tail;
  }
  msg *head = atomic_load_explicit(&p->in_head, memory_order_acquire);
  if (tail != head) return NULL; /* a producer is between exchange and link */
  mbox_push(p, &p->in_stub);
  next = atomic_load_explicit(&tail->next, memory_order_acquire);
  if (next) {
    p->in_tail = next;
    return tail;
  }
  return NULL;
}

bool mbox_maybe_nonempty(proc *p) {
  return p->in_tail != &p->in_stub ||
         atomic_load_explicit(&p->in_head, memory_order_seq_cst) != &p->in_stub ||
         atomic_load_explicit(&p->in_stub.next, memory_order_acquire) != NULL;
}

static void free_msg(msg *m) {
  if (m->frag) frag_free(m->frag);
  free(m);
}

bool mbox_drain(proc *p) {
  if (!mbox_maybe_nonempty(p)) return p->pending_exit == NONE;
  /* the lock covers the pops too: a reader holding it may walk the inbox
   * from in_tail (mbox_each_locked) */
  sys_mutex_lock(&p->lock);
  msg *m;
  while ((m = mbox_pop(p)) != NULL) {
    if (p->pending_exit != NONE) {
      /* already doomed: keep the rest for the exit sequence */
      if (msg_is_signal(m)) {
        link_signal_to_dead(p->rt, p->sched, p->pid, (rt_sig *)m);
      } else {
        atomic_fetch_sub_explicit(&p->mq_len, 1, memory_order_relaxed);
        free_msg(m);
      }
      continue;
    }
    if (msg_is_signal(m)) {
      link_handle_signal(p, (rt_sig *)m); /* frees m; may append a message */
      continue;
    }
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    *p->q_last = m;
    p->q_last = (msg **)&m->next;
    p->q_len++;
  }
  sys_mutex_unlock(&p->lock);
  return p->pending_exit == NONE;
}

void mbox_each_locked(proc *p, void (*fn)(term v, void *ctx), void *ctx, uint32_t max) {
  uint32_t n = 0;
  for (msg *m = p->q_first; m && n < max; m = atomic_load_explicit(&m->next, memory_order_relaxed), n++)
    fn(m->value, ctx);
  /* then what senders pushed that the owner has not moved over yet: the
   * owner pops only under the lock, producers only append */
  for (msg *m = p->in_tail; m && n < max; m = atomic_load_explicit(&m->next, memory_order_acquire)) {
    if (m == &p->in_stub || msg_is_signal(m)) continue;
    fn(m->value, ctx);
    n++;
  }
}

void mbox_drain_free(proc *p) {
  msg *m;
  while ((m = mbox_pop(p)) != NULL) free_msg(m); /* a signal's msg is its first member */
}

/* Append a message made by the owner itself (a trapped exit, a DOWN) to the
 * private queue; caller holds p->lock. */
void mbox_append_local(proc *p, msg *m) {
  atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
  *p->q_last = m;
  p->q_last = (msg **)&m->next;
  p->q_len++;
  atomic_fetch_add_explicit(&p->mq_len, 1, memory_order_relaxed);
}

void mbox_free_private(proc *p) {
  sys_mutex_lock(&p->lock);
  msg *m = p->q_first;
  p->q_first = NULL;
  p->q_last = &p->q_first;
  p->q_save = &p->q_first;
  p->q_len = 0;
  p->mark_id = 0;
  sys_mutex_unlock(&p->lock);
  while (m) {
    msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
    free_msg(m);
    m = next;
  }
}

/* ---- sending ---- */

void mbox_push_self(proc *p, term value, heapfrag *frag) {
  msg *m = malloc(sizeof *m);
  if (!m) {
    if (frag) frag_free(frag);
    return;
  }
  m->value = value;
  m->frag = frag;
  atomic_fetch_add_explicit(&p->mq_len, 1, memory_order_relaxed);
  mbox_push(p, m);
}

void rt_deliver(proc *to, term value, heapfrag *frag, sched *hint) {
  msg *m = malloc(sizeof *m);
  if (!m) {
    if (frag) frag_free(frag);
    return;
  }
  m->value = value;
  m->frag = frag;
  atomic_fetch_add_explicit(&to->mq_len, 1, memory_order_relaxed);
  mbox_push(to, m);
  rt_wake(to->rt, to, hint);
}

bool rt_send_copy(runtime *rt, sched *hint, term from, term pid, term value) {
  (void)from;
  proc *to = proc_acquire(rt, pid);
  if (!to) return false;
  heapfrag *frag = NULL;
  term v = copy_to_frag(value, &frag);
  rt_deliver(to, v, frag, hint);
  proc_release(to);
  return true;
}

term proc_send(proc *p, term dest, term message) {
  runtime *rt = p->rt;
  term pid = dest;
  if (is_atom(dest)) {
    pid = reg_whereis(rt, dest);
    if (pid == NONE) return vm_error_exc(p, "ArgumentError",
                                         "errors were found at the given arguments:\n\n"
                                         "  * 1st argument: invalid destination\n");
  } else if (!is_pid(dest)) {
    return vm_error(p, ATOM_BADARG);
  }
  if (pid == p->pid) {
    /* to self: no other thread involved, but keep the inbox order */
    heapfrag *frag = NULL;
    term v = copy_to_frag(message, &frag);
    mbox_push_self(p, v, frag);
    TRACE_TERM(rt, p->sched, TR_SEND, p->pid, pid, 0, message);
    return message;
  }
  bool ok = rt_send_copy(rt, p->sched, p->pid, pid, message);
  TRACE_TERM(rt, p->sched, TR_SEND, p->pid, pid, ok ? 0 : 1, message);
  return message;
}

/* ---- selective receive ---- */

void proc_recv_mark(proc *p, term ref) {
  if (!is_ref(ref)) return;
  mbox_drain(p); /* messages already sent are older than the ref */
  p->mark_id = ref_id(ref);
  p->mark_pos = p->q_last;
  p->mark_msg = p->q_first ? (msg *)((char *)p->q_last - offsetof(msg, next)) : NULL;
}

void proc_recv_start(proc *p, term marker) {
  if (p->in_receive) return; /* resuming the same receive: keep the save point */
  p->in_receive = true;
  if (marker != NONE && is_ref(marker) && p->mark_id && ref_id(marker) == p->mark_id &&
      p->mark_pos) {
    p->q_save = p->mark_pos;
  } else {
    p->q_save = &p->q_first;
  }
}

term proc_recv_peek(proc *p) {
  if (!*p->q_save) mbox_drain(p);
  if (p->pending_exit != NONE) {
    p->timed_out = false; /* doomed: make the VM wait; the scheduler ends it */
    return NONE;
  }
  msg *m = *p->q_save;
  return m ? m->value : NONE;
}

void proc_recv_skip(proc *p) {
  msg *m = *p->q_save;
  if (m) p->q_save = (msg **)&m->next;
}

/* The receive ended: forget the save point and the wait's timer. */
static void recv_done(proc *p) {
  p->in_receive = false;
  p->q_save = &p->q_first;
  p->timed_out = false;
  if (p->wait_tmr) timer_cancel_wait(p);
  atomic_fetch_add_explicit(&p->wait_seq, 1, memory_order_release);
}

static void adopt_frag(proc *p, heapfrag *f) {
  /* as heap.c's fragments: chained on p->frags and accounted */
  f->next = p->frags;
  p->frags = f;
  p->frag_words += f->cap;
  if (p->rt) rt_mem_account(p->rt, (intptr_t)(sizeof(heapfrag) + f->cap * sizeof(term)));
}

term proc_recv_take(proc *p) {
  msg *m = *p->q_save;
  if (!m) return NONE;
  sys_mutex_lock(&p->lock);
  msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
  *p->q_save = next;
  if (p->q_last == (msg **)&m->next) p->q_last = p->q_save;
  p->q_len--;
  if (m == p->mark_msg) p->mark_id = 0; /* the mark's position is gone */
  sys_mutex_unlock(&p->lock);
  atomic_fetch_sub_explicit(&p->mq_len, 1, memory_order_relaxed);
  term v = m->value;
  if (m->frag) adopt_frag(p, m->frag);
  free(m);
  recv_done(p);
  return v;
}

void proc_recv_end(proc *p) { recv_done(p); }
