// runner.js -- live runs through the npm package's browser entry.
//
// The package (node/) is copied next to the bundle as ./beamlet/ by
// web/build.mjs; it is imported only when a live run is asked for, so a
// replay never fetches WebAssembly. The threaded build is chosen only when
// the page is cross-origin isolated (the package's own feature check).
import { normalize, decodeRecords } from './events.js';

let modPromise = null;
export function loadPackage(base) {
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
 * Start a live run. onEvents(normalizedEvents) is called as events arrive,
 * onDone(status) once. Returns {stop, send, kill, snapshot, mode}.
 */
export async function startRun(base, code, { seed = 1, schedulers = 0, deterministic = true, onEvents, onDone, onError }) {
  const mod = await loadPackage(base);
  const Runtime = mod.Runtime || mod.default?.Runtime;
  if (!Runtime) throw new Error('the beamlet package has no Runtime export');
  const threads = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
  const rt = await Runtime.create({
    mode: threads && !deterministic ? 'threads' : 'single', deterministic, seed, trace: true,
    schedulers: schedulers || undefined,
  });
  const push = (raw) => {
    const list = Array.isArray(raw) ? raw : raw instanceof Uint8Array || raw instanceof ArrayBuffer ? decodeRecords(raw) : [raw];
    const evs = list.map(normalize).filter(Boolean);
    if (evs.length) onEvents(evs);
  };
  if (typeof rt.on === 'function') rt.on('event', push);
  else if (typeof rt.onEvent === 'function') rt.onEvent(push);
  let stopped = false;
  (async () => {
    try {
      const res = await rt.run(code);
      if (!stopped) onDone?.(res);
    } catch (e) {
      onError?.(e);
    }
  })();
  return {
    mode: rt.mode || (threads ? 'threads' : 'single'),
    stop: async () => { stopped = true; await rt.stop?.(); },
    send: (target, term) => rt.send(target, term),
    kill: (pid, reason) => (rt.exit ? rt.exit(pid, reason) : rt.kill?.(pid, reason)),
    snapshot: () => rt.snapshot?.(),
  };
}
