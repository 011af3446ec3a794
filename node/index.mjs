// beamlet -- the BEAM's process model in WebAssembly. See README.md.
export { Runtime } from './src/runtime.mjs';
export { BeamletError } from './src/errors.mjs';
export { Tuple, Pid, Ref, Float, ImproperList, Opaque, atom, atomName, encodeTerm, decodeTerm, inspect } from './src/terms.mjs';
export { TRACE_VERSION, EVENT_SCHEMA_VERSION } from './src/trace.mjs';
export { threadsAvailable } from './src/loader.mjs';
