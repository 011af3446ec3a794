// The command-line runners the Node tests drive: the native CLI and the
// WASI one under node:wasi. Each: {name, file (must exist), argv(args) ->
// [command, arguments]}.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const clis = [
  {
    name: 'native',
    file: join(root, 'build', 'native', 'beamlet'),
    argv: (args) => [join(root, 'build', 'native', 'beamlet'), args],
  },
  {
    name: 'wasi',
    file: join(root, 'build', 'wasi', 'beamlet.wasm'),
    argv: (args) => [
      process.execPath,
      ['--no-warnings', join(root, 'scripts', 'wasi-run.mjs'), join(root, 'build', 'wasi', 'beamlet.wasm'), ...args],
    ],
  },
];
