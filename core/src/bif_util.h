/*
 * bif_util.h -- helpers shared by the standard-library BIFs (bif_kernel.c,
 * bif_string.c, bif_data.c): list and map building, UTF-8 decoding,
 * raising Elixir's errors. Term order is compare.h's, buffers are strbuf.h.
 *
 * Invariants:
 * - Nothing here collects: terms passed in stay valid, new terms are made
 *   with heap_alloc (which falls back to fragments).
 * - Map objects built here keep keys sorted by term_cmp_key (map-key order,
 *   compare.h), each key once: the layout of term.h.
 */
#ifndef BEAMLET_BIF_UTIL_H
#define BEAMLET_BIF_UTIL_H

#include "term.h"
#include "atom.h"
#include "heap.h"
#include "vm.h"
#include "compare.h"
#include "strbuf.h"

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
/* 0..n-1 stably sorted by the map-key order of keys[i]: a malloc'd array
 * (of 2n entries, the second half scratch), NULL when out of memory. */
size_t *bu_key_order(const term *keys, size_t n);
/* A map of n entries, whose keys and values the caller fills in key order. */
term bu_map_alloc(proc *p, uint32_t n);
term bu_map_empty(proc *p);

/* A range is the map %{__struct__: Range, first:, last:, step:}. */
bool bu_is_range(term t, int64_t *first, int64_t *last, int64_t *step);
term bu_make_range(proc *p, int64_t first, int64_t last, int64_t step);

/* ---- byte buffers (strbuf.h) ---- */
void bu_put_utf8(strbuf *b, uint32_t cp);
/* Make a binary of the buffer and free it. NONE (after raising) on OOM. */
term bu_binary(proc *p, strbuf *b);

/* Append chardata (a binary, or a possibly nested list of code points and
 * binaries) to b. false if `t` is not chardata. */
bool bu_chardata(strbuf *b, term t);

/* Walk iodata (binaries and bytes 0..255 in nested lists, a binary or []
 * as a tail): append its bytes to b unless b is NULL, add their count to
 * *n unless n is NULL. false if `t` is not iodata. */
bool bu_iodata(strbuf *b, term t, size_t *n);

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

/* ---- raising ---- */
term bu_badarg(proc *p);                       /* error :badarg */
term bu_raise_arg(proc *p, const char *msg);   /* ArgumentError with message */
term bu_overflow(proc *p);                     /* an integer result past 64 bits */
/* FunctionClauseError for Mod.fun/arity ("String", "upcase", 1; ":lists"
 * for an Erlang module): raises {:function_clause, Elixir.Mod, fun, arity}
 * (errors.h). */
term bu_raise_fc(proc *p, const char *mod, const char *fun, int arity);
/* Protocol.UndefinedError: Enumerable is not implemented for value. */
term bu_not_enumerable(proc *p, term value);
term bu_error_tuple(proc *p, const char *tag, term val); /* error {tag, val} */
/* error :badarg whose message is the BEAM's extended error text, as
 * Elixir shows it: "errors were found at the given arguments:\n\n  * 1st
 * argument: not a tuple\n" (argn 1..3; errors.h exc_wrap). */
term bu_badarg_info(proc *p, int argn, const char *what);
/* error {:badkey, key} whose message is "key :k not found in: <term>"
 * (Map.fetch!/2 and friends, where Elixir reads the map off the stack). */
term bu_badkey_in(proc *p, term key, term container);
/* KeyError struct %KeyError{key: key, term: container, message: nil},
 * raised as Elixir itself does (Keyword.fetch!/2). */
term bu_key_error(proc *p, term key, term container);
/* error :badarg whose message is the BEAM's extended error text, as
 * Elixir shows it: "errors were found at the given arguments:\n\n  * 1st
 * argument: not a tuple\n" (argn 1..3; errors.h exc_wrap). */
term bu_badarg_info(proc *p, int argn, const char *what);
/* error {:badkey, key} whose message is "key :k not found in: <term>"
 * (Map.fetch!/2 and friends, where Elixir reads the map off the stack). */
term bu_badkey_in(proc *p, term key, term container);
/* KeyError struct %KeyError{key: key, term: container, message: nil},
 * raised as Elixir itself does (Keyword.fetch!/2). */
term bu_key_error(proc *p, term key, term container);

/* Atom helpers */
term bu_atom(const char *s);
bool bu_atom_is(term a, const char *s);

#endif
