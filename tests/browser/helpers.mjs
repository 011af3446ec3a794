// helpers.mjs -- start the static server and a headless Chromium.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from '../../web/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let built = false;
export function buildWeb() {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'web/build.mjs'), '--out', path.join(ROOT, 'build/web')], { stdio: 'pipe' });
  built = true;
}

export async function serve(isolation) {
  const server = createServer({ dir: path.join(ROOT, 'build/web'), isolation });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

export async function browser() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beamlet-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { ctx, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Open a page and collect console errors and page errors. */
export async function open(ctx, url) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, requests };
}

export const hasChromium = fs.existsSync(CHROMIUM);

/**
 * A test file's setup: build the page, serve it with the isolation headers
 * (env.iso) and, with { plain: true }, without them (env.plain), and start
 * Chromium (env.ctx); all closed after the file's tests.
 */
export function setup({ plain = false } = {}) {
  const env = { iso: null, plain: null, ctx: null };
  let b = null;
  before(async () => {
    assert.ok(hasChromium, 'no /usr/bin/chromium (scripts/bootstrap installs it)');
    buildWeb();
    env.iso = await serve(true);
    if (plain) env.plain = await serve(false);
    b = await browser();
    env.ctx = b.ctx;
  });
  after(async () => {
    await b?.close();
    await env.iso?.close();
    await env.plain?.close();
  });
  return env;
}
