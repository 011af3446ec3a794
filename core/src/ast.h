/*
 * ast.h -- the syntax tree the parser builds and the compiler reads.
 *
 * Every node has a kind, a position (1-based line and column of its first
 * token), an optional scalar payload and an array of children. The table
 * below fixes what the children of each kind are; the parser desugars
 * what it can so the compiler sees few forms:
 *   - `a |> f(b)`  becomes the call `f(a, b)` (any call form);
 *   - keyword lists `[a: 1]` and keyword arguments `f(x, a: 1)` become
 *     lists of 2-tuples {atom, value} (the trailing keyword list is the last
 *     argument, as in Elixir);
 *   - `if c, do: x, else: y` and the do/end form both become AST_IF;
 *     `unless` becomes AST_IF with the branches swapped;
 *   - aliases `Foo.Bar` become AST_ATOM with the text "Elixir.Foo.Bar";
 *   - `def f(x), do: e` and `def f(x) do e end` both become AST_DEF.
 * Nodes live in an arena owned by the parse; freeing the arena frees all.
 *
 * Details the parser guarantees (added by the parser's author; additive):
 *   - bodies (do/else/after sections, clause bodies, `do:` values, `(a; b)`)
 *     are the expression itself when there is one, an AST_BLOCK when there
 *     are several, and AST_ATOM "nil" when empty. The top level and a
 *     defmodule body are always an AST_BLOCK (possibly with 0 kids);
 *   - AST_DEFMODULE str is the FULL name: `defmodule Inner` inside
 *     `defmodule Outer` gives "Elixir.Outer.Inner" (do not prefix it again),
 *     and the alias `Inner` used anywhere inside Outer (after the nested
 *     defmodule starts) is already resolved to "Elixir.Outer.Inner";
 *     `Elixir.String` stays "Elixir.String";
 *   - `-5` / `+1.5` with a literal operand are folded into AST_INT/AST_FLOAT
 *     (also -9223372036854775808); AST_UNOP remains for other operands.
 *     Integer literals beyond 64 bits are a parse error (bignums: Tier 2);
 *   - `true`, `false`, `nil` are AST_ATOM; `^x` is AST_PIN (only of a var);
 *   - a bare identifier is AST_VAR even when it denotes a zero-arity call
 *     (`self`, `def run_local, do: ...` gives a clause with 0 patterns);
 *     `Mod.fun` / `:erl.fun` / `__MODULE__.fun` without parentheses is an
 *     AST_REMOTE with no args; AST_FIELD only has a non-atom expression;
 *   - `x[key]` becomes AST_REMOTE Elixir.Access.get(x, key);
 *   - a pipe keeps the position of the call it builds; `x |> case do ...`
 *     fills the subject of AST_CASE; `x |> f` is the call f(x);
 *   - `&+/2` (operator capture) is AST_CAPTURE_MFA with no kids and str "+";
 *     `&mod.fun/1` has the variable as module_expr;
 *   - AST_RECEIVE always has the two trailing after kids (NULL, NULL when
 *     there is no after); AST_COND clauses have a NULL guard; AST_IF has a
 *     NULL else when absent; `unless c, do: x` is IF [c, nil, x];
 *   - AST_INTERP parts: empty literal segments are omitted; `#{}` is ATOM nil;
 *     several expressions in one `#{a; b}` form an AST_BLOCK;
 *   - AST_BINOP ops: + - * / ** == != === !== < > <= >= && || and or <> ++
 *     -- in "not in". `when` and `|` never reach the compiler outside clause
 *     heads and list tails (the parser rejects them);
 *   - `@spec/@type/@typep/@opaque/@callback ...` lines are skipped and give
 *     AST_ATTR_SET with the name and an ATOM nil value; `@doc`/`@moduledoc`
 *     are ordinary attribute sets;
 *   - nesting is limited (LX_MAX_DEPTH in lexer.h, 100 levels of
 *     expressions/operators/interpolations), so trees are shallow enough
 *     for a recursive compiler; deeper input is a parse error.
 */
#ifndef BEAMLET_AST_H
#define BEAMLET_AST_H

#define AST_CLAUSE_LIST 3 /* AST_BLOCK ival: see AST_BLOCK */

#include <stddef.h>
#include <stdint.h>

typedef enum ast_kind {
  /* literals */
  AST_INT,      /* ival */
  AST_FLOAT,    /* fval */
  AST_ATOM,     /* str: atom text without ':' ("ok", "Elixir.Foo", "true") */
  AST_STRING,   /* str/len: the bytes of a string with no interpolation */
  AST_CHARLIST, /* str/len: 'abc' (no interpolation) */
  AST_INTERP,   /* kids: parts, each AST_STRING or an expression; the result is
                   a string (for "...") or, with ival == 1, a charlist */
  AST_NIL_LIST, /* [] */
  AST_LIST,     /* kids: items...; ival == 1 when the last kid is a `| tail` */
  AST_TUPLE,    /* kids: elements */
  AST_MAP,      /* kids: k0, v0, k1, v1, ...  (`%{a: 1}` gives ATOM a, 1) */
  AST_MAP_UPDATE, /* kids: map, k0, v0, ...     (`%{m | a: 1}`) */

  /* names */
  AST_VAR,      /* str: name; names starting with '_' are never read */
  AST_PIN,      /* kids: [AST_VAR] */
  AST_MODULE_SELF, /* __MODULE__ */
  AST_ATTR,     /* str: attribute name (read of @name) */

  /* operators */
  AST_BINOP,    /* op: token text ("+", "==", "and", "<>", "++", "in",
                   "not in", ...); kids: [left, right]. div/rem are calls. */
  AST_UNOP,     /* op: "-", "+", "not", "!"; kids: [operand] */
  AST_MATCH,    /* kids: [pattern, expr] */
  AST_RANGE,    /* kids: [first, last] or [first, last, step] */

  /* calls */
  AST_CALL,     /* str: local function name; kids: args */
  AST_REMOTE,   /* kids: [module_expr, args...]; str: function name.
                   module_expr is AST_ATOM for Foo.bar / :erlang.bar, any
                   expression for mod.fun(x) */
  AST_FIELD,    /* kids: [expr]; str: key  (map.key, no parentheses) */
  AST_APPLY,    /* kids: [fun_expr, args...]  (f.(x)) */

  /* functions */
  AST_FN,       /* kids: clauses (AST_CLAUSE) */
  AST_CAPTURE_MFA, /* &Mod.fun/2 or &fun/1: kids [module_expr or none];
                   str: fun name; ival: arity. nkids == 0 for a local. */
  AST_CAPTURE,  /* &(expr): kids [expr]; ival: highest &N used */
  AST_CAPTURE_ARG, /* &N: ival = N */

  /* control flow */
  AST_BLOCK,    /* kids: expressions, evaluated in order; value of the last.
                   ival == AST_CLAUSE_LIST: `(pat -> e; ...)`, clauses as a
                   keyword's value, which only for, with, case, cond and
                   receive take; the compiler rejects it anywhere else */
  AST_CLAUSE,   /* kids: [patterns..., guard_or_null, body]; ival: number of
                   patterns. A clause without guard has a NULL guard kid. */
  AST_CASE,     /* kids: [subject, clauses...] */
  AST_COND,     /* kids: clauses, each AST_CLAUSE with ival == 1 whose
                   single "pattern" is the condition expression */
  AST_IF,       /* kids: [cond, then, else_or_null] */
  AST_RECEIVE,  /* kids: [clauses..., after_timeout_or_null,
                   after_body_or_null]; ival: number of clauses */

  /* modules */
  AST_DEFMODULE, /* str: "Elixir.Foo.Bar"; kids: [body (AST_BLOCK)] */
  AST_DEF,      /* str: name; ival: 1 for defp; kids: [clause] */
  AST_ATTR_SET, /* str: name; kids: [value] */

  AST_KIND_COUNT
} ast_kind;

typedef struct ast {
  uint16_t kind;
  uint32_t line, col;
  int64_t ival;
  double fval;
  const char *str; /* NUL-terminated, also for strings (len gives the bytes) */
  size_t len;
  const char *op;  /* for AST_BINOP/AST_UNOP */
  struct ast **kids;
  uint32_t nkids;
} ast;

/* A compile error: position and message ("unsupported: for comprehensions
 * (Tier 2)"). The message is formatted by the caller as
 * "file:line:col: message". */
typedef struct ast_error {
  uint32_t line, col;
  char message[256];
} ast_error;

struct ast_arena;

/* Parse a whole script. Returns the top-level AST_BLOCK, or NULL with *err
 * filled. The arena owns every node; free it with ast_arena_free. */
ast *parse_source(const char *src, size_t len, struct ast_arena **arena, ast_error *err);
void ast_arena_free(struct ast_arena *arena);
/* The message for a call to a special form of a later tier ("for
 * comprehensions are not supported yet (Tier 2)"), or NULL: one table for
 * the parser and the compiler. */
const char *ast_later_tier(const char *name);
/* Debug rendering of a tree (for tests): an S-expression on one line. */
size_t ast_dump(const ast *node, char *buf, size_t cap);

#endif
