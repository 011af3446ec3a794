/*
 * api.c -- the public C API (beamlet.h) over the runtime modules.
 *
 * Every entry point checks its arguments and returns a status code; none
 * aborts the host on bad input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "vm.h"
#include "atom.h"

void beamlet_config_init(beamlet_config *cfg) {
  if (!cfg) return;
  memset(cfg, 0, sizeof *cfg);
  cfg->max_processes = RT_DEFAULT_MAX_PROCESSES;
  cfg->max_heap_bytes = RT_DEFAULT_MAX_HEAP;
  cfg->max_memory_bytes = RT_DEFAULT_MAX_MEMORY;
  cfg->trace_ring_bytes = RT_DEFAULT_TRACE_RING;
}

int beamlet_create(const beamlet_config *cfg, beamlet_runtime **out) {
  if (!out) return BEAMLET_EINVAL;
  *out = NULL;
  beamlet_config def;
  if (!cfg) {
    beamlet_config_init(&def);
    cfg = &def;
  }
  if (cfg->schedulers < 0 || (cfg->argc > 0 && !cfg->argv)) return BEAMLET_EINVAL;
  runtime *rt = rt_create(cfg);
  if (!rt) return BEAMLET_ENOMEM;
  *out = rt;
  return BEAMLET_OK;
}

void beamlet_destroy(beamlet_runtime *rt) { rt_destroy(rt); }

int beamlet_load(beamlet_runtime *rt, const char *source, size_t len, const char *file,
                 char *err, size_t err_cap) {
  if (!rt || (!source && len)) return BEAMLET_EINVAL;
  if (err && err_cap) err[0] = 0;
  if (rt->prog || rt->main_pid) return BEAMLET_ESTATE;
  struct program *prog =
      program_compile(rt->lit, source ? source : "", len, file ? file : "nofile", err, err_cap);
  if (!prog) return BEAMLET_ECOMPILE;
  rt->prog = prog;
  return BEAMLET_OK;
}

int beamlet_check(beamlet_runtime *rt, const char *source, size_t len, const char *file,
                  char *err, size_t err_cap) {
  if (!rt || (!source && len)) return BEAMLET_EINVAL;
  if (err && err_cap) err[0] = 0;
  struct program *prog =
      program_compile(rt->lit, source ? source : "", len, file ? file : "nofile", err, err_cap);
  if (!prog) return BEAMLET_ECOMPILE;
  program_free(prog);
  return BEAMLET_OK;
}

bool rt_start(runtime *rt) {
  if (!rt->threaded) return true;
  if (rt->scheds[0].started) return true;
  return sched_start_threads(rt);
}

/* The main process: bytecode (fn == NULL) or native. */
static int start_main(runtime *rt, proc_native_fn fn, void *data) {
  if (rt->main_pid) return BEAMLET_ESTATE;
  proc *p = proc_alloc(rt);
  if (!p) return BEAMLET_ENOMEM;
  if (fn) {
    p->native = fn;
    p->native_data = data;
  } else if (!vm_setup_main(p, rt->prog)) {
    p->pending_exit = ATOM_UNDEF;
  }
  rt->main_pid = p->pid;
  TRACE(rt, NULL, TR_SPAWN, p->pid, 0, 0, NULL, 0);
  rt_make_runnable(rt, p, NULL);
  return rt_start(rt) ? BEAMLET_OK : BEAMLET_ENOMEM;
}

int beamlet_start_main(beamlet_runtime *rt) {
  if (!rt) return BEAMLET_EINVAL;
  if (!rt->prog) return BEAMLET_ESTATE;
  return start_main(rt, NULL, NULL);
}

int rt_start_main_native(runtime *rt, proc_native_fn fn, void *data) {
  if (!rt || !fn) return BEAMLET_EINVAL;
  return start_main(rt, fn, data);
}

int beamlet_wait(beamlet_runtime *rt, int64_t timeout_ms) {
  if (!rt) return BEAMLET_EINVAL;
  if (!rt->main_pid) return BEAMLET_ESTATE;
  int64_t deadline = timeout_ms < 0 ? INT64_MAX : sys_monotonic_ns() + timeout_ms * 1000000;
  if (!rt->threaded) {
    /* host-driven: run slices here, sleeping until the next timer */
    for (;;) {
      int64_t next = -1;
      int r = sched_run_slice(rt, 100000, &next);
      if (r == BEAMLET_DONE) return r;
      if (sys_monotonic_ns() >= deadline) return BEAMLET_ETIMEOUT;
      if (r == BEAMLET_IDLE) {
        if (next < 0) return BEAMLET_ESTATE; /* nothing can ever run again */
        int64_t ns = next * 1000000;
        if (deadline != INT64_MAX && sys_monotonic_ns() + ns > deadline)
          ns = deadline - sys_monotonic_ns();
        sys_sleep_ns(ns);
      }
    }
  }
#if BEAMLET_THREADS
  int r = BEAMLET_DONE;
  sys_mutex_lock(&rt->sleep_mx);
  while (!atomic_load(&rt->main_done)) {
    if (deadline == INT64_MAX) {
      sys_cond_wait(&rt->done_cv, &rt->sleep_mx);
    } else {
      if (sys_monotonic_ns() >= deadline) {
        r = BEAMLET_ETIMEOUT;
        break;
      }
      sys_cond_wait_until(&rt->done_cv, &rt->sleep_mx, deadline);
    }
  }
  sys_mutex_unlock(&rt->sleep_mx);
  return r;
#else
  return BEAMLET_ESTATE;
#endif
}

int beamlet_run_slice(beamlet_runtime *rt, int32_t budget, int64_t *next_timer_ms) {
  if (!rt || budget <= 0) return BEAMLET_EINVAL;
  if (rt->threaded) return BEAMLET_ESTATE;
  return sched_run_slice(rt, budget, next_timer_ms);
}

int beamlet_main_status(beamlet_runtime *rt) {
  if (!rt) return BEAMLET_EINVAL;
  if (!atomic_load(&rt->main_done)) return BEAMLET_ESTATE;
  return rt->main_status;
}

size_t beamlet_pid_format(uint64_t pid, char *buf, size_t cap) {
  int n = snprintf(buf, buf ? cap : 0, "#PID<0.%u.%u>", pid_slot(pid), pid_serial(pid));
  return n < 0 ? 0 : (size_t)n;
}

size_t beamlet_trace_read(beamlet_runtime *rt, void *buf, size_t cap) {
  if (!rt || !buf || !cap) return 0;
  return trace_read(rt, buf, cap);
}

uint64_t beamlet_trace_dropped(beamlet_runtime *rt) { return rt ? trace_dropped(rt) : 0; }

int beamlet_trace_set(beamlet_runtime *rt, int on) {
  if (!rt) return BEAMLET_EINVAL;
  if (!rt->host_ring.buf) return BEAMLET_ESTATE;
  atomic_store(&rt->tracing, on ? 1 : 0);
  return BEAMLET_OK;
}
