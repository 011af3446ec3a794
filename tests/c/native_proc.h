/*
 * native_proc.h -- helpers for tests that run native processes (C bodies
 * instead of bytecode) on the runtime: tests/c/test_runtime.c and the
 * multi-threaded test_*_mt.c of the runtime.
 *
 * A native body is called like vm_run: it returns VM_YIELD, VM_WAIT or
 * VM_EXIT. It keeps its state in p->native_data; the NP_* macros make a
 * body a resumable sequence of steps (a protothread: a switch on a saved
 * line number, so locals do not survive a wait -- keep them in the state).
 */
#ifndef BEAMLET_TEST_NATIVE_PROC_H
#define BEAMLET_TEST_NATIVE_PROC_H

#include "runtime.h"
#include "atom.h"
#include "vm.h"

#include <stdio.h>

/* The first message in the queue, taken; NONE when there is none yet. */
static inline term np_take_any(proc *p) {
  proc_recv_start(p, NONE);
  term v = proc_recv_peek(p);
  if (v == NONE) return NONE;
  return proc_recv_take(p);
}

/* The first message satisfying pred, taken; NONE when none (yet). */
static inline term np_take_if(proc *p, bool (*pred)(term v, void *ctx), void *ctx) {
  proc_recv_start(p, NONE);
  for (;;) {
    term v = proc_recv_peek(p);
    if (v == NONE) return NONE;
    if (pred(v, ctx)) return proc_recv_take(p);
    proc_recv_skip(p);
  }
}

static inline int np_exit(proc *p, term reason) {
  p->roots[ROOT_EXIT] = reason;
  return VM_EXIT;
}

#define NP_BEGIN(line) switch (*(line)) { case 0:
/* Wait until `expr` (which takes a message) is not NONE; store it in var. */
#define NP_AWAIT(line, var, expr) \
  *(line) = __LINE__; /* fallthrough */ case __LINE__: if (((var) = (expr)) == NONE) return VM_WAIT;
#define NP_YIELD(line) \
  *(line) = __LINE__; return VM_YIELD; case __LINE__:;
#define NP_END(line) } *(line) = -1; p->roots[ROOT_EXIT] = ATOM_NORMAL; return VM_EXIT;
/* (NP_END needs the body's process to be named p) */

static inline bool np_is_tuple_n(term v, uint32_t n, term tag) {
  return is_tuple(v) && tuple_arity(v) == n && tuple_get(v, 0) == tag;
}

/* {:EXIT, pid, reason} */
static inline bool np_is_exit(term v, term pid, term reason) {
  return np_is_tuple_n(v, 3, ATOM_UP_EXIT) && tuple_get(v, 1) == pid && tuple_get(v, 2) == reason;
}
/* {:DOWN, ref, :process, pid, reason} */
static inline bool np_is_down(term v, term ref, term pid, term reason) {
  return np_is_tuple_n(v, 5, ATOM_DOWN) && is_ref(tuple_get(v, 1)) &&
         ref_id(tuple_get(v, 1)) == ref_id(ref) && tuple_get(v, 2) == ATOM_PROCESS &&
         tuple_get(v, 3) == pid && tuple_get(v, 4) == reason;
}

/* Did p just raise the Elixir exception `name` ("ArgumentError")? The
 * reason is the exception struct (%{__struct__: Elixir.ArgumentError, ..}). */
static inline bool np_raised(proc *p, const char *name) {
  if (p->exc_class != ATOM_ERROR) return false;
  char full[64];
  snprintf(full, sizeof full, "Elixir.%s", name);
  term mod = atom_from_cstr(full), e = p->roots[ROOT_EXC];
  /* an error with the BEAM's reason and Elixir's message (errors.h exc_wrap) */
  if (is_tuple(e) && tuple_arity(e) == 3 && tuple_get(e, 0) == atom_from_cstr("$beamlet_error")) e = tuple_get(e, 2);
  if (is_map(e)) {
    for (uint32_t i = 0; i < map_size(e); i++)
      if (map_keys(e)[i] == ATOM_STRUCT) return map_vals(e)[i] == mod;
    return false;
  }
  return e == mod;
}
static inline void np_clear_exc(proc *p) {
  p->exc_class = NONE;
  p->roots[ROOT_EXC] = NIL;
}

/* A BIF of bif_table_process by module and name. */
static inline bif_fn np_bif(const char *mod, const char *name, unsigned arity) {
  for (const bif_entry *e = bif_table_process; e->name; e++)
    if (!strcmp(e->module, mod) && !strcmp(e->name, name) && e->arity == arity) return e->fn;
  return NULL;
}

#endif
