// Prepended to the Emscripten ES-module output (TOOLCHAIN.md quirk 4): the
// generated loader still uses require/__dirname on Node.
var require, __filename, __dirname;
if (typeof process === 'object' && process.versions && process.versions.node) {
  const { createRequire } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  const { dirname } = await import('node:path');
  require = createRequire(import.meta.url);
  __filename = fileURLToPath(import.meta.url);
  __dirname = dirname(__filename);
}
