/*
 * runtime.c -- the runtime object: creation and teardown, clocks (real or
 * virtual), memory accounting, output, and the small services of process.h.
 *
 * Clocks: rt_now_ms is milliseconds since the runtime was created. In
 * deterministic mode it is a virtual clock that moves only when no process
 * can run and a timer is pending (scheduler.c jumps it to that timer), so
 * sleeps finish at once and a script's event sequence repeats exactly.
 */
#include <stdio.h>
#include <stdlib.h>

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

bool rt_mem_account(struct runtime *rt, intptr_t bytes) {
  int64_t now = atomic_fetch_add(&rt->mem_bytes, (int64_t)bytes) + (int64_t)bytes;
  return bytes <= 0 || now <= (int64_t)rt->cfg.max_memory_bytes;
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
    for (uint32_t i = 0; i < rt->max_procs && i < rt->next_fresh; i++) {
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
      sys_mutex_destroy(&p->lock);
      free(p);
    }
  }
  if (rt->scheds) {
    for (int i = 0; i < rt->nsched; i++) {
      runq_free(&rt->scheds[i].rq);
      ring_free(&rt->scheds[i].ring);
    }
  }
  ring_free(&rt->host_ring);
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
