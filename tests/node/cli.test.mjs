// cli.test.mjs -- the contract of the `beamlet` command-line runner, for the
// native CLI (build/native/beamlet), the WASI one (build/wasi/beamlet.wasm
// run through scripts/wasi-run.mjs under node:wasi) and the Emscripten ones
// (build/em-threads/beamlet.js, build/em-single/beamlet.js, under node):
//   - no arguments: non-zero exit, usage on stderr
//   - an unknown option or a file that cannot be read: non-zero exit and a
//     one-line error on stderr, nothing on stdout
//   - `run FILE.exs`: the script's output on stdout, exit 0
// Run scripts/build first (scripts/test does).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, clis as baseClis } from './clis.mjs';

const clis = [
  ...baseClis,
  {
    // the npm package's bin (node/bin/beamlet.mjs), in its default mode
    name: 'npm',
    file: join(root, 'node', 'wasm', 'beamlet-single.wasm'),
    argv: (args) => [process.execPath, [join(root, 'node', 'bin', 'beamlet.mjs'), ...args]],
  },
  ...['em-threads', 'em-single'].map((v) => ({
    name: v,
    file: join(root, 'build', v, 'beamlet.js'),
    argv: (args) => [process.execPath, [join(root, 'build', v, 'beamlet.js'), ...args]],
  })),
];

const tiny = `parent = self()
IO.puts("hello from beamlet")
spawn(fn -> send(parent, {:sum, 1 + 2}) end)
receive do
  {:sum, n} -> IO.puts("got #{n}")
end
`;
const tinyOut = 'hello from beamlet\ngot 3\n';

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'beamlet-cli-'));
  writeFileSync(join(dir, 'tiny.exs'), tiny);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cli, args, cwd = dir) {
  const [cmd, argv] = cli.argv(args);
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  return r;
}

function assertOneLineError(r) {
  assert.notEqual(r.status, 0, 'exit status must be non-zero');
  const err = r.stderr.trim();
  assert.ok(err.length > 0, 'stderr must say what went wrong');
  assert.ok(!err.includes('\n'), `stderr must be one line, got:\n${r.stderr}`);
  assert.equal(r.stdout, '', 'nothing on stdout');
}

for (const cli of clis) {
  describe(`${cli.name} CLI`, () => {
    before(() => {
      assert.ok(existsSync(cli.file), `${cli.file} is missing: run scripts/build ${cli.name}`);
    });

    test('no arguments: non-zero exit and usage on stderr', () => {
      const r = run(cli, []);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /usage/i);
    });

    test('an unknown option: non-zero exit, one-line error', () => {
      assertOneLineError(run(cli, ['run', '--no-such-flag', 'tiny.exs']));
    });

    test('an unknown command: non-zero exit, one-line error', () => {
      assertOneLineError(run(cli, ['frobnicate']));
    });

    test('a missing file: non-zero exit, one-line error naming it', () => {
      const r = run(cli, ['run', 'no_such_file.exs']);
      assertOneLineError(r);
      assert.match(r.stderr, /no_such_file\.exs/);
    });

    test('run FILE.exs prints the script output', () => {
      const r = run(cli, ['run', 'tiny.exs']);
      assert.equal(r.stdout, tinyOut, `stderr:\n${r.stderr}`);
      assert.equal(r.status, 0, `stderr:\n${r.stderr}`);
    });

    test('run with an absolute path from another directory', () => {
      const r = run(cli, ['run', join(dir, 'tiny.exs')], root);
      assert.equal(r.stdout, tinyOut, `stderr:\n${r.stderr}`);
      assert.equal(r.status, 0);
    });

    test('exit statuses are elixir\'s: {:shutdown, n} gives n, an exit signal 1', () => {
      for (const [i, [body, status]] of [
        ['exit(:shutdown)', 0],
        ['exit({:shutdown, 3})', 3],
        ['exit({:shutdown, :done})', 0],
        ['Process.exit(self(), :normal)', 1],
        ['exit(:boom)', 1],
        // System.halt from any process ends the run now, with that status
        ['IO.puts("a")\nSystem.halt(300)\nIO.puts("b")', 44],
        ['spawn(fn -> System.halt(7) end)\nProcess.sleep(:infinity)', 7],
        [':erlang.halt()\nexit(:boom)', 0],
        ['System.halt("slogan")', 1],
      ].entries()) {
        writeFileSync(join(dir, `status${i}.exs`), `${body}\n`);
        assert.equal(run(cli, ['run', `status${i}.exs`]).status, status, body);
      }
    });

    test('IO.warn writes the warning on stderr and returns :ok', () => {
      writeFileSync(join(dir, 'warn.exs'), 'IO.inspect(IO.warn("careful"))\nIO.warn(["io", ?d, "ata"], [])\n');
      const r = run(cli, ['run', 'warn.exs']);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, ':ok\n');
      assert.equal(r.stderr, 'warning: careful\n\nwarning: iodata\n\n');
    });

    test('output is written byte for byte (a leading BOM, invalid UTF-8)', () => {
      writeFileSync(join(dir, 'bytes.exs'), 'IO.write(IO.iodata_to_binary([0xEF, 0xBB, 0xBF, ?a, 0xFF, 0xFE, 10]))\n');
      const [cmd, argv] = cli.argv(['run', 'bytes.exs']);
      const r = spawnSync(cmd, argv, { cwd: dir, timeout: 60_000 });
      assert.deepEqual([...r.stdout], [0xef, 0xbb, 0xbf, 0x61, 0xff, 0xfe, 0x0a], String(r.stderr));
    });
  });
}
