// crash-reports.test.mjs -- a spawned process that dies of an uncaught error
// (raise, failed match, bad call, throw) ends alone: the CLI prints Elixir's
// crash report on STDERR ("[error] Process #PID<0.N.0> raised an exception"
// then "** (Module) message"), links and monitors fire with the BEAM's exit
// reason, and the rest of the program goes on printing to stdout with exit
// status 0. Exits (exit/1, Process.exit/2) print no report. An uncaught
// error of the main script prints "** (Module) message" on stderr and exits
// with status 1. Checked on the native and the WASI CLI (the Emscripten
// builds share the same runtime code).
// Run scripts/build native wasi first (scripts/test does).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, clis } from './clis.mjs';

// Each case: a crashing function body, the banner Elixir 1.14 prints for it
// (stack lines aside), and the exit reason a monitor sees (its first
// element, as inspect prints it).
const cases = [
  ['raise "boom"', '** (RuntimeError) boom', '%RuntimeError{message: "boom"}'],
  ['raise ArgumentError, "bad input"', '** (ArgumentError) bad input', '%ArgumentError{message: "bad input"}'],
  ['{:ok, x} = Crash.id({:error, 1}); x', '** (MatchError) no match of right hand side value: {:error, 1}', '{:badmatch, {:error, 1}}'],
  ['case Crash.id(3) do 1 -> :one end', '** (CaseClauseError) no case clause matching: 3', '{:case_clause, 3}'],
  ['cond do Crash.id(false) -> 1 end', '** (CondClauseError) no cond clause evaluated to a truthy value', ':cond_clause'],
  ['Crash.only_a(:b)', '** (FunctionClauseError) no function clause matching in Crash.only_a/1', ':function_clause'],
  ['(fn :a -> 1 end).(Crash.id(:b))', '** (FunctionClauseError) no function clause matching in anonymous fn/1 in :elixir_compiler_0.__FILE__/1', ':function_clause'],
  ['1 + Crash.id(:a)', '** (ArithmeticError) bad argument in arithmetic expression', ':badarith'],
  ['div(1, Crash.id(0))', '** (ArithmeticError) bad argument in arithmetic expression', ':badarith'],
  ['Crash.id(%{a: 1}).b', '** (KeyError) key :b not found in: %{a: 1}', '{:badkey, :b, %{a: 1}}'],
  ['Map.fetch!(Crash.id(%{a: 1}), :b)', '** (KeyError) key :b not found in: %{a: 1}', '{:badkey, :b}'],
  ['m = Crash.id(%{a: 1}); %{m | b: 2}', '** (KeyError) key :b not found', '{:badkey, :b}'],
  ['Keyword.fetch!([a: 1], :b)', '** (KeyError) key :b not found in: [a: 1]', '%KeyError{key: :b, term: [a: 1], message: nil}'],
  ['Map.get(Crash.id(1), :a)', '** (BadMapError) expected a map, got: 1', '{:badmap, 1}'],
  ['hd(Crash.id([]))', '** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a nonempty list\n', ':badarg'],
  ['elem(Crash.id({}), 0)', '** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: out of range\n', ':badarg'],
  ['String.to_integer(Crash.id("x"))', '** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a textual representation of an integer\n', ':badarg'],
  ['send(Crash.id(:nobody_has_this_name), :hi)', '** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: invalid destination\n', ':badarg'],
  ['f = Crash.id(1); f.()', '** (BadFunctionError) expected a function, got: 1', '{:badfun, 1}'],
  ['x = Crash.id(1); x and true', '** (BadBooleanError) expected a boolean on left-side of "and", got: 1', '{:badbool, :and, 1}'],
  ['apply(Crash, :nope, [1])', '** (UndefinedFunctionError) function Crash.nope/1 is undefined or private', ':undef'],
  ['apply(Crash.id(NoSuchMod), :f, [])', '** (UndefinedFunctionError) function NoSuchMod.f/0 is undefined (module NoSuchMod is not available)', ':undef'],
  ['throw(:ball)', '** (ErlangError) Erlang error: {:nocatch, :ball}', '{:nocatch, :ball}'],
];

function script() {
  const lines = [
    'defmodule Crash do',
    '  def id(x), do: x',
    '  def only_a(:a), do: :ok',
    '  def reason(f) do',
    '    {pid, ref} = spawn_monitor(f)',
    '    receive do',
    '      {:DOWN, ^ref, :process, ^pid, {reason, stack}} when is_list(stack) -> reason',
    '    end',
    '  end',
    'end',
    'IO.puts("start")',
  ];
  cases.forEach(([body], i) => {
    lines.push(`IO.puts("case ${i}: " <> inspect(Crash.reason(fn -> ${body} end)))`);
  });
  lines.push('IO.puts("end")');
  return lines.join('\n') + '\n';
}

const others = `parent = self()
Process.flag(:trap_exit, true)
linked = spawn_link(fn -> raise "linked boom" end)
receive do
  {:EXIT, ^linked, {%{message: msg}, _stack}} -> IO.puts("link fired: " <> msg)
end
{_, ref} = spawn_monitor(fn -> exit(:quiet) end)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.puts("exit reason: #{inspect(reason)}")
end
victim = spawn(fn -> receive do :never -> :ok end end)
Process.exit(victim, :kill)
Process.sleep(20)
worker = spawn(fn -> receive do {:go, from} -> send(from, :done); raise "after reply" end end)
send(worker, {:go, parent})
receive do
  :done -> IO.puts("reply before the crash")
end
Process.sleep(50)
IO.puts("still running: #{Process.alive?(parent)}")
`;

const mainCrash = `IO.puts("before")
Enum.each([1], fn _ -> raise ArgumentError, "main failed" end)
IO.puts("never")
`;

// An exit signal ending the main script: elixir prints "** (EXIT from
// #PID<main>) reason" and a blank line, status 1 whatever the reason
// (stack lines after a crash banner aside). [script, stderr ending].
const signalCases = [
  ['IO.puts("a")\nProcess.exit(self(), :kill)\nIO.puts("b")\n', 'a\n', '** (EXIT from #PID<0.0.0>) killed\n\n'],
  ['Process.exit(self(), :normal)\nIO.puts("b")\n', '', '** (EXIT from #PID<0.0.0>) normal\n\n'],
  ['Process.exit(self(), {:a, 1})\n', '', '** (EXIT from #PID<0.0.0>) {:a, 1}\n\n'],
  ['spawn_link(fn -> exit(:shutdown) end)\nProcess.sleep(100)\n', '', '** (EXIT from #PID<0.0.0>) shutdown\n\n'],
  ['spawn_link(fn -> exit({:shutdown, 3}) end)\nProcess.sleep(100)\n', '', '** (EXIT from #PID<0.0.0>) shutdown: 3\n\n'],
  ['spawn_link(fn -> 1 = Enum.count([1, 2]) end)\nProcess.sleep(100)\n', '',
    '** (EXIT from #PID<0.0.0>) an exception was raised:\n    ** (MatchError) no match of right hand side value: 2\n\n'],
];

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'beamlet-crash-'));
  writeFileSync(join(dir, 'cases.exs'), script());
  writeFileSync(join(dir, 'others.exs'), others);
  writeFileSync(join(dir, 'main_crash.exs'), mainCrash);
  signalCases.forEach(([src], i) => writeFileSync(join(dir, `signal${i}.exs`), src));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cli, file) {
  const [cmd, argv] = cli.argv(['run', file]);
  const r = spawnSync(cmd, argv, { cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  return r;
}

// The crash reports in stderr order: [{pid, banner}], the banner being the
// text after the "[error] Process ... raised an exception" line up to the
// next report (trailing newlines trimmed).
function reports(stderr) {
  const out = [];
  const re = /^\[error\] Process (#PID<0\.\d+\.\d+>) raised an exception\n/gm;
  const starts = [];
  let m;
  while ((m = re.exec(stderr))) starts.push({ pid: m[1], at: m.index, body: m.index + m[0].length });
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : stderr.length;
    out.push({ pid: s.pid, banner: stderr.slice(s.body, end).replace(/\n+$/, '') });
  });
  return out;
}

for (const cli of clis) {
  describe(`${cli.name} CLI crash reports`, () => {
    before(() => {
      assert.ok(existsSync(cli.file), `${cli.file} is missing: run scripts/build ${cli.name}`);
    });

    test('each uncaught error: its report on stderr, its exit reason to the monitor, stdout goes on', () => {
      const r = run(cli, 'cases.exs');
      assert.equal(r.status, 0, `stderr:\n${r.stderr}`);
      const expectedOut = ['start', ...cases.map(([, , reason], i) => `case ${i}: ${reason}`), 'end'].join('\n') + '\n';
      assert.equal(r.stdout, expectedOut);
      const got = reports(r.stderr);
      assert.equal(got.length, cases.length, `one report per crash, stderr:\n${r.stderr}`);
      cases.forEach(([body, banner], i) => {
        assert.equal(got[i].banner, banner.replace(/\n+$/, ''), `case ${i} (${body})`);
      });
      assert.equal(new Set(got.map((g) => g.pid)).size, cases.length, 'each report names its own process');
      assert.ok(!r.stdout.includes('[error]'), 'reports never go to stdout');
    });

    test('links and monitors fire; exits and kills print no report', () => {
      const r = run(cli, 'others.exs');
      assert.equal(r.status, 0, `stderr:\n${r.stderr}`);
      assert.equal(
        r.stdout,
        'link fired: linked boom\nexit reason: :quiet\nreply before the crash\nstill running: true\n',
      );
      const got = reports(r.stderr);
      assert.deepEqual(
        got.map((g) => g.banner),
        ['** (RuntimeError) linked boom', '** (RuntimeError) after reply'],
        `stderr:\n${r.stderr}`,
      );
    });

    test('an uncaught error in the main script: banner on stderr, status 1, earlier output kept', () => {
      const r = run(cli, 'main_crash.exs');
      assert.equal(r.stdout, 'before\n');
      assert.equal(r.status, 1, `stderr:\n${r.stderr}`);
      assert.match(r.stderr, /^\*\* \(ArgumentError\) main failed$/m);
      assert.ok(!r.stderr.includes('[error] Process'), 'the main script gets a banner, not a process report');
    });

    test('an exit signal ending the main script: "** (EXIT from ...)", status 1', () => {
      signalCases.forEach(([src, out, tail], i) => {
        const r = run(cli, `signal${i}.exs`);
        assert.equal(r.stdout, out, src);
        assert.equal(r.status, 1, `${src}\nstderr:\n${r.stderr}`);
        assert.ok(r.stderr.endsWith(tail), `${src}\nstderr:\n${r.stderr}`);
        assert.ok(!r.stderr.includes('** (exit)'), r.stderr);
      });
    });
  });
}
