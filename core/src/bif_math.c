/*
 * bif_math.c -- numbers beyond Kernel's: :math, Integer.pow, the Float
 * functions Elixir cannot write here (exact decimal rounding, parse/1,
 * ratio/1; the rest is core/prelude/float.ex), Kernel's bit_size/1 and
 * binary_slice/2,3, IO.iodata_length/1, Bitwise, unique
 * integers, :lists.seq and :lists.sum, Node.self. Table: bif_table_math.
 *
 * As on the BEAM, a :math function whose result is no finite float (a NaN
 * or an infinity: :math.sqrt(-1), :math.log(0), :math.pow(10, 400)) raises
 * :badarith, and an argument that is no number raises :badarg.
 */
#include "bif_util.h"
#include "runtime.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- Integer.pow ---- */

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

/* ---- Float: rounding at a decimal precision ---- */

enum { RND_FLOOR, RND_CEIL, RND_HALF_UP };

/* Add one unit in the last place of the decimal digits in buf (a dot may
 * be among them); buf has room for one more leading digit. */
static void decimal_bump(char *buf) {
  for (char *q = buf + strlen(buf) - 1; q >= buf; q--) {
    if (*q == '.') continue;
    if (*q != '9') {
      (*q)++;
      return;
    }
    *q = '0';
  }
  memmove(buf + 1, buf, strlen(buf) + 1);
  buf[0] = '1';
}

/* d (finite, nonzero) rounded at prec (1..15) decimals, as Elixir 1.14's
 * Float.round/floor/ceil: on the exact value of d, half_up looking at the
 * one next digit (ties away from zero), floor and ceil directed; the
 * decimal result read back correctly rounded, a zero result +0.0. */
static double round_decimal(double d, int prec, int mode) {
  char buf[1500]; /* a double has at most 309 integer and 1074 fraction digits */
  char *digits = buf + 1;
  buf[0] = '0';
  snprintf(digits, sizeof buf - 1, "%.*f", 1074, fabs(d));
  char *dot = strchr(digits, '.'), *tail = dot + 1 + prec;
  bool up;
  if (mode == RND_HALF_UP) {
    up = *tail >= '5';
  } else {
    bool inexact = tail[strspn(tail, "0")] != 0;
    up = inexact && (mode == RND_CEIL ? d > 0 : d < 0);
  }
  *tail = 0;
  if (up) decimal_bump(digits);
  double r = strtod(digits, NULL);
  return r == 0 ? 0.0 : d < 0 ? -r : r;
}

/* Float.__round__(float, precision, mode), for core/prelude/float.ex,
 * which checks the arguments: precision 0..15, mode :floor, :ceil or
 * :half_up. Precision 0 is :math.floor/ceil and float(round(f)), as in
 * Elixir (so -0.0 stays for floor and ceil, and round gives +0.0). */
static term f_round3(proc *p, term *a) {
  if (!is_float(a[0]) || !is_integer(a[1]) || int_val(a[1]) < 0 || int_val(a[1]) > 15 || !is_atom(a[2]))
    return bu_badarg(p);
  double d = float_val(a[0]);
  int prec = (int)int_val(a[1]);
  int mode = bu_atom_is(a[2], "floor") ? RND_FLOOR : bu_atom_is(a[2], "ceil") ? RND_CEIL : RND_HALF_UP;
  if (prec == 0) {
    if (mode == RND_FLOOR) return make_float(p, floor(d));
    if (mode == RND_CEIL) return make_float(p, ceil(d));
    double r = round(d);
    return make_float(p, r == 0 ? 0.0 : r);
  }
  if (d == 0) return a[0]; /* -0.0 stays */
  return make_float(p, round_decimal(d, prec, mode));
}

/* ---- Float.parse/1, Float.ratio/1 ---- */

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* The length of the float Float.parse/1 reads at s (no sign): digits, a
 * fraction, an exponent; 0 if none. *exp_seen if it has an exponent. */
static size_t float_prefix(const uint8_t *s, size_t len, bool *exp_seen) {
  size_t i = 0;
  bool dot = false;
  *exp_seen = false;
  if (len == 0 || !is_digit(s[0])) return 0;
  while (i < len) {
    if (is_digit(s[i])) {
      i++;
    } else if (s[i] == '.' && !dot && !*exp_seen && i + 1 < len && is_digit(s[i + 1])) {
      dot = true;
      i += 2;
    } else if ((s[i] == 'e' || s[i] == 'E') && !*exp_seen) {
      size_t j = i + 1;
      if (j < len && (s[j] == '+' || s[j] == '-')) j++;
      if (j >= len || !is_digit(s[j])) break;
      dot = *exp_seen = true;
      i = j + 1;
    } else {
      break;
    }
  }
  return i;
}

/* Float.parse/1: {float, rest} or :error. A value past the largest float
 * is :error with an exponent and ArgumentError without, as in Elixir. */
static term f_parse(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "Float", "parse_unsigned", 1);
  const uint8_t *s = binary_data(a[0]);
  size_t len = binary_size(a[0]), start = 0;
  if (len > 0 && (s[0] == '-' || s[0] == '+')) start = 1;
  bool exp_seen;
  size_t n = float_prefix(s + start, len - start, &exp_seen);
  if (n == 0) return ATOM_ERROR;
  char *text = malloc(n + 1);
  if (!text) return vm_error(p, ATOM_SYSTEM_LIMIT);
  memcpy(text, s + start, n);
  text[n] = 0;
  double d = strtod(text, NULL);
  free(text);
  if (isinf(d)) return exp_seen ? ATOM_ERROR : bu_badarg_info(p, 1, "not a textual representation of a float");
  if (s[0] == '-') d = -d;
  term f = make_float(p, d);
  return make_tuple2(p, f, make_binary(p, s + start + n, len - start - n));
}

/* Float.ratio/1: {numerator, denominator}, the denominator a power of
 * two; either past 64 bits is the overflow error (Elixir's bignums). */
static term f_ratio(proc *p, term *a) {
  if (!is_float(a[0])) return bu_raise_fc(p, "Float", "ratio", 1);
  double d = float_val(a[0]);
  if (d == 0) return make_tuple2(p, make_small(0), make_small(1));
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  bool neg = bits >> 63;
  int exp = (int)((bits >> 52) & 0x7ff);
  uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
  if (exp == 0) exp = 1; /* subnormal: no hidden bit */
  else mant |= UINT64_C(1) << 52;
  int e2 = exp - 1075; /* d = mant * 2^e2 */
  while ((mant & 1) == 0) {
    mant >>= 1;
    e2++;
  }
  uint64_t num = mant, den = 1;
  if (e2 >= 0) {
    if (e2 >= 64 || num > (UINT64_C(1) << 63) >> e2) return bu_overflow(p);
    num <<= e2;
  } else {
    if (-e2 >= 63) return bu_overflow(p);
    den <<= -e2;
  }
  if (num > (uint64_t)INT64_MAX && !(neg && num == UINT64_C(1) << 63)) return bu_overflow(p);
  int64_t n = neg ? (int64_t)(0 - num) : (int64_t)num;
  term tn = bu_int(p, n);
  return make_tuple2(p, tn, bu_int(p, (int64_t)den));
}

/* ---- Kernel: bit_size/1, binary_slice/2,3 ---- */

static term k_bit_size(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a bitstring");
  return bu_int(p, (int64_t)binary_size(a[0]) * 8);
}

/* binary_slice(binary, first..last//step): bytes first, first + step, ...
 * up to last; negative indexes count from the end */
static term k_binary_slice2(proc *p, term *a) {
  int64_t first, last, step;
  if (!is_binary(a[0]) || !bu_is_range(a[1], &first, &last, &step))
    return bu_raise_fc(p, "Kernel", "binary_slice", 2);
  if (step < 0) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "binary_slice/2 does not accept ranges with negative steps, got: %lld..%lld//%lld",
             (long long)first, (long long)last, (long long)step);
    return bu_raise_arg(p, msg);
  }
  int64_t total = (int64_t)binary_size(a[0]);
  if (first < 0) first = first + total < 0 ? 0 : first + total;
  if (last < 0) last += total;
  if (first >= total || last < first) return make_binary(p, "", 0);
  int64_t len = last - first + 1 < total - first ? last - first + 1 : total - first;
  const uint8_t *s = binary_data(a[0]) + first;
  if (step == 1) return make_binary(p, s, (size_t)len);
  size_t n = (size_t)((len - 1) / step + 1);
  uint8_t *buf = malloc(n);
  if (!buf) return vm_error(p, ATOM_SYSTEM_LIMIT);
  for (size_t i = 0; i < n; i++) buf[i] = s[(int64_t)i * step];
  term r = make_binary(p, buf, n);
  free(buf);
  return r;
}

static term k_binary_slice3(proc *p, term *a) {
  if (!is_binary(a[0]) || !is_integer(a[1]) || !is_integer(a[2]) || int_val(a[2]) < 0)
    return bu_raise_fc(p, "Kernel", "binary_slice", 3);
  int64_t total = (int64_t)binary_size(a[0]), start = int_val(a[1]), size = int_val(a[2]);
  if (start < 0) start = start < -total ? 0 : total + start;
  if (start >= total) return make_binary(p, "", 0);
  return make_binary(p, binary_data(a[0]) + start, (size_t)(size < total - start ? size : total - start));
}

/* ---- IO.iodata_length/1 (:erlang.iolist_size/1) ---- */

static term io_iodata_length(proc *p, term *a) {
  size_t n = 0;
  if (!(is_list(a[0]) || is_binary(a[0])) || !bu_iodata(NULL, a[0], &n))
    return bu_badarg_info(p, 1, "not an iodata term");
  return bu_int(p, (int64_t)n);
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
    {"Elixir.Float", "__round__", 3, f_round3},
    {"Elixir.Float", "parse", 1, f_parse},
    {"Elixir.Float", "ratio", 1, f_ratio},
    {"Elixir.Kernel", "bit_size", 1, k_bit_size},
    {"Elixir.Kernel", "binary_slice", 2, k_binary_slice2},
    {"Elixir.Kernel", "binary_slice", 3, k_binary_slice3},
    {"erlang", "bit_size", 1, k_bit_size},
    {"Elixir.IO", "iodata_length", 1, io_iodata_length},
    {"erlang", "iolist_size", 1, io_iodata_length},
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
