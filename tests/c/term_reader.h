/*
 * term_reader.h -- test helper: builds terms from the text Elixir prints
 * for them with inspect(t, limit: :infinity, charlists: :as_lists,
 * binaries: :as_binaries, structs: false) (integers, floats, atoms,
 * aliases, keyword syntax, lists with | tails, tuples, maps, <<bytes>>).
 * Terms are allocated with heap.h constructors on the process `P` that the
 * including test defines. Included by one test file each (static functions).
 */
#ifndef BEAMLET_TERM_READER_H
#define BEAMLET_TERM_READER_H

#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "check.h"
#include "compare.h"
#include "heap.h"
#include "process.h"
#include "strbuf.h"

static proc *P;

typedef struct rd {
  const char *s;
  size_t i;
  bool err;
} rd;

static void skip_ws(rd *r) {
  while (r->s[r->i] == ' ' || r->s[r->i] == '\n') r->i++;
}
static bool delim(char c) { return c == 0 || c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '>'; }

static term rd_term(rd *r);

/* a double-quoted text (escapes \" \\ \n \t \e \0 ...) into sb */
static void rd_quoted(rd *r, strbuf *sb) {
  r->i++; /* opening quote */
  for (;;) {
    char c = r->s[r->i++];
    if (c == 0) {
      r->err = true;
      return;
    }
    if (c == '"') return;
    if (c != '\\') {
      strbuf_putc(sb, c);
      continue;
    }
    c = r->s[r->i++];
    switch (c) {
      case 'n': strbuf_putc(sb, '\n'); break;
      case 't': strbuf_putc(sb, '\t'); break;
      case 'e': strbuf_putc(sb, 27); break;
      case '0': strbuf_putc(sb, 0); break;
      case 'a': strbuf_putc(sb, 7); break;
      default: strbuf_putc(sb, c);
    }
  }
}

static term atom_of(const char *s, size_t n) { return atom_intern(s, n); }

static term alias_atom(const char *s, size_t n) {
  char buf[300];
  memcpy(buf, "Elixir.", 7);
  memcpy(buf + 7, s, n);
  return atom_intern(buf, n + 7);
}

/* "name: " or "\"quoted\": " at the cursor? returns the key atom or NONE */
static term rd_key(rd *r) {
  const char *s = r->s;
  size_t i = r->i;
  if (s[i] == '"') {
    rd t = *r;
    strbuf sb;
    strbuf_init(&sb);
    rd_quoted(&t, &sb);
    if (s[t.i] == ':' && s[t.i + 1] == ' ') {
      term a = atom_of(sb.data ? sb.data : "", sb.len);
      strbuf_free(&sb);
      r->i = t.i + 2;
      return a;
    }
    strbuf_free(&sb);
    return NONE;
  }
  if (s[i] == ':' || s[i] == '%' || s[i] == '[' || s[i] == '{' || s[i] == '<' || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')
    return NONE;
  size_t j = i;
  while (!delim(s[j]) && !(s[j] == ':' && s[j + 1] == ' ')) j++;
  if (s[j] == ':' && s[j + 1] == ' ' && j > i) {
    r->i = j + 2;
    return atom_of(s + i, j - i);
  }
  return NONE;
}

static term rd_seq_list(rd *r) {
  r->i++; /* [ */
  /* on the C heap: nested lists would exhaust a wasm stack */
  size_t n = 0, cap = 16;
  term *items = malloc(cap * sizeof *items);
  term tail = NIL;
  skip_ws(r);
  while (r->s[r->i] != ']' && !r->err) {
    term k = rd_key(r);
    term v = rd_term(r);
    if (n == cap) items = realloc(items, (cap *= 2) * sizeof *items);
    items[n++] = is_none(k) ? v : make_tuple2(P, k, v);
    skip_ws(r);
    if (r->s[r->i] == ',') r->i++;
    else if (r->s[r->i] == '|') {
      r->i++;
      skip_ws(r);
      tail = rd_term(r);
      skip_ws(r);
    }
    skip_ws(r);
  }
  r->i++;
  term l = tail;
  while (n) l = make_cons(P, items[--n], l);
  free(items);
  return l;
}

static term rd_tuple(rd *r) {
  r->i++;
  term items[200];
  uint32_t n = 0;
  skip_ws(r);
  while (r->s[r->i] != '}' && !r->err) {
    items[n++] = rd_term(r);
    skip_ws(r);
    if (r->s[r->i] == ',') r->i++;
    skip_ws(r);
  }
  r->i++;
  term t = make_tuple(P, n);
  for (uint32_t i = 0; i < n; i++) tuple_elems(t)[i] = items[i];
  return t;
}

static term rd_map(rd *r) {
  r->i += 2; /* %{ */
  term ks[200], vs[200];
  uint32_t n = 0;
  skip_ws(r);
  while (r->s[r->i] != '}' && !r->err) {
    term k = rd_key(r);
    if (is_none(k)) {
      k = rd_term(r);
      skip_ws(r);
      if (strncmp(r->s + r->i, "=>", 2) == 0) r->i += 2;
      else r->err = true;
      skip_ws(r);
    }
    ks[n] = k;
    vs[n++] = rd_term(r);
    skip_ws(r);
    if (r->s[r->i] == ',') r->i++;
    skip_ws(r);
  }
  r->i++;
  /* sort keys in map-key order */
  for (uint32_t i = 1; i < n; i++)
    for (uint32_t j = i; j > 0 && term_cmp_key(ks[j - 1], ks[j]) > 0; j--) {
      term t = ks[j]; ks[j] = ks[j - 1]; ks[j - 1] = t;
      t = vs[j]; vs[j] = vs[j - 1]; vs[j - 1] = t;
    }
  term *hp = heap_alloc(P, 2 + 2 * (size_t)n);
  hp[0] = make_header(1 + 2 * (uint64_t)n, BOX_MAP);
  hp[1] = n;
  for (uint32_t i = 0; i < n; i++) hp[2 + i] = ks[i], hp[2 + n + i] = vs[i];
  return make_boxed(hp);
}

static term rd_binary(rd *r) {
  r->i += 2;
  strbuf sb;
  strbuf_init(&sb);
  skip_ws(r);
  while (r->s[r->i] != '>' && !r->err) {
    strbuf_putc(&sb, (char)strtol(r->s + r->i, NULL, 10));
    while (r->s[r->i] >= '0' && r->s[r->i] <= '9') r->i++;
    skip_ws(r);
    if (r->s[r->i] == ',') r->i++;
    skip_ws(r);
  }
  r->i += 2;
  term b = make_binary(P, sb.data ? sb.data : "", sb.len);
  strbuf_free(&sb);
  return b;
}

static term rd_term(rd *r) {
  skip_ws(r);
  const char *s = r->s;
  char c = s[r->i];
  if (c == '[') return rd_seq_list(r);
  if (c == '{') return rd_tuple(r);
  if (c == '%' && s[r->i + 1] == '{') return rd_map(r);
  if (c == '<' && s[r->i + 1] == '<') return rd_binary(r);
  if (c == ':' && s[r->i + 1] == '"') {
    r->i++;
    strbuf sb;
    strbuf_init(&sb);
    rd_quoted(r, &sb);
    term a = atom_of(sb.data ? sb.data : "", sb.len);
    strbuf_free(&sb);
    return a;
  }
  size_t j = r->i;
  if (c == ':') {
    static const char *const special[] = {"%{}", "{}", "<<>>", "..//", NULL};
    for (const char *const *sp = special; *sp; sp++)
      if (strncmp(s + r->i + 1, *sp, strlen(*sp)) == 0 && delim(s[r->i + 1 + strlen(*sp)])) {
        term a = atom_of(*sp, strlen(*sp));
        r->i += 1 + strlen(*sp);
        return a;
      }
    j++;
    while (!delim(s[j]) || (s[j] == '>' && j == r->i + 1)) j++;
    term a = atom_of(s + r->i + 1, j - r->i - 1);
    r->i = j;
    return a;
  }
  if ((c >= '0' && c <= '9') || c == '-') {
    bool fl = false;
    j++;
    while ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == 'e' || (s[j] == '-' && s[j - 1] == 'e')) {
      if (s[j] == '.' || s[j] == 'e') fl = true;
      j++;
    }
    char buf[64];
    memcpy(buf, s + r->i, j - r->i);
    buf[j - r->i] = 0;
    r->i = j;
    return fl ? make_float(P, strtod(buf, NULL)) : make_int(P, strtoll(buf, NULL, 10));
  }
  while (!delim(s[j])) j++;
  size_t n = j - r->i;
  const char *w = s + r->i;
  r->i = j;
  if (n == 4 && memcmp(w, "true", 4) == 0) return ATOM_TRUE;
  if (n == 5 && memcmp(w, "false", 5) == 0) return ATOM_FALSE;
  if (n == 3 && memcmp(w, "nil", 3) == 0) return ATOM_NIL;
  if (n >= 6 && memcmp(w, "Elixir", 6) == 0) return atom_of(w, n);
  if (c >= 'A' && c <= 'Z') return alias_atom(w, n);
  r->err = true;
  return NIL;
}

static term parse(const char *s) {
  rd r = {s, 0, false};
  term t = rd_term(&r);
  CHECK(!r.err);
  return t;
}

#endif
