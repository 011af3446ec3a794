/*
 * process.h -- the process control block and the runtime services the VM
 * calls (send, receive, spawn, exit, timers, output).
 *
 * Ownership of the fields below:
 * - "owner" fields are read and written only by the scheduler thread that
 *   is currently running the process (no locks: a process runs on one
 *   scheduler at a time, and the hand-over between schedulers is an
 *   atomic state transition with release/acquire ordering).
 * - "shared" fields are touched by other threads and are atomics or are
 *   guarded by `lock` as marked.
 */
#ifndef BEAMLET_PROCESS_H
#define BEAMLET_PROCESS_H

#include "term.h"
#include "heap.h"
#include "sys.h" /* sys_mutex in process_rt.h */

struct runtime;
struct sched;

/* A message in a mailbox: the term and the fragment holding it. */
typedef struct msg {
  struct msg *next; /* written only before the node is published (mbox_push) or by its owner */
  term value;
  heapfrag *frag; /* NULL when value is an immediate */
} msg;

/* Extra GC roots a process carries outside its stack. */
#define PROC_NROOTS 4
#define ROOT_EXC 0     /* the exception being raised (its reason term) */
#define ROOT_EXIT 1    /* the exit reason once the process has ended */
#define ROOT_SCRATCH 2 /* free for the VM */
#define ROOT_DICT 3    /* the process dictionary: a map, or nil while empty */

/* How `vm_run` returned. */
enum vm_result {
  VM_YIELD = 0, /* reduction budget spent: put back on a run queue */
  VM_WAIT = 1,  /* waiting in receive (timeout in proc->wait_until) */
  VM_EXIT = 2   /* finished; proc->exit_reason holds the reason */
};

typedef struct proc proc;

/* A process body written in C (a host-side process, a JS handler, a test
 * double). Called instead of the VM; same contract as vm_run. */
typedef int (*proc_native_fn)(proc *p, int32_t budget);

struct proc {
  /* ---- identity: immutable after spawn ---- */
  term pid;
  struct runtime *rt;

  /* ---- memory (owner) ---- */
  term *heap, *htop, *stop, *hend; /* heap [heap,htop) up, stack [stop,hend) down */
  heapfrag *frags;                 /* fragments adopted since the last GC */
  size_t frag_words;
  procbin *mso;                    /* PROCBINs on the main heap */
  term roots[PROC_NROOTS];         /* extra roots: see ROOT_* */
  size_t max_heap_words;           /* 0 = unlimited; past it the process is killed */

  /* ---- interpreter state (owner; meaning defined by vm.c) ---- */
  const uint32_t *pc;
  term *fp;
  proc_native_fn native; /* non-NULL: run this instead of bytecode */
  void *native_data;

  /* ---- private mailbox (owner) ---- */
  msg *q_first;   /* received messages not yet consumed, in arrival order */
  msg **q_last;   /* &last->next (or &q_first) */
  msg **q_save;   /* receive scan position: next message to try */
  uint32_t q_len;
  int64_t wait_until; /* VM_WAIT deadline in runtime ms, -1 = infinity */
  bool timed_out;     /* set when a receive's `after` fired */

  /* ---- exceptions (owner) ---- */
  term exc_class;     /* atom error/exit/throw while raising, else NONE */

  /* The rest (inbox, state word, links, monitors, registered name,
   * reductions, scheduler bookkeeping) is defined by the runtime in
   * process_rt.h and appended here. */
#include "process_rt.h"
};

/* ---- services the VM calls (implemented by the runtime modules) ---- */

/* Send `message` from p to dest (a pid or a registered atom). Returns the
 * message, or NONE with an ArgumentError raised in p when dest is an atom
 * that is not registered. A send to a dead pid is silently dropped. */
term proc_send(proc *p, term dest, term message);

/* Receive: the VM loops over the private queue from the save point.
 *   proc_recv_start(p, marker): begin a receive; marker is a reference the
 *     patterns all pin, or NONE (then scanning starts at the oldest message
 *     unless the scan of this same receive is being resumed).
 *   proc_recv_peek(p): the message at the save point, moving newly arrived
 *     messages from the inbox first; NONE when there is none yet.
 *   proc_recv_skip(p): the peeked message did not match; advance.
 *   proc_recv_take(p): the peeked message matched: unlink it, adopt its
 *     fragment, reset the save point; returns the message term.
 *   proc_recv_end(p): the receive finished by timeout; reset the save point.
 */
void proc_recv_start(proc *p, term marker);
term proc_recv_peek(proc *p);
void proc_recv_skip(proc *p);
term proc_recv_take(proc *p);
void proc_recv_end(proc *p);
/* Note that a reference was just made; a receive that pins it may skip the
 * messages that were already queued (the BEAM's receive marker). */
void proc_recv_mark(proc *p, term ref);

/* Spawning. `fun` is a zero-arity fun, or (mod, fun, args) with `fun` ==
 * NONE and mod/name/args given. opts: SPAWN_LINK, SPAWN_MONITOR. Returns the
 * pid (or {pid, ref} for SPAWN_MONITOR), or NONE with SystemLimitError
 * raised in p when the process limit is reached. */
#define SPAWN_LINK 1
#define SPAWN_MONITOR 2
term proc_spawn(proc *p, term fun, term mod, term name, term args, int opts);

/* Current time in ms on the runtime's clock (virtual in deterministic mode). */
int64_t rt_now_ms(struct runtime *rt);

/* Output from a process (IO.puts and friends): fd 1 or 2. */
void rt_output(proc *p, int fd, const char *data, size_t len);

/* Trace the VM's view of a receive: which message matched which clause
 * (0-based). Costs one branch when tracing is off. */
void rt_trace_receive(proc *p, term message, int clause);

/* Account `bytes` (may be negative) of process memory against the
 * runtime's total; returns false when the total passes the runtime's cap
 * (the caller then fails the allocation: the process will be killed). */
bool rt_mem_account(struct runtime *rt, intptr_t bytes);
struct litarea *rt_literals(struct runtime *rt);
const struct program *rt_program(struct runtime *rt);
/* Is p the script's main process? (Its uncaught error ends the run.) */
bool rt_is_main(proc *p);

/* Look up a live process by pid (NULL if gone). Only for the process's own
 * scheduler or under the runtime's rules in process_rt.h. */
proc *proc_lookup(struct runtime *rt, term pid);

#endif
