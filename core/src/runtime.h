/*
 * runtime.h -- the runtime object and the services its modules share:
 * process table (process.c), mailbox and wake-up protocol (mailbox.c),
 * schedulers and run queues (scheduler.c), timers (timer.c), registry
 * (registry.c), links/monitors/exit signals (link.c), trace (trace.c),
 * snapshot (snapshot.c), public API (api.c).
 *
 * Process states (proc->state), one atomic word:
 *
 *   RUNNABLE --scheduler picks it--> RUNNING --VM_YIELD--> RUNNABLE
 *   RUNNING --VM_WAIT, nothing pending--> WAITING
 *   WAITING --a sender / timer / signal wins the CAS--> RUNNABLE
 *   RUNNING --VM_EXIT or fatal signal--> EXITING --> DEAD --> FREE
 *
 * A process is on at most one run queue, exactly when its state is RUNNABLE:
 * whoever moves it to RUNNABLE (one successful CAS, or the owner itself)
 * pushes it, once. DEAD means "no longer alive" to every observer; FREE
 * means the slot can be reused (process.c).
 */
#ifndef BEAMLET_RUNTIME_H
#define BEAMLET_RUNTIME_H

#include "../include/beamlet.h"
#include "process.h"
#include "sys.h"

enum {
  PS_FREE = 0,
  PS_RUNNABLE = 1,
  PS_RUNNING = 2,
  PS_WAITING = 3,
  PS_EXITING = 4,
  PS_DEAD = 5
};

#define RT_SLICE_REDUCTIONS 4000 /* reductions per scheduling slice */
#define RT_MAX_SCHEDULERS 64
#define RT_DEFAULT_MAX_PROCESSES 262144u
#if defined(__EMSCRIPTEN__) && BEAMLET_THREADS
/* the threaded WebAssembly build has a fixed 256 MiB memory (CMakeLists):
 * the caps must bite before malloc fails */
#define RT_DEFAULT_MAX_HEAP ((size_t)64 << 20) /* heap + queued messages */
#define RT_DEFAULT_MAX_MEMORY ((size_t)160 << 20)
#else
#define RT_DEFAULT_MAX_HEAP ((size_t)256 << 20) /* heap + queued messages */
#define RT_DEFAULT_MAX_MEMORY ((size_t)1 << 30)
#endif
#define RT_DEFAULT_TRACE_RING ((size_t)1 << 20)

/* ---- signals: inbox nodes that are not messages (link.c) ---- */
enum {
  SIG_LINK = 1,      /* from wants a link */
  SIG_UNLINK = 2,    /* from removed its link */
  SIG_EXIT = 3,      /* Process.exit(pid, reason) from `from` (a pid, or :host) */
  SIG_EXIT_LINK = 4, /* the linked process `from` ended with reason */
  SIG_MONITOR = 5,   /* from monitors us (ref; name when by name) */
  SIG_DEMONITOR = 6, /* from dropped monitor ref */
  SIG_DOWN = 7       /* a monitored process ended: becomes a DOWN message */
};
/* A signal is a msg whose value is make_mark(kind); m.frag holds `reason`. */
typedef struct rt_sig {
  msg m;
  term from;    /* pid of the sender (or of the process that went down) */
  term reason;  /* immediate or in m.frag */
  term name;    /* monitor by name: the atom, else NONE */
  uint64_t ref; /* monitor ref id */
} rt_sig;
static inline bool msg_is_signal(const msg *m) { return (m->value & IMM_MASK) == IMM_MARK; }
static inline int sig_kind(const msg *m) { return (int)mark_val(m->value); }

/* ---- links and monitors of one process ---- */
enum { LK_LINK = 1, LK_MON_OUT = 2 /* we monitor pid */, LK_MON_IN = 3 /* pid monitors us */ };
typedef struct rt_link {
  term pid;
  term name; /* LK_MON_*: the name it was monitored by, or NONE */
  uint64_t ref;
  uint32_t kind;
} rt_link;

/* ---- timers (timer.c) ---- */
enum { TMR_WAIT = 1, TMR_SEND = 2 };
typedef struct rt_timer {
  int64_t deadline; /* runtime ms */
  uint64_t order;   /* insertion order: ties fire in insertion order */
  int32_t idx;      /* position in the heap, -1 when not in one */
  uint32_t kind;
  struct rt_theap *heap; /* the heap holding it */
  term pid;         /* TMR_WAIT: the waiting process; TMR_SEND: sender */
  uint32_t seq;     /* TMR_WAIT: the wait_seq it was armed for */
  term dest;        /* TMR_SEND: pid or atom */
  term value;       /* TMR_SEND: the message, in frag */
  heapfrag *frag;
  uint64_t ref_id;  /* TMR_SEND: id of the ref send_after returned */
} rt_timer;

typedef struct rt_theap {
  sys_mutex lock;
  rt_timer **a;
  uint32_t n, cap;
  _Atomic int64_t next_deadline; /* a[0]->deadline or INT64_MAX: read unlocked */
} rt_theap;

/* ---- trace ring (trace.c) ---- */
typedef struct rt_ring {
  uint8_t *buf;
  uint64_t cap;            /* power of two, bytes */
  _Atomic uint64_t head;   /* producer: bytes written */
  _Atomic uint64_t tail;   /* consumer: bytes read */
  _Atomic uint64_t dropped;
  uint64_t gone_at;        /* producer: the tail when the reader was taken as
                              gone (trace.c: ring_room), UINT64_MAX if not */
} rt_ring;

/* ---- PCBs (process.c): a PCB and the process's initial block are one
 * RT_PROC_BYTES object, allocated in chunks, reused with the slot ---- */
#define RT_PROC_INLINE_WORDS 16 /* the initial block: an idle process (a fun waiting in receive) fits in it */
#define RT_PROC_BYTES ((sizeof(proc) + RT_PROC_INLINE_WORDS * sizeof(term) + 15) & ~(size_t)15)
struct pcb_chunk {
  struct pcb_chunk *next;
  uint64_t pad;
  uint8_t mem[];
};

/* ---- a scheduler ---- */
typedef struct runq {
  _Atomic uint32_t lock; /* spin lock (rt_spin_lock) */
  proc **items; /* ring of cap entries */
  uint32_t head, cap;
  _Atomic uint32_t count;
} runq;

/* A scheduler's own queue: the processes its thread made runnable, in
 * order; touched by that thread only, so no lock and no atomics. */
typedef struct ownq {
  proc **items; /* ring of cap entries, cap a power of two */
  uint32_t head, n, cap;
} ownq;

#define SCHED_SLOT_CACHE 4096 /* free process slots a scheduler keeps (process.c) */

typedef struct sched {
  int id;
  struct runtime *rt;
  ownq own;  /* what this scheduler's thread makes runnable (scheduler.c) */
  runq rq;   /* pushes from other threads; where idle schedulers steal */
  rt_theap timers;
  rt_ring ring;
  sys_thread thread;
  bool started;
  uint64_t rand_state;
  /* memory accounted by this scheduler's thread and not yet added to
   * rt->mem_bytes (runtime.c: rt_mem_account_s): mem_mine is that thread's
   * own count; mem_local its copy for other threads, published at the end
   * of every turn (sched_turn) and on every flush */
  int64_t mem_mine;
  _Atomic int64_t mem_local;
  /* free process slots, reused LIFO by this scheduler (process.c); touched
   * only by the thread running this scheduler */
  uint32_t nslots_free;
  uint32_t slots_free[SCHED_SLOT_CACHE];
  /* small free blocks (heap.h): used by this scheduler's thread only */
  memcache mc;
  /* state transitions made on this scheduler's thread (rt_transitions):
   * plain counts, so that no message pays a locked add on a line every
   * scheduler writes */
  uint64_t parks, wakes, self_wakes;
} sched;

/* ---- the runtime ---- */
struct runtime {
  beamlet_config cfg;
  int nsched;
  sched *scheds;
  bool threaded; /* scheduler threads run (else the host drives run_slice) */
  bool deterministic;

  /* process table (process.c) */
  sys_mutex ptab_lock;
  proc *_Atomic *slots; /* max_processes entries; a slot's proc lives as long as the runtime */
  uint32_t max_procs;
  _Atomic uint32_t next_fresh; /* slots [0, next_fresh) have been used; written under ptab_lock */
  struct pcb_chunk *pcb_chunks; /* every PCB, PCB_CHUNK at a time (under ptab_lock) */
  uint8_t *pcb_next;
  uint32_t pcb_left;
  uint32_t *freeq; /* FIFO of free slots */
  uint32_t fq_head, fq_count;
  _Atomic uint32_t nprocs;

  /* registry (registry.c) */
  sys_mutex reg_lock;
  struct rt_regent { term name; term pid; } *reg;
  uint32_t reg_cap, reg_count, reg_tomb;

  /* program */
  struct program *prog;
  struct litarea *lit;
  term main_pid;
  _Atomic int main_done;
  int main_status;
  term main_reason;           /* the main process's exit reason (set before main_done) */
  heapfrag *main_reason_frag; /* its memory, freed with the runtime */

  /* clocks */
  int64_t t0_ns;
  int64_t wall0_ns;
  _Atomic int64_t vnow_ms; /* deterministic mode */
  int64_t det_reds;        /* deterministic mode: reductions not yet turned into time (scheduler.c) */
  _Atomic uint64_t timer_order;
  _Atomic uint64_t native_ref_next; /* monitor ref ids of native spawns */

  /* memory accounting */
  _Atomic int64_t mem_bytes;

  /* sleeping schedulers and waiters */
  sys_mutex sleep_mx;
  sys_cond sleep_cv;
  sys_cond done_cv;
  _Atomic int nsleeping;
  _Atomic int stopping;
  _Atomic uint32_t rr;

  /* trace */
  _Atomic int tracing;
  rt_ring host_ring; /* events from threads that are no scheduler */
  sys_mutex host_ring_lock;
  sys_mutex trace_read_lock;

  /* output */
  sys_mutex out_lock;
  int out_last_fd;

  /* statistics (tests assert on them) */
  _Atomic uint64_t stat_sleeps;   /* a scheduler blocked on sleep_cv */
  _Atomic uint64_t stat_wakeups;  /* a scheduler returned from sleep_cv */
  _Atomic uint64_t stat_idle_polls; /* an idle scheduler looked for work */
  _Atomic uint64_t stat_wakes;      /* WAITING -> RUNNABLE by a thread that is no scheduler */
  _Atomic uint64_t stat_bad_runs;   /* a popped process was not RUNNABLE: must stay 0 */
};

typedef struct runtime runtime;

/* ---- spin locks (runq, proc->lock): held for a few instructions or a
 * short walk; contended only by observers and thieves ---- */
void rt_spin_wait(unsigned *spins); /* runtime.c: pause, then yield the CPU */
static inline void rt_spin_lock(_Atomic uint32_t *l) {
#if BEAMLET_THREADS
  unsigned spins = 0;
  while (atomic_exchange_explicit(l, 1, memory_order_acquire))
    while (atomic_load_explicit(l, memory_order_relaxed)) rt_spin_wait(&spins);
#else
  atomic_store_explicit(l, 1, memory_order_relaxed);
#endif
}
static inline void rt_spin_unlock(_Atomic uint32_t *l) {
  atomic_store_explicit(l, 0, memory_order_release);
}
static inline void proc_lock(proc *p) { rt_spin_lock(&p->lock); }
static inline void proc_unlock(proc *p) { rt_spin_unlock(&p->lock); }

/* ---- memory caps: why a process is being killed (proc->mem_kill) ---- */
enum {
  RT_KILL_NONE = 0,
  RT_KILL_HEAP = 1,    /* {:heap_limit_exceeded, bytes}: heap + mailbox past its cap */
  RT_KILL_MAILBOX = 2, /* {:mailbox_limit_exceeded, bytes}: the same, mostly queued messages */
  RT_KILL_MEMORY = 3   /* {:memory_limit_exceeded, bytes}: the runtime's total cap */
};
/* The exit reason for p->mem_kill, built on p's heap. */
term rt_mem_kill_reason(proc *p);
/* Bytes one process costs beyond its heap words: the PCB with its inline
 * block (counted once, in RT_PROC_BYTES) and its table entries. */
size_t rt_proc_overhead_bytes(void);
/* Owner: p's whole footprint in bytes (PCB, inline block, table entries,
 * its own block, fragments, queued messages, links, timer). */
size_t rt_proc_memory(const proc *p);

/* ---- runtime.c ---- */
runtime *rt_create(const beamlet_config *cfg); /* NULL when out of memory */
void rt_destroy(runtime *rt);
bool rt_start(runtime *rt); /* start the scheduler threads (if threaded), once */
/* Start a native main process (a host-side script, the tests): as
 * beamlet_start_main, without a loaded program. */
int rt_start_main_native(runtime *rt, proc_native_fn fn, void *data);
int64_t rt_now_ns(runtime *rt); /* trace/monotonic clock (virtual when deterministic) */
void rt_advance_clock(runtime *rt, int64_t to_ms); /* deterministic only */
uint64_t rt_random(sched *s);
/* Account bytes against the runtime's total from scheduler s's thread (s may
 * be NULL: any thread). false when the total is past the cap (bytes > 0). */
bool rt_mem_account_s(runtime *rt, sched *s, intptr_t bytes);
void rt_mem_publish(sched *s); /* s's thread: let other threads see s's part */
/* the total, with every scheduler's pending part: self's exact, the others'
 * as last published (self: the caller's scheduler, or NULL) */
int64_t rt_mem_total(runtime *rt, const sched *self);

/* ---- process.c ---- */
/* Allocate a process (state RUNNABLE, not on a run queue, heap initialized,
 * empty mailbox). NULL when the table is full or memory is out. */
proc *proc_alloc(runtime *rt);
/* The same, from scheduler s's thread (s may be NULL: any thread). */
proc *proc_alloc_on(runtime *rt, sched *s);
/* Acquire a live process by pid for a short operation (push a message or
 * signal, wake it): returns NULL if it is not alive. Pair with proc_release. */
proc *proc_acquire(runtime *rt, term pid);
void proc_release(proc *p);
/* The exit sequence, run by the owner: links, monitors, name, memory. */
void proc_exit(proc *p, term reason);
term proc_halt(proc *p, int64_t status); /* System.halt/1: ends the run */
uint32_t rt_process_count(runtime *rt);
/* Spawn a native process (tests, host-side processes). opts: SPAWN_LINK /
 * SPAWN_MONITOR relative to parent (may be NULL). Returns the child or NULL
 * (limit reached). The child is runnable. *mon_ref receives the monitor ref
 * id when SPAWN_MONITOR. */
proc *rt_spawn_native(runtime *rt, proc *parent, proc_native_fn fn, void *data, int opts,
                      uint64_t *mon_ref);
/* Iterate over slots (snapshot, Process.list): calls fn for each slot
 * whose process is alive at the time of the call, with it acquired. */
void rt_each_process(runtime *rt, void (*fn)(proc *p, void *ctx), void *ctx);

/* ---- mailbox.c ---- */
void mbox_init(proc *p);
void mbox_push(proc *p, msg *m);     /* any thread */
/* Owner, with p->lock held (or no other thread looking): take everything in
 * the inbox, oldest first, as a list linked through next; NULL if empty. */
msg *mbox_take_all(proc *p);
static inline bool mbox_maybe_nonempty(proc *p) {
  return atomic_load_explicit(&p->in_head, memory_order_relaxed) != NULL;
}
/* Free a message (or a signal's node) and the memory it holds. */
void mbox_free_msg(runtime *rt, msg *m);
/* A message node (mc: the calling scheduler's cache, or NULL); every node
 * comes from here, as it may go back to a cache when taken. */
msg *mbox_msg_alloc(memcache *mc);
/* Bytes a queued message holds (accounted when queued). */
size_t mbox_msg_bytes(const msg *m);
/* Owner: move everything from the inbox to the private queue, handling
 * signals in order (link.c). Returns false if a fatal signal arrived
 * (p->pending_exit is set). */
bool mbox_drain(proc *p);
void mbox_free_private(proc *p);     /* owner, at exit */
/* With p->lock held (or as the owner): call fn on up to max queued
 * messages in order, the private queue first, then the inbox. */
void mbox_each_locked(proc *p, void (*fn)(term v, void *ctx), void *ctx, uint32_t max);
/* Each link/monitor/exit signal queued for p and not handled yet, oldest
 * first (p->lock held). */
void mbox_each_signal_locked(proc *p, void (*fn)(const rt_sig *s, void *ctx), void *ctx);
void mbox_drain_free(proc *p);       /* teardown: free the inbox, answer nothing */
/* Messages queued (private queue and inbox, not signals): self (the owner)
 * drains first; another thread counts under p->lock. */
uint32_t mbox_len(proc *p, bool self);
uint32_t mbox_len_locked(proc *p); /* the same, p->lock held (or the owner) */
/* Deliver an already-copied message (value in frag) to a live, acquired p. */
void rt_deliver(proc *to, term value, heapfrag *frag, sched *hint);
/* Copy and deliver `value` to pid. false if pid is not alive. */
bool rt_send_copy(runtime *rt, sched *hint, term from, term pid, term value);

/* ---- scheduler.c ---- */
/* WAITING -> RUNNABLE by another party; queues it on hint, the calling
 * thread's own scheduler (NULL: a thread that is no scheduler). */
bool rt_wake(runtime *rt, proc *p, sched *hint);
void rt_make_runnable(runtime *rt, proc *p, sched *hint); /* a fresh process */
void runq_init(runq *q);
void runq_free(runq *q);
/* Push p on s's shared queue (s NULL: one picked round-robin). */
void runq_push(runtime *rt, sched *s, proc *p);
proc *runq_pop(runq *q);
/* Move up to half of victim's queue to thief's; returns one stolen process. */
proc *runq_steal(sched *thief, sched *victim);
/* Run p (RUNNABLE, popped) for one slice on s. */
int64_t sched_run_one(sched *s, proc *p); /* returns reductions spent (>= 1) */
bool sched_start_threads(runtime *rt);
void sched_stop_threads(runtime *rt);

/* How many times processes parked (RUNNING -> WAITING), were woken by
 * another (a sender, a timer, a signal) and woke themselves (something
 * arrived as they parked); every park ends in exactly one of the two
 * wakes. Exact once the scheduler threads have stopped (or with none). */
typedef struct rt_transitions {
  uint64_t parks, wakes, self_wakes;
} rt_transitions;
rt_transitions rt_transitions_count(runtime *rt);
/* The single-threaded loop: run up to `budget` reductions. */
int sched_run_slice(runtime *rt, int32_t budget, int64_t *next_timer_ms);
bool rt_any_runnable(runtime *rt);

/* ---- timer.c ---- */
void theap_init(rt_theap *h);
void theap_free(rt_theap *h);
/* Arm p's receive timer for p->wait_until (owner). */
void timer_arm_wait(proc *p, sched *s);
void timer_cancel_wait(proc *p); /* owner */
/* send_after: returns false when out of memory. */
bool timer_send_after(runtime *rt, sched *s, term from, int64_t ms, term dest, term value,
                      uint64_t ref_id);
/* The ms left (>= 0) of the send_after timer ref_id, cancelled when
 * cancel is set; -1 when there is no such timer (any more). */
int64_t timer_left_ref(runtime *rt, uint64_t ref_id, bool cancel);
/* Fire every timer of s due at `now`; returns how many fired. */
int timers_fire(runtime *rt, sched *s, int64_t now_ms);
int64_t timers_next(runtime *rt); /* earliest deadline of all schedulers, INT64_MAX if none */

/* ---- registry.c ---- */
void reg_init(runtime *rt);
void reg_free(runtime *rt);
/* 0 ok, -1 name taken / pid already named / pid not alive. */
int reg_register(runtime *rt, term name, proc *p);
bool reg_unregister(runtime *rt, term name);
term reg_whereis(runtime *rt, term name); /* pid or NONE */
void reg_remove_proc(proc *p);            /* at exit */
term reg_list(proc *p);                   /* list of names on p's heap */

/* ---- link.c ---- */
/* Handle one signal in the owner (called by mbox_drain with p->lock held). */
void link_handle_signal(proc *p, rt_sig *s);
/* A signal to pid; false if pid is not alive (the signal is not sent). */
bool link_send_signal(runtime *rt, sched *hint, int kind, term from, term to, term reason,
                      term name, uint64_t ref);
/* Answer a LINK/MONITOR signal that reached a dead process, free the rest. */
void link_signal_to_dead(runtime *rt, sched *hint, term dead_pid, rt_sig *s);
void link_add(proc *p, uint32_t kind, term pid, term name, uint64_t ref); /* owner */
bool link_remove(proc *p, uint32_t kind, term pid, uint64_t ref);         /* owner */
rt_link *link_find(proc *p, uint32_t kind, term pid, uint64_t ref);
/* t's links and monitors as another process sees them: its table with the
 * signals it has not handled yet applied; a malloc'ed copy of *n entries
 * (NULL when none or out of memory). t->lock held. */
rt_link *link_view_locked(proc *t, uint32_t *n);
/* Owner-side exit: signal links, monitors (reason in p's heap). */
void link_exit_notify(proc *p, term reason);
/* Append a message the owner made itself to its private queue (p->lock held). */
void mbox_append_local(proc *p, msg *m);
/* Push a message from p to its own inbox (keeps order with earlier pushes). */
void mbox_push_self(proc *p, term value, heapfrag *frag);
/* Process.link/unlink/monitor/demonitor/exit from p. Return NONE after
 * raising, else the BIF result. */
term link_bif_link(proc *p, term pid);
term link_bif_unlink(proc *p, term pid);
term link_bif_monitor(proc *p, term target);
/* Remove p's monitor ref (and with flush its DOWN message, if one came);
 * whether the monitor was still there. */
bool link_bif_demonitor(proc *p, term ref, bool flush);
term link_bif_exit(proc *p, term pid, term reason);
term make_ref_with_id(proc *p, uint64_t id);

#endif
