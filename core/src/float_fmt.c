/*
 * float_fmt.c -- shortest round-trip float printing (see format.h).
 *
 * Digits: for precision p = 1..17 take the correctly rounded p-digit
 * decimal of d (snprintf "%.*e"); if it reads back (strtod) as d it is the
 * shortest and, being the nearest p-digit decimal, the one Ryu picks. If it
 * does not read back, the other p-digit neighbour on d's side of it may
 * (the rounding interval of a power of two is asymmetric), so that one is
 * tried too. Correctness over speed: at most 34 conversions per float.
 *
 * Layout: the rules of OTP's to_chars (erts/emulator/ryu): with n digits
 * and value = D * 10^e, fixed notation is used when
 *   n == 1:                    -4 <= e <= 2
 *   scientific exponent >= 10: -(n+2) <= e <= 2
 *   otherwise:                 -(n+2) <= e <= 1
 * except that integers at or beyond 2^53 print in scientific notation;
 * otherwise scientific "D.DDDe[-]X" with at least one digit after the point.
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdbool.h>

size_t int64_fmt(int64_t v, char buf[24]) {
  char tmp[24];
  size_t n = 0, len = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) buf[len++] = '-';
  while (n) buf[len++] = tmp[--n];
  buf[len] = '\0';
  return len;
}

/* Parse "d.ddde[+-]x" (as printed by %e) into digits and exponent of the
 * last digit. Returns the digit count. */
static int split_e(const char *s, char *digits, int *exp10) {
  int n = 0;
  for (; *s && *s != 'e'; s++)
    if (*s >= '0' && *s <= '9') digits[n++] = *s;
  int e = atoi(s + 1);
  digits[n] = '\0';
  *exp10 = e - (n - 1);
  return n;
}

/* Build "d.ddde<x>" text from n digits with last-digit exponent e. */
static void join_e(char *out, size_t cap, const char *digits, int n, int e) {
  snprintf(out, cap, "%c.%se%d", digits[0], n > 1 ? digits + 1 : "0", e + n - 1);
}

/* Add +1 or -1 to the last digit of a digit string (carrying); returns the
 * new count (may grow by one on carry, shrink on borrow to a leading 0). */
static int bump(char *digits, int n, int *exp10, int dir) {
  int i = n - 1;
  if (dir > 0) {
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i < 0) {
      memmove(digits + 1, digits, (size_t)n + 1);
      digits[0] = '1';
      n++;
      /* value kept: leading 1 then n zeros; drop the last zero */
      digits[--n] = '\0';
      (*exp10)++;
    } else {
      digits[i]++;
    }
  } else {
    while (i >= 0 && digits[i] == '0') digits[i--] = '9';
    if (i < 0) return 0;
    digits[i]--;
    if (digits[0] == '0') { /* 1000 - 1 = 0999: keep 3 digits, same scale */
      if (n == 1) return 0;
      memmove(digits, digits + 1, (size_t)n);
      n--;
    }
  }
  return n;
}

static void strip_zeros(char *digits, int *n, int *exp10) {
  while (*n > 1 && digits[*n - 1] == '0') {
    digits[--(*n)] = '\0';
    (*exp10)++;
  }
}

int float_shortest_digits(double d, char digits[20], int *exp10) {
  double a = fabs(d);
  char text[40], cand[20], tb[48];
  for (int p = 1; p <= 17; p++) {
    snprintf(text, sizeof text, "%.*e", p - 1, a);
    int e;
    int n = split_e(text, cand, &e);
    if (strtod(text, NULL) == a) {
      strip_zeros(cand, &n, &e);
      memcpy(digits, cand, (size_t)n + 1);
      *exp10 = e;
      return n;
    }
    /* the neighbour on the far side of the nearest candidate */
    double v = strtod(text, NULL);
    int m = bump(cand, n, &e, v < a ? 1 : -1);
    if (m > 0) {
      join_e(tb, sizeof tb, cand, m, e);
      if (strtod(tb, NULL) == a) {
        strip_zeros(cand, &m, &e);
        memcpy(digits, cand, (size_t)m + 1);
        *exp10 = e;
        return m;
      }
    }
  }
  /* unreachable for finite doubles: 17 digits always round-trip */
  snprintf(text, sizeof text, "%.16e", a);
  int n = split_e(text, digits, exp10);
  strip_zeros(digits, &n, exp10);
  return n;
}

size_t float_fmt_short(double d, char *buf) {
  char *o = buf;
  if (signbit(d)) *o++ = '-';
  if (d == 0) {
    memcpy(o, "0.0", 4);
    return (size_t)(o - buf) + 3;
  }
  if (isnan(d) || isinf(d)) { /* never produced by Elixir arithmetic */
    strcpy(o, isnan(d) ? "nan" : "inf");
    return strlen(buf);
  }
  char dg[20];
  int e;
  int n = float_shortest_digits(d, dg, &e);
  int sci = e + n - 1;
  int lower, upper;
  if (n == 1) {
    lower = -4;
    upper = 2;
  } else if (sci >= 10) {
    lower = -(n + 2);
    upper = 2;
  } else {
    lower = -(n + 2);
    upper = 1;
  }
  bool fixed = lower <= e && e <= upper;
  if (fixed) {
    uint64_t out = strtoull(dg, NULL, 10);
    if ((out >= (1ull << 53) && e == 0) || (out > (1ull << 52) / 5 && e == 1) ||
        (out > (1ull << 51) / 25 && e == 2))
      fixed = false;
  }
  if (fixed) {
    int whole = n + e;
    if (e >= 0) { /* "17290.0" */
      memcpy(o, dg, (size_t)n);
      o += n;
      for (int i = 0; i < e; i++) *o++ = '0';
      *o++ = '.';
      *o++ = '0';
    } else if (whole > 0) { /* "17.29" */
      memcpy(o, dg, (size_t)whole);
      o += whole;
      *o++ = '.';
      memcpy(o, dg + whole, (size_t)(n - whole));
      o += n - whole;
    } else { /* "0.001729" */
      *o++ = '0';
      *o++ = '.';
      for (int i = 0; i < -whole; i++) *o++ = '0';
      memcpy(o, dg, (size_t)n);
      o += n;
    }
    *o = '\0';
    return (size_t)(o - buf);
  }
  *o++ = dg[0];
  *o++ = '.';
  if (n > 1) {
    memcpy(o, dg + 1, (size_t)n - 1);
    o += n - 1;
  } else {
    *o++ = '0';
  }
  o += sprintf(o, "e%d", sci);
  return (size_t)(o - buf);
}

size_t float_fmt_inspect(double d, char *buf) {
  double a = fabs(d);
  if (a >= 1.0 && a < 1.0e16 && trunc(d) == d) {
    size_t n = int64_fmt((int64_t)d, buf);
    memcpy(buf + n, ".0", 3);
    return n + 2;
  }
  return float_fmt_short(d, buf);
}
