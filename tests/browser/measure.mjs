// measure.mjs -- page weight (gzip), time to the first process drawn, and
// frames per second with 200, 2,000 and 10,000 processes animating
// (synthetic traces: a ring of processes passing messages).
// Run by hand: node tests/browser/measure.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildWeb, serve, browser, open, ROOT } from './helpers.mjs';

buildWeb();
const dir = path.join(ROOT, 'build/web');
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
const files = fs.readdirSync(dir).filter((f) => /\.(js|html)$/.test(f));
let total = 0;
for (const f of files) { const n = gz(f); total += n; console.log(`${f}: ${fs.statSync(path.join(dir, f)).size} B, ${n} B gzip`); }
console.log(`page weight (all JS + HTML, gzip): ${(total / 1024).toFixed(1)} kB`);
const embedOnly = gz('beamlet-playground.js') + gz('embed-demo.html');
console.log(`embed without the editor chunk (gzip): ${(embedOnly / 1024).toFixed(1)} kB`);

function ring(n, rounds) {
  const P = (i) => `#PID<0.${i}.0>`;
  const L = [JSON.stringify({ type: 'header', time: 0, scheduler: -1, other: 1, extra: 1, text: 'beamlet' })];
  let t = 0;
  L.push(JSON.stringify({ type: 'spawn', time: t, scheduler: 0, pid: P(0), other: null, extra: 0, text: '' }));
  for (let i = 1; i <= n; i++) L.push(JSON.stringify({ type: 'spawn', time: t, scheduler: 0, pid: P(i), other: P(Math.floor((i - 1) / 8)), extra: 0, text: '' }));
  for (let r = 0; r < rounds; r++) for (let i = 1; i <= n; i++) {
    t += 1000;
    L.push(JSON.stringify({ type: 'send', time: t, scheduler: 0, pid: P(i), other: P((i % n) + 1), extra: 0, text: `{:token, ${r}}` }));
  }
  return L.join('\n') + '\n';
}

const s = await serve(true);
const b = await browser();
fs.mkdirSync(path.join(dir, 'bench'), { recursive: true });
// time to first process: the playground page autoplays the first example
{
  const { page } = await open(b.ctx, s.url);
  const ms = await page.evaluate(() => new Promise((res) => {
    const el = document.querySelector('beamlet-playground');
    const done = () => res(el.firstProcessAt);
    if (el.firstProcessAt) done(); else el.addEventListener('firstprocess', done, { once: true });
  }));
  console.log(`navigation → first process drawn: ${ms.toFixed(0)} ms`);
  await page.close();
}
for (const n of [200, 2000, 10000]) {
  fs.writeFileSync(path.join(dir, 'bench', `ring${n}.jsonl`), ring(n, n >= 10000 ? 2 : 5));
  fs.writeFileSync(path.join(dir, 'bench', `ring${n}.html`), `<!doctype html><meta charset=utf-8><link rel=icon href="data:,"><script type=module src="../beamlet-playground.js"></script>
<beamlet-playground trace="ring${n}.jsonl" views="graph,console,controls,mailbox,lanes" height="800" speed="16"></beamlet-playground>`);
  const { page } = await open(b.ctx, `${s.url}bench/ring${n}.html`);
  await page.waitForFunction(() => document.querySelector('beamlet-playground').log.ended, null, { timeout: 60000 });
  const r = await page.evaluate(async (n) => {
    const el = document.querySelector('beamlet-playground');
    // jump past the spawns: every process exists, messages fly
    el.seek(n + 2); el.player.setSpeed(16); el.play();
    await new Promise((r) => setTimeout(r, 300));
    const f0 = el.frames; let frames = 0; const t0 = performance.now(); let worst = 0; let last = t0;
    await new Promise((res) => { const tick = (t) => { frames++; worst = Math.max(worst, t - last); last = t; if (t - t0 < 3000) requestAnimationFrame(tick); else res(); }; requestAnimationFrame(tick); });
    const dt = performance.now() - t0;
    return { fps: (frames * 1000) / dt, drawn: ((el.frames - f0) * 1000) / dt, worst, procs: el.graph.drawnProcesses };
  }, n);
  console.log(`${n} processes: ${r.fps.toFixed(1)} fps (rAF), ${r.drawn.toFixed(1)} redraws/s, worst frame ${r.worst.toFixed(0)} ms, ${r.procs} drawn`);
  await page.close();
}
await b.close(); await s.close();
