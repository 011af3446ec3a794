// pack.test.mjs -- the npm package as a user gets it, and clean exits:
//   - `npm pack`, then `npm install` of the tarball in an empty folder, then
//     `import { Runtime } from 'beamlet'` runs a script (single and threads)
//     and `npx beamlet run` works;
//   - a program that forgets rt.stop() still exits by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = ['single', 'threads'].every((m) => existsSync(join(root, 'node', 'wasm', `beamlet-${m}.wasm`)));
const tiny = 'parent = self()\nIO.puts("hello")\nspawn(fn -> send(parent, 3) end)\nreceive do\n  n -> IO.puts("got #{n}")\nend\n';

function node(args, cwd, timeout = 30_000) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return r;
}

test('a program that forgets stop() exits by itself (both modes)', { skip: !built && 'run scripts/build em-single em-threads' }, () => {
  for (const mode of ['single', 'threads']) {
    const prog = `import { Runtime } from ${JSON.stringify(join(root, 'node', 'index.mjs'))};
const rt = await Runtime.create({ mode: '${mode}', schedulers: 2 });
rt.on('output', (e) => process.stdout.write(e.text));
rt.spawnHandler(() => {}, { name: 'idle_js' });
await rt.run(${JSON.stringify(tiny)});
`;
    const t0 = Date.now();
    const r = node(['--input-type=module', '-e', prog], root, 20_000);
    assert.equal(r.signal, null, `${mode}: killed after ${Date.now() - t0} ms (still alive)`);
    assert.equal(r.status, 0, `${mode}: ${r.stderr}`);
    assert.equal(r.stdout, 'hello\ngot 3\n', mode);
  }
});

test('npm pack, install the tarball in an empty folder, import and npx beamlet', { skip: !built && 'run scripts/build em-single em-threads', timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'beamlet-pack-'));
  try {
    const p = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(p.status, 0, p.stderr);
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, 'no tarball');
    const app = join(dir, 'app');
    spawnSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","type":"module"}\n');
    const i = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tgz)], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    assert.equal(i.status, 0, i.stderr);
    writeFileSync(join(app, 'tiny.exs'), tiny);
    for (const mode of ['single', 'threads']) {
      writeFileSync(join(app, 'main.mjs'), `import { Runtime } from 'beamlet';
const rt = await Runtime.create({ mode: '${mode}' });
rt.on('output', (e) => process.stdout.write(e.text));
const reason = await rt.run(${JSON.stringify(tiny)});
await rt.stop();
console.log(rt.mode, String(reason.description));
`);
      const r = node(['main.mjs'], app);
      assert.equal(r.stdout, `hello\ngot 3\n${mode} normal\n`, r.stderr);
    }
    const x = spawnSync('npx', ['--offline', 'beamlet', 'run', 'tiny.exs'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    assert.equal(x.stdout, 'hello\ngot 3\n', x.stderr);
    assert.equal(x.status, 0);
    // types are shipped
    assert.ok(existsSync(join(app, 'node_modules', 'beamlet', 'node', 'index.d.ts')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
