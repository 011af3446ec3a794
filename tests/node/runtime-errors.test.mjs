// runtime-errors.test.mjs -- an uncaught error in the script's main process:
// the native CLI prints what ran before it on stdout, then Elixir's banner
// `** (Exception) message` on stderr, and exits with status 1. The first
// stderr line is the one `elixir` 1.14 prints (checked against it when the
// cases were written); Elixir's stack lines after it are not reproduced,
// except the argument listing of a FunctionClauseError.
// Run scripts/build native first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BEAMLET_CLI || join(root, 'build', 'native', 'beamlet');

// [name, script (after a first line `IO.puts "before"`), first stderr line]
const cases = [
  ['MatchError', '{:ok, x} = {:error, 1}\nIO.puts(x)', '** (MatchError) no match of right hand side value: {:error, 1}'],
  ['CaseClauseError', 'case 3 do\n  1 -> :one\nend', '** (CaseClauseError) no case clause matching: 3'],
  ['CondClauseError', 'x = 1\ncond do\n  x > 2 -> 1\nend', '** (CondClauseError) no cond clause evaluated to a truthy value'],
  ['FunctionClauseError', 'defmodule F do\n  def f(1), do: 1\nend\nF.f(2)',
    '** (FunctionClauseError) no function clause matching in F.f/1    '],
  ['FunctionClauseError in a fn', 'defmodule M do\n  def run do\n    f = fn 1 -> 1 end\n    f.(2)\n  end\nend\nM.run()',
    '** (FunctionClauseError) no function clause matching in anonymous fn/1 in M.run/0    '],
  ['FunctionClauseError in a top-level fn', 'f = fn 1 -> 1 end\nf.(2)',
    '** (FunctionClauseError) no function clause matching in anonymous fn/1 in :elixir_compiler_0.__FILE__/1    '],
  ['ArgumentError from raise', 'raise ArgumentError, "bad thing"', '** (ArgumentError) bad thing'],
  ['ArgumentError from a BIF', 'x = 1\nhd(x)', '** (ArgumentError) errors were found at the given arguments:'],
  ['ArgumentError from String.to_integer', 'String.to_integer("abc")', '** (ArgumentError) errors were found at the given arguments:'],
  ['ArithmeticError +', 'x = :a\nIO.puts(1 + x)', '** (ArithmeticError) bad argument in arithmetic expression: 1 + :a'],
  ['ArithmeticError /', 'x = 0\nIO.puts(2 / x)', '** (ArithmeticError) bad argument in arithmetic expression: 2 / 0'],
  ['ArithmeticError div', 'x = 0\nIO.puts(div(1, x))', '** (ArithmeticError) bad argument in arithmetic expression: div(1, 0)'],
  ['ArithmeticError *', 'x = "a"\ny = x * 2\nIO.puts(y)', '** (ArithmeticError) bad argument in arithmetic expression: "a" * 2'],
  ['ArithmeticError unary -', 'x = :a\nIO.puts(-x)', '** (ArithmeticError) bad argument in arithmetic expression: -(:a)'],
  ['KeyError', 'm = %{a: 1}\nIO.puts(m.b)', '** (KeyError) key :b not found in: %{a: 1}'],
  ['KeyError on a non-map', 'x = 1\nIO.puts(x.a)',
    '** (KeyError) key :a not found in: 1. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map'],
  ['BadFunctionError', 'f = 1\nf.(2)', '** (BadFunctionError) expected a function, got: 1'],
  ['BadBooleanError', 'x = 1\nIO.puts(x and true)', '** (BadBooleanError) expected a boolean on left-side of "and", got: 1'],
  ['UndefinedFunctionError, no module', 'NoSuch.thing()',
    '** (UndefinedFunctionError) function NoSuch.thing/0 is undefined (module NoSuch is not available)'],
  ['UndefinedFunctionError, no function', 'String.nosuch(1)',
    '** (UndefinedFunctionError) function String.nosuch/1 is undefined or private'],
  ['UndefinedFunctionError, a library function beamlet lacks', 'apply(String, :normalize, ["a", :nfd])',
    '** (UndefinedFunctionError) function String.normalize/2 is not supported yet'],
  ['UndefinedFunctionError, a library module beamlet lacks', 'm = Base\nm.encode64("x")',
    '** (UndefinedFunctionError) function Base.encode64/1 is undefined (module Base is not supported yet)'],
  ['Protocol.UndefinedError', 'x = 5\nEnum.map(x, & &1)', '** (Protocol.UndefinedError) protocol Enumerable not implemented for 5 of type Integer'],
  ['Protocol.UndefinedError, Collectable', 'Enum.into([a: 1], 3)', '** (Protocol.UndefinedError) protocol Collectable not implemented for 3 of type Integer'],
  ['ArgumentError from <>', 'x = :b\nIO.puts("a" <> x)',
    "** (ArgumentError) construction of binary failed: segment 2 of type 'binary': expected a binary but got: :b"],
  ['ArgumentError from raise of a non-exception', 'x = {:t}\nraise x',
    '** (ArgumentError) raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: {:t}'],
  ['ArithmeticError in Enum.sum', 'Enum.sum([1, :a])', '** (ArithmeticError) bad argument in arithmetic expression: :a + 1'],
  ['Integer.parse with a bad base', 'Integer.parse("1", 37)', '** (ArgumentError) invalid base 37'],
  ['FunctionClauseError, String.upcase/2', 'String.upcase(1)', '** (FunctionClauseError) no function clause matching in String.upcase/2    '],
  ['FunctionClauseError, :lists.duplicate/2', 'List.duplicate(1, -1)', '** (FunctionClauseError) no function clause matching in :lists.duplicate/2    '],
  ['ErlangError from :erlang.error', ':erlang.error({:bad, 1})', '** (ErlangError) Erlang error: {:bad, 1}'],
  ['RuntimeError', 'raise "boom"', '** (RuntimeError) boom'],
  ['throw', 'throw :ball', '** (throw) :ball'],
  ['exit', 'exit(:shutdown_now)', '** (exit) :shutdown_now'],
];

let dir;
before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: run scripts/build native`);
  dir = mkdtempSync(join(tmpdir(), 'beamlet-rerr-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(name, body) {
  const file = `${name}.exs`;
  writeFileSync(join(dir, file), `IO.puts "before"\n${body}\n`);
  const r = spawnSync(cli, ['run', file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

cases.forEach(([name, body, first], i) => {
  test(`runtime error: ${name}`, () => {
    const r = run(`case${i}`, body);
    assert.equal(r.stdout, 'before\n', 'what ran before the error is printed');
    assert.equal(r.stderr.split('\n')[0], first);
    assert.equal(r.status, 1);
  });
});

test('BIFs refuse bad arguments naming the argument as Elixir does', () => {
  for (const [i, [body, detail]] of [
    ['spawn_monitor(fn a -> a end)', '  * 1st argument: not a fun'],
    ['binary_part("abc", 1, 5)', '  * 3rd argument: out of range'],
    ['binary_part("abc", -1, 1)', '  * 2nd argument: out of range'],
    ['binary_part("abc", :a, 1)', '  * 2nd argument: not an integer'],
    [':erlang.binary_to_list(1)', '  * 1st argument: not a binary'],
    ['spawn(:not_a_fun)', '  * 1st argument: not a fun'],
    ['spawn("m", :f, [])', '  * 1st argument: not an atom'],
    ['spawn(M, "f", [])', '  * 2nd argument: not an atom'],
    ['spawn_link(M, :f, :x)', '  * 3rd argument: not a list'],
    ['spawn_monitor(M, :f, [1 | 2])', '  * 3rd argument: not a proper list'],
    ['Process.demonitor(make_ref(), [:bogus])', '  * 2nd argument: invalid option in list'],
    ['Process.demonitor(:not_a_ref)', '  * 1st argument: not a reference'],
    ['Process.info(:x, :status)', '  * 1st argument: not a pid'],
    ['Process.info(self(), :bogus)', '  * 2nd argument: invalid item or item list'],
    ['Process.alive?(:x)', '  * 1st argument: not a pid'],
    ['Process.monitor(1)', '  * 2nd argument: not a pid'],
    ['Process.link(:x)', '  * 1st argument: not a pid'],
    ['Process.unlink(:x)', '  * 1st argument: not a pid'],
    ['Process.exit(:x, :kill)', '  * 1st argument: not a pid'],
    ['Process.flag(:bogus, true)', '  * 1st argument: invalid process flag'],
    ['Process.flag(:trap_exit, 1)', '  * 2nd argument: invalid value for this process flag'],
    ['Process.cancel_timer(:x)', '  * 1st argument: not a reference'],
    ['Process.send_after(self(), :m, -1)', '  * 1st argument: out of range'],
    ['Process.send_after(1, :m, 10)', '  * 2nd argument: not a pid or an atom'],
    ['Process.whereis("x")', '  * 1st argument: not an atom'],
    ['Atom.to_string("a")', '  * 1st argument: not an atom'],
    ['Integer.to_string(1.5)', '  * 1st argument: not an integer'],
    ['String.duplicate("a", -1)', '  * 2nd argument: out of range'],
  ].entries()) {
    const r = run(`spawn_badarg${i}`, body);
    assert.equal(r.stdout, 'before\n', body);
    assert.deepEqual(r.stderr.split('\n').slice(0, 3),
      ['** (ArgumentError) errors were found at the given arguments:', '', detail], body);
    assert.equal(r.status, 1, body);
  }
});

test('FunctionClauseError lists the arguments as Elixir does', () => {
  const r = run('fclause_args', 'defmodule F do\n  def f(a, 1), do: a\nend\nF.f("x", [1, 2])');
  assert.equal(
    r.stderr,
    '** (FunctionClauseError) no function clause matching in F.f/2    \n' +
      '    \n' +
      '    The following arguments were given to F.f/2:\n' +
      '    \n' +
      '        # 1\n' +
      '        "x"\n' +
      '    \n' +
      '        # 2\n' +
      '        [1, 2]\n' +
      '    \n',
  );
  assert.equal(r.status, 1);
});

test('a normal exit of the main process is silent', () => {
  const r = run('exit_normal', 'exit(:normal)');
  assert.equal(r.stdout, 'before\n');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});
