/*
 * mailbox.c -- the inbox every sender pushes to, the owner's private queue,
 * selective receive with a save point and a receive marker, and send.
 *
 * The inbox (p->in_head) is an intrusive lock-free LIFO: a producer links
 * its node to the current head and publishes it with one CAS; the owner
 * takes the whole list with one exchange (to NULL) and reverses it, which
 * gives the arrival order (the CAS order). Nodes are never popped one by
 * one, so there is no ABA problem, and a taken node is never touched by a
 * producer again, so its `next` field can link it into the private queue.
 *
 * Waking a waiting process (no lost wake-up, exactly once): a producer
 * pushes (seq_cst CAS), then reads the state; if WAITING it tries the CAS
 * WAITING -> RUNNABLE and the one CAS winner enqueues the process. The
 * owner parks by storing WAITING (seq_cst) and then checking the inbox (and
 * its timer); if anything is there it tries the same CAS itself. With the
 * two seq_cst orders, either the producer sees WAITING or the owner sees
 * the pushed node; whoever wins the CAS enqueues, and only one can win.
 *
 * The private queue (q_first .. q_last) holds messages in arrival order; it
 * is modified by the owner under p->lock, and the owner takes the inbox
 * only under p->lock too, so that another thread holding the lock can list
 * both (Process.info(pid, :messages), the snapshot: mbox_each_locked).
 * Signals never enter it: mbox_drain handles them in order as it moves
 * nodes over (link.c), which keeps the order between a process's messages
 * and its exit signal.
 *
 * A message's memory: a message sent by a process is one allocation, a
 * heap fragment whose first words hold the msg node and the rest the copied
 * term (msg_embedded); an immediate needs only a node. Everything a queued
 * message holds is accounted against the runtime's total when it is queued
 * (by the sender's scheduler) and un-accounted when it is freed; a taken
 * message's fragment moves to the receiver's heap fragments as it is (the
 * collector un-accounts it). The owner counts the bytes of its private
 * queue in p->q_bytes: with its heap they must stay under its cap, or the
 * process is killed (mailbox_limit_exceeded: an unbounded mailbox).
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "errors.h"
#include "vm.h"

#include "heap_priv.h"

#define MSG_WORDS ((sizeof(msg) + sizeof(term) - 1) / sizeof(term))

void mbox_init(proc *p) {
  atomic_init(&p->in_head, NULL);
  p->q_first = NULL;
  p->q_last = &p->q_first;
  p->q_save = &p->q_first;
  p->q_len = 0;
  p->q_bytes = 0;
  p->mark_id = 0;
  p->mark_msg = NULL;
  p->in_receive = false;
}

void mbox_push(proc *p, msg *m) {
  msg *h = atomic_load_explicit(&p->in_head, memory_order_relaxed);
  do {
    m->next = h;
  } while (!atomic_compare_exchange_weak_explicit(&p->in_head, &h, m, memory_order_seq_cst,
                                                  memory_order_relaxed));
}

msg *mbox_take_all(proc *p) {
  if (!atomic_load_explicit(&p->in_head, memory_order_relaxed)) return NULL;
  msg *m = atomic_exchange_explicit(&p->in_head, NULL, memory_order_seq_cst);
  msg *rev = NULL;
  while (m) {
    msg *next = m->next;
    m->next = rev;
    rev = m;
    m = next;
  }
  return rev;
}

/* Is m's node inside its own fragment (one allocation)? */
static inline bool msg_embedded(const msg *m) {
  return m->frag && (const void *)m == (const void *)m->frag->mem;
}

msg *mbox_msg_alloc(memcache *mc) { return mc_alloc(mc, sizeof(msg)); }

size_t mbox_msg_bytes(const msg *m) {
  if (!m->frag) return sizeof(msg);
  return (size_t)frag_bytes(m->frag) + (msg_embedded(m) ? 0 : sizeof(msg));
}

void mbox_free_msg(runtime *rt, msg *m) {
  if (msg_is_signal(m)) { /* a signal's node: its fragment is not accounted */
    if (m->frag) frag_free(m->frag);
    free(m);
    return;
  }
  if (rt) rt_mem_account(rt, -(intptr_t)mbox_msg_bytes(m));
  heapfrag *f = m->frag;
  bool emb = msg_embedded(m);
  if (f) frag_free(f);
  if (!emb) free(m);
}

/* The owner's mailbox is past its cap (heap + queued messages): doom it. */
static void check_mailbox_cap(proc *p) {
  if (!p->max_heap_words || p->pending_exit != NONE || p->mem_kill) return;
  size_t words = proc_heap_words(p) + p->q_bytes / sizeof(term);
  if (words > p->max_heap_words) {
    p->mem_kill = p->q_bytes / sizeof(term) > proc_heap_words(p) ? RT_KILL_MAILBOX : RT_KILL_HEAP;
    p->pending_exit = ATOM_KILLED; /* the scheduler builds the readable reason */
  }
}

bool mbox_drain(proc *p) {
  if (!mbox_maybe_nonempty(p)) return p->pending_exit == NONE;
  /* the lock covers the take too: a reader holding it may walk the inbox
   * (mbox_each_locked) */
  proc_lock(p);
  msg *m = mbox_take_all(p);
  while (m) {
    msg *next = m->next;
    if (p->pending_exit != NONE) {
      /* already doomed: keep the rest for the exit sequence */
      if (msg_is_signal(m)) {
        link_signal_to_dead(p->rt, p->sched, p->pid, (rt_sig *)m);
      } else {
        mbox_free_msg(p->rt, m);
      }
    } else if (msg_is_signal(m)) {
      link_handle_signal(p, (rt_sig *)m); /* frees m; may append a message */
    } else {
      m->next = NULL;
      *p->q_last = m;
      p->q_last = &m->next;
      p->q_len++;
      p->q_bytes += mbox_msg_bytes(m);
    }
    m = next;
  }
  proc_unlock(p);
  check_mailbox_cap(p);
  return p->pending_exit == NONE;
}

/* What senders pushed that the owner has not moved over yet, messages or
 * signals, oldest first, up to max: the owner takes the inbox only under
 * the lock and producers only add at the head, so the list is stable under
 * the lock; it is newest first, so collect it and walk it backwards.
 * Returns how many were passed to fn. */
static uint32_t each_pending(proc *p, bool signals, void (*fn)(msg *m, void *ctx), void *ctx,
                             uint32_t max) {
  msg *local[64], **a = local;
  size_t k = 0, cap = 64;
  for (msg *m = atomic_load_explicit(&p->in_head, memory_order_acquire); m; m = m->next) {
    if (msg_is_signal(m) != signals) continue;
    if (k == cap) {
      msg **b = malloc(2 * cap * sizeof *b);
      if (!b) break;
      memcpy(b, a, k * sizeof *b);
      if (a != local) free(a);
      a = b;
      cap *= 2;
    }
    a[k++] = m;
  }
  uint32_t n = 0;
  while (k > 0 && n < max) {
    fn(a[--k], ctx);
    n++;
  }
  if (a != local) free(a);
  return n;
}

typedef struct each_ctx {
  void (*value_fn)(term v, void *ctx);
  void (*signal_fn)(const rt_sig *s, void *ctx);
  void *ctx;
} each_ctx;
static void each_value(msg *m, void *c) { ((each_ctx *)c)->value_fn(m->value, ((each_ctx *)c)->ctx); }
static void each_signal(msg *m, void *c) { ((each_ctx *)c)->signal_fn((const rt_sig *)m, ((each_ctx *)c)->ctx); }

void mbox_each_locked(proc *p, void (*fn)(term v, void *ctx), void *ctx, uint32_t max) {
  uint32_t n = 0;
  for (msg *m = p->q_first; m && n < max; m = m->next, n++)
    fn(m->value, ctx);
  if (n >= max) return;
  each_ctx c = {fn, NULL, ctx};
  each_pending(p, false, each_value, &c, max - n);
}

void mbox_each_signal_locked(proc *p, void (*fn)(const rt_sig *s, void *ctx), void *ctx) {
  each_ctx c = {NULL, fn, ctx};
  each_pending(p, true, each_signal, &c, UINT32_MAX);
}

uint32_t mbox_len(proc *p, bool self) {
  if (self) {
    mbox_drain(p);
    return p->q_len;
  }
  proc_lock(p);
  uint32_t n = mbox_len_locked(p);
  proc_unlock(p);
  return n;
}

uint32_t mbox_len_locked(proc *p) {
  uint32_t n = p->q_len;
  for (msg *m = atomic_load_explicit(&p->in_head, memory_order_acquire); m; m = m->next)
    if (!msg_is_signal(m)) n++;
  return n;
}

void mbox_drain_free(proc *p) {
  msg *m = mbox_take_all(p);
  while (m) {
    msg *next = m->next;
    mbox_free_msg(p->rt, m);
    m = next;
  }
}

/* Append a message made by the owner itself (a trapped exit, a DOWN) to the
 * private queue; caller holds p->lock. */
void mbox_append_local(proc *p, msg *m) {
  m->next = NULL;
  *p->q_last = m;
  p->q_last = &m->next;
  p->q_len++;
  size_t b = mbox_msg_bytes(m);
  p->q_bytes += b;
  rt_mem_account_s(p->rt, p->sched, (intptr_t)b);
}

void mbox_free_private(proc *p) {
  if (!p->q_first) return; /* the owner reads its queue without the lock */
  proc_lock(p);
  msg *m = p->q_first;
  p->q_first = NULL;
  p->q_last = &p->q_first;
  p->q_save = &p->q_first;
  p->q_len = 0;
  p->q_bytes = 0;
  p->mark_id = 0;
  proc_unlock(p);
  while (m) {
    msg *next = m->next;
    mbox_free_msg(p->rt, m);
    m = next;
  }
}

/* ---- sending ---- */

/* A message node holding a copy of `value`: one allocation (the node inside
 * the fragment), or a bare node for an immediate. NULL when out of memory. */
static msg *msg_copy(memcache *mc, term value) {
  msg *m;
  if (!term_is_ptr(value)) {
    m = mbox_msg_alloc(mc);
    if (!m) return NULL;
    m->value = value;
    m->frag = NULL;
    return m;
  }
  if (is_tuple(value)) {
    /* the common message: a small tuple of immediates, copied flat */
    const term *src = box_ptr(value);
    size_t arity = (size_t)header_size(src[0]);
    size_t i = 0;
    if (arity <= 8)
      for (i = 1; i <= arity && !term_is_ptr(src[i]); i++) {
      }
    if (arity <= 8 && i > arity) {
      heapfrag *f = frag_new_c(mc, MSG_WORDS + arity + 1);
      if (!f) return NULL;
      m = (msg *)(void *)f->mem;
      term *d = f->mem + MSG_WORDS;
      memcpy(d, src, (arity + 1) * sizeof(term));
      m->value = make_boxed(d);
      m->frag = f;
      f->used = MSG_WORDS + arity + 1;
      return m;
    }
  }
  size_t n = copy_size(value);
  heapfrag *f = frag_new_c(mc, MSG_WORDS + n);
  if (!f) return NULL;
  m = (msg *)(void *)f->mem;
  term *hp = f->mem + MSG_WORDS;
  m->value = copy_term(value, &hp, &f->mso);
  m->frag = f;
  f->used = (size_t)(hp - f->mem);
  return m;
}

/* Queue m (accounted already) on to's inbox and wake it. */
static void deliver(proc *to, msg *m, sched *hint) {
  mbox_push(to, m);
  rt_wake(to->rt, to, hint);
}

void mbox_push_self(proc *p, term value, heapfrag *frag) {
  msg *m = mbox_msg_alloc(NULL);
  if (!m) {
    if (frag) frag_free(frag);
    return;
  }
  m->value = value;
  m->frag = frag;
  rt_mem_account_s(p->rt, p->sched, (intptr_t)mbox_msg_bytes(m));
  mbox_push(p, m);
}

void rt_deliver(proc *to, term value, heapfrag *frag, sched *hint) {
  msg *m = mbox_msg_alloc(NULL);
  if (!m) {
    if (frag) frag_free(frag);
    return;
  }
  m->value = value;
  m->frag = frag;
  rt_mem_account_s(to->rt, hint, (intptr_t)mbox_msg_bytes(m));
  deliver(to, m, hint);
}

bool rt_send_copy(runtime *rt, sched *hint, term from, term pid, term value) {
  (void)from;
  proc *to = proc_acquire(rt, pid);
  if (!to) return false;
  msg *m = msg_copy(NULL, value);
  if (m) {
    rt_mem_account_s(rt, hint, (intptr_t)mbox_msg_bytes(m));
    deliver(to, m, hint);
  }
  proc_release(to);
  return true;
}

/* Copy `message` for pid and queue it. The copy counts against the
 * runtime's total; past the cap the sender is killed (memory_limit_exceeded)
 * and the message dropped. */
static bool send_from(proc *p, term pid, term message) {
  runtime *rt = p->rt;
  proc *to = pid == p->pid ? p : proc_acquire(rt, pid);
  if (!to) return false;
  msg *m = msg_copy(p->sched ? &p->sched->mc : NULL, message);
  if (!m) {
    p->mem_kill = RT_KILL_MEMORY;
  } else if (!rt_mem_account_s(rt, p->sched, (intptr_t)mbox_msg_bytes(m))) {
    mbox_free_msg(rt, m);
    p->mem_kill = RT_KILL_MEMORY;
  } else if (to == p) {
    /* to self: no other thread involved, but keep the inbox order */
    mbox_push(p, m);
  } else {
    deliver(to, m, p->sched);
  }
  if (to != p) proc_release(to);
  return true;
}

/* :badarg as the exit reason, the BEAM's extended text as the message */
static term send_badarg(proc *p) {
  static const char msg[] = "errors were found at the given arguments:\n\n  * 1st argument: invalid destination\n";
  return vm_error(p, exc_wrap(p, ATOM_BADARG, exc_make_message(p, "ArgumentError", msg, sizeof msg - 1)));
}

term proc_send(proc *p, term dest, term message) {
  runtime *rt = p->rt;
  term pid = dest;
  if (is_atom(dest)) {
    pid = reg_whereis(rt, dest);
    if (pid == NONE) return send_badarg(p);
  } else if (is_tuple(dest) && tuple_arity(dest) == 2 && is_atom(tuple_get(dest, 0)) &&
             is_atom(tuple_get(dest, 1))) {
    /* {name, node}: a name on this node (nonode@nohost); the BEAM drops the
     * message when no process has the name, or the node is another */
    pid = tuple_get(dest, 1) == ATOM_NONODE ? reg_whereis(rt, tuple_get(dest, 0)) : NONE;
    if (pid == NONE) return message;
  } else if (!is_pid(dest)) {
    return send_badarg(p);
  }
  bool ok = send_from(p, pid, message);
  TRACE_TERM(rt, p->sched, TR_SEND, p->pid, pid, ok ? 0 : 1, message);
  return message;
}

/* ---- selective receive ---- */

void proc_recv_mark(proc *p, term ref) {
  if (!is_ref(ref)) return;
  mbox_drain(p); /* messages already sent are older than the ref */
  p->mark_id = ref_id(ref);
  p->mark_msg = p->q_first ? (msg *)((char *)p->q_last - offsetof(msg, next)) : NULL;
}

void proc_recv_start(proc *p, term marker) {
  if (p->in_receive) return; /* resuming the same receive: keep the save point */
  p->in_receive = true;
  if (marker != NONE && is_ref(marker) && p->mark_id && ref_id(marker) == p->mark_id) {
    p->q_save = p->mark_msg ? &p->mark_msg->next : &p->q_first;
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
  if (m) p->q_save = &m->next;
}

/* The receive ended: forget the save point and the wait's timer, and make
 * a firing for this wait stale (timer.c) if a timer took its seq. */
static void recv_done(proc *p) {
  p->in_receive = false;
  p->q_save = &p->q_first;
  p->timed_out = false;
  if (p->wait_tmr) timer_cancel_wait(p);
  if (p->seq_taken) {
    p->seq_taken = false;
    atomic_fetch_add_explicit(&p->wait_seq, 1, memory_order_release);
  }
}

term proc_recv_take(proc *p) {
  msg *m = *p->q_save;
  if (!m) return NONE;
  size_t bytes = mbox_msg_bytes(m);
  proc_lock(p);
  msg *next = m->next;
  *p->q_save = next;
  if (p->q_last == &m->next) p->q_last = p->q_save;
  p->q_len--;
  p->q_bytes -= bytes;
  if (m == p->mark_msg) p->mark_id = 0; /* the mark's position is gone */
  proc_unlock(p);
  term v = m->value;
  heapfrag *f = m->frag;
  if (f) {
    /* the fragment joins the heap's (accounted already, when queued) */
    f->next = p->frags;
    p->frags = f;
    p->frag_words += f->cap;
  }
  if (!f || !msg_embedded(m)) {
    mc_free(p->sched ? &p->sched->mc : NULL, m, sizeof(msg));
    rt_mem_account_s(p->rt, p->sched, -(intptr_t)sizeof(msg));
  }
  recv_done(p);
  return v;
}

void proc_recv_end(proc *p) { recv_done(p); }
