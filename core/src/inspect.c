/*
 * inspect.c -- Elixir's Inspect protocol and Inspect.Algebra (see inspect.h).
 *
 * A term is first turned into a document (a tree of text, breaks, nests,
 * groups and concatenations, kept in an arena owned by one call), exactly
 * as Elixir 1.14's Inspect implementations build it, then laid out by the
 * same algorithm as Inspect.Algebra.format/2:
 *   - a group is printed flat when its content fits the rest of the line
 *     (up to its first break once the line is full), else in break mode;
 *   - a strict break is a newline in break mode, its text when flat;
 *   - a flex break is re-decided on its own: newline only if what follows
 *     up to the next break does not fit.
 * Both the layout and the fitting test use explicit stacks, so long
 * collections never recurse in C; building recurses per nesting level only.
 */
#include "inspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "format.h"
#include "map_order.h"

/* ---------------------------------------------------------------------- */
/* Documents                                                                */

enum { D_NIL, D_STR, D_CONS, D_NEST, D_BREAK, D_GROUP };
enum { BRK_STRICT = 0, BRK_FLEX = 1 };

typedef struct dnode {
  uint8_t kind, flag; /* flag: break kind */
  int32_t a, b;       /* STR/BREAK: a = text offset; CONS: children; NEST: a child, b indent; GROUP: a */
  uint32_t len;       /* STR/BREAK: text length in bytes (= columns) */
} dnode;

typedef int32_t doc; /* index into the arena; 0 is the empty document */

typedef struct dctx {
  dnode *n;
  size_t nn, ncap;
  strbuf text;
  const inspect_opts *o;
  bool oom;
} dctx;

static doc d_new(dctx *c, uint8_t kind) {
  if (c->nn == c->ncap) {
    size_t cap = c->ncap ? c->ncap * 2 : 256;
    dnode *n = realloc(c->n, cap * sizeof *n);
    if (!n) {
      c->oom = true;
      return 0;
    }
    c->n = n;
    c->ncap = cap;
  }
  dnode *d = &c->n[c->nn];
  memset(d, 0, sizeof *d);
  d->kind = kind;
  return (doc)c->nn++;
}

static doc d_text(dctx *c, const char *s, size_t len) {
  size_t off = c->text.len;
  strbuf_put(&c->text, s, len);
  doc d = d_new(c, D_STR);
  if (!d) return 0;
  c->n[d].a = (int32_t)off;
  c->n[d].len = (uint32_t)len;
  return d;
}
static doc d_cstr(dctx *c, const char *s) { return d_text(c, s, strlen(s)); }
/* Text from a scratch strbuf. */
static doc d_sb(dctx *c, const strbuf *sb) { return d_text(c, sb->data ? sb->data : "", sb->len); }

static doc d_cons(dctx *c, doc x, doc y) {
  doc d = d_new(c, D_CONS);
  if (!d) return 0;
  c->n[d].a = x;
  c->n[d].b = y;
  return d;
}
static doc d_nest(dctx *c, doc x, int32_t indent) {
  if (indent == 0) return x;
  doc d = d_new(c, D_NEST);
  if (!d) return 0;
  c->n[d].a = x;
  c->n[d].b = indent;
  return d;
}
static doc d_break(dctx *c, const char *s, uint8_t flex) {
  doc d = d_text(c, s, strlen(s));
  if (!d) return 0;
  c->n[d].kind = D_BREAK;
  c->n[d].flag = flex;
  return d;
}
static doc d_group(dctx *c, doc x) {
  doc d = d_new(c, D_GROUP);
  if (!d) return 0;
  c->n[d].a = x;
  return d;
}
/* glue(x, s, y) and flex_glue(x, " ", y) */
static doc d_glue(dctx *c, doc x, const char *s, doc y) { return d_cons(c, x, d_cons(c, d_break(c, s, BRK_STRICT), y)); }
static doc d_flex_glue(dctx *c, doc x, doc y) { return d_cons(c, x, d_cons(c, d_break(c, " ", BRK_FLEX), y)); }

/* Inspect.Algebra's simple?: only text and concatenations of text. */
static bool d_simple(dctx *c, doc d) {
  for (;;) {
    const dnode *n = &c->n[d];
    if (n->kind == D_NIL || n->kind == D_STR) return true;
    if (n->kind != D_CONS) return false;
    if (!d_simple(c, n->a)) return false;
    d = n->b;
  }
}

/* ---------------------------------------------------------------------- */
/* Layout (Inspect.Algebra.format)                                          */

enum { M_FLAT = 0, M_BREAK = 1, M_TAIL = 2 /* fits: restore b? marker */ };

typedef struct entry {
  int32_t indent;
  uint8_t mode;
  doc d; /* for M_TAIL: the saved b? */
} entry;

typedef struct estack {
  entry *e;
  size_t n, cap;
  bool oom;
} estack;

static void es_push(estack *s, int32_t indent, uint8_t mode, doc d) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    entry *e = realloc(s->e, cap * sizeof *e);
    if (!e) {
      s->oom = true;
      return;
    }
    s->e = e;
    s->cap = cap;
  }
  s->e[s->n++] = (entry){indent, mode, d};
}

/* fits?(w, k, b?, [first | rest]) where rest is rest[0..nrest) read from
 * the top (rest[nrest-1]) down; `first` may be absent (first.d < 0). */
static bool fits(dctx *c, estack *ls, int64_t w, int64_t k, bool b, entry first, const entry *rest,
                 size_t nrest) {
  ls->n = 0;
  if (first.d >= 0) es_push(ls, first.indent, first.mode, first.d);
  size_t r = nrest;
  for (;;) {
    if (k > w && b) return false;
    entry e;
    if (ls->n) e = ls->e[--ls->n];
    else if (r) e = rest[--r];
    else return true;
    if (ls->oom) return true;
    if (e.mode == M_TAIL) {
      b = e.d != 0;
      continue;
    }
    const dnode *n = &c->n[e.d];
    switch (n->kind) {
      case D_NIL: break;
      case D_STR: k += n->len; break;
      case D_BREAK:
        if (e.mode == M_BREAK) return true;
        k += n->len;
        b = true;
        break;
      case D_NEST: es_push(ls, e.indent + n->b, e.mode, n->a); break;
      case D_CONS:
        es_push(ls, e.indent, e.mode, n->b);
        es_push(ls, e.indent, e.mode, n->a);
        break;
      case D_GROUP:
        es_push(ls, 0, M_TAIL, b ? 1 : 0);
        es_push(ls, e.indent, M_FLAT, n->a);
        break;
    }
  }
}

static void put_indent(strbuf *out, int32_t i) {
  strbuf_putc(out, '\n');
  for (int32_t j = 0; j < i; j++) strbuf_putc(out, ' ');
}

/* width < 0: infinity */
static void d_format(dctx *c, doc root, int64_t w, strbuf *out) {
  estack st = {0}, ls = {0};
  int64_t k = 0;
  es_push(&st, 0, M_FLAT, root);
  while (st.n && !st.oom && !ls.oom) {
    entry e = st.e[--st.n];
    const dnode *n = &c->n[e.d];
    switch (n->kind) {
      case D_NIL: break;
      case D_STR:
        strbuf_put(out, c->text.data + n->a, n->len);
        k += n->len;
        break;
      case D_CONS:
        es_push(&st, e.indent, e.mode, n->b);
        es_push(&st, e.indent, e.mode, c->n[e.d].a);
        break;
      case D_NEST: es_push(&st, e.indent + n->b, e.mode, n->a); break;
      case D_BREAK:
        if (n->flag == BRK_FLEX) {
          int64_t k2 = k + n->len;
          entry none = {0, 0, -1};
          if (w < 0 || e.mode == M_FLAT || fits(c, &ls, w, k2, true, none, st.e, st.n)) {
            strbuf_put(out, c->text.data + n->a, n->len);
            k = k2;
          } else {
            put_indent(out, e.indent);
            k = e.indent;
          }
        } else if (e.mode == M_BREAK) {
          put_indent(out, e.indent);
          k = e.indent;
        } else {
          strbuf_put(out, c->text.data + n->a, n->len);
          k += n->len;
        }
        break;
      case D_GROUP: {
        entry x = {e.indent, M_FLAT, n->a};
        bool flat = w < 0 || fits(c, &ls, w, k, false, x, NULL, 0);
        es_push(&st, e.indent, flat ? M_FLAT : M_BREAK, n->a);
        break;
      }
    }
  }
  free(st.e);
  free(ls.e);
}

/* ---------------------------------------------------------------------- */
/* Escaping (Code.Identifier.escape)                                        */

/* Decode one UTF-8 character at s[0..len); returns its length or 0 when the
 * bytes are not a valid (shortest-form, non-surrogate) encoding. */
static size_t utf8_decode(const uint8_t *s, size_t len, uint32_t *cp) {
  uint8_t b = s[0];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  size_t n;
  uint32_t v, min;
  if ((b & 0xE0) == 0xC0) n = 2, v = b & 0x1F, min = 0x80;
  else if ((b & 0xF0) == 0xE0) n = 3, v = b & 0x0F, min = 0x800;
  else if ((b & 0xF8) == 0xF0) n = 4, v = b & 0x07, min = 0x10000;
  else return 0;
  if (len < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

static void utf8_put(strbuf *sb, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) b[0] = (char)cp, n = 1;
  else if (cp < 0x800) b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
  else if (cp < 0x10000)
    b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
    b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
  else
    b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
  strbuf_put(sb, b, n);
}

static const char HEX[] = "0123456789ABCDEF";

static bool escape_map(strbuf *sb, uint32_t c) {
  const char *e;
  switch (c) {
    case 7: e = "\\a"; break;
    case 8: e = "\\b"; break;
    case 127: e = "\\d"; break;
    case 27: e = "\\e"; break;
    case 12: e = "\\f"; break;
    case 10: e = "\\n"; break;
    case 13: e = "\\r"; break;
    case 9: e = "\\t"; break;
    case 11: e = "\\v"; break;
    case 92: e = "\\\\"; break;
    default: return false;
  }
  strbuf_puts(sb, e);
  return true;
}

static bool printable_cp(uint32_t c) {
  return (c >= 32 && c <= 126) || (c >= 160 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

static void escape_char(strbuf *sb, uint32_t c) {
  if (c == 0) {
    strbuf_puts(sb, "\\0");
  } else if (c == 0xFEFF) {
    strbuf_puts(sb, "\\uFEFF");
  } else if (printable_cp(c)) {
    utf8_put(sb, c);
  } else if (c < 256) {
    strbuf_puts(sb, "\\x");
    strbuf_putc(sb, HEX[c >> 4]);
    strbuf_putc(sb, HEX[c & 15]);
  } else {
    int digits = c < 65536 ? 4 : 6;
    strbuf_puts(sb, "\\x{");
    for (int i = digits - 1; i >= 0; i--) strbuf_putc(sb, HEX[(c >> (4 * i)) & 15]);
    strbuf_putc(sb, '}');
  }
}

/* Escape s for a quoted literal delimited by `quote`; at most `limit`
 * characters (< 0: all). Returns true when everything was escaped. */
static bool escape(strbuf *sb, const uint8_t *s, size_t len, char quote, int64_t limit) {
  size_t i = 0;
  while (i < len) {
    if (limit == 0) return false;
    if (limit > 0) limit--;
    if (s[i] == (uint8_t)quote) {
      strbuf_putc(sb, '\\');
      strbuf_putc(sb, quote);
      i++;
    } else if (s[i] == '#' && i + 1 < len && s[i + 1] == '{') {
      strbuf_puts(sb, "\\#{");
      i += 2;
    } else {
      uint32_t cp;
      size_t n = utf8_decode(s + i, len - i, &cp);
      if (n) {
        if (!escape_map(sb, cp)) escape_char(sb, cp);
        i += n;
      } else {
        strbuf_puts(sb, "\\x");
        strbuf_putc(sb, HEX[s[i] >> 4]);
        strbuf_putc(sb, HEX[s[i] & 15]);
        i++;
      }
    }
  }
  return true;
}

/* String.printable?(s, limit) */
static bool string_printable(const uint8_t *s, size_t len, int64_t limit) {
  size_t i = 0;
  while (i < len) {
    if (limit == 0) return true;
    if (limit > 0) limit--;
    uint8_t b = s[i];
    if ((b >= 32 && b <= 126) || (b >= 7 && b <= 13) || b == 27 || b == 127) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (!n || cp < 160 || !printable_cp(cp)) return false;
    i += n;
  }
  return true;
}

/* ---------------------------------------------------------------------- */
/* Atoms (Macro.inspect_atom, Macro.classify_atom)                          */

enum { A_ALIAS, A_IDENTIFIER, A_UNQUOTED, A_QUOTED };

static bool in_list(const char *s, size_t len, const char *const *list) {
  for (; *list; list++)
    if (strlen(*list) == len && memcmp(*list, s, len) == 0) return true;
  return false;
}

static const char *const NOT_CALLABLE[] = {"%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->", NULL};
static const char *const QUOTED_OPS[] = {"::", "^^^", "~~~", "<|>", NULL};
static const char *const OPERATORS[] = {
    /* unary */
    "&", "!", "^", "not", "+", "-", "~~~", "@",
    /* binary */
    "<-", "\\\\", "when", "::", "|", "=", "||", "|||", "or", "&&", "&&&", "and", "==", "!=", "=~",
    "===", "!==", "<", "<=", ">=", ">", "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "<|>",
    "in", "^^^", "++", "--", "..", "<>", "+++", "---", "*", "/", "**", ".", NULL};

static bool ascii_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
static bool ascii_lower(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool ascii_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static bool ident_char(uint8_t c) { return ascii_upper(c) || ascii_lower(c) || ascii_digit(c) || c == '_'; }

/* Approximation of Unicode XID for atoms: letters of the Latin, Greek and
 * Cyrillic blocks and CJK ideographs (other scripts quote). */
static bool unicode_letter(uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E) ||
         (cp >= 0x400 && cp <= 0x4FF) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* "Elixir" followed by zero or more ".Upper[A-Za-z0-9_]*" pieces. */
static bool valid_alias(const uint8_t *s, size_t len) {
  if (len < 6 || memcmp(s, "Elixir", 6) != 0) return false;
  size_t i = 6;
  while (i < len) {
    if (s[i] != '.' || i + 1 >= len || !ascii_upper(s[i + 1])) return false;
    i += 2;
    while (i < len && ident_char(s[i])) i++;
  }
  return true;
}

static int classify_atom(term a) {
  const uint8_t *s = (const uint8_t *)atom_text(a);
  size_t len = atom_len(a);
  if (in_list((const char *)s, len, NOT_CALLABLE)) return A_UNQUOTED;
  if (in_list((const char *)s, len, QUOTED_OPS)) return A_QUOTED;
  if (in_list((const char *)s, len, OPERATORS)) return A_UNQUOTED;
  if (valid_alias(s, len)) return A_ALIAS;
  /* String.Tokenizer.tokenize: the whole text must be one identifier */
  if (len == 0) return A_QUOTED;
  bool identifier, at = false;
  size_t i;
  uint32_t cp;
  if (ascii_upper(s[0])) identifier = false, i = 1;
  else if (ascii_lower(s[0]) || s[0] == '_') identifier = true, i = 1;
  else {
    size_t n = s[0] >= 0x80 ? utf8_decode(s, len, &cp) : 0;
    if (!n || !unicode_letter(cp)) return A_QUOTED;
    /* an uppercase start is tokenized as an :atom kind, not an identifier */
    bool upper = (cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3AB) || (cp >= 0x400 && cp <= 0x42F);
    identifier = !upper;
    i = n;
  }
  while (i < len) {
    uint8_t b = s[i];
    if (b == '!' || b == '?') {
      i++;
      break; /* ends the identifier */
    }
    if (b == '@') {
      at = true;
      i++;
    } else if (ident_char(b)) {
      i++;
    } else if (b >= 0x80) {
      size_t n = utf8_decode(s + i, len - i, &cp);
      if (!n || !(unicode_letter(cp) || (cp >= 0x300 && cp <= 0x36F))) return A_QUOTED;
      i += n;
    } else {
      break;
    }
  }
  if (i != len) return A_QUOTED;
  if (!identifier || at) return A_UNQUOTED;
  return A_IDENTIFIER;
}

void inspect_atom(strbuf *sb, term a) {
  const char *s = atom_text(a);
  size_t len = atom_len(a);
  if (a == ATOM_NIL || a == ATOM_TRUE || a == ATOM_FALSE) {
    strbuf_put(sb, s, len);
    return;
  }
  switch (classify_atom(a)) {
    case A_ALIAS:
      if ((len == 6) || (len == 13 && memcmp(s, "Elixir.Elixir", 13) == 0) ||
          (len > 14 && memcmp(s, "Elixir.Elixir.", 14) == 0))
        strbuf_put(sb, s, len);
      else
        strbuf_put(sb, s + 7, len - 7);
      break;
    case A_QUOTED:
      strbuf_puts(sb, ":\"");
      escape(sb, (const uint8_t *)s, len, '"', -1);
      strbuf_putc(sb, '"');
      break;
    default:
      strbuf_putc(sb, ':');
      strbuf_put(sb, s, len);
  }
}

/* Macro.inspect_atom(:key, a) without the trailing ':' */
static void inspect_atom_key(strbuf *sb, term a) {
  const char *s = atom_text(a);
  size_t len = atom_len(a);
  switch (classify_atom(a)) {
    case A_ALIAS:
      strbuf_putc(sb, '"');
      strbuf_put(sb, s, len);
      strbuf_putc(sb, '"');
      break;
    case A_QUOTED:
      strbuf_putc(sb, '"');
      escape(sb, (const uint8_t *)s, len, '"', -1);
      strbuf_putc(sb, '"');
      break;
    default: strbuf_put(sb, s, len);
  }
  strbuf_putc(sb, ':');
}

void inspect_atom_remote(strbuf *sb, term a) {
  const char *s = atom_text(a);
  size_t len = atom_len(a);
  /* identifier, unquoted operator, quoted operator: bare */
  bool bare;
  if (in_list(s, len, NOT_CALLABLE)) bare = false;
  else if (in_list(s, len, QUOTED_OPS) || in_list(s, len, OPERATORS)) bare = true;
  else {
    int k = classify_atom(a);
    bare = k == A_IDENTIFIER;
    if (k == A_UNQUOTED || k == A_ALIAS) { /* not_callable / alias: quoted, unescaped */
      strbuf_putc(sb, '"');
      strbuf_put(sb, s, len);
      strbuf_putc(sb, '"');
      return;
    }
  }
  if (bare) {
    strbuf_put(sb, s, len);
  } else if (in_list(s, len, NOT_CALLABLE)) {
    strbuf_putc(sb, '"');
    strbuf_put(sb, s, len);
    strbuf_putc(sb, '"');
  } else {
    strbuf_putc(sb, '"');
    escape(sb, (const uint8_t *)s, len, '"', -1);
    strbuf_putc(sb, '"');
  }
}

void format_mfa(strbuf *sb, term mod, term fun, int64_t arity) {
  inspect_atom(sb, mod);
  strbuf_putc(sb, '.');
  inspect_atom_remote(sb, fun);
  strbuf_printf(sb, "/%lld", (long long)arity);
}

/* ---------------------------------------------------------------------- */
/* Known structs                                                           */

typedef struct known_struct {
  const char *module;
  const char *fields[7];
} known_struct;

static const known_struct KNOWN_STRUCTS[] = {
    {"Elixir.RuntimeError", {"message"}},
    {"Elixir.ArgumentError", {"message"}},
    {"Elixir.ArithmeticError", {"message"}},
    {"Elixir.SystemLimitError", {"message"}},
    {"Elixir.KeyError", {"key", "term", "message"}},
    {"Elixir.MatchError", {"term"}},
    {"Elixir.CaseClauseError", {"term"}},
    {"Elixir.CondClauseError", {NULL}},
    {"Elixir.FunctionClauseError", {"module", "function", "arity", "kind", "args", "clauses"}},
    {"Elixir.UndefinedFunctionError", {"module", "function", "arity", "reason", "message"}},
    {"Elixir.BadArityError", {"function", "args"}},
    {"Elixir.BadFunctionError", {"term"}},
    {"Elixir.BadMapError", {"term"}},
    {"Elixir.BadBooleanError", {"term", "operator"}},
    {"Elixir.BadStructError", {"struct", "term"}},
    {"Elixir.ErlangError", {"original", "reason"}},
    {"Elixir.Protocol.UndefinedError", {"protocol", "value", "description"}},
    {"Elixir.TryClauseError", {"term"}},
    {"Elixir.WithClauseError", {"term"}},
    {"Elixir.UnicodeConversionError", {"encoded", "rest", "kind"}},
    {"Elixir.Enum.EmptyError", {"message"}},
    {"Elixir.Enum.OutOfBoundsError", {"message"}},
    {"Elixir.Range", {"first", "last", "step"}},
    {NULL, {NULL}},
};

/* Value of an atom-keyed field, NONE if absent. */
static term map_get_atom(term m, term key) {
  uint32_t n = map_size(m);
  const term *k = map_keys(m);
  for (uint32_t i = 0; i < n; i++)
    if (k[i] == key) return map_vals(m)[i];
  return NONE;
}

/* ---------------------------------------------------------------------- */
/* Terms to documents                                                      */

typedef struct dvec {
  doc *d;
  size_t n, cap;
} dvec;

static void dv_push(dctx *c, dvec *v, doc d) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    doc *p = realloc(v->d, cap * sizeof *p);
    if (!p) {
      c->oom = true;
      return;
    }
    v->d = p;
    v->cap = cap;
  }
  v->d[v->n++] = d;
}

static int64_t dec(int64_t limit) { return limit < 0 ? limit : limit - 1; }

enum { CB_MAYBE, CB_STRICT, CB_FLEX };

/* The end of container_doc: fold the docs with the separator and wrap. */
static doc container_finish(dctx *c, const char *left, dvec *v, const char *right, int brk, bool simple) {
  bool flex = simple || brk == CB_FLEX;
  doc acc = v->d[v->n - 1];
  for (size_t i = v->n - 1; i-- > 0;) {
    doc l = d_cons(c, v->d[i], d_cstr(c, ","));
    acc = flex ? d_flex_glue(c, l, acc) : d_glue(c, l, " ", acc);
  }
  free(v->d);
  v->d = NULL;
  if (flex) return d_group(c, d_cons(c, d_cons(c, d_cstr(c, left), d_nest(c, acc, 1)), d_cstr(c, right)));
  doc inner = d_nest(c, d_glue(c, d_cstr(c, left), "", acc), 2);
  return d_group(c, d_glue(c, inner, "", d_cstr(c, right)));
}

static doc to_doc(dctx *c, term t, int64_t limit);

/* key: value (Inspect.List.keyword) */
static doc keyword_doc(dctx *c, term key, term val, int64_t limit) {
  strbuf sb;
  strbuf_init(&sb);
  inspect_atom_key(&sb, key);
  doc k = d_sb(c, &sb);
  strbuf_free(&sb);
  return d_cons(c, k, d_cons(c, d_cstr(c, " "), to_doc(c, val, limit)));
}

static bool keyword_key(term k) {
  return is_atom(k) && !(atom_len(k) >= 7 && memcmp(atom_text(k), "Elixir.", 7) == 0);
}

/* Inspect.List.keyword?: a proper list of {atom, _} with non-alias keys. */
static bool is_keyword(term l) {
  for (; is_cons(l); l = cdr(l)) {
    term h = car(l);
    if (!is_tuple(h) || tuple_arity(h) != 2 || !keyword_key(tuple_get(h, 0))) return false;
  }
  return is_nil(l);
}

/* List.ascii_printable?(l, limit) */
static bool ascii_printable_list(term l, int64_t limit) {
  for (;;) {
    if (limit == 0) return true;
    if (is_nil(l)) return true;
    if (!is_cons(l)) return false;
    term h = car(l);
    if (!is_small(h)) return false;
    int64_t v = small_val(h);
    if (!((v >= 7 && v <= 13) || v == 27 || (v >= 32 && v <= 126))) return false;
    if (limit > 0) limit--;
    l = cdr(l);
  }
}

static doc list_doc(dctx *c, term t, int64_t limit) {
  const inspect_opts *o = c->o;
  if (is_nil(t)) return d_cstr(c, "[]");
  if (o->charlists == INSPECT_AS_CHARLISTS ||
      (o->charlists == INSPECT_INFER && ascii_printable_list(t, o->printable_limit))) {
    strbuf raw, sb;
    strbuf_init(&raw);
    strbuf_init(&sb);
    for (term l = t; is_cons(l); l = cdr(l))
      if (is_small(car(l))) utf8_put(&raw, (uint32_t)small_val(car(l)));
    strbuf_putc(&sb, '\'');
    bool all = escape(&sb, (const uint8_t *)raw.data, raw.len, '\'', o->printable_limit);
    strbuf_putc(&sb, '\'');
    if (!all) strbuf_puts(&sb, " ++ ...");
    doc d = d_sb(c, &sb);
    strbuf_free(&raw);
    strbuf_free(&sb);
    return d;
  }
  dvec v = {0};
  bool simple = true;
  if (is_keyword(t)) {
    term l = t;
    for (; is_cons(l); l = cdr(l)) {
      if (limit == 0) {
        dv_push(c, &v, d_cstr(c, "..."));
        break;
      }
      limit = dec(limit);
      term h = car(l);
      dv_push(c, &v, keyword_doc(c, tuple_get(h, 0), tuple_get(h, 1), limit));
    }
    return container_finish(c, "[", &v, "]", CB_STRICT, false);
  }
  term l = t;
  for (;;) {
    if (is_nil(l)) break;
    if (limit == 0) {
      dv_push(c, &v, d_cstr(c, "..."));
      break;
    }
    limit = dec(limit);
    term h = car(l), tl = cdr(l);
    doc d = to_doc(c, h, limit);
    if (is_list(tl)) {
      if (simple) simple = d_simple(c, d);
      dv_push(c, &v, d);
      l = tl;
      continue;
    }
    /* improper tail: [left | right] */
    doc r = to_doc(c, tl, limit);
    simple = simple && d_simple(c, d) && d_simple(c, r);
    doc lsep = d_cons(c, d, d_cstr(c, " |"));
    dv_push(c, &v, simple ? d_flex_glue(c, lsep, r) : d_glue(c, lsep, " ", r));
    break;
  }
  return container_finish(c, "[", &v, "]", CB_MAYBE, simple);
}

static doc tuple_doc(dctx *c, term t, int64_t limit) {
  uint32_t n = tuple_arity(t);
  if (n == 0) return d_cstr(c, "{}");
  dvec v = {0};
  bool simple = true;
  for (uint32_t i = 0; i < n; i++) {
    if (limit == 0) {
      dv_push(c, &v, d_cstr(c, "..."));
      break;
    }
    limit = dec(limit);
    doc d = to_doc(c, tuple_get(t, i), limit);
    if (simple) simple = d_simple(c, d);
    dv_push(c, &v, d);
  }
  /* break: :flex; the simple? result does not matter then */
  return container_finish(c, "{", &v, "}", CB_FLEX, simple);
}

/* A plain map (also structs whose module is unknown). */
static doc map_doc(dctx *c, term m, int64_t limit) {
  uint32_t n = map_size(m);
  if (n == 0) return d_cstr(c, "%{}");
  const term *k = map_keys(m), *vals = map_vals(m);
  bool kw = true;
  for (uint32_t i = 0; i < n && kw; i++) kw = keyword_key(k[i]);
  /* Elixir's order: the stored one up to 32 keys, else OTP's trie order */
  uint32_t *perm = map_order_hashed(m) ? malloc((size_t)n * sizeof *perm) : NULL;
  if (perm && !map_order(m, MAP_ORDER_LIST, perm)) {
    free(perm);
    perm = NULL;
  }
  dvec v = {0};
  for (uint32_t j = 0; j < n; j++) {
    uint32_t i = perm ? perm[j] : j;
    if (limit == 0) {
      dv_push(c, &v, d_cstr(c, "..."));
      break;
    }
    limit = dec(limit);
    if (kw) {
      dv_push(c, &v, keyword_doc(c, k[i], vals[i], limit));
    } else {
      doc kd = to_doc(c, k[i], limit);
      dv_push(c, &v, d_cons(c, d_cons(c, kd, d_cstr(c, " => ")), to_doc(c, vals[i], limit)));
    }
  }
  free(perm);
  return container_finish(c, "%{", &v, "}", CB_STRICT, false);
}

/* %Name{f1: v1, ...} with the fields in definition order; NONE-free check
 * that the map has exactly those fields happens in the caller. */
static doc struct_doc(dctx *c, term m, term module, const term *fields, uint32_t nf, int64_t limit) {
  strbuf sb;
  strbuf_init(&sb);
  strbuf_putc(&sb, '%');
  inspect_atom(&sb, module);
  strbuf_putc(&sb, '{');
  if (nf == 0) {
    strbuf_putc(&sb, '}');
    doc d = d_sb(c, &sb);
    strbuf_free(&sb);
    return d;
  }
  dvec v = {0};
  for (uint32_t i = 0; i < nf; i++) {
    if (limit == 0) {
      dv_push(c, &v, d_cstr(c, "..."));
      break;
    }
    limit = dec(limit);
    dv_push(c, &v, keyword_doc(c, fields[i], map_get_atom(m, fields[i]), limit));
  }
  doc d = container_finish(c, sb.data, &v, "}", CB_STRICT, false);
  strbuf_free(&sb);
  return d;
}

/* Does map m hold exactly __struct__ (+ __exception__ if `exc`) + fields? */
static bool struct_matches(term m, const term *fields, uint32_t nf, bool exc) {
  if (map_size(m) != nf + 1 + (exc ? 1 : 0)) return false;
  for (uint32_t i = 0; i < nf; i++)
    if (is_none(map_get_atom(m, fields[i]))) return false;
  return !exc || !is_none(map_get_atom(m, ATOM_EXCEPTION));
}

static doc range_doc(dctx *c, term m, int64_t limit) {
  term first = map_get_atom(m, atom_from_cstr("first"));
  term last = map_get_atom(m, atom_from_cstr("last"));
  term step = map_get_atom(m, atom_from_cstr("step"));
  doc d = d_cons(c, d_cons(c, to_doc(c, first, limit), d_cstr(c, "..")), to_doc(c, last, limit));
  bool plain = is_small(step) && small_val(step) == 1 && is_integer(first) && is_integer(last) &&
               int_val(last) >= int_val(first);
  if (plain) return d;
  return d_cons(c, d, d_cons(c, d_cstr(c, "//"), to_doc(c, step, limit)));
}

static doc map_or_struct_doc(dctx *c, term m, int64_t limit) {
  term mod = map_get_atom(m, ATOM_STRUCT);
  if (is_none(mod) || !is_atom(mod)) return map_doc(c, m, limit);
  const char *name = atom_text(mod);
  size_t nlen = atom_len(mod);
  for (const known_struct *ks = KNOWN_STRUCTS; ks->module; ks++) {
    if (strlen(ks->module) != nlen || memcmp(ks->module, name, nlen) != 0) continue;
    term fields[7];
    uint32_t nf = 0;
    while (nf < 7 && ks->fields[nf]) {
      fields[nf] = atom_from_cstr(ks->fields[nf]);
      nf++;
    }
    bool is_range = strcmp(ks->module, "Elixir.Range") == 0;
    if (!struct_matches(m, fields, nf, !is_range)) return map_doc(c, m, limit);
    if (is_range) return range_doc(c, m, limit);
    return struct_doc(c, m, mod, fields, nf, limit);
  }
  if (c->o->struct_fields) {
    uint32_t nf = 0;
    const term *fields = c->o->struct_fields(c->o->struct_ctx, mod, &nf);
    if (fields) {
      bool exc = !is_none(map_get_atom(m, ATOM_EXCEPTION));
      if (struct_matches(m, fields, nf, exc)) return struct_doc(c, m, mod, fields, nf, limit);
    }
  }
  return map_doc(c, m, limit);
}

static doc binary_doc(dctx *c, term t, int64_t limit) {
  const uint8_t *s = binary_data(t);
  size_t len = binary_size(t);
  const inspect_opts *o = c->o;
  strbuf sb;
  strbuf_init(&sb);
  if (string_printable(s, len, o->printable_limit)) {
    strbuf_putc(&sb, '"');
    bool all = escape(&sb, s, len, '"', o->printable_limit);
    strbuf_putc(&sb, '"');
    if (!all) strbuf_puts(&sb, " <> ...");
    doc d = d_sb(c, &sb);
    strbuf_free(&sb);
    return d;
  }
  strbuf_free(&sb);
  /* <<1, 2, 3>>: each_bit, right-nested flex glues */
  size_t shown = len;
  bool more = false;
  if (limit >= 0 && (int64_t)len > limit) {
    shown = (size_t)limit;
    more = true;
  }
  char num[8];
  doc acc = more ? d_cstr(c, "...") : 0;
  for (size_t i = shown; i-- > 0;) {
    int n = snprintf(num, sizeof num, "%u", s[i]);
    doc d = d_text(c, num, (size_t)n);
    acc = (i == shown - 1 && !more) ? d : d_flex_glue(c, d_cons(c, d, d_cstr(c, ",")), acc);
  }
  return d_group(c, d_cons(c, d_cons(c, d_cstr(c, "<<"), d_nest(c, acc, 2)), d_cstr(c, ">>")));
}

static doc to_doc(dctx *c, term t, int64_t limit) {
  char buf[64];
  if (is_small(t) || is_int64box(t)) {
    size_t n = int64_fmt(int_val(t), buf);
    return d_text(c, buf, n);
  }
  if (is_atom(t)) {
    strbuf sb;
    strbuf_init(&sb);
    inspect_atom(&sb, t);
    doc d = d_sb(c, &sb);
    strbuf_free(&sb);
    return d;
  }
  if (is_list(t)) return list_doc(c, t, limit);
  if (is_pid(t)) {
    int n = snprintf(buf, sizeof buf, "#PID<0.%u.%u>", pid_slot(t), pid_serial(t));
    return d_text(c, buf, (size_t)n);
  }
  if (!is_boxed(t)) return d_cstr(c, "#Term<?>");
  switch (box_type(t)) {
    case BOX_TUPLE: return tuple_doc(c, t, limit);
    case BOX_FLOAT: {
      size_t n = float_fmt_inspect(float_val(t), buf);
      return d_text(c, buf, n);
    }
    case BOX_REF: {
      uint64_t id = ref_id(t);
      int n = snprintf(buf, sizeof buf, "#Reference<0.%u.%u.%u>", (unsigned)(id >> 50),
                       (unsigned)((id >> 18) & 0xFFFFFFFFu), (unsigned)(id & 0x3FFFF));
      return d_text(c, buf, (size_t)n);
    }
    case BOX_MAP: return map_or_struct_doc(c, t, limit);
    case BOX_FUN: {
      strbuf sb;
      strbuf_init(&sb);
      fun_inspect(&sb, t);
      doc d = d_sb(c, &sb);
      strbuf_free(&sb);
      return d;
    }
    case BOX_HEAPBIN:
    case BOX_PROCBIN: return binary_doc(c, t, limit);
    default: return d_cstr(c, "#Term<?>");
  }
}

/* ---------------------------------------------------------------------- */
/* Entry points                                                            */

void inspect_opts_init(inspect_opts *o) {
  memset(o, 0, sizeof *o);
  o->pretty = false;
  o->width = 80;
  o->limit = 50;
  o->printable_limit = 4096;
  o->charlists = INSPECT_INFER;
}

void inspect_opts_io(inspect_opts *o) {
  inspect_opts_init(o);
  o->pretty = true;
}

void inspect_term(strbuf *sb, term t, const inspect_opts *o) {
  dctx c;
  memset(&c, 0, sizeof c);
  c.o = o;
  strbuf_init(&c.text);
  d_new(&c, D_NIL); /* index 0: the empty document */
  doc root = d_group(&c, to_doc(&c, t, o->limit));
  if (!c.oom && !c.text.oom) d_format(&c, root, o->pretty ? o->width : -1, sb);
  else sb->oom = true;
  free(c.n);
  strbuf_free(&c.text);
}

void inspect_plain(strbuf *sb, term t) {
  inspect_opts o;
  inspect_opts_init(&o);
  inspect_term(sb, t, &o);
}

void inspect_io_line(strbuf *sb, term t, const char *label, size_t label_len) {
  inspect_opts o;
  inspect_opts_io(&o);
  if (label) {
    strbuf_put(sb, label, label_len);
    strbuf_puts(sb, ": ");
  }
  inspect_term(sb, t, &o);
  strbuf_putc(sb, '\n');
}

/* ---------------------------------------------------------------------- */
/* String.Chars                                                            */

/* List.to_string: integers are code points, binaries bytes, lists nested.
 * Iterative on tails; recursion only into nested lists. */
static bool chardata_put(strbuf *sb, term l, strbuf *msg) {
  for (;;) {
    if (is_nil(l)) return true;
    if (is_binary(l)) {
      strbuf_put(sb, binary_data(l), binary_size(l));
      return true;
    }
    if (!is_cons(l)) {
      if (msg) {
        strbuf_puts(msg, "invalid chardata: ");
        inspect_plain(msg, l);
      }
      return false;
    }
    term h = car(l);
    if (is_small(h)) {
      int64_t v = small_val(h);
      if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        if (msg) strbuf_printf(msg, "invalid code point %lld", (long long)v);
        return false;
      }
      utf8_put(sb, (uint32_t)v);
    } else if (is_binary(h)) {
      strbuf_put(sb, binary_data(h), binary_size(h));
    } else if (is_list(h)) {
      if (!chardata_put(sb, h, msg)) return false;
    } else {
      if (msg) {
        strbuf_puts(msg, "invalid chardata: ");
        inspect_plain(msg, h);
      }
      return false;
    }
    l = cdr(l);
  }
}

const char *inspect_type_name(term v) {
  if (is_atom(v)) return "Atom";
  if (is_binary(v)) return "BitString";
  if (is_float(v)) return "Float";
  if (is_fun(v)) return "Function";
  if (is_integer(v)) return "Integer";
  if (is_list(v)) return "List";
  if (is_map(v)) return "Map";
  if (is_pid(v)) return "PID";
  if (is_ref(v)) return "Reference";
  return "Tuple";
}

bool to_string_term(strbuf *sb, term t, const char **exc_module, strbuf *msg) {
  char buf[FLOAT_FMT_MAX];
  if (is_binary(t)) {
    strbuf_put(sb, binary_data(t), binary_size(t));
    return true;
  }
  if (is_atom(t)) {
    if (t != ATOM_NIL) strbuf_put(sb, atom_text(t), atom_len(t));
    return true;
  }
  if (is_integer(t)) {
    size_t n = int64_fmt(int_val(t), buf);
    strbuf_put(sb, buf, n);
    return true;
  }
  if (is_float(t)) {
    size_t n = float_fmt_short(float_val(t), buf);
    strbuf_put(sb, buf, n);
    return true;
  }
  if (is_list(t)) {
    size_t mark = sb->len;
    if (chardata_put(sb, t, msg)) return true;
    sb->len = mark;
    if (sb->data) sb->data[mark] = '\0';
    if (exc_module) *exc_module = "UnicodeConversionError";
    return false;
  }
  if (exc_module) *exc_module = "Protocol.UndefinedError";
  if (msg) {
    strbuf_puts(msg, "protocol String.Chars not implemented for ");
    inspect_plain(msg, t);
    strbuf_puts(msg, " of type ");
    term mod = is_map(t) ? map_get_atom(t, ATOM_STRUCT) : NONE;
    if (!is_none(mod) && is_atom(mod)) {
      inspect_atom(msg, mod);
      strbuf_puts(msg, " (a struct)");
    } else {
      strbuf_puts(msg, inspect_type_name(t));
    }
  }
  return false;
}
