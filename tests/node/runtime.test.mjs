// Runtime behaviour seen through the native CLI: preemption, deterministic
// mode with virtual time, per-process heap caps, exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'build', 'native', 'beamlet');
const dir = mkdtempSync(join(tmpdir(), 'beamlet-rt-'));

function run(source, args = [], timeout = 20000) {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.exs`);
  writeFileSync(file, source);
  const r = spawnSync(cli, ['run', ...args, file], { encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const endlessLoop = `
spawn(fn -> loop = fn f -> f.(f) end; loop.(loop) end)
`;

test('an endless loop does not stop other processes (one scheduler)', () => {
  const r = run(`${endlessLoop}
parent = self()
spawn(fn -> send(parent, {:sum, Enum.sum(1..100_000)}) end)
receive do
  {:sum, s} -> IO.puts("other process finished: #{s}")
end
IO.puts("main goes on")
`, ['--schedulers', '1']);
  assert.equal(r.signal, null);
  assert.equal(r.stdout, 'other process finished: 5000050000\nmain goes on\n');
  assert.equal(r.status, 0);
});

test('receive ... after N waits once even when N ms passed while it scanned (one scheduler)', () => {
  // the guard takes milliseconds, so the time is up before the receive
  // could wait: it must still let the runnable child run first
  const r = run(`big = Enum.to_list(1..2_000_000)
send(self(), big)
spawn(fn -> IO.puts("the child ran") end)
receive do
  x when length(x) < 0 -> IO.puts("impossible")
after
  1 -> IO.puts("timed out")
end
`, ['--schedulers', '1']);
  assert.equal(r.stdout, 'the child ran\ntimed out\n');
  assert.equal(r.status, 0);
});

test('deterministic mode: a 5 s sleep finishes at once in virtual time', () => {
  // The test's own timeout (well under 5 s) is the bound: a real sleep fails it.
  const r = run(`
t0 = System.monotonic_time(:millisecond)
Process.sleep(5000)
IO.puts("slept: #{System.monotonic_time(:millisecond) - t0 >= 5000}")
`, ['--deterministic'], 3000);
  assert.equal(r.signal, null, 'timed out: virtual time did not jump');
  assert.equal(r.stdout, 'slept: true\n');
});

test('deterministic mode: time passes while another process is busy', () => {
  const r = run(`${endlessLoop}
Process.sleep(200)
IO.puts("woke up")
`, ['--deterministic'], 10000);
  assert.equal(r.signal, null, 'timed out: the sleeping process never woke');
  assert.equal(r.stdout, 'woke up\n');
});

test('deterministic mode: the same seed gives the same interleaving', () => {
  const src = `
parent = self()
for_each = fn f, n ->
  if n > 0 do
    spawn(fn ->
      Process.sleep(:rand.uniform(50))
      send(parent, {:done, n})
    end)
    f.(f, n - 1)
  end
end
for_each.(for_each, 20)
order = Enum.map(1..20, fn _ -> receive do {:done, n} -> n end end)
IO.inspect(order)
`;
  const a = run(src, ['--deterministic', '--seed', '7']);
  const b = run(src, ['--deterministic', '--seed', '7']);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.match(a.stdout, /^\[(\d+, ){19}\d+\]\n$/);
});

test('a process past its heap cap is killed; the runtime goes on', () => {
  const r = run(`
pid = spawn(fn -> Enum.to_list(1..20_000_000) |> length() |> IO.inspect() end)
ref = Process.monitor(pid)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason, label: "down")
end
IO.puts("main goes on")
`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'down: :killed\nmain goes on\n');
  assert.match(r.stderr, /heap/);
});

test('an uncaught error in the main process: status 1, the error on stderr', () => {
  const r = run('IO.puts("before")\n1 = 2\nIO.puts("after")\n');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'before\n');
  assert.match(r.stderr, /^\*\* \(MatchError\) no match of right hand side value: 2\n/);
});

test('exit statuses of the main process follow elixir', () => {
  for (const [reason, status] of [[':normal', 0], [':shutdown', 0], ['{:shutdown, 1}', 1], ['{:shutdown, 3}', 3], ['{:shutdown, 256}', 0], ['{:shutdown, -1}', 1], ['{:shutdown, :done}', 0], [':boom', 1]]) {
    const r = run(`IO.puts("a")\nexit(${reason})\nIO.puts("b")\n`);
    assert.equal(r.stdout, 'a\n', reason);
    assert.equal(r.status, status, `exit(${reason})`);
  }
});

test('an inspected fn shows where it is as Elixir does: its number, one hash per module or script', () => {
  writeFileSync(join(dir, 'fns.exs'), [
    'IO.inspect fn x -> x end',
    'IO.inspect fn -> 1 end',
    'defmodule M do',
    '  def h, do: fn y -> y end',
    '  def k, do: fn -> 2 end',
    'end',
    'IO.inspect M.h',
    'IO.inspect M.k',
    'IO.inspect &M.h/0',
  ].join('\n') + '\n');
  // the script by its absolute path: shown relative to the working directory
  const r = spawnSync(cli, ['run', join(dir, 'fns.exs')], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const top = lines.slice(0, 2).map((l) => l.match(/^#Function<(\d+)\.(\d+) in file:fns\.exs>$/));
  const mod = lines.slice(2, 4).map((l) => l.match(/^#Function<(\d+)\.(\d+)\/(\d) in (M\.[hk]\/0)>$/));
  assert.ok(top.every(Boolean) && mod.every(Boolean), r.stdout);
  assert.deepEqual(top.map((m) => m[1]), ['0', '1']);
  assert.equal(top[0][2], top[1][2]);
  assert.deepEqual(mod.map((m) => [m[1], m[3], m[4]]), [['0', '1', 'M.h/0'], ['1', '0', 'M.k/0']]);
  assert.equal(mod[0][2], mod[1][2]);
  assert.equal(lines[4], '&M.h/0');
});
