/*
 * link.c -- links, monitors and exit signals, as the BEAM has them.
 *
 * Every signal travels through the target's inbox (mailbox.c), in order
 * with the messages of the same sender, and is handled by the target's
 * owner when it drains its inbox (at schedule-in and in receive). So a
 * process's links and monitors (p->links) are only ever changed by the
 * process itself, under p->lock (readers on other threads take the lock).
 *
 * Rules (checked against Elixir 1.14 / OTP 25):
 * - A process ending with reason R sends an exit signal R to each linked
 *   process, and {:DOWN, ref, :process, pid, R} to each monitoring one.
 * - An exit signal (link or Process.exit/2) with reason :normal is ignored
 *   unless the target traps exits -- except Process.exit(self(), :normal),
 *   which ends the caller with :normal.
 * - A trapping process gets {:EXIT, from, R} messages instead of dying.
 * - Process.exit(pid, :kill) ends pid with :killed even if it traps exits;
 *   its links then see :killed. A *link* signal :kill (a process that
 *   called exit(:kill) itself) is an ordinary reason.
 * - An exit signal from a link the target no longer has (it unlinked) is
 *   ignored.
 * - Linking to a dead pid: with trap_exit the caller gets
 *   {:EXIT, pid, :noproc}; otherwise it raises ErlangError :noproc.
 *   Monitoring a dead pid (or an unregistered name) delivers DOWN :noproc
 *   at once. A LINK or MONITOR signal that reaches a process already
 *   exiting is answered the same way (:noproc).
 * - Process.demonitor(ref, [:flush]) also removes a DOWN already queued.
 */
#include <stdlib.h>

#include "runtime.h"
#include "bif_util.h"
#include "trace.h"
#include "atom.h"
#include "vm.h"

/* ---- the link set (owner writes under p->lock) ---- */

/* A set of links and monitors: a process's own (p->links), or a copy that
 * link_view_locked brings up to date. */
static rt_link *set_find(rt_link *v, uint32_t n, uint32_t kind, term pid, uint64_t ref) {
  for (uint32_t i = 0; i < n; i++) {
    rt_link *l = &v[i];
    if (l->kind != kind) continue;
    if (kind == LK_LINK ? l->pid == pid : l->ref == ref) return l;
  }
  return NULL;
}

static void set_add(rt_link **v, uint32_t *n, uint32_t *cap, uint32_t kind, term pid, term name,
                    uint64_t ref) {
  if (kind == LK_LINK && set_find(*v, *n, kind, pid, 0)) return;
  if (*n == *cap) {
    uint32_t c = *cap ? *cap * 2 : 4;
    rt_link *nv = realloc(*v, c * sizeof *nv);
    if (!nv) return;
    *v = nv;
    *cap = c;
  }
  (*v)[(*n)++] = (rt_link){pid, name, ref, kind};
}

static bool set_remove(rt_link *v, uint32_t *n, uint32_t kind, term pid, uint64_t ref) {
  rt_link *l = set_find(v, *n, kind, pid, ref);
  if (!l) return false;
  uint32_t i = (uint32_t)(l - v);
  memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof *l);
  (*n)--;
  return true;
}

static rt_link *find_locked(proc *p, uint32_t kind, term pid, uint64_t ref) {
  return set_find(p->links, p->nlinks, kind, pid, ref);
}

rt_link *link_find(proc *p, uint32_t kind, term pid, uint64_t ref) {
  return find_locked(p, kind, pid, ref);
}

static void add_locked(proc *p, uint32_t kind, term pid, term name, uint64_t ref) {
  set_add(&p->links, &p->nlinks, &p->links_cap, kind, pid, name, ref);
}

static bool remove_locked(proc *p, uint32_t kind, term pid, uint64_t ref) {
  return set_remove(p->links, &p->nlinks, kind, pid, ref);
}

void link_add(proc *p, uint32_t kind, term pid, term name, uint64_t ref) {
  proc_lock(p);
  add_locked(p, kind, pid, name, ref);
  proc_unlock(p);
}

bool link_remove(proc *p, uint32_t kind, term pid, uint64_t ref) {
  proc_lock(p);
  bool r = remove_locked(p, kind, pid, ref);
  proc_unlock(p);
  return r;
}

/* What another process sees of t's set: t's table with the signals t has
 * not handled yet applied in the order they came (the BEAM answers
 * process_info after the signals sent before it). */
typedef struct view {
  rt_link *v;
  uint32_t n, cap;
} view;

static void view_apply(const rt_sig *s, void *ctx) {
  view *w = ctx;
  switch (sig_kind(&s->m)) {
  case SIG_LINK: set_add(&w->v, &w->n, &w->cap, LK_LINK, s->from, NONE, 0); break;
  case SIG_UNLINK:
  case SIG_EXIT_LINK: set_remove(w->v, &w->n, LK_LINK, s->from, 0); break;
  case SIG_MONITOR: set_add(&w->v, &w->n, &w->cap, LK_MON_IN, s->from, s->name, s->ref); break;
  case SIG_DEMONITOR: set_remove(w->v, &w->n, LK_MON_IN, s->from, s->ref); break;
  case SIG_DOWN: set_remove(w->v, &w->n, LK_MON_OUT, NONE, s->ref); break;
  default: break;
  }
}

rt_link *link_view_locked(proc *t, uint32_t *n) {
  view w = {NULL, 0, 0};
  for (uint32_t i = 0; i < t->nlinks; i++) {
    const rt_link *l = &t->links[i];
    set_add(&w.v, &w.n, &w.cap, l->kind, l->pid, l->name, l->ref);
  }
  mbox_each_signal_locked(t, view_apply, &w);
  *n = w.n;
  return w.v;
}

/* ---- building messages in fragments ---- */

static void frag_account_words(heapfrag *f, term *hp) { f->used = (size_t)(hp - f->mem); }

/* {:EXIT, from, reason} */
static term build_exit_msg(term from, term reason, heapfrag **out) {
  size_t words = 4 + copy_size(reason);
  heapfrag *f = frag_new(words);
  if (!f) return NONE;
  term *hp = f->mem;
  term *tup = hp;
  hp += 4;
  term r = copy_term(reason, &hp, &f->mso);
  tup[0] = make_header(3, BOX_TUPLE);
  tup[1] = ATOM_UP_EXIT;
  tup[2] = from;
  tup[3] = r;
  frag_account_words(f, hp);
  *out = f;
  return make_boxed(tup);
}

/* {:DOWN, ref, :process, who, reason}; who = pid, or {name, node} */
static term build_down_msg(uint64_t ref, term pid, term name, term reason, heapfrag **out) {
  size_t words = 6 + 2 + (name != NONE ? 3 : 0) + copy_size(reason);
  heapfrag *f = frag_new(words);
  if (!f) return NONE;
  term *hp = f->mem;
  term *tup = hp;
  hp += 6;
  term *rf = hp;
  hp += 2;
  rf[0] = make_header(1, BOX_REF);
  rf[1] = ref;
  term who = pid;
  if (name != NONE) {
    hp[0] = make_header(2, BOX_TUPLE);
    hp[1] = name;
    hp[2] = ATOM_NONODE;
    who = make_boxed(hp);
    hp += 3;
  }
  term r = copy_term(reason, &hp, &f->mso);
  tup[0] = make_header(5, BOX_TUPLE);
  tup[1] = ATOM_DOWN;
  tup[2] = make_boxed(rf);
  tup[3] = ATOM_PROCESS;
  tup[4] = who;
  tup[5] = r;
  frag_account_words(f, hp);
  *out = f;
  return make_boxed(tup);
}

static msg *new_msg(term v, heapfrag *f) {
  msg *m = mbox_msg_alloc(NULL);
  if (!m) {
    if (f) frag_free(f);
    return NULL;
  }
  m->value = v;
  m->frag = f;
  return m;
}

term make_ref_with_id(proc *p, uint64_t id) {
  term *hp = heap_alloc(p, 2);
  hp[0] = make_header(1, BOX_REF);
  hp[1] = id;
  return make_boxed(hp);
}

/* ---- sending signals ---- */

bool link_send_signal(runtime *rt, sched *hint, int kind, term from, term to, term reason,
                      term name, uint64_t ref) {
  proc *t = proc_acquire(rt, to);
  if (!t) return false;
  rt_sig *s = malloc(sizeof *s);
  if (!s) {
    proc_release(t);
    return false;
  }
  s->m.frag = NULL;
  s->m.value = make_mark((uint64_t)kind);
  s->from = from;
  s->reason = reason == NONE ? NONE : copy_to_frag(reason, &s->m.frag);
  s->name = name;
  s->ref = ref;
  mbox_push(t, &s->m);
  rt_wake(rt, t, hint);
  proc_release(t);
  return true;
}

static void sig_free(rt_sig *s) {
  if (s->m.frag) frag_free(s->m.frag);
  free(s);
}

void link_signal_to_dead(runtime *rt, sched *hint, term dead_pid, rt_sig *s) {
  switch (sig_kind(&s->m)) {
  case SIG_LINK:
    link_send_signal(rt, hint, SIG_EXIT_LINK, dead_pid, s->from, ATOM_NOPROC, NONE, 0);
    break;
  case SIG_MONITOR:
    link_send_signal(rt, hint, SIG_DOWN, dead_pid, s->from, ATOM_NOPROC, s->name, s->ref);
    break;
  default:
    break;
  }
  sig_free(s);
}

/* The owner takes the reason of a fatal signal: keep its fragment alive on
 * the heap until the exit sequence is over. */
static void doom(proc *p, rt_sig *s, term reason) {
  if (p->pending_exit != NONE) return;
  if (s->m.frag && reason == s->reason) {
    heapfrag *f = s->m.frag;
    s->m.frag = NULL;
    heap_adopt_frag(p, f);
  }
  p->pending_exit = reason;
  p->exit_signal = true;
}

static void deliver_exit_msg(proc *p, term from, term reason) {
  heapfrag *f = NULL;
  term v = build_exit_msg(from, reason, &f);
  if (v == NONE) return;
  msg *m = new_msg(v, f);
  if (m) mbox_append_local(p, m);
}

void link_handle_signal(proc *p, rt_sig *s) {
  switch (sig_kind(&s->m)) {
  case SIG_LINK:
    add_locked(p, LK_LINK, s->from, NONE, 0);
    break;
  case SIG_UNLINK:
    remove_locked(p, LK_LINK, s->from, 0);
    break;
  case SIG_EXIT:
    if (s->reason == ATOM_KILL) doom(p, s, ATOM_KILLED);
    else if (p->trap_exit) deliver_exit_msg(p, s->from, s->reason);
    else if (s->reason == ATOM_NORMAL) {
      if (s->from == p->pid) doom(p, s, ATOM_NORMAL);
    } else doom(p, s, s->reason);
    break;
  case SIG_EXIT_LINK:
    if (!remove_locked(p, LK_LINK, s->from, 0)) break; /* unlinked meanwhile */
    if (p->trap_exit) deliver_exit_msg(p, s->from, s->reason);
    else if (s->reason != ATOM_NORMAL) doom(p, s, s->reason);
    break;
  case SIG_MONITOR:
    add_locked(p, LK_MON_IN, s->from, s->name, s->ref);
    break;
  case SIG_DEMONITOR:
    remove_locked(p, LK_MON_IN, s->from, s->ref);
    break;
  case SIG_DOWN:
    if (remove_locked(p, LK_MON_OUT, NONE, s->ref)) {
      heapfrag *f = NULL;
      term v = build_down_msg(s->ref, s->from, s->name, s->reason, &f);
      if (trace_on(p->rt)) trace_write_term(p->rt, p->sched, TR_DOWN, p->pid, s->from, s->ref, s->reason);
      if (v != NONE) {
        msg *m = new_msg(v, f);
        if (m) mbox_append_local(p, m);
      }
    }
    break;
  default:
    break;
  }
  sig_free(s);
}

/* ---- exit ---- */

void link_exit_notify(proc *p, term reason) {
  runtime *rt = p->rt;
  proc_lock(p);
  rt_link *ls = p->links;
  uint32_t n = p->nlinks;
  p->links = NULL;
  p->nlinks = p->links_cap = 0;
  proc_unlock(p);
  for (uint32_t i = 0; i < n; i++) {
    rt_link *l = &ls[i];
    switch (l->kind) {
    case LK_LINK:
      if (link_send_signal(rt, p->sched, SIG_EXIT_LINK, p->pid, l->pid, reason, NONE, 0))
        if (trace_on(rt)) trace_write_term(rt, p->sched, TR_EXIT_SIGNAL, p->pid, l->pid, 0, reason);
      break;
    case LK_MON_IN:
      link_send_signal(rt, p->sched, SIG_DOWN, p->pid, l->pid, reason, l->name, l->ref);
      break;
    case LK_MON_OUT:
      link_send_signal(rt, p->sched, SIG_DEMONITOR, p->pid, l->pid, NONE, NONE, l->ref);
      break;
    }
  }
  free(ls);
}

/* ---- the BIFs' side ---- */

term link_bif_link(proc *p, term pid) {
  if (!is_pid(pid)) return bu_badarg_info(p, 1, "not a pid");
  if (pid == p->pid) return ATOM_TRUE;
  if (link_find(p, LK_LINK, pid, 0)) return ATOM_TRUE;
  link_add(p, LK_LINK, pid, NONE, 0);
  if (!link_send_signal(p->rt, p->sched, SIG_LINK, p->pid, pid, NONE, NONE, 0)) {
    link_remove(p, LK_LINK, pid, 0);
    if (!p->trap_exit) return vm_error(p, ATOM_NOPROC);
    heapfrag *f = NULL;
    term v = build_exit_msg(pid, ATOM_NOPROC, &f);
    if (v != NONE) mbox_push_self(p, v, f);
    return ATOM_TRUE;
  }
  TRACE(p->rt, p->sched, TR_LINK, p->pid, pid, 0, NULL, 0);
  return ATOM_TRUE;
}

term link_bif_unlink(proc *p, term pid) {
  if (!is_pid(pid)) return bu_badarg_info(p, 1, "not a pid");
  if (link_remove(p, LK_LINK, pid, 0)) {
    link_send_signal(p->rt, p->sched, SIG_UNLINK, p->pid, pid, NONE, NONE, 0);
    TRACE(p->rt, p->sched, TR_UNLINK, p->pid, pid, 0, NULL, 0);
  }
  return ATOM_TRUE;
}

term link_bif_monitor(proc *p, term target) {
  term name = NONE, pid = target;
  if (is_tuple(target) && tuple_arity(target) == 2 && is_atom(tuple_get(target, 0)))
    target = tuple_get(target, 0); /* {name, node}: this node only */
  if (is_atom(target)) {
    name = target;
    pid = reg_whereis(p->rt, name);
  } else if (!is_pid(target)) {
    return bu_badarg_info(p, 2, "not a pid"); /* numbered as :erlang.monitor(:process, x)'s */
  }
  term ref = make_ref(p);
  uint64_t id = ref_id(ref);
  if (pid == p->pid) return ref; /* itself: no monitor, as the BEAM's */
  if (pid != NONE) {
    link_add(p, LK_MON_OUT, pid, name, id);
    if (link_send_signal(p->rt, p->sched, SIG_MONITOR, p->pid, pid, NONE, name, id)) {
      TRACE(p->rt, p->sched, TR_MONITOR, p->pid, pid, id, NULL, 0);
      return ref;
    }
    link_remove(p, LK_MON_OUT, NONE, id);
  }
  heapfrag *f = NULL;
  term v = build_down_msg(id, pid == NONE ? NONE : pid, name, ATOM_NOPROC, &f);
  if (v != NONE) mbox_push_self(p, v, f);
  return ref;
}

/* Is m a {:DOWN, ref, ...} message for ref id? */
static bool is_down_for(term v, uint64_t id) {
  return is_tuple(v) && tuple_arity(v) == 5 && tuple_get(v, 0) == ATOM_DOWN &&
         is_ref(tuple_get(v, 1)) && ref_id(tuple_get(v, 1)) == id;
}

bool link_bif_demonitor(proc *p, term ref, bool flush) {
  uint64_t id = ref_id(ref);
  rt_link *l = link_find(p, LK_MON_OUT, NONE, id);
  bool found = l != NULL;
  if (l) {
    term pid = l->pid;
    link_remove(p, LK_MON_OUT, NONE, id);
    link_send_signal(p->rt, p->sched, SIG_DEMONITOR, p->pid, pid, NONE, NONE, id);
    TRACE(p->rt, p->sched, TR_DEMONITOR, p->pid, pid, id, NULL, 0);
  }
  if (flush) {
    mbox_drain(p);
    proc_lock(p);
    msg **pp = &p->q_first;
    while (*pp) {
      msg *m = *pp;
      msg *next = m->next;
      if (is_down_for(m->value, id)) {
        *pp = next;
        if (p->q_last == &m->next) p->q_last = pp;
        if (p->q_save == &m->next) p->q_save = pp;
        if (m == p->mark_msg) p->mark_id = 0;
        p->q_len--;
        p->q_bytes -= mbox_msg_bytes(m);
        mbox_free_msg(p->rt, m);
        break;
      }
      pp = &m->next;
    }
    proc_unlock(p);
  }
  return found;
}

term link_bif_exit(proc *p, term pid, term reason) {
  if (!is_pid(pid)) return bu_badarg_info(p, 1, "not a pid");
  if (pid == p->pid) {
    /* to self: handled at once, as the BEAM does; the process ends as one
     * an exit signal ends (no crash report), even with :normal */
    if (reason != ATOM_KILL && p->trap_exit) {
      heapfrag *f = NULL;
      term v = build_exit_msg(pid, reason, &f);
      if (v != NONE) mbox_push_self(p, v, f);
      return ATOM_TRUE;
    }
    p->exit_signal = true;
    return vm_raise(p, ATOM_EXIT, reason == ATOM_KILL ? ATOM_KILLED : reason);
  }
  if (link_send_signal(p->rt, p->sched, SIG_EXIT, p->pid, pid, reason, NONE, 0))
    if (trace_on(p->rt)) trace_write_term(p->rt, p->sched, TR_EXIT_SIGNAL, p->pid, pid, 1, reason);
  return ATOM_TRUE;
}
