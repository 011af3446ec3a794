// runner.js -- live runs through the npm package's browser entry.
//
// The package (node/) is copied next to the bundle as ./beamlet/ by
// web/build.mjs; it is imported only when a live run is asked for, so a
// replay never fetches WebAssembly. The threaded build is chosen only when
// the page is cross-origin isolated (the package's own feature check).
import { normalize, decodeRecords } from './events.js';
import { parseTerm, parseTarget } from './term.js';

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
    // send(":kv" | "<0.3.0>", "{:put, :a, 1}"): both typed as Elixir text.
    send: (target, term) => {
      const value = typeof term === 'string' ? parseTerm(term, mod) : term;
      rt.send(parseTarget(target, mod), value);
    },
    // kill(pid, ":kill"): the package has no exit/2 from the host, so a
    // helper process links to the target and exits with the reason; the
    // link carries the exit signal (a trapping target gets {:EXIT, _, reason}).
    kill: async (pid, reason) => {
      if (rt.exit) return rt.exit(pid, reason);
      const target = parseTarget(pid, mod);
      if (!(target instanceof mod.Pid)) throw new Error(`not a pid: ${pid}`);
      const value = typeof reason === 'string' ? parseTerm(reason || ':kill', mod) : reason;
      return new Promise((resolve, reject) => {
        const killer = rt.spawnHandler(async (_msg, ctx) => {
          try { await ctx.link(target); await ctx.exit(value); resolve(); } catch (e) { reject(e); }
        });
        rt.send(killer, Symbol.for('go'));
      });
    },
    snapshot: () => rt.snapshot?.(),
  };
}
