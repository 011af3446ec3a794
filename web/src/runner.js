// runner.js -- live runs through the npm package's browser entry.
//
// The package (node/) is copied next to the bundle as ./beamlet/ by
// web/build.mjs; it is imported only when a live run is asked for, so a
// replay never fetches WebAssembly. The threaded build is chosen only when
// the page is cross-origin isolated (the package's own feature check).
import { normalize } from './events.js';
import { parseTerm, parseTarget } from './term.js';

let modPromise = null;
/* global __BEAMLET_RUNTIME__ */
// web/build.mjs defines __BEAMLET_RUNTIME__ (the package entry next to the
// bundle, or null) so the page needs no extra request to know; without the
// define (another bundler), runtime.json says the same.
const BUILT_ENTRY = typeof __BEAMLET_RUNTIME__ !== 'undefined' ? __BEAMLET_RUNTIME__ : undefined;
export function loadPackage(base) {
  if (!modPromise && BUILT_ENTRY !== undefined) {
    modPromise = BUILT_ENTRY === null ? Promise.reject(new Error('the runtime is not part of this build'))
      : import(/* webpackIgnore: true */ new URL(BUILT_ENTRY, base).href);
  }
  if (!modPromise) {
    // runtime.json (written by web/build.mjs) says whether the package was
    // built next to the bundle, so a page without it makes no failing request.
    modPromise = fetch(new URL('runtime.json', base)).then((r) => r.json()).then((m) => {
      if (!m.available) throw new Error('the runtime is not part of this build');
      return import(/* webpackIgnore: true */ new URL(m.entry || 'beamlet/browser.mjs', base).href);
    });
  }
  return modPromise;
}

/**
 * Start a live run. onEvents(normalizedEvents, runtimeDropped) is called as
 * events arrive (batched: one call per burst the runtime delivers), onDone(status)
 * once. deterministic (default): one scheduler, seeded, virtual time. Not
 * deterministic: real time, and the threaded build with `schedulers` Web
 * Workers when the page is cross-origin isolated (else one scheduler).
 * Returns {stop, send, kill, snapshot, mode, schedulers}.
 */
export async function startRun(base, code, { seed = 1, schedulers = 0, deterministic = true, onEvents, onDone, onError }) {
  const mod = await loadPackage(base);
  const threads = !deterministic && mod.threadsAvailable(); // SharedArrayBuffer: an isolated page
  // the page keeps its own bounded log: the runtime keeps none (keepLog)
  const rt = await mod.Runtime.create({
    mode: threads ? 'threads' : 'single', deterministic, seed, trace: true, keepLog: false,
    schedulers: threads ? Math.max(1, schedulers || 2) : 0,
  });
  // events arrive one by one while the runtime drains its trace buffers:
  // hand them over in one batch per burst
  let buf = [];
  let queued = false;
  const flush = () => {
    queued = false;
    const evs = buf;
    buf = [];
    if (evs.length) onEvents(evs, rt.traceDropped());
  };
  rt.on('event', (raw) => {
    const ev = normalize(raw);
    if (ev) buf.push(ev);
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
  });
  let stopped = false;
  (async () => {
    try {
      const res = await rt.run(code);
      flush();
      if (!stopped) onDone?.(res);
    } catch (e) {
      flush();
      onError?.(e);
    }
  })();
  return {
    mode: rt.mode,
    schedulers: rt.schedulers || 1,
    stop: async () => { stopped = true; buf = []; await rt.stop(); },
    // send(":kv" | "<0.3.0>", "{:put, :a, 1}"): both typed as Elixir text.
    send: (target, term) => {
      const value = typeof term === 'string' ? parseTerm(term, mod) : term;
      rt.send(parseTarget(target, mod), value);
    },
    // kill("#PID<0.3.0>", ":kill"): an exit signal from the host, as
    // Process.exit(pid, reason)
    kill: async (pid, reason) => {
      const target = parseTarget(pid, mod);
      if (!(target instanceof mod.Pid)) throw new Error(`not a pid: ${pid}`);
      const value = typeof reason === 'string' ? parseTerm(reason.trim() || ':kill', mod) : reason ?? Symbol.for('kill');
      rt.exit(target, value);
    },
    snapshot: () => rt.snapshot(),
  };
}
