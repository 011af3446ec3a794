// playground.test.mjs -- the playground and <beamlet-playground> in headless
// Chromium (Debian's chromium driven by playwright-core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, setup } from './helpers.mjs';

const env = setup({ plain: true });

/** Load an example's code and run it (live when the runtime is built, else
 * its recorded trace), then jump to the end of the story. */
async function runExample(page, id) {
  await page.waitForFunction(() => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.examples'));
  await page.evaluate(async (id) => {
    const el = document.querySelector('beamlet-playground');
    const sel = el.shadowRoot.querySelector('.examples');
    sel.value = id; sel.dispatchEvent(new Event('change'));
  }, id);
  await page.waitForFunction(() => { const el = document.querySelector('beamlet-playground'); return el.log.ended && el.log.events.length > 0; }, null, { timeout: 20000 });
  return page.evaluate(() => { const el = document.querySelector('beamlet-playground'); el.pause(); return el.log.events.length; });
}

async function seekTo(page, pred) {
  // seek to the first cursor where pred(event) holds for the event just applied
  return page.evaluate((src) => {
    const el = document.querySelector('beamlet-playground');
    const f = new Function('e', `return (${src})(e)`);
    const i = el.log.events.findIndex((e) => f(e));
    el.seek(i + 1);
    return i + 1;
  }, pred.toString());
}

const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

for (const mode of ['isolated', 'plain']) {
  test(`the page loads with no console errors (${mode})`, async () => {
    const { page, errors } = await open(env.ctx, (mode === 'isolated' ? env.iso : env.plain).url);
    await page.waitForFunction(() => document.querySelector('beamlet-playground')?.firstProcessAt > 0, null, { timeout: 20000 });
    const coi = await page.evaluate(() => crossOriginIsolated);
    assert.equal(coi, mode === 'isolated');
    await page.waitForFunction(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.cm-editor'));
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a seed example shows its processes, alias, mailbox counts and output', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  await runExample(page, 'registered');
  // just after the two puts were sent, before the server took them
  await seekTo(page, (e) => e.type === 'register');
  await page.evaluate(() => document.querySelector('beamlet-playground').showTab('registry'));
  await frame(page);
  let reg = await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.panel.registry').textContent);
  assert.match(reg, /:kv/);
  assert.match(reg, /<0\.1\.0>/);
  const counts = await page.evaluate(() => {
    const el = document.querySelector('beamlet-playground');
    const i = el.log.events.findIndex((e) => e.type === 'send' && e.text.includes(':vm'));
    el.seek(i + 1);
    const w = el.log.worldAt(el.player.cursor);
    return Object.fromEntries([...w.procs].map(([p, s]) => [p, s.mailbox.length]));
  });
  assert.ok(counts['#PID<0.1.0>'] >= 1, JSON.stringify(counts));
  await page.evaluate(() => document.querySelector('beamlet-playground').showTab('table'));
  await frame(page);
  const table = await page.evaluate(() => [...document.querySelector('beamlet-playground').shadowRoot.querySelectorAll('.ptable tbody tr')].map((tr) => tr.textContent));
  assert.equal(table.length, 2);
  assert.ok(table.some((r) => r.includes(':kv')));
  await page.evaluate(() => { const el = document.querySelector('beamlet-playground'); el.seek(el.log.events.length); });
  await frame(page);
  const out = await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.console').textContent);
  assert.match(out, /lang = Elixir/);
  assert.match(out, /vm = beamlet/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('selective receive leaves the skipped messages visibly queued', async () => {
  const { page } = await open(env.ctx, env.iso.url);
  await runExample(page, 'selective');
  await seekTo(page, (e) => e.type === 'receive' && e.text.includes(':high'));
  await page.evaluate(() => document.querySelector('beamlet-playground').select('#PID<0.0.0>'));
  await frame(page);
  const mb = await page.evaluate(() => {
    const p = document.querySelector('beamlet-playground').shadowRoot.querySelector('.panel.mailbox');
    return { items: [...p.querySelectorAll('li')].map((li) => ({ text: li.textContent, skipped: li.classList.contains('skipped') })), text: p.textContent };
  });
  assert.equal(mb.items.length, 3, JSON.stringify(mb));
  assert.match(mb.items[0].text, /\{:low, 1\}/);
  assert.match(mb.items[1].text, /\{:low, 2\}/);
  assert.ok(mb.items.every((i) => i.skipped));
  assert.match(mb.text, /Matched.*\{:high, :urgent\}.*clause 1/);
  await page.close();
});

test('a crash marks the process and fires the link', async () => {
  const { page } = await open(env.ctx, env.iso.url);
  await runExample(page, 'crash');
  await page.evaluate(() => { const el = document.querySelector('beamlet-playground'); el.seek(el.log.events.length); el.showTab('table'); });
  await frame(page);
  const st = await page.evaluate(() => {
    const el = document.querySelector('beamlet-playground');
    const rows = [...el.shadowRoot.querySelectorAll('.ptable tbody tr')].map((tr) => tr.textContent);
    return { rows, signals: el.log.events.filter((e) => e.type === 'exit_signal').map((e) => e.other), console: el.shadowRoot.querySelector('.console').textContent };
  });
  assert.ok(st.rows.some((r) => r.includes('<0.1.0>') && r.includes('crashed')), st.rows.join('\n'));
  assert.ok(st.rows.some((r) => r.includes('<0.2.0>') && r.includes('crashed')), 'the linked buddy died too');
  assert.deepEqual(st.signals.sort(), ['#PID<0.0.0>', '#PID<0.2.0>']);
  assert.match(st.console, /ArithmeticError/);
  assert.match(st.console, /worker exited: :badarith/);
  await page.close();
});

test('the embed works on a page without isolation headers and replays a trace without wasm', async () => {
  const { page, errors, requests } = await open(env.ctx, env.plain.url + 'embed-demo.html');
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  await page.waitForFunction(() => document.getElementById('crash').log.ended && document.getElementById('crash').player.cursor > 3, null, { timeout: 20000 });
  const r = await page.evaluate(() => {
    const el = document.getElementById('crash');
    el.seek(el.log.events.length);
    const w = el.log.worldAt(el.log.events.length);
    return { procs: w.procs.size, crashed: [...w.procs.values()].filter((p) => p.status === 'crashed').length };
  });
  assert.equal(r.procs, 3);
  assert.equal(r.crashed, 2);
  assert.ok(!requests.some((u) => u.endsWith('.wasm')), 'the trace replay fetched no WebAssembly');
  // the code embed shows its code's story when played
  await page.evaluate(() => document.getElementById('selective').run());
  await page.waitForFunction(() => document.getElementById('selective').log.events.length > 0 || /runtime/.test(document.getElementById('selective').shadowRoot.querySelector('.msg').textContent), null, { timeout: 20000 });
  assert.deepEqual(errors, []);
  await page.close();
});
