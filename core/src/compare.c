/*
 * compare.c -- Erlang term order (see compare.h).
 *
 * One comparison routine serves both orders: `exact` = false gives the
 * arithmetic order of ==/</>, exact = true gives map-key order (integers
 * before floats, 1 and 1.0 distinct). Maps are compared keys-first with the
 * exact order whatever the mode, as Erlang does: keys must be the same keys.
 */
#include "compare.h"

#include <math.h>
#include <string.h>

#include "atom.h"
#include "code.h"

enum { R_NUMBER, R_ATOM, R_REF, R_FUN, R_PORT, R_PID, R_TUPLE, R_MAP, R_LIST, R_BITS };

int term_type_rank(term t) {
  switch (term_tag(t)) {
    case TAG_SMALL: return R_NUMBER;
    case TAG_LIST: return R_LIST;
    case TAG_IMM:
      if (is_atom(t)) return R_ATOM;
      if (is_pid(t)) return R_PID;
      return R_LIST; /* NIL; other immediates never reach Elixir code */
    default:
      switch (box_type(t)) {
        case BOX_TUPLE: return R_TUPLE;
        case BOX_INT64:
        case BOX_FLOAT: return R_NUMBER;
        case BOX_REF: return R_REF;
        case BOX_MAP: return R_MAP;
        case BOX_FUN: return R_FUN;
        default: return R_BITS;
      }
  }
}

static int sgn64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/* Compare integer i with double d by exact mathematical value. */
static int cmp_int_float(int64_t i, double d) {
  if (d != d) return 0; /* NaN never appears in Elixir terms */
  if (d >= 9223372036854775808.0) return -1;
  if (d < -9223372036854775808.0) return 1;
  double fl = floor(d);
  int64_t fi = (int64_t)fl;
  if (i != fi) return i < fi ? -1 : 1;
  return d > fl ? -1 : 0;
}

static int cmp_numbers(term a, term b, bool exact) {
  bool fa = is_float(a), fb = is_float(b);
  if (!fa && !fb) return sgn64(int_val(a), int_val(b));
  if (fa && fb) {
    double x = float_val(a), y = float_val(b);
    return x < y ? -1 : x > y; /* 0.0 and -0.0 are equal, as in OTP 25 */
  }
  if (exact) return fa ? 1 : -1; /* map-key order: integers first */
  if (fa) return -cmp_int_float(int_val(b), float_val(a));
  return cmp_int_float(int_val(a), float_val(b));
}

static int cmp_bytes(const uint8_t *a, size_t la, const uint8_t *b, size_t lb) {
  size_t n = la < lb ? la : lb;
  int c = n ? memcmp(a, b, n) : 0;
  if (c) return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb;
}

static int cmp(term a, term b, bool exact);

static int cmp_maps(term a, term b, bool exact) {
  uint32_t na = map_size(a), nb = map_size(b);
  if (na != nb) return na < nb ? -1 : 1;
  const term *ka = map_keys(a), *kb = map_keys(b);
  for (uint32_t i = 0; i < na; i++) {
    int c = cmp(ka[i], kb[i], true);
    if (c) return c;
  }
  const term *va = map_vals(a), *vb = map_vals(b);
  for (uint32_t i = 0; i < na; i++) {
    int c = cmp(va[i], vb[i], exact);
    if (c) return c;
  }
  return 0;
}

static int cmp(term a, term b, bool exact) {
  for (;;) { /* iterates on list tails */
    if (a == b) return 0;
    int ra = term_type_rank(a), rb = term_type_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (ra) {
      case R_NUMBER: return cmp_numbers(a, b, exact);
      case R_ATOM:
        return cmp_bytes((const uint8_t *)atom_text(a), atom_len(a), (const uint8_t *)atom_text(b),
                         atom_len(b));
      case R_REF: {
        uint64_t x = ref_id(a), y = ref_id(b);
        return x < y ? -1 : x > y;
      }
      case R_FUN: {
        uintptr_t x = (uintptr_t)fun_def(a), y = (uintptr_t)fun_def(b);
        if (x != y && fun_nenv(a) == 0 && fun_nenv(b) == 0) {
          /* two &Mod.fun/N captures (display "&Mod.fun/N") are the same fun */
          const char *da = fun_def(a)->display, *db = fun_def(b)->display;
          if (da && db && da[0] == '&' && strcmp(da, db) == 0) return 0;
        }
        if (x != y) return x < y ? -1 : 1;
        uint32_t n = fun_nenv(a), m = fun_nenv(b);
        if (n != m) return n < m ? -1 : 1;
        for (uint32_t i = 0; i < n; i++) {
          int c = cmp(fun_env(a)[i], fun_env(b)[i], exact);
          if (c) return c;
        }
        return 0;
      }
      case R_PID: {
        uint32_t x = pid_slot(a), y = pid_slot(b);
        if (x != y) return x < y ? -1 : 1;
        x = pid_serial(a), y = pid_serial(b);
        return x < y ? -1 : x > y;
      }
      case R_TUPLE: {
        uint32_t n = tuple_arity(a), m = tuple_arity(b);
        if (n != m) return n < m ? -1 : 1;
        for (uint32_t i = 0; i < n; i++) {
          int c = cmp(tuple_get(a, i), tuple_get(b, i), exact);
          if (c) return c;
        }
        return 0;
      }
      case R_MAP: return cmp_maps(a, b, exact);
      case R_LIST: {
        if (is_nil(a)) return -1; /* a != b, so b is a cons */
        if (is_nil(b)) return 1;
        int c = cmp(car(a), car(b), exact);
        if (c) return c;
        a = cdr(a);
        b = cdr(b);
        continue;
      }
      default:
        return cmp_bytes(binary_data(a), binary_size(a), binary_data(b), binary_size(b));
    }
  }
}

int term_cmp(term a, term b) { return cmp(a, b, false); }
int term_cmp_key(term a, term b) { return cmp(a, b, true); }
bool term_eq(term a, term b) { return a == b || cmp(a, b, false) == 0; }
bool term_exact_eq(term a, term b) { return a == b || cmp(a, b, true) == 0; }
