/*
 * process_rt.h -- the runtime's part of the process control block,
 * included inside struct proc (process.h). Defined by the runtime modules
 * (process.c, mailbox.c, scheduler.c, timer.c, link.c, registry.c).
 *
 * Ownership (see process.h for "owner" and "shared"):
 * - `state`, `refs`, the inbox head, `mq_len`, `wait_seq`, `tmo_fired`,
 *   `reg_name` and the published statistics are atomics, written by any
 *   thread as documented in process.c / mailbox.c / timer.c.
 * - The private queue (q_* in process.h) and `links` are written only by the
 *   owner, and only while holding `lock`; other threads (Process.info on
 *   another process, the snapshot) read them only while holding `lock`.
 *   The owner reads them without the lock.
 * - Everything else here is owner-only.
 */
/* ---- scheduling (shared) ---- */
_Atomic uint32_t state; /* PS_* of runtime.h; one atomic transition per change */
_Atomic uint64_t slot_pid; /* the pid now in this slot (pid above, readable
                               by any thread: process.c validates with it) */
_Atomic uint32_t refs;  /* holders: 1 for the living process + transient
                           senders (process.c: proc_acquire/proc_release) */
struct sched *sched;    /* owner: the scheduler running (or that last ran) it */
uint64_t reductions;    /* owner: the VM (or native body) adds what it spends */

/* ---- the inbox: intrusive MPSC queue of messages and signals (mailbox.c) */
msg *_Atomic in_head; /* producers: one atomic exchange per push */
msg *in_tail;         /* owner, popped only under `lock` (readers walk from it) */
msg in_stub;          /* the queue's stub node */
_Atomic uint32_t mq_len; /* messages queued (inbox + private queue), not signals */

/* ---- receive bookkeeping (owner) ---- */
uint64_t mark_id;   /* ref id of the last proc_recv_mark, 0 = none */
msg **mark_pos;     /* q_last when the mark was made */
msg *mark_msg;      /* the message whose next field mark_pos is (NULL: &q_first) */
bool in_receive;    /* a receive is scanning (the save point is meaningful) */
bool trap_exit;
bool has_wait_timer; /* wait_tmr is (or was) armed for the current wait */
term pending_exit;  /* NONE, or the reason this process must exit with */

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
_Atomic uint64_t pub_heap_bytes;

sys_mutex lock; /* guards q_* and links against readers on other threads */
