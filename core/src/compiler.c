/*
 * compiler.c -- AST to bytecode (see vm_ops.h for the instruction set and
 * the frame layout, code.h for the program).
 *
 * A compile starts from a base program, the prelude: loaded from the image
 * built into the binary (image.h; program_compile), or compiled from the
 * .ex sources (program_compile_prelude: the image generator and tests).
 * adopt_base rebuilds the module tables of the base from its fundefs, so
 * the script's calls resolve into the prelude as if compiled together; the
 * base's code, funs, constants and BIFs keep their indices and stay first.
 *
 * Two passes over the sources compiled (the prelude's files, or the script):
 *   1. collect modules and their functions (name/arity -> fundef), so calls
 *      to functions defined later, in any module, resolve to direct jumps;
 *   2. compile each function into its own code buffer, then the script's
 *      top-level code as the main function, then link: lay the buffers out
 *      after the base's code (code[0] is OP_EXIT) and patch call targets.
 *
 * Variables: each binding gets a fresh slot (a local of the frame); a scope
 * maps names to slots. Rebinding updates the name's slot in the innermost
 * scope, so code compiled earlier keeps reading the old slot and closures
 * (which copy values when created) are unaffected. Clause bodies get their
 * own scope, so bindings inside case/receive/if/fn do not leak.
 * A lambda references an outer variable through a free-variable slot,
 * filled from the FUN's env on entry; the creator pushes the values.
 *
 * Errors: cerror records the first error and compilation goes on with
 * harmless placeholders (no setjmp: wasi-libc has none); the result is
 * discarded. Every allocation of a compile is owned by the context and
 * freed on both paths. Running out of memory while compiling aborts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "atom.h"
#include "code.h"
#include "compare.h"
#include "heap.h"
#include "image.h"
#include "stdlib_names.h"
#include "vm.h"
#include "vm_ops.h"

/* ------------------------------------------------------------------ */
/* data structures                                                     */
/* ------------------------------------------------------------------ */

typedef struct var {
  const char *name;
  int slot;
} var;

/* An index over an append-only array of names (a scope's variables, a
 * module's functions with their arity, the attributes set so far with
 * their module): a long script can put tens of thousands in one, and a
 * linear search each time would be quadratic.
 * Open addressing; slots hold position + 1 (0: empty), at most half full;
 * entries [0, n) are in the table and a lookup first adds the ones appended
 * since, so inserting needs no call. Unused below NIDX_MIN entries. */
#define NIDX_MIN 16
typedef struct name_index {
  uint32_t *slots;
  uint32_t cap; /* 0 or a power of two */
  int n;
} name_index;

typedef struct scope {
  struct scope *parent;
  var *vars;
  int n, cap;
  name_index idx; /* slots in the compile's arena */
} scope;

typedef struct label {
  int pos;          /* -1 until bound */
  int *sites;       /* pairs: operand index, opcode index */
  int nsites, cap;
} label;

typedef struct reloc {
  int pos;          /* operand index in the function's buffer */
  uint32_t fidx;    /* target function */
} reloc;

typedef struct cfun {
  uint32_t *code;
  int len, cap;
  int depth, maxdepth;
  int nlocals;
  int nparams;      /* includes the FUN param of lambdas */
  scope *scope;     /* innermost */
  scope *root;
  struct cfun *parent; /* lambdas: the enclosing function being compiled */
  /* free variables of a lambda */
  const char **free_names;
  int *free_slot;   /* local slot here */
  int *free_outer;  /* slot in the parent */
  int nfree, freecap;
  name_index free_idx; /* over free_names */
  label *labels;
  int nlabels, labcap;
  reloc *relocs;
  int nrelocs, relcap;
  struct fundef *fd;
  struct cfun *next_all; /* every cfun of the compile, for cleanup */
  uint32_t *final;  /* the finished code (prologue + body) */
  int final_len;
  int last_op;      /* index of the last opcode emitted; -1 after a label
                       (a jump target must not be fused with what precedes) */
} cfun;

typedef struct attr {
  term module;
  const char *name;
  const ast *value;
} attr;

typedef struct modfun {
  const char *name;
  uint32_t arity;
  bool private_;
  const ast **clauses; /* AST_CLAUSE */
  int nclauses, cap;
  uint32_t fidx;
  bool compiled;
} modfun;

typedef struct module {
  term name;
  const char *cname;
  const ast *body;
  modfun *funs;
  int nfuns, cap;
  uint32_t nlambdas;
  name_index idx; /* slots malloc'ed, freed by ctx_free */
} module;

typedef struct arena_blk {
  struct arena_blk *next;
  size_t used, cap;
  union { max_align_t a; unsigned char b[1]; } mem;
} arena_blk;

typedef struct ctx {
  bool failed;
  char *err;
  size_t err_cap;
  const char *file;
  struct litarea *lit;
  struct program *prog;
  arena_blk *arena;
  cfun *all;
  cfun *cur;
  module *mods;
  int nmods, modcap;
  module *curmod;       /* NULL at the script's top level */
  modfun *curfun;       /* the def being compiled (for lambda naming) */
  attr *attrs;
  int nattrs, attrcap;
  name_index attr_idx; /* (module, name) -> latest attrs[] entry */
  name_index mod_idx;  /* over mods[], by name */
  struct ast_arena **arenas;
  int narenas, arenacap;
  uint32_t fcap, ccap, bcap;
  int tmpnames;
  int script_lambdas; /* fns of the top-level code so far (their numbers) */
} ctx;

/* ------------------------------------------------------------------ */
/* memory                                                              */
/* ------------------------------------------------------------------ */

static void cerror(ctx *c, const ast *n, const char *fmt, ...);

static void *xrealloc(ctx *c, void *p, size_t size) {
  (void)c;
  void *r = realloc(p, size ? size : 1);
  if (!r) {
    fprintf(stderr, "beamlet: out of memory while compiling\n");
    abort();
  }
  return r;
}

#define GROW(c, arr, n, cap)                                              \
  do {                                                                    \
    if ((n) >= (cap)) {                                                   \
      int ncap_ = (cap) ? (cap) * 2 : 8;                                  \
      while (ncap_ <= (n)) ncap_ *= 2;                                    \
      (arr) = xrealloc((c), (arr), (size_t)ncap_ * sizeof *(arr));        \
      (cap) = ncap_;                                                      \
    }                                                                     \
  } while (0)

static void *aalloc(ctx *c, size_t size) {
  size = (size + 15) & ~(size_t)15;
  arena_blk *b = c->arena;
  if (!b || b->cap - b->used < size) {
    size_t cap = size > 8192 ? size : 8192;
    b = xrealloc(c, NULL, sizeof(arena_blk) + cap);
    b->used = 0;
    b->cap = cap;
    b->next = c->arena;
    c->arena = b;
  }
  void *r = b->mem.b + b->used;
  b->used += size;
  memset(r, 0, size);
  return r;
}

static char *astrdup(ctx *c, const char *s) {
  size_t n = strlen(s);
  char *r = aalloc(c, n + 1);
  memcpy(r, s, n + 1);
  return r;
}

static ast *mknode(ctx *c, int kind, const ast *pos, int nkids) {
  ast *n = aalloc(c, sizeof *n);
  n->kind = (uint16_t)kind;
  n->line = pos ? pos->line : 0;
  n->col = pos ? pos->col : 0;
  n->nkids = (uint32_t)nkids;
  if (nkids) n->kids = aalloc(c, (size_t)nkids * sizeof(ast *));
  return n;
}

/* ------------------------------------------------------------------ */
/* errors                                                              */
/* ------------------------------------------------------------------ */

static void cerror(ctx *c, const ast *n, const char *fmt, ...) {
  if (c->failed) return;
  c->failed = true;
  char msg[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  snprintf(c->err, c->err_cap, "%s:%u:%u: %s", c->file, n ? n->line : 0, n ? n->col : 0, msg);
}

static const char *mod_display(term mod) {
  /* "Elixir.Foo" -> "Foo" (text pointer into the atom table) */
  const char *t = atom_text(mod);
  if (atom_len(mod) > 7 && memcmp(t, "Elixir.", 7) == 0) return t + 7;
  return t;
}

/* ":" before an Erlang module's name, as Elixir writes it (:lists.map/2) */
static const char *erl_colon(term mod) { return mod_display(mod) == atom_text(mod) ? ":" : ""; }

/* What a learner calls the construct a node stands for (in messages). */
static const char *kind_name(const ast *n) {
  switch (n->kind) {
    case AST_INTERP: return n->ival == 1 ? "charlist interpolation" : "string interpolation";
    case AST_MAP_UPDATE: return "the map update syntax %{map | key: value}";
    case AST_ATTR: return "a module attribute";
    case AST_BINOP: return "an operator";
    case AST_UNOP: return "a unary operator";
    case AST_RANGE: return "a range (first..last)";
    case AST_CALL: return "a function call";
    case AST_REMOTE: return "a remote function call";
    case AST_FIELD: return "a map field access (map.key)";
    case AST_APPLY: return "anonymous call";
    case AST_FN: return "fn";
    case AST_CAPTURE_MFA: case AST_CAPTURE: return "the capture operator &";
    case AST_CAPTURE_ARG: return "a capture argument (&1)";
    case AST_BLOCK: return "a block of expressions";
    case AST_CLAUSE: return "a clause (->)";
    case AST_CASE: return "case";
    case AST_COND: return "cond";
    case AST_IF: return "if/unless";
    case AST_RECEIVE: return "receive";
    case AST_DEFMODULE: return "defmodule";
    case AST_DEF: return "def/defp";
    case AST_ATTR_SET: return "setting a module attribute";
    case AST_MATCH: return "a match (=)";
    case AST_PIN: return "the pin operator ^";
    default: return "this expression";
  }
}

/* ------------------------------------------------------------------ */
/* program tables                                                      */
/* ------------------------------------------------------------------ */

static uint32_t add_const(ctx *c, term t) {
  struct program *pr = c->prog;
  for (uint32_t i = pr->nconsts; i-- > 0 && i + 64 >= pr->nconsts;)
    if (pr->consts[i] == t) return i;
  if (pr->nconsts >= c->ccap) {
    c->ccap = c->ccap ? c->ccap * 2 : 64;
    pr->consts = xrealloc(c, pr->consts, c->ccap * sizeof(term));
  }
  pr->consts[pr->nconsts] = t;
  return pr->nconsts++;
}

static uint32_t add_bif(ctx *c, bif_fn f) {
  struct program *pr = c->prog;
  for (uint32_t i = 0; i < pr->nbifs; i++)
    if (pr->bifs[i] == f) return i;
  if (pr->nbifs >= c->bcap) {
    c->bcap = c->bcap ? c->bcap * 2 : 64;
    pr->bifs = xrealloc(c, pr->bifs, c->bcap * sizeof(bif_fn));
  }
  pr->bifs[pr->nbifs] = f;
  return pr->nbifs++;
}

static struct fundef *new_fundef(ctx *c, term mod, term name, uint32_t arity, int kind) {
  struct program *pr = c->prog;
  if (pr->nfuns >= c->fcap) {
    c->fcap = c->fcap ? c->fcap * 2 : 64;
    pr->funs = xrealloc(c, pr->funs, c->fcap * sizeof(struct fundef *));
  }
  struct fundef *fd = xrealloc(c, NULL, sizeof *fd);
  memset(fd, 0, sizeof *fd);
  fd->module = mod;
  fd->name = name;
  fd->arity = arity;
  fd->kind = (uint8_t)kind;
  fd->index = pr->nfuns;
  pr->funs[pr->nfuns++] = fd;
  return fd;
}

static term atom_of(ctx *c, const char *s, const ast *n) {
  term a = atom_from_cstr(s);
  if (a == NONE) cerror(c, n, "atom too long");
  return a;
}

/* Literal construction: build in a scratch block, copy into the area. */
static term lit_copy(ctx *c, term t, const ast *n) {
  term r = literal_copy(c->lit, t);
  if (r == NONE) cerror(c, n, "out of memory for literals");
  return r;
}

static term lit_binary(ctx *c, const char *s, size_t len, const ast *n) {
  size_t words = 2 + (len + 7) / 8;
  term *w = xrealloc(c, NULL, words * sizeof(term));
  memset(w, 0, words * sizeof(term));
  w[0] = make_header(words - 1, BOX_HEAPBIN);
  w[1] = (term)len;
  if (len) memcpy(w + 2, s, len);
  term r = lit_copy(c, make_boxed(w), n);
  free(w);
  return r;
}

static term lit_float(ctx *c, double d, const ast *n) {
  term w[2];
  w[0] = make_header(1, BOX_FLOAT);
  memcpy(&w[1], &d, sizeof d);
  return lit_copy(c, make_boxed(w), n);
}

static term lit_int(ctx *c, int64_t v, const ast *n) {
  if (small_fits(v)) return make_small(v);
  term w[2];
  w[0] = make_header(1, BOX_INT64);
  memcpy(&w[1], &v, sizeof v);
  return lit_copy(c, make_boxed(w), n);
}

static term lit_charlist(ctx *c, const char *s, size_t len, const ast *n) {
  /* decode UTF-8 into code points */
  term *w = xrealloc(c, NULL, (2 * len + 1) * sizeof(term));
  term list = NIL;
  /* build from the end: collect code points first */
  uint32_t *cps = xrealloc(c, NULL, (len + 1) * sizeof(uint32_t));
  size_t ncp = 0;
  for (size_t i = 0; i < len;) {
    unsigned char b = (unsigned char)s[i];
    uint32_t cp = b;
    int extra = 0;
    if (b >= 0xF0) { cp = b & 7; extra = 3; }
    else if (b >= 0xE0) { cp = b & 15; extra = 2; }
    else if (b >= 0xC0) { cp = b & 31; extra = 1; }
    i++;
    for (int k = 0; k < extra && i < len; k++, i++) cp = (cp << 6) | ((unsigned char)s[i] & 63);
    cps[ncp++] = cp;
  }
  for (size_t i = ncp; i-- > 0;) {
    term *cell = w + 2 * i;
    cell[0] = make_small(cps[i]);
    cell[1] = list;
    list = make_cons_ptr(cell);
  }
  term r = lit_copy(c, list, n);
  free(w);
  free(cps);
  return r;
}

/* ------------------------------------------------------------------ */
/* code emission                                                       */
/* ------------------------------------------------------------------ */

static void emit(ctx *c, uint32_t w) {
  cfun *f = c->cur;
  GROW(c, f->code, f->len, f->cap);
  f->code[f->len++] = w;
}

static void emit_op(ctx *c, int op) {
  c->cur->last_op = c->cur->len;
  emit(c, (uint32_t)op);
}

static void adj(ctx *c, int d) {
  cfun *f = c->cur;
  f->depth += d;
  if (f->depth > f->maxdepth) f->maxdepth = f->depth;
}

static int new_label(ctx *c) {
  cfun *f = c->cur;
  GROW(c, f->labels, f->nlabels, f->labcap);
  label *l = &f->labels[f->nlabels];
  memset(l, 0, sizeof *l);
  l->pos = -1;
  return f->nlabels++;
}

/* Emit a jump operand to label l for the instruction starting at opcode index op. */
static void emit_jump(ctx *c, int l, int op) {
  cfun *f = c->cur;
  label *lb = &f->labels[l];
  if (lb->pos >= 0) {
    emit(c, (uint32_t)(int32_t)(lb->pos - op));
    return;
  }
  GROW(c, lb->sites, lb->nsites + 1, lb->cap);
  lb->sites[lb->nsites++] = f->len;
  lb->sites[lb->nsites++] = op;
  emit(c, 0);
}

static void bind_label(ctx *c, int l) {
  cfun *f = c->cur;
  label *lb = &f->labels[l];
  lb->pos = f->len;
  f->last_op = -1;
  for (int i = 0; i < lb->nsites; i += 2)
    f->code[lb->sites[i]] = (uint32_t)(int32_t)(lb->pos - lb->sites[i + 1]);
}

static void emit_jmp(ctx *c, int op, int l) {
  int at = c->cur->len;
  emit_op(c, op);
  emit_jump(c, l, at);
}

static void emit_const(ctx *c, term t) {
  emit_op(c, OP_PUSH_CONST);
  emit(c, add_const(c, t));
  adj(c, 1);
}

static int new_slot(ctx *c) {
  cfun *f = c->cur;
  return -1 - f->nlocals++;
}

static int param_slot(cfun *f, int i) { return FRAME_HDR + (f->nparams - 1 - i); }

static void emit_push(ctx *c, int slot) {
  cfun *f = c->cur;
  if (f->last_op >= 0 && f->last_op == f->len - 2 && f->code[f->last_op] == OP_PUSH) {
    /* PUSH a; PUSH b -> PUSH2 a, b */
    f->code[f->last_op] = OP_PUSH2;
    emit(c, (uint32_t)(int32_t)slot);
    adj(c, 1);
    return;
  }
  emit_op(c, OP_PUSH);
  emit(c, (uint32_t)(int32_t)slot);
  adj(c, 1);
}

static void emit_store(ctx *c, int slot) {
  emit_op(c, OP_STORE);
  emit(c, (uint32_t)(int32_t)slot);
  adj(c, -1);
}

/* ------------------------------------------------------------------ */
/* scopes and variables                                                */
/* ------------------------------------------------------------------ */

static void push_scope(ctx *c) {
  scope *s = aalloc(c, sizeof *s);
  s->parent = c->cur->scope;
  c->cur->scope = s;
}

static void pop_scope(ctx *c) { c->cur->scope = c->cur->scope->parent; }

/* ---- name indexes (see name_index) ---- */

typedef const char *(*ni_key)(const void *arr, int i, uint32_t *arity);

static uint32_t name_hash(const char *s, uint32_t arity) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  h ^= arity * 0x9e3779b9u; /* then mix, so that keys differing only in */
  h ^= h >> 16;             /* high bits of `arity` spread too */
  h *= 0x7feb352du;
  h ^= h >> 15;
  return h;
}

/* Index entries [x->n, count) of arr; tables come from the compile's arena
 * when c is given, else from malloc. False when out of memory (the caller
 * then searches linearly). */
static bool ni_sync(ctx *c, name_index *x, int count, ni_key key, const void *arr) {
  if ((uint32_t)count * 2 >= x->cap) {
    uint32_t cap = x->cap ? x->cap : 64;
    while ((uint32_t)count * 2 >= cap) cap *= 2;
    uint32_t *slots = c ? aalloc(c, cap * sizeof *slots) : calloc(cap, sizeof *slots);
    if (!slots) return false;
    if (!c) free(x->slots);
    x->slots = slots;
    x->cap = cap;
    x->n = 0;
  }
  for (; x->n < count; x->n++) {
    uint32_t arity, a;
    const char *name = key(arr, x->n, &arity);
    uint32_t m = x->cap - 1, k = name_hash(name, arity) & m;
    /* a key seen again (an attribute set twice) maps to its latest entry */
    while (x->slots[k] && !(strcmp(key(arr, (int)x->slots[k] - 1, &a), name) == 0 && a == arity))
      k = (k + 1) & m;
    x->slots[k] = (uint32_t)x->n + 1;
  }
  return true;
}

/* Position of (name, arity) in arr[0..count), or -1; -2 when there is no
 * index (too few entries, or out of memory): search linearly. */
static int ni_find(ctx *c, name_index *x, int count, ni_key key, const void *arr, const char *name,
                   uint32_t arity) {
  if (count <= NIDX_MIN || !ni_sync(c, x, count, key, arr)) return -2;
  uint32_t m = x->cap - 1;
  for (uint32_t k = name_hash(name, arity) & m; x->slots[k]; k = (k + 1) & m) {
    uint32_t a;
    int i = (int)x->slots[k] - 1;
    if (strcmp(key(arr, i, &a), name) == 0 && a == arity) return i;
  }
  return -1;
}

static const char *var_key(const void *arr, int i, uint32_t *arity) {
  *arity = 0;
  return ((const var *)arr)[i].name;
}

/* Position of variable `name` in scope s, or -1. */
static int scope_find(ctx *c, scope *s, const char *name) {
  int i = ni_find(c, &s->idx, s->n, var_key, s->vars, name, 0);
  if (i != -2) return i;
  for (i = s->n; i-- > 0;)
    if (strcmp(s->vars[i].name, name) == 0) return i;
  return -1;
}

static const char *str_key(const void *arr, int i, uint32_t *arity) {
  *arity = 0;
  return ((const char *const *)arr)[i];
}

/* Position of name in names[0..n) (indexed by x), or -1. */
static int names_find(ctx *c, name_index *x, const char *const *names, int n, const char *name) {
  int k = ni_find(c, x, n, str_key, names, name, 0);
  if (k != -2) return k;
  for (k = 0; k < n; k++)
    if (strcmp(names[k], name) == 0) return k;
  return -1;
}

static void bind_var(ctx *c, const char *name, int slot) {
  scope *s = c->cur->scope;
  int i = scope_find(c, s, name);
  if (i >= 0) {
    s->vars[i].slot = slot;
    return;
  }
  if (s->n >= s->cap) {
    int ncap = s->cap ? s->cap * 2 : 8;
    var *nv = aalloc(c, (size_t)ncap * sizeof(var));
    if (s->n) memcpy(nv, s->vars, (size_t)s->n * sizeof(var));
    s->vars = nv;
    s->cap = ncap;
  }
  s->vars[s->n].name = name;
  s->vars[s->n].slot = slot;
  s->n++;
}

static int lookup_in(ctx *c, cfun *f, const char *name);

static int lookup_scopes(ctx *c, cfun *f, const char *name) {
  for (scope *s = f->scope; s; s = s->parent) {
    int i = scope_find(c, s, name);
    if (i >= 0) return s->vars[i].slot;
  }
  return 0;
}

/* The slot of variable `name` in function f (capturing it from enclosing
 * functions when f is a lambda); 0 when unbound. */
static int lookup_in(ctx *c, cfun *f, const char *name) {
  int s = lookup_scopes(c, f, name);
  if (s) return s;
  int fi = names_find(c, &f->free_idx, f->free_names, f->nfree, name);
  if (fi >= 0) return f->free_slot[fi];
  if (!f->parent) return 0;
  int outer = lookup_in(c, f->parent, name);
  if (!outer) return 0;
  if (f->nfree >= f->freecap) {
    int ncap = f->freecap ? f->freecap * 2 : 4;
    f->free_names = xrealloc(c, f->free_names, (size_t)ncap * sizeof(char *));
    f->free_slot = xrealloc(c, f->free_slot, (size_t)ncap * sizeof(int));
    f->free_outer = xrealloc(c, f->free_outer, (size_t)ncap * sizeof(int));
    f->freecap = ncap;
  }
  int slot = -1 - f->nlocals++;
  f->free_names[f->nfree] = name;
  f->free_slot[f->nfree] = slot;
  f->free_outer[f->nfree] = outer;
  f->nfree++;
  return slot;
}

static int lookup_var(ctx *c, const char *name) { return lookup_in(c, c->cur, name); }

/* ------------------------------------------------------------------ */
/* module lookup                                                       */
/* ------------------------------------------------------------------ */

static const char *mod_key(const void *arr, int i, uint32_t *arity) {
  *arity = (uint32_t)((const module *)arr)[i].name; /* an atom: index and tag */
  return "";
}

static module *find_module(ctx *c, term name) {
  int k = ni_find(c, &c->mod_idx, c->nmods, mod_key, c->mods, "", (uint32_t)name);
  if (k != -2) return k >= 0 ? &c->mods[k] : NULL;
  for (int i = 0; i < c->nmods; i++)
    if (c->mods[i].name == name) return &c->mods[i];
  return NULL;
}

static const char *modfun_key(const void *arr, int i, uint32_t *arity) {
  *arity = ((const modfun *)arr)[i].arity;
  return ((const modfun *)arr)[i].name;
}

static modfun *find_modfun(module *m, const char *name, uint32_t arity) {
  if (!m) return NULL;
  int k = ni_find(NULL, &m->idx, m->nfuns, modfun_key, m->funs, name, arity);
  if (k != -2) return k >= 0 ? &m->funs[k] : NULL;
  for (int i = 0; i < m->nfuns; i++)
    if (m->funs[i].arity == arity && strcmp(m->funs[i].name, name) == 0) return &m->funs[i];
  return NULL;
}

static bool module_has_name(module *m, const char *name) {
  if (!m) return false;
  for (int i = 0; i < m->nfuns; i++)
    if (strcmp(m->funs[i].name, name) == 0) return true;
  return false;
}

/* ------------------------------------------------------------------ */
/* expressions                                                         */
/* ------------------------------------------------------------------ */

static void cx(ctx *c, const ast *n, bool tail);
static void cx_discard(ctx *c, const ast *n);
static void cpat(ctx *c, const ast *p, int src, int fail, bool alias);
static void cguard(ctx *c, const ast *g, int fail);
static void match_patterns(ctx *c, const ast *const *pats, const int *srcs, int n, int fail, bool alias);
static void compile_body(ctx *c, const ast *n, bool tail);
static int var_slot(ctx *c, const ast *n);

static void finish(ctx *c, bool tail) {
  if (tail) {
    emit_op(c, OP_RET);
    emit(c, (uint32_t)c->cur->nparams);
    adj(c, -1);
  }
}

static bool is_immediate_literal(const ast *n) {
  return n->kind == AST_ATOM || n->kind == AST_NIL_LIST ||
         (n->kind == AST_INT && small_fits(n->ival));
}

/* A literal's term, or NONE if n is not a (scalar) literal. */
static term literal_term(ctx *c, const ast *n) {
  switch (n->kind) {
    case AST_INT: return lit_int(c, n->ival, n);
    case AST_FLOAT: return lit_float(c, n->fval, n);
    case AST_ATOM: return atom_of(c, n->str, n);
    case AST_STRING: return lit_binary(c, n->str, n->len, n);
    case AST_CHARLIST: return lit_charlist(c, n->str, n->len, n);
    case AST_NIL_LIST: return NIL;
    case AST_MODULE_SELF: return c->curmod ? c->curmod->name : ATOM_NIL;
    case AST_UNOP:
      if (strcmp(n->op, "-") == 0 && n->kids[0]->kind == AST_INT) return lit_int(c, -n->kids[0]->ival, n);
      if (strcmp(n->op, "-") == 0 && n->kids[0]->kind == AST_FLOAT) return lit_float(c, -n->kids[0]->fval, n);
      return NONE;
    default: return NONE;
  }
}

static const char *attr_key(const void *arr, int i, uint32_t *arity) {
  *arity = (uint32_t)((const attr *)arr)[i].module; /* the atom's index and tag */
  return ((const attr *)arr)[i].name;
}

static const ast *find_attr(ctx *c, const char *name) {
  term mod = c->curmod ? c->curmod->name : NIL;
  int k = ni_find(c, &c->attr_idx, c->nattrs, attr_key, c->attrs, name, (uint32_t)mod);
  if (k != -2) return k >= 0 ? c->attrs[k].value : NULL;
  for (int i = c->nattrs; i-- > 0;)
    if (c->attrs[i].module == mod && strcmp(c->attrs[i].name, name) == 0) return c->attrs[i].value;
  return NULL;
}

/* Replace reads of attributes in v by their current values (so a later
 * change of @a does not change an earlier @b defined from it). */
static const ast *subst_attrs(ctx *c, const ast *v) {
  if (!v) return v;
  if (v->kind == AST_ATTR) {
    const ast *a = find_attr(c, v->str);
    if (!a) {
      cerror(c, v, "undefined module attribute @%s", v->str);
      return v;
    }
    return a;
  }
  bool changed = false;
  const ast **nk = NULL;
  for (uint32_t i = 0; i < v->nkids; i++) {
    const ast *k = subst_attrs(c, v->kids[i]);
    if (k != v->kids[i]) {
      if (!nk) {
        nk = aalloc(c, v->nkids * sizeof(ast *));
        for (uint32_t j = 0; j < v->nkids; j++) nk[j] = v->kids[j];
      }
      nk[i] = k;
      changed = true;
    }
  }
  if (!changed) return v;
  ast *copy = aalloc(c, sizeof *copy);
  *copy = *v;
  copy->kids = (ast **)nk;
  return copy;
}

static void c_args(ctx *c, const ast *n, uint32_t from) {
  for (uint32_t i = from; i < n->nkids; i++) cx(c, n->kids[i], false);
}

/* Direct call to fundef fidx with n args on the stack. */
static void emit_call(ctx *c, uint32_t fidx, int nargs, bool tail) {
  cfun *f = c->cur;
  adj(c, FRAME_HDR);
  adj(c, -FRAME_HDR);
  bool self = tail && f->fd->kind == FUNDEF_NAMED && f->fd->index == fidx && nargs == f->nparams;
  emit_op(c, self ? OP_TCALL_SELF : tail ? OP_TCALL : OP_CALL);
  GROW(c, f->relocs, f->nrelocs, f->relcap);
  f->relocs[f->nrelocs].pos = f->len;
  f->relocs[f->nrelocs].fidx = fidx;
  f->nrelocs++;
  emit(c, 0);
  emit(c, (uint32_t)nargs);
  if (self) {
    adj(c, -nargs);
  } else if (tail) {
    emit(c, (uint32_t)f->nparams);
    adj(c, -nargs);
  } else {
    adj(c, 1 - nargs);
  }
}

static void emit_bif(ctx *c, bif_fn fn, int nargs, bool tail) {
  emit_op(c, tail ? OP_TCALL_BIF : OP_CALL_BIF);
  emit(c, add_bif(c, fn));
  emit(c, (uint32_t)nargs);
  if (tail) {
    emit(c, (uint32_t)c->cur->nparams);
    adj(c, -nargs);
  } else {
    adj(c, 1 - nargs);
  }
}

static void emit_undef(ctx *c, term mod, term name, int nargs, bool tail) {
  emit_op(c, OP_CALL_UNDEF);
  emit(c, add_const(c, mod));
  emit(c, add_const(c, name));
  emit(c, (uint32_t)nargs);
  adj(c, 1 - nargs);
  finish(c, tail);
}

/* receive with only `after t` (Process.sleep): args: the timeout on stack
 * is consumed; pushes :ok. */
static void emit_sleep(ctx *c, bool tail) {
  int tslot = new_slot(c), dslot = new_slot(c), mslot = new_slot(c);
  emit_store(c, tslot);
  emit_op(c, OP_RECV_START);
  emit(c, 0);
  emit(c, (uint32_t)(int32_t)tslot);
  emit(c, (uint32_t)(int32_t)dslot);
  int lpeek = new_label(c), lnomsg = new_label(c), lafter = new_label(c);
  bind_label(c, lpeek);
  int at = c->cur->len;
  emit_op(c, OP_RECV_PEEK);
  emit(c, (uint32_t)(int32_t)mslot);
  emit_jump(c, lnomsg, at);
  emit_jmp(c, OP_RECV_SKIP, lpeek);
  bind_label(c, lnomsg);
  at = c->cur->len;
  emit_op(c, OP_RECV_WAIT);
  emit(c, (uint32_t)(int32_t)dslot);
  emit_jump(c, lpeek, at);
  emit_jump(c, lafter, at);
  bind_label(c, lafter);
  emit_const(c, ATOM_OK);
  finish(c, tail);
}

static bif_fn lookup_bif_str(const char *mod, const char *name, unsigned arity) {
  term m = atom_from_cstr(mod), f = atom_from_cstr(name);
  if (m == NONE || f == NONE) return NULL;
  return bif_lookup(m, f, arity);
}

/* Remote call to a module known at compile time. Args already pushed. */
static void remote_known(ctx *c, const ast *n, term mod, const char *name, int nargs, bool tail) {
  module *m = find_module(c, mod);
  term fname = atom_of(c, name, n);
  if (m) {
    modfun *mf = find_modfun(m, name, (uint32_t)nargs);
    if (mf && (!mf->private_ || m == c->curmod)) {
      emit_call(c, mf->fidx, nargs, tail);
      return;
    }
  }
  bif_fn b = bif_lookup(mod, fname, (unsigned)nargs);
  if (b) {
    emit_bif(c, b, nargs, tail);
    return;
  }
  if (!m && !bif_module_exists(mod)) {
    /* modules of later tiers, and modules with a hint: say so before anything runs */
    static const struct { const char *mod, *msg; } later[] = {
        {"Elixir.GenServer", "GenServer is not supported yet (Tier 2)"},
        {"Elixir.Task", "Task is not supported yet (Tier 2)"},
        {"Elixir.Supervisor", "Supervisor is not supported yet (Tier 2)"},
        {"Elixir.DynamicSupervisor", "DynamicSupervisor is not supported yet (Tier 2)"},
        {"Elixir.MapSet", "MapSet is not supported yet (Tier 2)"},
        {"Elixir.Registry", "Registry is not supported yet (Tier 3)"},
        {"ets", ":ets is not supported yet (Tier 3)"},
        {"Elixir.Port", "Port is not supported yet (Tier 3)"},
        {"io", ":io is not supported yet (IO.puts, IO.write and IO.inspect are)"},
        {"timer", ":timer is not supported yet, except :timer.sleep/1"},
    };
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
      if (strcmp(atom_text(mod), later[i].mod) == 0) {
        cerror(c, n, "%s", later[i].msg);
        return;
      }
    /* the rest of Elixir's and OTP's library */
    if (stdlib_module_known(atom_text(mod))) {
      cerror(c, n, "%s%s is not supported yet", erl_colon(mod), mod_display(mod));
      return;
    }
  }
  /* a function of a module beamlet implements in part; anything else is
   * undefined at run time, as in Elixir */
  if (stdlib_function_known(atom_text(mod), name, (unsigned)nargs)) {
    cerror(c, n, "%s%s.%s/%d is not supported yet", erl_colon(mod), mod_display(mod), name, nargs);
    return;
  }
  emit_undef(c, mod, fname, nargs, tail);
}

static bool is_var_named(const ast *n, const char *s) { return n->kind == AST_VAR && strcmp(n->str, s) == 0; }

static int type_test_of(const char *name) {
  static const char *const names[] = {"is_atom", "is_binary", "is_boolean", "is_float",
                                      "is_function", "is_integer", "is_list", "is_map",
                                      "is_nil", "is_number", "is_pid", "is_reference",
                                      "is_tuple"};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
    if (strcmp(names[i], name) == 0) return i;
  return -1;
}

static void c_raise(ctx *c, const ast *n, bool tail) {
  if (n->nkids == 1) {
    cx(c, n->kids[0], false);
    emit_op(c, OP_RAISE_EXC);
    emit(c, 0);
  } else {
    cx(c, n->kids[0], false);
    cx(c, n->kids[1], false);
    emit_op(c, OP_RAISE_EXC);
    emit(c, 1);
    adj(c, -1);
  }
  (void)tail; /* never returns */
}

/* ---- Kernel macros, as the code they expand to ---- */

static ast *node_at(ctx *c, const ast *at, ast_kind kind, uint32_t nkids) {
  ast *x = aalloc(c, sizeof(ast));
  x->kind = (uint16_t)kind;
  x->line = at->line;
  x->col = at->col;
  x->nkids = nkids;
  if (nkids) x->kids = aalloc(c, nkids * sizeof(ast *));
  return x;
}

/* a variable no source can name (the lexer never gives '@' in a name) */
static ast *hidden_var(ctx *c, const ast *at, const char *name) {
  ast *v = node_at(c, at, AST_VAR, 0);
  v->str = name;
  v->len = strlen(name);
  return v;
}

/* `case subject do var -> body end`, binding subject's value to var */
static ast *bind_in(ctx *c, const ast *at, ast *subject, ast *var, ast *body) {
  ast *cl = node_at(c, at, AST_CLAUSE, 3);
  cl->ival = 1;
  cl->kids[0] = var;
  cl->kids[1] = NULL;
  cl->kids[2] = body;
  ast *cs = node_at(c, at, AST_CASE, 2);
  cs->kids[0] = subject;
  cs->kids[1] = cl;
  return cs;
}

static ast *apply1(ctx *c, const ast *at, ast *fun, ast *arg) {
  ast *ap = node_at(c, at, AST_APPLY, 2);
  ap->kids[0] = fun;
  ap->kids[1] = arg;
  return ap;
}

/* then(value, fun) is fun.(value), with fun evaluated first */
static ast *then_form(ctx *c, const ast *n) {
  ast *f = hidden_var(c, n, "then@fun");
  return bind_in(c, n, n->kids[1], f, apply1(c, n, f, n->kids[0]));
}

/* tap(value, fun): fun.(value), then value; fun evaluated first */
static ast *tap_form(ctx *c, const ast *n) {
  ast *f = hidden_var(c, n, "tap@fun"), *v = hidden_var(c, n, "tap@value");
  ast *body = node_at(c, n, AST_BLOCK, 2);
  body->kids[0] = apply1(c, n, f, v);
  body->kids[1] = v;
  return bind_in(c, n, n->kids[1], f, bind_in(c, n, n->kids[0], v, body));
}

/* put_in(path, value), update_in(path, fun), get_and_update_in(path, fun)
 * and pop_in(path), where path is data followed by .field and [key]
 * segments: the function form on data and the list of the segments' keys,
 * a .field becoming the accessor Kernel.__field__(:field) (the field must
 * exist). NULL, with the error reported, for a path without segments. */
static ast *path_form(ctx *c, const ast *n) {
  const ast *segs[64];
  int nseg = 0;
  const ast *x = n->kids[0];
  for (;;) {
    bool field = x->kind == AST_FIELD;
    bool access = x->kind == AST_REMOTE && x->nkids == 3 && x->kids[0]->kind == AST_ATOM &&
                  strcmp(x->kids[0]->str, "Elixir.Access") == 0 && strcmp(x->str, "get") == 0;
    if (!field && !access) break;
    if (nseg == 64) {
      cerror(c, x, "a path of more than 64 segments is not supported");
      return NULL;
    }
    segs[nseg++] = x;
    x = field ? x->kids[0] : x->kids[1];
  }
  if (nseg == 0) {
    cerror(c, n, "expected expression given to %s/%u to access at least one element", n->str, n->nkids);
    return NULL;
  }
  if (strcmp(n->str, "pop_in") == 0 && segs[0]->kind == AST_FIELD) {
    cerror(c, n,
           "cannot use pop_in when the last segment is a map/struct field. This would effectively "
           "remove the field :%s from the map/struct",
           segs[0]->str);
    return NULL;
  }
  ast *keys = node_at(c, n, AST_LIST, (uint32_t)nseg);
  for (int i = 0; i < nseg; i++) {
    const ast *sg = segs[nseg - 1 - i];
    if (sg->kind == AST_FIELD) {
      ast *key = node_at(c, sg, AST_ATOM, 0), *mod = node_at(c, sg, AST_ATOM, 0);
      key->str = sg->str;
      key->len = strlen(sg->str);
      mod->str = "Elixir.Kernel";
      mod->len = strlen(mod->str);
      ast *call = node_at(c, sg, AST_REMOTE, 2);
      call->str = "__field__";
      call->len = strlen(call->str);
      call->kids[0] = mod;
      call->kids[1] = key;
      keys->kids[i] = call;
    } else {
      keys->kids[i] = sg->kids[2];
    }
  }
  ast *call = node_at(c, n, AST_CALL, n->nkids + 1);
  call->str = n->str;
  call->len = strlen(n->str);
  call->kids[0] = (ast *)x;
  call->kids[1] = keys;
  if (n->nkids == 2) call->kids[2] = n->kids[1];
  return call;
}

static bool is_path_macro(const char *name, int nargs) {
  if (nargs == 2)
    return strcmp(name, "put_in") == 0 || strcmp(name, "update_in") == 0 ||
           strcmp(name, "get_and_update_in") == 0;
  return nargs == 1 && strcmp(name, "pop_in") == 0;
}

static void c_local_call(ctx *c, const ast *n, bool tail) {
  const char *name = n->str;
  int nargs = (int)n->nkids;
  modfun *mf = find_modfun(c->curmod, name, (uint32_t)nargs);
  if (mf) {
    c_args(c, n, 0);
    emit_call(c, mf->fidx, nargs, tail);
    return;
  }
  /* intrinsics (Kernel functions the VM does itself) */
  if (strcmp(name, "raise") == 0 && (nargs == 1 || nargs == 2)) {
    c_raise(c, n, tail);
    return;
  }
  if ((strcmp(name, "exit") == 0 || strcmp(name, "throw") == 0) && nargs == 1) {
    cx(c, n->kids[0], false);
    emit_op(c, OP_RAISE);
    emit(c, name[0] == 'e' ? 1 : 2);
    return;
  }
  if (strcmp(name, "apply") == 0 && nargs == 2) {
    c_args(c, n, 0);
    emit_op(c, OP_APPLY_LIST);
    adj(c, -1);
    finish(c, tail);
    return;
  }
  if (strcmp(name, "apply") == 0 && nargs == 3) {
    c_args(c, n, 0);
    emit_op(c, OP_APPLY_MFA);
    adj(c, -2);
    finish(c, tail);
    return;
  }
  if (is_path_macro(name, nargs)) {
    const ast *call = path_form(c, n);
    if (call) cx(c, call, tail);
    return;
  }
  if ((strcmp(name, "then") == 0 || strcmp(name, "tap") == 0) && nargs == 2) {
    cx(c, name[1] == 'h' ? then_form(c, n) : tap_form(c, n), tail);
    return;
  }
  if (strcmp(name, "self") == 0 && nargs == 0) {
    emit_op(c, OP_SELF);
    adj(c, 1);
    finish(c, tail);
    return;
  }
  if (strcmp(name, "node") == 0 && nargs == 0) {
    emit_op(c, OP_NODE);
    adj(c, 1);
    finish(c, tail);
    return;
  }
  if (strcmp(name, "send") == 0 && nargs == 2) {
    c_args(c, n, 0);
    emit_op(c, OP_SEND);
    adj(c, -1);
    finish(c, tail);
    return;
  }
  if ((strcmp(name, "div") == 0 || strcmp(name, "rem") == 0) && nargs == 2) {
    c_args(c, n, 0);
    emit_op(c, name[0] == 'd' ? OP_IDIV : OP_REM);
    adj(c, -1);
    finish(c, tail);
    return;
  }
  int ty = type_test_of(name);
  if (ty >= 0 && nargs == 1) {
    c_args(c, n, 0);
    emit_op(c, OP_TYPE);
    emit(c, (uint32_t)ty);
    finish(c, tail);
    return;
  }
  /* Kernel written in Elixir (prelude), then BIFs */
  term kernel = atom_from_cstr("Elixir.Kernel");
  module *km = find_module(c, kernel);
  modfun *kf = find_modfun(km, name, (uint32_t)nargs);
  if (kf && !kf->private_) {
    c_args(c, n, 0);
    emit_call(c, kf->fidx, nargs, tail);
    return;
  }
  bif_fn b = lookup_bif_str("Elixir.Kernel", name, (unsigned)nargs);
  if (!b) b = lookup_bif_str("erlang", name, (unsigned)nargs);
  if (b) {
    c_args(c, n, 0);
    emit_bif(c, b, nargs, tail);
    return;
  }
  const char *later = ast_later_tier(name);
  if (later) cerror(c, n, "%s", later);
  if (stdlib_function_known("Elixir.Kernel", name, (unsigned)nargs))
    cerror(c, n, "Kernel.%s/%d is not supported yet", name, nargs);
  if (c->curmod)
    cerror(c, n,
           "undefined function %s/%d (expected %s to define such a function or for it to be "
           "imported, but none are available)",
           name, nargs, mod_display(c->curmod->name));
  cerror(c, n, "undefined function %s/%d (there is no such import)", name, nargs);
}

static void c_remote(ctx *c, const ast *n, bool tail) {
  const ast *me = n->kids[0];
  int nargs = (int)n->nkids - 1;
  if (me->kind == AST_ATOM || me->kind == AST_MODULE_SELF) {
    term mod = me->kind == AST_ATOM ? atom_of(c, me->str, me) : (c->curmod ? c->curmod->name : ATOM_NIL);
    module *m = find_module(c, mod);
    if (nargs == 1 && !find_modfun(m, n->str, 1) &&
        ((strcmp(me->str ? me->str : "", "Elixir.Process") == 0 && strcmp(n->str, "sleep") == 0) ||
         (strcmp(me->str ? me->str : "", "timer") == 0 && strcmp(n->str, "sleep") == 0))) {
      cx(c, n->kids[1], false);
      emit_sleep(c, tail);
      return;
    }
    if (strcmp(atom_text(mod), "erlang") == 0 && strcmp(n->str, "apply") == 0 && nargs == 3) {
      c_args(c, n, 1);
      emit_op(c, OP_APPLY_MFA);
      adj(c, -2);
      finish(c, tail);
      return;
    }
    if (mod == ATOM_ERLANG || strcmp(atom_text(mod), "Elixir.Kernel") == 0) {
      /* :erlang.self(), Kernel.send/2 ...: the local forms */
      if (!find_modfun(m, n->str, (uint32_t)nargs)) {
        const char *nm = n->str;
        if ((strcmp(nm, "self") == 0 && nargs == 0) || (strcmp(nm, "send") == 0 && nargs == 2) ||
            (strcmp(nm, "node") == 0 && nargs == 0) || (strcmp(nm, "exit") == 0 && nargs == 1) ||
            (strcmp(nm, "throw") == 0 && nargs == 1) || (strcmp(nm, "apply") == 0 && nargs >= 2)) {
          ast *call = mknode(c, AST_CALL, n, nargs);
          call->str = n->str;
          for (int i = 0; i < nargs; i++) call->kids[i] = n->kids[i + 1];
          module *saved = c->curmod;
          c->curmod = NULL;
          c_local_call(c, call, tail);
          c->curmod = saved;
          return;
        }
      }
    }
    c_args(c, n, 1);
    remote_known(c, n, mod, n->str, nargs, tail);
    return;
  }
  /* module in a variable */
  cx(c, me, false);
  c_args(c, n, 1);
  emit_op(c, tail ? OP_TCALL_DYN : OP_CALL_DYN);
  emit(c, add_const(c, atom_of(c, n->str, n)));
  emit(c, (uint32_t)nargs);
  adj(c, FRAME_HDR);
  adj(c, -FRAME_HDR);
  if (tail) {
    emit(c, (uint32_t)c->cur->nparams);
    adj(c, -nargs - 1);
  } else {
    adj(c, -nargs);
  }
}

/* ---- lambdas ---- */

static cfun *new_cfun(ctx *c, int nparams, struct fundef *fd) {
  cfun *f = xrealloc(c, NULL, sizeof *f);
  memset(f, 0, sizeof *f);
  f->last_op = -1;
  f->nparams = nparams;
  f->fd = fd;
  f->next_all = c->all;
  c->all = f;
  f->parent = c->cur;
  c->cur = f;
  push_scope(c);
  f->root = f->scope;
  return f;
}

/* Close the function being compiled: build prologue + body. */
static void end_cfun(ctx *c) {
  cfun *f = c->cur;
  int pro = 3 + (f->nfree ? 2 + f->nfree : 0);
  int total = pro + f->len;
  uint32_t *out = xrealloc(c, NULL, (size_t)total * sizeof(uint32_t));
  int ext = f->nlocals + f->maxdepth + FRAME_HDR + 2;
  out[0] = OP_ENTER;
  out[1] = (uint32_t)ext;
  out[2] = (uint32_t)f->nlocals;
  if (f->nfree) {
    out[3] = OP_UNPACK_ENV;
    out[4] = (uint32_t)f->nfree;
    for (int i = 0; i < f->nfree; i++) out[5 + i] = (uint32_t)(int32_t)f->free_slot[i];
  }
  if (f->len) memcpy(out + pro, f->code, (size_t)f->len * sizeof(uint32_t)); /* code is NULL when empty */
  for (int i = 0; i < f->nrelocs; i++) f->relocs[i].pos += pro;
  f->final = out;
  f->final_len = total;
  f->fd->nfree = (uint32_t)f->nfree;
  c->cur = f->parent;
}

static void compile_clauses(ctx *c, const ast *const *clauses, int nclauses, uint32_t arity,
                            uint32_t fidx);

/* fn clauses -> a lambda fundef; pushes the FUN. */
static char *xstrdup(ctx *c, const char *s) {
  size_t n = strlen(s);
  char *r = xrealloc(c, NULL, n + 1);
  memcpy(r, s, n + 1);
  return r;
}

static void c_fn_named(ctx *c, const ast *n, const ast *const *clauses, int nclauses,
                       uint32_t arity, const char *display);

static void c_fn(ctx *c, const ast *n, const ast *const *clauses, int nclauses, uint32_t arity) {
  c_fn_named(c, n, clauses, nclauses, arity, NULL);
}

static void c_fn_named(ctx *c, const ast *n, const ast *const *clauses, int nclauses,
                       uint32_t arity, const char *display) {
  term mod = c->curmod ? c->curmod->name : atom_from_cstr("Elixir.Beamlet.Main");
  term pname = c->curfun ? atom_of(c, c->curfun->name, n) : atom_from_cstr("__script__");
  struct fundef *fd = new_fundef(c, mod, pname, arity, FUNDEF_LAMBDA);
  fd->parent_arity = c->curfun ? c->curfun->arity : 0;
  if (c->curmod) fd->lambda_no = c->curmod->nlambdas++;
  else fd->lambda_no = (uint32_t)c->script_lambdas++;
  char buf[600];
  if (display) {
    fd->display = xstrdup(c, display);
  } else if (c->curmod && c->curfun) {
    snprintf(buf, sizeof buf, "%s.%s/%u", mod_display(c->curmod->name), c->curfun->name,
             c->curfun->arity);
    fd->display = xstrdup(c, buf);
  } else if (!c->curmod) { /* the script's own code: "file:NAME", as Elixir shows it */
    snprintf(buf, sizeof buf, "file:%s", c->file ? c->file : "nofile");
    fd->display = xstrdup(c, buf);
  }
  cfun *f = new_cfun(c, (int)arity + 1, fd);
  compile_clauses(c, clauses, nclauses, arity, fd->index);
  end_cfun(c);
  for (int i = 0; i < f->nfree; i++) emit_push(c, f->free_outer[i]);
  emit_op(c, OP_MAKE_FUN);
  emit(c, fd->index);
  emit(c, (uint32_t)f->nfree);
  adj(c, 1 - f->nfree);
}

static ast *cap_var(ctx *c, const ast *pos, int i) {
  ast *v = mknode(c, AST_VAR, pos, 0);
  char buf[32];
  snprintf(buf, sizeof buf, "cap@%d", i);
  v->str = astrdup(c, buf);
  return v;
}

static bool is_operator_name(const char *s) {
  static const char *const ops[] = {"+", "-", "*", "/", "==", "!=", "===", "!==", "<", ">",
                                    "<=", ">=", "<>", "++", "--", "and", "or", "&&", "||", "in"};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strcmp(ops[i], s) == 0) return true;
  return false;
}

/* A clause `(__cap1, ..., __capN) -> body` */
static const ast *cap_clause(ctx *c, const ast *pos, int arity, ast *body) {
  ast *cl = mknode(c, AST_CLAUSE, pos, arity + 2);
  cl->ival = arity;
  for (int i = 0; i < arity; i++) cl->kids[i] = cap_var(c, pos, i + 1);
  cl->kids[arity] = NULL;
  cl->kids[arity + 1] = body;
  return cl;
}

static void c_capture_mfa(ctx *c, const ast *n) {
  int arity = (int)n->ival;
  ast *body;
  if (n->nkids == 0 && is_operator_name(n->str) && (arity == 2 || arity == 1)) {
    body = mknode(c, arity == 2 ? AST_BINOP : AST_UNOP, n, arity);
    body->op = n->str;
  } else if (n->nkids == 0) {
    body = mknode(c, AST_CALL, n, arity);
    body->str = n->str;
  } else {
    body = mknode(c, AST_REMOTE, n, arity + 1);
    body->str = n->str;
    body->kids[0] = n->kids[0];
  }
  int off = n->nkids == 0 ? 0 : 1;
  for (int i = 0; i < arity; i++) body->kids[off + i] = cap_var(c, n, i + 1);
  const ast *cl = cap_clause(c, n, arity, body);
  char disp[600];
  if (n->nkids == 0 && is_operator_name(n->str))
    snprintf(disp, sizeof disp, "&:erlang.%s/%d", n->str, arity);
  else if (n->nkids == 0 && c->curmod)
    snprintf(disp, sizeof disp, "&%s.%s/%d", mod_display(c->curmod->name), n->str, arity);
  else if (n->nkids == 0)
    snprintf(disp, sizeof disp, "&%s/%d", n->str, arity);
  else if (n->kids[0]->kind == AST_ATOM)
    snprintf(disp, sizeof disp, "&%s%s.%s/%d", strncmp(n->kids[0]->str, "Elixir.", 7) == 0 ? "" : ":",
             strncmp(n->kids[0]->str, "Elixir.", 7) == 0 ? n->kids[0]->str + 7 : n->kids[0]->str,
             n->str, arity);
  else
    disp[0] = 0;
  c_fn_named(c, n, &cl, 1, (uint32_t)arity, disp[0] ? disp : NULL);
}

/* ---- operators ---- */

static int binop_code(const char *op) {
  static const struct { const char *s; int op; } t[] = {
      {"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL}, {"/", OP_FDIV},
      {"<", OP_LT}, {"<=", OP_LE}, {">", OP_GT}, {">=", OP_GE},
      {"==", OP_EQ}, {"!=", OP_NE}, {"===", OP_EXEQ}, {"!==", OP_EXNE},
      {"<>", OP_CONCAT}, {"++", OP_APPEND}, {"--", OP_SUBTRACT}, {"in", OP_IN}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (strcmp(t[i].s, op) == 0) return t[i].op;
  return -1;
}

static void c_binop(ctx *c, const ast *n, bool tail) {
  const char *op = n->op;
  const ast *l = n->kids[0], *r = n->kids[1];
  if (strcmp(op, "and") == 0 || strcmp(op, "or") == 0) {
    int lend = new_label(c);
    cx(c, l, false);
    emit_jmp(c, op[0] == 'a' ? OP_AND : OP_OR, lend);
    adj(c, -1);
    cx(c, r, false);
    bind_label(c, lend);
    finish(c, tail);
    return;
  }
  if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
    int t = new_slot(c);
    int lshort = new_label(c), lend = new_label(c);
    cx(c, l, false);
    emit_store(c, t);
    emit_push(c, t);
    emit_jmp(c, op[0] == '&' ? OP_JFALSY : OP_JTRUTHY, lshort);
    adj(c, -1);
    cx(c, r, tail);
    if (!tail) emit_jmp(c, OP_JUMP, lend);
    if (!tail) adj(c, -1);
    bind_label(c, lshort);
    emit_push(c, t);
    finish(c, tail);
    bind_label(c, lend);
    return;
  }
  if (strcmp(op, "not in") == 0) {
    cx(c, l, false);
    cx(c, r, false);
    emit_op(c, OP_IN);
    adj(c, -1);
    emit_op(c, OP_NOT);
    finish(c, tail);
    return;
  }
  if (strcmp(op, "|>") == 0) cerror(c, n, "piping into something other than a function call is not supported yet");
  /* <- outside for and with, \\ outside a def head: calls of functions
   * that do not exist, as Elixir says */
  if (strcmp(op, "<-") == 0 || strcmp(op, "\\\\") == 0) {
    if (c->curmod)
      cerror(c, n,
             "undefined function %s/2 (expected %s to define such a function or for it to be "
             "imported, but none are available)",
             op, mod_display(c->curmod->name));
    cerror(c, n, "undefined function %s/2 (there is no such import)", op);
  }
  int code = binop_code(op);
  if (code < 0) cerror(c, n, "the operator %s is not supported yet", op);
  /* fused slot +/- small constant, slot +/- slot */
  if (code == OP_ADD || code == OP_SUB) {
    int ls = var_slot(c, l), rs = var_slot(c, r);
    if (ls && r->kind == AST_INT && small_fits(r->ival)) {
      emit_op(c, code == OP_ADD ? OP_ADD_SK : OP_SUB_SK);
      emit(c, (uint32_t)(int32_t)ls);
      emit(c, add_const(c, make_small(r->ival)));
      adj(c, 1);
      finish(c, tail);
      return;
    }
    if (ls && rs) {
      emit_op(c, code == OP_ADD ? OP_ADD_SS : OP_SUB_SS);
      emit(c, (uint32_t)(int32_t)ls);
      emit(c, (uint32_t)(int32_t)rs);
      adj(c, 1);
      finish(c, tail);
      return;
    }
  }
  cx(c, l, false);
  cx(c, r, false);
  emit_op(c, code);
  adj(c, -1);
  finish(c, tail);
}

/* ---- conditions: compare-and-branch ---- */

/* Conditions of guards, if, cond and unless compile to jumps instead of a
 * boolean value and a test. Two modes:
 *   CB_STRICT  (guards) the condition holds when its value is `true`;
 *   CB_TRUTHY  (if/cond) it holds when its value is neither nil nor false.
 * cbranch(n, L, when, mode) jumps to L when the condition's holding equals
 * `when`, and falls through otherwise; the operand stack is the same on
 * both paths. A fused form is used only where it gives the same result as
 * evaluating the value (strict `and`/`or` need a boolean left operand,
 * except that in a guard any non-true left operand fails either way). */
enum { CB_STRICT, CB_TRUTHY };

static const char *const cmp_ops[8] = {"<", "<=", ">", ">=", "==", "!=", "===", "!=="};

static int cmp_index(const ast *n) {
  if (n->kind != AST_BINOP) return -1;
  for (int i = 0; i < 8; i++)
    if (strcmp(n->op, cmp_ops[i]) == 0) return i;
  return -1;
}

/* a OP b == b SWAP(OP) a */
static int cmp_swap(int k) {
  static const int t[8] = {2, 3, 0, 1, 4, 5, 6, 7};
  return t[k];
}

/* !(a OP b) == a NEG(OP) b (term order is total) */
static int cmp_negate(int k) {
  static const int t[8] = {3, 2, 1, 0, 5, 4, 7, 6};
  return t[k];
}

/* A module attribute read stands for its value. */
static const ast *resolve_attr(ctx *c, const ast *n) {
  int depth = 0;
  while (n && n->kind == AST_ATTR && depth++ < 16) {
    const ast *v = find_attr(c, n->str);
    if (!v) return n;
    n = v;
  }
  return n;
}

static bool is_scalar_literal(const ast *n) {
  switch (n->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_CHARLIST:
    case AST_NIL_LIST: case AST_MODULE_SELF:
      return true;
    case AST_UNOP:
      return strcmp(n->op, "-") == 0 && (n->kids[0]->kind == AST_INT || n->kids[0]->kind == AST_FLOAT);
    default:
      return false;
  }
}

/* The slot of a bound variable, or 0. */
static int var_slot(ctx *c, const ast *n) {
  if (n->kind != AST_VAR || n->str[0] == '_') return 0;
  return lookup_var(c, n->str);
}

/* A call to one of the is_* type tests (not one the module defines). */
static int type_test_call(ctx *c, const ast *n) {
  if (n->kind != AST_CALL || n->nkids != 1) return -1;
  if (find_modfun(c->curmod, n->str, 1)) return -1;
  return type_test_of(n->str);
}

/* Does n always evaluate to true or false (or raise)? */
static bool is_bool_expr(ctx *c, const ast *n) {
  n = resolve_attr(c, n);
  if (cmp_index(n) >= 0) return true;
  if (type_test_call(c, n) >= 0) return true;
  if (n->kind == AST_ATOM) return strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0;
  if (n->kind == AST_UNOP) return strcmp(n->op, "not") == 0 || strcmp(n->op, "!") == 0;
  if (n->kind == AST_BINOP) {
    if (strcmp(n->op, "in") == 0 || strcmp(n->op, "not in") == 0) return true;
    if (strcmp(n->op, "and") == 0 || strcmp(n->op, "or") == 0) return is_bool_expr(c, n->kids[1]);
  }
  return false;
}

/* Can evaluating n (as a value) never raise? */
static bool value_safe(ctx *c, const ast *n) {
  n = resolve_attr(c, n);
  if (is_scalar_literal(n)) return true;
  if (n->kind == AST_VAR) return var_slot(c, n) != 0;
  if (cmp_index(n) >= 0) return value_safe(c, n->kids[0]) && value_safe(c, n->kids[1]);
  if (type_test_call(c, n) >= 0) return value_safe(c, n->kids[0]);
  return false;
}

/* Can cbranch(n, ..., CB_STRICT) never raise? (Then a guard needs no
 * exception handler.) */
static bool guard_safe(ctx *c, const ast *n) {
  n = resolve_attr(c, n);
  if (n->kind == AST_BINOP && strcmp(n->op, "and") == 0)
    return guard_safe(c, n->kids[0]) && guard_safe(c, n->kids[1]);
  if (n->kind == AST_BINOP && strcmp(n->op, "or") == 0)
    return is_bool_expr(c, n->kids[0]) && guard_safe(c, n->kids[0]) && guard_safe(c, n->kids[1]);
  if (n->kind == AST_UNOP && strcmp(n->op, "not") == 0)
    return is_bool_expr(c, n->kids[0]) && guard_safe(c, n->kids[0]);
  return value_safe(c, n);
}

/* Jump to L when (l OP_k r) == when. */
static void emit_cmp_branch(ctx *c, const ast *l, const ast *r, int k, int L, bool when) {
  if (when) k = cmp_negate(k);
  l = resolve_attr(c, l);
  r = resolve_attr(c, r);
  int ls = var_slot(c, l), rs = var_slot(c, r);
  if (ls && rs) {
    int at = c->cur->len;
    emit_op(c, OP_JN_LT_SS + k);
    emit(c, (uint32_t)(int32_t)ls);
    emit(c, (uint32_t)(int32_t)rs);
    emit_jump(c, L, at);
    return;
  }
  if (ls && is_scalar_literal(r)) {
    term t = literal_term(c, r);
    int at = c->cur->len;
    emit_op(c, OP_JN_LT_SK + k);
    emit(c, (uint32_t)(int32_t)ls);
    emit(c, add_const(c, t));
    emit_jump(c, L, at);
    return;
  }
  if (rs && is_scalar_literal(l)) {
    term t = literal_term(c, l);
    int at = c->cur->len;
    emit_op(c, OP_JN_LT_SK + cmp_swap(k));
    emit(c, (uint32_t)(int32_t)rs);
    emit(c, add_const(c, t));
    emit_jump(c, L, at);
    return;
  }
  cx(c, l, false);
  cx(c, r, false);
  emit_jmp(c, OP_JN_LT + k, L);
  adj(c, -2);
}

static void cbranch(ctx *c, const ast *n, int L, bool when, int mode) {
  n = resolve_attr(c, n);
  int k = cmp_index(n);
  if (k >= 0) {
    emit_cmp_branch(c, n->kids[0], n->kids[1], k, L, when);
    return;
  }
  if (n->kind == AST_BINOP) {
    const ast *l = n->kids[0], *r = n->kids[1];
    bool is_and = strcmp(n->op, "and") == 0, is_or = strcmp(n->op, "or") == 0;
    bool is_aand = strcmp(n->op, "&&") == 0, is_oor = strcmp(n->op, "||") == 0;
    /* a conjunction: strict `and` (left must be boolean, except in a guard
     * where a non-true left fails either way) or && when testing truthiness */
    if ((is_and && (mode == CB_STRICT || is_bool_expr(c, l))) || (is_aand && mode == CB_TRUTHY)) {
      if (!when) {
        cbranch(c, l, L, false, mode);
        cbranch(c, r, L, false, mode);
      } else {
        int lskip = new_label(c);
        cbranch(c, l, lskip, false, mode);
        cbranch(c, r, L, true, mode);
        bind_label(c, lskip);
      }
      return;
    }
    if ((is_or && is_bool_expr(c, l)) || (is_oor && mode == CB_TRUTHY)) {
      if (!when) {
        int lok = new_label(c);
        cbranch(c, l, lok, true, mode);
        cbranch(c, r, L, false, mode);
        bind_label(c, lok);
      } else {
        cbranch(c, l, L, true, mode);
        cbranch(c, r, L, true, mode);
      }
      return;
    }
  }
  if (n->kind == AST_UNOP && strcmp(n->op, "not") == 0 && is_bool_expr(c, n->kids[0])) {
    cbranch(c, n->kids[0], L, !when, mode);
    return;
  }
  if (n->kind == AST_UNOP && strcmp(n->op, "!") == 0) {
    /* !x is true exactly when x is falsy */
    cbranch(c, n->kids[0], L, !when, CB_TRUTHY);
    return;
  }
  int ty = type_test_call(c, n);
  if (ty >= 0 && !when) {
    int s = var_slot(c, resolve_attr(c, n->kids[0]));
    if (s) {
      int at = c->cur->len;
      emit_op(c, OP_T_TYPE);
      emit(c, (uint32_t)(int32_t)s);
      emit(c, (uint32_t)ty);
      emit_jump(c, L, at);
      return;
    }
  }
  if (n->kind == AST_ATOM) {
    bool holds = mode == CB_STRICT ? strcmp(n->str, "true") == 0
                                   : strcmp(n->str, "nil") != 0 && strcmp(n->str, "false") != 0;
    if (holds == when) emit_jmp(c, OP_JUMP, L);
    return;
  }
  cx(c, n, false);
  if (mode == CB_STRICT) emit_jmp(c, when ? OP_JTRUE : OP_JNOTTRUE, L);
  else emit_jmp(c, when ? OP_JTRUTHY : OP_JFALSY, L);
  adj(c, -1);
}

/* ---- control flow ---- */

/* Clause body in its own scope (the caller pushed the scope). */
static void compile_body(ctx *c, const ast *n, bool tail) {
  if (!n) {
    emit_const(c, ATOM_NIL);
    finish(c, tail);
    return;
  }
  cx(c, n, tail);
}

static void c_if(ctx *c, const ast *n, bool tail) {
  int lelse = new_label(c), lend = new_label(c);
  cbranch(c, n->kids[0], lelse, false, CB_TRUTHY);
  push_scope(c);
  compile_body(c, n->kids[1], tail);
  pop_scope(c);
  if (!tail) {
    emit_jmp(c, OP_JUMP, lend);
    adj(c, -1);
  }
  bind_label(c, lelse);
  push_scope(c);
  compile_body(c, n->nkids > 2 ? n->kids[2] : NULL, tail);
  pop_scope(c);
  bind_label(c, lend);
}

static void c_case(ctx *c, const ast *n, bool tail) {
  int subj = new_slot(c);
  cx(c, n->kids[0], false);
  emit_store(c, subj);
  int lend = new_label(c);
  for (uint32_t i = 1; i < n->nkids; i++) {
    const ast *cl = n->kids[i];
    int lnext = new_label(c);
    push_scope(c);
    match_patterns(c, (const ast *const *)cl->kids, &subj, 1, lnext, true);
    if (cl->kids[1]) cguard(c, cl->kids[1], lnext);
    compile_body(c, cl->kids[2], tail);
    pop_scope(c);
    if (!tail) {
      emit_jmp(c, OP_JUMP, lend);
      adj(c, -1);
    }
    bind_label(c, lnext);
  }
  emit_op(c, OP_ERR_CASE);
  emit(c, (uint32_t)(int32_t)subj);
  if (!tail) adj(c, 1);
  bind_label(c, lend);
}

static void c_cond(ctx *c, const ast *n, bool tail) {
  int lend = new_label(c);
  for (uint32_t i = 0; i < n->nkids; i++) {
    const ast *cl = n->kids[i];
    int lnext = new_label(c);
    cbranch(c, cl->kids[0], lnext, false, CB_TRUTHY);
    push_scope(c);
    compile_body(c, cl->kids[2], tail);
    pop_scope(c);
    if (!tail) {
      emit_jmp(c, OP_JUMP, lend);
      adj(c, -1);
    }
    bind_label(c, lnext);
  }
  emit_op(c, OP_ERR_COND);
  if (!tail) adj(c, 1);
  bind_label(c, lend);
}

/* The variable every clause pins at the same place, for the receive
 * marker: returns its slot or 0. Only patterns shaped {..., ^ref, ...}. */
static int pin_slot_of(ctx *c, const ast *p) {
  if (p->kind == AST_TUPLE)
    for (uint32_t i = 0; i < p->nkids; i++)
      if (p->kids[i]->kind == AST_PIN) return lookup_var(c, p->kids[i]->kids[0]->str);
  return 0;
}

static void c_receive(ctx *c, const ast *n, bool tail) {
  int ncl = (int)n->ival;
  const ast *after_t = n->kids[ncl];
  const ast *after_b = n->kids[ncl + 1];
  int tslot = 0, dslot = new_slot(c), mslot = new_slot(c);
  if (after_t) {
    tslot = new_slot(c);
    cx(c, after_t, false);
    emit_store(c, tslot);
  }
  int marker = 0;
  for (int i = 0; i < ncl; i++) {
    int s = pin_slot_of(c, n->kids[i]->kids[0]);
    if (i == 0) marker = s;
    else if (s != marker) marker = 0;
  }
  emit_op(c, OP_RECV_START);
  emit(c, (uint32_t)(int32_t)marker);
  emit(c, (uint32_t)(int32_t)tslot);
  emit(c, (uint32_t)(int32_t)dslot);
  int lpeek = new_label(c), lnomsg = new_label(c), lafter = new_label(c), lend = new_label(c);
  bind_label(c, lpeek);
  int at = c->cur->len;
  emit_op(c, OP_RECV_PEEK);
  emit(c, (uint32_t)(int32_t)mslot);
  emit_jump(c, lnomsg, at);
  for (int i = 0; i < ncl; i++) {
    const ast *cl = n->kids[i];
    int lnext = new_label(c);
    push_scope(c);
    match_patterns(c, (const ast *const *)cl->kids, &mslot, 1, lnext, true);
    if (cl->kids[1]) cguard(c, cl->kids[1], lnext);
    emit_op(c, OP_RECV_TAKE);
    emit(c, (uint32_t)i);
    compile_body(c, cl->kids[2], tail);
    pop_scope(c);
    if (!tail) {
      emit_jmp(c, OP_JUMP, lend);
      adj(c, -1);
    }
    bind_label(c, lnext);
  }
  emit_jmp(c, OP_RECV_SKIP, lpeek);
  bind_label(c, lnomsg);
  at = c->cur->len;
  emit_op(c, OP_RECV_WAIT);
  emit(c, (uint32_t)(int32_t)dslot);
  emit_jump(c, lpeek, at);
  if (after_t) emit_jump(c, lafter, at);
  else emit(c, 0);
  bind_label(c, lafter);
  if (after_t) {
    push_scope(c);
    compile_body(c, after_b, tail);
    pop_scope(c);
  } else {
    /* unreachable: keep the stack depth consistent */
    emit_const(c, ATOM_NIL);
    finish(c, tail);
  }
  bind_label(c, lend);
}

static void c_match(ctx *c, const ast *n, bool want) {
  const ast *pat = n->kids[0], *rhs = n->kids[1];
  cx(c, rhs, false);
  if (pat->kind == AST_VAR && pat->str[0] != '_') {
    int s = new_slot(c);
    emit_store(c, s);
    bind_var(c, pat->str, s);
    if (want) emit_push(c, s);
    return;
  }
  int t = new_slot(c);
  emit_store(c, t);
  int lerr = new_label(c), lok = new_label(c);
  match_patterns(c, &pat, &t, 1, lerr, true);
  emit_jmp(c, OP_JUMP, lok);
  bind_label(c, lerr);
  emit_op(c, OP_ERR_MATCH);
  emit(c, (uint32_t)(int32_t)t);
  bind_label(c, lok);
  if (want) emit_push(c, t);
}

static void cx_discard(ctx *c, const ast *n) {
  if (n->kind == AST_MATCH) {
    c_match(c, n, false);
    return;
  }
  if (n->kind == AST_DEFMODULE) return;
  cx(c, n, false);
  emit_op(c, OP_POP);
  adj(c, -1);
}

static bool all_literal(const ast *n) {
  switch (n->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_CHARLIST:
    case AST_NIL_LIST:
      return true;
    default:
      return false;
  }
}

static void cx(ctx *c, const ast *n, bool tail) {
  switch (n->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_CHARLIST:
    case AST_NIL_LIST: case AST_MODULE_SELF:
      if (tail) {
        emit_op(c, OP_RET_K);
        emit(c, add_const(c, literal_term(c, n)));
        emit(c, (uint32_t)c->cur->nparams);
        return;
      }
      emit_const(c, literal_term(c, n));
      return;
    case AST_INTERP:
      c_args(c, n, 0);
      emit_op(c, n->ival == 1 ? OP_INTERP_CL : OP_INTERP);
      emit(c, n->nkids);
      adj(c, 1 - (int)n->nkids);
      finish(c, tail);
      return;
    case AST_LIST: {
      uint32_t nitems = n->ival == 1 ? n->nkids - 1 : n->nkids;
      c_args(c, n, 0);
      if (n->ival != 1) emit_const(c, NIL);
      emit_op(c, OP_LIST);
      emit(c, nitems);
      adj(c, -(int)nitems);
      finish(c, tail);
      return;
    }
    case AST_TUPLE:
      c_args(c, n, 0);
      emit_op(c, OP_TUPLE);
      emit(c, n->nkids);
      adj(c, 1 - (int)n->nkids);
      finish(c, tail);
      return;
    case AST_MAP:
      c_args(c, n, 0);
      emit_op(c, OP_MAP);
      emit(c, n->nkids / 2);
      adj(c, 1 - (int)n->nkids);
      finish(c, tail);
      return;
    case AST_MAP_UPDATE:
      c_args(c, n, 0);
      emit_op(c, OP_MAP_UPDATE);
      emit(c, (n->nkids - 1) / 2);
      adj(c, -(int)(n->nkids - 1));
      finish(c, tail);
      return;
    case AST_VAR: {
      if (n->str[0] == '_') cerror(c, n, "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions");
      int s = lookup_var(c, n->str);
      if (s && tail) {
        emit_op(c, OP_RET_S);
        emit(c, (uint32_t)(int32_t)s);
        emit(c, (uint32_t)c->cur->nparams);
        return;
      }
      if (s) {
        emit_push(c, s);
        return;
      }
      /* a zero-arity call written without parentheses */
      if (find_modfun(c->curmod, n->str, 0) ||
          (strcmp(n->str, "self") == 0 || strcmp(n->str, "node") == 0)) {
        ast *call = mknode(c, AST_CALL, n, 0);
        call->str = n->str;
        c_local_call(c, call, tail);
        return;
      }
      cerror(c, n, "undefined function %s/0 (there is no such import)", n->str);
      return;
    }
    case AST_CAPTURE_ARG: {
      char buf[32];
      snprintf(buf, sizeof buf, "cap@%d", (int)n->ival);
      int s = lookup_var(c, buf);
      if (!s) cerror(c, n, "capture argument &%d must be used within the capture operator &", (int)n->ival);
      emit_push(c, s);
      finish(c, tail);
      return;
    }
    case AST_PIN:
      cerror(c, n, "misplaced operator ^/1 (cannot be used outside of match clauses)");
      return;
    case AST_ATTR: {
      const ast *v = find_attr(c, n->str);
      if (!v) {
        cerror(c, n, "undefined module attribute @%s", n->str);
        return;
      }
      cx(c, v, tail);
      return;
    }
    case AST_BINOP:
      c_binop(c, n, tail);
      return;
    case AST_UNOP: {
      const char *op = n->op;
      if (strcmp(op, "-") == 0 && (n->kids[0]->kind == AST_INT || n->kids[0]->kind == AST_FLOAT)) {
        emit_const(c, literal_term(c, n));
        finish(c, tail);
        return;
      }
      cx(c, n->kids[0], false);
      if (strcmp(op, "-") == 0) emit_op(c, OP_NEG);
      else if (strcmp(op, "+") == 0) emit_op(c, OP_PLUS);
      else if (strcmp(op, "not") == 0) emit_op(c, OP_NOT);
      else if (strcmp(op, "!") == 0) emit_op(c, OP_BANG);
      else cerror(c, n, "the unary operator %s is not supported yet", op);
      finish(c, tail);
      return;
    }
    case AST_MATCH:
      c_match(c, n, true);
      finish(c, tail);
      return;
    case AST_RANGE:
      c_args(c, n, 0);
      emit_op(c, n->nkids == 3 ? OP_RANGE_STEP : OP_RANGE);
      adj(c, 1 - (int)n->nkids);
      finish(c, tail);
      return;
    case AST_CALL:
      c_local_call(c, n, tail);
      return;
    case AST_REMOTE:
      c_remote(c, n, tail);
      return;
    case AST_FIELD:
      if (n->kids[0]->kind == AST_ATOM) {
        /* Mod.fun without parentheses: a call */
        ast *call = mknode(c, AST_REMOTE, n, 1);
        call->str = n->str;
        call->kids[0] = n->kids[0];
        c_remote(c, call, tail);
        return;
      }
      cx(c, n->kids[0], false);
      emit_op(c, OP_FIELD);
      emit(c, add_const(c, atom_of(c, n->str, n)));
      finish(c, tail);
      return;
    case AST_APPLY: {
      int nargs = (int)n->nkids - 1;
      c_args(c, n, 1);
      cx(c, n->kids[0], false);
      adj(c, FRAME_HDR);
      adj(c, -FRAME_HDR);
      if (tail) {
        emit_op(c, OP_TAPPLY);
        emit(c, (uint32_t)nargs);
        emit(c, (uint32_t)c->cur->nparams);
        adj(c, -nargs - 1);
      } else {
        emit_op(c, OP_APPLY);
        emit(c, (uint32_t)nargs);
        adj(c, -nargs);
      }
      return;
    }
    case AST_FN: {
      uint32_t arity = (uint32_t)n->kids[0]->ival;
      for (uint32_t i = 1; i < n->nkids; i++)
        if ((uint32_t)n->kids[i]->ival != arity) {
          cerror(c, n->kids[i], "cannot mix clauses with different arities in anonymous functions");
          return; /* compiling them as `arity` patterns would read past the shorter ones */
        }
      c_fn(c, n, (const ast *const *)n->kids, (int)n->nkids, arity);
      finish(c, tail);
      return;
    }
    case AST_CAPTURE_MFA:
      c_capture_mfa(c, n);
      finish(c, tail);
      return;
    case AST_CAPTURE: {
      int arity = (int)n->ival;
      const ast *cl = cap_clause(c, n, arity, n->kids[0]);
      c_fn(c, n, &cl, 1, (uint32_t)arity);
      finish(c, tail);
      return;
    }
    case AST_BLOCK:
      if (n->ival == AST_CLAUSE_LIST) cerror(c, n, "unhandled operator ->");
      if (n->nkids == 0) {
        emit_const(c, ATOM_NIL);
        finish(c, tail);
        return;
      }
      for (uint32_t i = 0; i + 1 < n->nkids; i++) cx_discard(c, n->kids[i]);
      cx(c, n->kids[n->nkids - 1], tail);
      return;
    case AST_CASE:
      c_case(c, n, tail);
      return;
    case AST_COND:
      c_cond(c, n, tail);
      return;
    case AST_IF:
      c_if(c, n, tail);
      return;
    case AST_RECEIVE:
      c_receive(c, n, tail);
      return;
    case AST_DEFMODULE:
      if (c->cur->fd->kind == FUNDEF_MAIN) {
        emit_const(c, ATOM_NIL);
        finish(c, tail);
        return;
      }
      cerror(c, n, "defmodule inside a function is not supported yet");
      return;
    case AST_DEF:
      cerror(c, n, "cannot invoke def/2 outside module");
      return;
    case AST_ATTR_SET:
      cerror(c, n, "cannot invoke @/1 outside module");
      return;
    default:
      cerror(c, n, "%s is not supported yet in this position", kind_name(n));
  }
}

/* ------------------------------------------------------------------ */
/* patterns and guards                                                 */
/* ------------------------------------------------------------------ */

static bool is_wild(const ast *p) { return p->kind == AST_VAR && p->str[0] == '_'; }

/* Match the term in slot `src` against pattern p, jumping to `fail` on a
 * mismatch and binding variables in the current scope. With `alias`, a
 * variable pattern may name `src` itself (src is never written again). */
static void cpat(ctx *c, const ast *p, int src, int fail, bool alias) {
  switch (p->kind) {
    case AST_VAR: {
      if (p->str[0] == '_') return;
      int slot;
      if (alias) {
        slot = src;
      } else {
        slot = new_slot(c);
        emit_op(c, OP_MOVE);
        emit(c, (uint32_t)(int32_t)src);
        emit(c, (uint32_t)(int32_t)slot);
      }
      bind_var(c, p->str, slot);
      return;
    }
    case AST_PIN: {
      int s = lookup_var(c, p->kids[0]->str);
      if (!s) cerror(c, p, "undefined variable ^%s", p->kids[0]->str);
      int at = c->cur->len;
      emit_op(c, OP_T_PIN);
      emit(c, (uint32_t)(int32_t)src);
      emit(c, (uint32_t)(int32_t)s);
      emit_jump(c, fail, at);
      return;
    }
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_CHARLIST:
    case AST_NIL_LIST: case AST_UNOP: case AST_MODULE_SELF: {
      term t = literal_term(c, p);
      if (t == NONE) cerror(c, p, "invalid pattern");
      int at = c->cur->len;
      bool imm = !is_boxed(t) && !is_cons(t);
      emit_op(c, imm ? OP_T_IMM : OP_T_LIT);
      emit(c, (uint32_t)(int32_t)src);
      emit(c, add_const(c, t));
      emit_jump(c, fail, at);
      return;
    }
    case AST_ATTR: {
      const ast *v = find_attr(c, p->str);
      if (!v) {
        cerror(c, p, "undefined module attribute @%s", p->str);
        return;
      }
      cpat(c, v, src, fail, alias);
      return;
    }
    case AST_TUPLE: {
      int at = c->cur->len;
      emit_op(c, OP_T_TUPLE);
      emit(c, (uint32_t)(int32_t)src);
      emit(c, p->nkids);
      emit_jump(c, fail, at);
      for (uint32_t i = 0; i < p->nkids; i++) {
        if (is_wild(p->kids[i])) continue;
        int e = new_slot(c);
        emit_op(c, OP_GET_ELEM);
        emit(c, (uint32_t)(int32_t)src);
        emit(c, i);
        emit(c, (uint32_t)(int32_t)e);
        cpat(c, p->kids[i], e, fail, true);
      }
      return;
    }
    case AST_LIST: {
      uint32_t nitems = p->ival == 1 ? p->nkids - 1 : p->nkids;
      int cur = src;
      for (uint32_t i = 0; i < nitems; i++) {
        int at = c->cur->len;
        emit_op(c, OP_T_CONS);
        emit(c, (uint32_t)(int32_t)cur);
        emit_jump(c, fail, at);
        int h = new_slot(c), t = new_slot(c);
        emit_op(c, OP_GET_LIST);
        emit(c, (uint32_t)(int32_t)cur);
        emit(c, (uint32_t)(int32_t)h);
        emit(c, (uint32_t)(int32_t)t);
        cpat(c, p->kids[i], h, fail, true);
        cur = t;
      }
      if (p->ival == 1) {
        cpat(c, p->kids[p->nkids - 1], cur, fail, true);
      } else {
        int at = c->cur->len;
        emit_op(c, OP_T_NIL);
        emit(c, (uint32_t)(int32_t)cur);
        emit_jump(c, fail, at);
      }
      return;
    }
    case AST_MAP: {
      int at = c->cur->len;
      emit_op(c, OP_T_MAP);
      emit(c, (uint32_t)(int32_t)src);
      emit_jump(c, fail, at);
      for (uint32_t i = 0; i + 1 < p->nkids; i += 2) {
        const ast *k = p->kids[i];
        int v = new_slot(c);
        at = c->cur->len;
        if (k->kind == AST_PIN) {
          int ks = lookup_var(c, k->kids[0]->str);
          if (!ks) cerror(c, k, "undefined variable ^%s", k->kids[0]->str);
          emit_op(c, OP_MAP_GET_S);
          emit(c, (uint32_t)(int32_t)src);
          emit(c, (uint32_t)(int32_t)ks);
        } else {
          term kt = literal_term(c, k);
          if (kt == NONE && k->kind == AST_VAR)
            cerror(c, k,
                   "cannot use variable %s as map key inside a pattern. Map keys in patterns can only "
                   "be literals (such as atoms, strings, tuples, and the like) or an existing "
                   "variable matched with the pin operator (such as ^some_var)",
                   k->str);
          if (kt == NONE) cerror(c, k, "map keys in patterns other than literals and pinned variables are not supported yet");
          emit_op(c, OP_MAP_GET);
          emit(c, (uint32_t)(int32_t)src);
          emit(c, add_const(c, kt));
        }
        emit(c, (uint32_t)(int32_t)v);
        emit_jump(c, fail, at);
        cpat(c, p->kids[i + 1], v, fail, true);
      }
      return;
    }
    case AST_BINOP:
      if (strcmp(p->op, "<>") == 0 && p->kids[0]->kind == AST_STRING) {
        int rest = new_slot(c);
        int at = c->cur->len;
        emit_op(c, OP_T_PREFIX);
        emit(c, (uint32_t)(int32_t)src);
        emit(c, add_const(c, literal_term(c, p->kids[0])));
        emit(c, (uint32_t)(int32_t)rest);
        emit_jump(c, fail, at);
        cpat(c, p->kids[1], rest, fail, true);
        return;
      }
      if (strcmp(p->op, "<>") == 0 && p->kids[0]->kind == AST_VAR)
        cerror(c, p,
               "the left argument of <> operator inside a match should always be a literal binary "
               "because its size can't be verified. Got: %s",
               p->kids[0]->str);
      if (strcmp(p->op, "<>") == 0)
        cerror(c, p,
               "the left argument of <> operator inside a match should always be a literal binary "
               "because its size can't be verified");
      cerror(c, p, "cannot use operator %s in a pattern", p->op);
      return;
    case AST_MATCH:
      cpat(c, p->kids[0], src, fail, false);
      cpat(c, p->kids[1], src, fail, false);
      return;
    case AST_CALL:
      cerror(c, p, "cannot invoke local %s/%u inside a match", p->str, p->nkids);
      return;
    case AST_REMOTE:
      if (p->kids[0]->kind == AST_ATOM) {
        const char *m = p->kids[0]->str;
        bool ex = strncmp(m, "Elixir.", 7) == 0;
        cerror(c, p, "cannot invoke remote function %s%s.%s/%u inside a match", ex ? "" : ":",
               ex ? m + 7 : m, p->str, p->nkids - 1);
      } else
        cerror(c, p, "cannot invoke remote function %s/%u inside a match", p->str, p->nkids - 1);
      return;
    case AST_FIELD:
      cerror(c, p, "cannot invoke remote function .%s/0 inside a match", p->str);
      return;
    case AST_RANGE:
      cerror(c, p, "range patterns (first..last) are not supported yet");
      return;
    default:
      cerror(c, p, "invalid pattern in match, %s is not allowed in matches", kind_name(p));
  }
}

static void cguard(ctx *c, const ast *g, int fail) {
  if (guard_safe(c, g)) {
    cbranch(c, g, fail, false, CB_STRICT);
    return;
  }
  /* an exception inside the guard makes it fail */
  int lgf = new_label(c), lok = new_label(c);
  emit_jmp(c, OP_GUARD, lgf);
  cbranch(c, g, lgf, false, CB_STRICT);
  emit_op(c, OP_GUARD_END);
  emit_jmp(c, OP_JUMP, lok);
  bind_label(c, lgf);
  emit_op(c, OP_GUARD_END);
  emit_jmp(c, OP_JUMP, fail);
  bind_label(c, lok);
}

/* ------------------------------------------------------------------ */
/* functions                                                           */
/* ------------------------------------------------------------------ */

/* Patterns of one clause against the parameters; repeated variables in
 * the clause become equality tests. */
typedef struct seen {
  const char **names;
  int n, cap;
  name_index idx;
} seen;

static void collect_repeats(ctx *c, const ast *p, seen *s, bool *has_repeat) {
  if (!p) return;
  if (p->kind == AST_VAR) {
    if (p->str[0] == '_') return;
    if (names_find(c, &s->idx, s->names, s->n, p->str) >= 0) {
      *has_repeat = true;
      return;
    }
    GROW(c, s->names, s->n, s->cap);
    s->names[s->n++] = p->str;
    return;
  }
  if (p->kind == AST_PIN) return;
  for (uint32_t i = 0; i < p->nkids; i++) collect_repeats(c, p->kids[i], s, has_repeat);
}

/* Rewrite later occurrences of a variable in a pattern into a fresh name,
 * and return the list of (name, fresh) pairs to compare after matching. */
typedef struct rep {
  const char *orig, *fresh;
} rep;

static ast *rename_repeats(ctx *c, const ast *p, seen *s, rep **reps, int *nreps, int *repcap) {
  if (!p) return NULL;
  if (p->kind == AST_VAR) {
    if (p->str[0] == '_') return (ast *)p;
    if (names_find(c, &s->idx, s->names, s->n, p->str) >= 0) {
      size_t bl = strlen(p->str) + 24; /* the whole name: a fresh name must differ */
      char *buf = aalloc(c, bl);
      snprintf(buf, bl, "%s@rep%d", p->str, c->tmpnames++);
      ast *v = mknode(c, AST_VAR, p, 0);
      v->str = buf;
      GROW(c, *reps, *nreps, *repcap);
      (*reps)[*nreps].orig = p->str;
      (*reps)[*nreps].fresh = v->str;
      (*nreps)++;
      return v;
    }
    GROW(c, s->names, s->n, s->cap);
    s->names[s->n++] = p->str;
    return (ast *)p;
  }
  if (p->kind == AST_PIN || p->nkids == 0) return (ast *)p;
  ast *copy = aalloc(c, sizeof *copy);
  *copy = *p;
  copy->kids = aalloc(c, p->nkids * sizeof(ast *));
  for (uint32_t i = 0; i < p->nkids; i++) copy->kids[i] = rename_repeats(c, p->kids[i], s, reps, nreps, repcap);
  return copy;
}

/* Match several patterns (slots given) with repeated-variable checks. */
static void match_patterns(ctx *c, const ast *const *pats, const int *srcs, int n, int fail, bool alias) {
  seen s = {0};
  bool has_rep = false;
  for (int i = 0; i < n; i++) collect_repeats(c, pats[i], &s, &has_rep);
  free(s.names);
  if (!has_rep) {
    for (int i = 0; i < n; i++) cpat(c, pats[i], srcs[i], fail, alias);
    return;
  }
  seen s2 = {0};
  rep *reps = NULL;
  int nreps = 0, repcap = 0;
  for (int i = 0; i < n; i++) {
    ast *q = rename_repeats(c, pats[i], &s2, &reps, &nreps, &repcap);
    cpat(c, q, srcs[i], fail, alias);
  }
  for (int i = 0; i < nreps; i++) {
    int a = lookup_var(c, reps[i].orig), b = lookup_var(c, reps[i].fresh);
    int at = c->cur->len;
    emit_op(c, OP_T_SAME);
    emit(c, (uint32_t)(int32_t)a);
    emit(c, (uint32_t)(int32_t)b);
    emit_jump(c, fail, at);
  }
  free(s2.names);
  free(reps);
}

static void compile_clauses(ctx *c, const ast *const *clauses, int nclauses, uint32_t arity,
                            uint32_t fidx) {
  cfun *f = c->cur;
  int srcs[256];
  if (arity > 255) {
    cerror(c, clauses[0], "too many parameters");
    return;
  }
  for (uint32_t i = 0; i < arity; i++) srcs[i] = param_slot(f, (int)i);
  for (int k = 0; k < nclauses; k++) {
    const ast *cl = clauses[k];
    int lnext = new_label(c);
    push_scope(c);
    match_patterns(c, (const ast *const *)cl->kids, srcs, (int)arity, lnext, true);
    const ast *guard = cl->kids[arity];
    if (guard) cguard(c, guard, lnext);
    compile_body(c, cl->kids[arity + 1], true);
    pop_scope(c);
    bind_label(c, lnext);
  }
  emit_op(c, OP_ERR_FCLAUSE);
  emit(c, fidx);
}

static void compile_modfun(ctx *c, module *m, modfun *mf) {
  struct fundef *fd = c->prog->funs[mf->fidx];
  c->curmod = m;
  c->curfun = mf;
  c->cur = NULL;
  new_cfun(c, (int)mf->arity, fd);
  compile_clauses(c, mf->clauses, mf->nclauses, mf->arity, mf->fidx);
  end_cfun(c);
  mf->compiled = true;
}

/* ------------------------------------------------------------------ */
/* pass 1: modules                                                     */
/* ------------------------------------------------------------------ */

static void collect_module(ctx *c, const ast *dm, const char *prefix) {
  char name[512];
  const char *s = dm->str;
  size_t pl = prefix ? strlen(prefix) : 0;
  if (prefix && !(strncmp(s, prefix, pl) == 0 && s[pl] == '.')) {
    /* nested: Outer.Inner (unless the parser already named it so) */
    const char *inner = strncmp(s, "Elixir.", 7) == 0 ? s + 7 : s;
    snprintf(name, sizeof name, "%s.%s", prefix, inner);
  } else {
    snprintf(name, sizeof name, "%s", s);
  }
  term mname = atom_of(c, name, dm);
  if (find_module(c, mname)) cerror(c, dm, "module %s is defined twice", name + (strncmp(name, "Elixir.", 7) == 0 ? 7 : 0));
  GROW(c, c->mods, c->nmods, c->modcap);
  module *m = &c->mods[c->nmods++];
  memset(m, 0, sizeof *m);
  m->name = mname;
  m->cname = astrdup(c, name);
  m->body = dm->nkids ? dm->kids[0] : NULL;
  const ast *body = m->body;
  int midx = c->nmods - 1;
  if (!body) return;
  uint32_t nb = body->kind == AST_BLOCK ? body->nkids : 1;
  for (uint32_t i = 0; i < nb; i++) {
    const ast *d = body->kind == AST_BLOCK ? body->kids[i] : body;
    if (d->kind == AST_DEFMODULE) {
      collect_module(c, d, c->mods[midx].cname);
      continue;
    }
    if (d->kind != AST_DEF) continue;
    module *mm = &c->mods[midx];
    const ast *cl = d->kids[0];
    uint32_t arity = (uint32_t)cl->ival;
    modfun *mf = find_modfun(mm, d->str, arity);
    if (!mf) {
      GROW(c, mm->funs, mm->nfuns, mm->cap);
      mf = &mm->funs[mm->nfuns++];
      memset(mf, 0, sizeof *mf);
      mf->name = d->str;
      mf->arity = arity;
      mf->private_ = d->ival == 1;
      struct fundef *fd = new_fundef(c, mm->name, atom_of(c, d->str, d), arity, FUNDEF_NAMED);
      fd->exported = !mf->private_;
      mf->fidx = fd->index;
    } else if (mf->private_ != (d->ival == 1)) {
      cerror(c, d, "%s %s/%u already defined as %s", d->ival == 1 ? "defp" : "def", d->str, arity,
             mf->private_ ? "defp" : "def");
    }
    GROW(c, mf->clauses, mf->nclauses, mf->cap);
    mf->clauses[mf->nclauses++] = cl;
  }
}

static void collect_top(ctx *c, const ast *top) {
  uint32_t n = top->kind == AST_BLOCK ? top->nkids : 1;
  for (uint32_t i = 0; i < n; i++) {
    const ast *d = top->kind == AST_BLOCK ? top->kids[i] : top;
    if (d->kind == AST_DEFMODULE) collect_module(c, d, NULL);
  }
}

/* pass 2: compile one module's body in order (attributes evolve). */
static void compile_module_named(ctx *c, term name);

static void compile_module_body(ctx *c, module *m) {
  const ast *body = m->body;
  if (!body) return;
  uint32_t nb = body->kind == AST_BLOCK ? body->nkids : 1;
  for (uint32_t i = 0; i < nb; i++) {
    module *mm = find_module(c, m->name); /* mods may have been reallocated */
    const ast *d = body->kind == AST_BLOCK ? body->kids[i] : body;
    c->curmod = mm;
    switch (d->kind) {
      case AST_ATTR_SET: {
        if (d->nkids == 0) break;
        const ast *v = subst_attrs(c, d->kids[0]);
        GROW(c, c->attrs, c->nattrs, c->attrcap);
        c->attrs[c->nattrs].module = mm->name;
        c->attrs[c->nattrs].name = d->str;
        c->attrs[c->nattrs].value = v;
        c->nattrs++;
        break;
      }
      case AST_DEF: {
        modfun *mf = find_modfun(mm, d->str, (uint32_t)d->kids[0]->ival);
        if (mf && !mf->compiled) compile_modfun(c, mm, mf);
        break;
      }
      case AST_DEFMODULE: {
        char name[512];
        size_t pl = strlen(mm->cname);
        if (strncmp(d->str, mm->cname, pl) == 0 && d->str[pl] == '.') {
          snprintf(name, sizeof name, "%s", d->str);
        } else {
          const char *inner = strncmp(d->str, "Elixir.", 7) == 0 ? d->str + 7 : d->str;
          snprintf(name, sizeof name, "%s.%s", mm->cname, inner);
        }
        compile_module_named(c, atom_of(c, name, d));
        break;
      }
      case AST_CALL:
        if (ast_later_tier(d->str)) cerror(c, d, "%s", ast_later_tier(d->str));
        cerror(c, d, "code in a module body outside functions is not supported yet");
        break;
      default:
        cerror(c, d, "code in a module body outside functions is not supported yet");
    }
  }
  c->curmod = NULL;
  c->curfun = NULL;
}

static void compile_module_named(ctx *c, term name) {
  module *m = find_module(c, name);
  if (m) compile_module_body(c, m);
}

/* ------------------------------------------------------------------ */
/* linking                                                             */
/* ------------------------------------------------------------------ */

static uint32_t hash3(term m, term n, uint32_t a) {
  uint64_t h = m * 0x9E3779B97F4A7C15ull ^ (n + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full ^ a;
  h ^= h >> 29;
  return (uint32_t)h;
}

const struct fundef *program_find(const struct program *prog, term mod, term name, uint32_t arity) {
  if (!prog->hash_cap) return NULL;
  uint32_t mask = prog->hash_cap - 1;
  for (uint32_t i = hash3(mod, name, arity) & mask;; i = (i + 1) & mask) {
    uint32_t e = prog->hash[i];
    if (!e) return NULL;
    const struct fundef *fd = prog->funs[e - 1];
    if (fd->module == mod && fd->name == name && fd->arity == arity) return fd;
  }
}

bool program_has_module(const struct program *prog, term mod) {
  for (uint32_t i = 0; i < prog->nmodules; i++)
    if (prog->modules[i] == mod) return true;
  return false;
}

/* Lay the new functions out after the base's code (code[0] = OP_EXIT in an
 * empty program), patch their calls, and rebuild the tables over every
 * function and module, the base's included. */
static void link_program(ctx *c) {
  struct program *pr = c->prog;
  size_t base = pr->code ? pr->code_len : 1;
  size_t total = base;
  for (cfun *f = c->all; f; f = f->next_all) total += (size_t)f->final_len;
  pr->code = xrealloc(c, pr->code, total * sizeof(uint32_t));
  pr->code[0] = OP_EXIT;
  size_t at = base;
  for (cfun *f = c->all; f; f = f->next_all) {
    f->fd->entry = (uint32_t)at;
    memcpy(pr->code + at, f->final, (size_t)f->final_len * sizeof(uint32_t));
    at += (size_t)f->final_len;
  }
  pr->code_len = total;
  for (cfun *f = c->all; f; f = f->next_all)
    for (int i = 0; i < f->nrelocs; i++)
    {
      /* the F operand follows the opcode; the target is relative to it */
      uint32_t at = f->fd->entry + (uint32_t)f->relocs[i].pos;
      pr->code[at] = (uint32_t)((int64_t)pr->funs[f->relocs[i].fidx]->entry - (int64_t)(at - 1));
    }
  /* hash of named functions */
  uint32_t cap = 16;
  while (cap < pr->nfuns * 2) cap *= 2;
  pr->hash = xrealloc(c, pr->hash, cap * sizeof(uint32_t));
  memset(pr->hash, 0, cap * sizeof(uint32_t));
  pr->hash_cap = cap;
  for (uint32_t k = 0; k < pr->nfuns; k++) {
    struct fundef *fd = pr->funs[k];
    if (fd->kind != FUNDEF_NAMED) continue;
    for (uint32_t i = hash3(fd->module, fd->name, fd->arity) & (cap - 1);; i = (i + 1) & (cap - 1))
      if (!pr->hash[i]) {
        pr->hash[i] = k + 1;
        break;
      }
  }
  pr->modules = xrealloc(c, pr->modules, (size_t)(c->nmods + 1) * sizeof(term));
  for (int i = 0; i < c->nmods; i++) pr->modules[i] = c->mods[i].name;
  pr->nmodules = (uint32_t)c->nmods;
}

/* ------------------------------------------------------------------ */
/* entry points                                                        */
/* ------------------------------------------------------------------ */

void program_free(struct program *pr) {
  if (!pr) return;
  for (uint32_t i = 0; i < pr->nfuns; i++) {
    if (pr->funs[i]) free((char *)pr->funs[i]->display);
    free(pr->funs[i]);
  }
  free(pr->funs);
  free(pr->code);
  free(pr->consts);
  free(pr->bifs);
  free(pr->hash);
  free(pr->modules);
  free(pr);
}

static void ctx_free(ctx *c) {
  for (cfun *f = c->all, *next; f; f = next) {
    next = f->next_all;
    free(f->code);
    for (int i = 0; i < f->nlabels; i++) free(f->labels[i].sites);
    free(f->labels);
    free(f->relocs);
    free(f->free_names);
    free(f->free_slot);
    free(f->free_outer);
    free(f->final);
    free(f);
  }
  for (int i = 0; i < c->nmods; i++) {
    for (int k = 0; k < c->mods[i].nfuns; k++) free(c->mods[i].funs[k].clauses);
    free(c->mods[i].funs);
    free(c->mods[i].idx.slots);
  }
  free(c->mods);
  free(c->attrs);
  for (arena_blk *b = c->arena, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  for (int i = 0; i < c->narenas; i++) ast_arena_free(c->arenas[i]);
  free(c->arenas);
}

static const ast *parse_one(ctx *c, const char *src, size_t len, const char *file) {
  struct ast_arena *arena = NULL;
  ast_error perr;
  memset(&perr, 0, sizeof perr);
  ast *top = parse_source(src, len, &arena, &perr);
  if (arena) {
    GROW(c, c->arenas, c->narenas, c->arenacap);
    c->arenas[c->narenas++] = arena;
  }
  if (!top && !c->failed) {
    c->failed = true;
    snprintf(c->err, c->err_cap, "%s:%u:%u: %s", file, perr.line, perr.col, perr.message);
  }
  return top;
}

/* Parse n sources and run both passes over them: their modules join c's
 * tables (after the base's) and are compiled. *last: the last source's
 * tree (the script's top-level code). False on error (c->err set). */
static bool compile_units(ctx *c, unsigned n, const char *const *names, const char *const *srcs,
                          const size_t *lens, const ast **last) {
  const ast **tops = aalloc(c, (n ? n : 1) * sizeof *tops);
  for (unsigned i = 0; i < n; i++) {
    c->file = names[i];
    tops[i] = parse_one(c, srcs[i], lens ? lens[i] : strlen(srcs[i]), names[i]);
  }
  if (c->failed) return false;
  /* pass 1 */
  for (unsigned i = 0; i < n; i++) {
    c->file = names[i];
    collect_top(c, tops[i]);
  }
  /* pass 2: modules (top-level ones; nested are compiled from their parent) */
  for (unsigned i = 0; i < n; i++) {
    c->file = names[i];
    const ast *top = tops[i];
    uint32_t nk = top->kind == AST_BLOCK ? top->nkids : 1;
    for (uint32_t k = 0; k < nk; k++) {
      const ast *d = top->kind == AST_BLOCK ? top->kids[k] : top;
      if (d->kind == AST_DEFMODULE) compile_module_named(c, atom_of(c, d->str, d));
    }
  }
  if (n) *last = tops[n - 1];
  return !c->failed;
}

/* The compiler's tables for the base program: its modules in order, each
 * named fundef as a compiled function of its module (pass 1 created one
 * fundef per module/name/arity, exported = def), its lambdas counted. The
 * tables grow from the base's exact sizes. */
static void adopt_base(ctx *c) {
  struct program *pr = c->prog;
  c->fcap = pr->nfuns;
  c->ccap = pr->nconsts;
  c->bcap = pr->nbifs;
  for (uint32_t i = 0; i < pr->nmodules; i++) {
    GROW(c, c->mods, c->nmods, c->modcap);
    module *m = &c->mods[c->nmods++];
    memset(m, 0, sizeof *m);
    m->name = pr->modules[i];
    char *cname = aalloc(c, atom_len(m->name) + 1);
    memcpy(cname, atom_text(m->name), atom_len(m->name));
    m->cname = cname;
  }
  for (uint32_t k = 0; k < pr->nfuns; k++) {
    const struct fundef *fd = pr->funs[k];
    module *m = find_module(c, fd->module);
    if (!m) continue;
    if (fd->kind == FUNDEF_LAMBDA) {
      m->nlambdas++;
      continue;
    }
    if (fd->kind != FUNDEF_NAMED) continue;
    GROW(c, m->funs, m->nfuns, m->cap);
    modfun *mf = &m->funs[m->nfuns++];
    memset(mf, 0, sizeof *mf);
    char *name = aalloc(c, atom_len(fd->name) + 1);
    memcpy(name, atom_text(fd->name), atom_len(fd->name));
    mf->name = name;
    mf->arity = fd->arity;
    mf->private_ = !fd->exported;
    mf->fidx = k;
    mf->compiled = true;
  }
}

/* The script on top of the base: its modules, then its top-level code as
 * the main function; link. */
static struct program *compile_all(ctx *c, const char *src, size_t len, const char *file) {
  adopt_base(c);
  const char *name = file ? file : "nofile";
  const ast *top = NULL;
  if (!compile_units(c, 1, &name, &src, &len, &top)) return NULL;
  /* the script's top-level code */
  c->file = name;
  c->curmod = NULL;
  c->curfun = NULL;
  c->cur = NULL;
  struct fundef *mainfd = new_fundef(c, atom_from_cstr("Elixir.Beamlet.Main"),
                                     atom_from_cstr("__script__"), 0, FUNDEF_MAIN);
  new_cfun(c, 0, mainfd);
  cx(c, top, true);
  end_cfun(c);
  if (c->failed) return NULL;
  c->prog->main_fun = mainfd->index;
  link_program(c);
  c->prog->to_string = lookup_bif_str("Elixir.Kernel", "to_string", 1);
  struct program *pr = c->prog;
  c->prog = NULL;
  (void)all_literal;
  (void)is_immediate_literal;
  (void)is_var_named;
  (void)module_has_name;
  return pr;
}

/* A compile context writing into prog (taken over: freed on failure). */
static ctx *ctx_new(struct litarea *lit, struct program *prog, const char *file, char *err,
                    size_t err_cap) {
  static char dummy[1];
  err = err && err_cap ? err : dummy;
  err_cap = err != dummy ? err_cap : sizeof dummy;
  err[0] = 0;
  file = file ? file : "nofile";
  atom_init();
  ctx *c = calloc(1, sizeof *c);
  if (!c || !prog) {
    snprintf(err, err_cap, "%s: out of memory", file);
    free(c);
    program_free(prog);
    return NULL;
  }
  c->err = err;
  c->err_cap = err_cap;
  c->lit = lit;
  c->file = file;
  c->prog = prog;
  return c;
}

/* Free the context; returns pr, or NULL after freeing what is left of the
 * program when the compile failed. */
static struct program *ctx_finish(ctx *c, struct program *pr) {
  if (!pr) program_free(c->prog);
  ctx_free(c);
  free(c);
  return pr;
}

struct program *program_compile_prelude(struct litarea *lit, const char *const *names,
                                        const char *const *sources, unsigned n, char *err,
                                        size_t err_cap) {
  ctx *c = ctx_new(lit, calloc(1, sizeof(struct program)), n ? names[0] : "prelude", err, err_cap);
  if (!c) return NULL;
  const ast *last = NULL;
  struct program *pr = NULL;
  if (compile_units(c, n, names, sources, NULL, &last)) {
    link_program(c);
    pr = c->prog;
    c->prog = NULL;
  }
  return ctx_finish(c, pr);
}

struct program *program_compile_on(struct litarea *lit, struct program *base, const char *src,
                                   size_t len, const char *file, char *err, size_t err_cap) {
  ctx *c = ctx_new(lit, base, file, err, err_cap);
  if (!c) return NULL;
  return ctx_finish(c, compile_all(c, src, len, file));
}

struct program *program_compile(struct litarea *lit, const char *src, size_t len,
                                const char *file, char *err, size_t err_cap) {
  struct program *base;
  if (beamlet_prelude_image_len == 0) { /* a build without a prelude */
    base = calloc(1, sizeof *base);
  } else {
    char ierr[200];
    base = img_read(lit, beamlet_prelude_image, beamlet_prelude_image_len, ierr, sizeof ierr);
    if (!base) {
      if (err && err_cap)
        snprintf(err, err_cap, "%s: the built-in prelude image is unusable: %s",
                 file ? file : "nofile", ierr);
      return NULL;
    }
  }
  return program_compile_on(lit, base, src, len, file, err, err_cap);
}
