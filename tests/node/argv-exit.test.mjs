// argv-exit.test.mjs -- System.argv() through the package (rt.run's argv
// option and the `beamlet run FILE a b` bin), and handlers told of their end
// (spawnHandler's onExit): killed by a linked crash, by Process.exit(pid,
// :kill), by their own ctx.exit and by a throw. Both wasm modes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime, Tuple, atom, inspect } from '../../node/index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node', 'bin', 'beamlet.mjs');

// resolves with onExit's (reason, pid), or rejects after ms; its timer
// keeps Node alive meanwhile (an idle runtime does not)
function exitWatch(ms = 5000) {
  let resolve;
  let t;
  const p = new Promise((res, rej) => {
    resolve = res;
    t = setTimeout(() => rej(new Error('onExit was not called')), ms);
  });
  return { onExit: (reason, pid) => { clearTimeout(t); resolve({ reason, pid }); }, done: p };
}

for (const mode of ['single', 'threads']) {
  describe(`System.argv and onExit (${mode})`, () => {
    let rt;
    before(async () => {
      rt = await Runtime.create({ mode, schedulers: 2 });
    });
    after(() => rt && rt.stop());

    test('run(source, { argv }) is System.argv()', async () => {
      const out = [];
      const fn = (ev) => out.push(ev.text);
      rt.on('output', fn);
      await rt.run('IO.inspect(System.argv())', { file: 'a.exs', argv: ['a', 'b c', 'é', ''] });
      await rt.run('IO.inspect(System.argv())', { file: 'b.exs' });
      rt.off('output', fn);
      assert.deepEqual(out, ['["a", "b c", "é", ""]\n', '[]\n']);
    });

    test('run rejects a bad argv with a TypeError', async () => {
      await assert.rejects(rt.run('1', { argv: 'a b' }), TypeError);
      await assert.rejects(rt.run('1', { argv: ['a', 1] }), TypeError);
      await assert.rejects(rt.run('1', { argv: ['a\0b'] }), TypeError);
      assert.throws(() => rt.spawnHandler(() => {}, { onExit: 1 }), TypeError);
    });

    test('onExit: a linked Elixir process crashes', async () => {
      const w = exitWatch();
      const js = rt.spawnHandler(() => {}, { name: 'linked_js', onExit: w.onExit });
      const reason = await rt.run(
        'js = Process.whereis(:linked_js)\n' +
        'spawn(fn -> Process.link(js); raise "boom" end)\n' +
        'Process.sleep(50)\n', { file: 'crash.exs' });
      assert.equal(reason, atom('normal'));
      const { reason: r, pid } = await w.done;
      assert.equal(pid.toString(), js.toString());
      assert.ok(r instanceof Tuple, `a crash reason tuple, got ${String(r)}`);
      assert.match(inspect(r), /RuntimeError.*boom/);
    });

    test('onExit: Process.exit(pid, :kill) gives :killed', async () => {
      const w = exitWatch();
      let alive;
      rt.spawnHandler((msg, ctx) => { alive = ctx.alive; }, { name: 'victim_js', onExit: w.onExit });
      rt.send('victim_js', 1);
      await rt.run('Process.sleep(10)\nProcess.exit(Process.whereis(:victim_js), :kill)\nProcess.sleep(20)\n');
      const { reason } = await w.done;
      assert.equal(reason, atom('killed'));
      if (alive) assert.equal(alive(), false);
    });

    test('onExit: a normal exit of a linked process does not kill', async () => {
      let called = false;
      const js = rt.spawnHandler((msg, ctx) => ctx.send(msg, atom('still_here')), { name: 'calm_js', onExit: () => { called = true; } });
      const out = [];
      const fn = (ev) => out.push(ev.text);
      rt.on('output', fn);
      await rt.run(
        'js = Process.whereis(:calm_js)\n' +
        'spawn(fn -> Process.link(js) end)\n' +
        'Process.sleep(20)\nsend(js, self())\n' +
        'receive do\n  m -> IO.inspect(m)\nend\n');
      rt.off('output', fn);
      assert.deepEqual(out, [':still_here\n']);
      assert.equal(called, false);
      void js;
    });

    test('onExit: ctx.exit(reason) and a throwing handler', async () => {
      const a = exitWatch();
      const b = exitWatch();
      let calls = 0;
      rt.spawnHandler(async (msg, ctx) => { await ctx.exit(atom('bye')); }, { name: 'quitter', onExit: (r, p) => { calls++; a.onExit(r, p); } });
      rt.spawnHandler(() => { throw new Error('oops'); }, { name: 'thrower', onExit: b.onExit });
      await rt.run('send(:quitter, 1)\nsend(:thrower, 1)\nProcess.sleep(50)\n');
      const ra = (await a.done).reason;
      const rb = (await b.done).reason;
      assert.equal(ra, atom('bye'));
      assert.ok(rb instanceof Tuple && rb[0] === atom('js_error') && rb[1] === 'oops');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(calls, 1);
    });
  });
}

describe('beamlet run FILE args (bin)', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'beamlet-argv-'));
    writeFileSync(join(dir, 'args.exs'), 'IO.inspect(System.argv())\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cases = [
    [['a', 'b'], '["a", "b"]\n'],
    [[], '[]\n'],
    [['x', '--seed', '1'], '["x", "--seed", "1"]\n'],
  ];
  for (const mode of ['single', 'threads']) {
    for (const [args, want] of cases) {
      test(`${mode}: run args.exs ${args.join(' ')}`, () => {
        const r = spawnSync(process.execPath, [bin, 'run', '--mode', mode, join(dir, 'args.exs'), ...args], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, want);
      });
    }
    test(`${mode}: options before the file, then -- args`, () => {
      const r = spawnSync(process.execPath, [bin, 'run', '--mode', mode, '--seed', '3', join(dir, 'args.exs'), '--', '--schedulers', 'z'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '["--schedulers", "z"]\n');
    });
  }
});
