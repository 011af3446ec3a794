// loader.mjs -- pick and instantiate one of the two wasm builds.
//
// 'threads' (beamlet-threads.*) needs SharedArrayBuffer (and, in a page,
// cross-origin isolation); 'single' (beamlet-single.*) runs anywhere. The
// build is imported dynamically, so the threaded files are never fetched
// where they cannot run. On Node the .wasm bytes are read here and handed
// over as wasmBinary (TOOLCHAIN.md quirk 3: the generated loader's fetch()
// of a file path fails there).

export const isNode = typeof process === 'object' && !!(process.versions && process.versions.node);

/** Can the threaded build run here? */
export function threadsAvailable() {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  if (isNode) return true;
  return globalThis.crossOriginIsolated === true;
}

const bytesCache = new Map();

async function wasmBytes(mode) {
  if (!bytesCache.has(mode)) {
    const { readFile } = await import('node:fs/promises');
    bytesCache.set(mode, readFile(new URL(`../wasm/beamlet-${mode}.wasm`, import.meta.url)));
  }
  return bytesCache.get(mode);
}

/** Instantiate the build for mode ('threads' | 'single'); resolves with the Emscripten module. */
export async function loadModule(mode) {
  if (mode !== 'threads' && mode !== 'single') throw new TypeError(`unknown build ${mode}`);
  const url = new URL(`../wasm/beamlet-${mode}.mjs`, import.meta.url);
  const { default: factory } = await import(url.href);
  const opts = {
    print: () => {}, // the library never writes to stdio: output is an event
    printErr: () => {},
  };
  if (isNode) opts.wasmBinary = await wasmBytes(mode);
  return factory(opts);
}
