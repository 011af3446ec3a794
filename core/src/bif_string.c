/*
 * bif_string.c -- String, Integer, Atom and Float functions that take no
 * closures. Table: bif_table_string.
 *
 * Strings are UTF-8 binaries. Positions (length, slice, at, pad) count
 * grapheme clusters as bu_grapheme_next defines them (a code point with its
 * combining marks). Case mapping covers ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic. Functions given a non-binary raise
 * FunctionClauseError, as Elixir's guards do.
 */
#include "bif_util.h"
#include "bif_fmt.h"
#include "inspect.h"
#include "trace.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define S(t) ((const uint8_t *)binary_data(t))
#define N(t) binary_size(t)

/* ---- grapheme offsets ---- */
/* Byte offsets of every grapheme start plus the end: off[0..n], malloc'd.
 * Returns n, or -1 when out of memory. */
static int64_t graphemes(term s, size_t **offs) {
  const uint8_t *d = S(s);
  size_t len = N(s), n = 0, i = 0;
  while (i < len) {
    i = bu_grapheme_next(d, len, i);
    n++;
  }
  size_t *off = malloc((n + 1) * sizeof(size_t));
  if (!off) return -1;
  n = 0;
  i = 0;
  while (i < len) {
    off[n++] = i;
    i = bu_grapheme_next(d, len, i);
  }
  off[n] = len;
  *offs = off;
  return (int64_t)n;
}

static term oom(proc *p) { return vm_error(p, ATOM_SYSTEM_LIMIT); }

/* ---- case mapping ---- */
static uint32_t to_upper(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c == 0xB5) return 0x39C;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x131) return 'I';
    if (c == 0x17F) return 'S';
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
    if (c == 0x138 || c == 0x149 || c == 0x178 || c == 0x130) return c;
    return (c & 1) ? c - 1 : c;
  }
  if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;
  if (c == 0x3C2) return 0x3A3;
  if (c == 0x3AC) return 0x386;
  if (c >= 0x3AD && c <= 0x3AF) return c - 37;
  if (c == 0x3CC) return 0x38C;
  if (c == 0x3CD || c == 0x3CE) return c - 63;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF)) return (c & 1) ? c - 1 : c;
  return c;
}

static uint32_t to_lower(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17F) {
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    if (c == 0x138 || c == 0x149 || c == 0x131 || c == 0x17F || c == 0x130) return c;
    return (c & 1) ? c : c + 1;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF)) return (c & 1) ? c : c + 1;
  return c;
}

static void add_upper(strbuf *b, uint32_t c) {
  if (c == 0xDF) {
    strbuf_puts(b, "SS");
    return;
  }
  bu_put_utf8(b, to_upper(c));
}

static void add_lower(strbuf *b, uint32_t c) {
  if (c == 0x130) {
    strbuf_puts(b, "i\xCC\x87");
    return;
  }
  bu_put_utf8(b, to_lower(c));
}

/* Map bytes [from, to) of s through upper (1) or lower (0) case. Invalid
 * bytes are copied. */
static void map_case(strbuf *b, const uint8_t *s, size_t from, size_t to, int upper) {
  size_t i = from;
  while (i < to) {
    size_t start = i;
    bool valid = true;
    uint32_t c = bu_utf8_next(s, to, &i, &valid);
    if (!valid) {
      strbuf_put(b, s + start, 1);
      continue;
    }
    if (upper)
      add_upper(b, c);
    else
      add_lower(b, c);
  }
}

static term s_upcase(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "upcase", 2);
  strbuf b;
  strbuf_init(&b);
  map_case(&b, S(a[0]), 0, N(a[0]), 1);
  return bu_binary(p, &b);
}

static term s_downcase(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "downcase", 2);
  strbuf b;
  strbuf_init(&b);
  map_case(&b, S(a[0]), 0, N(a[0]), 0);
  return bu_binary(p, &b);
}

static term s_upcase2(proc *p, term *a) { return s_upcase(p, a); }
static term s_downcase2(proc *p, term *a) { return s_downcase(p, a); }

static term s_capitalize(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "capitalize", 2);
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]);
  if (len == 0) return a[0];
  size_t g = bu_grapheme_next(s, len, 0);
  strbuf b;
  strbuf_init(&b);
  map_case(&b, s, 0, g, 1);
  map_case(&b, s, g, len, 0);
  return bu_binary(p, &b);
}

/* ---- length, graphemes, codepoints, reverse ---- */
static term s_length(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "length", 1);
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]), i = 0;
  int64_t n = 0;
  while (i < len) {
    i = bu_grapheme_next(s, len, i);
    n++;
  }
  return make_small(n);
}

/* A list of the pieces of s cut at the offsets off[0..n]. */
static term pieces_list(proc *p, term s, const size_t *off, int64_t n) {
  term l = NIL;
  for (int64_t k = n - 1; k >= 0; k--)
    l = make_cons(p, make_binary(p, S(s) + off[k], off[k + 1] - off[k]), l);
  return l;
}

static term s_graphemes(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "graphemes", 1);
  size_t *off;
  int64_t n = graphemes(a[0], &off);
  if (n < 0) return oom(p);
  term r = pieces_list(p, a[0], off, n);
  free(off);
  return r;
}

static term s_codepoints(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "codepoints", 1);
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]), i = 0, n = 0;
  while (i < len) {
    bu_utf8_next(s, len, &i, NULL);
    n++;
  }
  size_t *off = malloc((n + 1) * sizeof(size_t));
  if (!off) return oom(p);
  i = 0;
  n = 0;
  while (i < len) {
    off[n++] = i;
    bu_utf8_next(s, len, &i, NULL);
  }
  off[n] = len;
  term r = pieces_list(p, a[0], off, (int64_t)n);
  free(off);
  return r;
}

static term s_reverse(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "reverse", 1);
  size_t *off;
  int64_t n = graphemes(a[0], &off);
  if (n < 0) return oom(p);
  strbuf b;
  strbuf_init(&b);
  for (int64_t k = n - 1; k >= 0; k--) strbuf_put(&b, S(a[0]) + off[k], off[k + 1] - off[k]);
  free(off);
  return bu_binary(p, &b);
}

static term s_valid(proc *p, term *a) {
  if (!is_binary(a[0])) return ATOM_FALSE;
  (void)p;
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]), i = 0;
  bool valid = true;
  while (i < len && valid) bu_utf8_next(s, len, &i, &valid);
  return bool_atom(valid);
}

/* ---- searching ---- */
static bool bin_has_at(term s, size_t at, term pat) {
  return at + N(pat) <= N(s) && memcmp(S(s) + at, S(pat), N(pat)) == 0;
}

/* Patterns: a binary or a non-empty list of binaries. Fills pats (max
 * 64); returns the count or -1 if invalid. */
#define MAX_PATS 64
static int patterns(term pat, term *pats) {
  if (is_binary(pat)) {
    pats[0] = pat;
    return 1;
  }
  int n = 0;
  for (term l = pat; is_cons(l); l = cdr(l)) {
    if (!is_binary(car(l)) || n == MAX_PATS) return -1;
    pats[n++] = car(l);
  }
  if (bu_list_len(pat) < 0) return -1;
  return n;
}

/* First match at or after `from`: position and length of the longest
 * pattern matching there; false if none. Empty patterns are skipped. */
static bool find_pat(term s, size_t from, const term *pats, int np, size_t *at, size_t *mlen) {
  size_t len = N(s);
  for (size_t i = from; i < len; i++) {
    size_t best = 0;
    bool found = false;
    for (int k = 0; k < np; k++) {
      size_t pl = N(pats[k]);
      if (pl && bin_has_at(s, i, pats[k]) && pl > best) {
        best = pl;
        found = true;
      }
    }
    if (found) {
      *at = i;
      *mlen = best;
      return true;
    }
  }
  return false;
}

static term s_contains(proc *p, term *a) {
  term pats[MAX_PATS];
  int np = patterns(a[1], pats);
  if (!is_binary(a[0]) || np < 0) return bu_raise_fc(p, "String", "contains?", 2);
  for (int k = 0; k < np; k++)
    if (N(pats[k]) == 0) return ATOM_TRUE;
  size_t at, ml;
  return bool_atom(find_pat(a[0], 0, pats, np, &at, &ml));
}

static term s_starts_with(proc *p, term *a) {
  term pats[MAX_PATS];
  int np = patterns(a[1], pats);
  if (!is_binary(a[0]) || np < 0) return bu_raise_fc(p, "String", "starts_with?", 2);
  for (int k = 0; k < np; k++)
    if (bin_has_at(a[0], 0, pats[k])) return ATOM_TRUE;
  return ATOM_FALSE;
}

static term s_ends_with(proc *p, term *a) {
  term pats[MAX_PATS];
  int np = patterns(a[1], pats);
  if (!is_binary(a[0]) || np < 0) return bu_raise_fc(p, "String", "ends_with?", 2);
  for (int k = 0; k < np; k++)
    if (N(pats[k]) <= N(a[0]) && bin_has_at(a[0], N(a[0]) - N(pats[k]), pats[k])) return ATOM_TRUE;
  return ATOM_FALSE;
}

/* ---- keyword options ---- */
static term opt_get(term opts, const char *key, term dflt) {
  for (term l = opts; is_cons(l); l = cdr(l)) {
    term kv = car(l);
    if (is_tuple(kv) && tuple_arity(kv) == 2 && bu_atom_is(tuple_get(kv, 0), key))
      return tuple_get(kv, 1);
  }
  return dflt;
}

static bool truthy(term t) { return t != ATOM_NIL && t != ATOM_FALSE; }

/* ---- split ---- */
static bool is_space(uint32_t c) {
  return (c >= 9 && c <= 13) || c == ' ' || c == 0x85 || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
         (c >= 0x2008 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x205F || c == 0x3000;
}

/* Whitespace for trim: also the non-breaking spaces. */
static bool is_trim_space(uint32_t c) { return is_space(c) || c == 0xA0 || c == 0x2007 || c == 0x202F; }

static term s_split1(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "split", 1);
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]), i = 0;
  term items = NIL; /* reversed */
  size_t start = 0;
  bool in_word = false;
  while (i < len) {
    size_t at = i;
    uint32_t c = bu_utf8_next(s, len, &i, NULL);
    if (is_space(c)) {
      if (in_word) items = make_cons(p, make_binary(p, s + start, at - start), items);
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      start = at;
    }
  }
  if (in_word) items = make_cons(p, make_binary(p, s + start, len - start), items);
  return bu_reverse(p, items, NIL);
}

static term split_impl(proc *p, term s, term pat, term opts) {
  term pats[MAX_PATS];
  int np = patterns(pat, pats);
  if (!is_binary(s) || np < 0 || !is_list(opts)) return bu_raise_fc(p, "String", "split", 3);
  term parts_t = opt_get(opts, "parts", bu_atom("infinity"));
  bool trim = truthy(opt_get(opts, "trim", ATOM_FALSE));
  int64_t parts = 0; /* 0 = infinity */
  if (is_integer(parts_t) && int_val(parts_t) > 0)
    parts = int_val(parts_t);
  else if (!bu_atom_is(parts_t, "infinity"))
    return bu_raise_fc(p, "String", "parts_to_index", 1);
  const uint8_t *d = S(s);
  size_t len = N(s);
  term items = NIL; /* reversed */
  int64_t count = 0;

  bool all_empty = np > 0;
  for (int k = 0; k < np; k++)
    if (N(pats[k])) all_empty = false;
  if (np == 0) {
    /* split(s, []) */
    if (len == 0 && trim) return NIL;
    return make_cons(p, s, NIL);
  }
  if (all_empty) {
    /* Split into graphemes: "" first unless trimming. */
    size_t i = 0;
    if (!trim) {
      if (parts == 1) return make_cons(p, s, NIL);
      items = make_cons(p, make_binary(p, "", 0), items);
      count = 1;
    }
    while (i < len) {
      if (parts && count == parts - 1) break;
      size_t j = bu_grapheme_next(d, len, i);
      items = make_cons(p, make_binary(p, d + i, j - i), items);
      count++;
      i = j;
    }
    if (i < len || !trim) items = make_cons(p, make_binary(p, d + i, len - i), items);
    return bu_reverse(p, items, NIL);
  }

  size_t pos = 0;
  for (;;) {
    if (parts && count == parts - 1) {
      if (!(trim && pos == len)) items = make_cons(p, make_binary(p, d + pos, len - pos), items);
      break;
    }
    size_t at, ml;
    if (!find_pat(s, pos, pats, np, &at, &ml)) {
      if (!(trim && pos == len)) items = make_cons(p, make_binary(p, d + pos, len - pos), items);
      break;
    }
    if (!(trim && at == pos)) {
      items = make_cons(p, make_binary(p, d + pos, at - pos), items);
      count++;
    }
    pos = at + ml;
  }
  return bu_reverse(p, items, NIL);
}

static term s_split2(proc *p, term *a) { return split_impl(p, a[0], a[1], NIL); }
static term s_split3(proc *p, term *a) { return split_impl(p, a[0], a[1], a[2]); }

/* ---- trimming ---- */
/* Trim whitespace (pat == NONE) or repetitions of pat from the ends. */
static term trim_impl(proc *p, term s, term pat, bool lead, bool trail, const char *fname, int arity) {
  if (!is_binary(s) || (pat != NONE && !is_binary(pat))) return bu_raise_fc(p, "String", fname, arity);
  const uint8_t *d = S(s);
  size_t len = N(s), from = 0, to = len;
  if (pat != NONE) {
    size_t pl = N(pat);
    if (pl) {
      if (lead)
        while (from + pl <= to && memcmp(d + from, S(pat), pl) == 0) from += pl;
      if (trail)
        while (to >= from + pl && memcmp(d + to - pl, S(pat), pl) == 0) to -= pl;
    }
  } else {
    if (lead) {
      while (from < to) {
        size_t i = from;
        if (!is_trim_space(bu_utf8_next(d, len, &i, NULL))) break;
        from = i;
      }
    }
    if (trail) {
      /* Scan forward, remembering where the trailing whitespace run starts. */
      size_t i = from, run = to;
      bool in_run = false;
      while (i < to) {
        size_t at = i;
        uint32_t c = bu_utf8_next(d, len, &i, NULL);
        if (is_trim_space(c)) {
          if (!in_run) run = at;
          in_run = true;
        } else {
          in_run = false;
        }
      }
      if (in_run) to = run;
    }
  }
  if (from == 0 && to == len) return s;
  return make_binary(p, d + from, to - from);
}

static term s_trim1(proc *p, term *a) { return trim_impl(p, a[0], NONE, true, true, "trim", 1); }
static term s_trim2(proc *p, term *a) { return trim_impl(p, a[0], a[1], true, true, "trim", 2); }
static term s_trim_leading1(proc *p, term *a) { return trim_impl(p, a[0], NONE, true, false, "trim_leading", 1); }
static term s_trim_leading2(proc *p, term *a) { return trim_impl(p, a[0], a[1], true, false, "trim_leading", 2); }
static term s_trim_trailing1(proc *p, term *a) { return trim_impl(p, a[0], NONE, false, true, "trim_trailing", 1); }
static term s_trim_trailing2(proc *p, term *a) { return trim_impl(p, a[0], a[1], false, true, "trim_trailing", 2); }

/* ---- replace, duplicate ---- */
static term replace_impl(proc *p, term s, term pat, term rep, term opts) {
  term pats[MAX_PATS];
  int np = patterns(pat, pats);
  if (!is_binary(s) || np < 0 || !is_binary(rep) || !is_list(opts))
    return bu_raise_fc(p, "String", "replace", 4);
  bool global = truthy(opt_get(opts, "global", ATOM_TRUE));
  const uint8_t *d = S(s);
  size_t len = N(s);
  strbuf b;
  strbuf_init(&b);
  bool all_empty = np > 0;
  for (int k = 0; k < np; k++)
    if (N(pats[k])) all_empty = false;
  if (all_empty) {
    /* "" matches before every grapheme and at the end. */
    size_t i = 0;
    strbuf_put(&b, S(rep), N(rep));
    if (!global) {
      strbuf_put(&b, d, len);
      return bu_binary(p, &b);
    }
    while (i < len) {
      size_t j = bu_grapheme_next(d, len, i);
      strbuf_put(&b, d + i, j - i);
      strbuf_put(&b, S(rep), N(rep));
      i = j;
    }
    return bu_binary(p, &b);
  }
  size_t pos = 0, at, ml;
  while (find_pat(s, pos, pats, np, &at, &ml)) {
    strbuf_put(&b, d + pos, at - pos);
    strbuf_put(&b, S(rep), N(rep));
    pos = at + ml;
    if (!global) break;
  }
  strbuf_put(&b, d + pos, len - pos);
  return bu_binary(p, &b);
}

static term s_replace3(proc *p, term *a) { return replace_impl(p, a[0], a[1], a[2], NIL); }
static term s_replace4(proc *p, term *a) { return replace_impl(p, a[0], a[1], a[2], a[3]); }

static term s_duplicate(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  if (!is_integer(a[1])) return bu_badarg_info(p, 2, "not an integer");
  if (int_val(a[1]) < 0) return bu_badarg_info(p, 2, "out of range");
  int64_t n = int_val(a[1]);
  size_t l = N(a[0]);
  if (l && (uint64_t)n > (SIZE_MAX / 2) / l) return oom(p);
  strbuf b;
  strbuf_init(&b);
  for (int64_t i = 0; i < n && !b.oom; i++) strbuf_put(&b, S(a[0]), l);
  return bu_binary(p, &b);
}

/* ---- slicing ---- */
/* Graphemes f, f+step, ... <= l of s (indexes already normalized). */
static term slice_graphemes(proc *p, term s, int64_t first, int64_t last, int64_t step, bool neg_ok) {
  size_t *off;
  int64_t n = graphemes(s, &off);
  if (n < 0) return oom(p);
  int64_t f = first, l = last;
  if (f < 0) f = neg_ok ? (n + f < 0 ? 0 : n + f) : 0;
  if (l < 0) l = n + l;
  if (l >= n) l = n - 1;
  term r;
  if (f > l || f >= n) {
    r = make_binary(p, "", 0);
  } else if (step == 1) {
    r = make_binary(p, S(s) + off[f], off[l + 1] - off[f]);
  } else {
    strbuf b;
    strbuf_init(&b);
    for (int64_t k = f; k <= l; k += step) strbuf_put(&b, S(s) + off[k], off[k + 1] - off[k]);
    r = bu_binary(p, &b);
  }
  free(off);
  return r;
}

static term s_slice3(proc *p, term *a) {
  if (is_integer(a[2]) && int_val(a[2]) == 0) return make_binary(p, "", 0);
  if (!is_binary(a[0]) || !is_integer(a[1]) || !is_integer(a[2]) || int_val(a[2]) < 0)
    return bu_raise_fc(p, "String", "slice", 3);
  int64_t start = int_val(a[1]), n = int_val(a[2]);
  if (start >= 0) {
    if (n > INT64_MAX - start) n = INT64_MAX - start;
    return slice_graphemes(p, a[0], start, start + n - 1, 1, true);
  }
  /* Negative start: counted from the end, clamped at 0. */
  size_t *off;
  int64_t len = graphemes(a[0], &off);
  if (len < 0) return oom(p);
  free(off);
  start = len + start < 0 ? 0 : len + start;
  if (n > INT64_MAX - start) n = INT64_MAX - start;
  return slice_graphemes(p, a[0], start, start + n - 1, 1, true);
}

static term s_slice2(proc *p, term *a) {
  int64_t f, l, st;
  if (!is_binary(a[0]) || !bu_is_range(a[1], &f, &l, &st)) return bu_raise_fc(p, "String", "slice", 2);
  if (st < 0) {
    if (st == -1 && f > l) {
      st = 1;
    } else {
      term s = bif_inspect(p, a[1], NIL, false);
      if (s == NONE) return NONE;
      strbuf b;
      strbuf_init(&b);
      strbuf_puts(&b, "String.slice/2 does not accept ranges with negative steps, got: ");
      strbuf_put(&b, binary_data(s), binary_size(s));
            term r = b.oom ? oom(p) : bu_raise_arg(p, b.data);
      strbuf_free(&b);
      return r;
    }
  }
  if (N(a[0]) == 0) return a[0];
  return slice_graphemes(p, a[0], f, l, st, true);
}

static term s_at(proc *p, term *a) {
  if (!is_binary(a[0]) || !is_integer(a[1])) return bu_raise_fc(p, "String", "at", 2);
  size_t *off;
  int64_t n = graphemes(a[0], &off);
  if (n < 0) return oom(p);
  int64_t i = int_val(a[1]);
  if (i < 0) i += n;
  term r = ATOM_NIL;
  if (i >= 0 && i < n) r = make_binary(p, S(a[0]) + off[i], off[i + 1] - off[i]);
  free(off);
  return r;
}

static term s_first(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "first", 1);
  if (N(a[0]) == 0) return ATOM_NIL;
  size_t g = bu_grapheme_next(S(a[0]), N(a[0]), 0);
  return make_binary(p, S(a[0]), g);
}

static term s_last(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "last", 1);
  if (N(a[0]) == 0) return ATOM_NIL;
  term idx[2] = {a[0], make_small(-1)};
  return s_at(p, idx);
}

/* ---- padding ---- */
static term pad_impl(proc *p, term s, term count, term padding, bool leading, const char *fname) {
  if (!is_binary(s) || !is_integer(count) || int_val(count) < 0 || !is_binary(padding) || N(padding) == 0)
    return bu_raise_fc(p, "String", fname, 3);
  size_t *off, *poff;
  int64_t n = graphemes(s, &off);
  if (n < 0) return oom(p);
  free(off);
  int64_t want = int_val(count);
  if (n >= want) return s;
  int64_t np = graphemes(padding, &poff);
  if (np < 0) return oom(p);
  strbuf b;
  strbuf_init(&b);
  if (!leading) strbuf_put(&b, S(s), N(s));
  for (int64_t k = 0; k < want - n && !b.oom; k++) {
    int64_t g = k % np;
    strbuf_put(&b, S(padding) + poff[g], poff[g + 1] - poff[g]);
  }
  free(poff);
  if (leading) strbuf_put(&b, S(s), N(s));
  return bu_binary(p, &b);
}

static term s_pad_leading2(proc *p, term *a) { return pad_impl(p, a[0], a[1], make_binary(p, " ", 1), true, "pad_leading"); }
static term s_pad_leading3(proc *p, term *a) { return pad_impl(p, a[0], a[1], a[2], true, "pad_leading"); }
static term s_pad_trailing2(proc *p, term *a) { return pad_impl(p, a[0], a[1], make_binary(p, " ", 1), false, "pad_trailing"); }
static term s_pad_trailing3(proc *p, term *a) { return pad_impl(p, a[0], a[1], a[2], false, "pad_trailing"); }

/* ---- number parsing ---- */
static int digit_val(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Parse [+-]digits in base at s[0..len). Returns the bytes consumed (0 if
 * no digit), *ovf set on 64-bit overflow. */
static size_t parse_int(const uint8_t *s, size_t len, int base, int64_t *out, bool *ovf) {
  size_t i = 0;
  bool neg = false;
  *ovf = false;
  if (i < len && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  size_t digits_from = i;
  uint64_t acc = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  while (i < len && digit_val(s[i]) < base) {
    uint64_t d = (uint64_t)digit_val(s[i]);
    if (acc > (limit - d) / (uint64_t)base) *ovf = true;
    acc = acc * (uint64_t)base + d;
    i++;
  }
  if (i == digits_from) return 0;
  *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
  return i;
}


static bool base_ok(term b) { return is_integer(b) && int_val(b) >= 2 && int_val(b) <= 36; }

static term to_integer_impl(proc *p, term s, term base) {
  if (!is_binary(s)) return bu_badarg_info(p, 1, "not a binary");
  if (!base_ok(base)) return bu_badarg_info(p, 2, "not an integer in the range 2 through 36");
  int64_t v;
  bool ovf;
  size_t used = parse_int(S(s), N(s), (int)int_val(base), &v, &ovf);
  if (used == 0 || used != N(s)) return bu_badarg_info(p, 1, "not a textual representation of an integer");
  if (ovf) return bu_overflow(p);
  return bu_int(p, v);
}

static term s_to_integer1(proc *p, term *a) { return to_integer_impl(p, a[0], make_small(10)); }
static term s_to_integer2(proc *p, term *a) { return to_integer_impl(p, a[0], a[1]); }

static term parse_impl(proc *p, term s, term base) {
  if (!is_binary(s)) return bu_raise_fc(p, "Integer", "parse", 2);
  if (!base_ok(base)) { /* "invalid base 37", as Integer.parse/2 says */
    char msg[TRACE_TEXT_MAX + 16] = "invalid base ";
    rt_render_term(base, msg + 13, sizeof msg - 13);
    return bu_raise_arg(p, msg);
  }
  int64_t v;
  bool ovf;
  size_t used = parse_int(S(s), N(s), (int)int_val(base), &v, &ovf);
  if (used == 0) return ATOM_ERROR;
  if (ovf) return bu_overflow(p);
  term rest = make_binary(p, S(s) + used, N(s) - used);
  return make_tuple2(p, bu_int(p, v), rest);
}

static term i_parse1(proc *p, term *a) { return parse_impl(p, a[0], make_small(10)); }
static term i_parse2(proc *p, term *a) { return parse_impl(p, a[0], a[1]); }

/* Erlang float syntax: [+-]D+.D+([eE][+-]?D+)? */
static bool float_syntax(const uint8_t *s, size_t len) {
  size_t i = 0;
  if (i < len && (s[i] == '+' || s[i] == '-')) i++;
  size_t d0 = i;
  while (i < len && s[i] >= '0' && s[i] <= '9') i++;
  if (i == d0 || i >= len || s[i] != '.') return false;
  size_t d1 = ++i;
  while (i < len && s[i] >= '0' && s[i] <= '9') i++;
  if (i == d1) return false;
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    size_t d2 = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d2) return false;
  }
  return i == len;
}

static term s_to_float(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  if (N(a[0]) > 400 || !float_syntax(S(a[0]), N(a[0]))) return bu_badarg_info(p, 1, "not a textual representation of a float");
  char tmp[401];
  memcpy(tmp, S(a[0]), N(a[0]));
  tmp[N(a[0])] = 0;
  double d = strtod(tmp, NULL);
  if (isinf(d)) return bu_badarg(p);
  return make_float(p, d);
}

static term s_to_atom(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  if (N(a[0]) > 255) return vm_error(p, ATOM_SYSTEM_LIMIT);
  term r = atom_intern((const char *)S(a[0]), N(a[0]));
  return r == NONE ? vm_error(p, ATOM_SYSTEM_LIMIT) : r;
}

static term s_to_existing_atom(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  term r = atom_find((const char *)S(a[0]), N(a[0]));
  return r == NONE ? bu_badarg_info(p, 1, "not an already existing atom") : r;
}

/* A charlist of the code points of a UTF-8 binary. */
static term charlist_of(proc *p, const uint8_t *s, size_t len) {
  term items = NIL;
  size_t i = 0;
  while (i < len) items = make_cons(p, make_small(bu_utf8_next(s, len, &i, NULL)), items);
  return bu_reverse(p, items, NIL);
}

static term s_to_charlist(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_raise_fc(p, "String", "to_charlist", 1);
  const uint8_t *s = S(a[0]);
  size_t len = N(a[0]);
  for (size_t i = 0; i < len;) {
    size_t at = i;
    bool valid = true; /* bu_utf8_next only clears it */
    bu_utf8_next(s, len, &i, &valid);
    if (!valid) { /* Elixir: UnicodeConversionError naming the bytes from there on */
      term rest = make_binary(p, s + at, len - at);
      strbuf b;
      strbuf_init(&b);
      strbuf_puts(&b, "invalid encoding starting at ");
      inspect_plain(&b, rest);
      term e = vm_error_exc(p, "UnicodeConversionError", b.data);
      strbuf_free(&b);
      return e;
    }
  }
  return charlist_of(p, s, len);
}

/* ---- Integer ---- */
static term i_to_string1(proc *p, term *a) {
  if (!is_integer(a[0])) return bu_badarg_info(p, 1, "not an integer");
  return bif_int_to_binary(p, int_val(a[0]), 10);
}

static term i_to_string2(proc *p, term *a) {
  if (!is_integer(a[0]) || !base_ok(a[1])) return bu_raise_fc(p, "Integer", "to_string", 2);
  return bif_int_to_binary(p, int_val(a[0]), (int)int_val(a[1]));
}

static term i_to_charlist1(proc *p, term *a) {
  if (!is_integer(a[0])) return bu_raise_fc(p, "Integer", "to_charlist", 1);
  term s = bif_int_to_binary(p, int_val(a[0]), 10);
  return charlist_of(p, S(s), N(s));
}

static term digits_impl(proc *p, term n, term base) {
  if (!is_integer(n) || !is_integer(base) || int_val(base) < 2) return bu_raise_fc(p, "Integer", "digits", 2);
  int64_t v = int_val(n), b = int_val(base);
  if (v == 0) return make_cons(p, make_small(0), NIL);
  term l = NIL;
  while (v != 0) {
    l = make_cons(p, make_small(v % b), l); /* keeps the sign, as Elixir */
    v /= b;
  }
  return l;
}

static term i_digits1(proc *p, term *a) { return digits_impl(p, a[0], make_small(10)); }
static term i_digits2(proc *p, term *a) { return digits_impl(p, a[0], a[1]); }

/* ---- Atom, Float ---- */
static term a_to_string(proc *p, term *a) {
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  return make_binary(p, atom_text(a[0]), atom_len(a[0]));
}

static term a_to_charlist(proc *p, term *a) {
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  return charlist_of(p, (const uint8_t *)atom_text(a[0]), atom_len(a[0]));
}

static term f_to_string(proc *p, term *a) {
  if (!is_float(a[0])) return bu_raise_fc(p, "Float", "to_string", 1);
  return bif_to_string(p, a[0]);
}

#define STR "Elixir.String"
const bif_entry bif_table_string[] = {
    {STR, "length", 1, s_length},
    {STR, "upcase", 1, s_upcase},
    {STR, "upcase", 2, s_upcase2},
    {STR, "downcase", 1, s_downcase},
    {STR, "downcase", 2, s_downcase2},
    {STR, "capitalize", 1, s_capitalize},
    {STR, "graphemes", 1, s_graphemes},
    {STR, "codepoints", 1, s_codepoints},
    {STR, "reverse", 1, s_reverse},
    {STR, "valid?", 1, s_valid},
    {STR, "contains?", 2, s_contains},
    {STR, "starts_with?", 2, s_starts_with},
    {STR, "ends_with?", 2, s_ends_with},
    {STR, "split", 1, s_split1},
    {STR, "split", 2, s_split2},
    {STR, "split", 3, s_split3},
    {STR, "trim", 1, s_trim1},
    {STR, "trim", 2, s_trim2},
    {STR, "trim_leading", 1, s_trim_leading1},
    {STR, "trim_leading", 2, s_trim_leading2},
    {STR, "trim_trailing", 1, s_trim_trailing1},
    {STR, "trim_trailing", 2, s_trim_trailing2},
    {STR, "replace", 3, s_replace3},
    {STR, "replace", 4, s_replace4},
    {STR, "duplicate", 2, s_duplicate},
    {STR, "slice", 2, s_slice2},
    {STR, "slice", 3, s_slice3},
    {STR, "at", 2, s_at},
    {STR, "first", 1, s_first},
    {STR, "last", 1, s_last},
    {STR, "pad_leading", 2, s_pad_leading2},
    {STR, "pad_leading", 3, s_pad_leading3},
    {STR, "pad_trailing", 2, s_pad_trailing2},
    {STR, "pad_trailing", 3, s_pad_trailing3},
    {STR, "to_integer", 1, s_to_integer1},
    {STR, "to_integer", 2, s_to_integer2},
    {STR, "to_float", 1, s_to_float},
    {STR, "to_atom", 1, s_to_atom},
    {STR, "to_existing_atom", 1, s_to_existing_atom},
    {STR, "to_charlist", 1, s_to_charlist},
    {"Elixir.Integer", "to_string", 1, i_to_string1},
    {"Elixir.Integer", "to_string", 2, i_to_string2},
    {"Elixir.Integer", "to_charlist", 1, i_to_charlist1},
    {"Elixir.Integer", "parse", 1, i_parse1},
    {"Elixir.Integer", "parse", 2, i_parse2},
    {"Elixir.Integer", "digits", 1, i_digits1},
    {"Elixir.Integer", "digits", 2, i_digits2},
    {"Elixir.Atom", "to_string", 1, a_to_string},
    {"Elixir.Atom", "to_charlist", 1, a_to_charlist},
    {"Elixir.Float", "to_string", 1, f_to_string},
    {"erlang", "binary_to_integer", 1, s_to_integer1},
    {"erlang", "binary_to_integer", 2, s_to_integer2},
    {"erlang", "binary_to_float", 1, s_to_float},
    {NULL, NULL, 0, NULL},
};
#undef STR
