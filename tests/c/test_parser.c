/*
 * test_parser.c -- lexer/parser tests: desugaring and precedence through
 * ast_dump, error positions and messages, unsupported constructs, hostile
 * inputs (fuzzer regressions). With argv[1] = a directory, every *.exs file
 * in it must parse (skipped when the directory cannot be opened).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ast.h"
#include "check.h"

static char dumpbuf[1 << 16];

/* Parses src; returns the dump of the top-level block's single expression
 * (or the whole block when it has several), or "ERR l:c: message". */
static const char *parse_dump(const char *src, size_t len) {
  struct ast_arena *a = NULL;
  ast_error e;
  ast *r = parse_source(src, len, &a, &e);
  if (!r) {
    snprintf(dumpbuf, sizeof dumpbuf, "ERR %u:%u: %s", (unsigned)e.line, (unsigned)e.col, e.message);
    return dumpbuf;
  }
  if (r->kind == AST_BLOCK && r->nkids == 1) ast_dump(r->kids[0], dumpbuf, sizeof dumpbuf);
  else ast_dump(r, dumpbuf, sizeof dumpbuf);
  ast_arena_free(a);
  return dumpbuf;
}
static const char *pd(const char *src) { return parse_dump(src, strlen(src)); }

#define D(src, expect) CHECK_EQ_STR(pd(src), expect)

static void test_literals(void) {
  D("42", "42");
  D("1_000_000", "1000000");
  D("0xFF", "255");
  D("0b101", "5");
  D("0o17", "15");
  D("1.5", "1.5");
  D("1.0e3", "1000.0");
  D("2.5e-3", "0.0025");
  D("1.0e20", "1e+20"); /* fuzzer regression: the dump's integer check overflowed */
  D("-0.0", "-0.0");
  D("1.0e400", "ERR 1:1: invalid float number (out of range)");
  D("-7", "-7");
  D("-9223372036854775808", "-9223372036854775808");
  D("9223372036854775807", "9223372036854775807");
  D("?a", "97");
  D("?\\n", "10");
  D("?\\s", "32");
  D("?é", "233");
  D(":ok", ":ok");
  D(":\"with space\"", ":\"with space\"");
  D(":+", ":\"+\"");
  D(":==", ":\"==\"");
  D(":ok?", ":ok?");
  D("true", ":true");
  D("nil", ":nil");
  D("Foo", ":Elixir.Foo");
  D("Foo.Bar", ":Elixir.Foo.Bar");
  D("Elixir.String", ":Elixir.String");
  D("__MODULE__", "__MODULE__");
  D("[]", "[]");
  D("{}", "(tuple)");
  D("%{}", "(map)");
  D("{1, :a, \"s\"}", "(tuple 1 :a \"s\")");
  D("[1, 2 | rest]", "(list 1 2 | rest)");
  D("[h | t]", "(list h | t)");
  D("[1, 2,]", "(list 1 2)");
  D("[\n  1,\n  2\n]", "(list 1 2)");
}

static void test_strings(void) {
  D("\"hi\"", "\"hi\"");
  D("\"a\\tb\\n\\\"q\\\" \\\\ \\e\\r\\0\\#{x}\"", "\"a\\tb\\n\\\"q\\\" \\\\ \\x1B\\x0D\\x00#{x}\"");
  D("\"\\x41\\u{1F600}\\u00e9\"", "\"A\xF0\x9F\x98\x80\xC3\xA9\"");
  D("\"a#{x}b\"", "(interp \"a\" x \"b\")");
  D("\"#{x}\"", "(interp x)");
  D("\"#{}\"", "(interp :nil)");
  D("\"n: #{\"in#{\"ner\"}\"}\"", "(interp \"n: \" (interp \"in\" \"ner\"))");
  D("\"#{%{a: 1}}\"", "(interp (map :a 1))");
  D("\"#{1 + 2 * 3}!\"", "(interp (+ 1 (* 2 3)) \"!\")");
  D("'abc'", "'abc'");
  D("'a#{1}'", "(interp' \"a\" 1)");
  D("\"\"\"\n  hello\n    world\n  \"\"\"", "\"hello\\n  world\\n\"");
  D("x = \"\"\"\n  a #{1}\n  \"\"\"", "(= x (interp \"a \" 1 \"\\n\"))");
  D("\"line\\\ncont\"", "\"linecont\"");
  D("\"unicode: h\xC3\xA9llo\"", "\"unicode: h\xC3\xA9llo\"");
  D("[\"quoted key\": 1]", "(list (tuple :\"quoted key\" 1))");
  D("\"#{?}}\"", "(interp 125)");
}

static void test_operators(void) {
  D("1 + 2 * 3", "(+ 1 (* 2 3))");
  D("(1 + 2) * 3", "(* (+ 1 2) 3)");
  D("1 - 2 - 3", "(- (- 1 2) 3)");
  D("a / b * c", "(* (/ a b) c)");
  D("a ** b ** c", "(** (** a b) c)");
  D("-a ** 2", "(** (u- a) 2)");
  D("a ++ b ++ c", "(++ a (++ b c))");
  D("a <> b <> c", "(<> a (<> b c))");
  D("a -- b", "(-- a b)");
  D("a == b and c != d", "(and (== a b) (!= c d))");
  D("a && b || c and d or e", "(or (|| (&& a b) (and c d)) e)");
  D("a < b == c", "(== (< a b) c)");
  D("a === b or a !== c", "(or (=== a b) (!== a c))");
  D("a = b = c", "(= a (= b c))");
  D("x = 1 + 2", "(= x (+ 1 2))");
  D("a in [1, 2]", "(in a (list 1 2))");
  D("a not in b", "(not in a b)");
  D("not a in b", "(not (in a b))");
  D("!a in b", "(! (in a b))");
  D("!a == b", "(== (! a) b)");
  D("not true", "(not :true)");
  D("!!x", "(! (! x))");
  D("-(-5)", "5");
  D("-3 - -3", "(- -3 -3)");
  D("+5", "5");
  D("-x", "(u- x)");
  D("^x = 1", "(= (^ x) 1)");
  D("1..10", "(.. 1 10)");
  D("1..10//2", "(.. 1 10 2)");
  D("1..n-1", "(.. 1 (- n 1))");
  D("a |> f(b) |> g", "(call g (call f a b))");
  D("a |> Enum.map(f)", "(remote :Elixir.Enum map a f)");
  D("a |> f.(1)", "(apply f a 1)");
  D("a |> mod.fun", "(remote mod fun a)");
  D("x + 1 |> f()", "(call f (+ x 1))");
  D("x = 1\n|> inc()\n|> dbl()", "(= x (call dbl (call inc 1)))");
  D("x = 1 +\n 2", "(= x (+ 1 2))");
  D("x = 1\n+ 2", "(block (= x 1) 2)");
  D("x = a\n  and b", "(= x (and a b))");
  D("a <> \"x\" == b", "(== (<> a \"x\") b)");
  D("a - 1 in b", "(in (- a 1) b)");
  D("a |> f() == b", "(== (call f a) b)");
  D("&+/2", "(&mfa + 2)");
  D("x = &-/2", "(= x (&mfa - 2))");
}

static void test_calls(void) {
  D("f()", "(call f)");
  D("f(1, 2)", "(call f 1 2)");
  D("f(x, a: 1, b: 2)", "(call f x (list (tuple :a 1) (tuple :b 2)))");
  D("f(a: 1)", "(call f (list (tuple :a 1)))");
  D("IO.puts \"hi\"", "(remote :Elixir.IO puts \"hi\")");
  D("IO.puts(\"hi\")", "(remote :Elixir.IO puts \"hi\")");
  D("send pid, :ping", "(call send pid :ping)");
  D("raise \"x\"", "(call raise \"x\")");
  D("IO.inspect x, label: \"v\"", "(remote :Elixir.IO inspect x (list (tuple :label \"v\")))");
  D("f -1", "(call f -1)");
  D("f - 1", "(- f 1)");
  D("f-1", "(- f 1)");
  D("f [1]", "(call f (list 1))");
  D("a b c", "(call a (call b c))");
  D(":timer.sleep(100)", "(remote :timer sleep 100)");
  D(":erlang.system_info(:process_count)", "(remote :erlang system_info :process_count)");
  D("mod.fun(x)", "(remote mod fun x)");
  D("Foo.bar", "(remote :Elixir.Foo bar)");
  D("state.balance", "(field state balance)");
  D("a.b.c", "(field (field a b) c)");
  D("f.(1)", "(apply f 1)");
  D("f.(1).(2)", "(apply (apply f 1) 2)");
  D("(fn -> 1 end).()", "(apply (fn (clause () 1)))");
  D("Map.get(m, k).(6, 3)", "(apply (remote :Elixir.Map get m k) 6 3)");
  D("x[:a]", "(remote :Elixir.Access get x :a)");
  D("__MODULE__.f(1)", "(remote __MODULE__ f 1)");
  D("self()", "(call self)");
  D("valid?(x)", "(call valid? x)");
  D("a!=b", "(!= a b)");
  D("IO.puts inspect x", "(remote :Elixir.IO puts (call inspect x))");
  D("spawn fn -> 1 end", "(call spawn (fn (clause () 1)))");
  D("f(\n  1,\n  2\n)", "(call f 1 2)");
}

static void test_control(void) {
  D("if x, do: 1, else: 2", "(if x 1 2)");
  D("if x, do: 1", "(if x 1 null)");
  D("if(x, do: 1, else: 2)", "(if x 1 2)");
  D("if x do\n  1\nelse\n  2\nend", "(if x 1 2)");
  D("if x do 1 end", "(if x 1 null)");
  D("if x do\n  a\n  b\nend", "(if x (block a b) null)");
  D("if x do\nend", "(if x :nil null)");
  D("unless c do\n a\nelse\n b\nend", "(if c b a)");
  D("unless c, do: a", "(if c :nil a)");
  D("if f x do 1 end", "(if (call f x) 1 null)");
  D("y = if a > 0 do :p else :n end", "(= y (if (> a 0) :p :n))");
  D("case x do\n  {:ok, v} when v > 1 -> v\n  _ -> 0\nend",
    "(case x (clause ((tuple :ok v)) (when (> v 1)) v) (clause (_) 0))");
  D("case x do\n  [_ | _] = l ->\n    a\n    b\n  [] -> :e\nend",
    "(case x (clause ((= (list _ | _) l)) (block a b)) (clause ([]) :e))");
  D("x |> case do\n 1 -> :one\nend", "(case x (clause (1) :one))");
  D("cond do\n  a -> 1\n  true -> 2\nend", "(cond (clause (a) 1) (clause (:true) 2))");
  D("receive do\n  {:a, x} -> x\nafter\n  100 -> :timeout\nend",
    "(receive (clause ((tuple :a x)) x) (after 100 :timeout))");
  D("receive do\nafter 0 -> :none\nend", "(receive (after 0 :none))");
  D("receive do\n  m -> m\nend", "(receive (clause (m) m))");
  D("receive do m -> m end", "(receive (clause (m) m))");
  D("fn x -> x end", "(fn (clause (x) x))");
  D("fn -> :ok end", "(fn (clause () :ok))");
  D("fn a, b -> a + b end", "(fn (clause (a b) (+ a b)))");
  D("fn\n  0 -> :z\n  n when n < 0 -> :neg\n  _ -> :pos\nend",
    "(fn (clause (0) :z) (clause (n) (when (< n 0)) :neg) (clause (_) :pos))");
  D("fn _p, 0 -> 1\n   p, n -> n\nend", "(fn (clause (_p 0) 1) (clause (p n) n))");
  D("fn x ->\n  y = x\n  y + 1\nend", "(fn (clause (x) (block (= y x) (+ y 1))))");
  D("fn x -> f = fn y -> y end\n f.(x) end", "(fn (clause (x) (block (= f (fn (clause (y) y))) (apply f x))))");
  D("fn {a, b} -> a end", "(fn (clause ((tuple a b)) a))");
  D("x = 1; y = 2", "(block (= x 1) (= y 2))");
  D("", "(block)");
  D("# only a comment\n", "(block)");
  D("()", ":nil");
  D("(a; b)", "(block a b)");
  /* default arguments: the clause, then a function per shorter arity */
  D("defmodule A do\n  def f(a, b \\\\ 1, c \\\\ 2), do: a\nend",
    "(defmodule Elixir.A (block (def f (clause (a b c) a)) (def f (clause (default@1) (call f default@1 1 2))) "
    "(def f (clause (default@1 default@2) (call f default@1 default@2 2)))))");
  /* clauses in parentheses as a keyword value */
  D("case x, do: (1 -> :a; _ -> :b)", "(case x (clause (1) :a) (clause (_) :b))");
  /* with: a case per <-, the else clauses in a fn made first */
  D("with {:ok, x} <- f(), y = x, do: y",
    "(case (call f) (clause ((tuple :ok x)) (block (= y x) y)) (clause (with@v) with@v))");
  D("with {:ok, x} <- f() do\n  x\nelse\n  :e -> 0\nend",
    "(block (= with@else (fn (clause (with@v) (case with@v (clause (:e) 0) (clause (with@v) "
    "(remote :erlang error (tuple :with_clause with@v))))))) (case (call f) (clause ((tuple :ok x)) x) "
    "(clause (with@v) (apply with@else with@v))))");
  D("with a = 1, {:ok, x} <- (y = f()), do: x",
    "(case :nil (clause (_) (block (= a 1) (case (case :nil (clause (_) (= y (call f)))) "
    "(clause ((tuple :ok x)) x) (clause (with@v) with@v)))))");
  /* for: one Enum.reduce per generator, filters as ifs, then reverse */
  D("for {:ok, x} <- xs, x > 1, do: x",
    "(remote :Elixir.Enum reverse (remote :Elixir.Enum reduce xs [] (fn (clause (for@x for@acc) (case for@x "
    "(clause ((tuple :ok x)) (if (> x 1) (list x | for@acc) for@acc)) (clause (_) for@acc))))))");
  D("for x <- xs, reduce: 0 do\n  acc -> acc + x\nend",
    "(remote :Elixir.Enum reduce xs 0 (fn (clause (for@x for@acc) (case for@x "
    "(clause (x) (case for@acc (clause (acc) (+ acc x)))) (clause (_) for@acc)))))");
  D("for x <- xs, uniq: true, into: %{}, do: {x, 1}",
    "(block (= for@into (remote :Elixir.Kernel __for_into__ (map))) (remote :Elixir.Kernel __for_into__ "
    "(remote :Elixir.Enum uniq (remote :Elixir.Enum reverse (remote :Elixir.Enum reduce xs [] (fn (clause "
    "(for@x for@acc) (case for@x (clause (x) (list (remote :Elixir.Kernel __for_value__ for@into (tuple x 1)) "
    "| for@acc)) (clause (_) for@acc))))))) for@into))");
}

static void test_captures(void) {
  D("&(&1 + 1)", "(&1 (+ &1 1))");
  D("&{&1, &2}", "(&2 (tuple &1 &2))");
  D("&[&1, &1]", "(&1 (list &1 &1))");
  D("&IO.puts(\"x: #{&1}\")", "(&1 (remote :Elixir.IO puts (interp \"x: \" &1)))");
  D("&Mod.fun/2", "(&mfa :Elixir.Mod fun 2)");
  D("&fun/1", "(&mfa fun 1)");
  D("&Integer.to_string/1", "(&mfa :Elixir.Integer to_string 1)");
  D("&:erlang.abs/1", "(&mfa :erlang abs 1)");
  D("&mod.fun/1", "(&mfa mod fun 1)");
  D("&(&1 * &1 - 1)", "(&1 (- (* &1 &1) 1))");
  D("&f(&1, x)", "(&1 (call f &1 x))");
}

static void test_maps_keywords(void) {
  D("%{a: 1, b: 2}", "(map :a 1 :b 2)");
  D("%{\"a\" => 1, b: 2}", "(map \"a\" 1 :b 2)");
  D("%{1 => :x, {1, 2} => [3]}", "(map 1 :x (tuple 1 2) (list 3))");
  D("%{m | a: 1, b: 2}", "(map_update m :a 1 :b 2)");
  D("%{m | \"k\" => 1}", "(map_update m \"k\" 1)");
  D("%{a: 1,}", "(map :a 1)");
  D("%{\n  a: 1,\n  b: 2\n}", "(map :a 1 :b 2)");
  D("[a: 1, b: 2]", "(list (tuple :a 1) (tuple :b 2))");
  D("[1, a: 2]", "(list 1 (tuple :a 2))");
  D("[do: 1]", "(list (tuple :do 1))");
  D("{:ok, a: 1}", "(tuple :ok (list (tuple :a 1)))");
  D("%{code: code}", "(map :code code)");
}

static void test_modules(void) {
  D("defmodule A do\n  @t 5000\n  def f(x) when x > 0, do: @t\n  defp g, do: :ok\nend",
    "(defmodule Elixir.A (block (@set t 5000) (def f (clause (x) (when (> x 0)) @t)) (defp g (clause () :ok))))");
  D("defmodule A.B do\n  def f(a, b) do\n    a\n    b\n  end\nend",
    "(defmodule Elixir.A.B (block (def f (clause (a b) (block a b)))))");
  D("defmodule A do\n  def name do\n    __MODULE__\n  end\nend",
    "(defmodule Elixir.A (block (def name (clause () __MODULE__))))");
  D("defmodule Outer do\n  defmodule Inner do\n    def me, do: Inner\n  end\n  def x, do: Inner.f()\nend\nInner",
    "(block (defmodule Elixir.Outer (block (defmodule Elixir.Outer.Inner (block (def me (clause () :Elixir.Outer.Inner)))) "
    "(def x (clause () (remote :Elixir.Outer.Inner f))))) :Elixir.Inner)");
  D("defmodule A do\n  @moduledoc \"\"\"\n  Docs\n  \"\"\"\n  @spec f(integer) :: integer\n  def f(x), do: x\nend",
    "(defmodule Elixir.A (block (@set moduledoc \"Docs\\n\") (@set spec :nil) (def f (clause (x) x))))");
  D("defmodule A do\n  @l [:a, :b]\n  def l, do: @l\n  def m, do: @limits.max\nend",
    "(defmodule Elixir.A (block (@set l (list :a :b)) (def l (clause () @l)) (def m (clause () (field @limits max)))))");
  D("defmodule A do\n  def f(\"p\" <> rest), do: rest\nend",
    "(defmodule Elixir.A (block (def f (clause ((<> \"p\" rest)) rest))))");
}

static void test_positions(void) {
  struct ast_arena *a;
  ast_error e;
  const char *src = "x = 1\n  y = foo(x)\n";
  ast *r = parse_source(src, strlen(src), &a, &e);
  CHECK(r != NULL);
  if (r) {
    CHECK_EQ_INT(r->nkids, 2);
    CHECK_EQ_INT(r->kids[1]->line, 2);
    CHECK_EQ_INT(r->kids[1]->col, 3);
    ast *call = r->kids[1]->kids[1];
    CHECK_EQ_INT(call->kind, AST_CALL);
    CHECK_EQ_INT(call->col, 7);
    CHECK_EQ_INT(call->kids[0]->col, 11);
    ast_arena_free(a);
  }
  /* interpolated expressions keep their source positions */
  src = "IO.puts(\"ab #{x}\")";
  r = parse_source(src, strlen(src), &a, &e);
  CHECK(r != NULL);
  if (r) {
    ast *in = r->kids[0]->kids[1];
    CHECK_EQ_INT(in->kind, AST_INTERP);
    CHECK_EQ_INT(in->kids[1]->col, 15);
    ast_arena_free(a);
  }
  /* columns count code points */
  D("\"é\" + )", "ERR 1:7: unexpected token: )");
}

static void test_errors(void) {
  D("f(1, 2,)", "ERR 1:8: syntax error before: ')'");
  D("(1", "ERR 1:3: missing terminator: ) (for \"(\" starting at line 1)");
  D("foo do\n1", "ERR 2:2: missing terminator: end (for \"do\" starting at line 1)");
  D("defmodule A do\n  def f(x) do\n    case x do\n      1 -> :ok\n  end\nend",
    "ERR 6:4: missing terminator: end (for \"do\" starting at line 1)");
  D("fn x -> x", "ERR 1:10: missing terminator: end (for \"fn\" starting at line 1)");
  D("x = [1, 2", "ERR 1:10: missing terminator: ] (for \"[\" starting at line 1)");
  D("1 +", "ERR 1:4: syntax error: expression is incomplete");
  D("foo 1 2", "ERR 1:7: syntax error before: \"2\"");
  D("a = )", "ERR 1:5: unexpected token: )");
  D("a = end", "ERR 1:5: unexpected reserved word: end");
  D("end", "ERR 1:1: unexpected reserved word: end");
  D("\"abc", "ERR 1:5: missing terminator: \" (for string starting at line 1)");
  D("x = \"#{1 + }\"", "ERR 1:12: syntax error: expression is incomplete");
  D("\"a #{b\"", "ERR 1:8: missing interpolation terminator: \"}\" (for \"#{\" starting at line 1)");
  D("&1 + 1", "ERR 1:1: capture argument &1 must be used within the capture operator &");
  D("&(&2)", "ERR 1:1: capture argument &2 cannot be defined without &1");
  D("&(&1 + &(&1))", "ERR 1:8: nested captures are not allowed");
  D("x when y", "ERR 1:1: misplaced operator when/2");
  D("a | b", "ERR 1:1: misplaced operator |/2");
  D("[1 | 2, 3]", "ERR 1:2: misplaced operator |/2");
  D("def f, do: 1", "ERR 1:1: cannot invoke def/2 outside module");
  D("@x 1", "ERR 1:1: cannot invoke @/1 outside module");
  D("x = 99999999999999999999", "ERR 1:5: integer literals larger than 64 bits are not supported yet (bignums are Tier 2)");
  D("9223372036854775808", "ERR 1:1: integer literals larger than 64 bits are not supported yet (bignums are Tier 2)");
  D("1e3", "ERR 1:2: invalid numeric literal");
  D("x = 1 2", "ERR 1:7: syntax error before: \"2\"");
  D("[a: 1, 2]", "ERR 1:8: unexpected expression after keyword list. Keyword lists must always come last in lists and maps");
  D("1..2//3//4", "ERR 1:8: the // operator can only be used with ranges (first..last//step)");
  D("a // b", "ERR 1:3: the // operator can only be used with ranges (first..last//step)");
  D("case x do\n  1\nend", "ERR 2:3: expected -> clauses for \"do\" in \"case\"");
  D("if x, do: 1, foo: 2", "ERR 1:1: invalid or duplicate keys for if, only \"do\" and an optional \"else\" are permitted");
  D("x |> 1", "ERR 1:6: cannot pipe into this expression, can only pipe into local calls foo(), remote calls Foo.bar() or anonymous function calls foo.()");
  D(":\"a#{x}\"", "(remote :erlang binary_to_atom (interp \"a\" x))");
  D("Kernel.+(1, 2)", "(+ 1 2)");
  D("x |> Kernel.*(2)", "(* x 2)");
  D("x = \x01", "ERR 1:5: unexpected token: \"\\x01\" (code point U+0001)");
  D("x = \xff", "ERR 1:5: invalid UTF-8 in identifier");
  D("x = \x80", "ERR 1:5: invalid UTF-8 in identifier");
}

static void test_unsupported(void) {
  D("for do: 1", "ERR 1:1: for comprehensions must start with a generator");
  D("y = for x <- [1], foo: 1 do x end", "ERR 1:5: unsupported option :foo given to for");
  D("f(a <- b)", "ERR 1:5: undefined function <-/2 (there is no such import)");
  D("with {:ok, x} <- y", "ERR 1:1: missing :do option in \"with\"");
  D("try do\n 1\nrescue\n e -> e\nend", "ERR 1:1: try is not supported yet (Tier 2)");
  D("x = %Foo{a: 1}", "ERR 1:5: structs %Foo{} are not supported yet (Tier 2)");
  D("<<1, 2>>", "ERR 1:1: binaries <<>> are not supported yet (Tier 2)");
  D("x = ~w(a b)", "(= x (list \"a\" \"b\"))");
  D("x = ~w(a #{b})a",
    "(= x (remote :Elixir.Enum map (remote :Elixir.String split (interp \"a \" b)) (&mfa :Elixir.String to_atom 1)))");
  D("x = ~S(a\\)#{b})", "(= x \"a)#{b}\")");
  D("a =~ b", "ERR 1:3: the operator =~ (regular expressions) is not supported yet");
  D("defmodule A do\n  def f(x \\\\ 1)\nend", "ERR 2:7: implementation not provided for predefined def f/1");
  D("defmodule A do\n  defp g(x)\nend", "ERR 2:8: implementation not provided for predefined defp g/1");
  D("defmodule A do\n  use GenServer\nend", "ERR 2:3: use is not supported yet (Tier 2)");
  D("defmodule A do\n  defstruct [:a]\nend", "ERR 2:3: defstruct is not supported yet (structs are Tier 2)");
  D("import Foo", "ERR 1:1: import is not supported yet (Tier 3)");
  D("alias Foo.Bar", "ERR 1:1: alias is not supported yet (Tier 3)");
  D("require Logger", "ERR 1:1: require is not supported yet (Tier 3)");
  D("quote do: x", "ERR 1:1: quote is not supported yet (macros are Tier 3)");
  D("defmodule A do\n  defmacro m(x), do: x\nend", "ERR 2:3: defmacro is not supported yet (macros are Tier 3)");
  D("x :: y", "ERR 1:3: the type operator :: is not supported yet (binaries and typespecs are Tier 2)");
  D("a ||| b", "ERR 1:3: the Bitwise operator ||| is not supported yet");
  D("alias = 1", "(= alias 1)");
  D("for = 1", "(= for 1)");
}

/* fuzzer regressions and hostile inputs: must fail or succeed, never crash */
static void test_nasty(void) {
  static char big[1 << 16];
  /* deep nesting */
  for (int i = 0; i < 5000; i++) big[i] = '(';
  big[5000] = 0;
  CHECK(strstr(pd(big), "too deeply nested") != NULL);
  for (int i = 0; i < 5000; i++) big[i] = '[';
  CHECK(strstr(pd(big), "too deeply nested") != NULL);
  memset(big, 0, sizeof big);
  for (int i = 0; i < 3000; i++) memcpy(big + i * 3, "-!^", 3);
  CHECK(strstr(pd(big), "ERR") != NULL);
  memset(big, 0, sizeof big);
  for (int i = 0; i < 3000; i++) memcpy(big + i * 4, "a ++", 4);
  CHECK(strstr(pd(big), "ERR") != NULL);
  memset(big, 0, sizeof big);
  strcpy(big, "x = 1");
  for (int i = 0; i < 5000; i++) strcat(big + strlen(big) - 0, " + 1");
  CHECK(strstr(pd(big), "too deeply nested") != NULL);
  memset(big, 0, sizeof big);
  for (int i = 0; i < 3000; i++) memcpy(big + i * 4, "\"#{", 3), big[i * 4 + 3] = ' ';
  CHECK(strstr(pd(big), "ERR") != NULL);
  memset(big, 0, sizeof big);
  for (int i = 0; i < 3000; i++) memcpy(big + i * 3, "fn ", 3);
  CHECK(strstr(pd(big), "ERR") != NULL);
  /* NUL bytes and odd bytes */
  CHECK(strncmp(parse_dump("x = 1\0y", 7), "ERR 1:6:", 8) == 0);
  CHECK(strncmp(parse_dump("\"a\0b\"", 5), "\"a\\x00b\"", 8) == 0);
  CHECK(strncmp(parse_dump("\0", 1), "ERR", 3) == 0);
  CHECK(strncmp(parse_dump("\"\xff\xfe\"", 4), "\"\xff\xfe\"", 4) == 0);
  CHECK(strncmp(pd("\xc3"), "ERR", 3) == 0);
  CHECK(strncmp(pd("?"), "ERR", 3) == 0);
  CHECK(strncmp(pd("?\\"), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"\\"), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"\\x"), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"\\u{110000}\""), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"\"\""), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"\"\"\n"), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"#{\"#{\"#{"), "ERR", 3) == 0);
  CHECK(strncmp(pd("\"#{?"), "ERR", 3) == 0);
  CHECK(strncmp(pd(":"), "ERR", 3) == 0);
  CHECK(strncmp(pd("&"), "ERR", 3) == 0);
  CHECK(strncmp(pd("@"), "ERR", 3) == 0);
  CHECK(strncmp(pd("%"), "ERR", 3) == 0);
  CHECK(strncmp(pd("0x"), "ERR", 3) == 0);
  CHECK(strncmp(pd("1."), "ERR", 3) == 0);
  CHECK(strncmp(pd("a."), "ERR", 3) == 0);
  CHECK(strncmp(pd("fn"), "ERR", 3) == 0);
  CHECK(strncmp(pd("fn end"), "ERR", 3) == 0);
  CHECK(strncmp(pd("defmodule"), "ERR", 3) == 0);
  CHECK(strncmp(pd("defmodule A"), "ERR", 3) == 0);
  CHECK(strncmp(pd("defmodule A do"), "ERR", 3) == 0);
  CHECK_EQ_STR(pd("case"), "case"); /* a variable; the compiler reports it */
  CHECK(strncmp(pd("receive do after end"), "ERR", 3) == 0);
  CHECK(strncmp(pd("%{a"), "ERR", 3) == 0);
  CHECK(strncmp(pd("%{a |"), "ERR", 3) == 0);
  CHECK(strncmp(pd("x |> case do 1 -> 2 end"), "(case x", 7) == 0);
  CHECK(strncmp(pd("case do 1 -> 2 end"), "ERR", 3) == 0);
  CHECK(strncmp(pd("&&1"), "ERR", 3) == 0);
  CHECK(strncmp(pd("&0"), "ERR", 3) == 0);
  CHECK(strncmp(pd("&99999999999999"), "ERR", 3) == 0);
  CHECK(strncmp(pd("-"), "ERR", 3) == 0);
  CHECK(strncmp(pd("not"), "ERR", 3) == 0);
  CHECK(strncmp(pd("a when"), "ERR", 3) == 0);
  CHECK(strncmp(pd(";;;\n\n;"), "(block)", 7) == 0);
  CHECK(strncmp(pd("\r\n x \r\n"), "x", 1) == 0);
  CHECK(parse_source(NULL, 0, NULL, NULL) == NULL);
}

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static void test_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("test_parser: %s not readable, skipping the example files\n", dir);
    return;
  }
  struct dirent *de;
  int n = 0;
  while ((de = readdir(d))) {
    if (!ends_with(de->d_name, ".exs")) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(sz > 0 ? (size_t)sz : 1);
    size_t got = buf ? fread(buf, 1, (size_t)(sz > 0 ? sz : 0), f) : 0;
    fclose(f);
    struct ast_arena *a;
    ast_error e;
    ast *r = parse_source(buf, got, &a, &e);
    if (!r) fprintf(stderr, "%s:%u:%u: %s\n", path, (unsigned)e.line, (unsigned)e.col, e.message);
    CHECK(r != NULL);
    if (r) ast_arena_free(a);
    free(buf);
    n++;
  }
  closedir(d);
  printf("test_parser: parsed %d files from %s\n", n, dir);
}

int main(int argc, char **argv) {
  test_literals();
  test_strings();
  test_operators();
  test_calls();
  test_control();
  test_captures();
  test_maps_keywords();
  test_modules();
  test_positions();
  test_errors();
  test_unsupported();
  test_nasty();
  if (argc > 1) test_dir(argv[1]);
  return check_report();
}
