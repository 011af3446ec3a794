/*
 * test_vm.c -- the compiler and the interpreter through the real pipeline:
 * each case is an Elixir script run by a deterministic runtime, checked by
 * its captured stdout (and stderr / exit status for errors). The scripts
 * avoid the prelude so they test the VM alone.
 */
#include <stdlib.h>
#include <string.h>

#include "beamlet.h"
#include "check.h"

typedef struct capture {
  char out[8192], err[8192];
  size_t nout, nerr;
} capture;

static void on_output(void *ctx, int fd, uint64_t pid, const char *data, size_t len) {
  (void)pid;
  capture *c = ctx;
  char *buf = fd == 2 ? c->err : c->out;
  size_t *n = fd == 2 ? &c->nerr : &c->nout;
  size_t room = sizeof c->out - 1 - *n;
  if (len > room) len = room;
  memcpy(buf + *n, data, len);
  *n += len;
  buf[*n] = 0;
}

/* Run src; returns the main status (0/1), -1 if it did not compile (the
 * message in c->err), -2 on a runtime API failure. */
static int run(const char *src, capture *c) {
  memset(c, 0, sizeof *c);
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  cfg.deterministic = 1;
  cfg.output = on_output;
  cfg.output_ctx = c;
  beamlet_runtime *rt;
  if (beamlet_create(&cfg, &rt) != BEAMLET_OK) return -2;
  int r = beamlet_load(rt, src, strlen(src), "t.exs", c->err, sizeof c->err);
  if (r != BEAMLET_OK) {
    c->nerr = strlen(c->err);
    beamlet_destroy(rt);
    return -1;
  }
  if (beamlet_start_main(rt) != BEAMLET_OK) {
    beamlet_destroy(rt);
    return -2;
  }
#if TEST_THREADS
  beamlet_wait(rt, 60000);
#else
  int64_t next;
  while (beamlet_run_slice(rt, 10000, &next) != BEAMLET_DONE) {
  }
#endif
  int status = beamlet_main_status(rt);
  beamlet_destroy(rt);
  return status;
}

static void expect_out(const char *src, const char *want) {
  capture c;
  int st = run(src, &c);
  CHECK_EQ_INT(st, 0);
  CHECK_EQ_STR(c.out, want);
  if (st != 0 || strcmp(c.out, want) != 0) fprintf(stderr, "  script: %s\n  stderr: %s\n", src, c.err);
}

static void expect_error(const char *src, const char *err_part) {
  capture c;
  int st = run(src, &c);
  CHECK_EQ_INT(st, 1);
  CHECK(strstr(c.err, err_part) != NULL);
  if (!strstr(c.err, err_part)) fprintf(stderr, "  script: %s\n  stderr: %s\n  wanted: %s\n", src, c.err, err_part);
}

static void expect_compile_error(const char *src, const char *err_part) {
  capture c;
  int st = run(src, &c);
  CHECK_EQ_INT(st, -1);
  CHECK(strstr(c.err, err_part) != NULL);
  if (!strstr(c.err, err_part)) fprintf(stderr, "  script: %s\n  error: %s\n  wanted: %s\n", src, c.err, err_part);
}

static void test_basics(void) {
  expect_out("IO.puts(1 + 2 * 3)", "7\n");
  expect_out("x = 10\nx = x + 1\nIO.puts(\"x=#{x}\")", "x=11\n");
  expect_out("IO.inspect(7 / 2)\nIO.inspect(div(-7, 2))\nIO.inspect(rem(-7, 2))", "3.5\n-3\n-1\n");
  expect_out("IO.inspect({1 < :a, 1 == 1.0, 1 === 1.0, [1] > {1}})", "{true, true, false, true}\n");
  expect_out("IO.inspect({true and false, nil || 3, !nil, not true, 1 && 2})", "{false, 3, true, false, 2}\n");
  expect_out("IO.inspect(\"ab\" <> \"cd\")\nIO.inspect([1, 2] ++ [3])\nIO.inspect([1, 2, 3, 2] -- [2])",
             "\"abcd\"\n[1, 2, 3]\n[1, 3, 2]\n");
  expect_out("IO.inspect({3 in [1, 2, 3], 5 in 1..4, 4 in 1..10//3, 2 not in [1]})", "{true, false, true, true}\n");
  expect_out("m = %{a: 1, b: 2}\nIO.inspect(m.b)\nIO.inspect(%{m | a: 5})\nk = :z\nIO.inspect(%{k => 1})",
             "2\n%{a: 5, b: 2}\n%{z: 1}\n");
  expect_out("IO.inspect(9_223_372_036_854_775_807)\nIO.inspect(4611686018427387903 + 1)",
             "9223372036854775807\n4611686018427387904\n");
  expect_out("r = 1..3\nIO.inspect(is_map(r))\nIO.inspect(r)", "true\n1..3\n");
  expect_out("IO.puts(\"#{:ok} #{1.5} #{[?a, ?b]} #{nil}!\")", "ok 1.5 ab !\n");
}

static void test_modules(void) {
  expect_out("defmodule M do\n"
             "  @base 10\n"
             "  @twice @base * 2\n"
             "  def f(x), do: g(x) + @twice\n"
             "  defp g(x) when x > 0, do: x\n"
             "  defp g(_), do: 0\n"
             "  def name, do: __MODULE__\n"
             "  def div(a, b), do: {:mine, a, b}\n"
             "  def use_div, do: div(1, 2)\n"
             "end\n"
             "IO.inspect({M.f(5), M.f(-5), M.name(), M.use_div()})",
             "{25, 20, M, {:mine, 1, 2}}\n");
  expect_out("defmodule Fib do\n"
             "  def fib(0), do: 0\n  def fib(1), do: 1\n"
             "  def fib(n), do: fib(n - 1) + fib(n - 2)\nend\nIO.puts(Fib.fib(20))",
             "6765\n");
  /* tail calls run in constant stack */
  expect_out("defmodule S do\n"
             "  def sum(0, acc), do: acc\n"
             "  def sum(n, acc), do: sum(n - 1, acc + n)\nend\nIO.puts(S.sum(3_000_000, 0))",
             "4500001500000\n");
  expect_out("mod = String\nIO.puts(mod.upcase(\"dyn\"))\nIO.inspect(apply(fn a, b -> a - b end, [5, 2]))",
             "DYN\n3\n");
}

static void test_matching(void) {
  expect_out("{a, [b | c], %{k: d}} = {1, [2, 3], %{k: 4, j: 5}}\nIO.inspect({a, b, c, d})",
             "{1, 2, [3], 4}\n");
  expect_out("f = fn\n  {x, x} -> :same\n  {_, _} -> :diff\nend\nIO.inspect({f.({1, 1}), f.({1, 2})})",
             "{:same, :diff}\n");
  expect_out("\"hello \" <> name = \"hello world\"\nIO.puts(name)", "world\n");
  expect_out("x = 1\ncase 2 do\n  ^x -> IO.puts(:one)\n  x -> IO.puts(x)\nend\nIO.puts(x)", "2\n1\n");
  expect_out("r = case {1, :a} do\n  {n, a} when is_integer(n) and is_atom(a) and n in [1, 2] -> :yes\n  _ -> :no\nend\nIO.inspect(r)",
             ":yes\n");
  /* a guard that raises is false */
  expect_out("r = case 5 do\n  x when hd(x) == 1 -> :bad\n  _ -> :ok\nend\nIO.inspect(r)", ":ok\n");
  expect_out("x = cond do\n  1 > 2 -> :a\n  true -> :b\nend\nIO.inspect(x)", ":b\n");
  expect_out("IO.inspect(if nil, do: 1, else: 2)\nIO.inspect(unless false, do: 3)", "2\n3\n");
}

static void test_functions(void) {
  expect_out("n = 10\nadd = fn x -> x + n end\nIO.puts(add.(5))", "15\n");
  expect_out("inc = &(&1 + 1)\npair = &{&1, &2}\nplus = &+/2\nIO.inspect({inc.(1), pair.(1, 2), plus.(2, 3)})",
             "{2, {1, 2}, 5}\n");
  expect_out("up = &String.upcase/1\nIO.puts(up.(\"a\"))\nIO.puts((fn -> :now end).())", "A\nnow\n");
  expect_out("defmodule C do\n  def twice(f, x), do: f.(f.(x))\n  def dbl(x), do: x * 2\n"
             "  def run, do: twice(&dbl/1, 3)\nend\nIO.inspect(C.run())",
             "12\n");
  expect_out("p = &IO.puts(\"x: #{&1}\")\np.(7)", "x: 7\n");
}

/* Compare-and-branch, fused arithmetic, returns of a slot or a constant,
 * self tail calls and tail calls that change the frame size: each result
 * must be the one the unfused instructions give. */
static void test_fused(void) {
  /* comparisons across types and number kinds, both operand orders */
  expect_out("defmodule T do\n"
             "  def c(x) when x < 2, do: :lt\n"
             "  def c(x) when 2 <= x and x <= 3, do: :mid\n"
             "  def c(x) when x === 4.0, do: :four_float\n"
             "  def c(x) when x == 4, do: :four\n"
             "  def c(x) when 10 > x, do: :under_ten\n"
             "  def c(x) when x != :a and is_atom(x), do: :other_atom\n"
             "  def c(x) when not is_integer(x) or x > 100, do: :big_or_not_int\n"
             "  def c(_), do: :rest\n"
             "end\n"
             "Enum.each([1, 1.5, 2, 3.0, 4.0, 4, 9, :b, :a, \"s\", 500, 50], &IO.write(\"#{T.c(&1)} \"))",
             "lt lt mid mid four_float four under_ten other_atom big_or_not_int "
             "big_or_not_int big_or_not_int rest ");
  /* slot against slot, and operands that are expressions */
  expect_out("defmodule U do\n"
             "  def m(a, b) when a > b, do: a\n"
             "  def m(_, b), do: b\n"
             "  def e(a, b) when a * 2 == b + 1, do: :yes\n"
             "  def e(_, _), do: :no\n"
             "  def s(a, b) when a === b, do: :same\n"
             "  def s(a, b) when a == b, do: :equal\n"
             "  def s(_, _), do: :diff\n"
             "end\n"
             "IO.inspect({U.m(3, 7), U.m(7, 3), U.m(:a, 1), U.e(2, 3), U.e(2, 4), U.s(1, 1), U.s(1, 1.0), U.s(1, 2)})",
             "{7, 7, :a, :yes, :no, :same, :equal, :diff}\n");
  /* a raising guard operand fails the clause; `or` with a non-boolean left fails */
  expect_out("defmodule G do\n"
             "  def g(x) when x + 1 > 2, do: :num\n"
             "  def g(x) when x or true, do: :or\n"
             "  def g(_), do: :fallback\n"
             "end\n"
             "IO.inspect({G.g(5), G.g(:a), G.g(false), G.g(0)})",
             "{:num, :fallback, :or, :fallback}\n");
  /* truthiness in if/cond/unless with && || ! and strict and/or */
  expect_out("f = fn x, y -> if x && y, do: :both, else: :not_both end\n"
             "g = fn x, y -> if x || !y, do: :yes, else: :no end\n"
             "h = fn x -> cond do\n  x > 5 and x < 10 -> :in\n  not (x > 0) -> :nonpos\n  true -> :out\nend end\n"
             "IO.inspect({f.(1, 2), f.(nil, 2), f.(1, false), g.(nil, nil), g.(nil, 1), g.(0, 1)})\n"
             "IO.inspect({h.(7), h.(-1), h.(20)})\n"
             "IO.inspect(unless 1 > 2, do: :u)",
             "{:both, :not_both, :not_both, :yes, :no, :yes}\n{:in, :nonpos, :out}\n:u\n");
  expect_error("x = 5\nif x and true, do: IO.puts(:no)", "BadBooleanError");
  expect_out("f = fn x -> if x > 0 or x, do: 1, else: 2 end\nIO.puts(f.(-1))", "1\n");
  expect_error("f = fn x -> if x or x > 0, do: 1, else: 2 end\nIO.puts(f.(-1))", "BadBooleanError");
  /* slot + slot, slot - slot, constant + slot, overflow past 62 bits */
  expect_out("a = 4611686018427387903\nb = 1\nc = -3\n"
             "IO.inspect({a + b, b - c, c - a, 1 + c, b + c, a - c})",
             "{4611686018427387904, 4, -4611686018427387906, -2, -2, 4611686018427387906}\n");
  expect_error("a = 9223372036854775807\nb = 1\nIO.puts(a + b)", "ArithmeticError");
  expect_out("a = 1.5\nb = 2\nIO.inspect({a + b, b - a})", "{3.5, 0.5}\n");
  /* returns of a variable or a literal from every kind of body */
  expect_out("defmodule R do\n"
             "  def a(x), do: x\n  def b(_), do: :lit\n  def c(_), do: \"str\"\n  def d(_), do: 4611686018427387904\n"
             "  def e(x) do\n    y = x + 1\n    y\n  end\n"
             "end\nIO.inspect({R.a(1), R.b(1), R.c(1), R.d(1), R.e(1)})",
             "{1, :lit, \"str\", 4611686018427387904, 2}\n");
  /* self tail calls with locals, and tail calls between arities */
  expect_out("defmodule L do\n"
             "  def count(0, acc), do: acc\n"
             "  def count(n, acc) do\n    t = {n, acc}\n    {m, a} = t\n    count(m - 1, a + 1)\n  end\n"
             "  def up(n), do: up(n, 0, [])\n"
             "  def up(0, k, l), do: down(k, l)\n"
             "  def up(n, k, l), do: up(n - 1, k + 1, [n | l])\n"
             "  def down(k, l), do: {k, length(l), fin(l)}\n"
             "  def fin(l), do: hd(l)\n"
             "  def ping(0), do: :done\n  def ping(n), do: pong(n, :x)\n"
             "  def pong(n, _), do: ping(n - 1)\n"
             "end\n"
             "IO.inspect({L.count(100_000, 0), L.up(1000), L.ping(100_001)})",
             "{100000, {1000, 1000, 1}, :done}\n");
  /* deep body recursion grows and shrinks the stack (collections on the way);
   * 50_000: node's WASI segfaults at exit after ~100_000 (also before the
   * changes these tests cover) */
  expect_out("defmodule D do\n  def len([]), do: 0\n  def len([_ | t]), do: 1 + len(t)\n"
             "  def build(0, l), do: l\n  def build(n, l), do: build(n - 1, [{n, \"s\"} | l])\nend\n"
             "IO.puts(D.len(D.build(50_000, [])))",
             "50000\n");
  /* preemption inside a self tail-call loop: two loops interleave */
  expect_out("defmodule P do\n  def spin(0, who), do: send(who, :done)\n  def spin(n, who), do: spin(n - 1, who)\nend\n"
             "me = self()\nspawn(fn -> P.spin(300_000, me) end)\nspawn(fn -> P.spin(300_000, me) end)\n"
             "receive do\n  :done -> :ok\nend\nreceive do\n  :done -> IO.puts(:both)\nend",
             "both\n");
}

static void test_processes(void) {
  expect_out("parent = self()\nspawn(fn -> send(parent, {:hi, 42}) end)\n"
             "receive do\n  {:hi, n} -> IO.puts(n)\nend",
             "42\n");
  expect_out("send(self(), {:low, 1})\nsend(self(), {:high, 2})\n"
             "receive do\n  {:high, n} -> IO.puts(n)\nend\n"
             "receive do\n  {:low, n} -> IO.puts(n)\nend",
             "2\n1\n");
  expect_out("r = receive do\n  :x -> :got\nafter\n  0 -> :empty\nend\nIO.inspect(r)\n"
             "t = 20\nr = receive do\n  :x -> :got\nafter\n  t -> :timeout\nend\nIO.inspect(r)",
             ":empty\n:timeout\n");
  expect_out("defmodule Loop do\n"
             "  def loop(n) do\n    receive do\n      {:add, k} -> loop(n + k)\n"
             "      {:get, from} -> send(from, n); loop(n)\n    end\n  end\nend\n"
             "pid = spawn(fn -> Loop.loop(0) end)\nsend(pid, {:add, 2})\nsend(pid, {:add, 3})\n"
             "send(pid, {:get, self()})\nreceive do\n  v -> IO.puts(v)\nend",
             "5\n");
  expect_out("Process.sleep(10)\n:timer.sleep(5)\nIO.puts(:slept)", "slept\n");
}

static void test_errors(void) {
  expect_error("raise \"boom\"", "** (RuntimeError) boom");
  expect_error("raise ArgumentError, \"bad\"", "** (ArgumentError) bad");
  expect_error("{:ok, x} = {:error, 1}\nIO.puts(x)", "MatchError");
  expect_error("case 3 do\n  1 -> :one\nend", "CaseClauseError");
  expect_error("x = 4611686018427387903 * 4611686018427387903\nIO.puts(x)", "ArithmeticError");
  expect_error("IO.puts(1 + :a)", "ArithmeticError");
  expect_error("f = fn x -> x end\nf.(1, 2)", "BadArityError");
  expect_error("m = %{a: 1}\nIO.puts(m.b)", "KeyError");
  expect_error("IO.puts(1 and true)", "BadBooleanError");
  expect_error("defmodule F do\n  def f(1), do: 1\nend\nF.f(2)", "FunctionClauseError");
  expect_error("NoSuch.thing()", "UndefinedFunctionError");
  /* a crash in a spawned process does not end the script */
  capture c;
  int st = run("spawn(fn -> raise \"child\" end)\nProcess.sleep(20)\nIO.puts(:alive)", &c);
  CHECK_EQ_INT(st, 0);
  CHECK_EQ_STR(c.out, "alive\n");
  CHECK(strstr(c.err, "raised an exception") != NULL);
  expect_compile_error("x = y + 1", "t.exs:1:5: undefined function y/0 (there is no such import)");
  expect_compile_error("defmodule M do\n  def f, do: g(1)\nend",
                       "undefined function g/1 (expected M to define such a function or for it to be "
                       "imported, but none are available)");
}

int main(void) {
  test_basics();
  test_modules();
  test_matching();
  test_functions();
  test_fused();
  test_processes();
  test_errors();
  return check_report();
}
