// events.js -- the one place that knows the wire shape of runtime events.
//
// Everything else in web/ consumes normalized events:
//   { type, time, sched, pid, other, extra, text }
// type  : 'spawn' | 'exit' | 'send' | 'receive' | 'register' | 'unregister' |
//         'link' | 'unlink' | 'monitor' | 'demonitor' | 'down' | 'sched_in' |
//         'sched_out' | 'output' | 'exit_signal' | 'header'
// time  : nanoseconds since the runtime started (virtual in deterministic mode)
// sched : scheduler id (-1: host)
// pid, other : "#PID<0.N.S>" strings or null
// The fields mirror core/src/trace.h (format v1). Sources: a JSON-lines trace
// (one object per line), already-decoded objects, or binary records as
// beamlet_trace_read returns them.

export const TYPE_NAMES = [
  '', 'header', 'spawn', 'exit', 'send', 'receive', 'register', 'unregister', 'link',
  'unlink', 'monitor', 'demonitor', 'down', 'sched_in', 'sched_out', 'output', 'exit_signal',
];
const TYPE_SET = new Set(TYPE_NAMES.slice(1));

/** Format the term word of a pid as the runtime prints it. */
export function pidString(word) {
  if (word === null || word === undefined || word === 0 || word === 0n) return null;
  if (typeof word === 'string') return word.startsWith('#PID<') ? word : `#PID<${word.replace(/^<|>$/g, '')}>`;
  const w = BigInt(word);
  const slot = (w >> 6n) & 0xFFFFFFn;
  const serial = w >> 30n;
  return `#PID<0.${slot}.${serial}>`;
}

function num(v) {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return typeof v === 'number' ? v : 0;
}

/** Normalize one decoded event object (several spellings accepted). */
export function normalize(o) {
  if (!o || typeof o !== 'object') return null;
  // fast path: the npm package's own events (schema v1/v2), already clean
  if (o.v && o.time_ns !== undefined && typeof o.type === 'string' && TYPE_SET.has(o.type) && o.type !== 'header') {
    const ev = { type: o.type, time: o.time_ns, sched: o.sched === 'host' ? -1 : o.sched, pid: o.pid, other: o.other, extra: o.extra, text: o.text };
    if (o.type === 'sched_out' && o.reductions !== undefined) { ev.reductions = o.reductions; ev.memory = o.memory; }
    return ev;
  }
  let type = o.type ?? o.ev ?? o.event;
  if (typeof type === 'number') type = TYPE_NAMES[type];
  if (typeof type !== 'string') return null;
  type = type.toLowerCase().replace(/^tr_/, '');
  if (!TYPE_SET.has(type)) return null;
  const time = o.time_ns !== undefined ? num(o.time_ns)
    : o.time !== undefined ? num(o.time)
    : o.t !== undefined ? num(o.t) : o.time_ms !== undefined ? num(o.time_ms) * 1e6 : 0;
  let sched = o.scheduler ?? o.sched ?? o.s ?? 0;
  if (sched === 0xFFFF || sched === 'host' || sched === null) sched = -1;
  const pid = type === 'header' ? null : pidString(o.pid);
  const other = type === 'header' ? null : pidString(o.other);
  const ev = {
    type, time, sched: num(sched) || (sched === -1 ? -1 : 0), pid, other,
    extra: num(o.extra ?? 0), text: o.text ?? o.data ?? o.message ?? o.reason ?? o.name ?? '',
  };
  if (type === 'header') ev.schedulers = num(o.schedulers ?? o.other ?? 1);
  // schema v2: sched_out carries the process's reductions and memory
  if (type === 'sched_out' && o.reductions !== undefined) { ev.reductions = num(o.reductions); ev.memory = num(o.memory); }
  return ev;
}

/** Parse a JSON-lines trace into normalized events. Unknown lines are skipped. */
export function parseJsonLines(text) {
  const out = [];
  let meta = null;
  for (const line of text.split('\n')) {
    const s = line.trim();
    if (!s) continue;
    let o;
    try { o = JSON.parse(s); } catch { continue; }
    if (o && (o.schema || o.beamlet_trace || o.version) && !o.type) { meta = o; continue; }
    const ev = normalize(o);
    if (ev) out.push(ev);
  }
  return { meta, events: out };
}

/** Decode binary trace records (trace.h v1 or v2) from an ArrayBuffer/Uint8Array.
 * version: the trace format when the stream does not start with its header. */
export function decodeRecords(bytes, version = 2) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const td = new TextDecoder();
  const out = [];
  let off = 0;
  while (off + 40 <= u8.length) {
    const size = dv.getUint32(off, true);
    if (size < 40 || off + size > u8.length) break;
    const o = {
      type: dv.getUint16(off + 4, true),
      scheduler: dv.getUint16(off + 6, true),
      time: dv.getBigUint64(off + 8, true),
      pid: dv.getBigUint64(off + 16, true),
      other: dv.getBigUint64(off + 24, true),
      extra: dv.getBigUint64(off + 32, true),
      text: td.decode(u8.subarray(off + 40, off + size)),
    };
    if (o.type === 1) version = Number(o.extra);
    if (o.type === 14 && version >= 2) { // v2: other = memory, extra = cause | reductions << 8
      o.memory = o.other; o.reductions = o.extra >> 8n; o.extra &= 0xFFn; o.other = 0n;
    }
    const ev = normalize(o);
    if (ev) out.push(ev);
    off = (off + size + 7) & ~7;
  }
  return out;
}

/** Serialize events as JSON lines in the npm package's event schema v2
 * (node/src/trace.mjs): {v, seq, type, time_ns, sched, pid, other, extra,
 * text} (+ reductions, memory on sched_out). The page's own aggregate
 * records (type 'summary') are not part of the schema and are left out. */
export function toJsonLines(events) {
  let seq = 0;
  return events.filter((e) => TYPE_SET.has(e.type)).map((e) => {
    const o = {
      v: 2, seq: seq++, type: e.type, time_ns: e.time, sched: e.sched === -1 ? 'host' : e.sched,
      pid: e.pid, other: e.type === 'header' ? (e.schedulers ?? 1) : e.other, extra: e.extra, text: e.text,
    };
    if (e.reductions !== undefined) { o.reductions = e.reductions; o.memory = e.memory; }
    return JSON.stringify(o);
  }).join('\n') + '\n';
}
