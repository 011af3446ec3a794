/*
 * bif_process.c -- the process BIFs: spawn, send, self, registry, links,
 * monitors, exit, Process.info, timers, and the system queries of
 * :erlang / System. Registered under "erlang", "Elixir.Kernel",
 * "Elixir.Process" and "Elixir.System" (bif_table_process).
 *
 * Process.info on another process: the target is acquired (process.c) and
 * its private queue, links and trap flag are read under its lock (the owner
 * changes them only under that lock); messages are copied into the caller's
 * heap; the inbox is listed too (the owner pops it only under the lock).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"
#include "errors.h"
#include "vm.h"
#include "bif_util.h"
#include "code.h"
#include "map_order.h"

/* ---- helpers ---- */

static term adopt_copy(proc *p, term t) {
  heapfrag *f = NULL;
  term v = copy_to_frag(t, &f);
  if (f) heap_adopt_frag(p, f);
  return v;
}

static term badarg(proc *p) { return vm_error(p, ATOM_BADARG); }

static term list_of(proc *p, const term *items, size_t n) { return make_list_from(p, items, n); }

/* ---- spawn ---- */

/* A fun of another arity than 0 starts a process that fails with
 * :badarity, except with spawn_monitor, which refuses it as the BEAM's. */
static term do_spawn1(proc *p, term fun, int opts) {
  if (!is_fun(fun) || ((opts & SPAWN_MONITOR) && fun_arity(fun) != 0))
    return bu_badarg_info(p, 1, "not a fun");
  return proc_spawn(p, fun, NONE, NONE, NONE, opts);
}
static term do_spawn3(proc *p, term *a, int opts) {
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  if (!is_atom(a[1])) return bu_badarg_info(p, 2, "not an atom");
  if (!is_list(a[2])) return bu_badarg_info(p, 3, "not a list");
  if (bu_list_len(a[2]) < 0) return bu_badarg_info(p, 3, "not a proper list");
  return proc_spawn(p, NONE, a[0], a[1], a[2], opts);
}
static term bif_spawn1(proc *p, term *a) { return do_spawn1(p, a[0], 0); }
static term bif_spawn3(proc *p, term *a) { return do_spawn3(p, a, 0); }
static term bif_spawn_link1(proc *p, term *a) { return do_spawn1(p, a[0], SPAWN_LINK); }
static term bif_spawn_link3(proc *p, term *a) { return do_spawn3(p, a, SPAWN_LINK); }
static term bif_spawn_monitor1(proc *p, term *a) { return do_spawn1(p, a[0], SPAWN_MONITOR); }
static term bif_spawn_monitor3(proc *p, term *a) { return do_spawn3(p, a, SPAWN_MONITOR); }

static term bif_self(proc *p, term *a) {
  (void)a;
  return p->pid;
}
static term bif_send(proc *p, term *a) { return proc_send(p, a[0], a[1]); }
static term bif_send3(proc *p, term *a) {
  if (proc_send(p, a[0], a[1]) == NONE) return NONE;
  return ATOM_OK;
}
static term bif_make_ref(proc *p, term *a) {
  (void)a;
  term r = make_ref(p);
  proc_recv_mark(p, r);
  return r;
}
static term bif_exit1(proc *p, term *a) { return vm_raise(p, ATOM_EXIT, a[0]); }
static term bif_exit2(proc *p, term *a) { return link_bif_exit(p, a[0], a[1]); }
static term bif_node(proc *p, term *a) {
  (void)p;
  (void)a;
  return ATOM_NONODE;
}

/* ---- registry ---- */

static term bif_register(proc *p, term *a) {
  term pid = a[0], name = a[1];
  if (!is_atom(name) || name == ATOM_NIL || name == ATOM_UNDEFINED || name == ATOM_TRUE ||
      name == ATOM_FALSE) { /* Process.register/2's guard rejects them */
    term fc = make_tuple(p, 4);
    tuple_elems(fc)[0] = ATOM_FUNCTION_CLAUSE;
    tuple_elems(fc)[1] = atom_from_cstr("Elixir.Process");
    tuple_elems(fc)[2] = atom_from_cstr("register");
    tuple_elems(fc)[3] = make_small(2);
    return vm_error(p, fc);
  }
  proc *t = !is_pid(pid) ? NULL : pid == p->pid ? p : proc_acquire(p->rt, pid);
  int r = t ? reg_register(p->rt, name, t) : -1;
  if (t && t != p) proc_release(t);
  if (r < 0) {
    char ps[TRACE_TEXT_MAX + 8], ns[TRACE_TEXT_MAX + 8], msg[400];
    rt_render_term(pid, ps, sizeof ps);
    rt_render_term(name, ns, sizeof ns);
    snprintf(msg, sizeof msg,
             "could not register %s with name %s because it is not alive, the name is already "
             "taken, or it has already been given another name",
             ps, ns);
    return vm_error_exc(p, "ArgumentError", msg);
  }
  if (trace_on(p->rt)) trace_write_term(p->rt, p->sched, TR_REGISTER, pid, 0, 0, name);
  return ATOM_TRUE;
}

static term bif_unregister(proc *p, term *a) {
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not a pid"); /* sic: the BEAM's text */
  term pid = reg_whereis(p->rt, a[0]);
  if (pid == NONE || !reg_unregister(p->rt, a[0])) return bu_badarg_info(p, 1, "not a pid");
  if (trace_on(p->rt)) trace_write_term(p->rt, p->sched, TR_UNREGISTER, pid, 0, 0, a[0]);
  return ATOM_TRUE;
}

static term bif_whereis_ex(proc *p, term *a) { /* Process.whereis: nil when absent */
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  term pid = reg_whereis(p->rt, a[0]);
  return pid == NONE ? ATOM_NIL : pid;
}
static term bif_whereis_erl(proc *p, term *a) { /* :erlang.whereis: :undefined */
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  term pid = reg_whereis(p->rt, a[0]);
  return pid == NONE ? ATOM_UNDEFINED : pid;
}
static term bif_registered(proc *p, term *a) {
  (void)a;
  return reg_list(p);
}

static term bif_alive(proc *p, term *a) {
  if (!is_pid(a[0])) return bu_badarg_info(p, 1, "not a pid");
  if (a[0] == p->pid) return ATOM_TRUE;
  proc *t = proc_acquire(p->rt, a[0]);
  if (t) proc_release(t);
  return bool_atom(t != NULL);
}

typedef struct pidvec {
  term *v;
  size_t n, cap;
} pidvec;
static void collect_pid(proc *q, void *ctx) {
  pidvec *pv = ctx;
  if (pv->n == pv->cap) {
    size_t cap = pv->cap ? pv->cap * 2 : 64;
    term *v = realloc(pv->v, cap * sizeof *v);
    if (!v) return;
    pv->v = v;
    pv->cap = cap;
  }
  pv->v[pv->n++] = atomic_load(&q->slot_pid);
}
static term bif_list(proc *p, term *a) {
  (void)a;
  pidvec pv = {0};
  rt_each_process(p->rt, collect_pid, &pv);
  term l = list_of(p, pv.v, pv.n);
  free(pv.v);
  return l;
}

/* ---- links, monitors ---- */

static term bif_link(proc *p, term *a) { return link_bif_link(p, a[0]); }
static term bif_unlink(proc *p, term *a) { return link_bif_unlink(p, a[0]); }
static term bif_monitor1(proc *p, term *a) { return link_bif_monitor(p, a[0]); }
static term bif_monitor2(proc *p, term *a) { /* :erlang.monitor(:process, x) */
  if (a[0] != ATOM_PROCESS) return bu_badarg_info(p, 1, "invalid monitor type");
  return link_bif_monitor(p, a[1]);
}
static term bif_demonitor1(proc *p, term *a) {
  if (!is_ref(a[0])) return bu_badarg_info(p, 1, "not a reference");
  link_bif_demonitor(p, a[0], false);
  return ATOM_TRUE;
}
/* options :flush (drop the DOWN message if one came) and :info (return
 * whether the monitor was still there) */
static term bif_demonitor2(proc *p, term *a) {
  bool flush = false, info = false;
  if (!is_ref(a[0])) return bu_badarg_info(p, 1, "not a reference");
  if (bu_list_len(a[1]) < 0) return bu_badarg_info(p, 2, "not a list");
  for (term l = a[1]; is_cons(l); l = cdr(l)) {
    if (car(l) == ATOM_FLUSH) flush = true;
    else if (car(l) == ATOM_INFO) info = true;
    else return bu_badarg_info(p, 2, "invalid option in list");
  }
  bool found = link_bif_demonitor(p, a[0], flush);
  return info ? bool_atom(found) : ATOM_TRUE;
}

static term bif_flag(proc *p, term *a) {
  if (a[0] != ATOM_TRAP_EXIT) return bu_badarg_info(p, 1, "invalid process flag");
  if (a[1] != ATOM_TRUE && a[1] != ATOM_FALSE) return bu_badarg_info(p, 2, "invalid value for this process flag");
  bool old = p->trap_exit;
  proc_lock(p);
  p->trap_exit = a[1] == ATOM_TRUE;
  proc_unlock(p);
  return bool_atom(old);
}

/* ---- Process.info ---- */

static term status_atom(uint32_t s) {
  switch (s) {
  case PS_RUNNING: return ATOM_RUNNING;
  case PS_RUNNABLE: return ATOM_RUNNABLE;
  case PS_WAITING: return ATOM_WAITING;
  default: return ATOM_EXITING;
  }
}

typedef struct collect {
  proc *p;
  term *items;
  size_t n, cap;
} collect;
static void collect_msg(term v, void *ctx) {
  collect *c = ctx;
  if (c->n < c->cap) c->items[c->n++] = adopt_copy(c->p, v);
}

/* The value of one info key for t (acquired, or p itself); NONE if the key
 * is unknown. */
static term info_value(proc *p, proc *t, term key) {
  bool self = t == p;
  if (key == ATOM_MESSAGE_QUEUE_LEN) {
    return make_int(p, mbox_len(t, self));
  }
  if (key == ATOM_REGISTERED_NAME) {
    term n = atomic_load(&t->reg_name);
    return n; /* NIL ([]) when unnamed, as Elixir's {:registered_name, []} */
  }
  if (key == ATOM_STATUS) return self ? ATOM_RUNNING : status_atom(atomic_load(&t->state));
  if (key == ATOM_REDUCTIONS)
    return make_int(p, (int64_t)(self ? p->reductions : atomic_load(&t->pub_reductions)));
  if (key == ATOM_MEMORY) {
    /* the whole footprint: PCB, blocks, fragments, queued messages, links */
    uint64_t bytes = self ? rt_proc_memory(p)
                          : (uint64_t)atomic_load(&t->pub_heap_words) * sizeof(term);
    return make_int(p, (int64_t)bytes);
  }
  if (key == ATOM_TRAP_EXIT) {
    if (self) return bool_atom(p->trap_exit);
    proc_lock(t);
    bool b = t->trap_exit;
    proc_unlock(t);
    return bool_atom(b);
  }
  term monitored_by = atom_from_cstr("monitored_by");
  if (key == ATOM_MESSAGES || key == ATOM_LINKS || key == ATOM_MONITORS || key == monitored_by) {
    if (self) mbox_drain(p);
    term *items = NULL;
    size_t n = 0;
    proc_lock(t);
    if (key == ATOM_MESSAGES) {
      collect c = {p, NULL, 0, (size_t)mbox_len_locked(t) + 16};
      c.items = malloc(c.cap * sizeof *c.items);
      if (c.items) mbox_each_locked(t, collect_msg, &c, (uint32_t)c.cap);
      items = c.items;
      n = c.n;
    } else {
      /* another process sees the signals t has not handled yet (self has
       * just drained its own) */
      uint32_t kind = key == ATOM_LINKS ? LK_LINK : key == ATOM_MONITORS ? LK_MON_OUT : LK_MON_IN;
      uint32_t nl = 0;
      rt_link *ls = self ? NULL : link_view_locked(t, &nl);
      if (self) {
        ls = t->links;
        nl = t->nlinks;
      }
      items = malloc(((size_t)nl + 1) * sizeof *items);
      for (uint32_t i = 0; items && i < nl; i++) {
        rt_link *l = &ls[i];
        if (l->kind != kind) continue;
        if (kind == LK_MON_OUT) /* by name: {name, node} */
          items[n++] = make_tuple2(p, ATOM_PROCESS, l->name != NONE ? make_tuple2(p, l->name, ATOM_NONODE) : l->pid);
        else items[n++] = l->pid;
      }
      if (!self) free(ls);
    }
    proc_unlock(t);
    term r = list_of(p, items, n);
    free(items);
    return r;
  }
  return NONE;
}

static term info_pair(proc *p, proc *t, term key) {
  term v = info_value(p, t, key);
  if (v == NONE) return NONE;
  return make_tuple2(p, key, v);
}

static term bif_info2(proc *p, term *a) {
  if (!is_pid(a[0])) return bu_badarg_info(p, 1, "not a pid");
  proc *t = a[0] == p->pid ? p : proc_acquire(p->rt, a[0]);
  if (!t) return ATOM_NIL;
  term r;
  if (is_atom(a[1])) {
    r = info_pair(p, t, a[1]);
  } else if (is_list(a[1])) {
    term items[32];
    size_t n = 0;
    r = NIL;
    for (term l = a[1]; is_cons(l) && n < 32; l = cdr(l)) {
      term v = info_pair(p, t, car(l));
      if (v == NONE) {
        r = NONE;
        break;
      }
      items[n++] = v;
    }
    if (r != NONE) r = list_of(p, items, n);
  } else {
    r = NONE;
  }
  if (t != p) proc_release(t);
  return r == NONE ? bu_badarg_info(p, 2, "invalid item or item list") : r;
}

static term bif_info1(proc *p, term *a) {
  if (!is_pid(a[0])) return bu_badarg_info(p, 1, "not a pid");
  proc *t = a[0] == p->pid ? p : proc_acquire(p->rt, a[0]);
  if (!t) return ATOM_NIL;
  term keys[] = {ATOM_REGISTERED_NAME, ATOM_STATUS, ATOM_MESSAGE_QUEUE_LEN, ATOM_LINKS,
                 ATOM_TRAP_EXIT, ATOM_REDUCTIONS, ATOM_MEMORY};
  term items[8];
  size_t n = 0;
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    if (keys[i] == ATOM_REGISTERED_NAME && atomic_load(&t->reg_name) == NIL) continue;
    items[n++] = info_pair(p, t, keys[i]);
  }
  if (t != p) proc_release(t);
  return list_of(p, items, n);
}

/* ---- the process dictionary (Process.put/get/delete, :erlang.put/get/
 * erase): a map in p->roots[ROOT_DICT]; Elixir's functions say nil where
 * Erlang's say :undefined ---- */

static term dict_get(proc *p, term key) {
  term d = p->roots[ROOT_DICT];
  return is_map(d) ? bu_map_get(d, key) : NONE;
}

static term dict_put(proc *p, term key, term value) {
  term old = dict_get(p, key);
  term d = p->roots[ROOT_DICT];
  p->roots[ROOT_DICT] = bu_map_put(p, is_map(d) ? d : bu_map_empty(p), key, value);
  return old;
}

static term dict_delete(proc *p, term key) {
  term old = dict_get(p, key);
  if (old != NONE) p->roots[ROOT_DICT] = bu_map_remove(p, p->roots[ROOT_DICT], key);
  return old;
}

static term or_nil(term v) { return v == NONE ? ATOM_NIL : v; }
static term or_undefined(term v) { return v == NONE ? ATOM_UNDEFINED : v; }

static term bif_dict_put(proc *p, term *a) { return or_nil(dict_put(p, a[0], a[1])); }
static term bif_dict_get1(proc *p, term *a) { return or_nil(dict_get(p, a[0])); }
static term bif_dict_get2(proc *p, term *a) {
  term v = dict_get(p, a[0]);
  return v == NONE ? a[1] : v;
}
static term bif_dict_delete(proc *p, term *a) { return or_nil(dict_delete(p, a[0])); }
static term dict_list(proc *p, int what) {
  term d = p->roots[ROOT_DICT];
  return is_map(d) ? map_order_list(p, d, MAP_ORDER_LIST, what) : NIL;
}
static term bif_dict_all(proc *p, term *a) {
  (void)a;
  return dict_list(p, MAP_LIST_PAIRS);
}
static term bif_dict_keys(proc *p, term *a) {
  (void)a;
  return dict_list(p, MAP_LIST_KEYS);
}
/* :erlang.garbage_collect/0: true; the process is collected when it next
 * needs room, as its heap's rules say */
static term bif_garbage_collect(proc *p, term *a) {
  (void)p;
  (void)a;
  return ATOM_TRUE;
}
static term bif_erl_put(proc *p, term *a) { return or_undefined(dict_put(p, a[0], a[1])); }
static term bif_erl_get(proc *p, term *a) { return or_undefined(dict_get(p, a[0])); }
static term bif_erl_erase(proc *p, term *a) { return or_undefined(dict_delete(p, a[0])); }

/* ---- timers ---- */

static bool get_ms(term t, int64_t *ms) {
  if (!is_integer(t)) return false;
  *ms = int_val(t);
  return *ms >= 0;
}

static term bif_send_after(proc *p, term *a) {
  int64_t ms;
  /* numbered as :erlang.send_after(time, dest, msg)'s */
  if (!get_ms(a[2], &ms)) return bu_badarg_info(p, 1, is_integer(a[2]) ? "out of range" : "not an integer");
  if (!is_pid(a[0]) && !is_atom(a[0])) return bu_badarg_info(p, 2, "not a pid or an atom");
  term ref = make_ref(p);
  if (!timer_send_after(p->rt, p->sched, p->pid, ms, a[0], a[1], ref_id(ref)))
    return vm_error_exc(p, "SystemLimitError", "a system limit has been reached");
  return ref;
}
static term bif_send_after_erl(proc *p, term *a) { /* erlang:send_after(Time, Dest, Msg) */
  term b[3] = {a[1], a[2], a[0]};
  return bif_send_after(p, b);
}

/* cancel_timer and read_timer: the ms left, or false */
static term timer_left(proc *p, term ref, bool cancel) {
  if (!is_ref(ref)) return bu_badarg_info(p, 1, "not a reference");
  int64_t left = timer_left_ref(p->rt, ref_id(ref), cancel);
  return left < 0 ? ATOM_FALSE : make_int(p, left);
}
static term bif_cancel_timer(proc *p, term *a) { return timer_left(p, a[0], true); }
static term bif_read_timer(proc *p, term *a) { return timer_left(p, a[0], false); }

/* ---- system ---- */

static int64_t unit_div(term unit, bool *ok) {
  *ok = true;
  if (unit == ATOM_NATIVE || unit == ATOM_NANOSECOND) return 1;
  if (unit == ATOM_MICROSECOND) return 1000;
  if (unit == ATOM_MILLISECOND) return 1000000;
  if (unit == ATOM_SECOND) return 1000000000;
  *ok = false;
  return 1;
}

static int64_t wall_ns(runtime *rt) {
  /* deterministic mode: a fixed epoch (2024-01-01T00:00:00Z) plus virtual time */
  if (rt->deterministic) return INT64_C(1704067200000000000) + rt_now_ns(rt);
  return rt->wall0_ns + rt_now_ns(rt);
}

static term bif_monotonic0(proc *p, term *a) {
  (void)a;
  return make_int(p, rt_now_ns(p->rt));
}
static term bif_monotonic1(proc *p, term *a) {
  bool ok;
  int64_t d = unit_div(a[0], &ok);
  if (!ok) return badarg(p);
  return make_int(p, rt_now_ns(p->rt) / d);
}
static term bif_system_time0(proc *p, term *a) {
  (void)a;
  return make_int(p, wall_ns(p->rt));
}
static term bif_system_time1(proc *p, term *a) {
  bool ok;
  int64_t d = unit_div(a[0], &ok);
  if (!ok) return badarg(p);
  return make_int(p, wall_ns(p->rt) / d);
}

static term bif_schedulers_online(proc *p, term *a) {
  (void)a;
  return make_int(p, p->rt->nsched);
}

static term bif_system_info(proc *p, term *a) {
  if (a[0] == ATOM_PROCESS_COUNT) return make_int(p, rt_process_count(p->rt));
  if (a[0] == ATOM_SCHEDULERS_ONLINE || a[0] == atom_from_cstr("schedulers"))
    return make_int(p, p->rt->nsched);
  if (a[0] == atom_from_cstr("process_limit")) return make_int(p, (int64_t)p->rt->max_procs);
  return badarg(p);
}

/* Everything accounted: PCBs (allocated by chunks, kept for reuse), process
 * table entries in use, blocks, fragments, queued messages, off-heap
 * binaries. */
static int64_t processes_bytes(proc *p) { return rt_mem_total(p->rt, p->sched); }

static term bif_memory0(proc *p, term *a) {
  (void)a;
  int64_t procs = processes_bytes(p);
  term items[2] = {make_tuple2(p, ATOM_TOTAL, make_int(p, procs)),
                   make_tuple2(p, ATOM_PROCESSES, make_int(p, procs))};
  return list_of(p, items, 2);
}
static term bif_memory1(proc *p, term *a) {
  if (a[0] == ATOM_TOTAL || a[0] == ATOM_PROCESSES) return make_int(p, processes_bytes(p));
  return badarg(p);
}

static term bif_argv(proc *p, term *a) {
  (void)a;
  runtime *rt = p->rt;
  term l = NIL;
  for (int i = rt->cfg.argc - 1; i >= 0; i--) {
    const char *s = rt->cfg.argv[i] ? rt->cfg.argv[i] : "";
    l = make_cons(p, make_binary(p, s, strlen(s)), l);
  }
  return l;
}

static bool env_name(term t, char *buf, size_t cap) {
  if (!is_binary(t) || binary_size(t) >= cap) return false;
  memcpy(buf, binary_data(t), binary_size(t));
  buf[binary_size(t)] = 0;
  return strlen(buf) == binary_size(t);
}
static term bif_get_env1(proc *p, term *a) {
  char name[256];
  if (!env_name(a[0], name, sizeof name)) return badarg(p);
  const char *v = getenv(name);
  return v ? make_binary(p, v, strlen(v)) : ATOM_NIL;
}
static term bif_get_env2(proc *p, term *a) {
  term v = bif_get_env1(p, a);
  return v == ATOM_NIL ? a[1] : v;
}

/* ---- the table ---- */

#define K "Elixir.Kernel"
#define E "erlang"
#define P "Elixir.Process"
#define S "Elixir.System"

/* System.halt/0,1 and :erlang.halt/0,1: the run ends with that status (a
 * slogan string is status 1, :abort is SIGABRT's 134, as a shell sees
 * them); System.halt refuses anything else as Elixir's clauses do */
static term halt_with(proc *p, term status, bool elixir) {
  if (is_integer(status) && int_val(status) >= 0) return proc_halt(p, int_val(status));
  if (is_integer(status)) return bu_badarg_info(p, 1, "invalid status");
  if (is_binary(status)) return proc_halt(p, 1);
  if (status == atom_from_cstr("abort")) return proc_halt(p, 134);
  return elixir ? bu_raise_fc(p, "System", "halt", 1) : bu_badarg_info(p, 1, "invalid status");
}

static term bif_halt0(proc *p, term *a) {
  (void)a;
  return proc_halt(p, 0);
}
static term bif_system_halt1(proc *p, term *a) { return halt_with(p, a[0], true); }
static term bif_erlang_halt1(proc *p, term *a) { return halt_with(p, a[0], false); }

const bif_entry bif_table_process[] = {
    {"Elixir.System", "halt", 0, bif_halt0},
    {"Elixir.System", "halt", 1, bif_system_halt1},
    {"erlang", "halt", 0, bif_halt0},
    {"erlang", "halt", 1, bif_erlang_halt1},
    {K, "spawn", 1, bif_spawn1},
    {K, "spawn", 3, bif_spawn3},
    {K, "spawn_link", 1, bif_spawn_link1},
    {K, "spawn_link", 3, bif_spawn_link3},
    {K, "spawn_monitor", 1, bif_spawn_monitor1},
    {K, "spawn_monitor", 3, bif_spawn_monitor3},
    {K, "self", 0, bif_self},
    {K, "send", 2, bif_send},
    {K, "make_ref", 0, bif_make_ref},
    {K, "exit", 1, bif_exit1},
    {K, "node", 0, bif_node},
    {E, "spawn", 1, bif_spawn1},
    {E, "spawn", 3, bif_spawn3},
    {E, "spawn_link", 1, bif_spawn_link1},
    {E, "spawn_link", 3, bif_spawn_link3},
    {E, "spawn_monitor", 1, bif_spawn_monitor1},
    {E, "spawn_monitor", 3, bif_spawn_monitor3},
    {E, "self", 0, bif_self},
    {E, "send", 2, bif_send},
    {E, "make_ref", 0, bif_make_ref},
    {E, "exit", 1, bif_exit1},
    {E, "exit", 2, bif_exit2},
    {E, "node", 0, bif_node},
    {E, "register", 2, bif_register},
    {E, "unregister", 1, bif_unregister},
    {E, "whereis", 1, bif_whereis_erl},
    {E, "registered", 0, bif_registered},
    {E, "is_process_alive", 1, bif_alive},
    {E, "processes", 0, bif_list},
    {E, "link", 1, bif_link},
    {E, "unlink", 1, bif_unlink},
    {E, "monitor", 2, bif_monitor2},
    {E, "demonitor", 1, bif_demonitor1},
    {E, "demonitor", 2, bif_demonitor2},
    {E, "process_info", 1, bif_info1},
    {E, "process_info", 2, bif_info2},
    {E, "send_after", 3, bif_send_after_erl},
    {E, "cancel_timer", 1, bif_cancel_timer},
    {E, "read_timer", 1, bif_read_timer},
    {E, "put", 2, bif_erl_put},
    {E, "get", 0, bif_dict_all},
    {E, "get", 1, bif_erl_get},
    {E, "get_keys", 0, bif_dict_keys},
    {E, "erase", 1, bif_erl_erase},
    {E, "garbage_collect", 0, bif_garbage_collect},
    {E, "system_info", 1, bif_system_info},
    {E, "memory", 0, bif_memory0},
    {E, "memory", 1, bif_memory1},
    {E, "monotonic_time", 0, bif_monotonic0},
    {E, "monotonic_time", 1, bif_monotonic1},
    {E, "system_time", 0, bif_system_time0},
    {E, "system_time", 1, bif_system_time1},
    {P, "register", 2, bif_register},
    {P, "unregister", 1, bif_unregister},
    {P, "whereis", 1, bif_whereis_ex},
    {P, "registered", 0, bif_registered},
    {P, "alive?", 1, bif_alive},
    {P, "list", 0, bif_list},
    {P, "exit", 2, bif_exit2},
    {P, "link", 1, bif_link},
    {P, "unlink", 1, bif_unlink},
    {P, "monitor", 1, bif_monitor1},
    {P, "demonitor", 1, bif_demonitor1},
    {P, "demonitor", 2, bif_demonitor2},
    {P, "flag", 2, bif_flag},
    {P, "info", 1, bif_info1},
    {P, "info", 2, bif_info2},
    {P, "send", 3, bif_send3},
    {P, "send_after", 3, bif_send_after},
    {P, "cancel_timer", 1, bif_cancel_timer},
    {P, "read_timer", 1, bif_read_timer},
    {P, "put", 2, bif_dict_put},
    {P, "get", 0, bif_dict_all},
    {P, "get", 1, bif_dict_get1},
    {P, "get", 2, bif_dict_get2},
    {P, "get_keys", 0, bif_dict_keys},
    {P, "delete", 1, bif_dict_delete},
    {S, "monotonic_time", 0, bif_monotonic0},
    {S, "monotonic_time", 1, bif_monotonic1},
    {S, "system_time", 0, bif_system_time0},
    {S, "system_time", 1, bif_system_time1},
    {S, "os_time", 0, bif_system_time0},
    {S, "os_time", 1, bif_system_time1},
    {S, "schedulers_online", 0, bif_schedulers_online},
    {S, "argv", 0, bif_argv},
    {S, "get_env", 1, bif_get_env1},
    {S, "get_env", 2, bif_get_env2},
    {NULL, NULL, 0, NULL},
};
