/*
 * snapshot.c -- beamlet_snapshot: every live process as JSON.
 *
 * Free of data races while schedulers run: each process is acquired
 * (process.c), its private queue, links and trap flag are read under its
 * lock (the owner changes them only under that lock), and the rest comes
 * from atomics (state, registered name, queue length, and the statistics
 * the owner publishes each time it stops running). The messages shown are
 * the first of the private queue and then of the inbox (mailbox.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"

#define SNAP_MESSAGES 5

typedef struct sbuf {
  char *d;
  size_t len, cap;
  bool oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    while (cap < b->len + n + 1) cap *= 2;
    char *d = realloc(b->d, cap);
    if (!d) {
      b->oom = true;
      return;
    }
    b->d = d;
    b->cap = cap;
  }
  memcpy(b->d + b->len, s, n);
  b->len += n;
  b->d[b->len] = 0;
}
static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }
static void sb_fmt_u64(sbuf *b, uint64_t v) {
  char t[32];
  int n = snprintf(t, sizeof t, "%llu", (unsigned long long)v);
  sb_add(b, t, (size_t)n);
}
static void sb_json(sbuf *b, const char *s, size_t n) {
  sb_add(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[8];
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      sb_add(b, esc, 2);
    } else if (c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      sb_add(b, esc, 6);
    } else {
      sb_add(b, (const char *)&s[i], 1);
    }
  }
  sb_add(b, "\"", 1);
}
static void sb_pid(sbuf *b, term pid) {
  char t[48];
  size_t n = beamlet_pid_format(pid, t, sizeof t);
  sb_json(b, t, n);
}

static const char *status_name(uint32_t s) {
  switch (s) {
  case PS_RUNNABLE: return "runnable";
  case PS_RUNNING: return "running";
  case PS_WAITING: return "waiting";
  default: return "exiting";
  }
}

typedef struct snapctx {
  sbuf *b;
  bool first;
} snapctx;

static void pid_list(sbuf *b, proc *p, uint32_t kind) {
  sb_str(b, "[");
  bool first = true;
  for (uint32_t i = 0; i < p->nlinks; i++) {
    if (p->links[i].kind != kind) continue;
    if (!first) sb_str(b, ",");
    first = false;
    sb_pid(b, p->links[i].pid);
  }
  sb_str(b, "]");
}

typedef struct render_ctx {
  sbuf *b;
  int k;
} render_ctx;
static void render_msg(term v, void *ctx) {
  render_ctx *rc = ctx;
  char t[TRACE_TEXT_MAX + 8];
  size_t n = rt_render_term(v, t, sizeof t);
  if (rc->k++) sb_str(rc->b, ",");
  sb_json(rc->b, t, n);
}

static void one(proc *p, void *arg) {
  snapctx *c = arg;
  sbuf *b = c->b;
  if (!c->first) sb_str(b, ",");
  c->first = false;
  term pid = atomic_load(&p->slot_pid);
  sb_str(b, "{\"pid\":");
  sb_pid(b, pid);
  sb_str(b, ",\"name\":");
  term name = atomic_load(&p->reg_name);
  if (name == NIL) sb_str(b, "null");
  else sb_json(b, atom_text(name), atom_len(name));
  sb_str(b, ",\"status\":\"");
  sb_str(b, status_name(atomic_load(&p->state)));
  sb_str(b, "\",\"message_queue_len\":");
  sb_fmt_u64(b, mbox_len(p, false));
  proc_lock(p);
  sb_str(b, ",\"messages\":[");
  render_ctx rc = {b, 0};
  mbox_each_locked(p, render_msg, &rc, SNAP_MESSAGES);
  sb_str(b, "],\"links\":");
  pid_list(b, p, LK_LINK);
  sb_str(b, ",\"monitors\":");
  pid_list(b, p, LK_MON_OUT);
  sb_str(b, ",\"monitored_by\":");
  pid_list(b, p, LK_MON_IN);
  sb_str(b, ",\"trap_exit\":");
  sb_str(b, p->trap_exit ? "true" : "false");
  proc_unlock(p);
  sb_str(b, ",\"heap_bytes\":");
  sb_fmt_u64(b, (uint64_t)atomic_load_explicit(&p->pub_heap_words, memory_order_relaxed) * sizeof(term));
  sb_str(b, ",\"reductions\":");
  sb_fmt_u64(b, atomic_load_explicit(&p->pub_reductions, memory_order_relaxed));
  sb_str(b, "}");
}

size_t beamlet_snapshot(beamlet_runtime *rt, char *buf, size_t cap) {
  if (!rt) return 0;
  sbuf b = {0};
  sb_str(&b, "{\"schedulers\":");
  sb_fmt_u64(&b, (uint64_t)rt->nsched);
  sb_str(&b, ",\"process_count\":");
  sb_fmt_u64(&b, rt_process_count(rt));
  sb_str(&b, ",\"time_ms\":");
  sb_fmt_u64(&b, (uint64_t)rt_now_ms(rt));
  sb_str(&b, ",\"processes\":[");
  snapctx c = {&b, true};
  rt_each_process(rt, one, &c);
  sb_str(&b, "]}");
  size_t need = b.oom ? 0 : b.len;
  if (buf && cap) {
    size_t n = need < cap ? need : cap - 1;
    if (n) memcpy(buf, b.d, n);
    buf[n] = 0;
  }
  free(b.d);
  return need;
}
