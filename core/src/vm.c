/*
 * vm.c -- the bytecode interpreter (instruction set and frame layout in
 * vm_ops.h).
 *
 * All interpreter state lives in the process: pc, fp and the stack. Inside
 * vm_run they are cached in locals (pc, fp, sp, floor) and written back at
 * every point where control leaves the loop (yield, wait, exit) or where a
 * collection may move the stack (vm_gc). Invariants while running:
 *   - p->stop == floor, the lowest word of the current frame; the heap
 *     (htop) never passes it, so heap_alloc (BIFs, slow paths) can never
 *     hand out a frame word;
 *   - every word in [sp, hend) is a term or a CP immediate (locals are
 *     initialised by ENTER), so a collection scans exactly [sp, hend);
 *   - the caller reserved FRAME_HDR words below its arguments, so a call
 *     writes the callee's header without a check; ENTER checks the callee's
 *     whole frame against htop (collecting if needed).
 * Between runs (yield/wait) p->stop is the exact sp, and roots[ROOT_SCRATCH]
 * holds the frame floor as a small integer offset from hend.
 *
 * Exceptions: vm_raise records class and reason; an instruction that sees
 * NONE jumps to `raise`, which either resumes at the failing guard's label
 * or (there is no try in Tier 1) ends the process.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "bif_fmt.h"
#include "bif_util.h"
#include "code.h"
#include "compare.h"
#include "errors.h"
#include "heap.h"
#include "strbuf.h"
#include "vm.h"
#include "vm_ops.h"

#if defined(__GNUC__)
#define VM_GOTO 1
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define VM_GOTO 0
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#endif

/* ------------------------------------------------------------------ */
/* exceptions                                                          */
/* ------------------------------------------------------------------ */

term vm_raise(proc *p, term cls, term reason) {
  p->exc_class = cls;
  p->roots[ROOT_EXC] = reason;
  return NONE;
}

term vm_error(proc *p, term reason) { return vm_raise(p, ATOM_ERROR, reason); }

term vm_error_exc(proc *p, const char *exception_module, const char *message) {
  term e = exc_make_message(p, exception_module, message, strlen(message));
  return vm_error(p, e);
}

static term err2(proc *p, const char *tag, term v) {
  return vm_error(p, make_tuple2(p, atom_from_cstr(tag), v));
}

static term mk_tuple4(proc *p, term a, term b, term c, term d) {
  term t = make_tuple(p, 4);
  term *e = tuple_elems(t);
  e[0] = a; e[1] = b; e[2] = c; e[3] = d;
  return t;
}

static term mk_tuple5(proc *p, term a, term b, term c, term d, term f) {
  term t = make_tuple(p, 5);
  term *e = tuple_elems(t);
  e[0] = a; e[1] = b; e[2] = c; e[3] = d; e[4] = f;
  return t;
}

static term raise_undef(proc *p, const struct program *prog, term mod, term name, unsigned arity) {
  bool exists = program_has_module(prog, mod);
  return vm_error(p, mk_tuple5(p, ATOM_UNDEF, mod, name, make_small(arity), bool_atom(exists)));
}

static term raise_badarity(proc *p, term fun, term *args_rev, uint32_t n) {
  /* args_rev[0] is the last argument */
  term list = NIL;
  for (uint32_t i = 0; i < n; i++) list = make_cons(p, args_rev[i], list);
  return vm_error(p, make_tuple2(p, atom_from_cstr("badarity"), make_tuple2(p, fun, list)));
}

/* ------------------------------------------------------------------ */
/* arithmetic and comparison slow paths                                */
/* ------------------------------------------------------------------ */

static term overflow(proc *p) {
  return vm_error_exc(p, "ArithmeticError", "integer overflow (beamlet integers are 64-bit)");
}

static term arith(proc *p, int op, term a, term b) {
  if (!is_number(a) || !is_number(b)) return vm_error(p, ATOM_BADARITH);
  if (op == OP_FDIV) {
    double y = is_float(b) ? float_val(b) : (double)int_val(b);
    double x = is_float(a) ? float_val(a) : (double)int_val(a);
    if (y == 0.0) return vm_error(p, ATOM_BADARITH);
    double r = x / y;
    if (!isfinite(r)) return vm_error(p, ATOM_BADARITH);
    return make_float(p, r);
  }
  if (is_integer(a) && is_integer(b)) {
    int64_t x = int_val(a), y = int_val(b), r;
    switch (op) {
#if defined(__GNUC__)
      case OP_ADD: if (__builtin_add_overflow(x, y, &r)) return overflow(p); break;
      case OP_SUB: if (__builtin_sub_overflow(x, y, &r)) return overflow(p); break;
      case OP_MUL: if (__builtin_mul_overflow(x, y, &r)) return overflow(p); break;
#else
      case OP_ADD:
        if ((y > 0 && x > INT64_MAX - y) || (y < 0 && x < INT64_MIN - y)) return overflow(p);
        r = x + y;
        break;
      case OP_SUB:
        if ((y < 0 && x > INT64_MAX + y) || (y > 0 && x < INT64_MIN + y)) return overflow(p);
        r = x - y;
        break;
      case OP_MUL: {
        if (x != 0 && y != 0) {
          if ((x == -1 && y == INT64_MIN) || (y == -1 && x == INT64_MIN)) return overflow(p);
          int64_t q = x * y;
          if (q / y != x) return overflow(p);
        }
        r = x * y;
        break;
      }
#endif
      case OP_IDIV:
        if (y == 0) return vm_error(p, ATOM_BADARITH);
        if (x == INT64_MIN && y == -1) return overflow(p);
        r = x / y;
        break;
      case OP_REM:
        if (y == 0) return vm_error(p, ATOM_BADARITH);
        r = (y == -1) ? 0 : x % y;
        break;
      default: return vm_error(p, ATOM_BADARITH);
    }
    return make_int(p, r);
  }
  if (op == OP_IDIV || op == OP_REM) return vm_error(p, ATOM_BADARITH);
  double x = is_float(a) ? float_val(a) : (double)int_val(a);
  double y = is_float(b) ? float_val(b) : (double)int_val(b);
  double r = op == OP_ADD ? x + y : op == OP_SUB ? x - y : x * y;
  if (!isfinite(r)) return vm_error(p, ATOM_BADARITH);
  return make_float(p, r);
}

static inline bool truthy(term t) { return t != ATOM_NIL && t != ATOM_FALSE; }

/* ------------------------------------------------------------------ */
/* lists, binaries, maps                                               */
/* ------------------------------------------------------------------ */

static term concat(proc *p, term a, term b) {
  if (!is_binary(a) || !is_binary(b)) return vm_error(p, ATOM_BADARG);
  size_t la = binary_size(a), lb = binary_size(b);
  if (lb == 0) return a;
  if (la == 0) return b;
  char small[256];
  char *buf = la + lb <= sizeof small ? small : malloc(la + lb);
  if (!buf) return vm_error(p, ATOM_SYSTEM_LIMIT);
  memcpy(buf, binary_data(a), la);
  memcpy(buf + la, binary_data(b), lb);
  term r = make_binary(p, buf, la + lb);
  if (buf != small) free(buf);
  return r;
}

static term list_append(proc *p, term a, term b) {
  if (is_nil(a)) return b;
  int64_t n = bu_list_len(a);
  if (n < 0) return vm_error(p, ATOM_BADARG);
  term *cells = heap_alloc(p, (size_t)n * 2);
  term l = a;
  for (int64_t i = 0; i < n; i++, l = cdr(l)) {
    cells[2 * i] = car(l);
    cells[2 * i + 1] = i + 1 < n ? make_cons_ptr(cells + 2 * (i + 1)) : b;
  }
  return make_cons_ptr(cells);
}

static term list_subtract(proc *p, term a, term b) {
  int64_t na = bu_list_len(a), nb = bu_list_len(b);
  if (na < 0 || nb < 0) return vm_error(p, ATOM_BADARG);
  if (na == 0 || nb == 0) return a;
  term *keep = malloc((size_t)na * sizeof(term));
  bool *used = calloc((size_t)nb, 1);
  if (!keep || !used) {
    free(keep);
    free(used);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  size_t nk = 0;
  for (term l = a; is_cons(l); l = cdr(l)) {
    term x = car(l);
    bool removed = false;
    int64_t j = 0;
    for (term m = b; is_cons(m); m = cdr(m), j++)
      if (!used[j] && term_exact_eq(x, car(m))) {
        used[j] = true;
        removed = true;
        break;
      }
    if (!removed) keep[nk++] = x;
  }
  term r = make_list_from(p, keep, nk);
  free(keep);
  free(used);
  return r;
}

static term member(proc *p, term x, term coll) {
  if (is_list(coll)) {
    for (term l = coll; is_cons(l); l = cdr(l))
      if (term_eq(x, car(l))) return ATOM_TRUE;
    return ATOM_FALSE;
  }
  int64_t first, last, step;
  if (bu_is_range(coll, &first, &last, &step)) {
    if (!is_integer(x)) return ATOM_FALSE;
    int64_t v = int_val(x);
    if (step > 0) {
      if (v < first || v > last) return ATOM_FALSE;
    } else {
      if (v > first || v < last) return ATOM_FALSE;
    }
    return bool_atom((v - first) % step == 0);
  }
  if (is_map(coll)) {
    if (!is_tuple(x) || tuple_arity(x) != 2) return ATOM_FALSE;
    term v = bu_map_get(coll, tuple_get(x, 0));
    return bool_atom(v != NONE && term_eq(v, tuple_get(x, 1)));
  }
  /* Enumerable not implemented */
  return vm_error(p, mk_tuple4(p, atom_from_cstr("badarg"), coll, NIL, NIL));
}

static term interpolate(proc *p, term *parts_rev, uint32_t n, bool charlist) {
  strbuf sb;
  strbuf_init(&sb);
  for (uint32_t k = n; k-- > 0;) {
    term t = parts_rev[k];
    if (!is_binary(t)) {
      t = bif_to_string(p, t);
      if (t == NONE) {
        strbuf_free(&sb);
        return NONE;
      }
    }
    strbuf_put(&sb, binary_data(t), binary_size(t));
  }
  if (sb.oom) {
    strbuf_free(&sb);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  term r;
  if (!charlist) {
    r = make_binary(p, sb.data ? sb.data : "", sb.len);
  } else {
    size_t cap = sb.len, ncp = 0, i = 0;
    term *cps = malloc((cap + 1) * sizeof(term));
    while (cps && i < sb.len) cps[ncp++] = make_small(bu_utf8_next((const uint8_t *)sb.data, sb.len, &i, NULL));
    r = cps ? make_list_from(p, cps, ncp) : NIL;
    free(cps);
  }
  strbuf_free(&sb);
  return r;
}

static term map_field(proc *p, term m, term key) {
  if (!is_map(m)) return vm_error(p, make_tuple2(p, atom_from_cstr("badmap"), m));
  term v = bu_map_get(m, key);
  if (v == NONE) return vm_error(p, make_tuple3(p, atom_from_cstr("badkey"), key, m));
  return v;
}

/* %{m | k => v, ...}: pairs_rev[2i+1] is key i counted from the end... the
 * stack order: key0 val0 key1 val1 ... with the last value on top. */
static term map_update(proc *p, term m, term *sp, uint32_t n) {
  if (!is_map(m)) return vm_error(p, make_tuple2(p, atom_from_cstr("badmap"), m));
  for (uint32_t i = 0; i < n; i++) {
    term k = sp[2 * (n - 1 - i) + 1], v = sp[2 * (n - 1 - i)];
    if (bu_map_get(m, k) == NONE) return vm_error(p, make_tuple3(p, atom_from_cstr("badkey"), k, m));
    m = bu_map_put(p, m, k, v);
  }
  return m;
}

static term build_map(proc *p, term *sp, uint32_t n) {
  term kbuf[32], vbuf[32];
  term *ks = n <= 32 ? kbuf : malloc(n * sizeof(term));
  term *vs = n <= 32 ? vbuf : malloc(n * sizeof(term));
  if (!ks || !vs) {
    if (ks != kbuf) free(ks);
    if (vs != vbuf) free(vs);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  for (uint32_t i = 0; i < n; i++) {
    ks[i] = sp[2 * (n - 1 - i) + 1];
    vs[i] = sp[2 * (n - 1 - i)];
  }
  term r = bu_map_from(p, ks, vs, n);
  if (ks != kbuf) free(ks);
  if (vs != vbuf) free(vs);
  return r;
}

static term make_range(proc *p, term a, term b, term s) {
  if (!is_integer(a) || !is_integer(b) || !is_integer(s) || int_val(s) == 0) {
    return vm_error_exc(p, "ArgumentError",
                        "ranges (first..last//step) expect both sides to be integers");
  }
  return bu_make_range(p, int_val(a), int_val(b), int_val(s));
}

static const char *default_message(const char *mod) {
  if (strcmp(mod, "Elixir.ArgumentError") == 0) return "argument error";
  if (strcmp(mod, "Elixir.RuntimeError") == 0) return "runtime error";
  if (strcmp(mod, "Elixir.ArithmeticError") == 0) return "bad argument in arithmetic expression";
  if (strcmp(mod, "Elixir.SystemLimitError") == 0) return "a system limit has been reached";
  return NULL;
}

/* raise/1 and raise/2 */
static term raise_exc(proc *p, int form, term a, term b) {
  if (form == 0) {
    if (is_binary(a)) return vm_error(p, exc_make_message(p, "RuntimeError", (const char *)binary_data(a), binary_size(a)));
    if (is_map(a) && bu_map_get(a, ATOM_EXCEPTION) == ATOM_TRUE) return vm_error(p, a);
    if (is_atom(a)) {
      char mod[300];
      snprintf(mod, sizeof mod, "%.*s", (int)atom_len(a), atom_text(a));
      const char *msg = default_message(mod);
      if (!msg) {
        char buf[320];
        snprintf(buf, sizeof buf, "%s", mod + (strncmp(mod, "Elixir.", 7) == 0 ? 7 : 0));
        return vm_error(p, exc_make_message(p, mod, buf, strlen(buf)));
      }
      return vm_error(p, exc_make_message(p, mod, msg, strlen(msg)));
    }
    return vm_error_exc(p, "ArgumentError", "raise/1 expects an exception, a module or a string");
  }
  /* raise Mod, msg | raise Mod, key: value */
  if (!is_atom(a)) return vm_error_exc(p, "ArgumentError", "raise/2 expects a module");
  char mod[300];
  snprintf(mod, sizeof mod, "%.*s", (int)atom_len(a), atom_text(a));
  if (is_binary(b)) return vm_error(p, exc_make_message(p, mod, (const char *)binary_data(b), binary_size(b)));
  if (is_list(b)) {
    const char *dm = default_message(mod);
    term e = exc_make_message(p, mod, dm ? dm : "", dm ? strlen(dm) : 0);
    for (term l = b; is_cons(l); l = cdr(l)) {
      term kv = car(l);
      if (is_tuple(kv) && tuple_arity(kv) == 2) e = bu_map_put(p, e, tuple_get(kv, 0), tuple_get(kv, 1));
    }
    return vm_error(p, e);
  }
  return vm_error_exc(p, "ArgumentError", "raise/2 expects a message or a keyword list");
}

/* ------------------------------------------------------------------ */
/* process exit                                                        */
/* ------------------------------------------------------------------ */

static void report_crash(proc *p, term cls, term reason) {
  strbuf sb;
  strbuf_init(&sb);
  if (rt_is_main(p)) {
    if (cls == ATOM_EXIT && exc_exit_is_silent(reason)) {
      strbuf_free(&sb);
      return;
    }
    exc_format_banner(&sb, cls, reason);
    strbuf_putc(&sb, '\n');
  } else {
    if (!exc_format_crash_report(&sb, p->pid, cls, reason)) {
      strbuf_free(&sb);
      return;
    }
  }
  if (sb.data && sb.len) rt_output(p, 2, sb.data, sb.len);
  strbuf_free(&sb);
}

/* End the process with its pending exception. */
static void exit_with_exception(proc *p) {
  term cls = p->exc_class, reason = p->roots[ROOT_EXC];
  /* the stack is dead: give its words back to the heap */
  p->stop = p->hend;
  p->fp = p->hend;
  term exit_reason;
  if (cls == ATOM_EXIT) exit_reason = reason;
  else if (cls == ATOM_THROW)
    exit_reason = make_tuple2(p, make_tuple2(p, atom_from_cstr("nocatch"), reason), NIL);
  else
    exit_reason = make_tuple2(p, reason, NIL);
  p->roots[ROOT_EXIT] = exit_reason;
  report_crash(p, cls, reason);
  p->exc_class = NONE;
  p->roots[ROOT_EXC] = NIL;
}

static void exit_killed(proc *p, const char *why) {
  p->stop = p->hend;
  p->fp = p->hend;
  p->roots[ROOT_EXIT] = ATOM_KILLED;
  char buf[200];
  char pidtxt[64];
  uint64_t pid = p->pid;
  snprintf(pidtxt, sizeof pidtxt, "<0.%u.%u>", pid_slot(pid), pid_serial(pid));
  int n = snprintf(buf, sizeof buf, "beamlet: process %s killed: %s\n", pidtxt, why);
  if (n > 0) rt_output(p, 2, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* ------------------------------------------------------------------ */
/* collection at a safe point                                          */
/* ------------------------------------------------------------------ */

/* Make `need` free words below the frame floor, keeping [sp, hend) alive.
 * Updates the cached pointers. false: the process is over its cap. */
static bool vm_gc(proc *p, size_t need, term **spp, term **fpp, term **floorp) {
  size_t below = (size_t)(*spp - *floorp);
  size_t fpo = (size_t)(p->hend - *fpp);
  p->stop = *spp;
  p->fp = *fpp;
  bool ok = gc_collect(p, need + below);
  *spp = p->stop;
  *fpp = p->hend - fpo;
  *floorp = p->stop - below;
  p->stop = *floorp;
  return ok;
}

uint32_t fun_arity(term f) { return fun_def(f)->arity; }
const char *fun_name(term f) { return fun_def(f)->display; }

/* ------------------------------------------------------------------ */
/* setup                                                               */
/* ------------------------------------------------------------------ */

/* Push the arguments (the elements of list `args`, arg 0 first; or the
 * zero-arity `fun`) and a bottom frame returning to code[0]. A collection
 * here keeps fun/args alive through the roots. */
static bool push_bottom(proc *p, term fun, term args, uint32_t n, uint32_t entry,
                        const struct program *prog) {
  size_t need = n + 1 + FRAME_HDR + 8;
  if (p->stop - p->htop < 0 || (size_t)(p->stop - p->htop) < need) {
    p->fp = p->hend;
    p->roots[ROOT_SCRATCH] = fun == NONE ? NIL : fun;
    p->roots[ROOT_EXC] = args == NONE ? NIL : args;
    bool ok = gc_collect(p, need);
    if (fun != NONE) fun = p->roots[ROOT_SCRATCH];
    if (args != NONE) args = p->roots[ROOT_EXC];
    p->roots[ROOT_SCRATCH] = NIL;
    p->roots[ROOT_EXC] = NIL;
    if (!ok) return false;
  }
  term *sp = p->stop;
  for (term l = args; args != NONE && is_cons(l); l = cdr(l)) *--sp = car(l);
  if (fun != NONE) *--sp = fun;
  term *fp = sp - FRAME_HDR;
  fp[0] = make_cp(0);
  fp[1] = make_cp(0);
  fp[2] = make_cp((uint64_t)(p->hend - sp)); /* floor after return: sp */
  fp[3] = fun != NONE ? fun : NIL;
  p->fp = fp;
  p->stop = fp;
  p->pc = prog->code + entry;
  p->roots[ROOT_SCRATCH] = make_small(p->hend - fp);
  p->exc_class = NONE;
  return true;
}

bool vm_setup(proc *p, term fun, term mod, term name, term args) {
  const struct program *prog = rt_program(p->rt);
  if (!prog) return false;
  if (fun != NONE) {
    if (!is_fun(fun)) return false;
    const struct fundef *fd = fun_def(fun);
    if (fd->arity != 0) return false;
    return push_bottom(p, fun, NONE, 0, fd->entry, prog);
  }
  int64_t n = bu_list_len(args);
  if (n < 0 || n > 255) return false;
  const struct fundef *fd = program_find(prog, mod, name, (uint32_t)n);
  if (!fd || !fd->exported) return false;
  return push_bottom(p, NONE, args, (uint32_t)n, fd->entry, prog);
}

bool vm_setup_main(proc *p, const struct program *prog) {
  if (!prog) return false;
  return push_bottom(p, NONE, NONE, 0, prog->funs[prog->main_fun]->entry, prog);
}

/* ------------------------------------------------------------------ */
/* the interpreter                                                     */
/* ------------------------------------------------------------------ */

/* Tail calls move the new arguments up into the frame's parameter area:
 * the destination is always above the source (the arguments were pushed
 * below the current frame's locals), so copying downwards from the top is
 * safe even when the areas overlap. */
static inline void move_args(term *dst, const term *src, uint32_t n) {
  for (uint32_t i = n; i-- > 0;) dst[i] = src[i];
}

#define SLOT(k) fp[(int32_t)pc[k]]
#define JREL(k) (pc + (int32_t)pc[k])
#define ENSURE(words)                                                    \
  do {                                                                   \
    if (UNLIKELY((size_t)(floor - p->htop) < (size_t)(words))) {         \
      if (!vm_gc(p, (size_t)(words), &sp, &fp, &floor)) goto heap_limit; \
    }                                                                    \
  } while (0)

#if VM_GOTO
#define DISPATCH() goto *labels[*pc]
#define CASE(name) L_##name:
#else
#define DISPATCH() goto dispatch
#define CASE(name) case OP_##name:
#endif
#define NEXT(n)      \
  do {               \
    pc += 1 + (n);   \
    DISPATCH();      \
  } while (0)

int vm_run(proc *p, int32_t budget) {
  const struct program *prog = rt_program(p->rt);
  const uint32_t *const code = prog->code;
  const uint32_t *pc = p->pc;
  term *fp = p->fp, *sp = p->stop, *floor;
  int32_t reds = budget;
  /* guard state: an exception inside a guard resumes at guard_pc */
  const uint32_t *guard_pc = NULL;
  term *guard_sp = NULL;
  term args[256];

  if (is_small(p->roots[ROOT_SCRATCH])) floor = p->hend - small_val(p->roots[ROOT_SCRATCH]);
  else floor = sp;
  if (floor > sp) floor = sp;
  p->stop = floor;

#if VM_GOTO
  static const void *const labels[] = {
#define X(name, n) &&L_##name,
      VM_OPS(X)
#undef X
  };
  DISPATCH();
#else
dispatch:
  switch (*pc) {
#endif

  CASE(EXIT) {
    p->roots[ROOT_SCRATCH] = sp[0];
    p->roots[ROOT_EXIT] = ATOM_NORMAL;
    p->stop = p->hend;
    p->fp = p->hend;
    p->reductions += (uint64_t)(budget - reds);
    return VM_EXIT;
  }

  CASE(ENTER) {
    uint32_t ext = pc[1], nl = pc[2];
    if (UNLIKELY(--reds < 0)) {
      p->pc = pc;
      p->fp = fp;
      p->stop = fp;
      p->roots[ROOT_SCRATCH] = make_small(p->hend - floor);
      p->reductions += (uint64_t)budget;
      return VM_YIELD;
    }
    /* The floor only goes down: a small callee frame inside the region its
     * caller reserved must not hand that region to the heap, or the caller
     * would find its operand space taken when the callee returns. */
    size_t low = floor < fp ? (size_t)(fp - floor) : 0;
    if (low < ext) low = ext;
    if (UNLIKELY((size_t)(fp - p->htop) < low || p->frags)) {
      size_t fpo = (size_t)(p->hend - fp);
      p->stop = fp;
      p->fp = fp;
      bool ok = p->frags ? gc_maybe(p) : true;
      fp = p->hend - fpo;
      if (ok && (size_t)(fp - p->htop) < low) {
        ok = gc_collect(p, low);
        fp = p->hend - fpo;
      }
      if (!ok) goto heap_limit;
    }
    floor = fp - low;
    p->stop = floor;
    for (uint32_t j = 0; j < nl; j++) fp[-1 - (int32_t)j] = NIL;
    sp = fp - nl;
    NEXT(2);
  }

  CASE(UNPACK_ENV) {
    uint32_t n = pc[1];
    term fun = fp[FRAME_HDR];
    const term *env = fun_env(fun);
    for (uint32_t j = 0; j < n; j++) fp[(int32_t)pc[2 + j]] = env[j];
    pc += 2 + n;
    DISPATCH();
  }

  CASE(PUSH) {
    *--sp = SLOT(1);
    NEXT(1);
  }
  CASE(PUSH_CONST) {
    *--sp = prog->consts[pc[1]];
    NEXT(1);
  }
  CASE(STORE) {
    SLOT(1) = *sp++;
    NEXT(1);
  }
  CASE(MOVE) {
    SLOT(2) = SLOT(1);
    NEXT(2);
  }
  CASE(POP) {
    sp++;
    NEXT(0);
  }

#define ARITH(NAME, OPC, EXPR)                                         \
  CASE(NAME) {                                                         \
    term b = sp[0], a = sp[1];                                         \
    if (LIKELY(is_small(a) && is_small(b))) {                          \
      int64_t x = small_val(a), y = small_val(b), r = EXPR;            \
      if (LIKELY(small_fits(r))) {                                     \
        sp[1] = make_small(r);                                         \
        sp++;                                                          \
        NEXT(0);                                                       \
      }                                                                \
    }                                                                  \
    term r = arith(p, OPC, a, b);                                      \
    if (r == NONE) goto raise;                                         \
    sp[1] = r;                                                         \
    sp++;                                                              \
    NEXT(0);                                                           \
  }
  ARITH(ADD, OP_ADD, x + y)
  ARITH(SUB, OP_SUB, x - y)
  CASE(MUL) {
    term b = sp[0], a = sp[1];
    if (LIKELY(is_small(a) && is_small(b))) {
      int64_t x = small_val(a), y = small_val(b);
#if defined(__GNUC__)
      int64_t r;
      if (!__builtin_mul_overflow(x, y, &r) && small_fits(r)) {
#else
      int64_t r = 0;
      if (((x < 0 ? -x : x) < 0x40000000 && (y < 0 ? -y : y) < 0x40000000) && ((r = x * y), 1)) {
#endif
        sp[1] = make_small(r);
        sp++;
        NEXT(0);
      }
    }
    term r = arith(p, OP_MUL, a, b);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(FDIV) {
    term r = arith(p, OP_FDIV, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(IDIV) {
    term b = sp[0], a = sp[1];
    if (LIKELY(is_small(a) && is_small(b) && small_val(b) != 0)) {
      int64_t r = small_val(a) / small_val(b);
      if (small_fits(r)) {
        sp[1] = make_small(r);
        sp++;
        NEXT(0);
      }
    }
    term r = arith(p, OP_IDIV, a, b);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(REM) {
    term b = sp[0], a = sp[1];
    if (LIKELY(is_small(a) && is_small(b) && small_val(b) != 0)) {
      sp[1] = make_small(small_val(a) % small_val(b));
      sp++;
      NEXT(0);
    }
    term r = arith(p, OP_REM, a, b);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(NEG) {
    term a = sp[0];
    if (is_small(a) && small_fits(-small_val(a))) {
      sp[0] = make_small(-small_val(a));
      NEXT(0);
    }
    term r = arith(p, OP_SUB, make_small(0), a);
    if (r == NONE) goto raise;
    sp[0] = r;
    NEXT(0);
  }
  CASE(PLUS) {
    if (!is_number(sp[0])) {
      vm_error(p, ATOM_BADARITH);
      goto raise;
    }
    NEXT(0);
  }
  CASE(ADD_SK) {
    term a = SLOT(1), b = prog->consts[pc[2]];
    if (LIKELY(is_small(a))) {
      int64_t r = small_val(a) + small_val(b);
      if (LIKELY(small_fits(r))) {
        *--sp = make_small(r);
        NEXT(2);
      }
    }
    term r = arith(p, OP_ADD, a, b);
    if (r == NONE) goto raise;
    *--sp = r;
    NEXT(2);
  }
  CASE(SUB_SK) {
    term a = SLOT(1), b = prog->consts[pc[2]];
    if (LIKELY(is_small(a))) {
      int64_t r = small_val(a) - small_val(b);
      if (LIKELY(small_fits(r))) {
        *--sp = make_small(r);
        NEXT(2);
      }
    }
    term r = arith(p, OP_SUB, a, b);
    if (r == NONE) goto raise;
    *--sp = r;
    NEXT(2);
  }

#define CMP(NAME, SMALLEXPR, CMPEXPR)                                   \
  CASE(NAME) {                                                          \
    term b = sp[0], a = sp[1];                                          \
    bool r;                                                             \
    if (is_small(a) && is_small(b)) r = (int64_t)a SMALLEXPR (int64_t)b; \
    else r = term_cmp(a, b) CMPEXPR;                                    \
    sp[1] = bool_atom(r);                                               \
    sp++;                                                               \
    NEXT(0);                                                            \
  }
  CMP(LT, <, < 0)
  CMP(LE, <=, <= 0)
  CMP(GT, >, > 0)
  CMP(GE, >=, >= 0)
  CASE(EQ) {
    term b = sp[0], a = sp[1];
    sp[1] = bool_atom(a == b || (!(is_small(a) && is_small(b)) && term_eq(a, b)));
    sp++;
    NEXT(0);
  }
  CASE(NE) {
    term b = sp[0], a = sp[1];
    sp[1] = bool_atom(!(a == b || (!(is_small(a) && is_small(b)) && term_eq(a, b))));
    sp++;
    NEXT(0);
  }
  CASE(EXEQ) {
    term b = sp[0], a = sp[1];
    sp[1] = bool_atom(a == b || term_exact_eq(a, b));
    sp++;
    NEXT(0);
  }
  CASE(EXNE) {
    term b = sp[0], a = sp[1];
    sp[1] = bool_atom(!(a == b || term_exact_eq(a, b)));
    sp++;
    NEXT(0);
  }
  CASE(JLT_SK) {
    /* reserved for a fused compare-and-branch */
    NEXT(3);
  }
  CASE(NOT) {
    term a = sp[0];
    if (a == ATOM_TRUE) sp[0] = ATOM_FALSE;
    else if (a == ATOM_FALSE) sp[0] = ATOM_TRUE;
    else {
      vm_error(p, ATOM_BADARG);
      goto raise;
    }
    NEXT(0);
  }
  CASE(BANG) {
    sp[0] = bool_atom(!truthy(sp[0]));
    NEXT(0);
  }
  CASE(AND) {
    term a = *sp++;
    if (a == ATOM_FALSE) {
      *--sp = ATOM_FALSE;
      pc = JREL(1);
      DISPATCH();
    }
    if (a != ATOM_TRUE) {
      vm_error(p, make_tuple3(p, atom_from_cstr("badbool"), atom_from_cstr("and"), a));
      goto raise;
    }
    NEXT(1);
  }
  CASE(OR) {
    term a = *sp++;
    if (a == ATOM_TRUE) {
      *--sp = ATOM_TRUE;
      pc = JREL(1);
      DISPATCH();
    }
    if (a != ATOM_FALSE) {
      vm_error(p, make_tuple3(p, atom_from_cstr("badbool"), atom_from_cstr("or"), a));
      goto raise;
    }
    NEXT(1);
  }
  CASE(JUMP) {
    pc = JREL(1);
    DISPATCH();
  }
  CASE(JFALSY) {
    term a = *sp++;
    if (!truthy(a)) {
      pc = JREL(1);
      DISPATCH();
    }
    NEXT(1);
  }
  CASE(JTRUTHY) {
    term a = *sp++;
    if (truthy(a)) {
      pc = JREL(1);
      DISPATCH();
    }
    NEXT(1);
  }
  CASE(JNOTTRUE) {
    term a = *sp++;
    if (a != ATOM_TRUE) {
      pc = JREL(1);
      DISPATCH();
    }
    NEXT(1);
  }

  CASE(TUPLE) {
    uint32_t n = pc[1];
    ENSURE(n + 1);
    term *t = p->htop;
    p->htop += n + 1;
    t[0] = make_header(n, BOX_TUPLE);
    for (uint32_t i = 0; i < n; i++) t[1 + i] = sp[n - 1 - i];
    sp += n;
    *--sp = make_boxed(t);
    NEXT(1);
  }
  CASE(LIST) {
    uint32_t n = pc[1];
    ENSURE(2 * n);
    term *c = p->htop;
    p->htop += 2 * n;
    term tail = sp[0];
    /* items: item i at sp[n - i] */
    for (uint32_t i = n; i-- > 0;) {
      c[2 * i] = sp[n - i];
      c[2 * i + 1] = tail;
      tail = make_cons_ptr(c + 2 * i);
    }
    sp += n;
    sp[0] = tail;
    NEXT(1);
  }
  CASE(MAP) {
    uint32_t n = pc[1];
    term r = build_map(p, sp, n);
    if (r == NONE) goto raise;
    sp += 2 * n;
    *--sp = r;
    NEXT(1);
  }
  CASE(MAP_UPDATE) {
    uint32_t n = pc[1];
    term r = map_update(p, sp[2 * n], sp, n);
    if (r == NONE) goto raise;
    sp += 2 * n;
    sp[0] = r;
    NEXT(1);
  }

  CASE(CALL) {
    term *nfp = sp - FRAME_HDR;
    nfp[0] = make_cp((uint64_t)(p->hend - fp));
    nfp[1] = make_cp((uint64_t)(pc + 3 - code));
    nfp[2] = make_cp((uint64_t)(p->hend - floor));
    nfp[3] = NIL;
    fp = nfp;
    pc = code + pc[1];
    DISPATCH();
  }
  CASE(TCALL) {
    uint32_t n = pc[2], m = pc[3];
    term h0 = fp[0], h1 = fp[1], h2 = fp[2];
    term *nfp = fp + (int32_t)m - (int32_t)n;
    move_args(nfp + FRAME_HDR, sp, n);
    nfp[0] = h0;
    nfp[1] = h1;
    nfp[2] = h2;
    nfp[3] = NIL;
    fp = nfp;
    pc = code + pc[1];
    DISPATCH();
  }
  CASE(CALL_BIF) {
    bif_fn f = prog->bifs[pc[1]];
    uint32_t n = pc[2];
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) goto raise;
    sp += n;
    *--sp = r;
    NEXT(2);
  }
  CASE(TCALL_BIF) {
    bif_fn f = prog->bifs[pc[1]];
    uint32_t n = pc[2];
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) goto raise;
    sp += n;
    *--sp = r;
    pc += 2; /* pc[1] is now the current arity, as RET expects */
    goto do_ret;
  }
  CASE(CALL_DYN) {
    term name = prog->consts[pc[1]];
    uint32_t n = pc[2];
    term mod = sp[n];
    if (!is_atom(mod)) {
      vm_error(p, make_tuple2(p, ATOM_BADARG, mod));
      goto raise;
    }
    const struct fundef *fd = program_find(prog, mod, name, n);
    if (fd && fd->exported) {
      memmove(sp + 1, sp, n * sizeof(term));
      sp++;
      term *nfp = sp - FRAME_HDR;
      nfp[0] = make_cp((uint64_t)(p->hend - fp));
      nfp[1] = make_cp((uint64_t)(pc + 3 - code));
      nfp[2] = make_cp((uint64_t)(p->hend - floor));
      nfp[3] = NIL;
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, n);
    if (!f) {
      raise_undef(p, prog, mod, name, n);
      goto raise;
    }
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) goto raise;
    sp += n + 1;
    *--sp = r;
    NEXT(2);
  }
  CASE(TCALL_DYN) {
    term name = prog->consts[pc[1]];
    uint32_t n = pc[2], m = pc[3];
    term mod = sp[n];
    if (!is_atom(mod)) {
      vm_error(p, make_tuple2(p, ATOM_BADARG, mod));
      goto raise;
    }
    const struct fundef *fd = program_find(prog, mod, name, n);
    if (fd && fd->exported) {
      term h0 = fp[0], h1 = fp[1], h2 = fp[2];
      term *nfp = fp + (int32_t)m - (int32_t)n;
      move_args(nfp + FRAME_HDR, sp, n);
      nfp[0] = h0;
      nfp[1] = h1;
      nfp[2] = h2;
      nfp[3] = NIL;
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, n);
    if (!f) {
      raise_undef(p, prog, mod, name, n);
      goto raise;
    }
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) goto raise;
    sp += n + 1;
    *--sp = r;
    pc += 2;
    goto do_ret;
  }
  CASE(CALL_UNDEF) {
    raise_undef(p, prog, prog->consts[pc[1]], prog->consts[pc[2]], pc[3]);
    goto raise;
  }
  CASE(APPLY) {
    uint32_t n = pc[1];
    term fun = sp[0];
    if (UNLIKELY(!is_fun(fun))) {
      vm_error(p, make_tuple2(p, atom_from_cstr("badfun"), fun));
      goto raise;
    }
    const struct fundef *fd = fun_def(fun);
    if (UNLIKELY(fd->arity != n)) {
      raise_badarity(p, fun, sp + 1, n);
      goto raise;
    }
    term *nfp = sp - FRAME_HDR;
    nfp[0] = make_cp((uint64_t)(p->hend - fp));
    nfp[1] = make_cp((uint64_t)(pc + 2 - code));
    nfp[2] = make_cp((uint64_t)(p->hend - floor));
    nfp[3] = fun;
    fp = nfp;
    pc = code + fd->entry;
    DISPATCH();
  }
  CASE(TAPPLY) {
    uint32_t n = pc[1], m = pc[2];
    term fun = sp[0];
    if (UNLIKELY(!is_fun(fun))) {
      vm_error(p, make_tuple2(p, atom_from_cstr("badfun"), fun));
      goto raise;
    }
    const struct fundef *fd = fun_def(fun);
    if (UNLIKELY(fd->arity != n)) {
      raise_badarity(p, fun, sp + 1, n);
      goto raise;
    }
    term h0 = fp[0], h1 = fp[1], h2 = fp[2];
    term *nfp = fp + (int32_t)m - (int32_t)(n + 1);
    move_args(nfp + FRAME_HDR, sp, n + 1);
    nfp[0] = h0;
    nfp[1] = h1;
    nfp[2] = h2;
    nfp[3] = fun;
    fp = nfp;
    pc = code + fd->entry;
    DISPATCH();
  }
  CASE(APPLY_LIST) {
    /* [fun][list]: push the elements and the fun, then call */
    term list = sp[0], fun = sp[1];
    int64_t n = bu_list_len(list);
    if (n < 0 || n > 255) {
      vm_error(p, ATOM_BADARG);
      goto raise;
    }
    if (!is_fun(fun)) {
      vm_error(p, make_tuple2(p, atom_from_cstr("badfun"), fun));
      goto raise;
    }
    const struct fundef *fd = fun_def(fun);
    uint32_t i = 0;
    for (term l = list; is_cons(l); l = cdr(l)) args[i++] = car(l);
    if (fd->arity != (uint32_t)n) {
      term rev[256];
      for (uint32_t k = 0; k < (uint32_t)n; k++) rev[k] = args[n - 1 - k];
      raise_badarity(p, fun, rev, (uint32_t)n);
      goto raise;
    }
    sp += 2;
    size_t need = (size_t)n + 1 + FRAME_HDR;
    if ((size_t)(sp - floor) < need) {
      /* lower the floor: the extra words must be free heap space */
      if ((size_t)(sp - p->htop) < need && !vm_gc(p, need, &sp, &fp, &floor)) goto heap_limit;
      floor = sp - need;
      p->stop = floor;
    }
    for (uint32_t k = 0; k < (uint32_t)n; k++) *--sp = args[k];
    *--sp = fun;
    term *nfp = sp - FRAME_HDR;
    nfp[0] = make_cp((uint64_t)(p->hend - fp));
    nfp[1] = make_cp((uint64_t)(pc + 1 - code));
    nfp[2] = make_cp((uint64_t)(p->hend - floor));
    nfp[3] = fun;
    fp = nfp;
    pc = code + fd->entry;
    DISPATCH();
  }
  CASE(APPLY_MFA) {
    term list = sp[0], name = sp[1], mod = sp[2];
    int64_t n = bu_list_len(list);
    if (n < 0 || n > 255 || !is_atom(mod) || !is_atom(name)) {
      vm_error(p, ATOM_BADARG);
      goto raise;
    }
    uint32_t i = 0;
    for (term l = list; is_cons(l); l = cdr(l)) args[i++] = car(l);
    const struct fundef *fd = program_find(prog, mod, name, (uint32_t)n);
    sp += 3;
    if (fd && fd->exported) {
      size_t need = (size_t)n + FRAME_HDR;
      if ((size_t)(sp - floor) < need) {
        if ((size_t)(sp - p->htop) < need && !vm_gc(p, need, &sp, &fp, &floor)) goto heap_limit;
        floor = sp - need;
        p->stop = floor;
      }
      for (uint32_t k = 0; k < (uint32_t)n; k++) *--sp = args[k];
      term *nfp = sp - FRAME_HDR;
      nfp[0] = make_cp((uint64_t)(p->hend - fp));
      nfp[1] = make_cp((uint64_t)(pc + 1 - code));
      nfp[2] = make_cp((uint64_t)(p->hend - floor));
      nfp[3] = NIL;
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, (unsigned)n);
    if (!f) {
      sp -= 3;
      raise_undef(p, prog, mod, name, (unsigned)n);
      goto raise;
    }
    term r = f(p, args);
    if (r == NONE) goto raise;
    *--sp = r;
    NEXT(0);
  }
  CASE(RET) {
  do_ret: {
    term r = sp[0];
    uint32_t m = pc[1];
    sp = fp + FRAME_HDR + m;
    pc = code + cp_val(fp[1]);
    floor = p->hend - cp_val(fp[2]);
    fp = p->hend - cp_val(fp[0]);
    *--sp = r;
    p->stop = floor;
    DISPATCH();
  }
  }
  CASE(MAKE_FUN) {
    const struct fundef *fd = prog->funs[pc[1]];
    uint32_t nfree = pc[2];
    ENSURE(2 + nfree);
    term *t = p->htop;
    p->htop += 2 + nfree;
    t[0] = make_header(1 + nfree, BOX_FUN);
    t[1] = (term)(uintptr_t)fd;
    for (uint32_t j = 0; j < nfree; j++) t[2 + j] = sp[nfree - 1 - j];
    sp += nfree;
    *--sp = make_boxed(t);
    NEXT(2);
  }
  CASE(CONCAT) {
    term r = concat(p, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(INTERP) {
    uint32_t n = pc[1];
    term r = interpolate(p, sp, n, false);
    if (r == NONE) goto raise;
    sp += n;
    *--sp = r;
    NEXT(1);
  }
  CASE(INTERP_CL) {
    uint32_t n = pc[1];
    term r = interpolate(p, sp, n, true);
    if (r == NONE) goto raise;
    sp += n;
    *--sp = r;
    NEXT(1);
  }
  CASE(APPEND) {
    term r = list_append(p, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(SUBTRACT) {
    term r = list_subtract(p, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(IN) {
    term r = member(p, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(RANGE) {
    term a = sp[1], b = sp[0];
    term s = make_small(is_integer(a) && is_integer(b) && int_val(b) < int_val(a) ? -1 : 1);
    term r = make_range(p, a, b, s);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(RANGE_STEP) {
    term r = make_range(p, sp[2], sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[2] = r;
    sp += 2;
    NEXT(0);
  }
  CASE(FIELD) {
    term r = map_field(p, sp[0], prog->consts[pc[1]]);
    if (r == NONE) goto raise;
    sp[0] = r;
    NEXT(1);
  }
  CASE(RAISE) {
    static const term classes[3] = {ATOM_ERROR, ATOM_EXIT, ATOM_THROW};
    vm_raise(p, classes[pc[1] < 3 ? pc[1] : 0], sp[0]);
    goto raise;
  }
  CASE(RAISE_EXC) {
    if (pc[1] == 0) raise_exc(p, 0, sp[0], NIL);
    else raise_exc(p, 1, sp[1], sp[0]);
    goto raise;
  }
  CASE(ERR_MATCH) {
    err2(p, "badmatch", SLOT(1));
    goto raise;
  }
  CASE(ERR_CASE) {
    err2(p, "case_clause", SLOT(1));
    goto raise;
  }
  CASE(ERR_COND) {
    vm_error(p, atom_from_cstr("cond_clause"));
    goto raise;
  }
  CASE(ERR_FCLAUSE) {
    const struct fundef *fd = prog->funs[pc[1]];
    if (fd->kind == FUNDEF_LAMBDA) {
      vm_error(p, mk_tuple4(p, ATOM_FUNCTION_CLAUSE, fd->module,
                            atom_from_cstr("anonymous fn"), make_small(fd->arity)));
    } else {
      vm_error(p, mk_tuple4(p, ATOM_FUNCTION_CLAUSE, fd->module, fd->name, make_small(fd->arity)));
    }
    goto raise;
  }
  CASE(SELF) {
    *--sp = p->pid;
    NEXT(0);
  }
  CASE(NODE) {
    *--sp = ATOM_NONODE;
    NEXT(0);
  }
  CASE(SEND) {
    term r = proc_send(p, sp[1], sp[0]);
    if (r == NONE) goto raise;
    sp[1] = r;
    sp++;
    NEXT(0);
  }
  CASE(GUARD) {
    guard_pc = JREL(1);
    guard_sp = sp;
    NEXT(1);
  }
  CASE(GUARD_END) {
    guard_pc = NULL;
    NEXT(0);
  }
  CASE(T_IMM) {
    if (SLOT(1) != prog->consts[pc[2]]) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_LIT) {
    term a = SLOT(1), b = prog->consts[pc[2]];
    if (a != b && !term_exact_eq(a, b)) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_SAME) {
    term a = SLOT(1), b = SLOT(2);
    if (a != b && !term_exact_eq(a, b)) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_PIN) {
    term a = SLOT(1), b = SLOT(2);
    if (a != b && !term_exact_eq(a, b)) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_TUPLE) {
    term a = SLOT(1);
    if (!is_tuple(a) || tuple_arity(a) != pc[2]) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_CONS) {
    if (!is_cons(SLOT(1))) {
      pc = JREL(2);
      DISPATCH();
    }
    NEXT(2);
  }
  CASE(T_NIL) {
    if (SLOT(1) != NIL) {
      pc = JREL(2);
      DISPATCH();
    }
    NEXT(2);
  }
  CASE(T_MAP) {
    if (!is_map(SLOT(1))) {
      pc = JREL(2);
      DISPATCH();
    }
    NEXT(2);
  }
  CASE(GET_ELEM) {
    SLOT(3) = tuple_get(SLOT(1), pc[2]);
    NEXT(3);
  }
  CASE(GET_LIST) {
    term l = SLOT(1);
    SLOT(2) = car(l);
    SLOT(3) = cdr(l);
    NEXT(3);
  }
  CASE(MAP_GET) {
    term v = bu_map_get(SLOT(1), prog->consts[pc[2]]);
    if (v == NONE) {
      pc = JREL(4);
      DISPATCH();
    }
    SLOT(3) = v;
    NEXT(4);
  }
  CASE(MAP_GET_S) {
    term v = bu_map_get(SLOT(1), SLOT(2));
    if (v == NONE) {
      pc = JREL(4);
      DISPATCH();
    }
    SLOT(3) = v;
    NEXT(4);
  }
  CASE(T_PREFIX) {
    term s = SLOT(1), pre = prog->consts[pc[2]];
    size_t lp = binary_size(pre);
    if (!is_binary(s) || binary_size(s) < lp || memcmp(binary_data(s), binary_data(pre), lp) != 0) {
      pc = JREL(4);
      DISPATCH();
    }
    size_t rest = binary_size(s) - lp;
    /* the rest is a new binary (sub-binaries are not in term.h) */
    ENSURE(2 + (rest + 7) / 8);
    s = SLOT(1);
    term r = make_binary(p, binary_data(s) + lp, rest);
    SLOT(3) = r;
    NEXT(4);
  }

  CASE(RECV_START) {
    term marker = NONE;
    if (pc[1]) {
      term m = SLOT(1);
      if (is_ref(m)) marker = m;
    }
    int64_t deadline = -1;
    if (pc[2]) {
      term t = SLOT(2);
      if (t == ATOM_INFINITY) deadline = -1;
      else if (is_integer(t) && int_val(t) >= 0) {
        int64_t v = int_val(t);
        deadline = v == 0 ? -2 : rt_now_ms(p->rt) + v;
      } else {
        vm_error(p, make_tuple2(p, atom_from_cstr("timeout_value"), t));
        goto raise;
      }
    }
    SLOT(3) = make_small(deadline);
    p->timed_out = false;
    proc_recv_start(p, marker);
    NEXT(3);
  }
  CASE(RECV_PEEK) {
    term m = proc_recv_peek(p);
    if (m == NONE) {
      pc = JREL(2);
      DISPATCH();
    }
    SLOT(1) = m;
    NEXT(2);
  }
  CASE(RECV_TAKE) {
    term m = proc_recv_take(p);
    rt_trace_receive(p, m, (int)pc[1]);
    p->timed_out = false;
    p->wait_until = -1;
    NEXT(1);
  }
  CASE(RECV_SKIP) {
    proc_recv_skip(p);
    pc = JREL(1);
    DISPATCH();
  }
  CASE(RECV_WAIT) {
    int64_t d = small_val(SLOT(1));
    bool has_after = pc[3] != 0;
    if (has_after && (p->timed_out || d == -2 || (d >= 0 && rt_now_ms(p->rt) >= d))) {
      p->timed_out = false;
      p->wait_until = -1;
      proc_recv_end(p);
      pc = JREL(3);
      DISPATCH();
    }
    p->timed_out = false;
    p->wait_until = d;
    p->pc = JREL(2);
    p->fp = fp;
    p->stop = sp;
    p->roots[ROOT_SCRATCH] = make_small(p->hend - floor);
    p->reductions += (uint64_t)(budget - (reds > 0 ? reds : 0));
    return VM_WAIT;
  }
  CASE(TYPE) {
    term t = sp[0];
    bool r;
    switch (pc[1]) {
      case TY_ATOM: r = is_atom(t); break;
      case TY_BINARY: r = is_binary(t); break;
      case TY_BOOLEAN: r = t == ATOM_TRUE || t == ATOM_FALSE; break;
      case TY_FLOAT: r = is_float(t); break;
      case TY_FUNCTION: r = is_fun(t); break;
      case TY_INTEGER: r = is_integer(t); break;
      case TY_LIST: r = is_list(t); break;
      case TY_MAP: r = is_map(t); break;
      case TY_NIL: r = t == ATOM_NIL; break;
      case TY_NUMBER: r = is_number(t); break;
      case TY_PID: r = is_pid(t); break;
      case TY_REFERENCE: r = is_ref(t); break;
      case TY_TUPLE: r = is_tuple(t); break;
      default: r = false;
    }
    sp[0] = bool_atom(r);
    NEXT(1);
  }

#if !VM_GOTO
  default:
    vm_error_exc(p, "RuntimeError", "beamlet: bad instruction");
    goto raise;
  }
#endif

raise:
  if (guard_pc) {
    sp = guard_sp;
    pc = guard_pc;
    guard_pc = NULL;
    p->exc_class = NONE;
    p->roots[ROOT_EXC] = NIL;
    DISPATCH();
  }
  p->reductions += (uint64_t)(budget - (reds > 0 ? reds : 0));
  exit_with_exception(p);
  return VM_EXIT;

heap_limit:
  p->reductions += (uint64_t)(budget - (reds > 0 ? reds : 0));
  exit_killed(p, "heap limit reached");
  return VM_EXIT;
}
