/*
 * map_order.h -- the order in which Elixir 1.14 (OTP 25) enumerates a map.
 *
 * beamlet stores every map with its keys sorted in map-key order (term.h),
 * which is OTP's order for a "flatmap" (at most MAP_FLAT_MAX keys). A
 * larger OTP map is a hash trie (HAMT) keyed by OTP's internal term hash,
 * and every function that walks it follows the trie: 4 hash bits per level,
 * lowest bits first, children in increasing index. Walking the trie thus
 * visits keys in increasing "swizzled" hash (the hash with its eight
 * nibbles reversed); when two keys share all 32 bits, OTP rehashes the
 * list [n | key] for the n-th group of 8 levels. The order depends on the
 * set of keys only (a map that shrinks back to MAP_FLAT_MAX keys is a
 * flatmap again), so beamlet recomputes it on demand instead of storing it.
 *
 * Two orders are visible in Elixir for a map of more than 32 keys:
 *   MAP_ORDER_LIST  Map.keys/values/to_list, :maps.to_list, inspect,
 *                   Enum.to_list and every Enum function that goes
 *                   through the Enumerable protocol (find, take, at, zip,
 *                   slice, chunk_every, reduce_while, ...): decreasing
 *                   swizzled hash (OTP builds these lists back to front);
 *   MAP_ORDER_FOLD  :maps.fold and hence Enum.reduce/3 on a map and every
 *                   Enum function built on it (map, each, filter, sort,
 *                   with_index, ...): increasing swizzled hash.
 * For a map of at most 32 keys both are the stored order.
 *
 * The hash reproduces OTP 25's make_internal_hash (Bob Jenkins' mix over
 * 32-bit words with per-type constants) for integers, floats, binaries,
 * lists, tuples and maps. OTP hashes an atom by its index in the node's
 * atom table, which beamlet cannot know; atoms, pids, references and funs
 * get a deterministic stand-in, so large maps with such keys have a stable
 * but different order from OTP's.
 */
#ifndef BEAMLET_MAP_ORDER_H
#define BEAMLET_MAP_ORDER_H

#include "term.h"

#define MAP_FLAT_MAX 32 /* OTP's MAP_SMALL_MAP_LIMIT */

typedef enum { MAP_ORDER_LIST = 0, MAP_ORDER_FOLD = 1 } map_order_kind;

/* OTP's make_internal_hash(key, 0) for level 0; for level n > 0 the hash of
 * the list [n | key] (the rehash of the n-th group of 8 trie levels). */
uint32_t map_key_hash(term key, uint32_t level);

/* Fill perm[0 .. map_size(m)) with indices into map_keys(m)/map_vals(m) in
 * the order `kind`. Returns false (perm unspecified) only when out of
 * memory. */
bool map_order(term m, map_order_kind kind, uint32_t *perm);

/* A list of m's keys, values or {key, value} pairs in the order `kind`
 * (Map.keys/values/to_list with MAP_ORDER_LIST), built with heap_alloc.
 * Falls back to the stored order if the scratch memory cannot be had. */
enum { MAP_LIST_KEYS, MAP_LIST_VALUES, MAP_LIST_PAIRS };
struct proc;
term map_order_list(struct proc *p, term m, map_order_kind kind, int what);

/* true when the stored order is not Elixir's, i.e. map_size(m) > 32. */
static inline bool map_order_hashed(term m) { return map_size(m) > MAP_FLAT_MAX; }

#endif
