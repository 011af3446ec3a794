/*
 * vm.c -- the bytecode interpreter (instruction set and frame layout in
 * vm_ops.h).
 *
 * All interpreter state lives in the process: pc, fp and the stack. Inside
 * vm_run pc, fp and sp are cached in locals (the frame floor is p->stop
 * itself) and written back at
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
#include "inspect.h"
#include "strbuf.h"
#include "vm.h"
#include "vm_ops.h"

#if defined(__GNUC__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#endif
/* Threaded dispatch where there are indirect jumps; WebAssembly has none
 * (a computed goto becomes a table load and then a switch), so it gets the
 * switch directly. */
#if defined(__GNUC__) && !defined(__wasm__)
#define VM_GOTO 1
#else
#define VM_GOTO 0
#endif

/* Signed add/subtract that report overflow instead of wrapping. */
#if defined(__GNUC__)
#define ADD_OVF(x, y, r) __builtin_add_overflow((x), (y), (r))
#define SUB_OVF(x, y, r) __builtin_sub_overflow((x), (y), (r))
#else
static inline bool add_ovf(int64_t x, int64_t y, int64_t *r) {
  if ((y > 0 && x > INT64_MAX - y) || (y < 0 && x < INT64_MIN - y)) return true;
  *r = x + y;
  return false;
}
static inline bool sub_ovf(int64_t x, int64_t y, int64_t *r) {
  if ((y < 0 && x > INT64_MAX + y) || (y > 0 && x < INT64_MIN + y)) return true;
  *r = x - y;
  return false;
}
#define ADD_OVF(x, y, r) add_ovf((x), (y), (r))
#define SUB_OVF(x, y, r) sub_ovf((x), (y), (r))
#endif

/* ------------------------------------------------------------------ */
/* exceptions                                                          */
/* ------------------------------------------------------------------ */

/* Context of an error for its report: Elixir completes some messages from
 * the stack trace (the operands of a failed arithmetic operation, the
 * arguments of a function without a matching clause), which beamlet does
 * not keep. The instruction that raises such an error leaves the context
 * in roots[ROOT_SCRATCH] (free while the process runs) as
 * {CTX_TAG, kind, ...}; every raise clears it first, so a context always
 * belongs to the pending exception. */
#define CTX_ARITH 0  /* {tag, 0, opcode, a, b} */
#define CTX_FCLAUSE 1 /* {tag, 1, fundef index, args list} */
#define CTX_BIF 2    /* {tag, 2}: a BIF raised :badarg */
#define CTX_BIF_FCLAUSE 3 /* {tag, 3, args list}: a BIF raised function_clause */

term vm_raise(proc *p, term cls, term reason) {
  p->exc_class = cls;
  p->roots[ROOT_EXC] = reason;
  p->roots[ROOT_SCRATCH] = NIL;
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

static term ctx_tag(void) { return atom_from_cstr("$beamlet_error_context"); }

static void set_ctx(proc *p, term t) { p->roots[ROOT_SCRATCH] = t; }

static term badarith(proc *p, int op, term a, term b) {
  vm_error(p, ATOM_BADARITH);
  term t = make_tuple(p, 5);
  term *e = tuple_elems(t);
  e[0] = ctx_tag(); e[1] = make_small(CTX_ARITH); e[2] = make_small(op); e[3] = a; e[4] = b;
  set_ctx(p, t);
  return NONE;
}

/* After a BIF failed: note that a plain :badarg came from a BIF, or the
 * arguments a BIF found no clause for. */
static void bif_failed(proc *p, const term *args, uint32_t n) {
  if (p->exc_class != ATOM_ERROR) return;
  term r = p->roots[ROOT_EXC];
  if (r == ATOM_BADARG) {
    set_ctx(p, make_tuple2(p, ctx_tag(), make_small(CTX_BIF)));
  } else if (is_tuple(r) && tuple_arity(r) == 4 && tuple_get(r, 0) == ATOM_FUNCTION_CLAUSE) {
    term l = NIL;
    for (uint32_t i = n; i-- > 0;) l = make_cons(p, args[i], l);
    set_ctx(p, make_tuple3(p, ctx_tag(), make_small(CTX_BIF_FCLAUSE), l));
  }
}

/* The n arguments of a call as a list, from the stack where args_rev[0] is
 * the last one. */
static term args_list(proc *p, const term *args_rev, uint32_t n) {
  term list = NIL;
  for (uint32_t i = 0; i < n; i++) list = make_cons(p, args_rev[i], list);
  return list;
}

/* {:undef, mod, name, args, module exists?}: errors.c makes the exit
 * reason {:undef, [{mod, name, args, []}]} of it, as the BEAM's. */
static term raise_undef(proc *p, const struct program *prog, term mod, term name, term args) {
  bool exists = program_has_module(prog, mod) || bif_module_exists(mod);
  return vm_error(p, mk_tuple5(p, ATOM_UNDEF, mod, name, args, bool_atom(exists)));
}

static term raise_badarity(proc *p, term fun, term *args_rev, uint32_t n) {
  return vm_error(p, make_tuple2(p, atom_from_cstr("badarity"), make_tuple2(p, fun, args_list(p, args_rev, n))));
}

/* ------------------------------------------------------------------ */
/* arithmetic and comparison slow paths                                */
/* ------------------------------------------------------------------ */

static term arith(proc *p, int op, term a, term b) {
  if (!is_number(a) || !is_number(b)) return badarith(p, op, a, b);
  if (op == OP_FDIV) {
    double y = is_float(b) ? float_val(b) : (double)int_val(b);
    double x = is_float(a) ? float_val(a) : (double)int_val(a);
    if (y == 0.0) return badarith(p, op, a, b);
    double r = x / y;
    if (!isfinite(r)) return badarith(p, op, a, b);
    return make_float(p, r);
  }
  if (is_integer(a) && is_integer(b)) {
    int64_t x = int_val(a), y = int_val(b), r;
    switch (op) {
#if defined(__GNUC__)
      case OP_ADD: if (__builtin_add_overflow(x, y, &r)) return bu_overflow(p); break;
      case OP_SUB: if (__builtin_sub_overflow(x, y, &r)) return bu_overflow(p); break;
      case OP_MUL: if (__builtin_mul_overflow(x, y, &r)) return bu_overflow(p); break;
#else
      case OP_ADD:
        if ((y > 0 && x > INT64_MAX - y) || (y < 0 && x < INT64_MIN - y)) return bu_overflow(p);
        r = x + y;
        break;
      case OP_SUB:
        if ((y < 0 && x > INT64_MAX + y) || (y > 0 && x < INT64_MIN + y)) return bu_overflow(p);
        r = x - y;
        break;
      case OP_MUL: {
        if (x != 0 && y != 0) {
          if ((x == -1 && y == INT64_MIN) || (y == -1 && x == INT64_MIN)) return bu_overflow(p);
          int64_t q = x * y;
          if (q / y != x) return bu_overflow(p);
        }
        r = x * y;
        break;
      }
#endif
      case OP_IDIV:
        if (y == 0) return badarith(p, op, a, b);
        if (x == INT64_MIN && y == -1) return bu_overflow(p);
        r = x / y;
        break;
      case OP_REM:
        if (y == 0) return badarith(p, op, a, b);
        r = (y == -1) ? 0 : x % y;
        break;
      default: return badarith(p, op, a, b);
    }
    return make_int(p, r);
  }
  if (op == OP_IDIV || op == OP_REM) return badarith(p, op, a, b);
  double x = is_float(a) ? float_val(a) : (double)int_val(a);
  double y = is_float(b) ? float_val(b) : (double)int_val(b);
  double r = op == OP_ADD ? x + y : op == OP_SUB ? x - y : x * y;
  if (!isfinite(r)) return badarith(p, op, a, b);
  return make_float(p, r);
}

static inline bool truthy(term t) { return t != ATOM_NIL && t != ATOM_FALSE; }

/* ------------------------------------------------------------------ */
/* lists, binaries, maps                                               */
/* ------------------------------------------------------------------ */

static term concat(proc *p, term a, term b) {
  if (!is_binary(a) || !is_binary(b)) { /* :badarg, with the BEAM's text for it */
    strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb, "construction of binary failed: segment %d of type 'binary': expected a binary but got: ",
                  is_binary(b) ? 1 : 2); /* the BEAM names the second first */
    inspect_plain(&sb, is_binary(b) ? a : b);
    term e = exc_make_message(p, "ArgumentError", sb.data ? sb.data : "", sb.len);
    strbuf_free(&sb);
    return vm_error(p, exc_wrap(p, ATOM_BADARG, e));
  }
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
    for (term l = coll; is_cons(l); l = cdr(l)) /* :lists.member: exact (1.0 not in [1]) */
      if (term_exact_eq(x, car(l))) return ATOM_TRUE;
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
    return bool_atom(v != NONE && term_exact_eq(v, tuple_get(x, 1)));
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
  term v = is_map(m) ? bu_map_get(m, key) : NONE;
  if (v == NONE) return vm_error(p, make_tuple3(p, atom_from_cstr("badkey"), key, m));
  return v;
}

/* %{m | k => v, ...}: pairs_rev[2i+1] is key i counted from the end... the
 * stack order: key0 val0 key1 val1 ... with the last value on top. */
static term map_update(proc *p, term m, term *sp, uint32_t n) {
  if (!is_map(m)) return vm_error(p, make_tuple2(p, atom_from_cstr("badmap"), m));
  for (uint32_t i = 0; i < n; i++) {
    term k = sp[2 * (n - 1 - i) + 1], v = sp[2 * (n - 1 - i)];
    if (bu_map_get(m, k) == NONE) return vm_error(p, make_tuple2(p, atom_from_cstr("badkey"), k));
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

/* raise/1 and raise/2 (errors.c builds the exception with its defaults) */
static term raise_exc(proc *p, int form, term a, term b) {
  if (form == 0) {
    if (is_binary(a)) return vm_error(p, exc_make_message(p, "RuntimeError", (const char *)binary_data(a), binary_size(a)));
    if (is_map(a) && bu_map_get(a, ATOM_EXCEPTION) == ATOM_TRUE) return vm_error(p, a);
    if (is_atom(a)) return vm_error(p, exc_raise_reason(p, a, NONE));
    strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: ");
    inspect_plain(&sb, a);
    term e = exc_make_message(p, "ArgumentError", sb.data ? sb.data : "", sb.len);
    strbuf_free(&sb);
    return vm_error(p, e);
  }
  /* raise Mod, msg | raise Mod, key: value */
  if (!is_atom(a)) return vm_error_exc(p, "ArgumentError", "raise/2 expects a module");
  if (is_binary(b) || is_list(b)) return vm_error(p, exc_raise_reason(p, a, b));
  return vm_error_exc(p, "ArgumentError", "raise/2 expects a message or a keyword list");
}

/* ------------------------------------------------------------------ */
/* process exit                                                        */
/* ------------------------------------------------------------------ */

/* The context of the pending exception (see vm_raise), or NONE. */
static term error_ctx(proc *p, int kind, uint32_t arity) {
  term t = p->roots[ROOT_SCRATCH];
  if (!is_tuple(t) || tuple_arity(t) != arity || tuple_get(t, 0) != ctx_tag() ||
      tuple_get(t, 1) != make_small(kind))
    return NONE;
  return t;
}

/* Where a lambda is, as a FunctionClauseError names it; a lambda of the
 * script's top-level code (display "file:NAME") is in its compiled form. */
static const char *lambda_home(const struct fundef *fd) {
  if (!fd->display || strncmp(fd->display, "file:", 5) == 0) return ":elixir_compiler_0.__FILE__/1";
  return fd->display;
}

/* How Elixir names a function in a FunctionClauseError. */
static void put_fun_name(strbuf *sb, const struct fundef *fd) {
  if (fd->kind == FUNDEF_LAMBDA) {
    strbuf_printf(sb, "anonymous fn/%u in %s", fd->arity, lambda_home(fd));
  } else {
    inspect_atom(sb, fd->module);
    strbuf_putc(sb, '.');
    inspect_atom_remote(sb, fd->name);
    strbuf_printf(sb, "/%u", fd->arity);
  }
}

/* The banner of an error with a context, as Elixir prints it for the
 * script's main process (main) or in a crash report; false: no context. */
static bool ctx_banner(proc *p, strbuf *sb, term cls, term reason, bool main) {
  if (cls != ATOM_ERROR) return false;
  term t;
  if (reason == ATOM_BADARITH && (t = error_ctx(p, CTX_ARITH, 5)) != NONE) {
    strbuf_puts(sb, "** (ArithmeticError) bad argument in arithmetic expression");
    if (!main) return true;
    int op = (int)small_val(tuple_get(t, 2));
    term a = tuple_get(t, 3), b = tuple_get(t, 4);
    static const char *const infix[] = {"+", "-", "*", "/"};
    int k = op == OP_ADD ? 0 : op == OP_SUB ? 1 : op == OP_MUL ? 2 : op == OP_FDIV ? 3 : -1;
    strbuf_puts(sb, ": ");
    if (k >= 0) {
      inspect_plain(sb, a);
      strbuf_printf(sb, " %s ", infix[k]);
      inspect_plain(sb, b);
    } else if (op == OP_IDIV || op == OP_REM) {
      strbuf_puts(sb, op == OP_IDIV ? "div(" : "rem(");
      inspect_plain(sb, a);
      strbuf_puts(sb, ", ");
      inspect_plain(sb, b);
      strbuf_putc(sb, ')');
    } else {
      strbuf_puts(sb, op == OP_NEG ? "-(" : "+(");
      inspect_plain(sb, a);
      strbuf_putc(sb, ')');
    }
    return true;
  }
  if (reason == ATOM_BADARG && error_ctx(p, CTX_BIF, 2) != NONE) {
    strbuf_puts(sb, "** (ArgumentError) errors were found at the given arguments:");
    return true;
  }
  bool fclause = is_tuple(reason) && tuple_arity(reason) == 4 && tuple_get(reason, 0) == ATOM_FUNCTION_CLAUSE;
  term args = NONE;
  strbuf name;
  strbuf_init(&name);
  if (fclause && (t = error_ctx(p, CTX_FCLAUSE, 4)) != NONE) {
    const struct program *prog = rt_program(p->rt);
    uint64_t fi = (uint64_t)small_val(tuple_get(t, 2));
    if (prog && fi < prog->nfuns) {
      put_fun_name(&name, prog->funs[fi]);
      args = tuple_get(t, 3);
    }
  } else if (fclause && main && (t = error_ctx(p, CTX_BIF_FCLAUSE, 3)) != NONE) {
    term ar = tuple_get(reason, 3);
    inspect_atom(&name, tuple_get(reason, 1));
    strbuf_putc(&name, '.');
    inspect_atom_remote(&name, tuple_get(reason, 2));
    strbuf_printf(&name, "/%lld", (long long)(is_small(ar) ? small_val(ar) : 0));
    args = tuple_get(t, 2);
  }
  if (args != NONE) {
    const char *nm = name.data ? name.data : "";
    strbuf_puts(sb, "** (FunctionClauseError) no function clause matching in ");
    strbuf_puts(sb, nm);
    if (!main) {
      strbuf_free(&name);
      return true;
    }
    strbuf_puts(sb, "    \n    \n    The following arguments were given to ");
    strbuf_puts(sb, nm);
    strbuf_puts(sb, ":\n");
    strbuf_free(&name);
    unsigned i = 1;
    for (term l = args; is_cons(l); l = cdr(l), i++) {
      strbuf_printf(sb, "    \n        # %u\n        ", i);
      inspect_plain(sb, car(l));
      strbuf_putc(sb, '\n');
    }
    strbuf_puts(sb, "    ");
    return true;
  }
  strbuf_free(&name);
  return false;
}

static void report_crash(proc *p, term cls, term reason) {
  strbuf sb;
  strbuf_init(&sb);
  if (rt_is_main(p)) {
    /* silent, or ended by an exit signal (proc_exit says so) */
    if (cls == ATOM_EXIT && (exc_exit_is_silent(reason) || p->exit_signal)) {
      strbuf_free(&sb);
      return;
    }
    if (!ctx_banner(p, &sb, cls, reason, true)) exc_format_banner(&sb, cls, reason);
    strbuf_putc(&sb, '\n');
  } else {
    strbuf ctx;
    strbuf_init(&ctx);
    if (ctx_banner(p, &ctx, cls, reason, false)) {
      strbuf_puts(&sb, "\n[error] Process ");
      inspect_plain(&sb, p->pid);
      strbuf_puts(&sb, " raised an exception\n");
      strbuf_put(&sb, ctx.data ? ctx.data : "", ctx.len);
      strbuf_putc(&sb, '\n');
      strbuf_free(&ctx);
    } else {
      strbuf_free(&ctx);
      if (!exc_format_crash_report(&sb, p->pid, cls, reason)) {
        strbuf_free(&sb);
        return;
      }
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
  p->roots[ROOT_EXIT] = exc_exit_reason(p, cls, reason); /* {reason, stack} as the BEAM's */
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

/* Frame header words (vm_ops.h): signed offsets relative to fp. */
static inline term cp_rel(ptrdiff_t v) { return ((uint64_t)(int64_t)v << 6) | IMM_CP; }
static inline ptrdiff_t cp_rel_val(term t) { return (ptrdiff_t)((int64_t)t >> 6); }

/* Make `need` free words below the frame floor, keeping [sp, hend) alive.
 * Updates the cached pointers. false: the process is over its cap. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
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
/* #Function<N.HASH/ARITY in Mod.fun/1> for the Nth fn of a module (one
 * HASH per module), #Function<N.HASH in file:NAME> for the Nth fn of the
 * script's top-level code; a capture &Mod.fun/2 as written. */
void fun_inspect(strbuf *sb, term f) {
  const struct fundef *fd = fun_def(f);
  const char *home = fd->display ? fd->display : "file:nofile";
  if (home[0] == '&') {
    strbuf_puts(sb, home);
    return;
  }
  bool script = strncmp(home, "file:", 5) == 0;
  uint32_t hash = 2166136261u; /* FNV-1a of the module's name or the file */
  for (const char *s = script ? home : atom_text(fd->module); *s; s++) hash = (hash ^ (uint8_t)*s) * 16777619u;
  strbuf_printf(sb, "#Function<%u.%u", fd->lambda_no, hash % 100000000u);
  if (!script) strbuf_printf(sb, "/%u", fd->arity);
  strbuf_printf(sb, " in %s>", home);
}

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
  fp[0] = cp_rel(0);
  fp[1] = make_cp((uint64_t)(uintptr_t)prog->code); /* code[0] is EXIT */
  fp[2] = cp_rel(fp - sp); /* floor after return: sp (above fp) */
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
  term process = atom_from_cstr("Elixir.Process"), spawn_apply = atom_from_cstr("__spawn_apply__");
  if (fun != NONE) {
    if (!is_fun(fun)) return false;
    const struct fundef *fd = fun_def(fun);
    if (fd->arity == 0) return push_bottom(p, fun, NONE, 0, fd->entry, prog);
    /* another arity: the process fails as fun.() does, with :badarity */
    fd = program_find(prog, process, spawn_apply, 1);
    return fd && push_bottom(p, NONE, make_cons(p, fun, NIL), 1, fd->entry, prog);
  }
  int64_t n = bu_list_len(args);
  if (n < 0 || n > 255) return false;
  const struct fundef *fd = program_find(prog, mod, name, (uint32_t)n);
  if (fd && fd->exported) return push_bottom(p, NONE, args, (uint32_t)n, fd->entry, prog);
  /* a BIF, or nothing (the process fails with :undef): apply(mod, name, args) */
  fd = program_find(prog, process, spawn_apply, 3);
  term mfa = make_cons(p, mod, make_cons(p, name, make_cons(p, args, NIL)));
  return fd && push_bottom(p, NONE, mfa, 3, fd->entry, prog);
}

bool vm_setup_main(proc *p, const struct program *prog) {
  if (!prog) return false;
  return push_bottom(p, NONE, NONE, 0, prog->funs[prog->main_fun]->entry, prog);
}

/* ------------------------------------------------------------------ */
/* the interpreter                                                     */
/* ------------------------------------------------------------------ */

/* Write the header of a new frame at nfp under the frame fp whose floor is
 * `floor`, returning to `ret`. */
static inline void frame_push(term *nfp, term *fp, term *floor, const uint32_t *ret, term fun) {
  nfp[0] = cp_rel(fp - nfp);
  nfp[1] = make_cp((uint64_t)(uintptr_t)ret);
  nfp[2] = cp_rel(nfp - floor);
  nfp[3] = fun;
}

/* A tail call moves the frame from fp to nfp: the header words for nfp,
 * carrying the return data over, into out[] (the new arguments may
 * overwrite the old header, so it is written after them). */
static inline void frame_move(term *out, const term *nfp, const term *fp, term fun) {
  const term *caller = fp + cp_rel_val(fp[0]);
  const term *floor = fp - cp_rel_val(fp[2]);
  out[0] = cp_rel(caller - nfp);
  out[1] = fp[1];
  out[2] = cp_rel(nfp - floor);
  out[3] = fun;
}

/* Tail calls move the new arguments up into the frame's parameter area:
 * the destination is always above the source (the arguments were pushed
 * below the current frame's locals), so copying downwards from the top is
 * safe even when the areas overlap. */
static inline void move_args(term *dst, const term *src, uint32_t n) {
  switch (n) {
    case 0: return;
    case 1: dst[0] = src[0]; return;
    case 2: {
      term a = src[0], b = src[1];
      dst[1] = b;
      dst[0] = a;
      return;
    }
    case 3: {
      term a = src[0], b = src[1], d = src[2];
      dst[2] = d;
      dst[1] = b;
      dst[0] = a;
      return;
    }
    default:
      for (uint32_t i = n; i-- > 0;) dst[i] = src[i];
  }
}

/* The comparisons of the compare-and-branch instructions: small integers
 * compare as words (the tag is the same), everything else in term order. */
static inline bool both_small(term a, term b) { return (((a ^ TAG_SMALL) | (b ^ TAG_SMALL)) & TAG_MASK) == 0; }
static inline bool c_lt(term a, term b) { return both_small(a, b) ? (int64_t)a < (int64_t)b : term_cmp(a, b) < 0; }
static inline bool c_le(term a, term b) { return both_small(a, b) ? (int64_t)a <= (int64_t)b : term_cmp(a, b) <= 0; }
static inline bool c_gt(term a, term b) { return both_small(a, b) ? (int64_t)a > (int64_t)b : term_cmp(a, b) > 0; }
static inline bool c_ge(term a, term b) { return both_small(a, b) ? (int64_t)a >= (int64_t)b : term_cmp(a, b) >= 0; }
static inline bool c_eq(term a, term b) { return a == b || (!both_small(a, b) && term_eq(a, b)); }
static inline bool c_ne(term a, term b) { return !c_eq(a, b); }
static inline bool c_exeq(term a, term b) { return a == b || (!both_small(a, b) && term_exact_eq(a, b)); }
static inline bool c_exne(term a, term b) { return !c_exeq(a, b); }

static bool type_test(uint32_t ty, term t) {
  switch (ty) {
    case TY_ATOM: return is_atom(t);
    case TY_BINARY: return is_binary(t);
    case TY_BOOLEAN: return t == ATOM_TRUE || t == ATOM_FALSE;
    case TY_FLOAT: return is_float(t);
    case TY_FUNCTION: return is_fun(t);
    case TY_INTEGER: return is_integer(t);
    case TY_LIST: return is_list(t);
    case TY_MAP: return is_map(t);
    case TY_NIL: return t == ATOM_NIL;
    case TY_NUMBER: return is_number(t);
    case TY_PID: return is_pid(t);
    case TY_REFERENCE: return is_ref(t);
    case TY_TUPLE: return is_tuple(t);
    default: return false;
  }
}

#define SLOT(k) fp[(int32_t)pc[k]]
#define JREL(k) (pc + (int32_t)pc[k])
/* vm_gc through copies, so sp/fp are never address-taken and stay in
 * registers (vm_gc leaves p->stop at the frame floor). */
#define VM_GC(words)                                                     \
  do {                                                                   \
    term *gsp_ = sp, *gfp_ = fp, *gfl_ = p->stop;                        \
    bool gok_ = vm_gc(p, (size_t)(words), &gsp_, &gfp_, &gfl_);          \
    sp = gsp_;                                                           \
    fp = gfp_;                                                           \
    if (!gok_) goto heap_limit;                                          \
  } while (0)
#define ENSURE(words)                                                    \
  do {                                                                   \
    if (UNLIKELY((size_t)(p->stop - p->htop) < (size_t)(words))) VM_GC(words); \
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

/* GCC's straight-line vectorizer would merge the two 8-byte loads of a
 * tail call's arguments (just pushed by two separate 8-byte stores) into
 * one 16-byte load, which cannot be forwarded from those stores and stalls
 * every iteration of a loop; it gains nothing elsewhere in the loop. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-slp-vectorize")))
#endif
/* vm_run stays a function of its own (noinline): a WebAssembly engine
 * compiles and tiers up function by function, and the dispatch loop keeps
 * its registers best with nothing of the scheduler inlined around it. */
__attribute__((noinline)) int vm_run(proc *p, int32_t budget) {
  const struct program *prog = rt_program(p->rt);
  const uint32_t *const code = prog->code;
  const term *const consts = prog->consts;
  const uint32_t *pc = p->pc;
  term *fp = p->fp, *sp = p->stop;
  int32_t reds = budget;
  /* guard state: an exception inside a guard resumes at guard_pc */
  const uint32_t *guard_pc = NULL;
  term *guard_sp = NULL;
  term args[256];
  /* a remote call through a module in a variable (CALL_DYN, FIELD) */
  term dyn_name;
  uint32_t dyn_n, dyn_len;

  {
    term *floor0 = is_small(p->roots[ROOT_SCRATCH]) ? p->hend - small_val(p->roots[ROOT_SCRATCH]) : sp;
    p->stop = floor0 > sp ? sp : floor0;
  }

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
  enter:;
    uint32_t ext = pc[1], nl = pc[2];
    if (UNLIKELY(--reds < 0)) {
      p->pc = pc;
      p->fp = fp;
      p->roots[ROOT_SCRATCH] = make_small(p->hend - p->stop);
      p->stop = fp;
      p->reductions += (uint64_t)budget;
      return VM_YIELD;
    }
    /* The floor only goes down: a small callee frame inside the region its
     * caller reserved must not hand that region to the heap, or the caller
     * would find its operand space taken when the callee returns. So the
     * new floor is min(floor, fp - ext) (floor <= fp always). */
    term *nfloor = fp - ext;
    if ((uintptr_t)p->stop < (uintptr_t)nfloor) nfloor = p->stop;
    if (UNLIKELY((uintptr_t)nfloor < (uintptr_t)p->htop || p->frags)) {
      size_t low = (size_t)(fp - nfloor);
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
      nfloor = fp - low;
    }
    p->stop = nfloor;
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
    *--sp = consts[pc[1]];
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

#define ARITH(NAME, OPC, OVF)                                          \
  CASE(NAME) {                                                         \
    term b = sp[0], a = sp[1];                                         \
    int64_t r_;                                                        \
    if (LIKELY(both_small(a, b)) && !OVF((int64_t)a, (int64_t)b - TAG_SMALL, &r_)) { \
      sp[1] = (term)r_;                                                \
      sp++;                                                            \
      NEXT(0);                                                         \
    }                                                                  \
    term r = arith(p, OPC, a, b);                                      \
    if (r == NONE) goto raise;                                         \
    sp[1] = r;                                                         \
    sp++;                                                              \
    NEXT(0);                                                           \
  }
  ARITH(ADD, OP_ADD, ADD_OVF)
  ARITH(SUB, OP_SUB, SUB_OVF)
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
    term r = is_number(a) ? arith(p, OP_SUB, make_small(0), a) : badarith(p, OP_NEG, a, a);
    if (r == NONE) goto raise;
    sp[0] = r;
    NEXT(0);
  }
  CASE(PLUS) {
    if (!is_number(sp[0])) {
      badarith(p, OP_PLUS, sp[0], sp[0]);
      goto raise;
    }
    NEXT(0);
  }
  CASE(ADD_SK) {
    term a = SLOT(1), b = consts[pc[2]];
    int64_t r_;
    if (LIKELY(is_small(a)) && !ADD_OVF((int64_t)a, (int64_t)b - TAG_SMALL, &r_)) {
      *--sp = (term)r_;
      NEXT(2);
    }
    term r = arith(p, OP_ADD, a, b);
    if (r == NONE) goto raise;
    *--sp = r;
    NEXT(2);
  }
  CASE(SUB_SK) {
    term a = SLOT(1), b = consts[pc[2]];
    int64_t r_;
    if (LIKELY(is_small(a)) && !SUB_OVF((int64_t)a, (int64_t)b - TAG_SMALL, &r_)) {
      *--sp = (term)r_;
      NEXT(2);
    }
    term r = arith(p, OP_SUB, a, b);
    if (r == NONE) goto raise;
    *--sp = r;
    NEXT(2);
  }
  CASE(ADD_SS) {
    term a = SLOT(1), b = SLOT(2);
    int64_t r;
    /* tagged small + (small - tag) is the tagged sum; 64-bit overflow is
     * exactly 62-bit overflow */
    if (LIKELY(both_small(a, b)) && !ADD_OVF((int64_t)a, (int64_t)b - TAG_SMALL, &r)) {
      *--sp = (term)r;
      NEXT(2);
    }
    term t = arith(p, OP_ADD, a, b);
    if (t == NONE) goto raise;
    *--sp = t;
    NEXT(2);
  }
  CASE(SUB_SS) {
    term a = SLOT(1), b = SLOT(2);
    int64_t r;
    if (LIKELY(both_small(a, b)) && !SUB_OVF((int64_t)a, (int64_t)b - TAG_SMALL, &r)) {
      *--sp = (term)r;
      NEXT(2);
    }
    term t = arith(p, OP_SUB, a, b);
    if (t == NONE) goto raise;
    *--sp = t;
    NEXT(2);
  }
  CASE(PUSH2) {
    sp[-1] = SLOT(1);
    sp[-2] = SLOT(2);
    sp -= 2;
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
#define JCMP(NAME, FN)                                                  \
  CASE(JN_##NAME) {                                                     \
    term b = sp[0], a = sp[1];                                          \
    sp += 2;                                                            \
    if (!FN(a, b)) {                                                    \
      pc = JREL(1);                                                     \
      DISPATCH();                                                       \
    }                                                                   \
    NEXT(1);                                                            \
  }                                                                     \
  CASE(JN_##NAME##_SK) {                                                \
    if (!FN(SLOT(1), consts[pc[2]])) {                                  \
      pc = JREL(3);                                                     \
      DISPATCH();                                                       \
    }                                                                   \
    NEXT(3);                                                            \
  }                                                                     \
  CASE(JN_##NAME##_SS) {                                                \
    if (!FN(SLOT(1), SLOT(2))) {                                        \
      pc = JREL(3);                                                     \
      DISPATCH();                                                       \
    }                                                                   \
    NEXT(3);                                                            \
  }
  JCMP(LT, c_lt)
  JCMP(LE, c_le)
  JCMP(GT, c_gt)
  JCMP(GE, c_ge)
  JCMP(EQ, c_eq)
  JCMP(NE, c_ne)
  JCMP(EXEQ, c_exeq)
  JCMP(EXNE, c_exne)
  CASE(T_TYPE) {
    if (!type_test(pc[2], SLOT(1))) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(JTRUE) {
    term a = *sp++;
    if (a == ATOM_TRUE) {
      pc = JREL(1);
      DISPATCH();
    }
    NEXT(1);
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
    frame_push(nfp, fp, p->stop, pc + 3, NIL);
    fp = nfp;
    pc += (int32_t)pc[1];
    goto enter; /* every function starts with ENTER */
  }
  CASE(TCALL) {
    uint32_t n = pc[2], m = pc[3];
    if (n == m) {
      /* same frame size: only the arguments move */
      move_args(fp + FRAME_HDR, sp, n);
      fp[3] = NIL;
    } else {
      term *nfp = fp + (int32_t)m - (int32_t)n;
      /* the header first: the arguments may overwrite it */
      term hdr[FRAME_HDR];
      frame_move(hdr, nfp, fp, NIL);
      move_args(nfp + FRAME_HDR, sp, n);
      memcpy(nfp, hdr, sizeof hdr);
      fp = nfp;
    }
    pc += (int32_t)pc[1];
    goto enter;
  }
  CASE(TCALL_SELF) {
    /* Same function, same frame: its floor and header stay valid, so only
     * the arguments move and ENTER's frame check is skipped. */
    move_args(fp + FRAME_HDR, sp, pc[2]);
    pc += (int32_t)pc[1]; /* the ENTER */
    /* ENTER yields, or collects the fragments a receive loop adopts */
    if (UNLIKELY(reds <= 0 || p->frags)) goto enter;
    --reds;
    {
      uint32_t nl = pc[2];
      for (uint32_t j = 0; j < nl; j++) fp[-1 - (int32_t)j] = NIL;
      sp = fp - nl;
    }
    NEXT(2);
  }
  CASE(CALL_BIF) {
    bif_fn f = prog->bifs[pc[1]];
    uint32_t n = pc[2];
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) {
      bif_failed(p, args, n);
      goto raise;
    }
    sp += n;
    *--sp = r;
    NEXT(2);
  }
  CASE(TCALL_BIF) {
    bif_fn f = prog->bifs[pc[1]];
    uint32_t n = pc[2];
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) {
      bif_failed(p, args, n);
      goto raise;
    }
    sp += n;
    *--sp = r;
    pc += 2; /* pc[1] is now the current arity, as RET expects */
    goto do_ret;
  }
  CASE(CALL_DYN) {
    dyn_name = prog->consts[pc[1]];
    dyn_n = pc[2];
    dyn_len = 3;
  call_dyn:;
    term name = dyn_name;
    uint32_t n = dyn_n;
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
      frame_push(nfp, fp, p->stop, pc + dyn_len, NIL);
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, n);
    if (!f) {
      raise_undef(p, prog, mod, name, args_list(p, sp, n));
      goto raise;
    }
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) {
      bif_failed(p, args, n);
      goto raise;
    }
    sp += n + 1;
    *--sp = r;
    pc += dyn_len;
    DISPATCH();
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
      term *nfp = fp + (int32_t)m - (int32_t)n;
      /* the header first: the arguments may overwrite it */
      term hdr[FRAME_HDR];
      frame_move(hdr, nfp, fp, NIL);
      move_args(nfp + FRAME_HDR, sp, n);
      memcpy(nfp, hdr, sizeof hdr);
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, n);
    if (!f) {
      raise_undef(p, prog, mod, name, args_list(p, sp, n));
      goto raise;
    }
    for (uint32_t i = 0; i < n; i++) args[i] = sp[n - 1 - i];
    term r = f(p, args);
    if (r == NONE) {
      bif_failed(p, args, n);
      goto raise;
    }
    sp += n + 1;
    *--sp = r;
    pc += 2;
    goto do_ret;
  }
  CASE(CALL_UNDEF) {
    raise_undef(p, prog, prog->consts[pc[1]], prog->consts[pc[2]], args_list(p, sp, pc[3]));
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
    frame_push(nfp, fp, p->stop, pc + 2, fun);
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
    term *nfp = fp + (int32_t)m - (int32_t)(n + 1);
    /* the header first: the arguments may overwrite it */
    term hdr[FRAME_HDR];
    frame_move(hdr, nfp, fp, fun);
    move_args(nfp + FRAME_HDR, sp, n + 1);
    memcpy(nfp, hdr, sizeof hdr);
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
    if ((size_t)(sp - p->stop) < need) {
      /* lower the floor: the extra words must be free heap space */
      if ((size_t)(sp - p->htop) < need) VM_GC(need);
      p->stop = sp - need;
    }
    for (uint32_t k = 0; k < (uint32_t)n; k++) *--sp = args[k];
    *--sp = fun;
    term *nfp = sp - FRAME_HDR;
    frame_push(nfp, fp, p->stop, pc + 1, fun);
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
      if ((size_t)(sp - p->stop) < need) {
        if ((size_t)(sp - p->htop) < need) VM_GC(need);
        p->stop = sp - need;
      }
      for (uint32_t k = 0; k < (uint32_t)n; k++) *--sp = args[k];
      term *nfp = sp - FRAME_HDR;
      frame_push(nfp, fp, p->stop, pc + 1, NIL);
      fp = nfp;
      pc = code + fd->entry;
      DISPATCH();
    }
    bif_fn f = bif_lookup(mod, name, (unsigned)n);
    if (!f) {
      sp -= 3;
      raise_undef(p, prog, mod, name, list);
      goto raise;
    }
    term r = f(p, args);
    if (r == NONE) {
      bif_failed(p, args, (uint32_t)n);
      goto raise;
    }
    *--sp = r;
    NEXT(0);
  }
  CASE(RET_S) {
    *--sp = SLOT(1);
    pc++; /* pc[1] is now the current arity, as RET expects */
    goto do_ret;
  }
  CASE(RET_K) {
    *--sp = consts[pc[1]];
    pc++;
    goto do_ret;
  }
  CASE(RET) {
  do_ret: {
    term r = sp[0];
    uint32_t m = pc[1];
    sp = fp + FRAME_HDR + m;
    pc = (const uint32_t *)(uintptr_t)cp_val(fp[1]);
    p->stop = fp - cp_rel_val(fp[2]);
    fp = fp + cp_rel_val(fp[0]);
    *--sp = r;
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
    term m = sp[0];
    if (UNLIKELY(is_atom(m)) && m != ATOM_NIL && m != ATOM_TRUE && m != ATOM_FALSE) {
      /* mod.fun without parentheses, mod a module held in a variable:
       * Elixir calls mod.fun() (nil and the booleans get the KeyError) */
      dyn_name = prog->consts[pc[1]];
      dyn_n = 0;
      dyn_len = 2;
      goto call_dyn;
    }
    term r = map_field(p, m, prog->consts[pc[1]]);
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
      /* the name is Elixir's whole description (errors.c prints it as is) */
      char desc[300];
      snprintf(desc, sizeof desc, "anonymous fn/%u in %s", (unsigned)fd->arity, lambda_home(fd));
      vm_error(p, mk_tuple4(p, ATOM_FUNCTION_CLAUSE, fd->module, atom_from_cstr(desc), make_small(fd->arity)));
    } else {
      vm_error(p, mk_tuple4(p, ATOM_FUNCTION_CLAUSE, fd->module, fd->name, make_small(fd->arity)));
    }
    {
      /* the arguments, for the report: parameter i is at
       * fp[FRAME_HDR + nparams - 1 - i] (a lambda has its FUN as a last one) */
      uint32_t np = fd->arity + (fd->kind == FUNDEF_LAMBDA ? 1 : 0);
      term l = NIL;
      for (uint32_t i = fd->arity; i-- > 0;) l = make_cons(p, fp[FRAME_HDR + np - 1 - i], l);
      set_ctx(p, mk_tuple4(p, ctx_tag(), make_small(CTX_FCLAUSE), make_small(pc[1]), l));
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
    if (SLOT(1) != consts[pc[2]]) {
      pc = JREL(3);
      DISPATCH();
    }
    NEXT(3);
  }
  CASE(T_LIT) {
    term a = SLOT(1), b = consts[pc[2]];
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
        vm_error(p, atom_from_cstr("timeout_value"));
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
    /* `after` with a time always waits once, as the BEAM's does (the
     * processes runnable meanwhile run first): the clock decides only
     * after a wake-up (wait_until == d then) */
    if (has_after && (p->timed_out || d == -2 || (d >= 0 && p->wait_until == d && rt_now_ms(p->rt) >= d))) {
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
    p->roots[ROOT_SCRATCH] = make_small(p->hend - p->stop);
    p->stop = sp;
    p->reductions += (uint64_t)(budget - (reds > 0 ? reds : 0));
    return VM_WAIT;
  }
  CASE(TYPE) {
    bool r = type_test(pc[1], sp[0]);
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
    p->roots[ROOT_SCRATCH] = NIL;
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
