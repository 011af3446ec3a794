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
  size_t max_heap_bytes;     /* per process, heap + mailbox; 0 = default (256 MiB; 64 MiB in the threaded wasm build) */
  size_t max_memory_bytes;   /* whole runtime; 0 = default (1 GiB; 160 MiB in the threaded wasm build) */
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
/* Compile a script only, to report its compile error as beamlet_load would
 * (BEAMLET_ECOMPILE, err filled); loads nothing, in any state. */
int beamlet_check(beamlet_runtime *rt, const char *source, size_t len, const char *file,
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
/* Exit status of the main process, as `elixir` exits: 0 when it ended
 * normally (or with :shutdown), n for {:shutdown, n}, 1 when it crashed
 * (its crash report has been written to the output); ESTATE before. */
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
/* Events dropped because a ring was full. A scheduler thread whose ring is
 * full first waits for the reader, at most 50 ms (so a reader that reads
 * every few milliseconds loses nothing); without threads nothing waits. */
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

/* ---- the host bridge (core/src/host.c; used by the JS package) ----
 *
 * A beamlet_host owns a runtime whose output is captured, and a queue of
 * records the host drains from its own thread without ever blocking
 * (producers push with one CAS). Values cross as BTF, the compact binary
 * term format documented in core/src/host.c. Host processes are native
 * processes with real pids whose messages come out of the queue. */
typedef struct beamlet_host beamlet_host;

/* A host with a fresh runtime (seed is a double so hosts without 64-bit
 * integers can pass it). NULL when out of memory. */
beamlet_host *beamlet_host_create(int schedulers, int deterministic, double seed, int trace,
                                  int host_driven);
beamlet_runtime *beamlet_host_runtime(beamlet_host *h);
/* Ask the scheduler threads to leave their loops, without waiting. */
void beamlet_host_stop_begin(beamlet_host *h);
/* After stop_begin: join the scheduler threads that have ended, without
 * blocking; 1 when every one has (destroy then never blocks). */
int beamlet_host_stop_poll(beamlet_host *h);
/* Destroy the runtime (joins the scheduler threads) and the queue. */
void beamlet_host_destroy(beamlet_host *h);
/* The next queued record, oldest first, or NULL; valid until the next call.
 * Layout (wasm32): 0 next, 4 kind (1 output, 2 message to a host process,
 * 3 command reply, 4 host process exit), 8 fd / reply status, 12 len,
 * 16 pid (u64), 24 other (u64: reply seq), 32 data (len bytes). */
void *beamlet_host_next(beamlet_host *h);
/* 1 while the world has work to do now (records for the host, a process
 * runnable or running); 0 when every process waits. */
int beamlet_host_busy(beamlet_host *h);
/* 1 once the main process has ended. */
int beamlet_host_main_done(beamlet_host *h);
/* The result buffer some calls fill (a BTF value or an error text). */
const uint8_t *beamlet_host_result(beamlet_host *h);
size_t beamlet_host_result_len(beamlet_host *h);
/* The main process's exit reason as BTF in the result buffer; ESTATE
 * until the main process has ended. */
int beamlet_host_main_reason(beamlet_host *h);
/* Spawn a host process, trapping exits from the start when trap_exit is
 * set; *pid_out receives its pid. */
int beamlet_host_spawn(beamlet_host *h, int trap_exit, uint64_t *pid_out);
/* 1 when pid is a live process. */
int beamlet_host_alive(beamlet_host *h, uint64_t pid);
/* Register pid under name: ENOPROC (not alive), ESTATE (name taken or the
 * process has a name), EINVAL (a bad name). */
int beamlet_host_register(beamlet_host *h, uint64_t pid, const char *name, size_t len);
/* The pid registered under name, or ENOPROC. */
int beamlet_host_whereis(beamlet_host *h, const char *name, size_t len, uint64_t *pid_out);
/* Every registered name, as a BTF list of atoms in the result buffer. */
int beamlet_host_registered(beamlet_host *h);
/* Send a BTF value from `from` (a pid or 0) to pid `to`, or (to == 0) to
 * the registered name. EINVAL (reason text in the result buffer) for a bad
 * value, ENOPROC for an unregistered name; a dead pid drops the message. */
int beamlet_host_send(beamlet_host *h, uint64_t from, uint64_t to, const char *name,
                      size_t name_len, const uint8_t *btf, size_t len);
/* Send an exit signal to pid `to` with a BTF reason, as Process.exit/2 from
 * `from` (a pid), or from the host (from == 0; a process trapping exits
 * receives {:EXIT, :host, reason}). ENOPROC when `to` is not alive. */
int beamlet_host_exit(beamlet_host *h, uint64_t from, uint64_t to, const uint8_t *btf,
                      size_t len);
/* Decode a BTF value and encode it again into the result buffer. */
int beamlet_host_echo(beamlet_host *h, const uint8_t *btf, size_t len);
/* Have host process pid run op ("link", "unlink", "monitor", "demonitor",
 * "trap_exit", "exit") on the BTF argument; the answer comes back as a
 * reply record carrying seq. ENOPROC when pid is no live host process. */
int beamlet_host_command(beamlet_host *h, uint64_t pid, double seq, const char *op,
                         const uint8_t *btf, size_t len);
/* System.argv() for the world's main process: argc strings, each followed
 * by a NUL, back to back in data (len bytes). Copied. Only before the main
 * process starts (ESTATE after); EINVAL when the NULs do not count argc.
 * A host process's end (any cause, exit signals included) comes out of
 * beamlet_host_next as a kind 4 record carrying its exit reason (BTF); the
 * host takes the first one for a pid and ignores any repeat. */
int beamlet_host_set_argv(beamlet_host *h, const char *data, size_t len, int argc);

#ifdef __cplusplus
}
#endif

#endif
