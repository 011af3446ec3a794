// record-examples.mjs -- re-record web/examples/*.jsonl, the deterministic
// runs (seed 1, one scheduler, virtual time) the page replays where the
// runtime cannot load, with the npm package's CLI (event schema v2).
//   node web/tools/record-examples.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(path.dirname(web), 'node', 'bin', 'beamlet.mjs');
const dir = path.join(web, 'examples');
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.exs')).sort()) {
  const out = path.join(dir, f.replace(/\.exs$/, '.jsonl'));
  try {
    execFileSync(process.execPath, [bin, 'run', path.join(dir, f), '--mode', 'single', '--deterministic', '--seed', '1', '--trace', out], { stdio: 'ignore' });
  } catch { /* the crash example exits with status 1; its trace is written all the same */ }
  console.log(`${out}: ${fs.readFileSync(out, 'utf8').trim().split('\n').length} events`);
}
