/*
 * test_runtime.c -- the process runtime, single-threaded (host-driven
 * beamlet_run_slice, deterministic virtual time), with native processes:
 * load errors, start_main/run_slice/main_status, the registry and its
 * errors, send to a name, the process limit (SystemLimitError), receive
 * timeouts on the virtual clock, send_after/cancel_timer, trap_exit,
 * Process.info, output, the snapshot JSON and the trace records.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "native_proc.h"
#include "trace.h"


#define P "Elixir.Process"
#define MAXP 16

static term A(const char *s) { return atom_from_cstr(s); }

/* echo: waits for a pid, sends it :pong, exits normally */
static int echo_body(proc *p, int32_t budget) {
  (void)budget;
  term v = np_take_any(p);
  if (v == NONE) return VM_WAIT;
  proc_send(p, v, A("pong"));
  return np_exit(p, ATOM_NORMAL);
}

static int waiter_body(proc *p, int32_t budget) {
  (void)budget;
  while (np_take_any(p) != NONE) {
  }
  return VM_WAIT;
}

static int boom_body(proc *p, int32_t budget) {
  (void)budget;
  return np_exit(p, A("boom"));
}

typedef struct main_st {
  int line;
  int i, pongs, spawned;
  uint32_t before;
  int64_t deadline, cancel_left;
  term waiter, child, tref;
  char out[256];
  size_t out_len;
} main_st;

static main_st ms;

static void capture_output(void *ctx, int fd, uint64_t pid, const char *data, size_t len) {
  (void)pid;
  main_st *st = ctx;
  if (fd == 1 && st->out_len + len < sizeof st->out) {
    memcpy(st->out + st->out_len, data, len);
    st->out_len += len;
  }
}

static int main_body(proc *p, int32_t budget) {
  (void)budget;
  main_st *st = p->native_data;
  runtime *rt = p->rt;
  term v, a[3];
  NP_BEGIN(&st->line)
  /* ---- registry ---- */
  a[0] = p->pid;
  a[1] = A("main");
  CHECK(np_bif(P, "register", 2)(p, a) == ATOM_TRUE);
  a[1] = A("second");
  np_clear_exc(p);
  CHECK(np_bif(P, "register", 2)(p, a) == NONE); /* a second name */
  CHECK(np_raised(p, "ArgumentError"));
  st->waiter = rt_spawn_native(rt, p, waiter_body, NULL, 0, NULL)->pid;
  a[0] = st->waiter;
  a[1] = A("main");
  np_clear_exc(p);
  CHECK(np_bif(P, "register", 2)(p, a) == NONE); /* a taken name */
  CHECK(np_raised(p, "ArgumentError"));
  a[1] = A("waiter");
  CHECK(np_bif(P, "register", 2)(p, a) == ATOM_TRUE);
  a[0] = A("main");
  CHECK(np_bif(P, "whereis", 1)(p, a) == p->pid);
  a[0] = A("nobody");
  CHECK(np_bif(P, "whereis", 1)(p, a) == ATOM_NIL);
  np_clear_exc(p);
  CHECK(np_bif(P, "unregister", 1)(p, a) == NONE);
  CHECK(np_raised(p, "ArgumentError"));
  np_clear_exc(p);
  CHECK(proc_send(p, A("nobody"), ATOM_OK) == NONE); /* send to an unregistered name */
  CHECK(np_raised(p, "ArgumentError"));
  v = np_bif(P, "registered", 0)(p, a);
  CHECK(is_cons(v) && is_cons(cdr(v)) && is_nil(cdr(cdr(v))));

  /* ---- spawn, send, receive ---- */
  for (st->i = 0; st->i < 3; st->i++) {
    proc *w = rt_spawn_native(rt, p, echo_body, NULL, 0, NULL);
    CHECK(w != NULL);
    proc_send(p, w->pid, p->pid);
  }
  while (st->pongs < 3) {
    NP_AWAIT(&st->line, v, np_take_any(p));
    CHECK(v == A("pong"));
    st->pongs++;
  }
  /* send by name: the waiter gets it */
  CHECK(proc_send(p, A("waiter"), A("hello")) == A("hello"));

  /* ---- the process limit ---- */
  NP_YIELD(&st->line); /* let the echo processes finish */
  st->before = rt_process_count(rt);
  CHECK_EQ_INT(st->before, 2); /* main + waiter */
  np_clear_exc(p);
  for (st->spawned = 0; st->spawned < 100; st->spawned++) {
    a[0] = A("nomod");
    a[1] = A("nofun");
    a[2] = NIL;
    if (np_bif("erlang", "spawn", 3)(p, a) == NONE) break;
  }
  CHECK_EQ_INT(st->spawned, MAXP - 2);
  CHECK(np_raised(p, "SystemLimitError"));
  NP_YIELD(&st->line); /* the children die in their first call (:undef), each with a crash report */
  CHECK_EQ_INT(rt_process_count(rt), 2);

  /* ---- receive ... after 5000 on the virtual clock ---- */
  st->deadline = rt_now_ms(rt) + 5000;
  p->wait_until = st->deadline;
  st->line = __LINE__; /* fallthrough */ case __LINE__:
    if (!p->timed_out) {
      proc_recv_start(p, NONE);
      if (proc_recv_peek(p) == NONE) return VM_WAIT;
      CHECK(!"no message expected");
    }
  proc_recv_end(p);
  p->wait_until = -1;
  CHECK(rt_now_ms(rt) >= st->deadline);
  CHECK(!p->timed_out);

  /* ---- send_after / cancel_timer ---- */
  a[0] = p->pid;
  a[1] = A("late");
  a[2] = make_small(3000);
  st->tref = np_bif(P, "send_after", 3)(p, a);
  CHECK(is_ref(st->tref));
  a[0] = st->tref;
  v = np_bif(P, "cancel_timer", 1)(p, a);
  CHECK(is_small(v) && small_val(v) > 0 && small_val(v) <= 3000);
  CHECK(np_bif(P, "cancel_timer", 1)(p, a) == ATOM_FALSE);
  a[0] = p->pid;
  a[1] = A("tick");
  a[2] = make_small(1000);
  CHECK(is_ref(np_bif(P, "send_after", 3)(p, a)));
  NP_AWAIT(&st->line, v, np_take_any(p));
  CHECK(v == A("tick")); /* :late never comes: it was cancelled */

  /* ---- trap_exit and a crashing linked process ---- */
  a[0] = ATOM_TRAP_EXIT;
  a[1] = ATOM_TRUE;
  CHECK(np_bif(P, "flag", 2)(p, a) == ATOM_FALSE);
  st->child = rt_spawn_native(rt, p, boom_body, NULL, SPAWN_LINK, NULL)->pid;
  NP_AWAIT(&st->line, v, np_take_any(p));
  CHECK(np_is_exit(v, st->child, A("boom")));

  /* ---- Process.info ---- */
  proc_send(p, p->pid, A("m1"));
  proc_send(p, p->pid, A("m2"));
  a[0] = p->pid;
  a[1] = ATOM_MESSAGE_QUEUE_LEN;
  v = np_bif(P, "info", 2)(p, a);
  CHECK(is_tuple(v) && tuple_get(v, 1) == make_small(2));
  a[1] = ATOM_MESSAGES;
  v = np_bif(P, "info", 2)(p, a);
  CHECK(is_tuple(v) && is_cons(tuple_get(v, 1)) && car(tuple_get(v, 1)) == A("m1"));
  a[0] = st->waiter;
  a[1] = ATOM_REGISTERED_NAME;
  v = np_bif(P, "info", 2)(p, a);
  CHECK(is_tuple(v) && tuple_get(v, 1) == A("waiter"));
  a[1] = ATOM_STATUS;
  v = np_bif(P, "info", 2)(p, a);
  CHECK(is_tuple(v) && tuple_get(v, 1) == ATOM_WAITING);
  a[0] = st->child; /* dead */
  CHECK(np_bif(P, "info", 2)(p, a) == ATOM_NIL);
  CHECK(np_bif(P, "alive?", 1)(p, a) == ATOM_FALSE);

  /* ---- output and snapshot ---- */
  rt_output(p, 1, "hello\n", 6);
  {
    char js[8192];
    size_t n = beamlet_snapshot(rt, js, sizeof js);
    CHECK(n > 0 && n < sizeof js);
    CHECK(strstr(js, "\"schedulers\":1") != NULL);
    CHECK(strstr(js, "\"process_count\":2") != NULL);
    CHECK(strstr(js, "\"name\":\"main\"") != NULL);
    CHECK(strstr(js, "\"name\":\"waiter\",\"status\":\"waiting\"") != NULL);
    CHECK(strstr(js, "\"messages\":[\":m1\",\":m2\"]") != NULL);
    CHECK(strstr(js, "\"trap_exit\":true") != NULL);
    char tiny[16];
    CHECK_EQ_INT(beamlet_snapshot(rt, tiny, sizeof tiny), n); /* needed length */
    CHECK_EQ_INT(strlen(tiny), sizeof tiny - 1);
  }
  NP_END(&st->line)
}

static uint32_t rd32(const uint8_t *b) { return (uint32_t)b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24; }
static uint64_t rd64(const uint8_t *b) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | b[i];
  return v;
}

int main(void) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.host_driven = 1;
  cfg.deterministic = 1;
  cfg.trace = 1;
  cfg.max_processes = MAXP;
  cfg.output = capture_output;
  cfg.output_ctx = &ms;
  beamlet_runtime *rt = NULL;
  CHECK_EQ_INT(beamlet_create(&cfg, &rt), BEAMLET_OK);
  CHECK_EQ_INT(beamlet_create(&cfg, NULL), BEAMLET_EINVAL);
  char err[128];
  CHECK_EQ_INT(beamlet_start_main(rt), BEAMLET_ESTATE); /* nothing loaded */
  /* beamlet_check compiles and loads nothing, in any state */
  CHECK_EQ_INT(beamlet_check(rt, "1 +", 3, "c.exs", err, sizeof err), BEAMLET_ECOMPILE);
  CHECK(strcmp(err, "c.exs:1:4: syntax error: expression is incomplete") == 0);
  CHECK_EQ_INT(beamlet_check(rt, "x = 1\nx", 7, "c.exs", err, sizeof err), BEAMLET_OK);
  CHECK_EQ_INT(err[0], 0);
  CHECK_EQ_INT(beamlet_check(NULL, "1", 1, "c.exs", err, sizeof err), BEAMLET_EINVAL);
  CHECK_EQ_INT(beamlet_start_main(rt), BEAMLET_ESTATE); /* still nothing loaded */
  CHECK_EQ_INT(beamlet_load(rt, "1 +", 3, "x.exs", err, sizeof err), BEAMLET_ECOMPILE);
  CHECK(strncmp(err, "x.exs:1:", 8) == 0);
  CHECK_EQ_INT(beamlet_load(rt, "1", 1, "x.exs", err, sizeof err), BEAMLET_OK);
  CHECK_EQ_INT(beamlet_check(rt, "foo(1)", 6, "c.exs", err, sizeof err), BEAMLET_ECOMPILE);
  CHECK(strstr(err, "undefined function foo/1") != NULL);
  CHECK_EQ_INT(beamlet_main_status(rt), BEAMLET_ESTATE);
  /* the main process is native here (the script's code is not run) */
  CHECK_EQ_INT(rt_start_main_native(rt, main_body, &ms), BEAMLET_OK);
  CHECK_EQ_INT(beamlet_start_main(rt), BEAMLET_ESTATE);
  int r = BEAMLET_BUSY, rounds = 0;
  int64_t next = 0;
  while (r != BEAMLET_DONE && rounds++ < 100000) {
    r = beamlet_run_slice(rt, 1000, &next);
    CHECK(r == BEAMLET_BUSY || r == BEAMLET_DONE); /* virtual time: never idle */
    if (r != BEAMLET_BUSY && r != BEAMLET_DONE) break;
  }
  CHECK_EQ_INT(r, BEAMLET_DONE);
  CHECK_EQ_INT(ms.line, -1); /* the main body ran to its end */
  CHECK_EQ_INT(beamlet_main_status(rt), 0);
  CHECK_EQ_INT(ms.out_len, 6);
  CHECK(memcmp(ms.out, "hello\n", 6) == 0);
  CHECK_EQ_INT(beamlet_run_slice(rt, 1000, &next), BEAMLET_DONE);

  /* the trace */
  static uint8_t buf[1 << 20];
  size_t n = beamlet_trace_read(rt, buf, sizeof buf);
  CHECK(n > TRACE_REC_HEADER);
  int counts[32] = {0};
  size_t off = 0, recs = 0;
  uint64_t last_t = 0;
  bool ordered = true;
  int bad_out = 0;
  while (off + TRACE_REC_HEADER <= n) {
    uint32_t size = rd32(buf + off);
    uint16_t type = (uint16_t)(buf[off + 4] | buf[off + 5] << 8);
    uint64_t t = rd64(buf + off + 8);
    if (recs == 0) {
      CHECK_EQ_INT(type, TR_HEADER);
      CHECK_EQ_INT(rd64(buf + off + 32), TRACE_VERSION);
      CHECK(size == TRACE_REC_HEADER + 7 && memcmp(buf + off + 40, "beamlet", 7) == 0);
    }
    if (t < last_t) ordered = false;
    last_t = t;
    if (type < 32) counts[type]++;
    if (type == TR_SCHED_OUT) {
      /* other: memory in bytes; extra: cause | reductions << 8 */
      uint64_t mem = rd64(buf + off + 24), extra = rd64(buf + off + 32);
      if (mem < 256 || mem > (1u << 24) || (extra & 0xff) > 2) bad_out++;
    }
    CHECK(size >= TRACE_REC_HEADER);
    off += (size + 7) & ~7u;
    recs++;
  }
  CHECK(off >= n);
  CHECK(ordered);
  CHECK(counts[TR_SPAWN] >= 5 + MAXP - 2);
  CHECK(counts[TR_SEND] >= 6);
  CHECK(counts[TR_EXIT] >= 4);
  CHECK_EQ_INT(counts[TR_REGISTER], 2);
  CHECK(counts[TR_UNREGISTER] >= 1);
  CHECK_EQ_INT(counts[TR_OUTPUT], 1 + MAXP - 2); /* "hello", the :undef crash reports */
  CHECK(counts[TR_SCHED_IN] > 0 && counts[TR_SCHED_IN] == counts[TR_SCHED_OUT]);
  CHECK_EQ_INT(bad_out, 0);
  CHECK(counts[TR_EXIT_SIGNAL] >= 1);
  CHECK_EQ_INT(beamlet_trace_read(rt, buf, sizeof buf), 0); /* consumed */
  CHECK_EQ_INT(beamlet_trace_dropped(rt), 0);
  char pb[32];
  CHECK_EQ_INT(beamlet_pid_format(make_pid(5, 2), pb, sizeof pb), 11);
  CHECK_EQ_STR(pb, "#PID<0.5.2>");
  beamlet_destroy(rt);
  return check_report();
}
