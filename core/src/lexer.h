/*
 * lexer.h -- tokens of beamlet's Elixir subset, and the parse arena.
 *
 * The lexer turns a byte range into an array of tokens (all allocated in the
 * parse arena). It never reads outside [src, src+len) and stops at the first
 * error, which it reports through an ast_error. Strings and charlists keep
 * their parts: literal segments (escapes already decoded) and the raw source
 * ranges of `#{...}` interpolations, which the parser tokenizes and parses
 * again on demand (recursively, with a depth limit).
 *
 * Token invariants:
 *   - newlines and `;` both give TK_NL; runs of separators collapse to one
 *     TK_NL (text "\n" or ";");
 *   - every token records whether whitespace came right before it
 *     (space_before), which decides `f -1` (call) versus `f - 1`;
 *   - keywords (do, end, fn, when, and, or, not, in, true, false, nil, else,
 *     after, catch, rescue) are TK_IDENT; the parser recognises them;
 *   - `name: ` and `"quoted": ` (colon followed by whitespace) are TK_KW with
 *     the key text.
 */
#ifndef BEAMLET_LEXER_H
#define BEAMLET_LEXER_H

#include <stddef.h>
#include <stdint.h>
#include "ast.h"

/* ---- arena (ast.c) ---- */
struct ast_arena;
struct ast_arena *ast_arena_new(void);
/* Zeroed, 8-byte aligned memory; NULL when out of memory. */
void *ast_alloc(struct ast_arena *a, size_t size);
/* Copy of s[0..n) with a terminating NUL. */
char *ast_strndup(struct ast_arena *a, const char *s, size_t n);

/* ---- tokens ---- */
typedef enum lx_kind {
  TK_EOF,
  TK_NL,       /* newline(s) or ';' */
  TK_INT,      /* ival (uval when big: > INT64_MAX, see `big`) */
  TK_FLOAT,    /* fval */
  TK_ATOM,     /* text/len: atom name (decoded for :"...") */
  TK_STRING,   /* parts */
  TK_CHARLIST, /* parts */
  TK_IDENT,    /* text: identifier (may end in ? or !) */
  TK_ALIAS,    /* text: capitalised identifier */
  TK_KW,       /* text: keyword key without ':' */
  TK_OP,       /* text: operator or punctuation */
  TK_CAPARG,   /* &N: ival = N */
  TK_WORDS,    /* ~w(...): parts, ival = the modifier ('s', 'a' or 'c') */
  TK_ERROR
} lx_kind;

typedef struct lx_part {
  int is_expr;       /* 0: literal bytes; 1: source of an interpolation */
  const char *text;  /* literal bytes (arena) or a pointer into the source */
  size_t len;
  uint32_t line, col; /* where the interpolated expression starts */
} lx_part;

typedef struct lx_token {
  uint8_t kind;
  uint8_t space_before; /* whitespace (or a comment) right before */
  uint8_t big;          /* TK_INT: value is 2^63 (only valid after unary -) */
  uint8_t interp;       /* TK_ATOM / TK_KW: came from an interpolated quote */
  uint32_t line, col;
  const char *text;     /* NUL-terminated */
  size_t len;
  int64_t ival;
  double fval;
  lx_part *parts;
  uint32_t nparts;
} lx_token;

/* Tokenize src[0..len). Positions start at (line, col). depth counts nested
 * interpolations (the caller passes its own depth). Returns 0 and sets *out /
 * *n (the array always ends with TK_EOF) or -1 with *err set. */
int lx_tokenize(struct ast_arena *a, const char *src, size_t len,
                uint32_t line, uint32_t col, int depth,
                lx_token **out, size_t *n, ast_error *err);

/* Maximum nesting of interpolations/brackets/expressions. */
#define LX_MAX_DEPTH 100

#endif
