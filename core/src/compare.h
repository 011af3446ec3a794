/*
 * compare.h -- Erlang term order and equality.
 *
 * Order across types: number < atom < reference < fun < port < pid < tuple
 * < map < list < bitstring. Within a type:
 *   numbers   by value (an integer and a float compare numerically; term_cmp
 *             says 0 for 1 and 1.0, term_exact_eq says they differ)
 *   atoms     by their text, bytewise (shorter prefix first)
 *   refs      by id; pids by slot then serial; funs by code then captures
 *   tuples    by size, then element by element
 *   maps      by size, then keys (in map-key order), then values
 *   lists     element by element, [] (and a shorter prefix) first; an
 *             improper tail is compared as a term
 *   binaries  bytewise, a shorter prefix first
 *
 * Map-key order (term_cmp_key) is the exact order Erlang uses to lay out
 * map keys: like term_cmp except that every integer sorts before every
 * float (so %{2 => _, 0.5 => _} lists 2 first) and 1 and 1.0 are different
 * keys. Containers inside keys are compared exactly too.
 *
 * All functions loop on list tails, so long lists do not use C stack;
 * recursion depth is bounded by the nesting depth of heads, tuples and maps.
 */
#ifndef BEAMLET_COMPARE_H
#define BEAMLET_COMPARE_H

#include "term.h"

int term_cmp(term a, term b);         /* <0, 0, >0 in term order (== semantics) */
int term_cmp_key(term a, term b);     /* map-key order; 0 only for === terms */
bool term_eq(term a, term b);         /* Elixir ==  (1 == 1.0) */
bool term_exact_eq(term a, term b);   /* Elixir === (1 !== 1.0) */

/* Rank of a term's type in the order above (number 0 ... bitstring 9). */
int term_type_rank(term t);

#endif
