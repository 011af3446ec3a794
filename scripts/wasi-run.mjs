// wasi-run.mjs -- run a WASI command module (.wasm) under node:wasi.
//
//   node --no-warnings scripts/wasi-run.mjs prog.wasm [args...]
//
// argv[0] of the module is the .wasm file's base name; stdin/stdout/stderr are
// the host's. "/" is preopened (whole host file system: this is a developer's
// runner, not a sandbox) and the host's working directory is passed in
// BEAMLET_WASI_CWD, which cmake/wasi-cwd.c (linked into every WASI executable
// of this build) makes the module's current directory, so relative and
// absolute paths on the command line name the same files as on the host.
// The module's exit code becomes this process's exit code; a trap exits 134.
// Used as ctest's emulator for the wasi variant and by scripts/corpus.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import process from 'node:process';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: wasi-run.mjs module.wasm [args...]\n');
  process.exit(2);
}

const preopens = { '/': '/' };

const wasi = new WASI({
  version: 'preview1',
  args: [basename(file), ...args],
  env: { ...process.env, BEAMLET_WASI_CWD: process.cwd() },
  preopens,
  returnOnExit: true,
});

let code;
try {
  const module = await WebAssembly.compile(await readFile(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (err) {
  process.stderr.write(`wasi-run: ${file}: ${err && err.stack ? err.stack : err}\n`);
  code = 134;
}
process.exitCode = code ?? 0;
