/*
 * runtime.c -- the runtime object: creation and teardown, clocks (real or
 * virtual), memory accounting, output, and the small services of process.h.
 *
 * Clocks: rt_now_ms is milliseconds since the runtime was created. In
 * deterministic mode it is a virtual clock that moves only when no process
 * can run and a timer is pending (scheduler.c jumps it to that timer), so
 * sleeps finish at once and a script's event sequence repeats exactly.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#if BEAMLET_THREADS
#include <sched.h>
#endif

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "vm.h"

int64_t rt_now_ns(runtime *rt) {
  if (rt->deterministic) return atomic_load(&rt->vnow_ms) * 1000000;
  return sys_monotonic_ns() - rt->t0_ns;
}

int64_t rt_now_ms(struct runtime *rt) { return rt_now_ns(rt) / 1000000; }

void rt_advance_clock(runtime *rt, int64_t to_ms) {
  int64_t cur = atomic_load(&rt->vnow_ms);
  while (to_ms > cur && !atomic_compare_exchange_weak(&rt->vnow_ms, &cur, to_ms)) {
  }
}

/* xorshift64*: per scheduler, seeded from the config's seed */
uint64_t rt_random(sched *s) {
  uint64_t x = s->rand_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  s->rand_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/* Memory accounting. Every scheduler keeps what its thread accounts in
 * s->mem_mine and moves it to rt->mem_bytes once it passes MEM_FLUSH
 * either way, so the hot paths (send, receive, collect) never write a
 * shared counter; the cap is checked against the shared total plus the
 * caller's own part (so it is enforced within nsched * MEM_FLUSH). Other
 * threads see a scheduler's part as of its last turn (s->mem_local). */
#define MEM_FLUSH ((int64_t)1 << 16)

bool rt_mem_account_s(runtime *rt, sched *s, intptr_t bytes) {
  int64_t mine = 0;
  if (s) {
    mine = s->mem_mine + (int64_t)bytes;
    if (mine > MEM_FLUSH || mine < -MEM_FLUSH) {
      atomic_fetch_add_explicit(&rt->mem_bytes, mine, memory_order_relaxed);
      atomic_store_explicit(&s->mem_local, 0, memory_order_relaxed);
      mine = 0;
    }
    s->mem_mine = mine;
  } else {
    atomic_fetch_add_explicit(&rt->mem_bytes, (int64_t)bytes, memory_order_relaxed);
  }
  if (bytes <= 0) return true;
  return atomic_load_explicit(&rt->mem_bytes, memory_order_relaxed) + mine <=
         (int64_t)rt->cfg.max_memory_bytes;
}

bool rt_mem_account(struct runtime *rt, intptr_t bytes) { return rt_mem_account_s(rt, NULL, bytes); }

void rt_mem_publish(sched *s) {
  if (atomic_load_explicit(&s->mem_local, memory_order_relaxed) != s->mem_mine)
    atomic_store_explicit(&s->mem_local, s->mem_mine, memory_order_relaxed);
}

int64_t rt_mem_total(runtime *rt, const sched *self) {
  int64_t t = atomic_load_explicit(&rt->mem_bytes, memory_order_relaxed);
  for (int i = 0; i < rt->nsched; i++)
    t += &rt->scheds[i] == self ? self->mem_mine
                                : atomic_load_explicit(&rt->scheds[i].mem_local, memory_order_relaxed);
  return t;
}

term rt_mem_kill_reason(proc *p) {
  const char *what;
  int64_t bytes;
  switch (p->mem_kill) {
  case RT_KILL_MAILBOX:
    what = "mailbox_limit_exceeded";
    bytes = (int64_t)(proc_heap_words(p) * sizeof(term) + p->q_bytes);
    break;
  case RT_KILL_MEMORY:
    what = "memory_limit_exceeded";
    bytes = rt_mem_total(p->rt, p->sched);
    break;
  default:
    what = "heap_limit_exceeded";
    bytes = (int64_t)(proc_heap_words(p) * sizeof(term) + p->q_bytes);
    break;
  }
  return make_tuple2(p, atom_from_cstr(what), make_int(p, bytes));
}

void rt_spin_wait(unsigned *spins) {
#if BEAMLET_THREADS
  if (++*spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
    return;
  }
  sched_yield();
#else
  (void)spins;
#endif
}

struct litarea *rt_literals(struct runtime *rt) { return rt->lit; }
const struct program *rt_program(struct runtime *rt) { return rt->prog; }

void rt_output(proc *p, int fd, const char *data, size_t len) {
  runtime *rt = p->rt;
  if (trace_on(rt)) trace_write(rt, p->sched, TR_OUTPUT, p->pid, 0, (uint64_t)fd, data, len);
  if (rt->cfg.output) {
    rt->cfg.output(rt->cfg.output_ctx, fd, p->pid, data, len);
    return;
  }
  FILE *f = fd == 2 ? stderr : stdout;
  sys_mutex_lock(&rt->out_lock);
  /* keep the order of stdout and stderr writes: flush when switching */
  if (rt->out_last_fd && rt->out_last_fd != fd) fflush(rt->out_last_fd == 2 ? stderr : stdout);
  fwrite(data, 1, len, f);
  rt->out_last_fd = fd;
  sys_mutex_unlock(&rt->out_lock);
}

void rt_trace_receive(proc *p, term message, int clause) {
  if (trace_on(p->rt)) trace_write_term(p->rt, p->sched, TR_RECEIVE, p->pid, 0, (uint64_t)clause, message);
}

/* ---- creation ---- */

static void fill_defaults(beamlet_config *c) {
  if (!c->max_processes) c->max_processes = RT_DEFAULT_MAX_PROCESSES;
  if (c->max_processes > (1u << PID_SLOT_BITS)) c->max_processes = 1u << PID_SLOT_BITS;
  if (!c->max_heap_bytes) c->max_heap_bytes = RT_DEFAULT_MAX_HEAP;
  if (!c->max_memory_bytes) c->max_memory_bytes = RT_DEFAULT_MAX_MEMORY;
  if (!c->trace_ring_bytes) c->trace_ring_bytes = RT_DEFAULT_TRACE_RING;
}

runtime *rt_create(const beamlet_config *cfg) {
  atom_init();
  runtime *rt = calloc(1, sizeof *rt);
  if (!rt) return NULL;
  rt->cfg = *cfg;
  fill_defaults(&rt->cfg);
  rt->deterministic = cfg->deterministic != 0;
#if BEAMLET_THREADS
  rt->threaded = !cfg->host_driven;
#else
  rt->threaded = false;
#endif
  int n = cfg->schedulers > 0 ? cfg->schedulers : sys_cpu_count();
  if (!rt->threaded || rt->deterministic) n = 1;
  if (n > RT_MAX_SCHEDULERS) n = RT_MAX_SCHEDULERS;
  rt->nsched = n;
  rt->t0_ns = sys_monotonic_ns();
  rt->wall0_ns = sys_wall_ns();
  atomic_init(&rt->vnow_ms, 0);
  atomic_init(&rt->native_ref_next, (uint64_t)1 << 62);
  atomic_init(&rt->tracing, cfg->trace ? 1 : 0);

  sys_mutex_init(&rt->ptab_lock);
  sys_mutex_init(&rt->sleep_mx);
  sys_cond_init(&rt->sleep_cv);
  sys_cond_init(&rt->done_cv);
  sys_mutex_init(&rt->host_ring_lock);
  sys_mutex_init(&rt->trace_read_lock);
  sys_mutex_init(&rt->out_lock);
  reg_init(rt);

  rt->max_procs = (uint32_t)rt->cfg.max_processes;
  rt->slots = calloc(rt->max_procs, sizeof *rt->slots);
  rt->freeq = malloc(rt->max_procs * sizeof *rt->freeq);
  rt->scheds = calloc((size_t)n, sizeof *rt->scheds);
  rt->lit = literal_area_new();
  if (!rt->slots || !rt->freeq || !rt->scheds || !rt->lit) goto fail;
  size_t ring = rt->cfg.trace ? rt->cfg.trace_ring_bytes : 0;
  for (int i = 0; i < n; i++) {
    sched *s = &rt->scheds[i];
    s->id = i;
    s->rt = rt;
    runq_init(&s->rq);
    theap_init(&s->timers);
    s->rand_state = (cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ull) + (uint64_t)i * 0x632BE59BD9B4E019ull;
    if (ring && !ring_init(&s->ring, ring)) goto fail;
  }
  if (ring && !ring_init(&rt->host_ring, ring)) goto fail;
  TRACE(rt, NULL, TR_HEADER, 0, (term)n, TRACE_VERSION, "beamlet", 7);
  return rt;
fail:
  rt_destroy(rt);
  return NULL;
}

void rt_destroy(runtime *rt) {
  if (!rt) return;
  sched_stop_threads(rt);
  /* timers first: a heap may still point at a process's receive timer */
  if (rt->scheds)
    for (int i = 0; i < rt->nsched; i++) theap_free(&rt->scheds[i].timers);
  /* free every process still in the table (no thread runs any more) */
  if (rt->slots) {
    uint32_t used = atomic_load(&rt->next_fresh);
    for (uint32_t i = 0; i < rt->max_procs && i < used; i++) {
      proc *p = atomic_load(&rt->slots[i]);
      if (!p) continue;
      uint32_t st = atomic_load(&p->state);
      if (st != PS_FREE && st != PS_DEAD) {
        mbox_drain_free(p);
        mbox_free_private(p);
        heap_release(p);
      } else if (st == PS_DEAD) {
        mbox_drain_free(p);
      }
      free(p->links);
      free(p->wait_tmr);
    }
  }
  while (rt->pcb_chunks) {
    struct pcb_chunk *c = rt->pcb_chunks;
    rt->pcb_chunks = c->next;
    free(c);
  }
  if (rt->scheds) {
    for (int i = 0; i < rt->nsched; i++) {
      mc_clear(&rt->scheds[i].mc);
      runq_free(&rt->scheds[i].rq);
      free(rt->scheds[i].own.items);
      ring_free(&rt->scheds[i].ring);
    }
  }
  ring_free(&rt->host_ring);
  if (rt->main_reason_frag) frag_free(rt->main_reason_frag);
  if (rt->prog) program_free(rt->prog);
  if (rt->lit) literal_area_free(rt->lit);
  reg_free(rt);
  free(rt->slots);
  free(rt->freeq);
  free(rt->scheds);
  sys_mutex_destroy(&rt->ptab_lock);
  sys_mutex_destroy(&rt->sleep_mx);
  sys_cond_destroy(&rt->sleep_cv);
  sys_cond_destroy(&rt->done_cv);
  sys_mutex_destroy(&rt->host_ring_lock);
  sys_mutex_destroy(&rt->trace_read_lock);
  sys_mutex_destroy(&rt->out_lock);
  free(rt);
}
