/*
 * format.h -- number formatting shared by inspect and to_string.
 *
 * float_fmt_short: Erlang's float_to_binary(F, [short]) (OTP 25), which is
 *   what Elixir's to_string/1, Float.to_string/1 and string interpolation
 *   print: the shortest digit string that reads back to the same double,
 *   laid out as fixed ("0.1", "1234567.0", "0.0001") or scientific
 *   ("1.0e6", "1.0e-5", "1.7976931348623157e308") by the OTP rules.
 * float_fmt_inspect: Elixir's Inspect.Float: like short, except that a
 *   whole number with 1.0 <= |F| < 1.0e16 prints as "<integer>.0"
 *   (inspect(1.0e6) is "1000000.0" while to_string(1.0e6) is "1.0e6").
 * Both write a NUL-terminated string of at most FLOAT_FMT_MAX - 1 bytes
 * into buf and return its length.
 */
#ifndef BEAMLET_FORMAT_H
#define BEAMLET_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define FLOAT_FMT_MAX 32

size_t float_fmt_short(double d, char *buf);
size_t float_fmt_inspect(double d, char *buf);

/* The shortest round-trip decimal digits of a finite |d| > 0: digits (no
 * leading/trailing zeros, NUL-terminated) and exponent so that
 * |d| == 0.<digits> * 10^... precisely: value = digits * 10^exp10.
 * Returns the number of digits (1..17). */
int float_shortest_digits(double d, char digits[20], int *exp10);

/* Decimal text of an int64 (no allocation); returns the length. */
size_t int64_fmt(int64_t v, char buf[24]);

#endif
