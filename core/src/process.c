/*
 * process.c -- the process table: O(1) lookup by pid, spawn, exit, reuse.
 *
 * A pid names a slot and a serial. Each slot owns one struct proc for the
 * life of the runtime (allocated on the slot's first use, never freed
 * before beamlet_destroy), so a pointer read from the table is always safe
 * to dereference; whether it is the process a pid names is decided by
 * slot_pid and state:
 *
 *   proc_acquire: refs++ ; check slot_pid == pid ; check state alive ;
 *                 check slot_pid == pid again (the slot may have been reused
 *                 between the first check and the state read)
 *   proc_release: refs-- ; the one who brings refs to 0 on a DEAD process
 *                 wins the CAS DEAD -> FREE and frees the slot
 *
 * A living process holds one ref on itself, dropped at the end of its exit
 * sequence (after state DEAD), so a slot is FREE only when no sender is in
 * the middle of a push: anything pushed into a dying process's inbox is
 * found by the final free (messages freed, LINK/MONITOR answered :noproc).
 * A reused slot gets serial + 1, so a stale pid never names the new process.
 * Free slots are reused in FIFO order, and only once many are free, so
 * pid numbers keep growing for small programs (as on the BEAM).
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "vm.h"
#include "errors.h"
#include "strbuf.h"

#define REUSE_MIN_FREE 1024u /* fresh slots are used until this many are free */
#define PCB_CHUNK 128u       /* PCBs allocated together (never freed before the runtime) */

static bool alive_state(uint32_t s) {
  return s == PS_RUNNABLE || s == PS_RUNNING || s == PS_WAITING;
}

size_t rt_proc_overhead_bytes(void) {
  /* the PCB with its inline block, its slot pointer and its free-queue entry */
  return RT_PROC_BYTES + sizeof(proc *) + sizeof(uint32_t);
}

size_t rt_proc_memory(const proc *p) {
  size_t b = rt_proc_overhead_bytes() + p->frag_words * sizeof(term) + p->q_bytes;
  if (p->heap && !p->heap_inline) b += (size_t)(p->hend - p->heap) * sizeof(term);
  b += (size_t)p->links_cap * sizeof(rt_link);
  if (p->wait_tmr) b += sizeof(rt_timer);
  return b;
}

proc *proc_acquire(runtime *rt, term pid) {
  if (!is_pid(pid)) return NULL;
  uint32_t slot = pid_slot(pid);
  if (slot >= rt->max_procs) return NULL;
  proc *p = atomic_load_explicit(&rt->slots[slot], memory_order_acquire);
  if (!p) return NULL;
  atomic_fetch_add(&p->refs, 1);
  if (atomic_load(&p->slot_pid) != pid || !alive_state(atomic_load(&p->state)) ||
      atomic_load(&p->slot_pid) != pid) {
    proc_release(p);
    return NULL;
  }
  return p;
}

/* Give a slot back: to s's cache when s is the calling thread's scheduler
 * and the cache has room, else to the shared FIFO. */
static void slot_free(runtime *rt, sched *s, uint32_t slot) {
  if (s && s->nslots_free < SCHED_SLOT_CACHE) {
    s->slots_free[s->nslots_free++] = slot;
    return;
  }
  sys_mutex_lock(&rt->ptab_lock);
  rt->freeq[(rt->fq_head + rt->fq_count) % rt->max_procs] = slot;
  rt->fq_count++;
  sys_mutex_unlock(&rt->ptab_lock);
}

static void proc_final_free(proc *p, sched *s) {
  runtime *rt = p->rt;
  term pid = atomic_load(&p->slot_pid);
  /* what arrived after the exit sequence: no other thread can push now */
  msg *m = mbox_take_all(p);
  while (m) {
    msg *next = m->next;
    if (msg_is_signal(m)) {
      link_signal_to_dead(rt, s, pid, (rt_sig *)m);
    } else {
      mbox_free_msg(rt, m);
    }
    m = next;
  }
  slot_free(rt, s, pid_slot(pid));
}

static void release_on(proc *p, sched *s) {
  if (atomic_fetch_sub(&p->refs, 1) == 1) {
    uint32_t st = PS_DEAD;
    if (atomic_compare_exchange_strong(&p->state, &st, PS_FREE)) proc_final_free(p, s);
  }
}

void proc_release(proc *p) { release_on(p, NULL); }

/* Reset the owner fields of a (fresh or recycled) slot. Shared atomics that
 * strays may touch (refs, slot_pid, state) are left alone. */
static void proc_reset(proc *p, runtime *rt) {
  p->rt = rt;
  p->frags = NULL;
  p->frag_words = 0;
  p->mso = NULL;
  p->max_heap_words = rt->cfg.max_heap_bytes / sizeof(term);
  p->pc = NULL;
  p->fp = NULL;
  p->native = NULL;
  p->native_data = NULL;
  p->wait_until = -1;
  p->timed_out = false;
  p->exc_class = NONE;
  p->sched = NULL;
  p->reductions = 0;
  mbox_init(p);
  p->trap_exit = false;
  p->exit_signal = false;
  p->has_wait_timer = false;
  p->seq_taken = false;
  p->mem_kill = RT_KILL_NONE;
  p->pending_exit = NONE;
  /* p->wait_tmr is kept across reuse (timer.c); calloc made it NULL */
  atomic_store_explicit(&p->wait_seq, 0, memory_order_relaxed);
  atomic_store_explicit(&p->tmo_fired, UINT32_MAX, memory_order_relaxed);
  p->nlinks = 0;
  atomic_store_explicit(&p->reg_name, NIL, memory_order_relaxed);
  atomic_store_explicit(&p->pub_reductions, 0, memory_order_relaxed);
  /* the initial block lives right after the PCB (RT_PROC_BYTES) */
  heap_init_at(p, (term *)(void *)(p + 1), RT_PROC_INLINE_WORDS);
}

/* A new PCB (zeroed, with its inline block) from the runtime's chunks. */
static proc *pcb_new(runtime *rt) {
  sys_mutex_lock(&rt->ptab_lock);
  if (!rt->pcb_left) {
    struct pcb_chunk *c = calloc(1, sizeof(struct pcb_chunk) + (size_t)PCB_CHUNK * RT_PROC_BYTES);
    if (!c) {
      sys_mutex_unlock(&rt->ptab_lock);
      return NULL;
    }
    c->next = rt->pcb_chunks;
    rt->pcb_chunks = c;
    rt->pcb_next = c->mem;
    rt->pcb_left = PCB_CHUNK;
    rt_mem_account(rt, (intptr_t)(sizeof(struct pcb_chunk) + (size_t)PCB_CHUNK * RT_PROC_BYTES));
  }
  proc *p = (proc *)(void *)rt->pcb_next;
  rt->pcb_next += RT_PROC_BYTES;
  rt->pcb_left--;
  sys_mutex_unlock(&rt->ptab_lock);
  atomic_init(&p->refs, 0);
  atomic_init(&p->state, PS_FREE);
  atomic_init(&p->slot_pid, 0);
  atomic_init(&p->lock, 0);
  return p;
}

proc *proc_alloc_on(runtime *rt, sched *s) {
  if (atomic_fetch_add(&rt->nprocs, 1) >= rt->max_procs) {
    atomic_fetch_sub(&rt->nprocs, 1);
    return NULL;
  }
  uint32_t slot;
  bool fresh_slot = false;
  if (s && s->nslots_free && atomic_load_explicit(&rt->next_fresh, memory_order_relaxed) >= REUSE_MIN_FREE) {
    slot = s->slots_free[--s->nslots_free];
  } else {
    sys_mutex_lock(&rt->ptab_lock);
    uint32_t fresh = atomic_load_explicit(&rt->next_fresh, memory_order_relaxed);
    if (rt->fq_count && (rt->fq_count >= REUSE_MIN_FREE || fresh >= rt->max_procs)) {
      slot = rt->freeq[rt->fq_head];
      rt->fq_head = (rt->fq_head + 1) % rt->max_procs;
      rt->fq_count--;
    } else if (fresh < rt->max_procs) {
      slot = fresh;
      atomic_store_explicit(&rt->next_fresh, fresh + 1, memory_order_relaxed);
      fresh_slot = true;
    } else if (s && s->nslots_free) {
      slot = s->slots_free[--s->nslots_free];
    } else {
      sys_mutex_unlock(&rt->ptab_lock);
      atomic_fetch_sub(&rt->nprocs, 1);
      return NULL;
    }
    sys_mutex_unlock(&rt->ptab_lock);
  }

  if (fresh_slot) /* the table entries of a slot in use (slots[], freeq[]) */
    rt_mem_account_s(rt, s, (intptr_t)(sizeof(proc *) + sizeof(uint32_t)));
  proc *p = atomic_load_explicit(&rt->slots[slot], memory_order_acquire);
  uint32_t serial = 0;
  if (!p) {
    p = pcb_new(rt);
    if (!p) {
      slot_free(rt, s, slot);
      atomic_fetch_sub(&rt->nprocs, 1);
      return NULL;
    }
  } else {
    serial = pid_serial(atomic_load(&p->slot_pid)) + 1;
  }
  proc_reset(p, rt);
  atomic_store_explicit(&p->pub_heap_words, (uint32_t)(rt_proc_memory(p) / sizeof(term)),
                        memory_order_relaxed);
  term pid = make_pid(slot, serial);
  p->pid = pid;
  atomic_fetch_add(&p->refs, 1); /* the process's own ref */
  atomic_store(&p->slot_pid, pid);
  atomic_store(&p->state, PS_RUNNABLE);
  atomic_store_explicit(&rt->slots[slot], p, memory_order_release);
  return p;
}

proc *proc_alloc(runtime *rt) { return proc_alloc_on(rt, NULL); }

uint32_t rt_process_count(runtime *rt) { return atomic_load(&rt->nprocs); }

proc *proc_lookup(runtime *rt, term pid) {
  /* Unprotected lookup: valid for the caller's own process, or while the
   * caller holds a ref (proc_acquire). */
  if (!is_pid(pid) || pid_slot(pid) >= rt->max_procs) return NULL;
  proc *p = atomic_load_explicit(&rt->slots[pid_slot(pid)], memory_order_acquire);
  if (!p || atomic_load(&p->slot_pid) != pid || !alive_state(atomic_load(&p->state))) return NULL;
  return p;
}

void rt_each_process(runtime *rt, void (*fn)(proc *p, void *ctx), void *ctx) {
  uint32_t n = atomic_load(&rt->next_fresh);
  for (uint32_t i = 0; i < n; i++) {
    proc *p = atomic_load_explicit(&rt->slots[i], memory_order_acquire);
    if (!p) continue;
    term pid = atomic_load(&p->slot_pid);
    proc *q = proc_acquire(rt, pid);
    if (!q) continue;
    fn(q, ctx);
    proc_release(q);
  }
}

/* ---- spawn ---- */

static proc *spawn_common(runtime *rt, proc *parent, int opts, uint64_t *mon_ref) {
  proc *c = proc_alloc_on(rt, parent ? parent->sched : NULL);
  if (!c) return NULL;
  if (parent) {
    if (opts & SPAWN_LINK) {
      link_add(parent, LK_LINK, c->pid, NONE, 0);
      link_add(c, LK_LINK, parent->pid, NONE, 0);
    }
    if (opts & SPAWN_MONITOR) {
      link_add(parent, LK_MON_OUT, c->pid, NONE, *mon_ref);
      link_add(c, LK_MON_IN, parent->pid, NONE, *mon_ref);
    }
  }
  return c;
}

proc *rt_spawn_native(runtime *rt, proc *parent, proc_native_fn fn, void *data, int opts,
                      uint64_t *mon_ref) {
  uint64_t ref = 0;
  if (opts & SPAWN_MONITOR) {
    ref = atomic_fetch_add(&rt->native_ref_next, 1);
  }
  proc *c = spawn_common(rt, parent, opts, &ref);
  if (!c) return NULL;
  c->native = fn;
  c->native_data = data;
  if (mon_ref) *mon_ref = ref;
  TRACE(rt, parent ? parent->sched : NULL, TR_SPAWN, c->pid, parent ? parent->pid : 0,
        (uint64_t)opts, NULL, 0);
  rt_make_runnable(rt, c, parent ? parent->sched : NULL);
  return c;
}

term proc_spawn(proc *p, term fun, term mod, term name, term args, int opts) {
  runtime *rt = p->rt;
  term ref = NONE;
  uint64_t ref_id_v = 0;
  if (opts & SPAWN_MONITOR) {
    ref = make_ref(p);
    ref_id_v = ref_id(ref);
  }
  proc *c = spawn_common(rt, p, opts, &ref_id_v);
  if (!c) return vm_error_exc(p, "SystemLimitError", "a system limit has been reached");
  /* the child's own copies of the arguments, in its block when they fit
   * (a fun without free variables is a literal: shared, not copied) */
  term cfun = fun == NONE ? NONE : copy_to_heap(c, fun);
  term cargs = args == NONE ? NONE : copy_to_heap(c, args);
  if (!vm_setup(c, cfun, mod, name, cargs)) c->pending_exit = ATOM_UNDEF;
  TRACE(rt, p->sched, TR_SPAWN, c->pid, p->pid, (uint64_t)opts, NULL, 0);
  term pid = c->pid;
  rt_make_runnable(rt, c, p->sched);
  if (opts & SPAWN_MONITOR) return make_tuple2(p, pid, ref);
  return pid;
}

/* ---- exit ---- */

/* The run is over: the main process ended (with reason) or a process
 * halted the runtime. The first of them sets the status; the schedulers
 * stop at their next turn. */
static void run_done(runtime *rt, int status, term reason) {
  sys_mutex_lock(&rt->sleep_mx);
  if (!atomic_load(&rt->main_done)) {
    rt->main_status = status;
    rt->main_reason = copy_to_frag(reason, &rt->main_reason_frag);
    atomic_store(&rt->main_done, 1);
    sys_cond_broadcast(&rt->done_cv);
    sys_cond_broadcast(&rt->sleep_cv);
  }
  sys_mutex_unlock(&rt->sleep_mx);
}

/* System.halt(status) from p: the run ends as if the main process had
 * ended with {:shutdown, status} (so `elixir`'s exit status: status mod
 * 256), whichever process asks; p itself then exits :normal. */
term proc_halt(proc *p, int64_t status) {
  term reason = make_tuple2(p, atom_from_cstr("shutdown"), make_int(p, status));
  run_done(p->rt, exc_main_status(reason), reason);
  return vm_raise(p, ATOM_EXIT, ATOM_NORMAL);
}

void proc_exit(proc *p, term reason) {
  runtime *rt = p->rt;
  if (trace_on(rt)) trace_write_term(rt, p->sched, TR_EXIT, p->pid, 0, 0, reason);
  atomic_store(&p->state, PS_EXITING);
  atomic_fetch_sub(&rt->nprocs, 1);
  if (p->wait_tmr) timer_cancel_wait(p);
  reg_remove_proc(p);
  if (p->pending_exit == NONE) p->pending_exit = reason;
  mbox_drain(p); /* doomed: messages freed, LINK/MONITOR answered */
  link_exit_notify(p, reason);
  mbox_free_private(p);
  if (rt_is_main(p)) {
    /* as `elixir` does: a main process ending :normal, :shutdown or
     * {:shutdown, _} is a success, except that {:shutdown, n} halts with
     * status n (an OS status: n mod 256; 1 for n < 0, where the BEAM's halt
     * fails), anything else is status 1; an exit signal ending it is a
     * failure whatever its reason */
    if (p->exit_signal) {
      strbuf sb;
      strbuf_init(&sb);
      exc_format_exit_signal(&sb, p->pid, reason);
      if (sb.data) rt_output(p, 2, sb.data, sb.len);
      strbuf_free(&sb);
    }
    run_done(rt, p->exit_signal ? 1 : exc_main_status(reason), reason);
  }
  heap_release(p);
  atomic_store_explicit(&p->pub_heap_words, 0, memory_order_relaxed);
  atomic_store(&p->state, PS_DEAD);
  release_on(p, p->sched);
}

bool rt_is_main(proc *p) { return p->rt->main_pid != 0 && p->pid == p->rt->main_pid; }
