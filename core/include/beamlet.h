/*
 * beamlet.h -- the public C API of the beamlet runtime.
 *
 * A runtime holds processes, schedulers, the loaded program and the event
 * trace. Every entry point returns a status code (BEAMLET_OK or a negative
 * BEAMLET_E* value) and never aborts the host on bad input.
 *
 *   beamlet_config cfg;
 *   beamlet_config_init(&cfg);
 *   cfg.schedulers = 4;
 *   beamlet_runtime *rt;
 *   beamlet_create(&cfg, &rt);
 *   beamlet_load(rt, source, len, "script.exs", err, sizeof err);
 *   beamlet_start_main(rt);              // the script runs in the main process
 *   beamlet_wait(rt, -1);                // threaded: wait until it ends
 *   ... or, single-threaded: while (beamlet_run_slice(rt, 10000) == BEAMLET_BUSY) {}
 *   beamlet_main_result(rt, &status);    // 0 = normal exit, 1 = crashed
 *   beamlet_destroy(rt);
 */
#ifndef BEAMLET_H
#define BEAMLET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BEAMLET_VERSION "0.1.0"

/* status codes */
#define BEAMLET_OK 0
#define BEAMLET_BUSY 1        /* run_slice: there is more to do now */
#define BEAMLET_IDLE 2        /* run_slice: nothing runnable until a timer */
#define BEAMLET_DONE 3        /* run_slice / wait: the main process ended */
#define BEAMLET_EINVAL (-1)   /* a bad argument */
#define BEAMLET_ENOMEM (-2)   /* out of memory */
#define BEAMLET_ECOMPILE (-3) /* the source did not compile (message given) */
#define BEAMLET_ESTATE (-4)   /* the call is not valid in this state */
#define BEAMLET_ETIMEOUT (-5) /* wait: the deadline passed */
#define BEAMLET_ENOPROC (-6)  /* no such process or name */

typedef struct runtime beamlet_runtime;

/* Where output goes: fd 1 (stdout) or 2 (stderr), from process `pid` (a
 * printable "<0.N.S>" string is available with beamlet_pid_format). Called
 * from scheduler threads; must not call back into the runtime. NULL writes
 * to the C stdio streams. */
typedef void (*beamlet_output_fn)(void *ctx, int fd, uint64_t pid, const char *data, size_t len);

typedef struct beamlet_config {
  int schedulers;            /* 0 = one per core; ignored (1) without threads */
  int deterministic;         /* 1 = one scheduler, seeded, virtual time */
  uint64_t seed;             /* for :rand and for deterministic mode */
  int trace;                 /* 1 = record the event trace */
  size_t trace_ring_bytes;   /* per scheduler; 0 = default (1 MiB) */
  size_t max_processes;      /* 0 = default (262,144) */
  size_t max_heap_bytes;     /* per process; 0 = default (64 MiB) */
  size_t max_memory_bytes;   /* whole runtime; 0 = default (1 GiB) */
  beamlet_output_fn output;
  void *output_ctx;
  const char *const *argv;   /* System.argv() */
  int argc;
  int host_driven;           /* 1 = start no scheduler threads: the host calls
                                beamlet_run_slice (always so without threads) */
} beamlet_config;

void beamlet_config_init(beamlet_config *cfg);
int beamlet_create(const beamlet_config *cfg, beamlet_runtime **out);
/* Stop every scheduler, free everything. Safe on a running runtime. */
void beamlet_destroy(beamlet_runtime *rt);

/* Compile a script (its modules and its top-level code). On a compile error
 * returns BEAMLET_ECOMPILE and writes "file:line:col: message" to err. */
int beamlet_load(beamlet_runtime *rt, const char *source, size_t len, const char *file,
                 char *err, size_t err_cap);
/* Start the main process running the loaded script's top-level code; with
 * threads the schedulers start too. */
int beamlet_start_main(beamlet_runtime *rt);
/* Threaded: block until the main process ends or timeout_ms passes (-1 =
 * forever). Returns BEAMLET_DONE or BEAMLET_ETIMEOUT. */
int beamlet_wait(beamlet_runtime *rt, int64_t timeout_ms);
/* Single-threaded hosts: run up to `budget` reductions. Returns BUSY, IDLE
 * (with *next_timer_ms set to the ms until the next timer, or -1), or DONE. */
int beamlet_run_slice(beamlet_runtime *rt, int32_t budget, int64_t *next_timer_ms);
/* Exit status of the main process: 0 when it ended normally, 1 when it
 * crashed (its crash report has been written to the output). */
int beamlet_main_status(beamlet_runtime *rt);

/* Format a pid as "#PID<0.N.S>" into buf; returns the length. */
size_t beamlet_pid_format(uint64_t pid, char *buf, size_t cap);

/* ---- observation ---- */

/* The event trace (config.trace = 1): copy whole records, oldest first
 * (merged by time across schedulers), into buf; returns the bytes written
 * (0 when there is nothing new). Records are consumed. The record format is
 * documented in core/src/trace.h (TRACE_VERSION). One reader at a time;
 * safe while schedulers run. */
size_t beamlet_trace_read(beamlet_runtime *rt, void *buf, size_t cap);
/* Events dropped because a ring was full. */
uint64_t beamlet_trace_dropped(beamlet_runtime *rt);
/* Pause (0) or resume (1) tracing; BEAMLET_ESTATE if the runtime was
 * created without config.trace. */
int beamlet_trace_set(beamlet_runtime *rt, int on);

/* A JSON snapshot of every live process:
 *   {"schedulers":N,"process_count":N,"time_ms":T,"processes":[
 *     {"pid":"#PID<0.N.S>","name":"atom"|null,"status":"running"|"runnable"|
 *      "waiting"|"exiting","message_queue_len":N,"messages":["..."],
 *      "links":["#PID<..>"],"monitors":["#PID<..>"],"monitored_by":[...],
 *      "trap_exit":bool,"heap_bytes":N,"reductions":N}, ...]}
 * Writes at most cap bytes (NUL-terminated when cap > 0) and returns the
 * length the whole text needs (call again with a larger buffer if it is
 * >= cap). Safe while schedulers run. */
size_t beamlet_snapshot(beamlet_runtime *rt, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
