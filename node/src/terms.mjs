// terms.mjs -- Elixir terms <-> JavaScript values, through BTF (the binary
// term format of core/src/host.c). The mapping (also in node/README.md):
//
//   Elixir                     JavaScript (runtime -> JS)    JS -> runtime also accepts
//   integer                    number (BigInt beyond 2^53)   bigint (64-bit range)
//   float                      number                        new Float(x) (forces a float)
//   true / false / nil         true / false / null
//   other atoms                Symbol.for(name)  (atom(name) makes one)
//   binary (valid UTF-8)       string
//   binary (other bytes)       Uint8Array                    Buffer
//   list                       Array
//   improper list              ImproperList {items, tail}
//   tuple                      Tuple (Tuple.of(a, b), t.elements, t[i])
//   map                        Map                           plain object: atom keys
//   pid                        Pid                           (only pids of the current world)
//   reference                  Ref
//   fun                        Opaque (its inspect text)     never (TypeError)
//
// A JS number that is an integer becomes an integer, any other finite
// number a float: a float with an integral value (2.0) comes back as the
// number 2 and goes in again as an integer unless wrapped in Float.
// undefined, functions, non-registered symbols, NaN, infinities, cycles,
// nesting deeper than MAX_DEPTH and objects of other classes throw a
// TypeError; integers beyond 64 bits throw a RangeError. A pid of an
// earlier world of the runtime throws a BeamletError (ESTATE).

import { BeamletError } from './errors.mjs';

export const MAX_DEPTH = 400;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A tuple: `Tuple.of(1, 2)`; elements in `.elements`, also `t[0]`. */
export class Tuple {
  constructor(elements = []) {
    if (!Array.isArray(elements)) throw new TypeError('Tuple: elements must be an array');
    this.elements = elements;
    for (let i = 0; i < elements.length; i++) {
      Object.defineProperty(this, i, { get: () => this.elements[i], enumerable: false });
    }
  }
  static of(...elements) {
    return new Tuple(elements);
  }
  get length() {
    return this.elements.length;
  }
  [Symbol.iterator]() {
    return this.elements[Symbol.iterator]();
  }
  toString() {
    return `{${this.elements.map(inspect).join(', ')}}`;
  }
}

/** A process identifier. `String(pid)` is "#PID<0.N.S>". */
export class Pid {
  // world: the runtime world the pid came from (not enumerable); a pid of
  // an earlier world names no process of the current one
  constructor(word, world) {
    if (typeof word !== 'bigint') throw new TypeError('Pid: expects the bigint word');
    this.word = word;
    if (world !== undefined) Object.defineProperty(this, 'world', { value: world });
  }
  get id() {
    return Number((this.word >> 6n) & 0xffffffn);
  }
  get serial() {
    return Number(this.word >> 30n);
  }
  equals(other) {
    return other instanceof Pid && other.word === this.word;
  }
  toString() {
    return `#PID<0.${this.id}.${this.serial}>`;
  }
  toJSON() {
    return this.toString();
  }
}

/** A reference (make_ref/0, monitors, timers). */
export class Ref {
  constructor(id) {
    if (typeof id !== 'bigint') throw new TypeError('Ref: expects a bigint id');
    this.id = id;
  }
  equals(other) {
    return other instanceof Ref && other.id === this.id;
  }
  toString() {
    return `#Reference<0.0.0.${this.id}>`;
  }
  toJSON() {
    return this.toString();
  }
}

/** Forces a float: `new Float(2)` is 2.0, not the integer 2. */
export class Float {
  constructor(value) {
    if (typeof value !== 'number') throw new TypeError('Float: expects a number');
    this.value = value;
  }
  valueOf() {
    return this.value;
  }
}

/** A list whose last tail is not []: `[1 | 2]` is new ImproperList([1], 2). */
export class ImproperList {
  constructor(items, tail) {
    if (!Array.isArray(items) || items.length === 0) throw new TypeError('ImproperList: needs at least one item');
    this.items = items;
    this.tail = tail;
  }
}

/** A value JS cannot hold (a fun): its inspect text. */
export class Opaque {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/** The atom `name` as a JS value: Symbol.for(name) (true/false/null for those). */
export function atom(name) {
  if (typeof name !== 'string') throw new TypeError('atom: expects a string');
  if (name === 'true') return true;
  if (name === 'false') return false;
  if (name === 'nil') return null;
  return Symbol.for(name);
}

/** The name of an atom value, or undefined when v is no atom. */
export function atomName(v) {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null) return 'nil';
  if (typeof v === 'symbol') return Symbol.keyFor(v);
  return undefined;
}

const utf8 = new TextEncoder();
const utf8dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // a leading U+FEFF is text

function describe(v) {
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return `${String(v)} (not made with Symbol.for)`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return `an object of class ${v.constructor ? v.constructor.name : 'null'}`;
  return typeof v;
}

// ---- encoding (JS -> BTF) ----

class Writer {
  constructor() {
    this.buf = new Uint8Array(256);
    this.view = new DataView(this.buf.buffer);
    this.n = 0;
  }
  room(k) {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  tag(c) {
    this.room(1);
    this.buf[this.n++] = c.charCodeAt(0);
  }
  u32(v) {
    this.room(4);
    this.view.setUint32(this.n, v, true);
    this.n += 4;
  }
  i64(v) {
    this.room(8);
    this.view.setBigInt64(this.n, v, true);
    this.n += 8;
  }
  u64(v) {
    this.room(8);
    this.view.setBigUint64(this.n, v, true);
    this.n += 8;
  }
  f64(v) {
    this.room(8);
    this.view.setFloat64(this.n, v, true);
    this.n += 8;
  }
  bytes(c, b) {
    this.tag(c);
    this.u32(b.length);
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  result() {
    return this.buf.subarray(0, this.n);
  }
}

function encodeAtom(w, name) {
  const b = utf8.encode(name);
  if (b.length > 255) throw new TypeError(`atom name longer than 255 bytes: ${name.slice(0, 40)}...`);
  w.bytes('a', b);
}

function enc(w, v, depth, seen) {
  if (depth > MAX_DEPTH) throw new TypeError(`term nested deeper than ${MAX_DEPTH} levels`);
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`${v} has no Elixir equivalent (NaN and infinities are not numbers there)`);
      if (Number.isInteger(v)) {
        if (!Number.isSafeInteger(v) && (v < -(2 ** 63) || v >= 2 ** 63)) throw new RangeError(`integer ${v} does not fit in 64 bits`);
        w.tag('i');
        w.i64(BigInt(v));
      } else {
        w.tag('f');
        w.f64(v);
      }
      return;
    case 'bigint':
      if (v < INT64_MIN || v > INT64_MAX) throw new RangeError(`integer ${v} does not fit in 64 bits`);
      w.tag('i');
      w.i64(v);
      return;
    case 'boolean':
      encodeAtom(w, v ? 'true' : 'false');
      return;
    case 'string':
      w.bytes('b', utf8.encode(v));
      return;
    case 'symbol': {
      const name = Symbol.keyFor(v);
      if (name === undefined) throw new TypeError(`cannot send ${describe(v)}: atoms are Symbol.for(name)`);
      encodeAtom(w, name);
      return;
    }
    case 'object':
      break;
    default:
      throw new TypeError(`cannot send ${describe(v)} to the runtime`);
  }
  if (v === null) {
    encodeAtom(w, 'nil');
    return;
  }
  if (v instanceof Uint8Array) {
    w.bytes('b', v);
    return;
  }
  if (v instanceof Float) {
    if (!Number.isFinite(v.value)) throw new TypeError(`${v.value} has no Elixir equivalent`);
    w.tag('f');
    w.f64(v.value);
    return;
  }
  if (v instanceof Pid) {
    if (w.world && v.world && v.world !== w.world) throw new BeamletError('ESTATE', stalePid(v));
    w.tag('p');
    w.u64(v.word);
    return;
  }
  if (v instanceof Ref) {
    w.tag('r');
    w.u64(BigInt.asUintN(64, v.id));
    return;
  }
  if (seen.has(v)) throw new TypeError('cannot send a cyclic structure');
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        w.tag('n');
      } else {
        w.tag('l');
        w.u32(v.length);
        for (let i = 0; i < v.length; i++) enc(w, v[i], depth + 1, seen);
        w.tag('n');
      }
    } else if (v instanceof ImproperList) {
      w.tag('l');
      w.u32(v.items.length);
      for (const x of v.items) enc(w, x, depth + 1, seen);
      enc(w, v.tail, depth + 1, seen);
    } else if (v instanceof Tuple) {
      w.tag('t');
      w.u32(v.elements.length);
      for (const x of v.elements) enc(w, x, depth + 1, seen);
    } else if (v instanceof Map) {
      w.tag('m');
      w.u32(v.size);
      for (const [k, x] of v) {
        enc(w, k, depth + 1, seen);
        enc(w, x, depth + 1, seen);
      }
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`cannot send ${describe(v)} to the runtime`);
      const keys = Object.keys(v);
      w.tag('m');
      w.u32(keys.length);
      for (const k of keys) {
        encodeAtom(w, k);
        enc(w, v[k], depth + 1, seen);
      }
    }
  } finally {
    seen.delete(v);
  }
}

/** Encode a JS value as BTF bytes (throws TypeError/RangeError on bad values). */
/** Encode v; world (the runtime's current one) rejects pids of earlier ones. */
export function encodeTerm(v, world) {
  const w = new Writer();
  w.world = world;
  enc(w, v, 0, new Set());
  return w.result();
}

export function stalePid(pid) {
  return `${pid} is a pid of an earlier run: its process is gone (each run() and eval() starts a new world)`;
}

// ---- decoding (BTF -> JS) ----

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.n = 0;
  }
  need(k) {
    if (this.n + k > this.b.length) throw new Error('BTF: truncated term');
  }
  u32() {
    this.need(4);
    const x = this.v.getUint32(this.n, true);
    this.n += 4;
    return x;
  }
  raw(k) {
    this.need(k);
    const s = this.b.subarray(this.n, this.n + k);
    this.n += k;
    return s;
  }
}

function dec(r) {
  r.need(1);
  const tag = String.fromCharCode(r.b[r.n++]);
  switch (tag) {
    case 'i': {
      r.need(8);
      const x = r.v.getBigInt64(r.n, true);
      r.n += 8;
      return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
    }
    case 'f': {
      r.need(8);
      const x = r.v.getFloat64(r.n, true);
      r.n += 8;
      return x;
    }
    case 'a':
      return atom(utf8dec.decode(r.raw(r.u32())));
    case 'b': {
      const bytes = r.raw(r.u32());
      try {
        return utf8dec.decode(bytes);
      } catch {
        return new Uint8Array(bytes);
      }
    }
    case 'n':
      return [];
    case 'l': {
      const n = r.u32();
      const items = new Array(n);
      for (let i = 0; i < n; i++) items[i] = dec(r);
      const tail = dec(r);
      if (Array.isArray(tail) && tail.length === 0) return items;
      if (Array.isArray(tail)) return items.concat(tail); // cannot happen from C
      return new ImproperList(items, tail);
    }
    case 't': {
      const n = r.u32();
      const items = new Array(n);
      for (let i = 0; i < n; i++) items[i] = dec(r);
      return new Tuple(items);
    }
    case 'm': {
      const n = r.u32();
      const m = new Map();
      for (let i = 0; i < n; i++) {
        const k = dec(r);
        m.set(k, dec(r));
      }
      return m;
    }
    case 'p': {
      r.need(8);
      const x = r.v.getBigUint64(r.n, true);
      r.n += 8;
      return new Pid(x, r.world);
    }
    case 'r': {
      r.need(8);
      const x = r.v.getBigUint64(r.n, true);
      r.n += 8;
      return new Ref(x);
    }
    case 'F':
      return new Opaque(utf8dec.decode(r.raw(r.u32())));
    default:
      throw new Error(`BTF: unknown tag ${tag}`);
  }
}

/** Decode BTF bytes (a copy or a view; not kept) into a JS value; its pids
 * belong to world (the runtime's, if given). */
export function decodeTerm(bytes, world) {
  const r = new Reader(bytes);
  r.world = world;
  const v = dec(r);
  if (r.n !== bytes.length) throw new Error('BTF: trailing bytes');
  return v;
}

/** A short Elixir-like rendering of a decoded value (for messages and tests). */
export function inspect(v) {
  if (v === null) return 'nil';
  if (typeof v === 'symbol') return `:${Symbol.keyFor(v) ?? '?'}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(inspect).join(', ')}]`;
  if (v instanceof Map) return `%{${[...v].map(([k, x]) => `${inspect(k)} => ${inspect(x)}`).join(', ')}}`;
  if (v instanceof ImproperList) return `[${v.items.map(inspect).join(', ')} | ${inspect(v.tail)}]`;
  return String(v);
}
