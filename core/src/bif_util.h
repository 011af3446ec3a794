/*
 * bif_util.h -- helpers shared by the standard-library BIFs (bif_kernel.c,
 * bif_string.c, bif_data.c): term ordering and equality, list and map
 * building, a growable byte buffer, UTF-8 decoding, raising Elixir's errors.
 *
 * Invariants:
 * - Nothing here collects: terms passed in stay valid, new terms are made
 *   with heap_alloc (which falls back to fragments).
 * - Map objects built here keep keys sorted by bu_cmp_key (term order, with
 *   an integer before an equal float), each key once: the layout of term.h.
 */
#ifndef BEAMLET_BIF_UTIL_H
#define BEAMLET_BIF_UTIL_H

#include "term.h"
#include "atom.h"
#include "heap.h"
#include "vm.h"

/* ---- ordering and equality ---- */
/* Erlang term order (number < atom < reference < fun < pid < tuple < map <
 * list < binary); numbers compare by value, so bu_cmp(1, 1.0) == 0. */
int bu_cmp(term a, term b);
/* The order of map keys: as bu_cmp but exact (1 sorts before 1.0, and
 * containers compare their elements exactly). 0 means "same key". */
int bu_cmp_key(term a, term b);
static inline bool bu_eq(term a, term b) { return a == b || bu_cmp(a, b) == 0; }         /* == */
static inline bool bu_eq_exact(term a, term b) { return a == b || bu_cmp_key(a, b) == 0; } /* === */

/* ---- lists ---- */
/* Length of a proper list; -1 if `l` is not a proper list. */
int64_t bu_list_len(term l);
/* Reverse `l` onto `tail`. `l` must be a proper list. */
term bu_reverse(proc *p, term l, term tail);

/* ---- maps ---- */
/* The value under `key`, or NONE. `m` must be a map. */
term bu_map_get(term m, term key);
term bu_map_put(proc *p, term m, term key, term val);
term bu_map_remove(proc *p, term m, term key); /* m itself if absent */
/* A map from n pairs; for a duplicated key the last pair wins. The arrays
 * are scratch: they are reordered. */
term bu_map_from(proc *p, term *keys, term *vals, size_t n);
term bu_map_empty(proc *p);

/* A range is the map %{__struct__: Range, first:, last:, step:}. */
bool bu_is_range(term t, int64_t *first, int64_t *last, int64_t *step);
term bu_make_range(proc *p, int64_t first, int64_t last, int64_t step);

/* ---- byte buffers (malloc'd, freed by the caller) ---- */
typedef struct bu_buf {
  char *data;
  size_t len, cap;
  bool oom; /* an append failed: the contents are truncated */
} bu_buf;
void bu_buf_init(bu_buf *b);
void bu_buf_free(bu_buf *b);
void bu_buf_add(bu_buf *b, const void *data, size_t len);
void bu_buf_addc(bu_buf *b, char c);
void bu_buf_adds(bu_buf *b, const char *s);
void bu_buf_add_utf8(bu_buf *b, uint32_t cp);
void bu_buf_add_int(bu_buf *b, int64_t v);
/* Make a binary of the buffer and free it. NONE (after raising) on OOM. */
term bu_buf_binary(proc *p, bu_buf *b);

/* Append chardata (a binary, or a possibly nested list of code points and
 * binaries) to b. false if `t` is not chardata. */
bool bu_chardata(bu_buf *b, term t);

/* ---- UTF-8 ---- */
/* Decode one code point at s[*i] (len bytes total), advancing *i. An invalid
 * byte decodes as itself (0x80..0xFF) and advances by one; *valid is
 * cleared then (if valid is non-NULL). */
uint32_t bu_utf8_next(const uint8_t *s, size_t len, size_t *i, bool *valid);
/* Is cp a combining mark (joins the previous grapheme)? */
bool bu_is_combining(uint32_t cp);
/* Advance over one grapheme cluster (a code point plus combining marks,
 * CR LF as one). */
size_t bu_grapheme_next(const uint8_t *s, size_t len, size_t i);

/* ---- integer arithmetic with overflow detection ---- */
/* Make an integer term; false (nothing made) never happens for int64. */
static inline term bu_int(proc *p, int64_t v) { return small_fits(v) ? make_small(v) : make_int(p, v); }

/* ---- floats ---- */
/* The text to_string/1 gives a float (Erlang's float_to_binary(f, [:short])):
 * the shortest digits that read back as d, in decimal or scientific
 * notation, whichever is shorter (decimal on a tie; scientific for integral
 * values of 2^53 and above). out needs 32 bytes; returns the length. */
size_t bu_float_short(double d, char *out);
/* The shortest digits of |d| (d finite, nonzero): digits[0..n) without a
 * dot, and the decimal exponent e so that |d| = d.ddd x 10^e. */
int bu_float_digits(double d, char *digits, int *e);

/* ---- raising ---- */
term bu_badarg(proc *p);                       /* error :badarg */
term bu_raise_arg(proc *p, const char *msg);   /* ArgumentError with message */
term bu_raise_fc(proc *p, const char *mod, const char *fun, int arity); /* FunctionClauseError */
term bu_error_tuple(proc *p, const char *tag, term val); /* error {tag, val} */

/* Atom helpers */
term bu_atom(const char *s);
bool bu_atom_is(term a, const char *s);

#endif
