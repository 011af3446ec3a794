/*
 * map_order.c -- OTP 25's internal term hash and the hash-trie order of
 * large maps (see map_order.h).
 *
 * The hash is a fold over the term in pre-order: every step mixes one or
 * two 32-bit words, each offset by a per-type constant, into the running
 * 32-bit state with Bob Jenkins' 96-bit mix. Immediates (small integers,
 * [], atoms, pids) mix the two halves of their 64-bit OTP word; boxed
 * terms mix their contents. The constants are multiples of the golden
 * ratio 0x9e3779b9 as in OTP, so the values agree bit for bit.
 *
 * Recursion follows the nesting of tuple elements, list heads and map
 * entries; list tails are iterated.
 */
#include "map_order.h"

#include <stdlib.h>

#include "atom.h"
#include "compare.h"
#include "heap.h"

/* ---- mixing ---- */

#define HC 0x9e3779b9u /* the golden ratio */
#define HC_4 0x78dde6e4u
#define HC_7 0x5384540fu
#define HC_8 0xf1bbcdc8u
#define HC_9 0x8ff34781u
#define HC_10 0x2e2ac13au
#define HC_11 0xcc623af3u
#define HC_12 0x6a99b4acu
#define HC_13 0x08d12e65u
#define HC_16 0xe3779b90u
#define HC_17 0x81af1549u
#define HC_18 0x1fe68f02u
#define HC_20 0x5c558274u
#define HC_22 0x98c475e6u
#define HASH_SEED 3432918353u /* OTP's INTERNAL_HASH_SALT (salt 0) */

static void mix(uint32_t *pa, uint32_t *pb, uint32_t *pc) {
  uint32_t a = *pa, b = *pb, c = *pc;
  a -= b; a -= c; a ^= (c >> 13);
  b -= c; b -= a; b ^= (a << 8);
  c -= a; c -= b; c ^= (b >> 13);
  a -= b; a -= c; a ^= (c >> 12);
  b -= c; b -= a; b ^= (a << 16);
  c -= a; c -= b; c ^= (b >> 5);
  a -= b; a -= c; a ^= (c >> 3);
  b -= c; b -= a; b ^= (a << 10);
  c -= a; c -= b; c ^= (b >> 15);
  *pa = a, *pb = b, *pc = c;
}

/* Mix the words x, y (offset by k) into h. */
static uint32_t mix2(uint32_t h, uint32_t x, uint32_t y, uint32_t k) {
  uint32_t a = k + x, b = k + y;
  mix(&a, &b, &h);
  return h;
}

/* Lightweight mixing of a type constant (list cells). */
static uint32_t mix_const(uint32_t h, uint32_t k) {
  h ^= k;
  return (h << 17) ^ (h >> 15);
}

static uint32_t mix_word(uint32_t h, uint64_t w) { return mix2(h, (uint32_t)w, (uint32_t)(w >> 32), HC); }

static uint32_t le32(const uint8_t *k) {
  return (uint32_t)k[0] | (uint32_t)k[1] << 8 | (uint32_t)k[2] << 16 | (uint32_t)k[3] << 24;
}

/* Jenkins' lookup2 block hash, as OTP hashes binaries. */
static uint32_t block_hash(const uint8_t *k, size_t len, uint32_t init) {
  uint32_t a = HC, b = HC, c = init;
  size_t n = len;
  while (n >= 12) {
    a += le32(k);
    b += le32(k + 4);
    c += le32(k + 8);
    mix(&a, &b, &c);
    k += 12;
    n -= 12;
  }
  c += (uint32_t)len;
  switch (n) { /* every case falls through */
    case 11: c += (uint32_t)k[10] << 24; /* fall through */
    case 10: c += (uint32_t)k[9] << 16;  /* fall through */
    case 9: c += (uint32_t)k[8] << 8;    /* fall through */
    case 8: b += (uint32_t)k[7] << 24;   /* fall through */
    case 7: b += (uint32_t)k[6] << 16;   /* fall through */
    case 6: b += (uint32_t)k[5] << 8;    /* fall through */
    case 5: b += k[4];                   /* fall through */
    case 4: a += (uint32_t)k[3] << 24;   /* fall through */
    case 3: a += (uint32_t)k[2] << 16;   /* fall through */
    case 2: a += (uint32_t)k[1] << 8;    /* fall through */
    case 1: a += k[0];                   /* fall through */
    default: break;
  }
  mix(&a, &b, &c);
  return c;
}

/* ---- OTP's word for an immediate ---- */

/* OTP small integers are 60-bit on 64-bit machines: (v << 4) | 0xF. */
#define OTP_SMALL_MAX (((int64_t)1 << 59) - 1)
#define OTP_SMALL_MIN (-((int64_t)1 << 59))
#define OTP_NIL 0x3Bu

static uint64_t otp_small(int64_t v) { return ((uint64_t)v << 4) | 0xFu; }

static uint32_t hash_int(uint32_t h, int64_t v) {
  if (v >= OTP_SMALL_MIN && v <= OTP_SMALL_MAX) return mix_word(h, otp_small(v));
  /* a one-digit bignum: magnitude words, sign in the constant */
  uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  return mix2(h, (uint32_t)mag, (uint32_t)(mag >> 32), v < 0 ? HC_10 : HC_11);
}

static bool is_byte_term(term t) { return is_small(t) && small_val(t) >= 0 && small_val(t) <= 255; }

static uint32_t hash_term(uint32_t h, term t);

static uint32_t hash_map(uint32_t h, term m) {
  uint32_t n = map_size(m);
  h = mix2(h, n, 0, HC_16);
  if (n == 0) return h;
  const term *k = map_keys(m), *v = map_vals(m);
  if (n <= MAP_FLAT_MAX) {
    for (uint32_t i = 0; i < n; i++) {
      h = hash_term(h, k[i]);
      h = hash_term(h, v[i]);
    }
    return h;
  }
  /* A hash trie is hashed leaf by leaf, last child first. */
  uint32_t *perm = malloc((size_t)n * sizeof *perm);
  if (!perm || !map_order(m, MAP_ORDER_LIST, perm)) {
    free(perm);
    for (uint32_t i = 0; i < n; i++) h = hash_term(hash_term(h, k[i]), v[i]);
    return h;
  }
  for (uint32_t i = 0; i < n; i++) {
    h = hash_term(h, k[perm[i]]);
    h = hash_term(h, v[perm[i]]);
  }
  free(perm);
  return h;
}

static uint32_t hash_term(uint32_t h, term t) {
  for (;;) {
    switch (term_tag(t)) {
      case TAG_SMALL: return hash_int(h, small_val(t));
      case TAG_IMM:
        if (is_nil(t)) return mix_word(h, OTP_NIL);
        if (is_atom(t)) return mix_word(h, ((uint64_t)atom_index(t) << 6) | 0xBu);
        if (is_pid(t)) return mix_word(h, ((uint64_t)pid_slot(t) << 4) | 0x3u);
        return mix_word(h, t);
      case TAG_LIST: {
        /* A run of bytes is packed four to a word. */
        uint32_t sh = 0, c = 0;
        while (is_cons(t) && is_byte_term(car(t))) {
          sh = (sh << 8) + (uint32_t)small_val(car(t));
          if (c == 3) {
            h = mix2(h, sh, 0, HC_4);
            c = sh = 0;
          } else {
            c++;
          }
          t = cdr(t);
        }
        if (c > 0) h = mix2(h, sh, c, HC_22);
        if (!is_cons(t)) continue; /* the tail, [] included */
        term tail = cdr(t);
        h = mix_const(h, HC_17);
        h = hash_term(h, car(t));
        if (!is_cons(tail)) h = mix_const(h, HC_18);
        t = tail;
        continue;
      }
      default: break;
    }
    switch (box_type(t)) {
      case BOX_TUPLE: {
        uint32_t n = tuple_arity(t);
        h = mix2(h, n, 0, HC_9);
        for (uint32_t i = 0; i < n; i++) h = hash_term(h, tuple_get(t, i));
        return h;
      }
      case BOX_INT64: return hash_int(h, int_val(t));
      case BOX_FLOAT: {
        double d = float_val(t);
        if (d == 0.0) d = 0.0; /* -0.0 hashes as 0.0 */
        uint64_t w;
        memcpy(&w, &d, sizeof w);
        return mix2(h, (uint32_t)w, (uint32_t)(w >> 32), HC_12);
      }
      case BOX_REF: {
        uint64_t id = ref_id(t);
        h = mix2(h, (uint32_t)id, 0, HC_7);
        return mix2(h, (uint32_t)(id >> 32), 0, HC_8);
      }
      case BOX_MAP: return hash_map(h, t);
      case BOX_FUN: {
        uint32_t n = fun_nenv(t);
        h = mix2(h, n, 0, HC_20);
        for (uint32_t i = 0; i < n; i++) h = hash_term(h, fun_env(t)[i]);
        return h;
      }
      case BOX_HEAPBIN:
      case BOX_PROCBIN: {
        size_t len = binary_size(t);
        uint32_t con = HC_13 + h;
        return len == 0 ? con : block_hash(binary_data(t), len, con);
      }
      default: return mix_word(h, t);
    }
  }
}

uint32_t map_key_hash(term key, uint32_t level) {
  if (level == 0) return hash_term(HASH_SEED, key);
  term cell[2] = {make_small(level), key}; /* the list [level | key] */
  return hash_term(HASH_SEED, make_cons_ptr(cell));
}

/* ---- trie order ---- */

/* The hash with its nibbles reversed: trie order is numeric order of this. */
static uint32_t swizzle(uint32_t h) {
  uint32_t r = 0;
  for (int i = 0; i < 8; i++) r = (r << 4) | ((h >> (4 * i)) & 0xFu);
  return r;
}

typedef struct {
  uint32_t sw; /* swizzle(map_key_hash(key, 0)) */
  uint32_t idx;
} order_ent;

static int ent_cmp(const void *x, const void *y) {
  const order_ent *a = x, *b = y;
  if (a->sw != b->sw) return a->sw < b->sw ? -1 : 1;
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Trie order of two keys with the same 32-bit hash: the rehashes of the
 * following levels decide (two distinct keys cannot agree on all of them
 * in practice; map-key order is the last resort). */
static int deep_cmp(term a, term b) {
  for (uint32_t level = 1; level <= 16; level++) {
    uint32_t x = swizzle(map_key_hash(a, level)), y = swizzle(map_key_hash(b, level));
    if (x != y) return x < y ? -1 : 1;
  }
  return term_cmp_key(a, b);
}

bool map_order(term m, map_order_kind kind, uint32_t *perm) {
  uint32_t n = map_size(m);
  if (n <= MAP_FLAT_MAX) {
    for (uint32_t i = 0; i < n; i++) perm[i] = i;
    return true;
  }
  order_ent *e = malloc((size_t)n * sizeof *e);
  if (!e) return false;
  const term *keys = map_keys(m);
  for (uint32_t i = 0; i < n; i++) {
    e[i].sw = swizzle(map_key_hash(keys[i], 0));
    e[i].idx = i;
  }
  qsort(e, n, sizeof *e, ent_cmp);
  /* runs of equal 32-bit hashes: insertion sort by the deeper levels */
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i + 1;
    while (j < n && e[j].sw == e[i].sw) j++;
    for (uint32_t s = i + 1; s < j; s++) {
      order_ent x = e[s];
      uint32_t r = s;
      while (r > i && deep_cmp(keys[x.idx], keys[e[r - 1].idx]) < 0) {
        e[r] = e[r - 1];
        r--;
      }
      e[r] = x;
    }
    i = j;
  }
  /* e is in fold order; list order is its reverse */
  for (uint32_t i = 0; i < n; i++) perm[i] = kind == MAP_ORDER_FOLD ? e[i].idx : e[n - 1 - i].idx;
  free(e);
  return true;
}

term map_order_list(struct proc *p, term m, map_order_kind kind, int what) {
  uint32_t n = map_size(m);
  uint32_t *perm = map_order_hashed(m) ? malloc((size_t)n * sizeof *perm) : NULL;
  if (perm && !map_order(m, kind, perm)) {
    free(perm);
    perm = NULL;
  }
  term l = NIL;
  for (uint32_t j = n; j-- > 0;) { /* built back to front */
    uint32_t i = perm ? perm[j] : j;
    term k = map_keys(m)[i], v = map_vals(m)[i]; /* reread: m does not move */
    term x = what == MAP_LIST_KEYS ? k : what == MAP_LIST_VALUES ? v : make_tuple2(p, k, v);
    l = make_cons(p, x, l);
  }
  free(perm);
  return l;
}
