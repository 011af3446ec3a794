// term.js -- parse an Elixir term typed in the page (the send control) into
// the JS values the beamlet package sends: atoms are Symbol.for(name),
// tuples Tuple, pids Pid, strings binaries, lists arrays, maps Map.
// Supported: integers, floats, atoms (:a, :"a b", true/false/nil), strings,
// charlists-free lists, [a: 1] keyword lists, tuples, maps %{k => v, k: v},
// pids #PID<0.N.S> / <0.N.S>.

/** The term word of a pid "#PID<0.N.S>" or "<0.N.S>" (core/src/term.h make_pid). */
export function pidWord(text) {
  const m = /^\s*(?:#PID)?<0\.(\d+)\.(\d+)>\s*$/.exec(text);
  if (!m) return null;
  return ((((BigInt(m[2]) << 24n) | BigInt(m[1])) << 6n) | 0x07n);
}

export function parseTerm(src, { Tuple, Pid, Float }) {
  let i = 0;
  const err = (msg) => { throw new SyntaxError(`${msg} at column ${i + 1}`); };
  const ws = () => { while (i < src.length && /\s/.test(src[i])) i++; };
  const eat = (s) => { ws(); if (src.startsWith(s, i)) { i += s.length; return true; } return false; };
  const expect = (s) => { if (!eat(s)) err(`expected ${s}`); };
  const str = () => {
    i++; let out = '';
    while (i < src.length && src[i] !== '"') {
      if (src[i] === '\\') { i++; const c = src[i++]; out += c === 'n' ? '\n' : c === 't' ? '\t' : c; } else out += src[i++];
    }
    if (src[i] !== '"') err('unterminated string');
    i++; return out;
  };
  const seq = (close, item) => {
    const xs = [];
    if (eat(close)) return xs;
    do { xs.push(item()); } while (eat(','));
    expect(close);
    return xs;
  };
  const keyword = () => { // `name: value` inside lists and maps
    ws();
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*[?!]?):\s/.exec(src.slice(i));
    if (!m) return null;
    i += m[1].length + 1;
    return Symbol.for(m[1]);
  };
  const value = () => {
    ws();
    const c = src[i];
    if (c === undefined) err('unexpected end');
    if (c === '{') { i++; return Tuple.of(...seq('}', value)); }
    if (c === '[') {
      i++;
      return seq(']', () => { const k = keyword(); return k ? Tuple.of(k, value()) : value(); });
    }
    if (src.startsWith('%{', i)) {
      i += 2;
      const m = new Map();
      seq('}', () => { const k = keyword(); if (k) { m.set(k, value()); return null; } const key = value(); expect('=>'); m.set(key, value()); return null; });
      return m;
    }
    if (c === '"') return str();
    if (c === ':') {
      i++;
      if (src[i] === '"') return Symbol.for(str());
      const m = /^[a-zA-Z_][a-zA-Z0-9_@]*[?!]?/.exec(src.slice(i));
      if (!m) err('bad atom');
      i += m[0].length; return Symbol.for(m[0]);
    }
    const pm = /^(?:#PID)?<0\.\d+\.\d+>/.exec(src.slice(i));
    if (pm) { i += pm[0].length; return new Pid(pidWord(pm[0])); }
    const nm = /^-?\d[\d_]*(\.\d+(?:[eE][-+]?\d+)?)?/.exec(src.slice(i));
    if (nm) {
      i += nm[0].length;
      const t = nm[0].replace(/_/g, '');
      if (nm[1]) return Float ? new Float(Number(t)) : Number(t);
      const n = BigInt(t);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    const w = /^(true|false|nil)\b/.exec(src.slice(i));
    if (w) { i += w[0].length; return w[0] === 'nil' ? null : w[0] === 'true'; }
    const alias = /^[A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (alias) { i += alias[0].length; return Symbol.for(`Elixir.${alias[0]}`); }
    return err(`cannot read the term`);
  };
  const v = value();
  ws();
  if (i < src.length) err('unexpected text after the term');
  return v;
}

/** A send target: a pid ("#PID<0.3.0>", "<0.3.0>") or a registered name (":kv" or "kv"). */
export function parseTarget(text, { Pid }) {
  const t = String(text || '').trim();
  if (!t) throw new SyntaxError('no target: type a pid or a :name');
  const w = pidWord(t);
  if (w !== null) return new Pid(w);
  const m = /^:?"?([^"\s]+)"?$/.exec(t);
  if (!m) throw new SyntaxError(`not a pid or a name: ${t}`);
  return m[1];
}
