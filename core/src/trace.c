/*
 * trace.c -- event rings (see trace.h for the record format).
 *
 * A ring is a power-of-two byte array with two monotonically increasing
 * byte counters: head (written only by the ring's producer) and tail
 * (written only by the reader, under rt->trace_read_lock). Records start at
 * 8-byte aligned counter values and may wrap around the end of the array.
 * The producer publishes a record by storing head with release after
 * writing its bytes; the reader publishes consumption by storing tail with
 * release after copying, so the producer never overwrites unread bytes.
 *
 * A full ring: a trace is for watching, so a scheduler thread waits for the
 * reader (the host, which drains every millisecond or so) rather than leave
 * a hole, and a flood slows to the reader's pace. The wait is bounded
 * (TRACE_WAIT_NS): a reader that does not come in time is taken as gone,
 * and the ring drops records (counting them) without waiting until the
 * reader moves again. The host's own ring never waits (its writer may be
 * the reader), nor does anything without threads (the scheduler's thread
 * is the reader).
 */
#include <stdio.h>
#include <stdlib.h>

#include "trace.h"
#include "atom.h"
#include "inspect.h"

static inline uint64_t align8(uint64_t v) { return (v + 7) & ~(uint64_t)7; }

bool ring_init(rt_ring *r, size_t bytes) {
  uint64_t cap = 4096;
  while (cap < bytes) cap <<= 1;
  r->buf = malloc((size_t)cap);
  r->cap = r->buf ? cap : 0;
  atomic_init(&r->head, 0);
  atomic_init(&r->tail, 0);
  atomic_init(&r->dropped, 0);
  r->gone_at = UINT64_MAX;
  return r->buf != NULL;
}

void ring_free(rt_ring *r) {
  free(r->buf);
  r->buf = NULL;
  r->cap = 0;
}

static void ring_put(rt_ring *r, uint64_t at, const void *src, size_t n) {
  uint64_t off = at & (r->cap - 1);
  size_t first = (size_t)(r->cap - off) < n ? (size_t)(r->cap - off) : n;
  memcpy(r->buf + off, src, first);
  if (first < n) memcpy(r->buf, (const uint8_t *)src + first, n - first);
}

static void ring_get(const rt_ring *r, uint64_t at, void *dst, size_t n) {
  uint64_t off = at & (r->cap - 1);
  size_t first = (size_t)(r->cap - off) < n ? (size_t)(r->cap - off) : n;
  memcpy(dst, r->buf + off, first);
  if (first < n) memcpy((uint8_t *)dst + first, r->buf, n - first);
}

#define TRACE_WAIT_NS ((int64_t)50 * 1000000)
#define TRACE_NAP_NS ((int64_t)20 * 1000)

/* Is there room for `need` bytes at head? A full ring waits for the reader
 * when `wait` (see the top of this file). */
static bool ring_room(runtime *rt, rt_ring *r, uint64_t head, uint64_t need, bool wait) {
  uint64_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
  if (r->cap - (head - tail) >= need) return true;
  if (!wait) return false;
  if (r->gone_at != UINT64_MAX) {
    if (tail == r->gone_at) return false; /* still gone */
    r->gone_at = UINT64_MAX;
  }
  int64_t until = sys_monotonic_ns() + TRACE_WAIT_NS;
  for (;;) {
    sys_sleep_ns(TRACE_NAP_NS);
    tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (r->cap - (head - tail) >= need) return true;
    if (atomic_load_explicit(&rt->stopping, memory_order_relaxed) || sys_monotonic_ns() > until) {
      r->gone_at = tail;
      return false;
    }
  }
}

static void ring_write(runtime *rt, rt_ring *r, bool wait, const uint8_t hdr[TRACE_REC_HEADER],
                       const char *text, size_t len) {
  if (!r->cap) return;
  uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
  uint64_t need = align8(TRACE_REC_HEADER + len);
  if (!ring_room(rt, r, head, need, wait)) {
    atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
    return;
  }
  ring_put(r, head, hdr, TRACE_REC_HEADER);
  if (len) ring_put(r, head + TRACE_REC_HEADER, text, len);
  atomic_store_explicit(&r->head, head + need, memory_order_release);
}

static void put_u16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void put_u64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get_u64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

void trace_write(runtime *rt, sched *s, int type, term pid, term other, uint64_t extra,
                 const char *text, size_t len) {
  if (len > TRACE_TEXT_MAX && type != TR_OUTPUT) len = TRACE_TEXT_MAX;
  if (len > 65536) len = 65536;
  uint8_t hdr[TRACE_REC_HEADER];
  put_u32(hdr, (uint32_t)(TRACE_REC_HEADER + len));
  put_u16(hdr + 4, (uint16_t)type);
  put_u16(hdr + 6, s ? (uint16_t)s->id : (uint16_t)TRACE_HOST_SCHED);
  put_u64(hdr + 8, (uint64_t)rt_now_ns(rt));
  put_u64(hdr + 16, pid);
  put_u64(hdr + 24, other);
  put_u64(hdr + 32, extra);
  if (s) {
    ring_write(rt, &s->ring, rt->threaded, hdr, text, len);
  } else {
    sys_mutex_lock(&rt->host_ring_lock);
    ring_write(rt, &rt->host_ring, false, hdr, text, len);
    sys_mutex_unlock(&rt->host_ring_lock);
  }
}

void trace_write_term(runtime *rt, sched *s, int type, term pid, term other, uint64_t extra,
                      term t) {
  char buf[TRACE_TEXT_MAX + 8];
  size_t n = rt_render_term(t, buf, sizeof buf);
  trace_write(rt, s, type, pid, other, extra, buf, n);
}

/* ---- the inspect hook ---- */
size_t rt_render_term(term t, char *buf, size_t cap) {
  if (cap == 0) return 0;
  inspect_opts o;
  inspect_opts_init(&o);
  o.limit = 10;
  o.printable_limit = TRACE_TEXT_MAX;
  strbuf sb;
  strbuf_init(&sb);
  inspect_term(&sb, t, &o);
  size_t n = sb.oom || !sb.data ? 0 : sb.len;
  if (n >= cap) {
    /* truncated: end in "..." */
    n = cap - 1;
    if (n >= 3) memcpy(sb.data + n - 3, "...", 3);
  }
  if (n) memcpy(buf, sb.data, n);
  buf[n] = 0;
  strbuf_free(&sb);
  return n;
}

/* ---- reading ---- */

typedef struct cursor {
  rt_ring *r;
  uint64_t tail, head;
} cursor;

/* Peek the record at c->tail: fills hdr, returns false when none. */
static bool cur_peek(cursor *c, uint8_t hdr[TRACE_REC_HEADER]) {
  if (c->tail >= c->head) return false;
  ring_get(c->r, c->tail, hdr, TRACE_REC_HEADER);
  return true;
}

size_t trace_read(runtime *rt, uint8_t *buf, size_t cap) {
  sys_mutex_lock(&rt->trace_read_lock);
  int n = rt->nsched + 1;
  cursor cur[RT_MAX_SCHEDULERS + 1];
  for (int i = 0; i < n; i++) {
    /* the host ring first: at equal times its records (TR_HEADER) win */
    rt_ring *r = i == 0 ? &rt->host_ring : &rt->scheds[i - 1].ring;
    cur[i].r = r;
    cur[i].tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    cur[i].head = atomic_load_explicit(&r->head, memory_order_acquire);
  }
  size_t out = 0;
  for (;;) {
    int best = -1;
    uint64_t best_t = 0;
    uint8_t hdr[TRACE_REC_HEADER];
    for (int i = 0; i < n; i++) {
      if (!cur_peek(&cur[i], hdr)) continue;
      uint64_t t = get_u64(hdr + 8);
      if (best < 0 || t < best_t) {
        best = i;
        best_t = t;
      }
    }
    if (best < 0) break;
    cur_peek(&cur[best], hdr);
    uint32_t size = get_u32(hdr);
    size_t need = (size_t)align8(size);
    if (out + size > cap) break;
    ring_get(cur[best].r, cur[best].tail, buf + out, size);
    if (out + need <= cap) memset(buf + out + size, 0, need - size);
    out += need;
    cur[best].tail += need;
    if (out >= cap) break;
  }
  for (int i = 0; i < n; i++)
    atomic_store_explicit(&cur[i].r->tail, cur[i].tail, memory_order_release);
  sys_mutex_unlock(&rt->trace_read_lock);
  return out > cap ? cap : out;
}

uint64_t trace_dropped(runtime *rt) {
  uint64_t d = atomic_load_explicit(&rt->host_ring.dropped, memory_order_relaxed);
  for (int i = 0; i < rt->nsched; i++)
    d += atomic_load_explicit(&rt->scheds[i].ring.dropped, memory_order_relaxed);
  return d;
}
