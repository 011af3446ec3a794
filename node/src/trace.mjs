// trace.mjs -- decode the runtime's event records (core/src/trace.h,
// TRACE_VERSION 2) into plain, JSON-ready event objects. The event schema
// (version 2, documented in node/README.md):
//
//   { v: 2, seq, type, time_ns, sched, pid, other, extra, text }
//   sched_out events add { reductions, memory }
//
// type: "header" | "spawn" | "exit" | "send" | "receive" | "register" |
// "unregister" | "link" | "unlink" | "monitor" | "demonitor" | "down" |
// "sched_in" | "sched_out" | "output" | "exit_signal"; pid and other are
// "#PID<0.N.S>" strings (other: null when none); sched is the scheduler id
// or "host"; extra is the per-type number of trace.h; text the rendered
// message/reason/name/output. Version 2 added reductions and memory to
// sched_out and the run-queue length (extra) to sched_in; a version 1
// reader that ignores unknown fields reads it.

export const TRACE_VERSION = 2;
export const EVENT_SCHEMA_VERSION = 2;

const TYPES = [
  null, 'header', 'spawn', 'exit', 'send', 'receive', 'register', 'unregister', 'link', 'unlink',
  'monitor', 'demonitor', 'down', 'sched_in', 'sched_out', 'output', 'exit_signal',
];

const dec = new TextDecoder('utf-8', { ignoreBOM: true }); // a leading U+FEFF is text

export function pidString(word) {
  if (!word) return null;
  const w = BigInt.asUintN(64, word);
  return `#PID<0.${Number((w >> 6n) & 0xffffffn)}.${Number(w >> 30n)}>`;
}

/** Decode `len` bytes of records from a Uint8Array; calls fn(event) each. */
export function decodeRecords(bytes, len, seqStart, fn) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  let off = 0;
  let seq = seqStart;
  while (off + 40 <= len) {
    const size = view.getUint32(off, true);
    if (size < 40 || off + size > len) break;
    const type = view.getUint16(off + 4, true);
    const sched = view.getUint16(off + 6, true);
    const time = view.getBigUint64(off + 8, true);
    const pid = view.getBigUint64(off + 16, true);
    const other = view.getBigUint64(off + 24, true);
    const extra = view.getBigUint64(off + 32, true);
    const text = size > 40 ? dec.decode(bytes.subarray(off + 40, off + size)) : '';
    const t = TYPES[type] || `type${type}`;
    const ev = {
      v: EVENT_SCHEMA_VERSION,
      seq: seq++,
      type: t,
      time_ns: Number(time),
      sched: sched === 0xffff ? 'host' : sched,
      pid: t === 'header' ? null : pidString(pid),
      other: t === 'header' ? Number(other) : pidString(other),
      extra: Number(extra),
      text,
    };
    if (t === 'sched_out') {
      // other = memory in bytes, extra = cause | reductions << 8
      ev.other = null;
      ev.extra = Number(extra & 0xffn);
      ev.reductions = Number(extra >> 8n);
      ev.memory = Number(other);
    }
    fn(ev);
    off += (size + 7) & ~7;
  }
  return seq;
}
