/*
 * parser.c -- tokens to the AST of ast.h (recursive descent + precedence
 * climbing with Elixir's operator table).
 *
 * Invariants:
 *   - every parse function returns NULL after the first error, which is kept
 *     in p->err (later errors are ignored), so callers just propagate NULL;
 *   - p->depth bounds the C recursion (nested expressions, operator chains and
 *     interpolations all count): past PARSE_MAX_DEPTH the parse fails with an
 *     error instead of overflowing the stack. Trees are therefore at most
 *     about PARSE_MAX_DEPTH nodes deep plus a few levels per construct;
 *   - p->noparen is set while parsing the arguments of a call written without
 *     parentheses: inner calls then leave a `do` block to the outer call, as
 *     in Elixir (`if foo x do ... end`). Brackets reset it;
 *   - p->open is the stack of open delimiters, for "missing terminator"
 *     messages at end of input;
 *   - desugaring happens as nodes are built (pipes, keyword lists, if/unless,
 *     aliases, def forms); a final pass rejects operators left where they
 *     are meaningless (`when`, `|`).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ast.h"
#include "lexer.h"

#define PARSE_MAX_DEPTH LX_MAX_DEPTH
#define MAX_OPEN (PARSE_MAX_DEPTH * 4 + 16)
#define MAX_ALIASES 256

typedef struct open_delim {
  const char *open, *close;
  uint32_t line;
} open_delim;

typedef struct alias_entry {
  const char *short_name; /* "Inner" */
  const char *full;       /* "Elixir.Outer.Inner" */
  int level;              /* module nesting level that defined it */
} alias_entry;

typedef struct def_seen {
  const char *module, *name;
  uint32_t arity, line, col;
  int priv, defaults, clauses, heads;
} def_seen;

typedef struct parser {
  struct ast_arena *arena;
  lx_token *toks;
  size_t ntok, pos;
  ast_error *err;
  int failed;
  int depth;
  int noparen;
  int in_capture;
  int arrow_args; /* parsing the arguments of a for or a with */
  int head_args;  /* parsing the arguments of a def or defp */
  /* the functions of the modules being parsed, innermost last: for default
   * arguments (declared once per function) and heads (which need clauses) */
  struct def_seen *defs;
  uint32_t ndefs, defs_cap;
  int64_t capmax;
  uint64_t capmask;
  open_delim open[MAX_OPEN];
  int nopen, open_base;
  const char *mods[PARSE_MAX_DEPTH + 1];
  int nmods;
  alias_entry aliases[MAX_ALIASES];
  int naliases;
} parser;

typedef struct vec {
  ast **v;
  uint32_t n, cap;
} vec;

/* ---- errors ---- */

static ast *perr(parser *p, uint32_t line, uint32_t col, const char *fmt, ...) {
  if (!p->failed) {
    p->failed = 1;
    p->err->line = line;
    p->err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
  }
  return NULL;
}

static lx_token *cur(parser *p) { return &p->toks[p->pos < p->ntok ? p->pos : p->ntok - 1]; }
static lx_token *at(parser *p, size_t k) {
  size_t i = p->pos + k;
  return &p->toks[i < p->ntok ? i : p->ntok - 1];
}
static void next(parser *p) {
  if (p->pos + 1 < p->ntok) p->pos++;
}

static int is_op(const lx_token *t, const char *s) { return t->kind == TK_OP && !strcmp(t->text, s); }
static int is_id(const lx_token *t, const char *s) { return t->kind == TK_IDENT && !strcmp(t->text, s); }

static int is_reserved(const lx_token *t) {
  static const char *const words[] = {"do", "end", "else", "after", "catch", "rescue", "when", "and",
                                      "or", "in", "fn", "not", "true", "false", "nil", NULL};
  if (t->kind != TK_IDENT) return 0;
  for (int i = 0; words[i]; i++)
    if (!strcmp(t->text, words[i])) return 1;
  return 0;
}

static ast *err_unexpected(parser *p, lx_token *t) {
  if (t->kind == TK_EOF) {
    if (p->nopen > p->open_base) {
      open_delim *o = &p->open[p->nopen - 1];
      return perr(p, t->line, t->col, "missing terminator: %s (for \"%s\" starting at line %u)", o->close,
                  o->open, (unsigned)o->line);
    }
    return perr(p, t->line, t->col, "syntax error: expression is incomplete");
  }
  switch (t->kind) {
  case TK_IDENT:
    if (is_id(t, "end") || is_id(t, "do") || is_id(t, "else") || is_id(t, "after") || is_id(t, "catch") ||
        is_id(t, "rescue"))
      return perr(p, t->line, t->col, "unexpected reserved word: %s", t->text);
    return perr(p, t->line, t->col, "syntax error before: %s", t->text);
  case TK_ALIAS: return perr(p, t->line, t->col, "syntax error before: %s", t->text);
  case TK_INT:
  case TK_FLOAT: return perr(p, t->line, t->col, "syntax error before: \"%s\"", t->text);
  case TK_ATOM: return perr(p, t->line, t->col, "syntax error before: :%.60s", t->text);
  case TK_KW: return perr(p, t->line, t->col, "syntax error before: %.60s:", t->text);
  case TK_CAPARG: return perr(p, t->line, t->col, "syntax error before: &%lld", (long long)t->ival);
  case TK_STRING:
  case TK_CHARLIST: {
    const char *s = t->nparts && !t->parts[0].is_expr ? t->parts[0].text : "";
    return perr(p, t->line, t->col, "syntax error before: %c%.40s%c", t->kind == TK_STRING ? '"' : '\'', s,
                t->kind == TK_STRING ? '"' : '\'');
  }
  case TK_NL: return perr(p, t->line, t->col, "syntax error before: %s", t->text[0] == ';' ? "';'" : "newline");
  case TK_OP:
    if (is_op(t, ")") || is_op(t, "]") || is_op(t, "}") || is_op(t, ">>"))
      return perr(p, t->line, t->col, "unexpected token: %s", t->text);
    return perr(p, t->line, t->col, "syntax error before: '%s'", t->text);
  default: return perr(p, t->line, t->col, "syntax error");
  }
}

static int push_open(parser *p, const char *o, const char *c, uint32_t line) {
  if (p->nopen >= MAX_OPEN) {
    perr(p, line, 1, "too deeply nested");
    return -1;
  }
  p->open[p->nopen].open = o;
  p->open[p->nopen].close = c;
  p->open[p->nopen].line = line;
  p->nopen++;
  return 0;
}
static void pop_open(parser *p) {
  if (p->nopen > p->open_base) p->nopen--;
}

/* ---- nodes ---- */

static ast *mk(parser *p, ast_kind k, uint32_t line, uint32_t col) {
  ast *n = ast_alloc(p->arena, sizeof(ast));
  if (!n) return perr(p, line, col, "out of memory");
  n->kind = (uint16_t)k;
  n->line = line;
  n->col = col;
  return n;
}
static ast *mkt(parser *p, ast_kind k, const lx_token *t) { return mk(p, k, t->line, t->col); }

static int vpush(parser *p, vec *v, ast *x) {
  if (v->n == v->cap) {
    uint32_t nc = v->cap ? v->cap * 2 : 4;
    ast **nv = ast_alloc(p->arena, nc * sizeof(ast *));
    if (!nv) {
      perr(p, x ? x->line : 0, x ? x->col : 0, "out of memory");
      return -1;
    }
    if (v->n) memcpy(nv, v->v, v->n * sizeof(ast *));
    v->v = nv;
    v->cap = nc;
  }
  v->v[v->n++] = x;
  return 0;
}

static void set_kids(ast *n, vec *v) {
  n->kids = v->v;
  n->nkids = v->n;
}

static ast *mk1(parser *p, ast_kind k, uint32_t line, uint32_t col, ast *a) {
  ast *n = mk(p, k, line, col);
  if (!n) return NULL;
  n->kids = ast_alloc(p->arena, sizeof(ast *));
  if (!n->kids) return perr(p, line, col, "out of memory");
  n->kids[0] = a;
  n->nkids = 1;
  return n;
}
static ast *mk2(parser *p, ast_kind k, uint32_t line, uint32_t col, ast *a, ast *b) {
  ast *n = mk(p, k, line, col);
  if (!n) return NULL;
  n->kids = ast_alloc(p->arena, 2 * sizeof(ast *));
  if (!n->kids) return perr(p, line, col, "out of memory");
  n->kids[0] = a;
  n->kids[1] = b;
  n->nkids = 2;
  return n;
}

static ast *mk_atom(parser *p, const char *s, uint32_t line, uint32_t col) {
  ast *n = mk(p, AST_ATOM, line, col);
  if (!n) return NULL;
  n->str = s;
  n->len = strlen(s);
  return n;
}

/* A variable (hidden ones have a name no source can write: for@acc). */
static ast *mk_var(parser *p, lx_token *t, const char *name) {
  ast *v = mkt(p, AST_VAR, t);
  if (!v) return NULL;
  v->str = name;
  v->len = strlen(name);
  return v;
}

/* mod.fun(a[, b[, c]]) */
static ast *mk_remote(parser *p, lx_token *t, const char *mod, const char *fun, ast *a, ast *b, ast *c) {
  ast *n = mkt(p, AST_REMOTE, t);
  ast *m = mk_atom(p, mod, t->line, t->col);
  vec v = {0};
  if (!n || !m || !a || vpush(p, &v, m) < 0 || vpush(p, &v, a) < 0 || (b && vpush(p, &v, b) < 0) ||
      (c && vpush(p, &v, c) < 0))
    return NULL;
  set_kids(n, &v);
  n->str = fun;
  n->len = strlen(fun);
  return n;
}

/* pat [when guard] -> body */
static ast *mk_clause(parser *p, lx_token *t, ast *pat, ast *guard, ast *body) {
  ast *c = mkt(p, AST_CLAUSE, t);
  vec v = {0};
  if (!c || vpush(p, &v, pat) < 0 || vpush(p, &v, guard) < 0 || vpush(p, &v, body) < 0) return NULL;
  set_kids(c, &v);
  c->ival = 1;
  return c;
}

/* A body from a list of expressions: nil when empty, the expression itself
 * when single, else an AST_BLOCK. */
static ast *mk_body(parser *p, vec *v, const lx_token *t) {
  if (v->n == 0) return mk_atom(p, "nil", t->line, t->col);
  if (v->n == 1) return v->v[0];
  ast *b = mk(p, AST_BLOCK, v->v[0]->line, v->v[0]->col);
  if (!b) return NULL;
  set_kids(b, v);
  return b;
}

static void skip_nl(parser *p) {
  while (cur(p)->kind == TK_NL) next(p);
}

/* ---- operator table (Elixir's) ---- */

typedef struct opinfo {
  int prec;
  int right;
  const char *name; /* canonical text */
  int ntok;         /* tokens the operator spans (2 for `not in`) */
  const char *unsupported;
} opinfo;

static int binop_at(parser *p, size_t k, opinfo *o) {
  lx_token *t = at(p, k);
  memset(o, 0, sizeof *o);
  o->ntok = 1;
  if (t->kind == TK_IDENT) {
    if (!strcmp(t->text, "when")) { o->prec = 50; o->right = 1; o->name = "when"; return 1; }
    if (!strcmp(t->text, "or")) { o->prec = 120; o->name = "or"; return 1; }
    if (!strcmp(t->text, "and")) { o->prec = 130; o->name = "and"; return 1; }
    if (!strcmp(t->text, "in")) { o->prec = 170; o->name = "in"; return 1; }
    if (!strcmp(t->text, "not") && is_id(at(p, k + 1), "in")) {
      o->prec = 170; o->name = "not in"; o->ntok = 2; return 1;
    }
    return 0;
  }
  if (t->kind != TK_OP) return 0;
  static const struct { const char *op; int prec, right; const char *unsup; } tab[] = {
    {"<-", 40, 0, "undefined function <-/2 (there is no such import)"},
    {"\\\\", 40, 0, "undefined function \\\\/2 (there is no such import)"},
    {"::", 60, 1, "the type operator :: is not supported yet (binaries and typespecs are Tier 2)"},
    {"|", 70, 1, NULL},
    {"=", 100, 1, NULL},
    {"||", 120, 0, NULL},
    {"|||", 120, 0, "the Bitwise operator ||| is not supported yet"},
    {"&&", 130, 0, NULL},
    {"&&&", 130, 0, "the Bitwise operator &&& is not supported yet"},
    {"==", 140, 0, NULL}, {"!=", 140, 0, NULL}, {"===", 140, 0, NULL}, {"!==", 140, 0, NULL},
    {"=~", 140, 0, "the operator =~ (regular expressions) is not supported yet"},
    {"<", 150, 0, NULL}, {">", 150, 0, NULL}, {"<=", 150, 0, NULL}, {">=", 150, 0, NULL},
    {"|>", 160, 0, NULL},
    {"<<<", 160, 0, "the Bitwise operator <<< is not supported yet"},
    {">>>", 160, 0, "the Bitwise operator >>> is not supported yet"},
    {"<<~", 160, 0, "the operator <<~ is not supported yet"}, {"~>>", 160, 0, "the operator ~>> is not supported yet"},
    {"<~", 160, 0, "the operator <~ is not supported yet"}, {"~>", 160, 0, "the operator ~> is not supported yet"},
    {"<~>", 160, 0, "the operator <~> is not supported yet"}, {"<|>", 160, 0, "the operator <|> is not supported yet"},
    {"^^^", 180, 0, "the Bitwise operator ^^^ is not supported yet"},
    {"//", 190, 1, NULL},
    {"++", 200, 1, NULL}, {"--", 200, 1, NULL}, {"<>", 200, 1, NULL}, {"..", 200, 1, NULL},
    {"+++", 200, 1, "the operator +++ is not supported yet"}, {"---", 200, 1, "the operator --- is not supported yet"},
    {"+", 210, 0, NULL}, {"-", 210, 0, NULL},
    {"*", 220, 0, NULL}, {"/", 220, 0, NULL},
    {"**", 230, 0, NULL},
  };
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
    if (!strcmp(t->text, tab[i].op)) {
      o->prec = tab[i].prec;
      o->right = tab[i].right;
      o->name = tab[i].op;
      o->unsupported = tab[i].unsup;
      return 1;
    }
  }
  return 0;
}

/* Can token k start an argument of a call written without parentheses?
 * (`f x`, `f -1` but not `f - 1` nor `f -x` ... as Elixir decides.) */
static int arg_start_at(parser *p, size_t k) {
  lx_token *t = at(p, k);
  if (!t->space_before) return 0;
  switch (t->kind) {
  case TK_INT: case TK_FLOAT: case TK_ATOM: case TK_STRING: case TK_CHARLIST: case TK_WORDS:
  case TK_ALIAS: case TK_KW: case TK_CAPARG:
    return 1;
  case TK_IDENT:
    if (is_reserved(t)) {
      if (is_id(t, "fn") || is_id(t, "true") || is_id(t, "false") || is_id(t, "nil")) return 1;
      if (is_id(t, "not")) return !is_id(at(p, k + 1), "in");
      return 0;
    }
    return 1;
  case TK_OP:
    if (is_op(t, "[") || is_op(t, "{") || is_op(t, "%{") || is_op(t, "%") || is_op(t, "<<") ||
        is_op(t, "@") || is_op(t, "&") || is_op(t, "^") || is_op(t, "!") || is_op(t, "(") || is_op(t, "~~~"))
      return 1;
    if (is_op(t, "-") || is_op(t, "+")) {
      lx_token *n = at(p, k + 1);
      return !n->space_before && n->kind != TK_NL && n->kind != TK_EOF;
    }
    return 0;
  default: return 0;
  }
}

/* ---- forward declarations ---- */
static ast *parse_expr(parser *p);
static ast *parse_binary(parser *p, int minprec);
static ast *parse_binary_rest(parser *p, ast *left, int minprec);
static ast *parse_unary(parser *p);
static int parse_stmts(parser *p, vec *out, int (*term)(parser *));
static ast *parse_clause(parser *p);

static int term_eof(parser *p) { return cur(p)->kind == TK_EOF; }
static int term_paren(parser *p) { return is_op(cur(p), ")") || cur(p)->kind == TK_EOF; }
static int term_block(parser *p) {
  lx_token *t = cur(p);
  return t->kind == TK_EOF || is_id(t, "end") || is_id(t, "else") || is_id(t, "after") || is_id(t, "catch") ||
         is_id(t, "rescue") || is_op(t, ")");
}

/* Does an operator token at line end let the expression go on? */
static int eats_eol(const lx_token *t) {
  if (t->kind == TK_OP)
    return !(is_op(t, ")") || is_op(t, "]") || is_op(t, "}") || is_op(t, ">>"));
  return is_id(t, "when") || is_id(t, "and") || is_id(t, "or") || is_id(t, "in") || is_id(t, "not");
}

/* Does the statement starting at the current token begin a new `->` clause?
 * Scans to the end of the logical line, across brackets and fn/do blocks. */
static int looks_like_clause(parser *p) {
  int depth = 0;
  for (size_t i = p->pos; i < p->ntok; i++) {
    lx_token *t = &p->toks[i];
    switch (t->kind) {
    case TK_EOF: return 0;
    case TK_OP:
      if (is_op(t, "(") || is_op(t, "[") || is_op(t, "{") || is_op(t, "%{") || is_op(t, "<<")) depth++;
      else if (is_op(t, ")") || is_op(t, "]") || is_op(t, "}") || is_op(t, ">>")) {
        if (depth == 0) return 0;
        depth--;
      } else if (is_op(t, "->") && depth == 0) return 1;
      break;
    case TK_IDENT:
      if (is_id(t, "fn") || is_id(t, "do")) depth++;
      else if (is_id(t, "end")) {
        if (depth == 0) return 0;
        depth--;
      } else if (depth == 0 && (is_id(t, "else") || is_id(t, "after") || is_id(t, "catch") || is_id(t, "rescue")))
        return 0;
      break;
    case TK_NL:
      if (depth == 0) {
        opinfo o;
        if (i > p->pos && eats_eol(&p->toks[i - 1])) break;
        if (i + 1 < p->ntok) {
          size_t save = p->pos;
          p->pos = i + 1;
          int cont = binop_at(p, 0, &o) && !is_op(cur(p), "+") && !is_op(cur(p), "-");
          p->pos = save;
          if (cont) break;
        }
        return 0;
      }
      break;
    default: break;
    }
  }
  return 0;
}

/* ---- strings ---- */

static ast *parse_interp_expr(parser *p, const lx_part *part) {
  lx_token *toks;
  size_t n;
  if (p->depth + 1 > PARSE_MAX_DEPTH) return perr(p, part->line, part->col, "too deeply nested expression");
  if (lx_tokenize(p->arena, part->text, part->len, part->line, part->col, p->depth + 1, &toks, &n, p->err) < 0) {
    p->failed = 1;
    return NULL;
  }
  lx_token *stoks = p->toks;
  size_t sntok = p->ntok, spos = p->pos;
  int sbase = p->open_base, snoparen = p->noparen;
  p->toks = toks;
  p->ntok = n;
  p->pos = 0;
  p->open_base = p->nopen;
  p->noparen = 0;
  p->depth++;
  vec v = {0};
  ast *r = NULL;
  if (parse_stmts(p, &v, term_eof) == 0) {
    if (cur(p)->kind != TK_EOF) err_unexpected(p, cur(p));
    else r = mk_body(p, &v, cur(p));
  }
  p->depth--;
  p->toks = stoks;
  p->ntok = sntok;
  p->pos = spos;
  p->open_base = sbase;
  p->noparen = snoparen;
  return p->failed ? NULL : r;
}

static ast *string_node(parser *p, lx_token *t, int charlist);

static ast *parse_string(parser *p) {
  lx_token *t = cur(p);
  int charlist = t->kind == TK_CHARLIST;
  next(p);
  return string_node(p, t, charlist);
}

/* ~w(...): the words of its text, split at whitespace, as strings, atoms
 * (modifier a) or charlists (c); with interpolation, split when it runs
 * (String.split/1, then String.to_atom/1 or to_charlist/1 on each). */
static ast *parse_words(parser *p) {
  lx_token *t = cur(p);
  next(p);
  int mod = (int)t->ival;
  int has_expr = 0;
  for (uint32_t i = 0; i < t->nparts; i++)
    if (t->parts[i].is_expr) has_expr = 1;
  if (has_expr) {
    ast *split = mk_remote(p, t, "Elixir.String", "split", string_node(p, t, 0), NULL, NULL);
    if (!split || mod == 's') return split;
    ast *cap = mk1(p, AST_CAPTURE_MFA, t->line, t->col, mk_atom(p, "Elixir.String", t->line, t->col));
    if (!cap) return NULL;
    cap->str = mod == 'a' ? "to_atom" : "to_charlist";
    cap->len = strlen(cap->str);
    cap->ival = 1;
    return mk_remote(p, t, "Elixir.Enum", "map", split, cap, NULL);
  }
  const char *s = t->nparts ? t->parts[0].text : "";
  size_t len = t->nparts ? t->parts[0].len : 0;
  vec v = {0};
  for (size_t i = 0; i < len;) {
    while (i < len && strchr(" \t\n\r\v\f", s[i])) i++;
    size_t start = i;
    while (i < len && !strchr(" \t\n\r\v\f", s[i])) i++;
    if (i == start) break;
    char *w = ast_alloc(p->arena, i - start + 1);
    if (!w) return perr(p, t->line, t->col, "out of memory");
    memcpy(w, s + start, i - start);
    w[i - start] = 0;
    ast *k = mkt(p, mod == 'a' ? AST_ATOM : mod == 'c' ? AST_CHARLIST : AST_STRING, t);
    if (!k || vpush(p, &v, k) < 0) return NULL;
    k->str = w;
    k->len = i - start;
  }
  if (!v.n) return mkt(p, AST_NIL_LIST, t);
  ast *l = mkt(p, AST_LIST, t);
  if (!l) return NULL;
  set_kids(l, &v);
  return l;
}

/* A string or charlist literal from its token's parts. */
static ast *string_node(parser *p, lx_token *t, int charlist) {
  int has_expr = 0;
  for (uint32_t i = 0; i < t->nparts; i++)
    if (t->parts[i].is_expr) has_expr = 1;
  if (!has_expr) {
    ast *n = mkt(p, charlist ? AST_CHARLIST : AST_STRING, t);
    if (!n) return NULL;
    n->str = t->nparts ? t->parts[0].text : "";
    n->len = t->nparts ? t->parts[0].len : 0;
    return n;
  }
  ast *n = mkt(p, AST_INTERP, t);
  if (!n) return NULL;
  n->ival = charlist;
  vec v = {0};
  for (uint32_t i = 0; i < t->nparts; i++) {
    const lx_part *part = &t->parts[i];
    ast *k;
    if (part->is_expr) {
      k = parse_interp_expr(p, part);
    } else {
      if (part->len == 0) continue;
      k = mkt(p, AST_STRING, t);
      if (k) { k->str = part->text; k->len = part->len; }
    }
    if (!k || vpush(p, &v, k) < 0) return NULL;
  }
  set_kids(n, &v);
  return n;
}

/* ---- aliases ---- */

static const char *concat3(parser *p, const char *a, const char *sep, const char *b) {
  size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
  char *s = ast_alloc(p->arena, la + ls + lb + 1);
  if (!s) return NULL;
  memcpy(s, a, la);
  memcpy(s + la, sep, ls);
  memcpy(s + la + ls, b, lb);
  s[la + ls + lb] = 0;
  return s;
}

/* Reads `A.B.C` (current token is an alias); returns "A.B.C". */
static const char *read_alias_chain(parser *p) {
  const char *s = cur(p)->text;
  next(p);
  while (is_op(cur(p), ".") && at(p, 1)->kind == TK_ALIAS) {
    s = concat3(p, s, ".", at(p, 1)->text);
    if (!s) { perr(p, cur(p)->line, cur(p)->col, "out of memory"); return NULL; }
    next(p);
    next(p);
  }
  return s;
}

/* "Foo.Bar" -> "Elixir.Foo.Bar", resolving the auto-alias of nested modules. */
static const char *resolve_alias(parser *p, const char *raw) {
  if (!strcmp(raw, "Elixir")) return "Elixir";
  if (!strncmp(raw, "Elixir.", 7)) return raw;
  size_t first = strcspn(raw, ".");
  for (int i = p->naliases - 1; i >= 0; i--) {
    const char *s = p->aliases[i].short_name;
    if (strlen(s) == first && !strncmp(s, raw, first)) return concat3(p, p->aliases[i].full, "", raw + first);
  }
  return concat3(p, "Elixir.", "", raw);
}

/* ---- keyword lists ---- */

/* Parses `k: v, k2: v2` into tuples appended to out. closer: the token that
 * may follow a trailing comma (NULL in calls). */
static int parse_kw_pairs(parser *p, vec *out, const char *closer) {
  for (;;) {
    lx_token *t = cur(p);
    if (t->kind != TK_KW) {
      if (t->kind == TK_EOF || t->kind == TK_NL) { err_unexpected(p, t); return -1; }
      perr(p, t->line, t->col, "unexpected expression after keyword list. Keyword lists must always come last in lists and maps");
      return -1;
    }
    if (t->interp) {
      perr(p, t->line, t->col, "interpolation in keyword keys is not supported yet");
      return -1;
    }
    next(p);
    skip_nl(p);
    ast *key = mk_atom(p, t->text, t->line, t->col);
    ast *val = key ? parse_expr(p) : NULL;
    if (!val) return -1;
    ast *tup = mk2(p, AST_TUPLE, t->line, t->col, key, val);
    if (!tup || vpush(p, out, tup) < 0) return -1;
    if (closer) skip_nl(p);
    if (!is_op(cur(p), ",")) return 0;
    if (closer) {
      size_t save = p->pos;
      next(p);
      skip_nl(p);
      if (is_op(cur(p), closer)) return 0;
      (void)save;
    } else {
      next(p);
      skip_nl(p);
    }
  }
}

static ast *kw_list(parser *p, vec *pairs) {
  ast *l = mk(p, AST_LIST, pairs->v[0]->line, pairs->v[0]->col);
  if (!l) return NULL;
  set_kids(l, pairs);
  return l;
}

/* Is node a keyword list [{atom, v}, ...]? */
static int is_kw_list(const ast *n) {
  if (!n || n->kind != AST_LIST || n->ival) return 0;
  for (uint32_t i = 0; i < n->nkids; i++) {
    const ast *k = n->kids[i];
    if (k->kind != AST_TUPLE || k->nkids != 2 || k->kids[0]->kind != AST_ATOM) return 0;
  }
  return n->nkids > 0;
}

static ast *kw_get(const ast *kw, const char *key, int *count) {
  ast *r = NULL;
  for (uint32_t i = 0; i < kw->nkids; i++)
    if (!strcmp(kw->kids[i]->kids[0]->str, key)) {
      r = kw->kids[i]->kids[1];
      if (count) (*count)++;
    }
  return r;
}

/* ---- call arguments and do blocks ---- */

typedef struct dosec {
  int present, is_clauses, empty;
  ast *body;
  vec clauses;
  lx_token *tok;
} dosec;

enum { SEC_DO, SEC_ELSE, SEC_AFTER, SEC_N };

typedef struct doblock {
  int present;
  lx_token *tok;
  dosec s[SEC_N];
} doblock;

static int parse_paren_args(parser *p, vec *args) {
  lx_token *open = cur(p);
  if (push_open(p, "(", ")", open->line) < 0) return -1;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  skip_nl(p);
  while (!is_op(cur(p), ")")) {
    if (cur(p)->kind == TK_KW) {
      vec kw = {0};
      if (parse_kw_pairs(p, &kw, NULL) < 0) return -1;
      ast *l = kw_list(p, &kw);
      if (!l || vpush(p, args, l) < 0) return -1;
      skip_nl(p);
      if (!is_op(cur(p), ")")) { err_unexpected(p, cur(p)); return -1; }
      break;
    }
    ast *e = parse_expr(p);
    if (!e || vpush(p, args, e) < 0) return -1;
    skip_nl(p);
    if (is_op(cur(p), ",")) {
      next(p);
      skip_nl(p);
      if (is_op(cur(p), ")")) { perr(p, cur(p)->line, cur(p)->col, "syntax error before: ')'"); return -1; }
      continue;
    }
    if (!is_op(cur(p), ")")) { err_unexpected(p, cur(p)); return -1; }
  }
  next(p);
  pop_open(p);
  p->noparen = saved;
  return 0;
}

static int parse_noparen_args(parser *p, vec *args) {
  int saved = p->noparen;
  p->noparen = 1;
  for (;;) {
    if (cur(p)->kind == TK_KW) {
      vec kw = {0};
      if (parse_kw_pairs(p, &kw, NULL) < 0) return -1;
      ast *l = kw_list(p, &kw);
      if (!l || vpush(p, args, l) < 0) return -1;
      break;
    }
    ast *e = parse_expr(p);
    if (!e || vpush(p, args, e) < 0) return -1;
    if (!is_op(cur(p), ",")) break;
    next(p);
    skip_nl(p);
  }
  p->noparen = saved;
  return 0;
}

static int parse_clauses(parser *p, vec *out) {
  for (;;) {
    skip_nl(p);
    if (term_block(p)) return 0;
    ast *c = parse_clause(p);
    if (!c || vpush(p, out, c) < 0) return -1;
  }
}

static int parse_section(parser *p, dosec *s, lx_token *t) {
  s->present = 1;
  s->tok = t;
  skip_nl(p);
  if (term_block(p)) {
    s->empty = 1;
    s->body = mk_atom(p, "nil", t->line, t->col);
    return s->body ? 0 : -1;
  }
  if (looks_like_clause(p)) {
    s->is_clauses = 1;
    return parse_clauses(p, &s->clauses);
  }
  vec v = {0};
  if (parse_stmts(p, &v, term_block) < 0) return -1;
  s->body = mk_body(p, &v, t);
  return s->body ? 0 : -1;
}

static int parse_do_block(parser *p, doblock *db) {
  lx_token *t = cur(p);
  db->present = 1;
  db->tok = t;
  if (push_open(p, "do", "end", t->line) < 0) return -1;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  int sec = SEC_DO;
  lx_token *st = t;
  for (;;) {
    if (parse_section(p, &db->s[sec], st) < 0) return -1;
    lx_token *c = cur(p);
    if (is_id(c, "end")) {
      next(p);
      break;
    }
    if (is_id(c, "else") || is_id(c, "after")) {
      sec = is_id(c, "else") ? SEC_ELSE : SEC_AFTER;
      if (db->s[sec].present) { perr(p, c->line, c->col, "duplicate %s block", c->text); return -1; }
      st = c;
      next(p);
      continue;
    }
    if (is_id(c, "rescue") || is_id(c, "catch")) {
      perr(p, c->line, c->col, "%s blocks are not supported yet (try is Tier 2)", c->text);
      return -1;
    }
    err_unexpected(p, c);
    return -1;
  }
  pop_open(p);
  p->noparen = saved;
  return 0;
}

static ast *sec_body(parser *p, dosec *s) {
  if (s->is_clauses) {
    ast *c = s->clauses.v[0];
    return perr(p, c->line, c->col, "syntax error before: '->' (unexpected clauses in %s block)", s->tok->text);
  }
  return s->body;
}

/* ---- special forms ---- */

static ast *build_if(parser *p, lx_token *t, vec *args, doblock *db, int unless) {
  ast *cond = NULL, *then = NULL, *els = NULL;
  if (db->present) {
    if (args->n != 1 || db->s[SEC_AFTER].present)
      return perr(p, t->line, t->col, "invalid arguments for %s, expected a condition and a do block", t->text);
    cond = args->v[0];
    if (!(then = sec_body(p, &db->s[SEC_DO]))) return NULL;
    if (db->s[SEC_ELSE].present && !(els = sec_body(p, &db->s[SEC_ELSE]))) return NULL;
  } else {
    if (args->n != 2 || !is_kw_list(args->v[1]))
      return perr(p, t->line, t->col, "invalid or duplicate keys for %s, only \"do\" and an optional \"else\" are permitted", t->text);
    int nd = 0, ne = 0;
    then = kw_get(args->v[1], "do", &nd);
    els = kw_get(args->v[1], "else", &ne);
    if (nd != 1 || ne > 1 || (uint32_t)(nd + ne) != args->v[1]->nkids)
      return perr(p, t->line, t->col, "invalid or duplicate keys for %s, only \"do\" and an optional \"else\" are permitted", t->text);
    cond = args->v[0];
  }
  if (unless) {
    ast *tmp = then;
    then = els ? els : mk_atom(p, "nil", t->line, t->col);
    els = tmp;
    if (!then) return NULL;
  }
  ast *n = mkt(p, AST_IF, t);
  if (!n) return NULL;
  vec v = {0};
  if (vpush(p, &v, cond) < 0 || vpush(p, &v, then) < 0 || vpush(p, &v, els) < 0) return NULL;
  set_kids(n, &v);
  return n;
}

/* `(pat -> e; ...)`: clauses as a keyword's value (ast.h) */
static int is_clause_list(const ast *n) { return n && n->kind == AST_BLOCK && n->ival == AST_CLAUSE_LIST; }

/* A do section from clauses given as a keyword's value. */
static void sec_from_clauses(dosec *d, ast *list, lx_token *t) {
  memset(d, 0, sizeof *d);
  d->present = 1;
  d->is_clauses = 1;
  d->tok = t;
  d->clauses.v = list->kids;
  d->clauses.n = d->clauses.cap = list->nkids;
}

static int check_single_pattern(parser *p, vec *clauses, const char *what, int allow_guard) {
  for (uint32_t i = 0; i < clauses->n; i++) {
    ast *c = clauses->v[i];
    if (c->ival != 1) {
      perr(p, c->line, c->col, "expected one expression before -> in %s", what);
      return -1;
    }
    if (!allow_guard && c->kids[1]) {
      perr(p, c->line, c->col, "unexpected when in %s clause", what);
      return -1;
    }
  }
  return 0;
}

static ast *build_clauses_form(parser *p, lx_token *t, vec *args, doblock *db, ast_kind kind) {
  const char *what = t->text;
  /* case x, do: (pat -> e; ...): the do block from the keyword */
  if (!db->present && args->n && is_kw_list(args->v[args->n - 1])) {
    ast *kw = args->v[args->n - 1];
    int nd = 0;
    ast *d = kw_get(kw, "do", &nd);
    if (nd == 1 && kw->nkids == 1 && is_clause_list(d)) {
      db->present = 1;
      db->tok = t;
      sec_from_clauses(&db->s[SEC_DO], d, t);
      args->n--;
    }
  }
  if (!db->present) return perr(p, t->line, t->col, "missing do block for %s", what);
  if (db->s[SEC_ELSE].present || (kind != AST_RECEIVE && db->s[SEC_AFTER].present)) {
    lx_token *b = db->s[SEC_ELSE].present ? db->s[SEC_ELSE].tok : db->s[SEC_AFTER].tok;
    return perr(p, b->line, b->col, "unexpected %s block in %s", b->text, what);
  }
  dosec *d = &db->s[SEC_DO];
  int empty_do = !d->is_clauses;
  if (empty_do && !d->empty)
    return perr(p, d->body ? d->body->line : t->line, d->body ? d->body->col : t->col, "expected -> clauses for \"do\" in \"%s\"", what);
  ast *n = mkt(p, kind, t);
  if (!n) return NULL;
  vec v = {0};
  if (kind == AST_CASE) {
    if (args->n > 1) return perr(p, t->line, t->col, "case expects one subject and a do block");
    if (empty_do) return perr(p, t->line, t->col, "expected -> clauses for \"do\" in \"case\"");
    if (check_single_pattern(p, &d->clauses, "case", 1) < 0) return NULL;
    if (vpush(p, &v, args->n ? args->v[0] : NULL) < 0) return NULL; /* NULL: filled by a pipe */
  } else {
    if (args->n) return perr(p, args->v[0]->line, args->v[0]->col, "%s expects only a do block", what);
  }
  if (kind == AST_COND) {
    if (empty_do) return perr(p, t->line, t->col, "expected -> clauses for \"do\" in \"cond\"");
    if (check_single_pattern(p, &d->clauses, "cond", 0) < 0) return NULL;
  }
  if (kind == AST_RECEIVE) {
    if (!d->is_clauses) d->clauses.n = 0;
    if (check_single_pattern(p, &d->clauses, "receive", 1) < 0) return NULL;
    n->ival = d->clauses.n;
  }
  for (uint32_t i = 0; i < d->clauses.n; i++)
    if (vpush(p, &v, d->clauses.v[i]) < 0) return NULL;
  if (kind == AST_RECEIVE) {
    ast *tmo = NULL, *body = NULL;
    dosec *a = &db->s[SEC_AFTER];
    if (a->present) {
      if (!a->is_clauses || a->clauses.n != 1)
        return perr(p, a->tok->line, a->tok->col, "expected a single -> clause for \"after\" in \"receive\"");
      ast *c = a->clauses.v[0];
      if (c->ival != 1 || c->kids[1]) return perr(p, c->line, c->col, "expected a single -> clause for \"after\" in \"receive\"");
      tmo = c->kids[0];
      body = c->kids[2];
    }
    if (vpush(p, &v, tmo) < 0 || vpush(p, &v, body) < 0) return NULL;
  }
  set_kids(n, &v);
  return n;
}

/* The AST_BLOCK ival of the definitions one def statement gives (a clause
 * and the functions its default arguments make, or none for a head). */
#define DEF_GROUP 2

/* The record of name/arity in the module being parsed (added if new). */
static def_seen *def_note(parser *p, const char *name, uint32_t arity, int priv, const ast *at) {
  const char *mod = p->mods[p->nmods - 1];
  for (uint32_t i = p->ndefs; i-- > 0;) {
    def_seen *d = &p->defs[i];
    if (d->module != mod) break;
    if (d->arity == arity && !strcmp(d->name, name)) return d;
  }
  if (p->ndefs == p->defs_cap) {
    uint32_t cap = p->defs_cap ? p->defs_cap * 2 : 16;
    def_seen *n = ast_alloc(p->arena, cap * sizeof *n);
    if (!n) {
      perr(p, at->line, at->col, "out of memory");
      return NULL;
    }
    if (p->ndefs) memcpy(n, p->defs, p->ndefs * sizeof *n);
    p->defs = n;
    p->defs_cap = cap;
  }
  def_seen *d = &p->defs[p->ndefs++];
  *d = (def_seen){mod, name, arity, at->line, at->col, priv, 0, 0, 0};
  return d;
}

static ast *build_def(parser *p, lx_token *t, vec *args, doblock *db) {
  int priv = !strcmp(t->text, "defp");
  if (p->nmods == 0) return perr(p, t->line, t->col, "cannot invoke %s/2 outside module", t->text);
  ast *body = NULL;
  if (db->present) {
    if (args->n != 1) return perr(p, t->line, t->col, "invalid arguments for %s", t->text);
    if (db->s[SEC_ELSE].present || db->s[SEC_AFTER].present)
      return perr(p, t->line, t->col, "else/after blocks in %s are not supported yet (Tier 2)", t->text);
    if (!(body = sec_body(p, &db->s[SEC_DO]))) return NULL;
  } else if (args->n == 2 && is_kw_list(args->v[1])) {
    int nd = 0;
    body = kw_get(args->v[1], "do", &nd);
    if (nd != 1 || args->v[1]->nkids != 1)
      return perr(p, t->line, t->col, "keyword options other than do: in %s are not supported yet", t->text);
  } else if (args->n == 1) {
    body = NULL; /* a head: declares defaults, or nothing */
  } else {
    return perr(p, t->line, t->col, "invalid arguments for %s", t->text);
  }
  ast *head = args->v[0], *guard = NULL;
  if (head->kind == AST_BINOP && !strcmp(head->op, "when")) {
    guard = head->kids[1];
    head = head->kids[0];
  }
  vec pats = {0};
  const char *name;
  if (head->kind == AST_CALL) {
    name = head->str;
    for (uint32_t i = 0; i < head->nkids; i++)
      if (vpush(p, &pats, head->kids[i]) < 0) return NULL;
  } else if (head->kind == AST_VAR) {
    name = head->str;
  } else {
    return perr(p, head->line, head->col, "invalid function head in %s", t->text);
  }
  /* `p \\ default` parameters: p is the pattern */
  ast **defaults = ast_alloc(p->arena, (pats.n + 1) * sizeof(ast *));
  if (!defaults) return perr(p, t->line, t->col, "out of memory");
  uint32_t nd = 0;
  for (uint32_t i = 0; i < pats.n; i++) {
    ast *e = pats.v[i];
    defaults[i] = NULL;
    if (e->kind == AST_BINOP && !strcmp(e->op, "\\\\")) {
      defaults[i] = e->kids[1];
      pats.v[i] = e->kids[0];
      nd++;
    }
  }
  def_seen *ds = def_note(p, name, pats.n, priv, head);
  if (!ds) return NULL;
  if (nd && ds->defaults)
    return perr(p, head->line, head->col,
                "%s %s/%u defines defaults multiple times. Elixir allows defaults to be declared once per definition",
                t->text, name, (unsigned)pats.n);
  ds->defaults |= nd > 0;
  ds->heads |= !body;
  vec out = {0};
  if (body) {
    ds->clauses = 1;
    ast *c = mk(p, AST_CLAUSE, head->line, head->col);
    if (!c) return NULL;
    c->ival = pats.n;
    vec kids = {0};
    for (uint32_t i = 0; i < pats.n; i++)
      if (vpush(p, &kids, pats.v[i]) < 0) return NULL;
    if (vpush(p, &kids, guard) < 0 || vpush(p, &kids, body) < 0) return NULL;
    set_kids(c, &kids);
    ast *d = mk1(p, AST_DEF, t->line, t->col, c);
    if (!d) return NULL;
    d->str = name;
    d->len = strlen(name);
    d->ival = priv;
    if (!nd) return d;
    if (vpush(p, &out, d) < 0) return NULL;
  }
  /* one function per arity the defaults allow, calling the full one: with
   * m arguments, the required parameters and the first m - required
   * defaulted ones take them, in order; the other defaults fill in */
  uint32_t req = pats.n - nd;
  for (uint32_t m = req; m < pats.n; m++) {
    uint32_t given = m - req, used = 0, k = 0;
    vec params = {0}, call_args = {0};
    for (uint32_t i = 0; i < pats.n; i++) {
      ast *a;
      if (!defaults[i] || used++ < given) {
        char *v = ast_alloc(p->arena, 16);
        if (!v) return perr(p, t->line, t->col, "out of memory");
        snprintf(v, 16, "default@%u", (unsigned)++k);
        if (!(a = mk_var(p, t, v)) || vpush(p, &params, a) < 0) return NULL;
        a = mk_var(p, t, v);
      } else {
        a = defaults[i];
      }
      if (!a || vpush(p, &call_args, a) < 0) return NULL;
    }
    ast *call = mkt(p, AST_CALL, t);
    ast *c = mk(p, AST_CLAUSE, head->line, head->col);
    if (!call || !c) return NULL;
    set_kids(call, &call_args);
    call->str = name;
    call->len = strlen(name);
    c->ival = params.n;
    if (vpush(p, &params, NULL) < 0 || vpush(p, &params, call) < 0) return NULL;
    set_kids(c, &params);
    ast *d = mk1(p, AST_DEF, t->line, t->col, c);
    if (!d || vpush(p, &out, d) < 0) return NULL;
    d->str = name;
    d->len = strlen(name);
    d->ival = priv;
  }
  /* several definitions in one statement (parse_defmodule splices them) */
  ast *b = mkt(p, AST_BLOCK, t);
  if (!b) return NULL;
  set_kids(b, &out);
  b->ival = DEF_GROUP;
  return b;
}

/* match?(pattern, expr), or match?(pattern when guard, expr), is
 * `case expr do pattern [when guard] -> true; _ -> false end` */
static ast *build_match_q(parser *p, lx_token *t, vec *args) {
  ast *pat = args->v[0], *guard = NULL;
  if (pat->kind == AST_BINOP && !strcmp(pat->op, "when")) {
    guard = pat->kids[1];
    pat = pat->kids[0];
  }
  ast *yes = mk(p, AST_CLAUSE, t->line, t->col), *no = mk(p, AST_CLAUSE, t->line, t->col);
  ast *any = mk(p, AST_VAR, t->line, t->col), *cs = mk(p, AST_CASE, t->line, t->col);
  vec yk = {0}, nk = {0}, ck = {0};
  if (!yes || !no || !any || !cs) return NULL;
  any->str = "_";
  any->len = 1;
  if (vpush(p, &yk, pat) < 0 || vpush(p, &yk, guard) < 0 ||
      vpush(p, &yk, mk_atom(p, "true", t->line, t->col)) < 0 || vpush(p, &nk, any) < 0 ||
      vpush(p, &nk, NULL) < 0 || vpush(p, &nk, mk_atom(p, "false", t->line, t->col)) < 0 ||
      vpush(p, &ck, args->v[1]) < 0 || vpush(p, &ck, yes) < 0 || vpush(p, &ck, no) < 0)
    return NULL;
  set_kids(yes, &yk);
  set_kids(no, &nk);
  set_kids(cs, &ck);
  yes->ival = no->ival = 1;
  return cs;
}

/* ---- for comprehensions ----
 * `for pat <- enum, filter, ..., into: c, uniq: true, do: body` becomes
 *
 *   Enum.reverse(Enum.reduce(enum, [], fn for@x, for@acc ->
 *     case for@x do
 *       pat -> if filter, do: [body | for@acc], else: for@acc
 *       _ -> for@acc
 *     end
 *   end))
 *
 * with one reduce per generator (nested, so a later generator sees the
 * earlier ones' variables), then Enum.uniq for `uniq: true` and
 * Kernel.__for_into__ for `into:` (whose collectable is evaluated and
 * checked first, and each value as the body gives it, as Elixir does). `reduce: acc0` threads acc0 instead of a list and ends
 * with `case for@acc do <the do block's clauses> end`. */

typedef struct for_form {
  lx_token *t;
  ast **quals;
  uint32_t nquals;
  ast *body;        /* non-reduce: the do body */
  vec *clauses;     /* reduce: the do block's clauses */
} for_form;

/* `case nil do _ -> e end`: e in a scope of its own, whose bindings are
 * seen neither after it nor outside (a generator's or a <- step's
 * enumerable or value, as in Elixir); e itself when it binds nothing
 * (binds: a match outside any fn). */
static int binds(const ast *e) {
  if (!e || e->kind == AST_FN) return 0;
  if (e->kind == AST_MATCH) return 1;
  for (uint32_t i = 0; i < e->nkids; i++)
    if (binds(e->kids[i])) return 1;
  return 0;
}

static ast *scoped(parser *p, lx_token *t, ast *e) {
  if (!binds(e)) return e; /* nothing to keep in */
  ast *cl = mk_clause(p, t, mk_var(p, t, "_"), NULL, e);
  ast *cs = cl ? mk2(p, AST_CASE, t->line, t->col, mk_atom(p, "nil", t->line, t->col), cl) : NULL;
  return cs;
}

/* The comprehension from qualifier i on, into the accumulator `acc` (an
 * expression: [] or acc0 at the top, the variable for@acc inside). */
static ast *for_level(parser *p, const for_form *f, uint32_t i, ast *acc) {
  lx_token *t = f->t;
  if (!acc) return NULL;
  if (i == f->nquals) {
    if (f->clauses) { /* reduce: the user's clauses on the accumulator */
      ast *cs = mkt(p, AST_CASE, t);
      vec v = {0};
      if (!cs || vpush(p, &v, acc) < 0) return NULL;
      for (uint32_t k = 0; k < f->clauses->n; k++)
        if (vpush(p, &v, f->clauses->v[k]) < 0) return NULL;
      set_kids(cs, &v);
      return cs;
    }
    ast *l = mk2(p, AST_LIST, t->line, t->col, f->body, acc);
    if (l) l->ival = 1;
    return l;
  }
  ast *q = f->quals[i];
  if (q->kind == AST_BINOP && !strcmp(q->op, "<-")) {
    ast *pat = q->kids[0], *guard = NULL;
    if (pat->kind == AST_BINOP && !strcmp(pat->op, "when")) {
      guard = pat->kids[1];
      pat = pat->kids[0];
    }
    ast *inner = for_level(p, f, i + 1, mk_var(p, t, "for@acc"));
    ast *hit = mk_clause(p, t, pat, guard, inner);
    ast *miss = mk_clause(p, t, mk_var(p, t, "_"), NULL, mk_var(p, t, "for@acc"));
    ast *cs = mkt(p, AST_CASE, t);
    vec cv = {0};
    if (!hit || !miss || !cs || vpush(p, &cv, mk_var(p, t, "for@x")) < 0 || vpush(p, &cv, hit) < 0 ||
        vpush(p, &cv, miss) < 0)
      return NULL;
    set_kids(cs, &cv);
    ast *fc = mkt(p, AST_CLAUSE, t), *fn = mkt(p, AST_FN, t);
    vec fv = {0}, fnv = {0};
    if (!fc || !fn || vpush(p, &fv, mk_var(p, t, "for@x")) < 0 || vpush(p, &fv, mk_var(p, t, "for@acc")) < 0 ||
        vpush(p, &fv, NULL) < 0 || vpush(p, &fv, cs) < 0 || vpush(p, &fnv, fc) < 0)
      return NULL;
    set_kids(fc, &fv);
    fc->ival = 2;
    set_kids(fn, &fnv);
    return mk_remote(p, t, "Elixir.Enum", "reduce", scoped(p, t, q->kids[1]), acc, fn);
  }
  /* a filter: go on when it is truthy (its variables, from a match, are
   * bound for the rest); both branches read the one accumulator node (the
   * compiler only reads the tree, as with's else clauses rely on too) */
  ast *n = mkt(p, AST_IF, t);
  vec v = {0};
  if (!n || vpush(p, &v, q) < 0 || vpush(p, &v, for_level(p, f, i + 1, acc)) < 0 || vpush(p, &v, acc) < 0)
    return NULL;
  set_kids(n, &v);
  return n;
}

static const char for_reduce_msg[] =
    "when using :reduce with comprehensions, the do block must be written using acc -> expr clauses, "
    "where each clause expects the accumulator as a single argument";
static const char for_uniq_msg[] = ":uniq option for comprehensions only accepts a boolean";

static ast *build_for(parser *p, lx_token *t, vec *args, doblock *db) {
  for_form f = {t, args->v, args->n, NULL, NULL};
  ast *into = NULL, *uniq = NULL, *reduce = NULL, *do_kw = NULL;
  if (f.nquals && is_kw_list(args->v[f.nquals - 1])) {
    ast *kw = args->v[--f.nquals];
    for (uint32_t i = 0; i < kw->nkids; i++) {
      const char *k = kw->kids[i]->kids[0]->str;
      ast *v = kw->kids[i]->kids[1];
      if (!strcmp(k, "into")) into = v;
      else if (!strcmp(k, "uniq")) uniq = v;
      else if (!strcmp(k, "reduce")) reduce = v;
      else if (!strcmp(k, "do") && !db->present) do_kw = v;
      else return perr(p, t->line, t->col, "unsupported option :%s given to for", k);
    }
  }
  if (!f.nquals || f.quals[0]->kind != AST_BINOP || strcmp(f.quals[0]->op, "<-"))
    return perr(p, t->line, t->col, "for comprehensions must start with a generator");
  if (reduce && (into || uniq))
    return perr(p, t->line, t->col, "cannot use :reduce alongside :into/:uniq in comprehension");
  if (uniq && !(uniq->kind == AST_ATOM && (!strcmp(uniq->str, "true") || !strcmp(uniq->str, "false")))) {
    /* a literal boolean (Elixir shows what it got as source) */
    if (uniq->kind == AST_VAR) return perr(p, t->line, t->col, "%s, got: %s", for_uniq_msg, uniq->str);
    if (uniq->kind == AST_INT) return perr(p, t->line, t->col, "%s, got: %lld", for_uniq_msg, (long long)uniq->ival);
    if (uniq->kind == AST_ATOM) return perr(p, t->line, t->col, "%s, got: %s%s", for_uniq_msg, strcmp(uniq->str, "nil") ? ":" : "", uniq->str);
    return perr(p, t->line, t->col, "%s", for_uniq_msg);
  }
  if (db->present) {
    if (db->s[SEC_ELSE].present || db->s[SEC_AFTER].present) {
      lx_token *b = db->s[SEC_ELSE].present ? db->s[SEC_ELSE].tok : db->s[SEC_AFTER].tok;
      return perr(p, b->line, b->col, "unexpected %s block in for", b->text);
    }
    dosec *d = &db->s[SEC_DO];
    if (reduce) {
      int one = d->is_clauses;
      for (uint32_t i = 0; one && i < d->clauses.n; i++) one = d->clauses.v[i]->ival == 1;
      if (!one) return perr(p, t->line, t->col, "%s", for_reduce_msg);
      f.clauses = &d->clauses;
    } else if (!(f.body = sec_body(p, d))) {
      return NULL;
    }
  } else {
    if (!do_kw) return perr(p, t->line, t->col, "missing :do option in \"for\"");
    if (reduce && is_clause_list(do_kw)) {
      for (uint32_t i = 0; i < do_kw->nkids; i++)
        if (do_kw->kids[i]->ival != 1) return perr(p, t->line, t->col, "%s", for_reduce_msg);
      sec_from_clauses(&db->s[SEC_DO], do_kw, t);
      f.clauses = &db->s[SEC_DO].clauses;
    } else if (reduce) {
      return perr(p, t->line, t->col, "%s", for_reduce_msg);
    } else {
      f.body = do_kw;
    }
  }
  if (reduce) return for_level(p, &f, 0, reduce);
  /* into a binary, each value is checked as it comes (Elixir raises there) */
  if (into && !(f.body = mk_remote(p, t, "Elixir.Kernel", "__for_value__", mk_var(p, t, "for@into"), f.body, NULL)))
    return NULL;
  ast *r = mk_remote(p, t, "Elixir.Enum", "reverse", for_level(p, &f, 0, mkt(p, AST_NIL_LIST, t)), NULL, NULL);
  if (uniq && !strcmp(uniq->str, "true") && !(r = mk_remote(p, t, "Elixir.Enum", "uniq", r, NULL, NULL)))
    return NULL;
  if (!into) return r;
  /* for@into = Kernel.__for_into__(c) first, then the comprehension */
  ast *check = mk_remote(p, t, "Elixir.Kernel", "__for_into__", into, NULL, NULL);
  ast *bind = check ? mk2(p, AST_MATCH, t->line, t->col, mk_var(p, t, "for@into"), check) : NULL;
  ast *fill = mk_remote(p, t, "Elixir.Kernel", "__for_into__", r, mk_var(p, t, "for@into"), NULL);
  ast *b = mkt(p, AST_BLOCK, t);
  vec v = {0};
  if (!bind || !fill || !b || vpush(p, &v, bind) < 0 || vpush(p, &v, fill) < 0) return NULL;
  set_kids(b, &v);
  return b;
}

/* ---- with ----
 * `with pat <- e, x = e2, e3, do: body, else: clauses` becomes
 *
 *   with@else = fn with@v -> case with@v do clauses; with@v -> error({:with_clause, with@v}) end end
 *   case e do
 *     pat -> (x = e2; e3; body)
 *     with@v -> with@else.(with@v)
 *   end
 *
 * (without else, the value that did not match: `with@v -> with@v`). As in
 * Elixir, the steps' variables stay inside (the case clauses keep them, and
 * a scope of its own when a match comes before the first <-), a step's
 * value is computed in a scope of its own (scoped), and the else clauses
 * see only the variables from before the with; the body and the else call
 * stay in tail position. */
static ast *with_else_fn(parser *p, lx_token *t, vec *clauses) {
  ast *cs = mkt(p, AST_CASE, t);
  ast *err = mk2(p, AST_TUPLE, t->line, t->col, mk_atom(p, "with_clause", t->line, t->col), mk_var(p, t, "with@v"));
  ast *raise = err ? mk_remote(p, t, "erlang", "error", err, NULL, NULL) : NULL;
  ast *last = raise ? mk_clause(p, t, mk_var(p, t, "with@v"), NULL, raise) : NULL;
  vec v = {0};
  if (!cs || !last || vpush(p, &v, mk_var(p, t, "with@v")) < 0) return NULL;
  for (uint32_t i = 0; i < clauses->n; i++)
    if (vpush(p, &v, clauses->v[i]) < 0) return NULL;
  if (vpush(p, &v, last) < 0) return NULL;
  set_kids(cs, &v);
  ast *cl = mk_clause(p, t, mk_var(p, t, "with@v"), NULL, cs);
  ast *fn = cl ? mk1(p, AST_FN, t->line, t->col, cl) : NULL;
  return fn ? mk2(p, AST_MATCH, t->line, t->col, mk_var(p, t, "with@else"), fn) : NULL;
}

static ast *with_else(parser *p, lx_token *t, vec *clauses) {
  if (!clauses) return mk_var(p, t, "with@v");
  return mk2(p, AST_APPLY, t->line, t->col, mk_var(p, t, "with@else"), mk_var(p, t, "with@v"));
}

static ast *with_level(parser *p, lx_token *t, ast **quals, uint32_t n, ast *body, vec *clauses) {
  if (!n) return body;
  ast *q = quals[0];
  ast *rest = with_level(p, t, quals + 1, n - 1, body, clauses);
  if (!rest) return NULL;
  if (q->kind == AST_BINOP && !strcmp(q->op, "<-")) {
    ast *pat = q->kids[0], *guard = NULL;
    if (pat->kind == AST_BINOP && !strcmp(pat->op, "when")) {
      guard = pat->kids[1];
      pat = pat->kids[0];
    }
    ast *hit = mk_clause(p, t, pat, guard, rest);
    ast *miss = mk_clause(p, t, mk_var(p, t, "with@v"), NULL, with_else(p, t, clauses));
    ast *cs = mkt(p, AST_CASE, t);
    vec v = {0};
    if (!hit || !miss || !cs || vpush(p, &v, scoped(p, t, q->kids[1])) < 0 || vpush(p, &v, hit) < 0 ||
        vpush(p, &v, miss) < 0)
      return NULL;
    set_kids(cs, &v);
    return cs;
  }
  /* a match or any other expression: evaluated, then the rest */
  ast *b = mkt(p, AST_BLOCK, t);
  vec v = {0};
  if (!b || vpush(p, &v, q) < 0 || vpush(p, &v, rest) < 0) return NULL;
  set_kids(b, &v);
  return b;
}

static ast *build_with(parser *p, lx_token *t, vec *args, doblock *db) {
  uint32_t n = args->n;
  ast *body = NULL;
  vec *clauses = NULL;
  if (n && is_kw_list(args->v[n - 1])) {
    ast *kw = args->v[--n];
    for (uint32_t i = 0; i < kw->nkids; i++) {
      const char *k = kw->kids[i]->kids[0]->str;
      ast *val = kw->kids[i]->kids[1];
      if (!strcmp(k, "do") && !db->present) {
        body = val;
      } else if (!strcmp(k, "else") && !db->present && is_clause_list(val)) {
        sec_from_clauses(&db->s[SEC_ELSE], val, t);
        if (check_single_pattern(p, &db->s[SEC_ELSE].clauses, "with", 1) < 0) return NULL;
        clauses = &db->s[SEC_ELSE].clauses;
      } else if (!strcmp(k, "else")) {
        return perr(p, t->line, t->col, "expected -> clauses for :else in \"with\"");
      } else {
        return perr(p, t->line, t->col, "unexpected option :%s in \"with\"", k);
      }
    }
  }
  if (db->present) {
    if (db->s[SEC_AFTER].present)
      return perr(p, db->s[SEC_AFTER].tok->line, db->s[SEC_AFTER].tok->col, "unexpected after block in with");
    if (!(body = sec_body(p, &db->s[SEC_DO]))) return NULL;
    dosec *e = &db->s[SEC_ELSE];
    if (e->present) {
      if (!e->is_clauses) return perr(p, t->line, t->col, "expected -> clauses for :else in \"with\"");
      if (check_single_pattern(p, &e->clauses, "with", 1) < 0) return NULL;
      clauses = &e->clauses;
    }
  }
  if (!body) return perr(p, t->line, t->col, "missing :do option in \"with\"");
  ast *chain = with_level(p, t, args->v, n, body, clauses);
  if (chain && clauses) {
    ast *b = mkt(p, AST_BLOCK, t);
    vec v = {0};
    if (!b || vpush(p, &v, with_else_fn(p, t, clauses)) < 0 || vpush(p, &v, chain) < 0) return NULL;
    set_kids(b, &v);
    chain = b;
  }
  /* steps before the first <- would bind in the enclosing scope */
  int open = n && !(args->v[0]->kind == AST_BINOP && !strcmp(args->v[0]->op, "<-"));
  return chain && open ? scoped(p, t, chain) : chain;
}

/* Builds the node for a call once its arguments (and do block) are known. */
static ast *finish_call(parser *p, lx_token *t, ast *module, const char *name, vec *args, doblock *db) {
  if (!module) {
    if (!strcmp(name, "if") || !strcmp(name, "unless")) return build_if(p, t, args, db, name[0] == 'u');
    if (!strcmp(name, "case")) return build_clauses_form(p, t, args, db, AST_CASE);
    if (!strcmp(name, "cond")) return build_clauses_form(p, t, args, db, AST_COND);
    if (!strcmp(name, "receive")) return build_clauses_form(p, t, args, db, AST_RECEIVE);
    if (!strcmp(name, "def") || !strcmp(name, "defp")) return build_def(p, t, args, db);
    if (!strcmp(name, "match?") && args->n == 2 && !db->present) return build_match_q(p, t, args);
    if (!strcmp(name, "for")) return build_for(p, t, args, db);
    if (!strcmp(name, "with")) return build_with(p, t, args, db);
  }
  if (db->present) return perr(p, db->tok->line, db->tok->col, "a do block in a call to %s is not supported yet", name);
  if (!module) {
    ast *n = mkt(p, AST_CALL, t);
    if (!n) return NULL;
    n->str = name;
    n->len = strlen(name);
    set_kids(n, args);
    return n;
  }
  ast *n = mk(p, AST_REMOTE, module->line, module->col);
  if (!n) return NULL;
  vec v = {0};
  if (vpush(p, &v, module) < 0) return NULL;
  for (uint32_t i = 0; i < args->n; i++)
    if (vpush(p, &v, args->v[i]) < 0) return NULL;
  set_kids(n, &v);
  n->str = name;
  n->len = strlen(name);
  return n;
}

/* After a callee name: parse `(args)`, no-parens args, and a do block.
 * *called is set when anything call-like followed. */
static int parse_call_tail(parser *p, vec *args, doblock *db, int *called, int *noparen_call) {
  lx_token *n = cur(p);
  int outer = !p->noparen;
  *called = 0;
  *noparen_call = 0;
  if (is_op(n, "(") && !n->space_before) {
    *called = 1;
    if (parse_paren_args(p, args) < 0) return -1;
  } else if (arg_start_at(p, 0)) {
    *called = 1;
    *noparen_call = 1;
    if (parse_noparen_args(p, args) < 0) return -1;
  }
  if (outer && is_id(cur(p), "do")) {
    *called = 1;
    if (parse_do_block(p, db) < 0) return -1;
  }
  return 0;
}

const char *ast_later_tier(const char *s) {
  static const struct { const char *name, *msg; } tab[] = {
    {"try", "try is not supported yet (Tier 2)"},
    {"defstruct", "defstruct is not supported yet (structs are Tier 2)"},
    {"defexception", "defexception is not supported yet (Tier 2)"},
    {"use", "use is not supported yet (Tier 2)"},
    {"import", "import is not supported yet (Tier 3)"},
    {"alias", "alias is not supported yet (Tier 3)"},
    {"require", "require is not supported yet (Tier 3)"},
    {"quote", "quote is not supported yet (macros are Tier 3)"},
    {"unquote", "unquote is not supported yet (macros are Tier 3)"},
    {"defmacro", "defmacro is not supported yet (macros are Tier 3)"},
    {"defmacrop", "defmacrop is not supported yet (macros are Tier 3)"},
    {"defguard", "defguard is not supported yet (Tier 3)"},
    {"defguardp", "defguardp is not supported yet (Tier 3)"},
    {"defdelegate", "defdelegate is not supported yet (Tier 3)"},
    {"defprotocol", "defprotocol is not supported yet (protocols are Tier 3)"},
    {"defimpl", "defimpl is not supported yet (protocols are Tier 3)"},
    {"defoverridable", "defoverridable is not supported yet (Tier 3)"},
    {"super", "super is not supported yet (Tier 3)"},
  };
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
    if (!strcmp(s, tab[i].name)) return tab[i].msg;
  return NULL;
}

/* ---- primaries ---- */

static ast *parse_fn(parser *p) {
  lx_token *t = cur(p);
  if (push_open(p, "fn", "end", t->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  vec cl = {0};
  if (parse_clauses(p, &cl) < 0) return NULL;
  if (!is_id(cur(p), "end")) return err_unexpected(p, cur(p));
  if (cl.n == 0) return perr(p, t->line, t->col, "expected clauses to be defined with -> inside \"fn\"");
  next(p);
  pop_open(p);
  p->noparen = saved;
  ast *n = mkt(p, AST_FN, t);
  if (!n) return NULL;
  set_kids(n, &cl);
  return n;
}

static ast *parse_clause(parser *p) {
  lx_token *t = cur(p);
  vec pats = {0};
  if (!is_op(t, "->")) {
    for (;;) {
      ast *e = parse_expr(p);
      if (!e || vpush(p, &pats, e) < 0) return NULL;
      if (!is_op(cur(p), ",")) break;
      next(p);
      skip_nl(p);
    }
  }
  if (!is_op(cur(p), "->")) return err_unexpected(p, cur(p));
  next(p);
  ast *guard = NULL;
  for (uint32_t i = 0; i < pats.n; i++) {
    ast *e = pats.v[i];
    if (e->kind == AST_BINOP && !strcmp(e->op, "when")) {
      if (i + 1 != pats.n) return perr(p, e->line, e->col, "syntax error before: ','");
      guard = e->kids[1];
      pats.v[i] = e->kids[0];
      if (guard->kind == AST_BINOP && !strcmp(guard->op, "when"))
        return perr(p, guard->line, guard->col, "multiple when guards in one clause are not supported yet");
    }
  }
  uint32_t np = pats.n;
  vec body = {0};
  for (;;) {
    skip_nl(p);
    if (term_block(p) || looks_like_clause(p)) break;
    ast *e = parse_expr(p);
    if (!e || vpush(p, &body, e) < 0) return NULL;
    lx_token *c = cur(p);
    if (c->kind == TK_NL) continue;
    if (term_block(p)) break;
    return err_unexpected(p, c);
  }
  if (p->failed) return NULL;
  ast *b = mk_body(p, &body, t);
  if (!b) return NULL;
  ast *c = mk(p, AST_CLAUSE, t->line, t->col);
  if (!c) return NULL;
  c->ival = np;
  if (vpush(p, &pats, guard) < 0 || vpush(p, &pats, b) < 0) return NULL;
  set_kids(c, &pats);
  return c;
}

/* The comma-separated elements of a list or tuple, up to and including
 * `close`, into v. A trailing keyword list (`[1, a: 2]`, `{1, a: 2}`) adds
 * its {key, value} pairs to v, or, with wrap_kw, one list holding them (a
 * tuple's last element). Returns -1 after an error. */
static int parse_elems(parser *p, const char *close, int wrap_kw, vec *v) {
  while (!is_op(cur(p), close)) {
    if (cur(p)->kind == TK_KW) {
      if (wrap_kw) {
        vec kw = {0};
        if (parse_kw_pairs(p, &kw, close) < 0) return -1;
        ast *l = kw_list(p, &kw);
        if (!l || vpush(p, v, l) < 0) return -1;
      } else if (parse_kw_pairs(p, v, close) < 0) {
        return -1;
      }
      skip_nl(p);
      if (is_op(cur(p), ",")) { next(p); skip_nl(p); }
      if (!is_op(cur(p), close)) {
        err_unexpected(p, cur(p));
        return -1;
      }
      break;
    }
    ast *e = parse_expr(p);
    if (!e || vpush(p, v, e) < 0) return -1;
    skip_nl(p);
    if (is_op(cur(p), ",")) {
      next(p);
      skip_nl(p);
      continue;
    }
    if (!is_op(cur(p), close)) {
      err_unexpected(p, cur(p));
      return -1;
    }
  }
  next(p);
  return 0;
}

static ast *parse_list(parser *p) {
  lx_token *t = cur(p);
  if (push_open(p, "[", "]", t->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  skip_nl(p);
  vec v = {0};
  if (parse_elems(p, "]", 0, &v) < 0) return NULL;
  pop_open(p);
  p->noparen = saved;
  if (v.n == 0) return mkt(p, AST_NIL_LIST, t);
  ast *n = mkt(p, AST_LIST, t);
  if (!n) return NULL;
  for (uint32_t i = 0; i < v.n; i++) {
    ast *e = v.v[i];
    if (e->kind == AST_BINOP && !strcmp(e->op, "|")) {
      if (i + 1 != v.n) return perr(p, e->line, e->col, "misplaced operator |/2");
      /* [a, b | t]: the last element is b, the tail t */
      if (vpush(p, &v, e->kids[1]) < 0) return NULL;
      v.v[i] = e->kids[0];
      n->ival = 1;
      break;
    }
  }
  set_kids(n, &v);
  return n;
}

static ast *parse_tuple(parser *p) {
  lx_token *t = cur(p);
  if (push_open(p, "{", "}", t->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  skip_nl(p);
  vec v = {0};
  if (parse_elems(p, "}", 1, &v) < 0) return NULL;
  pop_open(p);
  p->noparen = saved;
  ast *n = mkt(p, AST_TUPLE, t);
  if (!n) return NULL;
  set_kids(n, &v);
  return n;
}

/* Map entries after `%{` (or after `|` in an update) up to `}`. */
static int parse_map_entries(parser *p, vec *v) {
  while (!is_op(cur(p), "}")) {
    if (cur(p)->kind == TK_KW) {
      vec kw = {0};
      if (parse_kw_pairs(p, &kw, "}") < 0) return -1;
      for (uint32_t i = 0; i < kw.n; i++)
        if (vpush(p, v, kw.v[i]->kids[0]) < 0 || vpush(p, v, kw.v[i]->kids[1]) < 0) return -1;
      skip_nl(p);
      if (is_op(cur(p), ",")) { next(p); skip_nl(p); }
      if (!is_op(cur(p), "}")) { err_unexpected(p, cur(p)); return -1; }
      break;
    }
    ast *k = parse_binary(p, 81);
    if (!k) return -1;
    skip_nl(p);
    if (!is_op(cur(p), "=>")) { err_unexpected(p, cur(p)); return -1; }
    next(p);
    skip_nl(p);
    ast *val = parse_binary(p, 80);
    if (!val || vpush(p, v, k) < 0 || vpush(p, v, val) < 0) return -1;
    skip_nl(p);
    if (is_op(cur(p), ",")) {
      next(p);
      skip_nl(p);
      continue;
    }
    if (!is_op(cur(p), "}")) { err_unexpected(p, cur(p)); return -1; }
  }
  return 0;
}

static ast *parse_map(parser *p) {
  lx_token *t = cur(p);
  if (push_open(p, "%{", "}", t->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  skip_nl(p);
  vec v = {0};
  ast *n;
  if (cur(p)->kind != TK_KW && !is_op(cur(p), "}")) {
    ast *first = parse_binary(p, 81);
    if (!first) return NULL;
    skip_nl(p);
    if (is_op(cur(p), "|")) {
      next(p);
      skip_nl(p);
      n = mkt(p, AST_MAP_UPDATE, t);
      if (!n || vpush(p, &v, first) < 0 || parse_map_entries(p, &v) < 0) return NULL;
      if (v.n < 3) return perr(p, t->line, t->col, "expected key-value pairs in a map update");
    } else {
      n = mkt(p, AST_MAP, t);
      if (!n) return NULL;
      if (!is_op(cur(p), "=>")) return err_unexpected(p, cur(p));
      next(p);
      skip_nl(p);
      ast *val = parse_binary(p, 80);
      if (!val || vpush(p, &v, first) < 0 || vpush(p, &v, val) < 0) return NULL;
      skip_nl(p);
      if (is_op(cur(p), ",")) {
        next(p);
        skip_nl(p);
        if (parse_map_entries(p, &v) < 0) return NULL;
      } else if (!is_op(cur(p), "}")) {
        return err_unexpected(p, cur(p));
      }
    }
  } else {
    n = mkt(p, AST_MAP, t);
    if (!n || parse_map_entries(p, &v) < 0) return NULL;
  }
  next(p);
  pop_open(p);
  p->noparen = saved;
  set_kids(n, &v);
  return n;
}

static ast *parse_paren(parser *p) {
  lx_token *t = cur(p);
  if (push_open(p, "(", ")", t->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  vec v = {0};
  skip_nl(p);
  /* `(pat -> e; ...)`: clauses as a keyword's value (do:, else:) */
  int clauses = looks_like_clause(p);
  if ((clauses ? parse_clauses(p, &v) : parse_stmts(p, &v, term_paren)) < 0) return NULL;
  if (!is_op(cur(p), ")")) return err_unexpected(p, cur(p));
  next(p);
  pop_open(p);
  p->noparen = saved;
  if (!clauses) return mk_body(p, &v, t);
  ast *n = mkt(p, AST_BLOCK, t);
  if (!n) return NULL;
  set_kids(n, &v);
  n->ival = AST_CLAUSE_LIST;
  return n;
}

/* @name value (set) or @name (read). */
static ast *parse_attr(parser *p) {
  lx_token *t = cur(p);
  lx_token *nt = at(p, 1);
  if (nt->kind != TK_IDENT || nt->space_before || is_reserved(nt)) return err_unexpected(p, nt);
  if (p->nmods == 0) return perr(p, t->line, t->col, "cannot invoke @/1 outside module");
  next(p);
  next(p);
  const char *name = nt->text;
  static const char *const skipped[] = {"spec", "type", "typep", "opaque", "callback", "macrocallback", NULL};
  for (int i = 0; skipped[i]; i++) {
    if (strcmp(name, skipped[i])) continue;
    /* typespecs are documentation only: skip the rest of the logical line */
    int depth = 0;
    while (cur(p)->kind != TK_EOF) {
      lx_token *c = cur(p);
      if (is_op(c, "(") || is_op(c, "[") || is_op(c, "{") || is_op(c, "%{") || is_op(c, "<<")) depth++;
      else if (is_op(c, ")") || is_op(c, "]") || is_op(c, "}") || is_op(c, ">>")) {
        if (depth == 0) break;
        depth--;
      } else if (depth == 0 && (c->kind == TK_NL || is_id(c, "end"))) {
        if (c->kind == TK_NL && p->pos > 0 && eats_eol(&p->toks[p->pos - 1])) { next(p); continue; }
        break;
      }
      next(p);
    }
    ast *n = mk1(p, AST_ATTR_SET, t->line, t->col, mk_atom(p, "nil", t->line, t->col));
    if (n) { n->str = name; n->len = strlen(name); }
    return n;
  }
  if (arg_start_at(p, 0) && cur(p)->kind != TK_KW) {
    int saved = p->noparen;
    p->noparen = 1;
    ast *v = parse_expr(p);
    p->noparen = saved;
    if (!v) return NULL;
    ast *n = mk1(p, AST_ATTR_SET, t->line, t->col, v);
    if (n) { n->str = name; n->len = strlen(name); }
    return n;
  }
  ast *n = mkt(p, AST_ATTR, t);
  if (n) { n->str = name; n->len = strlen(name); }
  return n;
}

static ast *parse_defmodule(parser *p) {
  lx_token *t = cur(p);
  next(p);
  if (cur(p)->kind != TK_ALIAS) {
    if (is_id(cur(p), "__MODULE__")) return perr(p, cur(p)->line, cur(p)->col, "defmodule __MODULE__.Name is not supported yet");
    return err_unexpected(p, cur(p));
  }
  const char *raw = read_alias_chain(p);
  if (!raw) return NULL;
  if (p->nmods >= PARSE_MAX_DEPTH) return perr(p, t->line, t->col, "too deeply nested modules");
  const char *full;
  if (!strncmp(raw, "Elixir.", 7) || !strcmp(raw, "Elixir")) full = raw;
  else if (p->nmods) full = concat3(p, p->mods[p->nmods - 1], ".", raw);
  else full = concat3(p, "Elixir.", "", raw);
  if (!full) return perr(p, t->line, t->col, "out of memory");
  if (!is_id(cur(p), "do")) {
    if (is_op(cur(p), ",") && at(p, 1)->kind == TK_KW)
      return perr(p, cur(p)->line, cur(p)->col, "defmodule with the do: keyword is not supported yet (use do ... end)");
    return err_unexpected(p, cur(p));
  }
  int saved_aliases = p->naliases;
  if (p->nmods && p->naliases < MAX_ALIASES && strncmp(raw, "Elixir.", 7)) {
    /* nested module: `Inner` now means `Outer.Inner` until Outer's end */
    size_t first = strcspn(raw, ".");
    char *s = ast_strndup(p->arena, raw, first);
    const char *f = concat3(p, p->mods[p->nmods - 1], ".", s ? s : "");
    if (!s || !f) return perr(p, t->line, t->col, "out of memory");
    p->aliases[p->naliases].short_name = s;
    p->aliases[p->naliases].full = f;
    p->aliases[p->naliases].level = p->nmods;
    p->naliases++;
    saved_aliases = p->naliases;
  }
  p->mods[p->nmods++] = full;
  lx_token *dt = cur(p);
  if (push_open(p, "do", "end", dt->line) < 0) return NULL;
  next(p);
  int saved = p->noparen;
  p->noparen = 0;
  vec v = {0}, stmts = {0};
  uint32_t defs0 = p->ndefs;
  if (parse_stmts(p, &stmts, term_block) < 0) return NULL;
  if (!is_id(cur(p), "end")) return err_unexpected(p, cur(p));
  for (uint32_t i = 0; i < stmts.n; i++) {
    ast *e = stmts.v[i];
    if (e->kind == AST_BLOCK && e->ival == DEF_GROUP) {
      for (uint32_t k = 0; k < e->nkids; k++)
        if (vpush(p, &v, e->kids[k]) < 0) return NULL;
    } else if (vpush(p, &v, e) < 0) {
      return NULL;
    }
  }
  /* a head needs clauses */
  for (uint32_t i = defs0; i < p->ndefs; i++) {
    def_seen *d = &p->defs[i];
    if (d->module == full && d->heads && !d->clauses)
      return perr(p, d->line, d->col, "implementation not provided for predefined %s %s/%u",
                  d->priv ? "defp" : "def", d->name, (unsigned)d->arity);
  }
  p->ndefs = defs0;
  next(p);
  pop_open(p);
  p->noparen = saved;
  p->nmods--;
  p->naliases = saved_aliases; /* aliases made inside the body end here */
  ast *body = mkt(p, AST_BLOCK, dt);
  if (!body) return NULL;
  set_kids(body, &v);
  ast *n = mk1(p, AST_DEFMODULE, t->line, t->col, body);
  if (!n) return NULL;
  n->str = full;
  n->len = strlen(full);
  return n;
}

static ast *parse_ident(parser *p) {
  lx_token *t = cur(p);
  const char *name = t->text;
  if (!strcmp(name, "true") || !strcmp(name, "false") || !strcmp(name, "nil")) {
    next(p);
    return mk_atom(p, name, t->line, t->col);
  }
  if (!strcmp(name, "fn")) return parse_fn(p);
  if (is_reserved(t)) return err_unexpected(p, t);
  if (!strcmp(name, "__MODULE__")) {
    next(p);
    return mkt(p, AST_MODULE_SELF, t);
  }
  if (!strcmp(name, "__ENV__") || !strcmp(name, "__CALLER__") || !strcmp(name, "__DIR__") ||
      !strcmp(name, "__STACKTRACE__"))
    return perr(p, t->line, t->col, "%s is not supported yet", name);
  if (!strcmp(name, "defmodule")) return parse_defmodule(p);
  lx_token *nt = at(p, 1);
  const char *unsup = ast_later_tier(name);
  if (unsup && ((is_op(nt, "(") && !nt->space_before) || is_id(nt, "do") || arg_start_at(p, 1)))
    return perr(p, t->line, t->col, "%s", unsup);
  next(p);
  vec args = {0};
  doblock db;
  memset(&db, 0, sizeof db);
  int called, noparen_call;
  int arrows = !strcmp(name, "for") || !strcmp(name, "with");
  int head = !strcmp(name, "def") || !strcmp(name, "defp");
  p->arrow_args += arrows;
  p->head_args += head;
  int r = parse_call_tail(p, &args, &db, &called, &noparen_call);
  p->arrow_args -= arrows;
  p->head_args -= head;
  if (r < 0) return NULL;
  if (!called) {
    ast *v = mkt(p, AST_VAR, t);
    if (v) { v->str = name; v->len = t->len; }
    return v;
  }
  return finish_call(p, t, NULL, name, &args, &db);
}

static ast *parse_capture_arg(parser *p) {
  lx_token *t = cur(p);
  next(p);
  if (!p->in_capture)
    return perr(p, t->line, t->col, "capture argument &%lld must be used within the capture operator &", (long long)t->ival);
  if (t->ival < 1) return perr(p, t->line, t->col, "capture argument &0 is not allowed");
  if (t->ival > p->capmax) p->capmax = t->ival;
  if (t->ival <= 64) p->capmask |= (uint64_t)1 << (t->ival - 1);
  ast *n = mkt(p, AST_CAPTURE_ARG, t);
  if (n) n->ival = t->ival;
  return n;
}

static ast *parse_primary(parser *p) {
  lx_token *t = cur(p);
  switch (t->kind) {
  case TK_INT: {
    if (t->big) return perr(p, t->line, t->col, "integer literals larger than 64 bits are not supported yet (bignums are Tier 2)");
    next(p);
    ast *n = mkt(p, AST_INT, t);
    if (n) n->ival = t->ival;
    return n;
  }
  case TK_FLOAT: {
    next(p);
    ast *n = mkt(p, AST_FLOAT, t);
    if (n) n->fval = t->fval;
    return n;
  }
  case TK_ATOM:
    if (t->interp) { /* :"a#{x}" is :erlang.binary_to_atom("a#{x}") */
      ast *s = parse_string(p);
      ast *m = s ? mk_atom(p, "erlang", t->line, t->col) : NULL;
      ast *r = m ? mk2(p, AST_REMOTE, t->line, t->col, m, s) : NULL;
      if (r) {
        r->str = "binary_to_atom";
        r->len = 14;
      }
      return r;
    }
    next(p);
    return mk_atom(p, t->text, t->line, t->col);
  case TK_STRING:
  case TK_CHARLIST: return parse_string(p);
  case TK_WORDS: return parse_words(p);
  case TK_CAPARG: return parse_capture_arg(p);
  case TK_ALIAS: {
    const char *raw = read_alias_chain(p);
    if (!raw) return NULL;
    const char *full = resolve_alias(p, raw);
    if (!full) return perr(p, t->line, t->col, "out of memory");
    return mk_atom(p, full, t->line, t->col);
  }
  case TK_IDENT: return parse_ident(p);
  case TK_KW:
    return perr(p, t->line, t->col, "unexpected keyword list %s: (keyword lists must be inside [] or last in a call)", t->text);
  case TK_OP:
    if (is_op(t, "(")) return parse_paren(p);
    if (is_op(t, "[")) return parse_list(p);
    if (is_op(t, "{")) return parse_tuple(p);
    if (is_op(t, "%{")) return parse_map(p);
    if (is_op(t, "@")) return parse_attr(p);
    if (is_op(t, "%")) {
      lx_token *n = at(p, 1);
      if (n->kind == TK_ALIAS || is_id(n, "__MODULE__"))
        return perr(p, t->line, t->col, "structs %%%s{} are not supported yet (Tier 2)", n->text);
      return err_unexpected(p, t);
    }
    if (is_op(t, "<<")) return perr(p, t->line, t->col, "binaries <<>> are not supported yet (Tier 2)");
    if (is_op(t, "~~~")) return perr(p, t->line, t->col, "the Bitwise operator ~~~ is not supported yet");
    if (is_op(t, "...")) return perr(p, t->line, t->col, "... is not supported yet");
    return err_unexpected(p, t);
  default: return err_unexpected(p, t);
  }
}

/* `Kernel.+(a, b)` and `Kernel.-(a)` (also after a pipe) are the operators
 * themselves: rewrites such an AST_REMOTE in place into AST_BINOP/AST_UNOP. */
static const char *kernel_op_name(const lx_token *t) {
  static const char *const ops[] = {"+", "-", "*", "/", "==", "!=", "===", "!==", "<", ">",
                                    "<=", ">=", "<>", "++", "--", NULL};
  if (t->kind != TK_OP) return NULL;
  for (int i = 0; ops[i]; i++)
    if (!strcmp(t->text, ops[i])) return ops[i];
  return NULL;
}

static void kernel_op_rewrite(ast *r) {
  if (r->kind != AST_REMOTE || r->nkids < 2 || r->nkids > 3 || r->kids[0]->kind != AST_ATOM ||
      strcmp(r->kids[0]->str, "Elixir.Kernel") != 0 || !r->str)
    return;
  static const char *const ops[] = {"+", "-", "*", "/", "==", "!=", "===", "!==", "<", ">",
                                    "<=", ">=", "<>", "++", "--", NULL};
  for (int i = 0; ops[i]; i++) {
    if (strcmp(r->str, ops[i]) != 0) continue;
    if (r->nkids == 2 && strcmp(ops[i], "-") != 0 && strcmp(ops[i], "+") != 0) return;
    /* kids[0] (the module) is dropped; AST_UNOP/AST_BINOP read kids[0..] */
    r->kind = r->nkids == 3 ? AST_BINOP : AST_UNOP;
    r->op = ops[i];
    r->kids++;
    r->nkids--;
    return;
  }
}

/* Postfix: `.name`, `.name(args)`, `.(args)`, `[key]`. */
static ast *parse_postfix(parser *p, ast *left) {
  for (;;) {
    lx_token *t = cur(p);
    if (is_op(t, ".")) {
      lx_token *n = at(p, 1);
      const char *kop = kernel_op_name(n);
      if (kop && left->kind == AST_ATOM && !strcmp(left->str, "Elixir.Kernel") && is_op(at(p, 2), "(") &&
          !at(p, 2)->space_before) {
        next(p);
        next(p);
        vec args = {0};
        if (parse_paren_args(p, &args) < 0) return NULL;
        doblock db;
        memset(&db, 0, sizeof db);
        left = finish_call(p, n, left, kop, &args, &db);
        if (!left) return NULL;
        if (left->nkids == 3) kernel_op_rewrite(left); /* unary only after a pipe adds nothing */
        continue;
      }
      if (is_op(n, "(")) {
        next(p);
        vec args = {0};
        if (vpush(p, &args, left) < 0 || parse_paren_args(p, &args) < 0) return NULL;
        ast *a = mk(p, AST_APPLY, left->line, left->col);
        if (!a) return NULL;
        set_kids(a, &args);
        left = a;
        continue;
      }
      if (n->kind == TK_IDENT) {
        next(p);
        next(p);
        vec args = {0};
        doblock db;
        memset(&db, 0, sizeof db);
        int called, noparen_call;
        if (parse_call_tail(p, &args, &db, &called, &noparen_call) < 0) return NULL;
        int modlike = left->kind == AST_ATOM || left->kind == AST_MODULE_SELF;
        if (!called && !modlike) {
          ast *f = mk1(p, AST_FIELD, left->line, left->col, left);
          if (!f) return NULL;
          f->str = n->text;
          f->len = n->len;
          left = f;
          continue;
        }
        left = finish_call(p, n, left, n->text, &args, &db);
        if (!left) return NULL;
        if (noparen_call || db.present) return left;
        continue;
      }
      if (n->kind == TK_ALIAS) return perr(p, n->line, n->col, "an alias %s after a non-alias expression is not supported yet", n->text);
      if (n->kind == TK_STRING) return perr(p, n->line, n->col, "quoted function names are not supported yet");
      next(p);
      return err_unexpected(p, n);
    }
    if (is_op(t, "[") && !t->space_before) {
      /* access syntax: x[key] becomes Access.get(x, key) */
      if (push_open(p, "[", "]", t->line) < 0) return NULL;
      next(p);
      int saved = p->noparen;
      p->noparen = 0;
      skip_nl(p);
      ast *key = parse_expr(p);
      if (!key) return NULL;
      skip_nl(p);
      if (!is_op(cur(p), "]")) return err_unexpected(p, cur(p));
      next(p);
      pop_open(p);
      p->noparen = saved;
      ast *m = mk_atom(p, "Elixir.Access", t->line, t->col);
      vec args = {0};
      if (!m || vpush(p, &args, m) < 0 || vpush(p, &args, left) < 0 || vpush(p, &args, key) < 0) return NULL;
      ast *r = mk(p, AST_REMOTE, left->line, left->col);
      if (!r) return NULL;
      r->str = "get";
      r->len = 3;
      set_kids(r, &args);
      left = r;
      continue;
    }
    return left;
  }
}

static int is_operator_token(const lx_token *t) {
  static const char *const ops[] = {"+", "-", "*", "/", "==", "!=", "===", "!==", "<", ">", "<=", ">=",
                                    "&&", "||", "!", "<>", "++", "--", "..", "|>", "=~", "**", NULL};
  if (t->kind == TK_IDENT)
    return is_id(t, "and") || is_id(t, "or") || is_id(t, "not") || is_id(t, "in");
  if (t->kind != TK_OP) return 0;
  for (int i = 0; ops[i]; i++)
    if (!strcmp(t->text, ops[i])) return 1;
  return 0;
}

static ast *parse_capture(parser *p) {
  lx_token *t = cur(p);
  lx_token *o = at(p, 1);
  /* &+/2, &and/2 ... operator captures */
  if (is_operator_token(o) && is_op(at(p, 2), "/") && at(p, 3)->kind == TK_INT) {
    ast *n = mkt(p, AST_CAPTURE_MFA, t);
    if (!n) return NULL;
    n->str = o->text;
    n->len = o->len;
    n->ival = at(p, 3)->ival;
    for (int i = 0; i < 4; i++) next(p);
    return n;
  }
  if (p->in_capture) return perr(p, t->line, t->col, "nested captures are not allowed");
  next(p);
  int64_t smax = p->capmax;
  uint64_t smask = p->capmask;
  p->in_capture = 1;
  p->capmax = 0;
  p->capmask = 0;
  ast *e = parse_binary(p, 91);
  int64_t max = p->capmax;
  uint64_t mask = p->capmask;
  p->in_capture = 0;
  p->capmax = smax;
  p->capmask = smask;
  if (!e) return NULL;
  if (max == 0 && e->kind == AST_BINOP && !strcmp(e->op, "/") && e->kids[1]->kind == AST_INT) {
    ast *f = e->kids[0];
    int64_t arity = e->kids[1]->ival;
    ast *n = mkt(p, AST_CAPTURE_MFA, t);
    if (!n) return NULL;
    n->ival = arity;
    if (f->kind == AST_VAR || (f->kind == AST_CALL && f->nkids == 0)) {
      n->str = f->str;
      n->len = f->len;
      return n;
    }
    if (f->kind == AST_REMOTE && f->nkids == 1) {
      n->str = f->str;
      n->len = f->len;
      n->kids = f->kids;
      n->nkids = 1;
      return n;
    }
    if (f->kind == AST_FIELD) {
      n->str = f->str;
      n->len = f->len;
      n->kids = f->kids;
      n->nkids = 1;
      return n;
    }
  }
  if (max == 0)
    return perr(p, t->line, t->col,
                "invalid args for &, expected one of: &Mod.fun/arity (such as &Enum.map/2), &fun/arity (such as &save/1), or an expression with at least one argument as &1 (such as &List.flatten(&1))");
  for (int64_t i = 1; i <= max && i <= 64; i++)
    if (!(mask & ((uint64_t)1 << (i - 1))))
      return perr(p, t->line, t->col, "capture argument &%lld cannot be defined without &%lld", (long long)max, (long long)i);
  ast *n = mk1(p, AST_CAPTURE, t->line, t->col, e);
  if (n) n->ival = max;
  return n;
}

static ast *parse_unary(parser *p) {
  lx_token *t = cur(p);
  if (++p->depth > PARSE_MAX_DEPTH) {
    p->depth--;
    return perr(p, t->line, t->col, "too deeply nested expression (limit %d)", PARSE_MAX_DEPTH);
  }
  ast *r = NULL;
  if (is_op(t, "-") || is_op(t, "+") || is_op(t, "!") || is_op(t, "^") || is_id(t, "not")) {
    next(p);
    if (is_op(t, "-") && cur(p)->kind == TK_INT && cur(p)->big) {
      /* -9223372036854775808 */
      next(p);
      r = mkt(p, AST_INT, t);
      if (r) r->ival = INT64_MIN;
      if (r) r = parse_postfix(p, r);
      goto out;
    }
    ast *e = parse_unary(p);
    if (!e) goto out;
    if (t->text[0] == '^') {
      if (e->kind != AST_VAR) {
        r = perr(p, t->line, t->col, "invalid argument for unary operator ^, expected an existing variable");
        goto out;
      }
      r = mk1(p, AST_PIN, t->line, t->col, e);
      goto out;
    }
    if ((t->text[0] == '-' || t->text[0] == '+') && (e->kind == AST_INT || e->kind == AST_FLOAT) &&
        !(e->kind == AST_INT && e->ival == INT64_MIN)) {
      /* fold -1 / +1.5 into the literal */
      if (t->text[0] == '-') {
        if (e->kind == AST_INT) e->ival = -e->ival;
        else e->fval = -e->fval;
      }
      e->line = t->line;
      e->col = t->col;
      r = e;
      goto out;
    }
    if ((is_id(t, "not") || is_op(t, "!")) && (is_id(cur(p), "in") || (is_id(cur(p), "not") && is_id(at(p, 1), "in")))) {
      /* `not a in b` is `not(a in b)` */
      e = parse_binary_rest(p, e, 170);
      if (!e) goto out;
    }
    r = mk1(p, AST_UNOP, t->line, t->col, e);
    if (r) r->op = t->text;
    goto out;
  }
  if (is_op(t, "&")) {
    r = parse_capture(p);
    goto out;
  }
  r = parse_primary(p);
  if (r) r = parse_postfix(p, r);
out:
  p->depth--;
  return p->failed ? NULL : r;
}

static ast *pipe_into(parser *p, ast *left, ast *rhs) {
  vec v = {0};
  switch ((ast_kind)rhs->kind) {
  case AST_CALL:
  case AST_REMOTE:
  case AST_APPLY: {
    uint32_t at_i = rhs->kind == AST_CALL ? 0 : 1;
    for (uint32_t i = 0; i < rhs->nkids; i++) {
      if (i == at_i && vpush(p, &v, left) < 0) return NULL;
      if (vpush(p, &v, rhs->kids[i]) < 0) return NULL;
    }
    if (rhs->nkids == at_i && vpush(p, &v, left) < 0) return NULL;
    set_kids(rhs, &v);
    kernel_op_rewrite(rhs);
    return rhs;
  }
  case AST_CASE:
    if (rhs->nkids && rhs->kids[0] == NULL) {
      rhs->kids[0] = left;
      return rhs;
    }
    break;
  case AST_VAR: {
    ast *c = mk1(p, AST_CALL, rhs->line, rhs->col, left);
    if (c) { c->str = rhs->str; c->len = rhs->len; }
    return c;
  }
  case AST_FIELD: {
    ast *c = mk2(p, AST_REMOTE, rhs->line, rhs->col, rhs->kids[0], left);
    if (c) { c->str = rhs->str; c->len = rhs->len; }
    return c;
  }
  default: break;
  }
  return perr(p, rhs->line, rhs->col,
              "cannot pipe into this expression, can only pipe into local calls foo(), remote calls Foo.bar() or anonymous function calls foo.()");
}

static ast *parse_binary_rest(parser *p, ast *left, int minprec) {
  int chain = 0;
  for (;;) {
    size_t save = p->pos;
    opinfo o;
    if (cur(p)->kind == TK_NL) {
      /* a binary operator (other than + and -) starting the next line continues */
      size_t k = 1;
      while (at(p, k)->kind == TK_NL) k++;
      if (!binop_at(p, k, &o) || is_op(at(p, k), "+") || is_op(at(p, k), "-") || o.prec < minprec) break;
      p->pos += k;
    }
    lx_token *t = cur(p);
    if (!binop_at(p, 0, &o) || o.prec < minprec) {
      p->pos = save;
      break;
    }
    /* `<-` is read in for's and with's arguments (build_for and
     * build_with take those at the top) */
    if (o.unsupported && !(p->arrow_args && !strcmp(o.name, "<-")) && !(p->head_args && !strcmp(o.name, "\\\\"))) {
      if ((!strcmp(o.name, "<-") || !strcmp(o.name, "\\\\")) && p->nmods) {
        const char *m = p->mods[p->nmods - 1];
        return perr(p, t->line, t->col,
                    "undefined function %s/2 (expected %s to define such a function or for it to be "
                    "imported, but none are available)",
                    o.name, strncmp(m, "Elixir.", 7) ? m : m + 7);
      }
      return perr(p, t->line, t->col, "%s", o.unsupported);
    }
    if (++chain + p->depth > PARSE_MAX_DEPTH)
      return perr(p, t->line, t->col, "too deeply nested expression (limit %d)", PARSE_MAX_DEPTH);
    for (int i = 0; i < o.ntok; i++) next(p);
    skip_nl(p);
    p->depth += chain;
    ast *rhs = parse_binary(p, o.right ? o.prec : o.prec + 1);
    p->depth -= chain;
    if (!rhs) return NULL;
    if (!strcmp(o.name, "=")) {
      left = mk2(p, AST_MATCH, left->line, left->col, left, rhs);
    } else if (!strcmp(o.name, "..")) {
      left = mk2(p, AST_RANGE, left->line, left->col, left, rhs);
    } else if (!strcmp(o.name, "//")) {
      if (left->kind != AST_RANGE || left->nkids != 2)
        return perr(p, t->line, t->col, "the // operator can only be used with ranges (first..last//step)");
      ast **k = ast_alloc(p->arena, 3 * sizeof(ast *));
      if (!k) return perr(p, t->line, t->col, "out of memory");
      k[0] = left->kids[0];
      k[1] = left->kids[1];
      k[2] = rhs;
      left->kids = k;
      left->nkids = 3;
    } else if (!strcmp(o.name, "|>")) {
      left = pipe_into(p, left, rhs);
    } else {
      ast *b = mk2(p, AST_BINOP, left->line, left->col, left, rhs);
      if (b) b->op = o.name;
      left = b;
    }
    if (!left) return NULL;
  }
  return left;
}

static ast *parse_binary(parser *p, int minprec) {
  ast *left = parse_unary(p);
  if (!left) return NULL;
  return parse_binary_rest(p, left, minprec);
}

static ast *parse_expr(parser *p) { return parse_binary(p, 1); }

/* Expressions separated by newlines/`;` until term(p). */
static int parse_stmts(parser *p, vec *out, int (*term)(parser *)) {
  for (;;) {
    skip_nl(p);
    if (term(p)) return 0;
    ast *e = parse_expr(p);
    if (!e || vpush(p, out, e) < 0) return -1;
    if (cur(p)->kind == TK_NL) continue;
    if (term(p)) return 0;
    err_unexpected(p, cur(p));
    return -1;
  }
}

/* ---- validation: operators that only make sense inside other forms ---- */

static int validate(parser *p, const ast *n, int depth) {
  if (!n) return 0;
  if (depth > PARSE_MAX_DEPTH * 8) {
    perr(p, n->line, n->col, "too deeply nested expression");
    return -1;
  }
  if (n->kind == AST_BINOP && (!strcmp(n->op, "when") || !strcmp(n->op, "|"))) {
    perr(p, n->line, n->col, "misplaced operator %s/2", n->op);
    return -1;
  }
  if (n->kind == AST_CASE && (n->nkids == 0 || !n->kids[0])) {
    perr(p, n->line, n->col, "case expects a subject (or to be piped into)");
    return -1;
  }
  for (uint32_t i = 0; i < n->nkids; i++)
    if (validate(p, n->kids[i], depth + 1) < 0) return -1;
  return 0;
}

ast *parse_source(const char *src, size_t len, struct ast_arena **arena_out, ast_error *err) {
  ast_error dummy;
  if (!err) err = &dummy;
  memset(err, 0, sizeof *err);
  if (arena_out) *arena_out = NULL;
  struct ast_arena *a = ast_arena_new();
  if (!a) {
    err->line = err->col = 1;
    snprintf(err->message, sizeof err->message, "out of memory");
    return NULL;
  }
  parser *p = ast_alloc(a, sizeof(parser));
  if (!p) {
    ast_arena_free(a);
    err->line = err->col = 1;
    snprintf(err->message, sizeof err->message, "out of memory");
    return NULL;
  }
  p->arena = a;
  p->err = err;
  ast *root = NULL;
  if (lx_tokenize(a, src, len, 1, 1, 0, &p->toks, &p->ntok, err) == 0) {
    vec v = {0};
    if (parse_stmts(p, &v, term_eof) == 0) {
      root = mk(p, AST_BLOCK, 1, 1);
      if (root) {
        set_kids(root, &v);
        if (v.n) { root->line = v.v[0]->line; root->col = v.v[0]->col; }
        if (validate(p, root, 0) < 0) root = NULL;
      }
    }
  }
  if (!root) {
    if (!err->message[0]) snprintf(err->message, sizeof err->message, "syntax error");
    ast_arena_free(a);
    return NULL;
  }
  if (arena_out) *arena_out = a;
  else ast_arena_free(a), root = NULL;
  return root;
}
