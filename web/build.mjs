// web/build.mjs -- bundle the playground into build/web/ (a static folder
// that works from any host; see scripts/serve for the isolation headers).
//   node web/build.mjs [--out DIR] [--minify false]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(web);
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = path.resolve(outIdx >= 0 ? args[outIdx + 1] : path.join(root, 'build', 'web'));
fs.mkdirSync(out, { recursive: true });

// The runtime: the npm package's browser entry and its wasm builds, when
// they exist (node/ and build/em-*). Without them the page replays recorded
// traces only.
const nodeDir = path.join(root, 'node');
const browserEntry = ['browser.mjs', 'index.browser.mjs', 'browser.js', 'index.mjs'].find((f) => fs.existsSync(path.join(nodeDir, f)));
const entry = browserEntry ? `beamlet/${browserEntry}` : null;

const result = await esbuild.build({
  entryPoints: { 'beamlet-playground': path.join(web, 'src', 'element.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2020',
  minify: !args.includes('--no-minify'),
  sourcemap: false,
  loader: { '.exs': 'text', '.jsonl': 'text' },
  external: ['./beamlet/*'],
  define: { __BEAMLET_RUNTIME__: JSON.stringify(entry) },
  metafile: true,
  logLevel: 'warning',
});

for (const f of ['index.html', 'embed-demo.html']) fs.copyFileSync(path.join(web, f), path.join(out, f));
fs.mkdirSync(path.join(out, 'examples'), { recursive: true });
for (const f of fs.readdirSync(path.join(web, 'examples'))) fs.copyFileSync(path.join(web, 'examples', f), path.join(out, 'examples', f));

const pkgDir = path.join(out, 'beamlet');
fs.rmSync(pkgDir, { recursive: true, force: true });
if (browserEntry) {
  fs.cpSync(nodeDir, pkgDir, { recursive: true, filter: (s) => !s.includes('node_modules') });
  if (browserEntry !== 'browser.mjs') fs.writeFileSync(path.join(pkgDir, 'browser.mjs'), `export * from './${browserEntry}';\n`);
  console.log(`build:web: runtime from node/${browserEntry}`);
  fs.writeFileSync(path.join(out, 'runtime.json'), JSON.stringify({ available: true, entry }) + '\n');
  // the playground autoplays a live run: fetch the package's modules and the
  // single-threaded wasm in parallel with the bundle instead of one after another
  const mods = [entry, ...fs.readdirSync(path.join(nodeDir, 'src')).filter((f) => f.endsWith('.mjs')).map((f) => `beamlet/src/${f}`), 'beamlet/wasm/beamlet-single.mjs'];
  const links = mods.map((m) => `<link rel="modulepreload" href="./${m}">`).join('\n') +
    '\n<link rel="preload" href="./beamlet/wasm/beamlet-single.wasm" as="fetch" type="application/wasm" crossorigin>\n';
  const index = path.join(out, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('</head>', links + '</head>'));
} else {
  fs.writeFileSync(path.join(out, 'runtime.json'), JSON.stringify({ available: false }) + '\n');
  console.log('build:web: node/ has no browser entry yet: the page replays recorded traces only');
}

const bytes = Object.entries(result.metafile.outputs).reduce((n, [, o]) => n + o.bytes, 0);
console.log(`build:web: ${out} (${(bytes / 1024).toFixed(1)} kB of JavaScript)`);
