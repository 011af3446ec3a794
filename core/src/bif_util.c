/*
 * bif_util.c -- helpers of the standard-library BIFs (see bif_util.h).
 */
#include "bif_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"

/* ------------------------------------------------------------------ */
/* lists                                                               */
/* ------------------------------------------------------------------ */

int64_t bu_list_len(term l) {
  int64_t n = 0;
  while (is_cons(l)) {
    n++;
    l = cdr(l);
  }
  return is_nil(l) ? n : -1;
}

term bu_reverse(proc *p, term l, term tail) {
  while (is_cons(l)) {
    tail = make_cons(p, car(l), tail);
    l = cdr(l);
  }
  return tail;
}

/* ------------------------------------------------------------------ */
/* maps                                                                */
/* ------------------------------------------------------------------ */

/* Index of key in m, or -(insertion point) - 1. */
static int64_t map_find(term m, term key) {
  int64_t lo = 0, hi = (int64_t)map_size(m) - 1;
  const term *keys = map_keys(m);
  while (lo <= hi) {
    int64_t mid = (lo + hi) / 2;
    int c = term_cmp_key(keys[mid], key);
    if (c == 0) return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -lo - 1;
}

static term map_alloc(proc *p, uint32_t n) {
  term *w = heap_alloc(p, 2 + 2 * (size_t)n);
  w[0] = make_header(1 + 2 * (uint64_t)n, BOX_MAP);
  w[1] = n;
  return make_boxed(w);
}

term bu_map_empty(proc *p) { return map_alloc(p, 0); }

term bu_map_get(term m, term key) {
  int64_t i = map_find(m, key);
  return i >= 0 ? map_vals(m)[i] : NONE;
}

term bu_map_put(proc *p, term m, term key, term val) {
  uint32_t n = map_size(m);
  int64_t i = map_find(m, key);
  if (i >= 0) {
    if (map_vals(m)[i] == val) return m;
    term r = map_alloc(p, n);
    memcpy(map_keys(r), map_keys(m), 2 * (size_t)n * sizeof(term));
    map_vals(r)[i] = val;
    return r;
  }
  uint32_t at = (uint32_t)(-i - 1);
  term r = map_alloc(p, n + 1);
  term *rk = map_keys(r), *rv = map_vals(r);
  const term *mk = map_keys(m), *mv = map_vals(m);
  memcpy(rk, mk, at * sizeof(term));
  rk[at] = key;
  memcpy(rk + at + 1, mk + at, (n - at) * sizeof(term));
  memcpy(rv, mv, at * sizeof(term));
  rv[at] = val;
  memcpy(rv + at + 1, mv + at, (n - at) * sizeof(term));
  return r;
}

term bu_map_remove(proc *p, term m, term key) {
  int64_t i = map_find(m, key);
  if (i < 0) return m;
  uint32_t n = map_size(m), at = (uint32_t)i;
  term r = map_alloc(p, n - 1);
  term *rk = map_keys(r), *rv = map_vals(r);
  const term *mk = map_keys(m), *mv = map_vals(m);
  memcpy(rk, mk, at * sizeof(term));
  memcpy(rk + at, mk + at + 1, (n - at - 1) * sizeof(term));
  memcpy(rv, mv, at * sizeof(term));
  memcpy(rv + at, mv + at + 1, (n - at - 1) * sizeof(term));
  return r;
}

/* Stable merge sort of idx[0..n) by keys[idx[i]]. */
static void sort_idx(size_t *idx, size_t *tmp, size_t n, const term *keys) {
  if (n < 2) return;
  size_t h = n / 2;
  sort_idx(idx, tmp, h, keys);
  sort_idx(idx + h, tmp, n - h, keys);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) {
    if (term_cmp_key(keys[idx[j]], keys[idx[i]]) < 0)
      tmp[k++] = idx[j++];
    else
      tmp[k++] = idx[i++];
  }
  while (i < h) tmp[k++] = idx[i++];
  while (j < n) tmp[k++] = idx[j++];
  memcpy(idx, tmp, n * sizeof(size_t));
}

size_t *bu_key_order(const term *keys, size_t n) {
  size_t *idx = malloc(2 * (n ? n : 1) * sizeof(size_t));
  if (!idx) return NULL;
  for (size_t i = 0; i < n; i++) idx[i] = i;
  sort_idx(idx, idx + n, n, keys);
  return idx;
}

term bu_map_alloc(proc *p, uint32_t n) { return map_alloc(p, n); }

term bu_map_from(proc *p, term *keys, term *vals, size_t n) {
  if (n == 0) return map_alloc(p, 0);
  size_t *idx = bu_key_order(keys, n);
  if (!idx) return vm_error(p, ATOM_SYSTEM_LIMIT);
  /* Count distinct keys; among equal keys the last (highest index after a
   * stable sort) wins. */
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (i + 1 == n || term_cmp_key(keys[idx[i]], keys[idx[i + 1]]) != 0) idx[m++] = idx[i];
  term r = map_alloc(p, (uint32_t)m);
  for (size_t i = 0; i < m; i++) {
    map_keys(r)[i] = keys[idx[i]];
    map_vals(r)[i] = vals[idx[i]];
  }
  free(idx);
  return r;
}

bool bu_is_range(term t, int64_t *first, int64_t *last, int64_t *step) {
  if (!is_map(t) || map_size(t) != 4) return false;
  const term *k = map_keys(t), *v = map_vals(t);
  if (k[0] != ATOM_STRUCT || !bu_atom_is(v[0], "Elixir.Range")) return false;
  if (!bu_atom_is(k[1], "first") || !bu_atom_is(k[2], "last") || !bu_atom_is(k[3], "step")) return false;
  if (!is_integer(v[1]) || !is_integer(v[2]) || !is_integer(v[3])) return false;
  *first = int_val(v[1]);
  *last = int_val(v[2]);
  *step = int_val(v[3]);
  return true;
}

term bu_make_range(proc *p, int64_t first, int64_t last, int64_t step) {
  term r = map_alloc(p, 4);
  term *k = map_keys(r), *v = map_vals(r);
  k[0] = ATOM_STRUCT;
  v[0] = bu_atom("Elixir.Range");
  k[1] = bu_atom("first");
  v[1] = bu_int(p, first);
  k[2] = bu_atom("last");
  v[2] = bu_int(p, last);
  k[3] = bu_atom("step");
  v[3] = bu_int(p, step);
  return r;
}

/* ------------------------------------------------------------------ */
/* byte buffers                                                        */
/* ------------------------------------------------------------------ */

void bu_put_utf8(strbuf *b, uint32_t cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  strbuf_put(b, u, n);
}

term bu_binary(proc *p, strbuf *b) {
  if (b->oom) {
    strbuf_free(b);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  term r = make_binary(p, b->data ? b->data : "", b->len);
  strbuf_free(b);
  return r;
}

static bool iodata_walk(strbuf *b, term t, size_t *n, int depth) {
  if (depth > 10000) return false;
  if (is_binary(t)) {
    if (b) strbuf_put(b, binary_data(t), binary_size(t));
    if (n) *n += binary_size(t);
    return true;
  }
  for (; is_cons(t); t = cdr(t)) {
    term h = car(t);
    if (is_small(h)) {
      if (small_val(h) < 0 || small_val(h) > 255) return false;
      if (b) strbuf_putc(b, (char)small_val(h));
      if (n) (*n)++;
    } else if (!iodata_walk(b, h, n, depth + 1)) {
      return false;
    }
  }
  return is_nil(t) || (is_binary(t) && iodata_walk(b, t, n, depth));
}

bool bu_iodata(strbuf *b, term t, size_t *n) { return iodata_walk(b, t, n, 0); }

bool bu_chardata(strbuf *b, term t) {
  if (is_binary(t)) {
    strbuf_put(b, binary_data(t), binary_size(t));
    return true;
  }
  while (is_cons(t)) {
    term h = car(t);
    if (is_integer(h)) {
      int64_t cp = int_val(h);
      if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      bu_put_utf8(b, (uint32_t)cp);
    } else if (!bu_chardata(b, h)) {
      return false;
    }
    t = cdr(t);
  }
  if (is_nil(t)) return true;
  if (is_binary(t)) return bu_chardata(b, t);
  return false;
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

uint32_t bu_utf8_next(const uint8_t *s, size_t len, size_t *i, bool *valid) {
  size_t k = *i;
  uint8_t c = s[k];
  uint32_t cp;
  size_t n;
  if (c < 0x80) {
    *i = k + 1;
    return c;
  } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
    cp = c & 0x1F;
    n = 1;
  } else if ((c & 0xF0) == 0xE0) {
    cp = c & 0x0F;
    n = 2;
  } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
    cp = c & 0x07;
    n = 3;
  } else {
    goto bad;
  }
  for (size_t j = 1; j <= n; j++) {
    if (k + j >= len || (s[k + j] & 0xC0) != 0x80) goto bad;
    cp = (cp << 6) | (s[k + j] & 0x3F);
  }
  if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    goto bad;
  *i = k + n + 1;
  return cp;
bad:
  if (valid) *valid = false;
  *i = k + 1;
  return c;
}

bool bu_is_combining(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
         (cp >= 0x0591 && cp <= 0x05BD) || (cp >= 0x0610 && cp <= 0x061A) ||
         (cp >= 0x064B && cp <= 0x065F) || (cp >= 0x0900 && cp <= 0x0903) ||
         (cp >= 0x093A && cp <= 0x094F && cp != 0x093D) ||
         (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         cp == 0x200C || cp == 0x200D || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

size_t bu_grapheme_next(const uint8_t *s, size_t len, size_t i) {
  uint32_t cp = bu_utf8_next(s, len, &i, NULL);
  if (cp == '\r' && i < len && s[i] == '\n') return i + 1;
  bool after_zwj = false;
  while (i < len) {
    size_t j = i;
    uint32_t next = bu_utf8_next(s, len, &j, NULL);
    if (!bu_is_combining(next) && !after_zwj) break;
    after_zwj = next == 0x200D;
    i = j;
  }
  return i;
}

/* ------------------------------------------------------------------ */
/* raising                                                             */
/* ------------------------------------------------------------------ */

term bu_badarg(proc *p) { return vm_error(p, ATOM_BADARG); }

term bu_raise_arg(proc *p, const char *msg) { return vm_error_exc(p, "ArgumentError", msg); }

term bu_overflow(proc *p) {
  return vm_error_exc(p, "ArithmeticError", "integer overflow (beamlet integers are 64-bit)");
}

term bu_raise_fc(proc *p, const char *mod, const char *fun, int arity) {
  char name[128];
  snprintf(name, sizeof name, mod[0] == ':' ? "%s" : "Elixir.%s", mod[0] == ':' ? mod + 1 : mod);
  term r = make_tuple(p, 4);
  tuple_elems(r)[0] = ATOM_FUNCTION_CLAUSE;
  tuple_elems(r)[1] = bu_atom(name);
  tuple_elems(r)[2] = bu_atom(fun);
  tuple_elems(r)[3] = make_small(arity);
  return vm_error(p, r);
}

term bu_badarg_info(proc *p, int argn, const char *what) {
  char msg[200];
  snprintf(msg, sizeof msg, "errors were found at the given arguments:\n\n  * %s argument: %s\n",
           argn == 1 ? "1st" : argn == 2 ? "2nd" : "3rd", what);
  term e = exc_make_message(p, "ArgumentError", msg, strlen(msg));
  return vm_error(p, exc_wrap(p, ATOM_BADARG, e));
}

term bu_not_enumerable(proc *p, term value) {
  term kw = make_cons(p, make_tuple2(p, atom_from_cstr("protocol"), atom_from_cstr("Elixir.Enumerable")),
                      make_cons(p, make_tuple2(p, atom_from_cstr("value"), value),
                                make_cons(p, make_tuple2(p, atom_from_cstr("description"), make_binary(p, "", 0)), NIL)));
  return vm_error(p, exc_raise_reason(p, atom_from_cstr("Elixir.Protocol.UndefinedError"), kw));
}

static term key_error_struct(proc *p, term key, term container) {
  term kw = make_cons(p, make_tuple2(p, ATOM_KEY, key), make_cons(p, make_tuple2(p, ATOM_TERM, container), NIL));
  return exc_raise_reason(p, atom_from_cstr("Elixir.KeyError"), kw);
}

term bu_badkey_in(proc *p, term key, term container) {
  term raw = make_tuple2(p, atom_from_cstr("badkey"), key);
  return vm_error(p, exc_wrap(p, raw, key_error_struct(p, key, container)));
}

term bu_key_error(proc *p, term key, term container) { return vm_error(p, key_error_struct(p, key, container)); }

term bu_error_tuple(proc *p, const char *tag, term val) {
  return vm_error(p, make_tuple2(p, bu_atom(tag), val));
}

term bu_atom(const char *s) { return atom_from_cstr(s); }

bool bu_atom_is(term a, const char *s) {
  if (!is_atom(a)) return false;
  size_t n = strlen(s);
  return atom_len(a) == n && memcmp(atom_text(a), s, n) == 0;
}

