// web/serve.mjs -- a static server for build/web on 127.0.0.1.
//   node web/serve.mjs [--port N] [--dir DIR] [--no-isolation]
// By default every response carries the cross-origin-isolation headers
// (COOP same-origin, COEP require-corp, CORP same-origin) so the threaded
// runtime can use SharedArrayBuffer; --no-isolation serves the same files
// as a plain static host would (the single-threaded path).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const dir = path.resolve(opt('--dir', path.join(root, 'build', 'web')));
const port = Number(opt('--port', process.env.PORT || 8080));
const isolation = !args.includes('--no-isolation');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.exs': 'text/plain; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

export function createServer({ dir: d = dir, isolation: iso = isolation } = {}) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(d, p);
    if (!file.startsWith(d)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const headers = { 'Cache-Control': 'no-cache' };
    if (iso) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' });
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain', ...headers }); res.end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', ...headers });
      res.end(data);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = createServer();
  server.listen(port, '127.0.0.1', () => {
    const a = server.address();
    console.log(`beamlet playground: http://127.0.0.1:${a.port}/  (embed demo: http://127.0.0.1:${a.port}/embed-demo.html)`);
    console.log(isolation ? 'cross-origin isolated (threaded runtime available); Ctrl+C to stop' : 'no isolation headers (single-threaded runtime); Ctrl+C to stop');
  });
}
