/*
 * process_rt.h -- the runtime's part of the process control block,
 * included inside struct proc (process.h). Defined by the runtime modules
 * (process.c, mailbox.c, scheduler.c, timer.c, link.c, registry.c).
 *
 * Ownership (see process.h for "owner" and "shared"):
 * - `state`, `refs`, `in_head`, `wait_seq`, `tmo_fired`,
 *   `reg_name`, `lock` and the published statistics are atomics, written by
 *   any thread as documented in process.c / mailbox.c / timer.c.
 * - The private queue (q_* in process.h) and `links` are written only by the
 *   owner, and only while holding `lock` (proc_lock, runtime.h); other
 *   threads (Process.info on another process, the snapshot) read them only
 *   while holding it. The owner reads them without the lock.
 * - Everything else here is owner-only.
 *
 * The fields are ordered to pack: the whole PCB is part of the idle
 * process's footprint (runtime.h: RT_PROC_BYTES).
 */
/* ---- scheduling (shared) ---- */
_Atomic uint32_t state; /* PS_* of runtime.h; one atomic transition per change */
_Atomic uint32_t refs;  /* holders: 1 for the living process + transient
                           senders (process.c: proc_acquire/proc_release) */
_Atomic uint64_t slot_pid; /* the pid now in this slot (pid above, readable
                               by any thread: process.c validates with it) */
struct sched *sched;    /* owner: the scheduler running (or that last ran) it */
uint64_t reductions;    /* owner: the VM (or native body) adds what it spends */

/* ---- the inbox (mailbox.c): a lock-free LIFO of messages and signals,
 * newest first, NULL when empty. Producers push with one CAS; the owner
 * takes the whole list with one exchange (under `lock`) and reverses it. */
msg *_Atomic in_head;
_Atomic uint32_t lock;   /* spin lock word: guards q_* and links (proc_lock) */

/* ---- receive bookkeeping (owner) ---- */
uint64_t mark_id;   /* ref id of the last proc_recv_mark, 0 = none */
msg *mark_msg;      /* the last message queued when the mark was made (NULL:
                       none, the mark is at q_first) */
term pending_exit;  /* NONE, or the reason this process must exit with */
size_t q_bytes;     /* bytes of the messages in the private queue (mailbox.c) */

/* ---- timers (timer.c) ---- */
struct rt_timer *wait_tmr;  /* owner: the armed `after` timer, or NULL */
_Atomic uint32_t wait_seq;  /* bumped by the owner when a wait ends */
_Atomic uint32_t tmo_fired; /* the wait_seq a timer fired for */

/* ---- links and monitors (link.c): owner writes under `lock` ---- */
struct rt_link *links;
uint32_t nlinks, links_cap;

/* ---- names (registry.c) ---- */
_Atomic uint64_t reg_name; /* the registered atom, or NIL */

/* ---- observation, published by the owner when it stops running ---- */
_Atomic uint64_t pub_reductions;
_Atomic uint32_t pub_heap_words; /* rt_proc_memory in words */

/* ---- flags (owner) ---- */
bool in_receive;     /* a receive is scanning (the save point is meaningful) */
bool trap_exit;
bool exit_signal;    /* an exit signal ends it (link.c), not its own code */
bool has_wait_timer; /* wait_tmr is (or was) armed for the current wait */
bool seq_taken;      /* a timer took the current wait_seq (armed, or fired by
                        the owner): ending the wait must bump it */
bool heap_inline;    /* the block is memory the PCB owns (heap.c: heap_init_at):
                        never freed, not accounted as heap */
uint8_t mem_kill;    /* RT_KILL_*: a memory cap was passed; the scheduler ends
                        the process at its next stop (scheduler.c) */
