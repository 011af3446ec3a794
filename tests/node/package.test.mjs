// package.test.mjs -- the npm package (node/): the shared examples through
// Runtime in wasm-single and wasm-threads modes, the term mapping (random
// round trips through the C decoder/encoder and through an Elixir echo
// process), bad input across the bridge, JS handler processes, determinism
// and trace export. Needs node/wasm/ (scripts/build em-single em-threads).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Runtime, BeamletError, Tuple, Pid, Ref, Float, ImproperList, atom, encodeTerm, decodeTerm,
} from '../../node/index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const examplesDir = join(root, '..', 'shared', 'examples');
const wasm = (m) => join(root, 'node', 'wasm', `beamlet-${m}.wasm`);

// ---- random terms (a seeded generator: failures reproduce) ----
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randomTerm(r, depth = 0) {
  const k = Math.floor(r() * (depth > 3 ? 7 : 11));
  const str = () => {
    const chars = 'abcxyz é😀\n"\\';
    let s = '';
    const n = Math.floor(r() * (r() < 0.1 ? 100 : 8));
    for (let i = 0; i < n; i++) s += [...chars][Math.floor(r() * [...chars].length)];
    return s;
  };
  switch (k) {
    case 0: return Math.floor((r() - 0.5) * 2 ** 20);
    case 1: return BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) * 2n ** 31n + 2n ** 53n + 1n) || 2n ** 60n;
    case 2: return (r() - 0.5) * 1e6 + 0.25;
    case 3: return [true, false, null, atom('ok'), atom('hello world'), atom('é')][Math.floor(r() * 6)];
    case 4: return str();
    case 5: return new Uint8Array([0xff, 0xfe, Math.floor(r() * 256)]);
    case 6: return Math.floor(r() * 2) ? 2 ** 53 - 1 : -(2 ** 53) + 1;
    case 7: return Array.from({ length: Math.floor(r() * 5) }, () => randomTerm(r, depth + 1));
    case 8: return new Tuple(Array.from({ length: Math.floor(r() * 4) }, () => randomTerm(r, depth + 1)));
    case 9: {
      const m = new Map();
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) m.set(`k${i}`, randomTerm(r, depth + 1));
      return m;
    }
    default: return new ImproperList([randomTerm(r, depth + 1)], Math.floor(r() * 100));
  }
}

for (const mode of ['single', 'threads']) {
  describe(`Runtime (${mode})`, () => {
    let rt;
    before(async () => {
      assert.ok(existsSync(wasm(mode)), `node/wasm is missing: run scripts/build em-${mode}`);
      rt = await Runtime.create({ mode, schedulers: 2 });
      assert.equal(rt.mode, mode);
    });
    after(() => rt && rt.stop());

    test('a tiny script: output attributed to pids, exit reason', async () => {
      const out = [];
      const fn = (ev) => out.push(ev);
      rt.on('output', fn);
      const reason = await rt.run('parent = self()\nIO.puts("hi")\nspawn(fn -> IO.puts("child"); send(parent, :done) end)\nreceive do\n  :done -> :ok\nend\n', { file: 't.exs' });
      rt.off('output', fn);
      assert.equal(reason, atom('normal'));
      assert.deepEqual(out.map((e) => e.text), ['hi\n', 'child\n']);
      assert.match(out[0].pid, /^#PID<0\.\d+\.\d+>$/);
      assert.notEqual(out[0].pid, out[1].pid);
      assert.ok(out.every((e) => e.fd === 1));
    });

    test('a crash resolves with the reason; the report is an fd 2 event', async () => {
      const err = [];
      const fn = (ev) => ev.fd === 2 && err.push(ev.text);
      rt.on('output', fn);
      const reason = await rt.run('raise ArgumentError, "bad"');
      rt.off('output', fn);
      assert.ok(reason instanceof Tuple);
      assert.equal(reason[0].get(atom('message')), 'bad');
      assert.match(err.join(''), /ArgumentError/);
    });

    test('compile errors reject with file:line:col', async () => {
      await assert.rejects(rt.run('x = 1\ny = (', { file: 'bad.exs' }), (e) => {
        assert.ok(e instanceof BeamletError);
        assert.equal(e.code, 'ECOMPILE');
        assert.equal(e.file, 'bad.exs');
        assert.equal(e.line, 2);
        assert.ok(e.column > 0);
        return true;
      });
    });

    test('eval returns values converted to JS', async () => {
      assert.equal(await rt.eval('1 + 2'), 3);
      assert.equal(await rt.eval('9_007_199_254_740_993'), 9007199254740993n);
      assert.equal(await rt.eval('1.5 * 2'), 3);
      assert.equal(await rt.eval('"héllo" <> "!"'), 'héllo!');
      const v = await rt.eval('{:ok, [1, :two, nil, true], %{"a" => 1}, self()}');
      assert.ok(v instanceof Tuple);
      assert.equal(v[0], atom('ok'));
      assert.deepEqual(v[1], [1, atom('two'), null, true]);
      assert.deepEqual(v[2], new Map([['a', 1]]));
      assert.ok(v[3] instanceof Pid);
      await assert.rejects(rt.eval('raise "no"'), (e) => e.code === 'ECRASH');
      // a compile error is reported where it is in the source given
      await assert.rejects(rt.eval('1 +'), (e) => e.code === 'ECOMPILE' && e.line === 1 && e.column === 4 &&
        e.message === 'eval:1:4: syntax error: expression is incomplete');
      await assert.rejects(rt.eval('[1, 2]\n|> Enum.map('), (e) => e.code === 'ECOMPILE' && e.line === 2 && e.column === 13);
      await assert.rejects(rt.eval('x = 1\n  y + x'), (e) => e.code === 'ECOMPILE' && e.line === 2 && e.column === 3 &&
        /undefined variable "y"|undefined function y\/0/.test(e.message));
      assert.equal(await rt.eval('x = 1\nx + 1'), 2);
    });

    test('term round trips through the C decoder/encoder (500 random terms)', () => {
      const r = rng(mode === 'single' ? 1 : 2);
      for (let i = 0; i < 500; i++) {
        const t = randomTerm(r);
        assert.deepEqual(rt._echo(t), decodeTerm(encodeTerm(t)), `term #${i}`);
      }
      // exact shapes
      assert.deepEqual(rt._echo({ a: 1, b: [2] }), new Map([[atom('a'), 1], [atom('b'), [2]]]));
      assert.equal(rt._echo(new Float(2)), 2);
      assert.equal(rt._echo(2n ** 63n - 1n), 2n ** 63n - 1n);
      assert.equal(rt._echo(-(2n ** 63n)), -(2n ** 63n));
      assert.deepEqual(rt._echo(new Map([[1, 'a'], [1, 'b']])), new Map([[1, 'b']]));
      const big = 'x'.repeat(1000);
      assert.equal(rt._echo(big), big);
    });

    test('terms round trip through an Elixir process', async () => {
      const r = rng(7);
      const terms = Array.from({ length: 40 }, () => randomTerm(r));
      const got = [];
      let done;
      const finished = new Promise((res) => (done = res));
      rt.spawnHandler((msg) => {
        got.push(msg);
        if (got.length === terms.length) done();
      }, { name: 'sink' });
      const run = rt.run('defmodule Echo do\n  def loop(n) when n > 0 do\n    receive do\n      v -> send(:sink, v)\n    end\n    loop(n - 1)\n  end\n  def loop(_), do: :ok\nend\nProcess.register(self(), :echo)\nEcho.loop(40)\nreceive do\n  :stop -> :ok\nend\n');
      await new Promise((res) => setTimeout(res, 5));
      for (const t of terms) {
        for (let i = 0; !rt.whereis('echo') && i < 200; i++) await new Promise((res) => setTimeout(res, 5));
        rt.send('echo', t);
      }
      await finished;
      rt.send('echo', atom('stop'));
      assert.equal(await run, atom('normal'));
      assert.deepEqual(got, terms.map((t) => decodeTerm(encodeTerm(t))));
    });

    test('a handler gets every message when a command ends a full batch', async () => {
      // 255 messages, a command, 10 messages, queued at once: in single mode
      // the handler's process takes 256 in one slice (its batch), the
      // command last, and must still come back for the other 10
      let got = 0, ctx, first, all;
      const firstP = new Promise((res) => (first = res));
      const allP = new Promise((res) => (all = res));
      const pid = rt.spawnHandler((msg, c) => {
        ctx = c;
        got++;
        if (got === 1) first();
        if (got === 266) all();
      });
      rt.send(pid, 0);
      await firstP;
      for (let i = 1; i <= 255; i++) rt.send(pid, i);
      const trap = ctx.trapExit(true);
      for (let i = 256; i <= 265; i++) rt.send(pid, i);
      await trap;
      const timeout = new Promise((res) => setTimeout(res, 3000));
      await Promise.race([allP, timeout]);
      assert.equal(got, 266);
      ctx.exit();
    });

    test('bad values from JS throw, never trap', () => {
      const cyclic = [];
      cyclic.push(cyclic);
      let deep = [];
      for (let i = 0; i < 1000; i++) deep = [deep];
      for (const bad of [undefined, () => 1, Symbol('local'), NaN, Infinity, cyclic, deep, new Date(), new Float(NaN), 2n ** 64n, 'x'.repeat(300)]) {
        const v = typeof bad === 'string' ? atom(bad) : bad;
        assert.throws(() => rt.send(new Pid((0xfffffn << 6n) | 7n), v), (e) => e instanceof TypeError || e instanceof RangeError, String(bad));
      }
      assert.throws(() => rt.send('no_such_name', 1), (e) => e instanceof BeamletError && e.code === 'ENOPROC');
      assert.throws(() => rt.send(42, 1), TypeError);
      assert.throws(() => rt.whereis(''), TypeError);
      rt.send(new Pid((0xfffffn << 6n) | 7n), 1); // a pid that is no process: dropped, as send/2 does
      assert.throws(() => rt.send(new Pid(8n), 1), (e) => e instanceof BeamletError && e.code === 'EINVAL'); // not a pid word
      // garbage BTF straight into the C decoder: EINVAL, never a trap
      const r = rng(99);
      for (let i = 0; i < 2000; i++) {
        const n = Math.floor(r() * 24);
        const b = new Uint8Array(n);
        for (let j = 0; j < n; j++) b[j] = r() < 0.5 ? 'iflntmabpr'.charCodeAt(Math.floor(r() * 10)) : Math.floor(r() * 256);
        try {
          rt._echoBytes(b);
        } catch (e) {
          assert.ok(e instanceof BeamletError || /BTF/.test(e.message), e.message);
        }
      }
      assert.equal(rt._echo(1), 1); // still alive
    });

    test('JS handler: registered, receives, replies, is linked and monitored', async () => {
      const seen = [];
      const js = rt.spawnHandler(async (msg, ctx) => {
        seen.push(msg);
        if (msg instanceof Tuple && msg[0] === atom('double')) ctx.send(msg[1], Tuple.of(atom('doubled'), msg[2] * 2));
        if (msg === atom('quit')) await ctx.exit(atom('bye'));
      }, { name: 'js' });
      assert.ok(rt.whereis('js').equals(js));
      assert.ok(rt.registered().includes(atom('js')));
      const out = [];
      const fn = (ev) => out.push(ev.text);
      rt.on('output', fn);
      const reason = await rt.run(`send(:js, {:double, self(), 21})
receive do
  {:doubled, n} -> IO.puts("doubled: #{n}")
end
ref = Process.monitor(:js)
send(:js, :quit)
receive do
  {:DOWN, ^ref, :process, _, why} -> IO.puts("js down: #{inspect(why)}")
end
`);
      rt.off('output', fn);
      assert.equal(reason, atom('normal'), out.join(''));
      assert.equal(out.join(''), 'doubled: 42\njs down: :bye\n');
      assert.equal(seen.length, 2);
    });

    test('JS handler: a linked crash kills it; it can monitor Elixir processes', async () => {
      let down;
      const gotDown = new Promise((res) => (down = res));
      const js = rt.spawnHandler(async (msg, ctx) => {
        if (msg instanceof Pid) {
          const ref = await ctx.monitor(msg);
          assert.ok(ref instanceof Ref);
          ctx.send(msg, atom('go'));
        } else if (msg instanceof Tuple && msg[0] === atom('DOWN')) {
          down(msg);
        }
      }, { name: 'watcher' });
      const victim = rt.spawnHandler(() => {}, { name: 'victim' });
      const reason = await rt.run(`child = spawn(fn ->
  receive do
    :go -> exit(:boom)
  end
end)
send(:watcher, child)
Process.flag(:trap_exit, true)
v = Process.whereis(:victim)
Process.link(v)
spawn(fn -> Process.link(v); exit(:kill_it) end)
receive do
  {:EXIT, ^v, why} -> IO.puts("victim: #{inspect(why)}")
end
Process.sleep(20)
`);
      assert.equal(reason, atom('normal'));
      const msg = await Promise.race([gotDown, new Promise((_, rej) => setTimeout(() => rej(new Error('no DOWN reached the JS handler')), 5000))]);
      assert.equal(msg[4], atom('boom'));
      void js;
      void victim;
    });

    test('JS handlers talk to each other with no script running', async () => {
      // twice: once in a world whose run() has ended, once in a fresh one
      for (let round = 0; round < 2; round++) {
        if (round === 1) await rt.run('IO.puts("a script before")');
        const exited = new Promise((resolve) => {
          const b = rt.spawnHandler(async (msg, ctx) => {
            if (msg === 3) await ctx.exit(atom('bye'));
          }, { onExit: resolve });
          const a = rt.spawnHandler(async (msg, ctx) => {
            ctx.send(b, msg);
            if (msg === 1) await ctx.monitor(b);
            if (msg === 3) await ctx.exit(atom('normal'));
          });
          rt.send(a, 1);
          rt.send(a, 2);
          setTimeout(() => rt.send(a, 3), 2);
        });
        const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the handlers stalled')), 5000).unref());
        assert.equal(await Promise.race([exited, timeout]), atom('bye'));
      }
    });

    test('rt.exit sends exit signals from the host or from a handler', async () => {
      let failures = [];
      const ctl = rt.spawnHandler((msg, ctx) => {
        if (!(msg instanceof Tuple && msg[0] === atom('ready'))) return;
        const [, victim, trapper, ignorer, main] = msg;
        try {
          rt.exit(victim, atom('kill'));
          rt.exit(trapper, atom('shutdown'));
          rt.exit(trapper, Tuple.of(atom('bye'), 1), ctx.self);
          rt.exit(ignorer, atom('normal'));
          assert.throws(() => rt.exit('#PID<0.1.0>', atom('kill')), TypeError);
          assert.throws(() => rt.exit(victim, () => 1), TypeError);
          assert.throws(() => rt.exit(victim, atom('x'), 'me'), TypeError);
        } catch (e) {
          failures.push(e);
        }
        ctx.send(main, atom('sent'));
      }, { name: 'ctl' });
      const out = [];
      const fn = (ev) => out.push(ev.text);
      rt.on('output', fn);
      const reason = await rt.run(`main = self()
wait = fn -> receive do :never -> :ok end end
victim = spawn(wait)
trapper = spawn(fn ->
  Process.flag(:trap_exit, true)
  send(main, :trapping)
  Enum.each(1..2, fn _ ->
    receive do
      {:EXIT, from, why} -> send(main, {:trapped, from == :host, is_pid(from), why})
    end
  end)
  wait.()
end)
ignorer = spawn(wait)
receive do :trapping -> :ok end
ref = Process.monitor(victim)
send(:ctl, {:ready, victim, trapper, ignorer, main})
receive do :sent -> :ok end
receive do {:DOWN, ^ref, :process, _, why} -> IO.puts("victim: #{inspect(why)}") end
receive do {:trapped, host, pid, why} -> IO.puts("trapped: #{host} #{pid} #{inspect(why)}") end
receive do {:trapped, host, pid, why} -> IO.puts("trapped: #{host} #{pid} #{inspect(why)}") end
IO.puts("ignorer alive: #{Process.alive?(ignorer)}")
IO.puts("trapper alive: #{Process.alive?(trapper)}")
`);
      rt.off('output', fn);
      assert.deepEqual(failures, []);
      assert.equal(reason, atom('normal'), out.join(''));
      assert.equal(out.join(''), 'victim: :killed\ntrapped: true false :shutdown\ntrapped: false true {:bye, 1}\nignorer alive: true\ntrapper alive: true\n');
      // the world has ended: its processes are gone
      assert.throws(() => rt.exit(ctl, atom('kill')), (e) => e instanceof BeamletError);
    });

    test('snapshot lists processes and names', async () => {
      rt.spawnHandler(() => {}, { name: 'snap_me' });
      const s = rt.snapshot();
      assert.ok(Array.isArray(s.processes));
      assert.ok(s.processes.some((p) => p.name === 'snap_me'), JSON.stringify(s));
    });

    test('the shared examples print what Elixir prints', { skip: !existsSync(examplesDir) && 'no ../shared/examples' }, async () => {
      const files = readdirSync(examplesDir).filter((f) => f.endsWith('.exs') && existsSync(join(examplesDir, f.replace(/\.exs$/, '.out'))));
      assert.ok(files.length > 0);
      const failures = [];
      for (const f of files) {
        let out = '';
        const fn = (ev) => {
          if (ev.fd === 1) out += ev.text;
        };
        rt.on('output', fn);
        let timer;
        try {
          await Promise.race([
            rt.run(readFileSync(join(examplesDir, f), 'utf8'), { file: f }),
            new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timed out after 20 s')), 20_000))),
          ]);
        } catch (e) {
          out += `\n[rejected: ${e.message}]`;
          if (/timed out/.test(e.message)) {
            await rt.stop(); // a stuck world: start over with a new runtime
            rt = await Runtime.create({ mode, schedulers: 2 });
          }
        } finally {
          clearTimeout(timer);
        }
        rt.off('output', fn);
        const want = readFileSync(join(examplesDir, f.replace(/\.exs$/, '.out')), 'utf8');
        if (out !== want) failures.push(f);
      }
      assert.deepEqual(failures, [], `${failures.length}/${files.length} examples differ`);
    });

    test('an eval that does not compile leaves the next eval and run as they were', async () => {
      await assert.rejects(rt.eval('1 +'), (e) => e.code === 'ECOMPILE');
      assert.equal(await rt.eval('2'), 2);
      const out = [];
      const fn = (ev) => out.push(ev.text);
      rt.on('output', fn);
      await rt.run('IO.inspect(Process.registered())');
      rt.off('output', fn);
      assert.deepEqual(out, ['[]\n']);
    });

    test('trapExit: true traps an exit signal sent at once', async () => {
      const got = [];
      const h = rt.spawnHandler((msg) => { got.push(msg); }, { trapExit: true });
      rt.exit(h, atom('boom'));
      await rt.run('Process.sleep(50)');
      assert.equal(got.length, 1);
      assert.deepEqual([got[0][0], got[0][1], got[0][2]], [atom('EXIT'), atom('host'), atom('boom')]);
    });

    test('a handler whose world ended cannot send into a new one', async () => {
      let late = null;
      rt.spawnHandler(async (m, ctx) => {
        await new Promise((r) => setTimeout(r, 100));
        try {
          ctx.send(m, 'late');
        } catch (e) {
          late = e;
        }
      }, { name: 'slow' });
      await rt.run('send(:slow, self())\nProcess.sleep(20)');
      await rt.run('receive do\n  m -> exit({:got, m})\nafter\n  300 -> :ok\nend');
      assert.ok(late instanceof BeamletError && late.code === 'ESTATE', String(late));
      assert.equal(rt.exitStatus(), 0);
    });

    test('a pid of an earlier world names no process of the current one', async () => {
      const old = await rt.eval('spawn(fn -> Process.sleep(:infinity) end)');
      const h = rt.spawnHandler(() => {}, { name: 'keeper' });
      rt.send(h, 1); // its own world: fine
      assert.equal(rt.whereis('keeper').word, h.word);
      await rt.run('Process.sleep(10)'); // a new world, as each run() is
      const stale = (e) => e instanceof BeamletError && e.code === 'ESTATE' && /earlier run/.test(e.message);
      // the new world's processes get the same numbers: none may be reached
      await rt.eval('for_a_new_world = 1');
      for (const p of [old, h]) {
        assert.throws(() => rt.send(p, 'x'), stale);
        assert.throws(() => rt.exit(p, atom('kill')), stale);
        assert.throws(() => rt.register(p, 'again'), stale);
      }
      // nor can one ride inside a message
      const k = rt.spawnHandler(() => {});
      assert.throws(() => rt.send(k, { from: h }), stale);
      assert.throws(() => rt.send(k, [1, Tuple.of(old)]), stale);
      rt.send(k, Tuple.of(k)); // a pid of this world is fine
    });

    test('System.halt from any process ends the run with its status', async () => {
      const out = [];
      const onOut = (e) => out.push(e.text);
      rt.on('output', onOut);
      const r = await rt.run('IO.puts("a")\nspawn(fn -> System.halt(3) end)\nProcess.sleep(:infinity)\nIO.puts("b")');
      rt.off('output', onOut);
      assert.ok(r instanceof Tuple && r[0] === atom('shutdown') && r[1] === 3, String(r));
      assert.equal(rt.exitStatus(), 3);
      assert.deepEqual(out, ['a\n']);
      assert.equal(await rt.eval('1 + 1'), 2); // the next world runs
    });

    test('a handler that throws a value with no string form exits with :js_error', async () => {
      const reasons = [];
      const h = rt.spawnHandler(() => { throw Object.create(null); }, { onExit: (r) => reasons.push(r) });
      rt.send(h, 1);
      await rt.run('Process.sleep(50)');
      assert.equal(reasons.length, 1);
      assert.equal(reasons[0][0], atom('js_error'));
    });

    test('strings with a leading BOM keep it', async () => {
      assert.equal(await rt.eval('IO.iodata_to_binary([0xEF, 0xBB, 0xBF, ?a])'), '\uFEFFa');
      assert.equal(await rt.eval('"\\uFEFFx"'), '\uFEFFx');
      const got = [];
      const h = rt.spawnHandler((m) => { got.push(m); }, { name: 'bom' });
      void h;
      await rt.run('send(:bom, {String.length(IO.iodata_to_binary(["\\uFEFF", "hi"])), "\\uFEFFhi"})\nProcess.sleep(20)');
      assert.deepEqual([...got[0]], [3, '\uFEFFhi']);
    });

    test('a run or a send that needs more memory than there is fails, and the runtime goes on', async () => {
      const reason = await rt.run('x = Enum.to_list(1..40_000_000)\nIO.puts(length(x))');
      assert.equal(reason, atom('killed'));
      if (mode === 'threads') { // a fixed 256 MiB memory (single mode's grows to 2 GiB)
        const h = rt.spawnHandler(() => {});
        assert.throws(() => rt.send(h, new Uint8Array(300 << 20)), (e) => e instanceof BeamletError && e.code === 'ENOMEM');
      }
      assert.equal(await rt.eval('1 + 1'), 2);
    });
  });
}

test('Runtime.create: a seed a double does not hold exactly is refused', async () => {
  await assert.rejects(Runtime.create({ mode: 'single', seed: 2n ** 60n }), TypeError);
  await assert.rejects(Runtime.create({ mode: 'single', seed: -1 }), TypeError);
  const rt = await Runtime.create({ mode: 'single', seed: 2 ** 53 - 1 });
  await rt.stop();
});

describe('determinism and traces', () => {
  const script = `parent = self()
Enum.each(1..5, fn i -> spawn(fn -> send(parent, {:n, i * i}) end) end)
total = Enum.reduce(1..5, 0, fn _, acc ->
  receive do
    {:n, v} -> acc + v
  end
end)
Process.send_after(self(), :tick, 50)
receive do
  :tick -> IO.puts("total #{total}")
end
`;
  for (const mode of ['single', 'threads']) {
    test(`deterministic ${mode}: identical event logs on repeated runs`, async () => {
      const logs = [];
      for (let i = 0; i < 2; i++) {
        const rt = await Runtime.create({ mode, deterministic: true, seed: 42, trace: true });
        const out = [];
        rt.on('output', (e) => out.push(e.text));
        assert.equal(await rt.run(script, { file: 'det.exs' }), atom('normal'));
        assert.deepEqual(out, ['total 55\n']);
        const lines = rt.exportTrace();
        await rt.stop();
        assert.ok(lines.split('\n').length > 20, lines);
        logs.push(lines);
      }
      assert.equal(logs[0], logs[1]);
      const evs = logs[0].trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(evs[0].type, 'header');
      assert.equal(evs[0].extra, 2); // TRACE_VERSION
      assert.ok(evs.every((e) => e.v === 2));
      // sched_out carries each process's reductions so far and its memory
      const outs = evs.filter((e) => e.type === 'sched_out');
      assert.ok(outs.length > 0);
      const reds = new Map();
      for (const e of outs) {
        assert.ok([0, 1, 2].includes(e.extra), JSON.stringify(e));
        assert.equal(e.other, null);
        assert.ok(Number.isInteger(e.memory) && e.memory >= 300 && e.memory < 1e6, JSON.stringify(e));
        assert.ok(Number.isInteger(e.reductions) && e.reductions >= (reds.get(e.pid) ?? 0), JSON.stringify(e));
        reds.set(e.pid, e.reductions);
      }
      for (const t of ['spawn', 'send', 'receive', 'exit', 'output']) assert.ok(evs.some((e) => e.type === t), t);
      // sched_in carries the scheduler's run-queue length (others waiting)
      const ins = evs.filter((e) => e.type === 'sched_in');
      assert.ok(ins.every((e) => Number.isInteger(e.extra) && e.extra >= 0 && e.extra < 100));
      assert.ok(ins.some((e) => e.extra > 0), 'some process waited in the run queue');
    });
  }

  test('keepLog: false keeps nothing, listeners still see every event; traceDropped counts losses', async () => {
    const rt = await Runtime.create({ mode: 'single', trace: true, keepLog: false });
    let seen = 0;
    rt.on('event', () => seen++);
    await rt.run('me = self()\nEnum.each(1..200_000, fn i -> send(me, i) end)\nIO.puts("sent")');
    assert.deepEqual(rt.traceLog(), []);
    assert.equal(rt.exportTrace(), '');
    const dropped = rt.traceDropped();
    assert.ok(Number.isInteger(dropped) && dropped >= 0);
    // 200,000 sends and their scheduling: every one seen or counted lost
    assert.ok(seen + dropped > 200_000, `seen ${seen}, dropped ${dropped}`);
    await rt.stop();
  });

  test('threads mode: a flood is traced whole (a full ring waits for the reader)', async () => {
    const rt = await Runtime.create({ mode: 'threads', schedulers: 2, trace: true, keepLog: false });
    let sends = 0, receives = 0;
    rt.on('event', (e) => {
      if (e.type === 'send') sends++;
      else if (e.type === 'receive') receives++;
    });
    const src = `
      sink = spawn(fn -> Enum.each(1..300_000, fn _ -> receive do _ -> :ok end end) end)
      ref = Process.monitor(sink)
      Enum.each(1..3, fn k -> spawn(fn -> Enum.each(1..100_000, fn i -> send(sink, {k, i}) end) end) end)
      receive do {:DOWN, ^ref, _, _, _} -> IO.puts("done") end`;
    assert.equal(await rt.run(src), Symbol.for('normal'));
    await rt.stop();
    assert.equal(rt.traceDropped(), 0);
    assert.equal(sends, 300_000);
    assert.equal(receives, 300_000 + 1);
  });

  test('events() yields output and trace events', async () => {
    const rt = await Runtime.create({ mode: 'single', trace: true });
    const it = rt.events();
    const seen = [];
    const reader = (async () => {
      for await (const ev of it) seen.push(ev);
    })();
    await rt.run('IO.puts("x")');
    await rt.stop();
    await reader;
    assert.ok(seen.some((e) => e.type === 'output' && e.text === 'x\n'));
    assert.ok(seen.some((e) => e.type === 'spawn'));
  });
});
