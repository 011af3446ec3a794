/*
 * ast.c -- the parse arena and the debug dump of syntax trees.
 *
 * The arena is a singly linked list of chunks; allocations are bumped from
 * the head chunk and never freed individually. Large requests get a chunk of
 * their own. Freeing the arena frees every node, token and string of a parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ast.h"
#include "lexer.h"

#define ARENA_CHUNK 16384

typedef struct arena_chunk {
  struct arena_chunk *next;
  size_t used, cap;
  /* data follows, 16-byte aligned thanks to the union */
  union { max_align_t align; unsigned char bytes[1]; } data;
} arena_chunk;

struct ast_arena {
  arena_chunk *head;
};

struct ast_arena *ast_arena_new(void) {
  return calloc(1, sizeof(struct ast_arena));
}

void *ast_alloc(struct ast_arena *a, size_t size) {
  if (!a) return NULL;
  size = (size + 15u) & ~(size_t)15u;
  if (size == 0) size = 16;
  arena_chunk *c = a->head;
  if (!c || c->cap - c->used < size) {
    size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
    if (cap > SIZE_MAX - sizeof(arena_chunk)) return NULL;
    arena_chunk *n = malloc(sizeof(arena_chunk) + cap);
    if (!n) return NULL;
    n->used = 0;
    n->cap = cap;
    if (c && size > ARENA_CHUNK) {
      /* a big block: keep the current head for small allocations */
      n->next = c->next;
      c->next = n;
    } else {
      n->next = c;
      a->head = n;
    }
    c = n;
  }
  void *p = c->data.bytes + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *ast_strndup(struct ast_arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX) return NULL;
  char *d = ast_alloc(a, n + 1);
  if (!d) return NULL;
  if (n) memcpy(d, s, n);
  d[n] = 0;
  return d;
}

void ast_arena_free(struct ast_arena *a) {
  if (!a) return;
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *n = c->next;
    free(c);
    c = n;
  }
  free(a);
}

/* ---- dump ---- */

typedef struct dbuf {
  char *buf;
  size_t cap, len; /* len counts every byte that would have been written */
} dbuf;

static void put(dbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (b->len + 1 < b->cap) b->buf[b->len] = s[i];
    b->len++;
  }
}
static void puts_(dbuf *b, const char *s) { put(b, s, strlen(s)); }

static void put_quoted(dbuf *b, const char *s, size_t n, char q) {
  char tmp[8];
  put(b, &q, 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') puts_(b, "\\n");
    else if (c == '\t') puts_(b, "\\t");
    else if (c == '\\') puts_(b, "\\\\");
    else if (c == (unsigned char)q) { put(b, "\\", 1); put(b, &q, 1); }
    else if (c < 32 || c == 127) { snprintf(tmp, sizeof tmp, "\\x%02X", c); puts_(b, tmp); }
    else put(b, (const char *)&c, 1);
  }
  put(b, &q, 1);
}

static int atom_plain(const char *s) {
  if (!*s) return 0;
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
        c != '_' && c != '.' && c != '?' && c != '!' && c != '@' && c < 0x80)
      return 0;
  }
  return 1;
}

static void put_float(dbuf *b, double d) {
  char tmp[40];
  if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
    snprintf(tmp, sizeof tmp, "%.1f", d);
    puts_(b, tmp);
    return;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, d);
    if (strtod(tmp, NULL) == d) break;
  }
  puts_(b, tmp);
  if (!strpbrk(tmp, ".eEni")) puts_(b, ".0");
}

static void dump(dbuf *b, const ast *n);

static void dump_kids(dbuf *b, const ast *n, uint32_t from) {
  for (uint32_t i = from; i < n->nkids; i++) {
    put(b, " ", 1);
    dump(b, n->kids[i]);
  }
}

static void dump_clause(dbuf *b, const ast *n) {
  uint32_t np = (uint32_t)n->ival;
  puts_(b, "(clause (");
  for (uint32_t i = 0; i < np && i < n->nkids; i++) {
    if (i) put(b, " ", 1);
    dump(b, n->kids[i]);
  }
  put(b, ")", 1);
  if (np < n->nkids && n->kids[np]) {
    puts_(b, " (when ");
    dump(b, n->kids[np]);
    put(b, ")", 1);
  }
  if (np + 1 < n->nkids) {
    put(b, " ", 1);
    dump(b, n->kids[np + 1]);
  }
  put(b, ")", 1);
}

static void open_(dbuf *b, const char *head) {
  put(b, "(", 1);
  puts_(b, head);
}

static void dump(dbuf *b, const ast *n) {
  char tmp[48];
  if (!n) { puts_(b, "null"); return; }
  switch ((ast_kind)n->kind) {
  case AST_INT:
    snprintf(tmp, sizeof tmp, "%lld", (long long)n->ival);
    puts_(b, tmp);
    return;
  case AST_FLOAT: put_float(b, n->fval); return;
  case AST_ATOM:
    put(b, ":", 1);
    if (n->str && atom_plain(n->str)) puts_(b, n->str);
    else put_quoted(b, n->str ? n->str : "", n->str ? strlen(n->str) : 0, '"');
    return;
  case AST_STRING: put_quoted(b, n->str ? n->str : "", n->len, '"'); return;
  case AST_CHARLIST: put_quoted(b, n->str ? n->str : "", n->len, '\''); return;
  case AST_INTERP: open_(b, n->ival ? "interp'" : "interp"); dump_kids(b, n, 0); break;
  case AST_NIL_LIST: puts_(b, "[]"); return;
  case AST_LIST:
    open_(b, "list");
    for (uint32_t i = 0; i < n->nkids; i++) {
      put(b, " ", 1);
      if (n->ival && i + 1 == n->nkids) puts_(b, "| ");
      dump(b, n->kids[i]);
    }
    break;
  case AST_TUPLE: open_(b, "tuple"); dump_kids(b, n, 0); break;
  case AST_MAP: open_(b, "map"); dump_kids(b, n, 0); break;
  case AST_MAP_UPDATE: open_(b, "map_update"); dump_kids(b, n, 0); break;
  case AST_VAR: puts_(b, n->str ? n->str : "?"); return;
  case AST_PIN: open_(b, "^"); dump_kids(b, n, 0); break;
  case AST_MODULE_SELF: puts_(b, "__MODULE__"); return;
  case AST_ATTR: put(b, "@", 1); puts_(b, n->str ? n->str : "?"); return;
  case AST_BINOP: open_(b, n->op ? n->op : "?"); dump_kids(b, n, 0); break;
  case AST_UNOP:
    put(b, "(", 1);
    if (n->op && (!strcmp(n->op, "-") || !strcmp(n->op, "+"))) put(b, "u", 1);
    puts_(b, n->op ? n->op : "?");
    dump_kids(b, n, 0);
    break;
  case AST_MATCH: open_(b, "="); dump_kids(b, n, 0); break;
  case AST_RANGE: open_(b, ".."); dump_kids(b, n, 0); break;
  case AST_CALL: open_(b, "call "); puts_(b, n->str ? n->str : "?"); dump_kids(b, n, 0); break;
  case AST_REMOTE:
    open_(b, "remote");
    if (n->nkids) { put(b, " ", 1); dump(b, n->kids[0]); }
    put(b, " ", 1);
    puts_(b, n->str ? n->str : "?");
    dump_kids(b, n, 1);
    break;
  case AST_FIELD: open_(b, "field"); dump_kids(b, n, 0); put(b, " ", 1); puts_(b, n->str ? n->str : "?"); break;
  case AST_APPLY: open_(b, "apply"); dump_kids(b, n, 0); break;
  case AST_FN: open_(b, "fn"); dump_kids(b, n, 0); break;
  case AST_CAPTURE_MFA:
    open_(b, "&mfa");
    dump_kids(b, n, 0);
    put(b, " ", 1);
    puts_(b, n->str ? n->str : "?");
    snprintf(tmp, sizeof tmp, " %lld", (long long)n->ival);
    puts_(b, tmp);
    break;
  case AST_CAPTURE:
    snprintf(tmp, sizeof tmp, "(&%lld", (long long)n->ival);
    puts_(b, tmp);
    dump_kids(b, n, 0);
    break;
  case AST_CAPTURE_ARG:
    snprintf(tmp, sizeof tmp, "&%lld", (long long)n->ival);
    puts_(b, tmp);
    return;
  case AST_BLOCK: open_(b, "block"); dump_kids(b, n, 0); break;
  case AST_CLAUSE: dump_clause(b, n); return;
  case AST_CASE: open_(b, "case"); dump_kids(b, n, 0); break;
  case AST_COND: open_(b, "cond"); dump_kids(b, n, 0); break;
  case AST_IF: open_(b, "if"); dump_kids(b, n, 0); break;
  case AST_RECEIVE: {
    uint32_t nc = (uint32_t)n->ival;
    open_(b, "receive");
    for (uint32_t i = 0; i < nc && i < n->nkids; i++) { put(b, " ", 1); dump(b, n->kids[i]); }
    if (nc + 1 < n->nkids && n->kids[nc]) {
      puts_(b, " (after ");
      dump(b, n->kids[nc]);
      put(b, " ", 1);
      dump(b, n->kids[nc + 1]);
      put(b, ")", 1);
    }
    break;
  }
  case AST_DEFMODULE: open_(b, "defmodule "); puts_(b, n->str ? n->str : "?"); dump_kids(b, n, 0); break;
  case AST_DEF:
    open_(b, n->ival ? "defp " : "def ");
    puts_(b, n->str ? n->str : "?");
    dump_kids(b, n, 0);
    break;
  case AST_ATTR_SET: open_(b, "@set "); puts_(b, n->str ? n->str : "?"); dump_kids(b, n, 0); break;
  default: puts_(b, "(?)"); return;
  }
  put(b, ")", 1);
}

size_t ast_dump(const ast *node, char *buf, size_t cap) {
  dbuf b = {buf, cap, 0};
  dump(&b, node);
  if (cap) buf[b.len < cap ? b.len : cap - 1] = 0;
  return b.len;
}
