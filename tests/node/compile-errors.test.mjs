// compile-errors.test.mjs -- what a learner sees when a script uses a
// construct beamlet does not support yet, or has a syntax error, or names
// something undefined: the native CLI (build/native/beamlet run FILE)
//   - exits with status 3,
//   - prints exactly one line on stderr, `FILE:LINE:COL: message`,
//   - runs nothing: every script starts with an IO.puts that must not
//     appear on stdout.
// Constructs of later tiers say "... is/are not supported yet (Tier N)";
// undefined names use Elixir 1.14's wording. Run scripts/build native first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BEAMLET_CLI || join(root, 'build', 'native', 'beamlet');

// [name, script (after a first line `IO.puts "ran"`), expected message
// with LINE:COL counted in the whole file]
const cases = [
  ['for without a generator', 'x = for do: 1', '2:5: for comprehensions must start with a generator'],
  ['for, a filter first', 'for true, x <- [1], do: x', '2:1: for comprehensions must start with a generator'],
  ['for option', 'for i <- [1, 2], into: %{}, max: 2, do: {i, i}', '2:1: unsupported option :max given to for'],
  ['for reduce with into', 'for i <- [1], reduce: 0, into: [] do\n  acc -> acc + i\nend', '2:1: cannot use :reduce alongside :into/:uniq in comprehension'],
  ['for reduce body', 'for i <- [1], reduce: 0 do\n  i\nend', '2:1: when using :reduce with comprehensions, the do block must be written using acc -> expr clauses, where each clause expects the accumulator as a single argument'],
  ['for uniq', 'u = true\nfor i <- [1], uniq: u, do: i', '3:1: :uniq option for comprehensions only accepts a boolean, got: u'],
  ['for without do', 'for i <- [1]', '2:1: missing :do option in "for"'],
  ['clauses as a value', 'x = (1 -> 2)', '2:5: unhandled operator ->'],
  ['<- outside for', 'IO.inspect(x <- [1])', '2:14: undefined function <-/2 (there is no such import)'],
  ['with without do', 'with {:ok, a} <- {:ok, 1}', '2:1: missing :do option in "with"'],
  ['with option', 'with {:ok, a} <- {:ok, 1}, foo: 1, do: a', '2:1: unexpected option :foo in "with"'],
  ['with else', 'with {:ok, a} <- {:ok, 1} do\n  a\nelse\n  1\nend', '2:1: expected -> clauses for :else in "with"'],
  ['try/rescue', 'try do\n  raise "x"\nrescue\n  e -> e\nend', '2:1: try is not supported yet (Tier 2)'],
  ['defstruct', 'defmodule P do\n  defstruct [:x]\nend', '3:3: defstruct is not supported yet (structs are Tier 2)'],
  ['struct literal', 'p = %P{x: 1}', '2:5: structs %P{} are not supported yet (Tier 2)'],
  ['sigil ~r', 're = ~r(a+)', '2:6: regular expressions (sigil ~r) are not supported yet'],
  ['unknown sigil', 'x = ~x(a b)', '2:5: undefined function sigil_x/2 (there is no such import)'],
  ['~w modifier', 'words = ~w(a b c)x', '2:9: modifier must be one of: s, a, c'],
  ['unterminated sigil', 's = ~s(a "b"\nx = 1', '4:1: missing terminator: ) (for sigil ~s( starting at line 2)'],
  ['binary <<>>', 'b = <<1, 2>>', '2:5: binaries <<>> are not supported yet (Tier 2)'],
  ['defaults twice', 'defmodule M do\n  def f(x \\\\ 1), do: x\n  def f(y \\\\ 2), do: y\nend', '4:7: def f/1 defines defaults multiple times. Elixir allows defaults to be declared once per definition'],
  ['head without clauses', 'defmodule M do\n  defp g(x \\\\ 1)\nend', '3:8: implementation not provided for predefined defp g/1'],
  ['\\\\ outside a head', 'defmodule M do\n  def f(x), do: x \\\\ 1\nend', '3:17: undefined function \\\\/2 (expected M to define such a function or for it to be imported, but none are available)'],
  ['use', 'defmodule S do\n  use GenServer\nend', '3:3: use is not supported yet (Tier 2)'],
  ['import', 'import Enum', '2:1: import is not supported yet (Tier 3)'],
  ['alias', 'alias Foo.Bar', '2:1: alias is not supported yet (Tier 3)'],
  ['require', 'require Logger', '2:1: require is not supported yet (Tier 3)'],
  ['quote', 'x = quote do: 1 + 2', '2:5: quote is not supported yet (macros are Tier 3)'],
  ['defmacro', 'defmodule M do\n  defmacro m(x), do: x\nend', '3:3: defmacro is not supported yet (macros are Tier 3)'],
  ['defprotocol', 'defprotocol Size do\n  def size(x)\nend', '2:1: defprotocol is not supported yet (protocols are Tier 3)'],
  ['bignum literal', 'x = 100000000000000000000', '2:5: integer literals larger than 64 bits are not supported yet (bignums are Tier 2)'],
  ['GenServer call', '{:ok, pid} = GenServer.start_link(M, [])', '2:14: GenServer is not supported yet (Tier 2)'],
  ['Agent function', 'spec = Agent.child_spec([])', '2:8: Agent.child_spec/1 is not supported yet'],
  [':io', ':io.format("~p~n", [1])', '2:1: :io is not supported yet (IO.puts, IO.write and IO.inspect are)'],
  [':timer.tc', '{t, _} = :timer.tc(fn -> 1 end)', '2:10: :timer is not supported yet, except :timer.sleep/1'],
  ['Date', 'd = Date.utc_today()', '2:5: Date is not supported yet'],
  // the rest of Elixir's and OTP's library (core/src/stdlib_names.c)
  ['a library module', 'Base.encode64("x")', '2:1: Base is not supported yet'],
  ['an OTP module', 'q = :queue.new()', '2:5: :queue is not supported yet'],
  ['a missing String function', 'String.normalize("é", :nfd)', '2:1: String.normalize/2 is not supported yet'],
  ['a missing :lists function', 'IO.inspect(:lists.map(fn x -> x end, [1]))', '2:12: :lists.map/2 is not supported yet'],
  ['a missing :erlang function', 'h = :erlang.phash2(:a)', '2:5: :erlang.phash2/1 is not supported yet'],
  ['put_in without a path', 'm = %{}\nput_in(m, 1)', '3:1: expected expression given to put_in/2 to access at least one element'],
  ['pop_in of a field', 'm = %{a: %{b: 1}}\npop_in(m.a.b)',
    '3:1: cannot use pop_in when the last segment is a map/struct field. This would effectively remove the field :b from the map/struct'],
  ['a missing Kernel function', 'x = struct(Range, first: 1)', '2:5: Kernel.struct/2 is not supported yet'],
  ['a missing Kernel function, qualified', 'Kernel.struct!(Range)', '2:1: Kernel.struct!/1 is not supported yet'],
  ['a missing arity, piped', 's = "a b" |> String.splitter([" "])', '2:14: String.splitter/2 is not supported yet'],
  ['Task', 't = Task.async(fn -> 1 end)\nTask.await(t)', '2:5: Task is not supported yet (Tier 2)'],
  ['MapSet', 's = MapSet.new([1])', '2:5: MapSet is not supported yet (Tier 2)'],
  ['missing end', 'defmodule M do\n  def f(x) do\n    x\nend', '6:1: missing terminator: end (for "do" starting at line 2)'],
  ['unexpected token', 'x = 1 +\nIO.puts )', '3:9: unexpected token: )'],
  ['unterminated string', 'IO.puts "abc', '3:1: missing terminator: " (for string starting at line 2)'],
  ['undefined variable', 'IO.puts(y)', '2:9: undefined function y/0 (there is no such import)'],
  ['undefined local function', 'defmodule M do\n  def f, do: g(1)\nend',
    '3:14: undefined function g/1 (expected M to define such a function or for it to be imported, but none are available)'],
  ['undefined top-level function', 'foo(1)', '2:1: undefined function foo/1 (there is no such import)'],
  ['undefined pinned variable', 'case 1 do\n  ^z -> 1\nend', '3:3: undefined variable ^z'],
  ['undefined module attribute', 'defmodule M do\n  def f, do: @y\nend', '3:14: undefined module attribute @y'],
  ['call in a pattern', 'f(1) = 2', '2:1: cannot invoke local f/1 inside a match'],
  ['remote call in a pattern', 'x = "a"\nString.upcase(x) = "A"', '3:1: cannot invoke remote function String.upcase/1 inside a match'],
  ['fn in a pattern', 'x = 1\n(fn -> 1 end) = x', '3:2: invalid pattern in match, fn is not allowed in matches'],
  ['variable map key in a pattern', 'm = %{}\n%{y => 1} = m',
    '3:3: cannot use variable y as map key inside a pattern. Map keys in patterns can only be literals (such as atoms, strings, tuples, and the like) or an existing variable matched with the pin operator (such as ^some_var)'],
  ['regex operator', 'x = "a" =~ "b"', '2:9: the operator =~ (regular expressions) is not supported yet'],
];

let dir;
before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: run scripts/build native`);
  dir = mkdtempSync(join(tmpdir(), 'beamlet-cerr-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

cases.forEach(([name, body, message], i) => {
  test(`compile error: ${name}`, () => {
    const file = `case${i}.exs`;
    writeFileSync(join(dir, file), `IO.puts "ran"\n${body}\n`);
    const r = spawnSync(cli, ['run', file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    if (r.error) throw r.error;
    assert.equal(r.stdout, '', 'nothing runs');
    assert.equal(r.stderr, `${file}:${message}\n`);
    assert.equal(r.status, 3);
  });
});

test('at least 25 cases', () => assert.ok(cases.length >= 25));
