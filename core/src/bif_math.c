/*
 * bif_math.c -- numbers beyond Kernel's: :math, Integer.pow, Float.floor
 * and Float.ceil, Bitwise, unique integers, :lists.seq and :lists.sum,
 * Node.self. Table: bif_table_math.
 *
 * As on the BEAM, a :math function whose result is no finite float (a NaN
 * or an infinity: :math.sqrt(-1), :math.log(0), :math.pow(10, 400)) raises
 * :badarith, and an argument that is no number raises :badarg.
 */
#include "bif_util.h"
#include "runtime.h"

#include <math.h>
#include <stdatomic.h>

/* ---- :math ---- */

static bool math_arg(term t, double *d) {
  if (is_integer(t)) *d = (double)int_val(t);
  else if (is_float(t)) *d = float_val(t);
  else return false;
  return true;
}

static term math_result(proc *p, double r) {
  if (!isfinite(r)) return vm_error(p, ATOM_BADARITH);
  return make_float(p, r);
}

#define MATH1(NAME, EXPR)                                                   \
  static term m_##NAME(proc *p, term *a) {                                 \
    double x;                                                              \
    if (!math_arg(a[0], &x)) return bu_badarg_info(p, 1, "not a number");  \
    return math_result(p, EXPR);                                           \
  }
#define MATH2(NAME, EXPR)                                                   \
  static term m_##NAME(proc *p, term *a) {                                 \
    double x, y;                                                           \
    if (!math_arg(a[0], &x)) return bu_badarg_info(p, 1, "not a number");  \
    if (!math_arg(a[1], &y)) return bu_badarg_info(p, 2, "not a number");  \
    return math_result(p, EXPR);                                           \
  }
MATH1(sqrt, sqrt(x))
MATH1(exp, exp(x))
MATH1(log, log(x))
MATH1(log2, log2(x))
MATH1(log10, log10(x))
MATH1(sin, sin(x))
MATH1(cos, cos(x))
MATH1(tan, tan(x))
MATH1(asin, asin(x))
MATH1(acos, acos(x))
MATH1(atan, atan(x))
MATH1(sinh, sinh(x))
MATH1(cosh, cosh(x))
MATH1(tanh, tanh(x))
MATH1(floor, floor(x))
MATH1(ceil, ceil(x))
MATH2(pow, pow(x, y))
MATH2(atan2, atan2(x, y))
MATH2(fmod, y == 0 ? NAN : fmod(x, y))
#undef MATH1
#undef MATH2

static term m_pi(proc *p, term *a) {
  (void)a;
  return make_float(p, 3.141592653589793);
}

/* ---- Integer.pow, Float.floor/ceil ---- */

static term i_pow(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1])) return bu_raise_fc(p, "Integer", "pow", 2);
  if (int_val(a[1]) < 0) return vm_error(p, ATOM_BADARITH);
  int64_t base = int_val(a[0]), e = int_val(a[1]), r = 1;
  while (e > 0) { /* by squaring; overflow is an error, never a wrap */
    if ((e & 1) && __builtin_mul_overflow(r, base, &r)) goto overflow;
    e >>= 1;
    if (e > 0 && __builtin_mul_overflow(base, base, &base)) goto overflow;
  }
  return bu_int(p, r);
overflow:
  return bu_overflow(p);
}

static term f_floor(proc *p, term *a) {
  if (!is_float(a[0])) return bu_raise_fc(p, "Float", "floor", 2); /* floor/2: precision 0 */
  return make_float(p, floor(float_val(a[0])));
}

static term f_ceil(proc *p, term *a) {
  if (!is_float(a[0])) return bu_raise_fc(p, "Float", "ceil", 2);
  return make_float(p, ceil(float_val(a[0])));
}

/* ---- Bitwise: integers only, else :badarith ---- */

#define BITS2(NAME, EXPR)                                                   \
  static term b_##NAME(proc *p, term *a) {                                 \
    if (!is_integer(a[0]) || !is_integer(a[1])) return vm_error(p, ATOM_BADARITH); \
    int64_t x = int_val(a[0]), y = int_val(a[1]);                          \
    return bu_int(p, EXPR);                                                \
  }
BITS2(band, x & y)
BITS2(bor, x | y)
BITS2(bxor, x ^ y)
#undef BITS2

static term b_bnot(proc *p, term *a) {
  if (!is_integer(a[0])) return vm_error(p, ATOM_BADARITH);
  return bu_int(p, ~int_val(a[0]));
}

/* Shifts: a left shift whose result does not fit in 64 bits is an overflow
 * (the BEAM's integers would grow); a right shift saturates. */
static term shift(proc *p, int64_t x, int64_t n) {
  if (n < 0) {
    n = -n;
    return bu_int(p, n >= 63 ? (x < 0 ? -1 : 0) : x >> n);
  }
  if (x == 0) return bu_int(p, 0);
  if (n >= 63 || (x > 0 ? x > (INT64_MAX >> n) : x < (INT64_MIN >> n)))
    return bu_overflow(p);
  return bu_int(p, (int64_t)((uint64_t)x << n));
}

static term b_bsl(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1])) return vm_error(p, ATOM_BADARITH);
  return shift(p, int_val(a[0]), int_val(a[1]));
}

static term b_bsr(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1])) return vm_error(p, ATOM_BADARITH);
  int64_t n = int_val(a[1]);
  return shift(p, int_val(a[0]), n == INT64_MIN ? INT64_MAX : -n);
}

/* ---- unique integers, :lists.seq and :lists.sum ---- */

/* System.unique_integer/0,1 and :erlang.unique_integer/0,1: unique in the
 * runtime, positive and increasing whatever the options ask */
static term u_unique(proc *p, term *a) {
  (void)a;
  static _Atomic int64_t next = 1;
  return bu_int(p, atomic_fetch_add(&next, 1));
}

static term l_seq3(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1]) || !is_integer(a[2])) return bu_raise_fc(p, ":lists", "seq", 3);
  int64_t from = int_val(a[0]), to = int_val(a[1]), step = int_val(a[2]);
  if (step == 0 && from != to) return bu_badarg(p);
  if (step > 0 ? to < from - step : step < 0 && to > from - step) return bu_raise_fc(p, ":lists", "seq", 3);
  if (step == 0 || (step > 0 ? to < from : to > from)) return step == 0 ? make_cons(p, a[0], NIL) : NIL;
  term l = NIL;
  int64_t last = from + (to - from) / step * step;
  for (int64_t x = last;; x -= step) {
    l = make_cons(p, bu_int(p, x), l);
    if (x == from) break;
  }
  return l;
}

static term l_seq(proc *p, term *a) { /* :lists.seq(from, to) */
  if (!is_integer(a[0]) || !is_integer(a[1]) || int_val(a[1]) < int_val(a[0]) - 1)
    return bu_raise_fc(p, ":lists", "seq", 2);
  term b[3] = {a[0], a[1], make_small(1)};
  return l_seq3(p, b);
}

/* :lists.sum/1: integers while they fit 64 bits (else the overflow
 * error), floats once one comes, :badarith for anything else */
static term l_sum(proc *p, term *a) {
  if (bu_list_len(a[0]) < 0) return bu_raise_fc(p, ":lists", "sum", 1);
  int64_t isum = 0;
  double fsum = 0;
  bool fl = false;
  for (term l = a[0]; is_cons(l); l = cdr(l)) {
    term x = car(l);
    if (is_integer(x) && !fl) {
      if (__builtin_add_overflow(isum, int_val(x), &isum))
        return bu_overflow(p);
    } else if (is_integer(x) || is_float(x)) {
      if (!fl) fsum = (double)isum;
      fl = true;
      fsum += is_float(x) ? float_val(x) : (double)int_val(x);
    } else {
      return vm_error(p, ATOM_BADARITH);
    }
  }
  return fl ? make_float(p, fsum) : bu_int(p, isum);
}

/* ---- Node: this node only ---- */

static term n_self(proc *p, term *a) {
  (void)p;
  (void)a;
  return ATOM_NONODE;
}

static term n_alive(proc *p, term *a) {
  (void)p;
  (void)a;
  return ATOM_FALSE;
}

static term n_list(proc *p, term *a) {
  (void)p;
  (void)a;
  return NIL;
}

#define M "math"
#define B "Elixir.Bitwise"
const bif_entry bif_table_math[] = {
    {M, "sqrt", 1, m_sqrt},
    {M, "exp", 1, m_exp},
    {M, "log", 1, m_log},
    {M, "log2", 1, m_log2},
    {M, "log10", 1, m_log10},
    {M, "sin", 1, m_sin},
    {M, "cos", 1, m_cos},
    {M, "tan", 1, m_tan},
    {M, "asin", 1, m_asin},
    {M, "acos", 1, m_acos},
    {M, "atan", 1, m_atan},
    {M, "sinh", 1, m_sinh},
    {M, "cosh", 1, m_cosh},
    {M, "tanh", 1, m_tanh},
    {M, "floor", 1, m_floor},
    {M, "ceil", 1, m_ceil},
    {M, "pow", 2, m_pow},
    {M, "atan2", 2, m_atan2},
    {M, "fmod", 2, m_fmod},
    {M, "pi", 0, m_pi},
    {"Elixir.Integer", "pow", 2, i_pow},
    {"Elixir.Float", "floor", 1, f_floor},
    {"Elixir.Float", "ceil", 1, f_ceil},
    {B, "band", 2, b_band},
    {B, "bor", 2, b_bor},
    {B, "bxor", 2, b_bxor},
    {B, "bnot", 1, b_bnot},
    {B, "bsl", 2, b_bsl},
    {B, "bsr", 2, b_bsr},
    {"erlang", "band", 2, b_band},
    {"erlang", "bor", 2, b_bor},
    {"erlang", "bxor", 2, b_bxor},
    {"erlang", "bnot", 1, b_bnot},
    {"erlang", "bsl", 2, b_bsl},
    {"erlang", "bsr", 2, b_bsr},
    {"Elixir.System", "unique_integer", 0, u_unique},
    {"Elixir.System", "unique_integer", 1, u_unique},
    {"erlang", "unique_integer", 0, u_unique},
    {"erlang", "unique_integer", 1, u_unique},
    {"lists", "seq", 2, l_seq},
    {"lists", "seq", 3, l_seq3},
    {"lists", "sum", 1, l_sum},
    {"Elixir.Node", "self", 0, n_self},
    {"Elixir.Node", "alive?", 0, n_alive},
    {"Elixir.Node", "list", 0, n_list},
    {NULL, NULL, 0, NULL},
};
#undef M
#undef B
