/*
 * test_frontend_regress.c -- the front end (lexer, parser, compiler) never
 * crashes, whatever the input: every file of tests/fuzz/regressions/ (inputs
 * the fuzzer of tests/fuzz/fuzz_frontend.c once crashed or hung on, embedded
 * by tests/fuzz/gen-regressions) and a set of hostile inputs (deep nesting,
 * long inputs, huge literals, invalid UTF-8, NUL bytes) go through
 * parse_source and program_compile with the real prelude. Each must compile,
 * or fail with a "file:line:col: message" error; everything is freed (the
 * ASan build checks for leaks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "check.h"
#include "code.h"
#include "heap.h"
#include "vm.h"

#include "../fuzz/regressions.inc"

static char cmsg[1024];

/* "OK" when src compiles, else the compiler's message ("t.exs:1:2: ...").
 * parse_source alone must agree on parse errors. */
static const char *compile(const char *src, size_t len) {
  struct ast_arena *arena = NULL;
  ast_error perr;
  ast *root = parse_source(src, len, &arena, &perr);
  if (root) ast_arena_free(arena);
  struct litarea *lit = literal_area_new();
  CHECK(lit != NULL);
  cmsg[0] = 0;
  struct program *pr = program_compile(lit, src, len, "t.exs", cmsg, sizeof cmsg);
  if (pr) {
    CHECK(root != NULL);
    program_free(pr);
    snprintf(cmsg, sizeof cmsg, "OK");
  } else if (strncmp(cmsg, "t.exs:", 6) != 0) {
    printf("test_frontend_regress: bad error message: \"%s\"\n", cmsg);
    CHECK(!"error message starts with the file name");
  }
  literal_area_free(lit);
  return cmsg;
}
static const char *compile_str(const char *s) { return compile(s, strlen(s)); }
static int is_error(const char *m) { return strncmp(m, "t.exs:", 6) == 0; }

static void test_regressions(void) {
  int n = 0;
  for (const struct regress_case *r = regress_cases; r->name; r++, n++) {
    const char *m = compile((const char *)r->bytes, r->len);
    CHECK(m[0] != 0);
  }
  printf("test_frontend_regress: %d fuzzer regressions\n", n);
}

/* A string of `n` copies of `unit`, then `tail` (heap; caller frees). */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * n + tl + 1);
  if (!s) return NULL;
  memcpy(s, head, hl);
  for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
  memcpy(s + hl + ul * n, tail, tl + 1);
  return s;
}

/* n opens, a core, n closes */
static char *nest(const char *open, const char *core, const char *close, size_t n) {
  size_t ol = strlen(open), cl = strlen(core), xl = strlen(close);
  char *s = malloc(ol * n + cl + xl * n + 1);
  if (!s) return NULL;
  for (size_t i = 0; i < n; i++) memcpy(s + i * ol, open, ol);
  memcpy(s + ol * n, core, cl);
  for (size_t i = 0; i < n; i++) memcpy(s + ol * n + cl + i * xl, close, xl);
  s[ol * n + cl + xl * n] = 0;
  return s;
}

static const struct nesting {
  const char *open, *core, *close;
} nestings[] = {
    {"[", "1", "]"},
    {"{", "1", "}"},
    {"(", "1", ")"},
    {"%{a: ", "1", "}"},
    {"[a: ", "1", "]"},
    {"fn -> ", "1", " end"},
    {"fn x -> ", "x", " end"},
    {"case 1 do\n_ -> ", "1", "\nend"},
    {"if true do\n", "1", "\nend"},
    {"if true, do: ", "1", ""},
    {"cond do\ntrue -> ", "1", "\nend"},
    {"receive do\nx -> ", "x", "\nend"},
    {"\"#{", "1", "}\""},
    {"- ", "1", ""},
    {"not ", "true", ""},
    {"!", "true", ""},
    {"[1 | ", "[]", "]"},
    {"1 + (", "1", ")"},
    {"x = ", "1", ""},
    {"&(", "&1", ")"},
    {"IO.inspect(", "1", ")"},
    {"(fn x -> x end).(", "1", ")"},
    {"elem(", "{1}", ", 0)"},
    {"defmodule A do\n", "def f, do: 1", "\nend"},
    {"defmodule A do\ndef f(x) do\n", "x", "\nend\nend"},
    {"{[%{a: fn x -> case x do\n_ -> ", "1", "\nend end}]}"},
};

/* 10,000 levels of every construct: a clean error, never a stack overflow
 * (the parser bounds nesting; the compiler's recursion follows the tree). */
static void test_deep_nesting(void) {
  for (size_t i = 0; i < sizeof nestings / sizeof nestings[0]; i++) {
    const struct nesting *k = &nestings[i];
    char *s = nest(k->open, k->core, k->close, 10000);
    CHECK(s != NULL);
    if (!s) continue;
    const char *m = compile_str(s);
    if (!is_error(m)) printf("test_frontend_regress: 10000 x \"%s\": %s\n", k->open, m);
    CHECK(is_error(m));
    free(s);
    /* unclosed */
    s = nest(k->open, k->core, "", 10000);
    if (s) {
      CHECK(is_error(compile_str(s)));
      free(s);
    }
  }
}

static int parses(const char *src) {
  struct ast_arena *arena = NULL;
  ast_error e;
  ast *root = parse_source(src, strlen(src), &arena, &e);
  if (root) ast_arena_free(arena);
  return root != NULL;
}

/* At the deepest nesting the parser accepts, every construct compiles (or
 * fails cleanly): the compiler's recursion on the deepest trees fits the
 * stack (1 MB on wasm32). */
static void test_nesting_at_limit(void) {
  for (size_t i = 0; i < sizeof nestings / sizeof nestings[0]; i++) {
    const struct nesting *k = &nestings[i];
    /* the deepest n that parses (parsing is monotonic in n here) */
    size_t lo = 1, hi = 400;
    char *s = nest(k->open, k->core, k->close, lo);
    int ok = s && parses(s);
    free(s);
    if (!ok) {
      printf("test_frontend_regress: 1 x \"%s\" does not parse\n", k->open);
      CHECK(ok);
      continue;
    }
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      s = nest(k->open, k->core, k->close, mid);
      if (s && parses(s)) lo = mid;
      else hi = mid;
      free(s);
    }
    CHECK(lo >= (k->open[0] == '&' ? 1 : 19)); /* &(&(...)) is invalid, as in Elixir */
    s = nest(k->open, k->core, k->close, lo);
    if (s) {
      const char *m = compile_str(s);
      CHECK(m[0] != 0);
      free(s);
    }
  }
  /* nested lambdas that each capture the outer variables: deep closures */
  char *s = repeat("x0 = 1\n", "fn -> x0 + ", 40, "1");
  if (s) {
    size_t l = strlen(s);
    char *t = malloc(l + 40 * 4 + 1);
    if (t) {
      memcpy(t, s, l);
      for (int i = 0; i < 40; i++) memcpy(t + l + i * 4, " end", 4);
      t[l + 40 * 4] = 0;
      CHECK(compile_str(t)[0] != 0);
      free(t);
    }
    free(s);
  }
}

/* About 1 MB inputs natively (scaled down by TEST_SCALE): clean results,
 * in reasonable time (not asserted; they were quadratic once). */
static void test_long_inputs(void) {
  char *s = repeat("x = ", "1 + ", (size_t)TEST_N(250000), "1\nIO.puts x\n");
  if (s) {
    CHECK(compile_str(s)[0] != 0); /* a long operator chain: an error (nesting) or OK */
    free(s);
  }
  s = repeat("", "IO.puts 1\n", (size_t)TEST_N(100000), "");
  if (s) {
    CHECK_EQ_STR(compile_str(s), "OK");
    free(s);
  }
  s = repeat("", "x = 1\n", (size_t)TEST_N(150000), "IO.puts x\n");
  if (s) {
    CHECK_EQ_STR(compile_str(s), "OK");
    free(s);
  }
  /* many distinct variables in one function */
  size_t n = (size_t)TEST_N(60000), nf = (size_t)TEST_N(20000), nm = (size_t)TEST_N(5000);
  char *v = malloc((n + nf + nm) * 48 + 64);
  if (v) {
    size_t at = 0;
    for (size_t i = 0; i < n; i++) at += (size_t)sprintf(v + at, "x%zu = %zu\n", i, i);
    sprintf(v + at, "IO.puts x1\n");
    CHECK_EQ_STR(compile_str(v), "OK");
    /* many functions in one module */
    at = (size_t)sprintf(v, "defmodule M do\n");
    for (size_t i = 0; i < nf; i++) at += (size_t)sprintf(v + at, "def f%zu, do: f%zu()\n", i, i + 1);
    sprintf(v + at, "def f%zu, do: 0\nend\nIO.puts M.f0()\n", nf);
    CHECK_EQ_STR(compile_str(v), "OK");
    /* many modules */
    at = 0;
    for (size_t i = 0; i < nm; i++) at += (size_t)sprintf(v + at, "defmodule M%zu do def f, do: %zu end\n", i, i);
    sprintf(v + at, "IO.puts M1.f()\n");
    CHECK_EQ_STR(compile_str(v), "OK");
    /* many attributes, each read (and one set twice: the latest wins) */
    at = (size_t)sprintf(v, "defmodule A do\n@a0 :first\n");
    for (size_t i = 0; i < nf; i++) at += (size_t)sprintf(v + at, "@a%zu %zu\n", i, i);
    at += (size_t)sprintf(v + at, "def f, do: [");
    for (size_t i = 0; i < nf; i++) at += (size_t)sprintf(v + at, "@a%zu, ", i);
    sprintf(v + at, "0]\nend\nIO.puts hd(A.f())\n");
    CHECK_EQ_STR(compile_str(v), "OK");
    free(v);
  }
  s = repeat("x = \"", "a", 1000000, "\"\nIO.puts x\n");
  if (s) {
    CHECK_EQ_STR(compile_str(s), "OK");
    free(s);
  }
  /* many interpolations: each is tokenized on its own */
  s = repeat("x = 1\nIO.puts \"", "#{x}", (size_t)TEST_N(80000), "\"\n");
  if (s) {
    CHECK_EQ_STR(compile_str(s), "OK");
    free(s);
  }
  s = repeat("x = [", "1, ", (size_t)TEST_N(200000), "1]\nIO.puts length(x)\n");
  if (s) {
    CHECK_EQ_STR(compile_str(s), "OK");
    free(s);
  }
  s = repeat("", "a", 300, " = 1\n"); /* a long variable name */
  if (s) {
    CHECK(compile_str(s)[0] != 0);
    free(s);
  }
  s = repeat("x = :", "a", 300, "\nIO.inspect x\n"); /* atoms are at most 255 bytes */
  if (s) {
    CHECK(is_error(compile_str(s)));
    free(s);
  }
}

static void test_literals(void) {
  const char *m = compile_str("IO.puts 123456789012345678901234567890");
  if (!(is_error(m) && strstr(m, "64 bits") && strstr(m, "bignum"))) printf("%s\n", m);
  CHECK(is_error(m) && strstr(m, "64 bits") && strstr(m, "bignum"));
  CHECK(is_error(compile_str("x = 9223372036854775808")));
  CHECK(is_error(compile_str("x = -9223372036854775809")));
  CHECK(is_error(compile_str("x = 0xFFFFFFFFFFFFFFFFFF")));
  CHECK(is_error(compile_str("x = 0b11111111111111111111111111111111111111111111111111111111111111111")));
  CHECK_EQ_STR(compile_str("x = 9223372036854775807\nIO.puts x"), "OK");
  CHECK_EQ_STR(compile_str("x = -9223372036854775808\nIO.puts x"), "OK");
  CHECK_EQ_STR(compile_str("x = 1.0e308\nIO.puts x"), "OK");
  CHECK(is_error(compile_str("x = 1.0e309")));
  CHECK_EQ_STR(compile_str("x = ?\\u{10FFFF}\nIO.puts x"), "OK");
}

static void test_bytes(void) {
  /* NUL bytes, invalid UTF-8 */
  CHECK(is_error(compile("x = 1\0y", 7)));
  CHECK(is_error(compile("\0", 1)));
  CHECK(compile("IO.puts \"a\0b\"", 13)[0] != 0);
  CHECK(compile("IO.puts 'a\0b'", 13)[0] != 0);
  CHECK(compile("IO.puts :\"a\0b\"", 14)[0] != 0);
  CHECK(compile_str("IO.puts \"\xff\xfe\xc3\"")[0] != 0);
  CHECK(compile_str("IO.puts '\xff\xfe\xc3'")[0] != 0);
  CHECK(compile_str("IO.puts '\xf4\x90\x80\x80\xc3'")[0] != 0);
  CHECK(is_error(compile_str("\xc3")));
  CHECK(is_error(compile_str("x\xff = 1")));
  CHECK(compile_str("# \xff\xfe\nIO.puts 1")[0] != 0);
  CHECK(compile_str("")[0] != 0);
  CHECK(compile("", 0)[0] != 0);
}

/* fn clauses of different arities: an error, never compiled as one arity */
static void test_fn_arity(void) {
  static const char *const srcs[] = {"fn 0->->end", "f = fn a, b -> 1; c -> 2 end", "f = fn -> 1; a -> 2 end",
                                     "f = fn a when a -> 1\n -> 2\nend", "f = fn a -> 1; b, c, d -> 2; -> 3 end"};
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    const char *m = compile_str(srcs[i]);
    if (!strstr(m, "different arities")) printf("test_frontend_regress: %s: %s\n", srcs[i], m);
    CHECK(strstr(m, "different arities") != NULL);
  }
}

/* Programs that collide with the prelude's modules. */
static void test_prelude_collisions(void) {
  CHECK(compile_str("defmodule Enum do\n  def map(a, b), do: {a, b}\nend\nIO.inspect Enum.map(1, 2)")[0] != 0);
  CHECK(compile_str("defmodule Process do\nend")[0] != 0);
  CHECK(compile_str("defmodule List do\n  def foldl(a), do: a\nend\nIO.inspect List.foldl([1], 0, &+/2)")[0] != 0);
  CHECK(compile_str("defmodule A do\nend\ndefmodule A do\nend")[0] != 0);
  CHECK(compile_str("defmodule A do\n  def f, do: 1\n  def f, do: 2\nend")[0] != 0);
}

int main(void) {
  test_regressions();
  test_deep_nesting();
  test_nesting_at_limit();
  test_long_inputs();
  test_literals();
  test_bytes();
  test_fn_arity();
  test_prelude_collisions();
  return check_report();
}
