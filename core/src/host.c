/*
 * host.c -- the bridge a host language (the JS package in node/) drives a
 * runtime through: a runtime with its output captured, a queue of records
 * for the host to drain, host-side processes, and terms converted to and
 * from the beamlet term format (BTF, btf.c). Declared in beamlet.h
 * (beamlet_host_*).
 *
 * ---- the host queue ----
 * Producers (scheduler threads: output, messages to host processes) push
 * records on a lock-free LIFO stack with one CAS; the single consumer (the
 * host thread) takes the whole stack with one exchange and reverses it, so
 * records come out in push order. Neither side ever blocks on the other.
 *
 * ---- host processes ----
 * A host process is a native process (runtime.h) whose body moves every
 * message it receives into the queue as a BTF record (HREC_MESSAGE) and
 * waits again. It has a real pid: Elixir code can send to it, register it,
 * link to it and monitor it. What the host asks of it (link, monitor, exit,
 * trap_exit) travels as a command message {:"$beamlet_host", seq, op, arg}
 * the host sends to the process itself, so the owner performs it; the
 * answer comes back as an HREC_REPLY record carrying seq.
 *
 * A host process killed by an exit signal (a linked process crashing,
 * Process.exit(pid, :kill)) never runs its body again, so the body cannot
 * say it ended. The first beamlet_host_spawn of a world therefore spawns
 * one more native process, the watcher: every host process is spawned
 * monitored by it (the monitor is set up before its pid is returned, so no
 * exit can slip by), and each {:DOWN, _, :process, pid, reason} it receives
 * becomes an HREC_EXIT record. A host process ending through its own "exit"
 * command reports that too, so the host may see two HREC_EXIT records for
 * one pid: it takes the first.
 *
 */
#define _GNU_SOURCE /* pthread_tryjoin_np */
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "btf.h"
#include "strbuf.h"
#include "vm.h"
#define HOST_BATCH 256 /* messages a host process moves per slice */

enum { HREC_OUTPUT = 1, HREC_MESSAGE = 2, HREC_REPLY = 3, HREC_EXIT = 4 };

/* A record. Layout on wasm32 (read by node/src/runtime.mjs):
 *   0 next, 4 kind, 8 fd (OUTPUT) / status (REPLY: 0 ok, 1 error),
 *   12 len, 16 pid, 24 other (REPLY: seq), 32 data[len] */
typedef struct hrec {
  struct hrec *next;
  uint32_t kind, fd, len; /* (wasm32: pid lands at 16; native: padding) */
  uint64_t pid, other;
  uint8_t data[];
} hrec;
#if UINTPTR_MAX == 0xFFFFFFFFu
_Static_assert(offsetof(hrec, kind) == 4 && offsetof(hrec, len) == 12 &&
                   offsetof(hrec, pid) == 16 && offsetof(hrec, data) == 32,
               "hrec layout is a contract with node/src/runtime.mjs");
#endif

struct beamlet_host {
  runtime *rt;
  hrec *_Atomic stack; /* pushed by producers, newest first */
  hrec *fifo;          /* consumer: taken records, oldest first */
  hrec *cur;           /* consumer: the record last returned (freed next call) */
  strbuf res;          /* consumer: the result of the last call that has one */
  term cmd_atom;
  term watcher;      /* pid of the watcher (see the file comment), or 0 */
  char *argv_buf;    /* System.argv(): the strings (beamlet_host_set_argv) */
  const char **argv; /* and pointers into argv_buf */
};

/* ---------------------------------------------------------------- queue */

static void host_push(beamlet_host *h, uint32_t kind, uint32_t fd, uint64_t pid, uint64_t other,
                      const void *data, size_t len) {
  if (len > UINT32_MAX) len = UINT32_MAX;
  hrec *r = malloc(sizeof *r + len);
  if (!r) return; /* out of memory: the record is lost, the runtime goes on */
  r->kind = kind;
  r->fd = fd;
  r->len = (uint32_t)len;
  r->pid = pid;
  r->other = other;
  if (len) memcpy(r->data, data, len);
  hrec *top = atomic_load_explicit(&h->stack, memory_order_relaxed);
  do {
    r->next = top;
  } while (!atomic_compare_exchange_weak_explicit(&h->stack, &top, r, memory_order_release,
                                                  memory_order_relaxed));
}

static void host_output(void *ctx, int fd, uint64_t pid, const char *data, size_t len) {
  host_push(ctx, HREC_OUTPUT, (uint32_t)fd, pid, 0, data, len);
}

/* ---------------------------------------------------------------- BTF */

static void put_u32(strbuf *sb, uint32_t v) {
  uint8_t b[4];
  for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
  strbuf_put(sb, b, 4);
}

/* ---------------------------------------------------------------- host processes */

static void clear_exc(proc *p) {
  p->exc_class = NONE;
  p->roots[ROOT_EXC] = NIL;
}

static term take_any(proc *p) {
  proc_recv_start(p, NONE);
  term v = proc_recv_peek(p);
  return v == NONE ? NONE : proc_recv_take(p);
}

/* host_push of a term, in the term format (btf.h). */
static void push_term(beamlet_host *h, uint32_t kind, uint32_t fd, uint64_t pid, uint64_t other,
                      term v) {
  strbuf sb;
  strbuf_init(&sb);
  btf_encode(&sb, v, 0);
  host_push(h, kind, fd, pid, other, sb.data, sb.len);
  strbuf_free(&sb);
}

static void reply(beamlet_host *h, proc *p, uint64_t seq, int status, term v) {
  push_term(h, HREC_REPLY, (uint32_t)status, p->pid, seq, v);
}

/* Run a command {:"$beamlet_host", seq, op, arg}. Returns true when the
 * process must exit (reason in p->roots[ROOT_EXIT]). */
static bool run_command(beamlet_host *h, proc *p, term v) {
  uint64_t seq = (uint64_t)int_val(tuple_get(v, 1));
  const char *op = atom_text(tuple_get(v, 2));
  term arg = tuple_get(v, 3), r = ATOM_OK;
  if (strcmp(op, "link") == 0) r = link_bif_link(p, arg);
  else if (strcmp(op, "unlink") == 0) r = link_bif_unlink(p, arg);
  else if (strcmp(op, "monitor") == 0) r = link_bif_monitor(p, arg);
  else if (strcmp(op, "demonitor") == 0) {
    if (!is_ref(arg)) r = vm_error(p, ATOM_BADARG);
    else link_bif_demonitor(p, arg, true);
  }
  else if (strcmp(op, "trap_exit") == 0) {
    r = bool_atom(p->trap_exit);
    p->trap_exit = arg == ATOM_TRUE;
  } else if (strcmp(op, "exit") == 0) {
    reply(h, p, seq, 0, ATOM_OK);
    p->roots[ROOT_EXIT] = arg;
    return true;
  }
  if (r == NONE) {
    term e = p->roots[ROOT_EXC];
    clear_exc(p);
    reply(h, p, seq, 1, e);
  } else {
    reply(h, p, seq, 0, r);
  }
  return false;
}

/* A host process's slice: up to HOST_BATCH messages, each given to `each`
 * (true: the process ends). A full batch yields, since more may be queued
 * (taken into the private queue already, where no arrival would wake it);
 * otherwise it waits, and the messages it took can be collected. */
static int host_batch(proc *p, bool (*each)(beamlet_host *h, proc *p, term v)) {
  beamlet_host *h = p->native_data;
  int n = 0;
  for (; n < HOST_BATCH; n++) {
    term v = take_any(p);
    if (v == NONE) break;
    p->reductions += 1;
    if (each(h, p, v)) return VM_EXIT;
  }
  gc_maybe(p);
  p->wait_until = -1;
  return n == HOST_BATCH ? VM_YIELD : VM_WAIT;
}

/* A message to a host process: a command from the host, or one for it. */
static bool host_message(beamlet_host *h, proc *p, term v) {
  if (is_tuple(v) && tuple_arity(v) == 4 && tuple_get(v, 0) == h->cmd_atom &&
      is_integer(tuple_get(v, 1)) && is_atom(tuple_get(v, 2)))
    return run_command(h, p, v);
  push_term(h, HREC_MESSAGE, 0, p->pid, 0, v);
  return false;
}

static int host_body(proc *p, int32_t budget) {
  (void)budget;
  int r = host_batch(p, host_message);
  if (r == VM_EXIT) push_term(p->native_data, HREC_EXIT, 0, p->pid, 0, p->roots[ROOT_EXIT]);
  return r;
}

/* The watcher: turns the DOWN of every host process into an HREC_EXIT. */
static bool watch_down(beamlet_host *h, proc *p, term v) {
  (void)p;
  if (is_tuple(v) && tuple_arity(v) == 5 && tuple_get(v, 0) == ATOM_DOWN && is_pid(tuple_get(v, 3)))
    push_term(h, HREC_EXIT, 0, tuple_get(v, 3), 0, tuple_get(v, 4));
  return false;
}

static int watch_body(proc *p, int32_t budget) {
  (void)budget;
  return host_batch(p, watch_down);
}

/* ---------------------------------------------------------------- API */

beamlet_host *beamlet_host_create(int schedulers, int deterministic, double seed, int trace,
                                  int host_driven) {
  beamlet_host *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.schedulers = schedulers < 0 ? 0 : schedulers;
  cfg.deterministic = deterministic != 0;
  cfg.seed = seed >= 0 && seed < 1.8e19 ? (uint64_t)seed : 0;
  cfg.trace = trace != 0;
  cfg.host_driven = host_driven != 0;
  cfg.output = host_output;
  cfg.output_ctx = h;
  atomic_init(&h->stack, NULL);
  strbuf_init(&h->res);
  if (beamlet_create(&cfg, &h->rt) != BEAMLET_OK) {
    free(h);
    return NULL;
  }
  h->cmd_atom = atom_from_cstr("$beamlet_host");
  return h;
}

beamlet_runtime *beamlet_host_runtime(beamlet_host *h) { return h ? h->rt : NULL; }

static void free_chain(hrec *r) {
  while (r) {
    hrec *n = r->next;
    free(r);
    r = n;
  }
}

void beamlet_host_stop_begin(beamlet_host *h) {
  if (!h) return;
#if BEAMLET_THREADS
  sys_mutex_lock(&h->rt->sleep_mx);
  atomic_store(&h->rt->stopping, 1);
  sys_cond_broadcast(&h->rt->sleep_cv);
  sys_mutex_unlock(&h->rt->sleep_mx);
#endif
}

/* After beamlet_host_stop_begin: join the scheduler threads that have left
 * their loops, without waiting; 1 when none is left (then destroy does not
 * block). A host thread that must not block (a page's main thread, which
 * must also yield for thread start-up to complete) polls this. */
int beamlet_host_stop_poll(beamlet_host *h) {
  if (!h) return 1;
  int left = 0;
#if BEAMLET_THREADS
  runtime *rt = h->rt;
  for (int i = 0; i < rt->nsched; i++) {
    if (!rt->scheds[i].started) continue;
    if (pthread_tryjoin_np(rt->scheds[i].thread, NULL) == 0) rt->scheds[i].started = false;
    else left++;
  }
#endif
  return left == 0;
}

void beamlet_host_destroy(beamlet_host *h) {
  if (!h) return;
  beamlet_destroy(h->rt);
  free(h->argv_buf);
  free(h->argv);
  free(h->cur);
  free_chain(h->fifo);
  free_chain(atomic_exchange(&h->stack, NULL));
  strbuf_free(&h->res);
  free(h);
}

/* The next record, oldest first, or NULL. The record stays valid until the
 * next call; its layout is documented at struct hrec. */
/* 1 while the world has work to do now: records queued for the host, a
 * process runnable, or (threads) a scheduler awake. Read from the host
 * thread; a racing change shows up at the host's next poll. */
int beamlet_host_busy(beamlet_host *h) {
  if (!h) return 0;
  runtime *rt = h->rt;
  if (h->fifo || atomic_load(&h->stack) || rt_any_runnable(rt)) return 1;
#if BEAMLET_THREADS
  if (rt->threaded && rt->scheds[0].started && atomic_load(&rt->nsleeping) < rt->nsched) return 1;
#endif
  return 0;
}

void *beamlet_host_next(beamlet_host *h) {
  if (!h) return NULL;
  free(h->cur);
  h->cur = NULL;
  if (!h->fifo) {
    hrec *s = atomic_exchange_explicit(&h->stack, NULL, memory_order_acquire), *rev = NULL;
    while (s) {
      hrec *n = s->next;
      s->next = rev;
      rev = s;
      s = n;
    }
    h->fifo = rev;
  }
  hrec *r = h->fifo;
  if (r) h->fifo = r->next;
  h->cur = r;
  return r;
}

int beamlet_host_main_done(beamlet_host *h) {
  return h && h->rt->main_pid && atomic_load(&h->rt->main_done) ? 1 : 0;
}

const uint8_t *beamlet_host_result(beamlet_host *h) { return h ? (const uint8_t *)h->res.data : NULL; }
size_t beamlet_host_result_len(beamlet_host *h) { return h ? h->res.len : 0; }

int beamlet_host_main_reason(beamlet_host *h) {
  if (!h) return BEAMLET_EINVAL;
  if (!beamlet_host_main_done(h)) return BEAMLET_ESTATE;
  strbuf_reset(&h->res);
  btf_encode(&h->res, h->rt->main_reason, 0);
  return h->res.oom ? BEAMLET_ENOMEM : BEAMLET_OK;
}

int beamlet_host_spawn(beamlet_host *h, int trap_exit, uint64_t *pid_out) {
  if (!h || !pid_out) return BEAMLET_EINVAL;
  runtime *rt = h->rt;
  if (!h->watcher) {
    proc *wp = rt_spawn_native(rt, NULL, watch_body, h, 0, NULL);
    if (!wp) return BEAMLET_ENOMEM;
    h->watcher = wp->pid;
  }
  proc *p = rt_spawn_native(rt, NULL, host_body, h, 0, NULL);
  if (!p) return BEAMLET_ENOMEM;
  term pid = p->pid;
  /* Nobody knows pid yet and a host process only ends on a command, so p
   * is alive here. link_add locks, so it is safe while the watcher runs;
   * if the watcher is gone (killed), there is no monitor and only the
   * "exit" command reports an end. */
  proc *wp = proc_acquire(rt, h->watcher);
  proc *hp = proc_acquire(rt, pid);
  if (hp && trap_exit) { /* before anyone can signal it (as bif_flag sets it) */
    proc_lock(hp);
    hp->trap_exit = true;
    proc_unlock(hp);
  }
  if (wp && hp) {
    uint64_t ref = atomic_fetch_add(&rt->native_ref_next, 1);
    link_add(wp, LK_MON_OUT, pid, NONE, ref);
    link_add(hp, LK_MON_IN, h->watcher, NONE, ref);
  }
  if (hp) proc_release(hp);
  if (wp) proc_release(wp);
  *pid_out = pid;
  /* a world may have host processes and no main process yet: they run */
  return rt_start(rt) ? BEAMLET_OK : BEAMLET_ENOMEM;
}

/* System.argv() of the world's scripts: argc strings, each ended by a NUL,
 * back to back in data (len bytes in all). Before the main process starts
 * only (ESTATE after). */
int beamlet_host_set_argv(beamlet_host *h, const char *data, size_t len, int argc) {
  if (!h || argc < 0 || (argc > 0 && !data)) return BEAMLET_EINVAL;
  runtime *rt = h->rt;
  if (rt->main_pid) return BEAMLET_ESTATE;
  size_t nul = 0;
  for (size_t i = 0; i < len; i++) nul += data[i] == 0;
  if (nul != (size_t)argc || (len && data[len - 1] != 0)) return BEAMLET_EINVAL;
  char *buf = NULL;
  const char **v = NULL;
  if (argc > 0) {
    buf = malloc(len);
    v = malloc(sizeof *v * (size_t)argc);
    if (!buf || !v) {
      free(buf);
      free(v);
      return BEAMLET_ENOMEM;
    }
    memcpy(buf, data, len);
    for (size_t i = 0, k = 0; k < (size_t)argc; k++) {
      v[k] = buf + i;
      i += strlen(buf + i) + 1;
    }
  }
  rt->cfg.argc = 0;
  rt->cfg.argv = (const char *const *)v;
  rt->cfg.argc = argc;
  free(h->argv_buf);
  free(h->argv);
  h->argv_buf = buf;
  h->argv = v;
  return BEAMLET_OK;
}

int beamlet_host_alive(beamlet_host *h, uint64_t pid) {
  if (!h || !is_pid(pid)) return 0;
  proc *p = proc_acquire(h->rt, pid);
  if (!p) return 0;
  proc_release(p);
  return 1;
}

/* A name the host gave: an existing atom (never creates one unless make). */
static term name_atom(const char *name, size_t len, bool make) {
  if (!name || len == 0 || len > 255) return NONE;
  if (make) return atom_intern(name, len);
  term a = atom_find(name, len);
  return a;
}

int beamlet_host_register(beamlet_host *h, uint64_t pid, const char *name, size_t len) {
  if (!h) return BEAMLET_EINVAL;
  term a = name_atom(name, len, true);
  if (a == NONE || a == NIL || a == ATOM_UNDEF) return BEAMLET_EINVAL;
  proc *p = proc_acquire(h->rt, pid);
  if (!p) return BEAMLET_ENOPROC;
  int r = reg_register(h->rt, a, p);
  if (r == 0 && trace_on(h->rt))
    trace_write(h->rt, NULL, TR_REGISTER, p->pid, 0, 0, name, len);
  proc_release(p);
  return r == 0 ? BEAMLET_OK : BEAMLET_ESTATE;
}

int beamlet_host_whereis(beamlet_host *h, const char *name, size_t len, uint64_t *pid_out) {
  if (!h || !pid_out) return BEAMLET_EINVAL;
  *pid_out = 0;
  term a = name_atom(name, len, false);
  if (a == NONE) return BEAMLET_ENOPROC;
  term pid = reg_whereis(h->rt, a);
  if (pid == NONE) return BEAMLET_ENOPROC;
  *pid_out = pid;
  return BEAMLET_OK;
}

/* The registered names as a BTF list of atoms, in the result buffer. */
int beamlet_host_registered(beamlet_host *h) {
  if (!h) return BEAMLET_EINVAL;
  runtime *rt = h->rt;
  strbuf_reset(&h->res);
  sys_mutex_lock(&rt->reg_lock);
  uint32_t n = 0;
  for (uint32_t i = 0; i < rt->reg_cap; i++)
    if (rt->reg[i].name != 0 && rt->reg[i].name != NONE) n++;
  if (n == 0) {
    strbuf_putc(&h->res, 'n');
  } else {
    strbuf_putc(&h->res, 'l');
    put_u32(&h->res, n);
    for (uint32_t i = 0; i < rt->reg_cap; i++)
      if (rt->reg[i].name != 0 && rt->reg[i].name != NONE) btf_encode(&h->res, rt->reg[i].name, 0);
    strbuf_putc(&h->res, 'n');
  }
  sys_mutex_unlock(&rt->reg_lock);
  return h->res.oom ? BEAMLET_ENOMEM : BEAMLET_OK;
}

/* A BTF value the host passed, decoded into *f (NULL for an immediate);
 * NONE with the reason in the result buffer when it is malformed. */
static term host_arg(beamlet_host *h, const uint8_t *btf, size_t len, heapfrag **f) {
  const char *err = NULL;
  term v = btf_to_term(btf, len, f, &err);
  if (v == NONE) strbuf_puts(&h->res, err);
  return v;
}

/* Send a BTF value from `from` (a host process, or 0) to a pid (to != 0)
 * or to a registered name. A message to a dead pid is dropped (BEAMLET_OK,
 * as send/2 does); an unregistered name is BEAMLET_ENOPROC; a bad value is
 * BEAMLET_EINVAL with the reason in the result buffer. */
int beamlet_host_send(beamlet_host *h, uint64_t from, uint64_t to, const char *name,
                      size_t name_len, const uint8_t *btf, size_t len) {
  if (!h || (!btf && len)) return BEAMLET_EINVAL;
  runtime *rt = h->rt;
  strbuf_reset(&h->res);
  if (from && !is_pid(from)) from = 0;
  term dest = to;
  if (!to) {
    term a = name_atom(name, name_len, false);
    if (a == NONE) return BEAMLET_ENOPROC;
    dest = reg_whereis(rt, a);
    if (dest == NONE) return BEAMLET_ENOPROC;
  } else if (!is_pid(to)) {
    strbuf_puts(&h->res, "not a pid");
    return BEAMLET_EINVAL;
  }
  heapfrag *f;
  term v = host_arg(h, btf, len, &f);
  if (v == NONE) return BEAMLET_EINVAL;
  proc *p = proc_acquire(rt, dest);
  if (trace_on(rt)) trace_write_term(rt, NULL, TR_SEND, from ? from : 0, dest, p ? 0 : 1, v);
  if (!p) {
    if (f) frag_free(f);
    return BEAMLET_OK;
  }
  rt_deliver(p, v, f, NULL);
  proc_release(p);
  return BEAMLET_OK;
}

/* An exit signal to pid `to` with a BTF reason, as Process.exit(to, reason)
 * called by `from` (a pid), or by the host itself (from == 0: a trapping
 * process then receives {:EXIT, :host, reason}). ENOPROC when `to` is no
 * live process; EINVAL (text in the result buffer) for a bad reason. */
int beamlet_host_exit(beamlet_host *h, uint64_t from, uint64_t to, const uint8_t *btf,
                      size_t len) {
  if (!h || (!btf && len)) return BEAMLET_EINVAL;
  runtime *rt = h->rt;
  strbuf_reset(&h->res);
  if (!is_pid(to) || (from && !is_pid(from))) {
    strbuf_puts(&h->res, "not a pid");
    return BEAMLET_EINVAL;
  }
  heapfrag *f;
  term reason = host_arg(h, btf, len, &f);
  if (reason == NONE) return BEAMLET_EINVAL;
  term sender = from ? (term)from : atom_from_cstr("host");
  bool sent = link_send_signal(rt, NULL, SIG_EXIT, sender, to, reason, NONE, 0);
  if (sent && trace_on(rt)) trace_write_term(rt, NULL, TR_EXIT_SIGNAL, from, to, 1, reason);
  if (f) frag_free(f);
  return sent ? BEAMLET_OK : BEAMLET_ENOPROC;
}

/* Check a BTF value and write it back re-encoded into the result buffer
 * (what the runtime would receive): the round-trip tests use it. */
int beamlet_host_echo(beamlet_host *h, const uint8_t *btf, size_t len) {
  if (!h || (!btf && len)) return BEAMLET_EINVAL;
  strbuf_reset(&h->res);
  heapfrag *f;
  term v = host_arg(h, btf, len, &f);
  if (v == NONE) return BEAMLET_EINVAL;
  btf_encode(&h->res, v, 0);
  if (f) frag_free(f);
  return h->res.oom ? BEAMLET_ENOMEM : BEAMLET_OK;
}

/* Ask host process `pid` to run a command (see the file comment). */
int beamlet_host_command(beamlet_host *h, uint64_t pid, double seq, const char *op,
                         const uint8_t *btf, size_t len) {
  if (!h || !op || (!btf && len)) return BEAMLET_EINVAL;
  strbuf_reset(&h->res);
  heapfrag *f;
  term arg = host_arg(h, btf, len, &f);
  if (arg == NONE) return BEAMLET_EINVAL;
  proc *p = proc_acquire(h->rt, pid);
  if (!p || p->native != host_body) {
    if (p) proc_release(p);
    if (f) frag_free(f);
    return BEAMLET_ENOPROC;
  }
  /* {:"$beamlet_host", seq, op, arg}: 5 words in a fragment of its own,
   * with arg copied in after it */
  size_t extra = f ? f->used : 0;
  heapfrag *cf = frag_new(5 + extra);
  if (!cf) {
    proc_release(p);
    if (f) frag_free(f);
    return BEAMLET_ENOMEM;
  }
  term *w = cf->mem;
  cf->used = 5;
  if (f) {
    term *hp = cf->mem + 5;
    arg = copy_term(arg, &hp, &cf->mso);
    cf->used = (size_t)(hp - cf->mem);
    frag_free(f);
  }
  w[0] = make_header(4, BOX_TUPLE);
  w[1] = h->cmd_atom;
  w[2] = make_small((int64_t)seq);
  w[3] = atom_from_cstr(op);
  w[4] = arg;
  rt_deliver(p, make_boxed(w), cf, NULL);
  proc_release(p);
  return BEAMLET_OK;
}
