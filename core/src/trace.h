/*
 * trace.h -- the event trace: what happened in the runtime, as records in
 * ring buffers. This header is the versioned contract with the JavaScript
 * side (node/, web/): change the format only by bumping TRACE_VERSION.
 *
 * Writers: each scheduler writes the events it causes into its own ring
 * (single producer, no lock); threads that are no scheduler (the host
 * calling the API) write into one extra "host" ring under a lock. When a
 * scheduler thread's ring is full it waits for the reader, at most 50 ms
 * (then, until the reader reads again, it drops events and counts them);
 * the host ring and a runtime without threads never wait: their full rings
 * drop and count. With tracing off, an event costs one predictable branch
 * (trace_on()).
 *
 * Reader: beamlet_trace_read (beamlet.h) copies whole records out of all
 * rings, merged by time, into the caller's buffer.
 *
 * ---- the binary format (version 2), little-endian ----
 *
 * A stream is a sequence of records. Every record starts at an offset that
 * is a multiple of 8 (from the start of the buffer beamlet_trace_read
 * filled); the next record starts at align8(offset + size).
 *
 *   offset  type  field
 *   0       u32   size       bytes of this record: 40 + text length (unpadded)
 *   4       u16   type       TR_* below
 *   6       u16   scheduler  id of the scheduler that wrote it (0xFFFF: host)
 *   8       u64   time_ns    since the runtime started; virtual time (ms
 *                            granularity) in deterministic mode
 *   16      u64   pid        the acting process (the term word of the pid;
 *                            slot = (pid >> 6) & 0xFFFFFF, serial = pid >> 30)
 *   24      u64   other      the other process (0 when none)
 *   32      u64   extra      per type, below
 *   40      u8[]  text       UTF-8, size - 40 bytes, not NUL-terminated
 *
 *   type              pid        other        extra               text
 *   1  TR_HEADER      0          schedulers   TRACE_VERSION       "beamlet"
 *   2  TR_SPAWN       child      parent       opts (1 link, 2 mon)  ""
 *   3  TR_EXIT        process    0            0                   reason
 *   4  TR_SEND        sender     receiver     0 ok, 1 dead dest   message
 *   5  TR_RECEIVE     receiver   0            clause index        message
 *   6  TR_REGISTER    process    0            0                   name
 *   7  TR_UNREGISTER  process    0            0                   name
 *   8  TR_LINK        process    linked pid   0                   ""
 *   9  TR_UNLINK      process    other pid    0                   ""
 *   10 TR_MONITOR     monitoring monitored    ref id              ""
 *   11 TR_DEMONITOR   monitoring monitored    ref id              ""
 *   12 TR_DOWN        receiver   dead pid     ref id              reason
 *   13 TR_SCHED_IN    process    0            run-queue length    ""
 *   14 TR_SCHED_OUT   process    memory       cause | reds << 8   ""
 *   15 TR_OUTPUT      process    0            fd (1 or 2)         the bytes
 *   16 TR_EXIT_SIGNAL sender     receiver     0 link, 1 Process.exit  reason
 *
 * TR_SCHED_IN: the length of the scheduler's run queue once p is taken
 * from it (the processes waiting for that scheduler).
 * TR_SCHED_OUT: `memory` is the process's memory in bytes (what
 * Process.info(pid, :memory) reports) and `reds` its reductions so far
 * (bits 8..63 of extra); cause (bits 0..7) is 0 yield, 1 wait, 2 exit.
 *
 * Message and reason texts are `inspect` renderings truncated to
 * TRACE_TEXT_MAX bytes (then ending in "..."). The stream begins with one
 * TR_HEADER record (written when the runtime is created).
 */
#ifndef BEAMLET_TRACE_H
#define BEAMLET_TRACE_H

#include "runtime.h"

#define TRACE_VERSION 2
#define TRACE_REC_HEADER 40
#define TRACE_TEXT_MAX 200
#define TRACE_HOST_SCHED 0xFFFF

enum {
  TR_HEADER = 1,
  TR_SPAWN = 2,
  TR_EXIT = 3,
  TR_SEND = 4,
  TR_RECEIVE = 5,
  TR_REGISTER = 6,
  TR_UNREGISTER = 7,
  TR_LINK = 8,
  TR_UNLINK = 9,
  TR_MONITOR = 10,
  TR_DEMONITOR = 11,
  TR_DOWN = 12,
  TR_SCHED_IN = 13,
  TR_SCHED_OUT = 14,
  TR_OUTPUT = 15,
  TR_EXIT_SIGNAL = 16
};

static inline bool trace_on(runtime *rt) {
  return __builtin_expect(atomic_load_explicit(&rt->tracing, memory_order_relaxed) != 0, 0);
}

bool ring_init(rt_ring *r, size_t bytes);
void ring_free(rt_ring *r);

/* Write one record from scheduler s (NULL: host ring). Text may be NULL. */
void trace_write(runtime *rt, sched *s, int type, term pid, term other, uint64_t extra,
                 const char *text, size_t len);
/* Same, with a term rendered as the text. */
void trace_write_term(runtime *rt, sched *s, int type, term pid, term other, uint64_t extra,
                      term t);

/* Render a term into buf (NUL-terminated, at most cap-1 bytes) as inspect/1
 * does, with collections limited to 10 items; a truncated text ends in
 * "...". Returns the length. */
size_t rt_render_term(term t, char *buf, size_t cap);

/* Copy whole records into buf (the reader API of beamlet.h). */
size_t trace_read(runtime *rt, uint8_t *buf, size_t cap);
uint64_t trace_dropped(runtime *rt);

#define TRACE(rt, ...)                       \
  do {                                       \
    if (trace_on(rt)) trace_write(rt, __VA_ARGS__); \
  } while (0)
#define TRACE_TERM(rt, ...)                  \
  do {                                       \
    if (trace_on(rt)) trace_write_term(rt, __VA_ARGS__); \
  } while (0)

#endif
