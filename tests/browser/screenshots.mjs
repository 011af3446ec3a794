// screenshots.mjs -- save current screenshots of the main views into
// docs/screenshots/ (run by hand: node tests/browser/screenshots.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { buildWeb, serve, browser, open, ROOT } from './helpers.mjs';

const outDir = path.join(ROOT, 'docs', 'screenshots');
fs.mkdirSync(outDir, { recursive: true });
buildWeb();
const s = await serve(true);
const b = await browser();

async function shot(name, { example, seekPred, select, tab, theme = 'light', url = '' }) {
  const { page } = await open(b.ctx, s.url + url);
  if (example) {
    await page.waitForFunction(() => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.cm-editor'));
    await page.evaluate(({ example, theme }) => {
      const el = document.querySelector('beamlet-playground');
      el.setAttribute('theme', theme);
      const sel = el.shadowRoot.querySelector('.examples'); sel.value = example; sel.dispatchEvent(new Event('change'));
    }, { example, theme });
    await page.waitForFunction(() => document.querySelector('beamlet-playground').log.ended);
    await page.evaluate(({ seekPred, select, tab }) => {
      const el = document.querySelector('beamlet-playground');
      el.pause();
      const f = new Function('e', `return (${seekPred})(e)`);
      const i = el.log.events.findIndex((e) => f(e));
      el.seek(i < 0 ? el.log.events.length : i + 0.45);
      if (select) el.select(select);
      if (tab) el.showTab(tab);
    }, { seekPred: seekPred.toString(), select, tab });
  } else {
    await page.waitForTimeout(2500);
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, name + '.png') });
  console.log('saved', name);
  await page.close();
}

await shot('playground-registered', { example: 'registered', seekPred: (e) => e.type === 'send' && e.text.includes('{:get, :vm'), select: '#PID<0.1.0>', tab: 'mailbox' });
await shot('selective-receive', { example: 'selective', seekPred: (e) => e.type === 'receive' && e.text.includes(':hello'), select: '#PID<0.0.0>', tab: 'mailbox' });
await shot('crash-dark', { example: 'crash', seekPred: (e) => e.type === 'exit_signal' && e.other === '#PID<0.2.0>', select: '#PID<0.1.0>', tab: 'table', theme: 'dark' });
await shot('sequence', { example: 'async', seekPred: (e) => e.type === 'output' && e.text.includes('query 5'), tab: 'sequence' });
await shot('embed-demo', { url: 'embed-demo.html' });
await b.close(); await s.close();
