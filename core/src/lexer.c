/*
 * lexer.c -- bytes to tokens for beamlet's Elixir subset.
 *
 * Invariants: every read goes through peek(L, k), which returns 0 past the
 * end, so NUL bytes inside the source are seen as the error they are and the
 * lexer never reads out of bounds. Columns count code points (UTF-8 lead
 * bytes), lines start at the caller's line. All output lives in the arena.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"

typedef struct lexer {
  struct ast_arena *arena;
  const char *src;
  size_t len, pos;
  uint32_t line, col;
  int depth;
  ast_error *err;
  int failed;
  lx_token *toks;
  size_t ntok, cap;
  /* scratch buffer for decoded string bytes */
  char *buf;
  size_t blen, bcap;
  int raw; /* an uppercase sigil's body: no escapes, no interpolation */
  int sigil, sigil_open; /* in a sigil's body: its letter and delimiter */
} lexer;

static int peek(const lexer *L, size_t k) {
  return L->pos + k < L->len ? (unsigned char)L->src[L->pos + k] : -1;
}

static void adv(lexer *L) {
  if (L->pos >= L->len) return;
  unsigned char c = (unsigned char)L->src[L->pos++];
  if (c == '\n') { L->line++; L->col = 1; }
  else if ((c & 0xC0) != 0x80) L->col++;
}

static int fail(lexer *L, uint32_t line, uint32_t col, const char *msg) {
  if (!L->failed) {
    L->failed = 1;
    L->err->line = line;
    L->err->col = col;
    snprintf(L->err->message, sizeof L->err->message, "%s", msg);
  }
  return -1;
}

static lx_token *push(lexer *L, lx_kind k, uint32_t line, uint32_t col, int sp) {
  if (L->ntok == L->cap) {
    /* a token takes at least one byte (plus TK_EOF): short sources such as
     * interpolations get a small array, not 256 tokens each */
    size_t ncap = L->cap ? L->cap * 2 : (L->len < 254 ? L->len + 2 : 256);
    lx_token *n = ast_alloc(L->arena, ncap * sizeof(lx_token));
    if (!n) { fail(L, line, col, "out of memory"); return NULL; }
    if (L->ntok) memcpy(n, L->toks, L->ntok * sizeof(lx_token));
    L->toks = n;
    L->cap = ncap;
  }
  lx_token *t = &L->toks[L->ntok++];
  memset(t, 0, sizeof *t);
  t->kind = (uint8_t)k;
  t->line = line;
  t->col = col;
  t->space_before = (uint8_t)sp;
  t->text = "";
  return t;
}

static int is_ident_start(int c) { return (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80; }
static int is_alias_start(int c) { return c >= 'A' && c <= 'Z'; }
static int is_ident_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Length of a valid UTF-8 sequence at pos (1..4), 0 when invalid. */
static int utf8_len(const lexer *L) {
  int c = peek(L, 0);
  if (c < 0) return 0;
  if (c < 0x80) return 1;
  int n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (!n) return 0;
  for (int i = 1; i < n; i++) {
    int d = peek(L, (size_t)i);
    if (d < 0 || (d & 0xC0) != 0x80) return 0;
  }
  return n;
}

/* ---- scratch buffer ---- */
static int bput(lexer *L, const char *s, size_t n) {
  if (L->blen + n > L->bcap) {
    size_t nc = L->bcap ? L->bcap * 2 : 256;
    while (nc < L->blen + n) nc *= 2;
    char *nb = ast_alloc(L->arena, nc);
    if (!nb) return fail(L, L->line, L->col, "out of memory");
    if (L->blen) memcpy(nb, L->buf, L->blen);
    L->buf = nb;
    L->bcap = nc;
  }
  memcpy(L->buf + L->blen, s, n);
  L->blen += n;
  return 0;
}

static int bput_utf8(lexer *L, uint32_t cp) {
  char o[4];
  size_t n;
  if (cp < 0x80) { o[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  return bput(L, o, n);
}

/* Decode one escape after the backslash (which is already consumed).
 * Appends the bytes; returns -1 on error. For ?\x char literals, *cp_out
 * receives the code point when non-NULL. */
static int lex_escape(lexer *L, uint32_t *cp_out) {
  uint32_t line = L->line, col = L->col;
  int c = peek(L, 0);
  uint32_t cp;
  if (c < 0) return fail(L, line, col, "missing terminator: escape at end of input");
  switch (c) {
  case 'n': cp = '\n'; break;
  case 't': cp = '\t'; break;
  case 'r': cp = '\r'; break;
  case 'e': cp = 27; break;
  case '0': cp = 0; break;
  case 'a': cp = 7; break;
  case 'b': cp = 8; break;
  case 'd': cp = 127; break;
  case 'f': cp = 12; break;
  case 's': cp = ' '; break;
  case 'v': cp = 11; break;
  case 'x': {
    adv(L);
    uint32_t v = 0;
    if (peek(L, 0) == '{') {
      adv(L);
      int nd = 0;
      while (hexval(peek(L, 0)) >= 0 && nd < 6) { v = v * 16 + (uint32_t)hexval(peek(L, 0)); adv(L); nd++; }
      if (!nd || peek(L, 0) != '}') return fail(L, line, col, "invalid hex escape \\x{...}");
      adv(L);
    } else {
      int nd = 0;
      while (hexval(peek(L, 0)) >= 0 && nd < 2) { v = v * 16 + (uint32_t)hexval(peek(L, 0)); adv(L); nd++; }
      if (!nd) return fail(L, line, col, "invalid hex escape \\x");
      if (cp_out) { *cp_out = v; return 0; }
      char ch = (char)v; /* \xHH is a raw byte */
      return bput(L, &ch, 1);
    }
    if (cp_out) { *cp_out = v; return 0; }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return fail(L, line, col, "invalid code point in \\x escape");
    return bput_utf8(L, v);
  }
  case 'u': {
    adv(L);
    uint32_t v = 0;
    int nd = 0;
    if (peek(L, 0) == '{') {
      adv(L);
      while (hexval(peek(L, 0)) >= 0 && nd < 6) { v = v * 16 + (uint32_t)hexval(peek(L, 0)); adv(L); nd++; }
      if (!nd || peek(L, 0) != '}') return fail(L, line, col, "invalid Unicode escape \\u{...}");
      adv(L);
    } else {
      while (hexval(peek(L, 0)) >= 0 && nd < 4) { v = v * 16 + (uint32_t)hexval(peek(L, 0)); adv(L); nd++; }
      if (nd != 4) return fail(L, line, col, "invalid Unicode escape \\uXXXX");
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return fail(L, line, col, "invalid Unicode code point in escape");
    if (cp_out) { *cp_out = v; return 0; }
    return bput_utf8(L, v);
  }
  default: {
    /* any other character stands for itself (\" \\ \# \' ...) */
    int n = utf8_len(L);
    if (!n) return fail(L, line, col, "invalid UTF-8 in escape");
    if (cp_out) {
      uint32_t v = (uint32_t)c;
      if (n > 1) {
        v = (uint32_t)c & (0xFF >> (n + 1));
        for (int i = 1; i < n; i++) v = (v << 6) | ((uint32_t)peek(L, (size_t)i) & 0x3F);
      }
      for (int i = 0; i < n; i++) adv(L);
      *cp_out = v;
      return 0;
    }
    int r = bput(L, L->src + L->pos, (size_t)n);
    for (int i = 0; i < n; i++) adv(L);
    return r;
  }
  }
  adv(L);
  if (cp_out) { *cp_out = cp; return 0; }
  return bput_utf8(L, cp);
}

/* ---- interpolation scanning ---- */

static int skip_quoted(lexer *L, int q, int depth);

/* At the byte after `#{`: advance to the matching `}` (not consumed).
 * Skips nested strings, charlists, char literals and comments. */
static int skip_interp(lexer *L, int depth) {
  if (depth > LX_MAX_DEPTH) return fail(L, L->line, L->col, "too deeply nested interpolation");
  int braces = 0;
  int prev = 0;
  for (;;) {
    int c = peek(L, 0);
    if (c < 0) return -1; /* caller reports the missing terminator */
    if (c == '}') {
      if (braces == 0) return 0;
      braces--;
    } else if (c == '{') {
      braces++;
    } else if (c == '"' || c == '\'') {
      if (skip_quoted(L, c, depth + 1) < 0) return -1;
      prev = c;
      continue;
    } else if (c == '?' && !is_ident_char(prev)) {
      adv(L);
      if (peek(L, 0) == '\\') adv(L);
      prev = '0';
      if (peek(L, 0) >= 0) adv(L);
      while (peek(L, 0) >= 0 && (peek(L, 0) & 0xC0) == 0x80) adv(L);
      continue;
    } else if (c == '#' && peek(L, 1) != '{') {
      while (peek(L, 0) >= 0 && peek(L, 0) != '\n') adv(L);
      continue;
    }
    prev = c;
    adv(L);
  }
}

/* At an opening quote q: advance past the closing quote (handles heredocs). */
static int skip_quoted(lexer *L, int q, int depth) {
  if (depth > LX_MAX_DEPTH) return fail(L, L->line, L->col, "too deeply nested interpolation");
  int heredoc = peek(L, 1) == q && peek(L, 2) == q;
  int n = heredoc ? 3 : 1;
  for (int i = 0; i < n; i++) adv(L);
  for (;;) {
    int c = peek(L, 0);
    if (c < 0) return -1;
    if (c == '\\') { adv(L); adv(L); continue; }
    if (c == '#' && peek(L, 1) == '{') {
      adv(L); adv(L);
      if (skip_interp(L, depth + 1) < 0) return -1;
      adv(L);
      continue;
    }
    if (c == q && (!heredoc || (peek(L, 1) == q && peek(L, 2) == q))) {
      for (int i = 0; i < n; i++) adv(L);
      return 0;
    }
    adv(L);
  }
}

/* ---- strings ---- */

/* Lex the body of a quoted literal; the opening delimiter is consumed.
 * heredoc: indent = spaces stripped at the start of each line.
 * Fills parts; returns 0 or -1. */
static int lex_quoted_body(lexer *L, int q, int heredoc, size_t indent, uint32_t sline, uint32_t scol,
                           lx_part **parts_out, uint32_t *nparts_out) {
  lx_part *parts = NULL;
  uint32_t np = 0, pcap = 0;
  L->blen = 0;
  int at_line_start = heredoc;
  for (;;) {
    if (heredoc && at_line_start) {
      size_t k = 0;
      while (k < indent && (peek(L, 0) == ' ' || peek(L, 0) == '\t')) { adv(L); k++; }
      at_line_start = 0;
    }
    int c = peek(L, 0);
    int closing = heredoc ? (c == q && peek(L, 1) == q && peek(L, 2) == q) : c == q;
    int interp = !L->raw && c == '#' && peek(L, 1) == '{';
    if (c < 0 || closing || interp) {
      /* flush the literal segment */
      if (L->blen || (np == 0 && !interp)) {
        if (np == pcap) {
          uint32_t nc = pcap ? pcap * 2 : 4;
          lx_part *n = ast_alloc(L->arena, nc * sizeof(lx_part));
          if (!n) return fail(L, L->line, L->col, "out of memory");
          if (np) memcpy(n, parts, np * sizeof(lx_part));
          parts = n;
          pcap = nc;
        }
        parts[np].is_expr = 0;
        parts[np].text = ast_strndup(L->arena, L->buf ? L->buf : "", L->blen);
        if (!parts[np].text) return fail(L, L->line, L->col, "out of memory");
        parts[np].len = L->blen;
        np++;
        L->blen = 0;
      }
    }
    if (c < 0) {
      char msg[96];
      const char *close = heredoc ? (q == '"' ? "\"\"\"" : "'''") : NULL;
      char one[2] = {(char)q, 0};
      if (L->sigil)
        snprintf(msg, sizeof msg, "missing terminator: %s (for sigil ~%c%s starting at line %u)",
                 close ? close : one, (char)L->sigil, close ? close : (char[]){(char)L->sigil_open, 0},
                 (unsigned)sline);
      else
        snprintf(msg, sizeof msg, "missing terminator: %s (for string starting at line %u)", close ? close : one,
                 (unsigned)sline);
      (void)scol;
      return fail(L, L->line, L->col, msg);
    }
    if (closing) {
      for (int i = 0; i < (heredoc ? 3 : 1); i++) adv(L);
      break;
    }
    if (interp) {
      adv(L); adv(L);
      uint32_t eline = L->line, ecol = L->col;
      size_t start = L->pos;
      if (skip_interp(L, L->depth + 1) < 0) {
        if (L->failed) return -1;
        char msg[96];
        snprintf(msg, sizeof msg, "missing interpolation terminator: \"}\" (for \"#{\" starting at line %u)", (unsigned)eline);
        return fail(L, L->line, L->col, msg);
      }
      if (np == pcap) {
        uint32_t nc = pcap ? pcap * 2 : 4;
        lx_part *n = ast_alloc(L->arena, nc * sizeof(lx_part));
        if (!n) return fail(L, L->line, L->col, "out of memory");
        if (np) memcpy(n, parts, np * sizeof(lx_part));
        parts = n;
        pcap = nc;
      }
      parts[np].is_expr = 1;
      parts[np].text = L->src + start;
      parts[np].len = L->pos - start;
      parts[np].line = eline;
      parts[np].col = ecol;
      np++;
      adv(L); /* '}' */
      continue;
    }
    if (c == '\\' && L->raw) {
      /* raw: only the closing delimiter is escaped */
      adv(L);
      char ch = peek(L, 0) == q ? (char)q : '\\';
      if (ch == q) adv(L);
      if (bput(L, &ch, 1) < 0) return -1;
      continue;
    }
    if (c == '\\') {
      adv(L);
      if (peek(L, 0) == '\n') { adv(L); if (heredoc) at_line_start = 1; continue; }
      if (peek(L, 0) == '\r' && peek(L, 1) == '\n') { adv(L); adv(L); if (heredoc) at_line_start = 1; continue; }
      if (lex_escape(L, NULL) < 0) return -1;
      continue;
    }
    char ch = (char)c;
    if (bput(L, &ch, 1) < 0) return -1;
    adv(L);
    if (c == '\n' && heredoc) at_line_start = 1;
  }
  *parts_out = parts;
  *nparts_out = np;
  return 0;
}

/* At an opening quote: lex a string/charlist/heredoc into token t. */
static int lex_quoted(lexer *L, lx_token *t, int q) {
  uint32_t sline = L->line, scol = L->col;
  int heredoc = peek(L, 1) == q && peek(L, 2) == q;
  size_t indent = 0;
  if (heredoc) {
    for (int i = 0; i < 3; i++) adv(L);
    while (peek(L, 0) == ' ' || peek(L, 0) == '\t' || peek(L, 0) == '\r') adv(L);
    if (peek(L, 0) != '\n')
      return fail(L, sline, scol, "heredoc allows only zero or more whitespace characters followed by a new line after the opening delimiter");
    adv(L);
    /* find the closing delimiter line to learn the indentation */
    size_t p = L->pos;
    int found = 0;
    while (p < L->len) {
      size_t ls = p, k = 0;
      while (p < L->len && (L->src[p] == ' ' || L->src[p] == '\t')) { p++; k++; }
      if (p + 2 < L->len + 0 && L->src[p] == q && L->src[p + 1] == q && L->src[p + 2] == q) {
        indent = k;
        found = 1;
        break;
      }
      (void)ls;
      while (p < L->len && L->src[p] != '\n') p++;
      if (p < L->len) p++;
    }
    if (!found) {
      char msg[96];
      snprintf(msg, sizeof msg, "missing terminator: %s (for heredoc starting at line %u)",
               q == '"' ? "\"\"\"" : "'''", (unsigned)sline);
      while (peek(L, 0) >= 0) adv(L);
      return fail(L, L->line, L->col, msg);
    }
  } else {
    adv(L);
  }
  return lex_quoted_body(L, q, heredoc, indent, sline, scol, &t->parts, &t->nparts);
}

/* ---- sigils ----
 * ~s ~c ~w (escapes and interpolation, as in strings) and ~S ~C ~W (raw:
 * only the closing delimiter is escaped), between ( ) [ ] { } < > | | / /
 * " " ' ' or a heredoc. A body ends at the first closing delimiter (no
 * nesting, as in Elixir). ~w takes one modifier: s, a or c. */
static int lex_sigil(lexer *L, lx_token *t) {
  uint32_t line = L->line, col = L->col;
  int sig = peek(L, 1), d = peek(L, 2);
  static const char open[] = "([{<|/\"'", close[] = ")]}>|/\"'";
  const char *o = d > 0 ? strchr(open, d) : NULL;
  int lower = sig >= 'a' && sig <= 'z';
  int kind = sig | 0x20;
  if (kind == 'r') return fail(L, line, col, "regular expressions (sigil ~r) are not supported yet");
  if (kind != 's' && kind != 'c' && kind != 'w') {
    char msg[96];
    snprintf(msg, sizeof msg, "undefined function sigil_%c/2 (there is no such import)", (char)sig);
    return fail(L, line, col, msg);
  }
  if (!o || !d) return fail(L, line, col, "invalid sigil delimiter (the delimiters are \" ' ( [ { < | /)");
  adv(L);
  adv(L);
  L->raw = !lower;
  L->sigil = sig;
  L->sigil_open = d;
  int r;
  if (d == '"' || d == '\'') {
    r = lex_quoted(L, t, d);
  } else {
    adv(L);
    r = lex_quoted_body(L, close[o - open], 0, 0, line, col, &t->parts, &t->nparts);
  }
  L->raw = 0;
  L->sigil = 0;
  if (r < 0) return -1;
  char mod = 0;
  int nmods = 0;
  while ((peek(L, 0) >= 'a' && peek(L, 0) <= 'z') || (peek(L, 0) >= 'A' && peek(L, 0) <= 'Z')) {
    mod = (char)peek(L, 0);
    nmods++;
    adv(L);
  }
  if (kind == 'w') {
    if (nmods > 1 || (nmods && mod != 's' && mod != 'a' && mod != 'c'))
      return fail(L, line, col, "modifier must be one of: s, a, c");
    t->kind = TK_WORDS;
    t->ival = nmods ? mod : 's';
  } else {
    t->kind = (uint8_t)(kind == 's' ? TK_STRING : TK_CHARLIST);
  }
  return 0;
}

/* ---- numbers ---- */

static int lex_number(lexer *L, lx_token *t) {
  uint32_t line = L->line, col = L->col;
  int base = 10;
  if (peek(L, 0) == '0' && (peek(L, 1) == 'x' || peek(L, 1) == 'b' || peek(L, 1) == 'o')) {
    int b = peek(L, 1);
    base = b == 'x' ? 16 : b == 'b' ? 2 : 8;
    int d = hexval(peek(L, 2));
    if (d < 0 || d >= base) return fail(L, line, col, "invalid numeric literal");
    adv(L); adv(L);
  }
  uint64_t v = 0;
  int over = 0;
  char digits[512];
  size_t nd = 0;
  int lastund = 0;
  for (;;) {
    int c = peek(L, 0);
    int d = hexval(c);
    if (c == '_' && nd > 0 && !lastund && hexval(peek(L, 1)) >= 0 && hexval(peek(L, 1)) < base) {
      adv(L); lastund = 1; continue;
    }
    if (d < 0 || d >= base) break;
    lastund = 0;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) over = 1;
    else v = v * (uint64_t)base + (uint64_t)d;
    if (nd < sizeof digits - 16) digits[nd++] = (char)c;
    adv(L);
  }
  if (base == 10 && peek(L, 0) == '.' && is_digit(peek(L, 1))) {
    /* float: digits '.' digits [e[+-]digits] */
    digits[nd++] = '.';
    adv(L);
    while (is_digit(peek(L, 0)) || (peek(L, 0) == '_' && is_digit(peek(L, 1)))) {
      if (peek(L, 0) != '_' && nd < sizeof digits - 16) digits[nd++] = (char)peek(L, 0);
      adv(L);
    }
    if ((peek(L, 0) == 'e' || peek(L, 0) == 'E') &&
        (is_digit(peek(L, 1)) || ((peek(L, 1) == '+' || peek(L, 1) == '-') && is_digit(peek(L, 2))))) {
      digits[nd++] = 'e';
      adv(L);
      if (peek(L, 0) == '+' || peek(L, 0) == '-') { digits[nd++] = (char)peek(L, 0); adv(L); }
      while (is_digit(peek(L, 0)) || (peek(L, 0) == '_' && is_digit(peek(L, 1)))) {
        if (peek(L, 0) != '_' && nd < sizeof digits - 2) digits[nd++] = (char)peek(L, 0);
        adv(L);
      }
    }
    digits[nd] = 0;
    t->kind = TK_FLOAT;
    t->fval = strtod(digits, NULL);
    if (t->fval > 1.7976931348623157e308 || t->fval < -1.7976931348623157e308)
      return fail(L, line, col, "invalid float number (out of range)");
  } else {
    t->kind = TK_INT;
    if (over || v > (uint64_t)INT64_MAX) {
      if (!over && v == (uint64_t)INT64_MAX + 1) t->big = 1;
      else return fail(L, line, col, "integer literals larger than 64 bits are not supported yet (bignums are Tier 2)");
    }
    t->ival = t->big ? INT64_MIN : (int64_t)v;
  }
  if (is_ident_char(peek(L, 0)) && peek(L, 0) < 0x80)
    return fail(L, L->line, L->col, "invalid numeric literal");
  return 0;
}

/* ---- operators ---- */

static const char *const OPS3[] = {"===", "!==", "<<<", ">>>", "<<~", "~>>", "<~>", "<|>", "|||",
                                   "&&&", "^^^", "~~~", "+++", "---", "...", NULL};
static const char *const OPS2[] = {"==", "!=", "<=", ">=", "&&", "||", "<>", "++", "--", "|>", "..",
                                   "//", "->", "<-", "=>", "::", "=~", "<<", ">>", "<~", "~>",
                                   "\\\\", "**", "%{", NULL};
static const char OPS1[] = "+-*/=<>!^&|.,()[]{}@%";

/* Is the text at pos an operator usable as an atom (`:+`, `:==`)? Returns length. */
static size_t op_len_at(const lexer *L) {
  for (int i = 0; OPS3[i]; i++) {
    size_t n = strlen(OPS3[i]);
    if (L->pos + n <= L->len && !memcmp(L->src + L->pos, OPS3[i], n)) return n;
  }
  for (int i = 0; OPS2[i]; i++)
    if (L->pos + 2 <= L->len && !memcmp(L->src + L->pos, OPS2[i], 2)) return 2;
  int c = peek(L, 0);
  if (c > 0 && strchr(OPS1, c)) return 1;
  return 0;
}

/* ---- main loop ---- */

static int lex_all(lexer *L) {
  int sp = 1;
  for (;;) {
    if (L->failed) return -1;
    int c = peek(L, 0);
    uint32_t line = L->line, col = L->col;
    if (c < 0) {
      if (!push(L, TK_EOF, line, col, sp)) return -1;
      return 0;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') { adv(L); sp = 1; continue; }
    if (c == '\\' && (peek(L, 1) == '\n' || (peek(L, 1) == '\r' && peek(L, 2) == '\n'))) {
      adv(L); adv(L); if (peek(L, 0) == '\n') adv(L);
      sp = 1;
      continue;
    }
    if (c == '#') {
      while (peek(L, 0) >= 0 && peek(L, 0) != '\n') adv(L);
      sp = 1;
      continue;
    }
    if (c == '\n' || c == ';') {
      if (L->ntok && L->toks[L->ntok - 1].kind == TK_NL) {
        if (c == ';') L->toks[L->ntok - 1].text = ";";
      } else {
        lx_token *t = push(L, TK_NL, line, col, sp);
        if (!t) return -1;
        t->text = c == ';' ? ";" : "\n";
        t->len = 1;
      }
      adv(L);
      sp = 1;
      continue;
    }
    lx_token *t = push(L, TK_EOF, line, col, sp);
    if (!t) return -1;
    sp = 0;
    if (is_digit(c)) {
      size_t start = L->pos;
      if (lex_number(L, t) < 0) return -1;
      t->text = ast_strndup(L->arena, L->src + start, L->pos - start);
      if (!t->text) return fail(L, line, col, "out of memory");
      t->len = L->pos - start;
      continue;
    }
    if (is_ident_start(c) || is_alias_start(c)) {
      size_t start = L->pos;
      while (is_ident_char(peek(L, 0))) {
        if (peek(L, 0) >= 0x80) {
          int n = utf8_len(L);
          if (!n) return fail(L, L->line, L->col, "invalid UTF-8 in identifier");
          for (int i = 0; i < n; i++) adv(L);
        } else adv(L);
      }
      /* `a?` / `a!`, but `a!=b` / `a!==b` are comparisons */
      if (peek(L, 0) == '?' || (peek(L, 0) == '!' && peek(L, 1) != '=')) adv(L);
      t->text = ast_strndup(L->arena, L->src + start, L->pos - start);
      if (!t->text) return fail(L, line, col, "out of memory");
      t->len = L->pos - start;
      t->kind = (uint8_t)(is_alias_start(c) ? TK_ALIAS : TK_IDENT);
      if (peek(L, 0) == ':' && peek(L, 1) != ':' &&
          (peek(L, 1) == ' ' || peek(L, 1) == '\n' || peek(L, 1) == '\t' || peek(L, 1) == '\r' || peek(L, 1) < 0)) {
        adv(L);
        t->kind = TK_KW;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      if (lex_quoted(L, t, c) < 0) return -1;
      t->kind = (uint8_t)(c == '"' ? TK_STRING : TK_CHARLIST);
      /* "quoted key": value */
      if (peek(L, 0) == ':' && peek(L, 1) != ':' &&
          (peek(L, 1) == ' ' || peek(L, 1) == '\n' || peek(L, 1) == '\t' || peek(L, 1) == '\r' || peek(L, 1) < 0)) {
        adv(L);
        t->kind = TK_KW;
        if (t->nparts == 1 && !t->parts[0].is_expr) { t->text = t->parts[0].text; t->len = t->parts[0].len; }
        else t->interp = 1;
      }
      continue;
    }
    if (c == ':') {
      int d = peek(L, 1);
      if (d == ':') { adv(L); adv(L); t->kind = TK_OP; t->text = "::"; t->len = 2; continue; }
      if (d == '"' || d == '\'') {
        adv(L);
        if (lex_quoted(L, t, d) < 0) return -1;
        t->kind = TK_ATOM;
        if (t->nparts == 1 && !t->parts[0].is_expr) { t->text = t->parts[0].text; t->len = t->parts[0].len; }
        else t->interp = 1;
        continue;
      }
      if (is_ident_start(d) || is_alias_start(d)) {
        adv(L);
        size_t start = L->pos;
        while (is_ident_char(peek(L, 0))) {
          if (peek(L, 0) >= 0x80) {
            int n = utf8_len(L);
            if (!n) return fail(L, L->line, L->col, "invalid UTF-8 in atom");
            for (int i = 0; i < n; i++) adv(L);
          } else adv(L);
        }
        if (peek(L, 0) == '?' || peek(L, 0) == '!') adv(L);
        if (peek(L, 0) == '@') { /* :"a@b"-style node names: :nonode@nohost */
          while (peek(L, 0) == '@' || is_ident_char(peek(L, 0))) adv(L);
        }
        t->kind = TK_ATOM;
        t->text = ast_strndup(L->arena, L->src + start, L->pos - start);
        if (!t->text) return fail(L, line, col, "out of memory");
        t->len = L->pos - start;
        continue;
      }
      adv(L);
      size_t n = op_len_at(L);
      /* The special-form atoms :%{} :{} :<<>> :..// and :% */
      static const char *const SPECIAL_ATOMS[] = {"%{}", "{}", "<<>>", "..//", "%", NULL};
      for (int i = 0; SPECIAL_ATOMS[i]; i++) {
        size_t m = strlen(SPECIAL_ATOMS[i]);
        if (L->pos + m <= L->len && !memcmp(L->src + L->pos, SPECIAL_ATOMS[i], m)) {
          n = m;
          break;
        }
      }
      /* n == 1: the character there starts an operator, never a NUL for strchr */
      bool special = n >= 3 || (n == 1 && peek(L, 0) == '%') || (n == 2 && peek(L, 0) == '{');
      bool op = n && !(n == 1 && strchr(",()[]{}%", peek(L, 0)));
      if (special || op) {
        if (!special && n == 2 && !memcmp(L->src + L->pos, "%{", 2))
          return fail(L, line, col, "syntax error before: ':'");
        t->kind = TK_ATOM;
        t->text = ast_strndup(L->arena, L->src + L->pos, n);
        if (!t->text) return fail(L, line, col, "out of memory");
        t->len = n;
        for (size_t i = 0; i < n; i++) adv(L);
        continue;
      }
      return fail(L, line, col, "syntax error before: ':'");
    }
    if (c == '?') {
      size_t start = L->pos;
      adv(L);
      uint32_t cp;
      int d = peek(L, 0);
      if (d < 0) return fail(L, line, col, "syntax error: expression is incomplete");
      if (d == '\\') {
        adv(L);
        if (lex_escape(L, &cp) < 0) return -1;
      } else {
        int n = utf8_len(L);
        if (!n) return fail(L, L->line, L->col, "invalid UTF-8 after ?");
        if (d <= ' ' && d != ' ') return fail(L, line, col, "invalid character literal after ?");
        cp = (uint32_t)d;
        if (n > 1) {
          cp = (uint32_t)d & (0xFF >> (n + 1));
          for (int i = 1; i < n; i++) cp = (cp << 6) | ((uint32_t)peek(L, (size_t)i) & 0x3F);
        }
        for (int i = 0; i < n; i++) adv(L);
      }
      t->kind = TK_INT;
      t->ival = cp;
      t->text = ast_strndup(L->arena, L->src + start, L->pos - start);
      if (!t->text) return fail(L, line, col, "out of memory");
      t->len = L->pos - start;
      continue;
    }
    if (c == '&' && is_digit(peek(L, 1))) {
      adv(L);
      int64_t v = 0;
      while (is_digit(peek(L, 0))) {
        if (v < 1000000) v = v * 10 + (peek(L, 0) - '0');
        adv(L);
      }
      t->kind = TK_CAPARG;
      t->ival = v;
      continue;
    }
    if (c == '~' && ((peek(L, 1) >= 'a' && peek(L, 1) <= 'z') || (peek(L, 1) >= 'A' && peek(L, 1) <= 'Z'))) {
      if (lex_sigil(L, t) < 0) return -1;
      continue;
    }
    {
      const char *op = NULL;
      size_t n = 0;
      for (int i = 0; OPS3[i] && !op; i++) {
        size_t k = strlen(OPS3[i]);
        if (L->pos + k <= L->len && !memcmp(L->src + L->pos, OPS3[i], k)) { op = OPS3[i]; n = k; }
      }
      for (int i = 0; OPS2[i] && !op; i++)
        if (L->pos + 2 <= L->len && !memcmp(L->src + L->pos, OPS2[i], 2)) { op = OPS2[i]; n = 2; }
      if (!op && c > 0 && c < 128 && strchr(OPS1, c)) {
        static const char single[][2] = {"+", "-", "*", "/", "=", "<", ">", "!", "^", "&", "|", ".",
                                         ",", "(", ")", "[", "]", "{", "}", "@", "%"};
        op = single[strchr(OPS1, c) - OPS1];
        n = 1;
      }
      if (op) {
        t->kind = TK_OP;
        t->text = op;
        t->len = n;
        for (size_t i = 0; i < n; i++) adv(L);
        continue;
      }
    }
    {
      char msg[96];
      if (c >= 0x80) {
        int n = utf8_len(L);
        if (!n) snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02X", (unsigned)c);
        else snprintf(msg, sizeof msg, "unexpected token: \"%.*s\"", n, L->src + L->pos);
      } else if (c < 32 || c == 127) {
        snprintf(msg, sizeof msg, "unexpected token: \"\\x%02X\" (code point U+%04X)", (unsigned)c, (unsigned)c);
      } else {
        snprintf(msg, sizeof msg, "unexpected token: \"%c\"", c);
      }
      return fail(L, line, col, msg);
    }
  }
}

int lx_tokenize(struct ast_arena *a, const char *src, size_t len, uint32_t line, uint32_t col, int depth,
                lx_token **out, size_t *n, ast_error *err) {
  lexer L;
  memset(&L, 0, sizeof L);
  L.arena = a;
  L.src = src ? src : "";
  L.len = src ? len : 0;
  L.line = line;
  L.col = col;
  L.depth = depth;
  L.err = err;
  if (lex_all(&L) < 0) return -1;
  *out = L.toks;
  *n = L.ntok;
  return 0;
}
