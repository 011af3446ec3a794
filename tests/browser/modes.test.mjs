// modes.test.mjs -- the "deterministic" switch (threads mode with several
// schedulers on an isolated page, the single-mode fallback elsewhere) and the
// live memory/reductions columns of the process table, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, setup } from './helpers.mjs';

const env = setup({ plain: true });

const waitFor = (page, fn, arg, timeout = 30000) => page.waitForFunction(fn, arg, { timeout });
// long enough (about half a second each in wasm) that the second
// scheduler, a Web Worker that may start late on a loaded machine, takes one
const BUSY = `busy = fn f, n -> if n == 0, do: :ok, else: f.(f, n - 1) end
me = self()
work = fn -> spawn(fn -> busy.(busy, 6_000_000); send(me, :done) end) end
work.()
work.()
receive do :done -> :ok end
receive do :done -> :ok end
IO.puts("both done")
`;

/** Turn "deterministic" off, pick n schedulers, run code to its end. */
async function runRealTime(page, code, n) {
  await waitFor(page, () => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.cm-editor'));
  await page.evaluate(({ code, n }) => {
    const e = document.querySelector('beamlet-playground'); const r = e.shadowRoot;
    r.querySelector('.determ').click();
    r.querySelector('.nsched').value = String(n);
    e.player.setSpeed(Infinity);
    e.setCode(code); r.querySelector('.run').click();
  }, { code, n });
  await waitFor(page, () => { const e = document.querySelector('beamlet-playground'); return e.log.ended && /both done/.test(e.shadowRoot.querySelector('.console').textContent); }, null, 60000);
  await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); e.seek(e.log.events.length); });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('deterministic off on the isolated page: threads mode, one busy lane per scheduler', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  // the control is visible and on by default
  assert.equal(await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.determ').checked), true);
  await runRealTime(page, BUSY, 2);
  const r = await page.evaluate(() => {
    const e = document.querySelector('beamlet-playground');
    const per = {};
    for (const x of e.log.events) if (x.type === 'sched_in') per[x.sched] = (per[x.sched] || 0) + 1;
    // pixels drawn in each scheduler lane of the scheduler view
    const c = e.shadowRoot.querySelector('canvas.lanes');
    const dpr = devicePixelRatio || 1; const H = c.getBoundingClientRect().height;
    const laneH = Math.min(26, (H - 34) / 2);
    const ctx = c.getContext('2d');
    const inked = [0, 1].map((s) => {
      const y = Math.round((6 + s * laneH + laneH / 2) * dpr);
      const row = ctx.getImageData(Math.round(44 * dpr), y, c.width - Math.round(50 * dpr), 1).data;
      let n = 0; for (let i = 3; i < row.length; i += 4) if (row[i] > 0) n++;
      return n;
    });
    return { mode: e.runMode, msg: e.shadowRoot.querySelector('.msg').textContent, schedulers: e.log.schedulers, per, inked,
      queues: [0, 1].map((s) => (e.log.schedQ[s] || []).length) };
  });
  assert.equal(r.mode, 'threads', JSON.stringify(r));
  assert.equal(r.schedulers, 2);
  // each lane has its run-queue samples (from its sched_in events)
  assert.ok(r.queues.every((k) => k >= 2), JSON.stringify(r));
  assert.ok(r.per[0] > 0 && r.per[1] > 0, `both schedulers ran processes: ${JSON.stringify(r.per)}`);
  assert.ok(r.inked[0] > 0 && r.inked[1] > 0, `both lanes show activity: ${r.inked}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('deterministic off without isolation: single mode, and the page says so', async () => {
  const { page, errors } = await open(env.ctx, env.plain.url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  await waitFor(page, () => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.cm-editor'));
  await page.evaluate((code) => {
    const e = document.querySelector('beamlet-playground'); const r = e.shadowRoot;
    r.querySelector('.determ').click(); r.querySelector('.nsched').value = '2';
    e.player.setSpeed(Infinity); e.setCode(code); r.querySelector('.run').click();
  }, BUSY);
  await waitFor(page, () => /cross-origin-isolated/.test(document.querySelector('beamlet-playground').shadowRoot.querySelector('.msg').textContent) || document.querySelector('beamlet-playground').log.ended);
  const r = await page.evaluate(() => ({ mode: document.querySelector('beamlet-playground').runMode, msg: document.querySelector('beamlet-playground').shadowRoot.querySelector('.msg').textContent }));
  assert.equal(r.mode, 'single');
  await waitFor(page, () => document.querySelector('beamlet-playground').log.ended, null, 60000);
  assert.match(await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.msg').textContent), /1 scheduler: several need a cross-origin-isolated page/);
  assert.equal(await page.evaluate(() => document.querySelector('beamlet-playground').log.schedulers), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('memory and reductions in the process table follow the replay, also stepping back', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  await waitFor(page, () => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.examples'));
  await page.evaluate(() => { const sel = document.querySelector('beamlet-playground').shadowRoot.querySelector('.examples'); sel.value = 'server'; sel.dispatchEvent(new Event('change')); });
  await waitFor(page, () => { const e = document.querySelector('beamlet-playground'); return e.log.ended && e.log.events.length > 0; });
  const row = (i) => page.evaluate(async (i) => {
    const e = document.querySelector('beamlet-playground');
    e.seek(i); e.showTab('table');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const tr = [...e.shadowRoot.querySelectorAll('.ptable tbody tr')].find((t) => t.dataset.pid === '#PID<0.0.0>');
    const td = tr.querySelectorAll('td');
    return { memory: td[4].textContent, reductions: td[5].textContent };
  }, i);
  const outs = await page.evaluate(() => document.querySelector('beamlet-playground').log.events
    .filter((e) => e.type === 'sched_out' && e.pid === '#PID<0.0.0>').map((e) => ({ i: e.i, reductions: e.reductions, memory: e.memory })));
  assert.ok(outs.length >= 2 && outs.every((o) => Number.isFinite(o.reductions) && Number.isFinite(o.memory)), JSON.stringify(outs));
  const first = outs[0]; const last = outs[outs.length - 1];
  assert.ok(last.reductions > first.reductions, 'reductions grow');
  // before main was first scheduled out: no figures yet
  assert.deepEqual(await row(first.i), { memory: '—', reductions: '—' });
  const a = await row(first.i + 1);
  assert.equal(a.reductions, first.reductions.toLocaleString('en'));
  assert.match(a.memory, /\d+(\.\d)? (B|kB|MB)/);
  const z = await row(last.i + 1);
  assert.equal(z.reductions, last.reductions.toLocaleString('en'));
  // step back: the earlier figures come back
  assert.deepEqual(await row(first.i + 1), a);
  assert.deepEqual(errors, []);
  await page.close();
});
