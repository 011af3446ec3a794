#!/usr/bin/env node
// beamlet -- the command-line runner of the npm package, a twin of the
// native CLI (core/cli/main.c): same output, same exit status.
//
//   beamlet run FILE.exs [--schedulers N] [--deterministic] [--seed N]
//                        [--trace out.jsonl] [--mode auto|threads|single]
//   beamlet --version | --help
//
// Exit status: 0 the main process ended normally, 1 it crashed (the error
// on stderr), 2 a usage error or an unreadable file, 3 a compile error.
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { Runtime } from '../index.mjs';

const VERSION = '0.1.0';
const EXIT_USAGE = 2;
const EXIT_COMPILE = 3;
const usage = `usage: beamlet run FILE.exs [options] [-- args...]
       beamlet --version

options:
  --schedulers N     number of scheduler threads (default: one per core)
  --deterministic    one scheduler, virtual time, same events every run
  --seed N           seed for :rand and deterministic scheduling
  --trace FILE       write the event trace as JSON lines (schema: README)
  --mode MODE        auto (default), threads or single
`;

// The script's name as `elixir` shows it (in errors, in an inspected fn):
// relative to the working directory when it lies under it.
function nameFromCwd(file) {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function usageError(msg) {
  process.stderr.write(`beamlet: ${msg} (see 'beamlet --help')\n`);
  return EXIT_USAGE;
}

function count(s) {
  return /^[0-9]+$/.test(s || '') ? Number(s) : -1;
}

async function cmdRun(args) {
  const opts = { mode: 'auto', schedulers: 0, deterministic: false, seed: 0, trace: false };
  let file = null;
  let traceOut = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--schedulers') {
      const v = count(args[++i]);
      if (v < 1 || v > 64) return usageError('--schedulers needs a number from 1 to 64');
      opts.schedulers = v;
    } else if (a === '--seed') {
      const v = count(args[++i]);
      if (v < 0 || !Number.isSafeInteger(v)) return usageError('--seed needs a non-negative number');
      opts.seed = v;
    } else if (a === '--deterministic') {
      opts.deterministic = true;
    } else if (a === '--trace') {
      traceOut = args[++i];
      if (!traceOut) return usageError('--trace needs a file name');
      opts.trace = true;
    } else if (a === '--mode') {
      const m = args[++i];
      if (!['auto', 'threads', 'single'].includes(m)) return usageError('--mode needs auto, threads or single');
      opts.mode = m;
    } else if (a.startsWith('-') && a.length > 1) {
      return usageError(`unknown option '${a}'`);
    } else if (!file) {
      file = a;
    } else {
      break; // the rest are the script's arguments: System.argv()
    }
  }
  if (!file) return usageError('run needs a file to run');
  const argv = args.slice(i);
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`beamlet: cannot read ${file}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}\n`);
    return EXIT_USAGE;
  }
  const rt = await Runtime.create(opts);
  // the bytes as written: the CLI's output, invalid UTF-8 included
  rt.on('output', (ev) => (ev.fd === 2 ? process.stderr : process.stdout).write(ev.bytes));
  let status;
  try {
    await rt.run(source, { file: nameFromCwd(file), argv });
    status = rt.exitStatus();
  } catch (e) {
    if (e && e.code === 'ECOMPILE') {
      process.stderr.write(`${e.message}\n`);
      status = EXIT_COMPILE;
    } else {
      process.stderr.write(`beamlet: ${e && e.message ? e.message : e}\n`);
      status = 1;
    }
  }
  if (traceOut) writeFileSync(traceOut, rt.exportTrace());
  await rt.stop();
  return status;
}

async function main(argv) {
  if (argv.length < 1) {
    process.stderr.write(usage);
    return EXIT_USAGE;
  }
  const cmd = argv[0];
  if (cmd === '--version' || cmd === 'version') {
    process.stdout.write(`beamlet ${VERSION}\n`);
    return 0;
  }
  if (cmd === '--help' || cmd === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (cmd === 'run') return cmdRun(argv.slice(1));
  return usageError(`unknown command '${cmd}'`);
}

process.exitCode = await main(process.argv.slice(2));
