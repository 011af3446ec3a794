/*
 * registry.c -- registered names: atom -> pid in O(1).
 *
 * One open-addressing hash table (linear probing, tombstones) under
 * rt->reg_lock. Invariants, all kept under the lock:
 * - a name maps to at most one pid, and a process has at most one name,
 *   mirrored in p->reg_name (atomic so observers read it without the lock);
 * - only a living process keeps a name. The exit sequence stores EXITING
 *   and then reads p->reg_name (reg_remove_proc), taking the lock only when
 *   it is set; reg_register stores p->reg_name and then reads the state, and
 *   undoes the registration if the process is exiting. All four accesses
 *   are seq_cst, so at least one side sees the other: either the exit finds
 *   the name and removes it under the lock, or the registration sees
 *   EXITING and removes it itself (both under the lock: never twice). An
 *   exit with no name never touches the lock.
 */
#include <stdlib.h>

#include "runtime.h"
#include "trace.h"
#include "atom.h"

#define EMPTY ((term)0)
#define TOMB NONE

static uint32_t hash_name(term name) {
  uint64_t h = atom_index(name) * 0x9E3779B97F4A7C15ull;
  return (uint32_t)(h >> 32);
}

void reg_init(runtime *rt) {
  sys_mutex_init(&rt->reg_lock);
  rt->reg = NULL;
  rt->reg_cap = rt->reg_count = rt->reg_tomb = 0;
}

void reg_free(runtime *rt) {
  free(rt->reg);
  rt->reg = NULL;
  sys_mutex_destroy(&rt->reg_lock);
}

/* slot of name, or -1 */
static int64_t find_slot(runtime *rt, term name) {
  if (!rt->reg_cap) return -1;
  uint32_t mask = rt->reg_cap - 1;
  for (uint32_t i = hash_name(name) & mask, n = 0; n < rt->reg_cap; i = (i + 1) & mask, n++) {
    term k = rt->reg[i].name;
    if (k == EMPTY) return -1;
    if (k == name) return i;
  }
  return -1;
}

static bool grow(runtime *rt) {
  uint32_t cap = rt->reg_cap ? rt->reg_cap * 2 : 64;
  if (rt->reg_count * 2 < rt->reg_cap) cap = rt->reg_cap; /* only tombstones: rehash */
  struct rt_regent *n = calloc(cap, sizeof *n);
  if (!n) return false;
  for (uint32_t i = 0; i < rt->reg_cap; i++) {
    term k = rt->reg[i].name;
    if (k == EMPTY || k == TOMB) continue;
    uint32_t j = hash_name(k) & (cap - 1);
    while (n[j].name != EMPTY) j = (j + 1) & (cap - 1);
    n[j] = rt->reg[i];
  }
  free(rt->reg);
  rt->reg = n;
  rt->reg_cap = cap;
  rt->reg_tomb = 0;
  return true;
}

int reg_register(runtime *rt, term name, proc *p) {
  int r = -1;
  sys_mutex_lock(&rt->reg_lock);
  uint32_t st = atomic_load(&p->state);
  bool alive = st == PS_RUNNABLE || st == PS_RUNNING || st == PS_WAITING;
  if (alive && atomic_load(&p->reg_name) == NIL && find_slot(rt, name) < 0) {
    if ((rt->reg_count + rt->reg_tomb + 1) * 4 >= rt->reg_cap * 3 && !grow(rt)) goto out;
    uint32_t mask = rt->reg_cap - 1;
    uint32_t i = hash_name(name) & mask;
    while (rt->reg[i].name != EMPTY && rt->reg[i].name != TOMB) i = (i + 1) & mask;
    if (rt->reg[i].name == TOMB) rt->reg_tomb--;
    rt->reg[i].name = name;
    rt->reg[i].pid = p->pid;
    rt->reg_count++;
    atomic_store(&p->reg_name, name);
    r = 0;
    st = atomic_load(&p->state);
    if (!(st == PS_RUNNABLE || st == PS_RUNNING || st == PS_WAITING)) {
      /* it began its exit meanwhile: the exit may not have seen the name */
      rt->reg[i].name = TOMB;
      rt->reg[i].pid = NIL;
      rt->reg_count--;
      rt->reg_tomb++;
      atomic_store(&p->reg_name, NIL);
      r = -1;
    }
  }
out:
  sys_mutex_unlock(&rt->reg_lock);
  return r;
}

static void remove_at(runtime *rt, int64_t i) {
  rt->reg[i].name = TOMB;
  rt->reg[i].pid = NIL;
  rt->reg_count--;
  rt->reg_tomb++;
}

bool reg_unregister(runtime *rt, term name) {
  sys_mutex_lock(&rt->reg_lock);
  int64_t i = find_slot(rt, name);
  if (i >= 0) {
    term pid = rt->reg[i].pid;
    remove_at(rt, i);
    proc *p = proc_acquire(rt, pid);
    if (p) {
      atomic_store(&p->reg_name, NIL);
      proc_release(p);
    }
  }
  sys_mutex_unlock(&rt->reg_lock);
  return i >= 0;
}

term reg_whereis(runtime *rt, term name) {
  sys_mutex_lock(&rt->reg_lock);
  int64_t i = find_slot(rt, name);
  term pid = i >= 0 ? rt->reg[i].pid : NONE;
  sys_mutex_unlock(&rt->reg_lock);
  return pid;
}

void reg_remove_proc(proc *p) {
  runtime *rt = p->rt;
  /* p stored EXITING (seq_cst) before: see the header comment */
  if (atomic_load(&p->reg_name) == NIL) return;
  sys_mutex_lock(&rt->reg_lock);
  term name = atomic_load(&p->reg_name);
  if (name != NIL) {
    int64_t i = find_slot(rt, name);
    if (i >= 0 && rt->reg[i].pid == p->pid) remove_at(rt, i);
    atomic_store(&p->reg_name, NIL);
  }
  sys_mutex_unlock(&rt->reg_lock);
  if (name != NIL && trace_on(rt)) trace_write_term(rt, p->sched, TR_UNREGISTER, p->pid, 0, 0, name);
}

term reg_list(proc *p) {
  runtime *rt = p->rt;
  sys_mutex_lock(&rt->reg_lock);
  uint32_t n = rt->reg_count;
  term *hp = n ? heap_alloc(p, 2 * (size_t)n) : NULL;
  term list = NIL;
  uint32_t k = 0;
  for (uint32_t i = 0; i < rt->reg_cap && k < n; i++) {
    term name = rt->reg[i].name;
    if (name == EMPTY || name == TOMB) continue;
    hp[2 * k] = name;
    hp[2 * k + 1] = list;
    list = make_cons_ptr(hp + 2 * k);
    k++;
  }
  sys_mutex_unlock(&rt->reg_lock);
  return list;
}
