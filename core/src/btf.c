/*
 * btf.c -- the beamlet term format (BTF): terms as bytes a host language
 * (the JS package in node/) reads and writes, and the constants of prelude
 * images (image.c). Declared in btf.h.
 *
 * ---- BTF, version 1 (all numbers little-endian) ----
 *   'i' i64                 integer
 *   'f' f64                 float
 *   'a' u32 n, n bytes      atom (UTF-8 name; 255 bytes at most)
 *   'b' u32 n, n bytes      binary
 *   'n'                     []
 *   'l' u32 n, n terms, t   list of n >= 1 elements ending in tail t
 *                           (t is 'n' for a proper list)
 *   't' u32 n, n terms      tuple
 *   'm' u32 n, 2n terms     map: key, value, key, value ...
 *   'p' u64                 pid (the term word)
 *   'r' u64                 reference (its id)
 *   'F' u32 n, n bytes      a value JS cannot hold (a fun): its inspect
 *                           text; runtime -> host only
 * Decoding checks every length against the input and nesting depth against
 * BTF_MAX_DEPTH: bad input gives BEAMLET_EINVAL, never a trap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf.h"
#include "atom.h"
#include "compare.h"
#include "heap_priv.h"
#include "inspect.h"

#define BTF_MAX_DEPTH 400

/* ---------------------------------------------------------------- BTF out */

static void put_u32(strbuf *sb, uint32_t v) {
  uint8_t b[4];
  for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
  strbuf_put(sb, b, 4);
}
static void put_u64(strbuf *sb, uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; i++) b[i] = (uint8_t)(v >> (8 * i));
  strbuf_put(sb, b, 8);
}
static void put_bytes(strbuf *sb, char tag, const void *d, size_t n) {
  strbuf_putc(sb, tag);
  put_u32(sb, (uint32_t)n);
  strbuf_put(sb, d, n);
}

void btf_encode(strbuf *sb, term t, int depth) {
  if (depth > BTF_MAX_DEPTH) {
    put_bytes(sb, 'F', "...", 3);
    return;
  }
  if (is_integer(t)) {
    strbuf_putc(sb, 'i');
    put_u64(sb, (uint64_t)int_val(t));
  } else if (is_float(t)) {
    double d = float_val(t);
    uint64_t u;
    memcpy(&u, &d, 8);
    strbuf_putc(sb, 'f');
    put_u64(sb, u);
  } else if (is_atom(t)) {
    put_bytes(sb, 'a', atom_text(t), atom_len(t));
  } else if (is_nil(t)) {
    strbuf_putc(sb, 'n');
  } else if (is_cons(t)) {
    uint32_t n = 0;
    term l = t;
    for (; is_cons(l); l = cdr(l)) n++;
    strbuf_putc(sb, 'l');
    put_u32(sb, n);
    for (l = t; is_cons(l); l = cdr(l)) btf_encode(sb, car(l), depth + 1);
    btf_encode(sb, l, depth + 1);
  } else if (is_tuple(t)) {
    uint32_t n = tuple_arity(t);
    strbuf_putc(sb, 't');
    put_u32(sb, n);
    for (uint32_t i = 0; i < n; i++) btf_encode(sb, tuple_get(t, i), depth + 1);
  } else if (is_map(t)) {
    uint32_t n = map_size(t);
    strbuf_putc(sb, 'm');
    put_u32(sb, n);
    for (uint32_t i = 0; i < n; i++) {
      btf_encode(sb, map_keys(t)[i], depth + 1);
      btf_encode(sb, map_vals(t)[i], depth + 1);
    }
  } else if (is_binary(t)) {
    put_bytes(sb, 'b', binary_data(t), binary_size(t));
  } else if (is_pid(t)) {
    strbuf_putc(sb, 'p');
    put_u64(sb, t);
  } else if (is_ref(t)) {
    strbuf_putc(sb, 'r');
    put_u64(sb, ref_id(t));
  } else {
    strbuf tx;
    strbuf_init(&tx);
    inspect_plain(&tx, t);
    put_bytes(sb, 'F', tx.data ? tx.data : "", tx.len);
    strbuf_free(&tx);
  }
}

/* ---------------------------------------------------------------- BTF in */

/* Two passes over the same input: the first (build == false) validates and
 * counts words, the second builds into a fragment of exactly that size. */
typedef struct dec {
  const uint8_t *p, *end;
  bool build;
  size_t words;
  term *hp;
  heapfrag *frag;
  const char *err;
} dec;

static bool need(dec *d, size_t n) {
  if ((size_t)(d->end - d->p) < n) {
    d->err = "truncated term";
    return false;
  }
  return true;
}
static uint32_t get_u32(dec *d) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--) v = (v << 8) | d->p[i];
  d->p += 4;
  return v;
}
static uint64_t get_u64(dec *d) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | d->p[i];
  d->p += 8;
  return v;
}
static term *take_words(dec *d, size_t n) {
  if (!d->build) {
    d->words += n;
    return NULL;
  }
  term *w = d->hp;
  d->hp += n;
  return w;
}

typedef struct kv { term k, v; uint32_t order; } kv;
static int kv_cmp(const void *a, const void *b) {
  const kv *x = a, *y = b;
  int c = term_cmp_key(x->k, y->k);
  if (c) return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

static term btf_decode(dec *d, int depth) {
  if (depth > BTF_MAX_DEPTH) {
    d->err = "term nested too deeply";
    return NONE;
  }
  if (!need(d, 1)) return NONE;
  uint8_t tag = *d->p++;
  switch (tag) {
  case 'i': {
    if (!need(d, 8)) return NONE;
    int64_t v = (int64_t)get_u64(d);
    if (small_fits(v)) return make_small(v);
    term *w = take_words(d, 2);
    if (!w) return NIL;
    w[0] = make_header(1, BOX_INT64);
    memcpy(&w[1], &v, 8);
    return make_boxed(w);
  }
  case 'f': {
    if (!need(d, 8)) return NONE;
    uint64_t u = get_u64(d);
    double f;
    memcpy(&f, &u, 8);
    if (f != f || f - f != 0) {
      d->err = "NaN and infinities are not numbers in beamlet";
      return NONE;
    }
    term *w = take_words(d, 2);
    if (!w) return NIL;
    w[0] = make_header(1, BOX_FLOAT);
    memcpy(&w[1], &f, 8);
    return make_boxed(w);
  }
  case 'a': {
    if (!need(d, 4)) return NONE;
    uint32_t n = get_u32(d);
    if (n > 255) {
      d->err = "atom name longer than 255 bytes";
      return NONE;
    }
    if (!need(d, n)) return NONE;
    const char *s = (const char *)d->p;
    d->p += n;
    return d->build ? atom_intern(s, n) : NIL;
  }
  case 'b': {
    if (!need(d, 4)) return NONE;
    uint32_t n = get_u32(d);
    if (!need(d, n)) return NONE;
    const uint8_t *s = d->p;
    d->p += n;
    if (n <= HEAPBIN_MAX) {
      size_t words = 2 + (n + 7) / 8;
      term *w = take_words(d, words);
      if (!w) return NIL;
      w[words - 1] = 0;
      w[0] = make_header(words - 1, BOX_HEAPBIN);
      w[1] = (term)n;
      if (n) memcpy(w + 2, s, n);
      return make_boxed(w);
    }
    term *w = take_words(d, 4);
    if (!w) return NIL;
    binary *b = bin_alloc(n);
    if (!b) {
      d->err = "out of memory";
      w[0] = make_header(0, BOX_TUPLE); /* keep the fragment walkable */
      return NONE;
    }
    memcpy(b->data, s, n);
    return procbin_init(w, b, &d->frag->mso);
  }
  case 'n':
    return NIL;
  case 'l': {
    if (!need(d, 4)) return NONE;
    uint32_t n = get_u32(d);
    if (n == 0 || n > (size_t)(d->end - d->p)) {
      d->err = "bad list length";
      return NONE;
    }
    term *cells = take_words(d, 2 * (size_t)n);
    for (uint32_t i = 0; i < n; i++) {
      term e = btf_decode(d, depth + 1);
      if (e == NONE) return NONE;
      if (cells) {
        cells[2 * i] = e;
        cells[2 * i + 1] = i + 1 < n ? make_cons_ptr(cells + 2 * (i + 1)) : NIL;
      }
    }
    term tail = btf_decode(d, depth + 1);
    if (tail == NONE) return NONE;
    if (!cells) return NIL;
    cells[2 * n - 1] = tail;
    return make_cons_ptr(cells);
  }
  case 't': {
    if (!need(d, 4)) return NONE;
    uint32_t n = get_u32(d);
    if (n > (size_t)(d->end - d->p) || n > 0xFFFFFF) {
      d->err = "bad tuple size";
      return NONE;
    }
    term *w = take_words(d, 1 + (size_t)n);
    if (w) w[0] = make_header(n, BOX_TUPLE);
    for (uint32_t i = 0; i < n; i++) {
      term e = btf_decode(d, depth + 1);
      if (e == NONE) {
        if (w) for (uint32_t j = i; j < n; j++) w[1 + j] = NIL;
        return NONE;
      }
      if (w) w[1 + i] = e;
    }
    return w ? make_boxed(w) : NIL;
  }
  case 'm': {
    if (!need(d, 4)) return NONE;
    uint32_t n = get_u32(d);
    if ((size_t)n * 2 > (size_t)(d->end - d->p)) {
      d->err = "bad map size";
      return NONE;
    }
    term *w = take_words(d, 2 + 2 * (size_t)n);
    kv *pairs = NULL;
    if (w) {
      pairs = malloc(sizeof *pairs * (n ? n : 1));
      if (!pairs) {
        d->err = "out of memory";
        w[0] = make_header(1 + 2 * (uint64_t)n, BOX_MAP);
        w[1] = 0;
        return NONE;
      }
    }
    for (uint32_t i = 0; i < n; i++) {
      term k = btf_decode(d, depth + 1);
      term v = k == NONE ? NONE : btf_decode(d, depth + 1);
      if (v == NONE) {
        if (w) {
          w[0] = make_header(1 + 2 * (uint64_t)n, BOX_MAP);
          w[1] = 0; /* an empty map: the words after it are never read */
          free(pairs);
        }
        return NONE;
      }
      if (pairs) pairs[i] = (kv){k, v, i};
    }
    if (!w) return NIL;
    qsort(pairs, n, sizeof *pairs, kv_cmp);
    /* equal keys: the last one given wins */
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
      if (i + 1 < n && term_cmp_key(pairs[i].k, pairs[i + 1].k) == 0) continue;
      pairs[m++] = pairs[i];
    }
    w[0] = make_header(1 + 2 * (uint64_t)m, BOX_MAP);
    w[1] = m;
    for (uint32_t i = 0; i < m; i++) {
      w[2 + i] = pairs[i].k;
      w[2 + m + i] = pairs[i].v;
    }
    /* words left unused by duplicate keys: a harmless filler tuple */
    if (m < n) {
      term *rest = w + 2 + 2 * m;
      rest[0] = make_header(2 * (uint64_t)(n - m) - 1, BOX_TUPLE);
      for (uint32_t i = 1; i < 2 * (n - m); i++) rest[i] = NIL;
    }
    free(pairs);
    return make_boxed(w);
  }
  case 'p': {
    if (!need(d, 8)) return NONE;
    uint64_t v = get_u64(d);
    if (!is_pid(v)) {
      d->err = "not a pid";
      return NONE;
    }
    return make_pid(pid_slot(v), pid_serial(v));
  }
  case 'r': {
    if (!need(d, 8)) return NONE;
    uint64_t id = get_u64(d);
    term *w = take_words(d, 2);
    if (!w) return NIL;
    w[0] = make_header(1, BOX_REF);
    w[1] = id;
    return make_boxed(w);
  }
  case 'F':
    d->err = "functions cannot cross from the host";
    return NONE;
  default:
    d->err = "unknown term tag";
    return NONE;
  }
}

/* Decode a whole BTF value into a new fragment (*frag NULL when the value
 * is an immediate). Returns NONE and sets *err on bad input. */
term btf_to_term(const uint8_t *data, size_t len, heapfrag **frag, const char **err) {
  *frag = NULL;
  dec d = {data, data + len, false, 0, NULL, NULL, NULL};
  term t = btf_decode(&d, 0);
  if (t == NONE || d.p != d.end) {
    *err = d.err ? d.err : "trailing bytes after the term";
    return NONE;
  }
  heapfrag *f = NULL;
  if (d.words) {
    f = frag_new(d.words);
    if (!f) {
      *err = "out of memory";
      return NONE;
    }
    f->used = d.words;
  }
  dec b = {data, data + len, true, 0, f ? f->mem : NULL, f, NULL};
  t = btf_decode(&b, 0);
  if (t == NONE) {
    if (f) frag_free(f);
    *err = b.err ? b.err : "out of memory";
    return NONE;
  }
  *frag = f;
  return t;
}

