// model.js -- the process world, built only from the event log.
//
// The Log is append-only: live runs append as events arrive, a recorded
// trace is appended at once. Everything drawn is a function of (log, cursor):
// worldAt(c) is the state after applying events [0, c). Playback, step back
// and scrubbing just move the cursor. Facts that never change once known
// (layout slot, colour, spawn parent, which receive consumed which send, how
// a wait ended) are annotations computed at append time.

const CHECKPOINT_EVERY = 512;
// The log is bounded. Up to SOFT_CAP events every event is kept. After it,
// the high-volume kinds (send, receive, sched_in, sched_out) are folded into
// 'summary' records (per-process counts, statuses, hidden mailbox lengths;
// one per batch), while the rarer ones (spawn, exit, links, names, output...)
// are still kept. At HARD_CAP nothing more is kept: events are counted as
// dropped. The page says how many were aggregated and dropped.
export const SOFT_CAP = 150000;
const AGG = new Set(['send', 'receive', 'sched_in', 'sched_out']);
const SUMMARY_EVERY_MS = 100;

export class Log {
  constructor({ cap = SOFT_CAP } = {}) {
    this.events = [];
    this.procs = new Map(); // pid -> static info {pid, index, parent, opts, slot, depth, color, name, firstName}
    this.order = []; // pids in order of first appearance
    this.schedulers = 1;
    this.pendingSends = new Map(); // receiver -> {q: [send index], h: head} not yet received
    this.lastWait = new Map(); // pid -> index of its open wait (sched_out 1)
    this.sendsSinceWait = new Map(); // pid -> number of messages delivered since
    this.rows = []; // depth -> count of slots used
    this.listeners = new Set();
    this.ended = false;
    this.maxTime = 0;
    this.firstSpawn = -1; // index of the first spawn (the main process)
    this.qhist = []; // runnable processes after event i
    this.schedQ = []; // per scheduler: [event index, its run-queue length, ...] from sched_in
    this.schedQMax = 0;
    // indices for the views (so a frame never walks the whole log)
    this.consoleIdx = []; // output events and crash exits
    this.seqIdx = []; // sends, spawns, exit signals, downs
    this.segments = []; // scheduler runs {s, pid, from, to}, in order of `to`
    this.openSeg = new Map(); // sched -> {pid, from}
    // bounds
    this.cap = cap;
    this.hardCap = Math.round(cap * 4 / 3);
    this.seen = 0; // events offered to the log
    this.aggregated = 0; // folded into summaries
    this.dropped = 0; // not kept at all (log full)
    this.runtimeDropped = 0; // dropped by the runtime's trace rings (full)
    this.pending = null; // the summary being folded (not yet in events)
    this.pendingSince = 0;
    // the world at the end of the log, and checkpoints to seek back from
    this.head = new World();
    this.checkpoints = [new World()];
    this.nextCheckpoint = CHECKPOINT_EVERY;
  }

  onChange(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); }

  info(pid, parent = null) {
    let p = this.procs.get(pid);
    if (!p) {
      if (parent) this.info(parent);
      // ord: place in `order` (also the colour index)
      p = { pid, index: this.events.length, parent, opts: 0, depth: 0, slot: 0, ord: this.order.length,
        color: this.order.length, exitIndex: -1, reason: null, crashed: false, report: '', names: [] };
      this.procs.set(pid, p);
      this.order.push(pid);
      this.place(p);
    }
    return p;
  }

  place(p) {
    const parent = p.parent ? this.procs.get(p.parent) : null;
    p.depth = parent ? parent.depth + 1 : 0;
    p.slot = this.rows[p.depth] = (this.rows[p.depth] ?? -1) + 1;
  }

  /** Append decoded events (kept, folded or dropped as the caps say). */
  append(evs) {
    if (!evs.length) return;
    const before = this.events.length;
    for (const ev of evs) {
      this.seen++;
      if (this.events.length < this.cap) this.push(ev);
      else if (this.events.length >= this.hardCap) this.dropped++;
      else if (AGG.has(ev.type)) this.fold(ev);
      else { this.flush(); this.push(ev); }
    }
    if (this.pending && performance.now() - this.pendingSince >= SUMMARY_EVERY_MS) this.flush();
    if (this.events.length !== before || this.pending) for (const fn of this.listeners) fn();
  }

  /** Put the summary being folded into the log (call when a run ends). */
  flush() {
    const s = this.pending;
    if (!s) return;
    this.pending = null;
    if (this.events.length >= this.hardCap) { this.dropped += s.extra; this.aggregated -= s.extra; return; }
    for (const [sc, pid] of s.running) {
      if (pid !== null) this.openSeg.set(sc, { pid, from: this.events.length });
    }
    for (const [sc, pid] of s.ran) this.segments.push({ s: sc, pid, from: this.events.length, to: this.events.length + 1 });
    this.push(s);
  }

  push(ev) {
    this.annotate(ev);
    this.head.apply(ev, this);
    this.head.cursor = this.events.length;
    if (this.events.length >= this.nextCheckpoint) {
      // checkpoints cost about the world's size: space them so that their
      // total memory stays proportional to the log
      const w = this.head.clone();
      this.checkpoints.push(w);
      this.nextCheckpoint = this.events.length + Math.max(CHECKPOINT_EVERY, w.size());
    }
  }

  /** Fold one high-volume event into the pending summary. */
  fold(ev) {
    this.aggregated++;
    let s = this.pending;
    const idx = this.events.length; // the summary's index once flushed
    if (!s) {
      s = this.pending = { type: 'summary', time: ev.time, sched: -1, pid: null, other: null, extra: 0, text: '',
        delta: new Map(), removes: [], running: new Map(), ran: new Map() };
      this.pendingSince = performance.now();
    }
    s.extra++;
    if (ev.time > s.time) s.time = ev.time;
    const d = (pid) => { let x = s.delta.get(pid); if (!x) { this.info(pid); s.delta.set(pid, x = { q: 0, sent: 0, received: 0, runs: 0 }); } return x; };
    switch (ev.type) {
      case 'send': {
        d(ev.pid).sent++;
        if (ev.extra === 0 && ev.other) {
          const r = d(ev.other); r.q++;
          if (r.status === 'waiting') r.status = 'runnable'; else if (r.status === undefined) r.wake = true;
          this.sendsSinceWait.set(ev.other, (this.sendsSinceWait.get(ev.other) ?? 0) + 1);
        }
        break;
      }
      case 'receive': {
        const r = d(ev.pid); r.received++;
        const j = this.takeSend(ev.pid, ev.text);
        if (j >= 0) { s.removes.push(j); this.events[j].recvIndex = idx; } else r.q--;
        break;
      }
      case 'sched_in': {
        this.queueSample(ev.sched, idx, ev.extra);
        const r = d(ev.pid); r.status = 'running'; r.sched = ev.sched; r.runs++; r.wake = false;
        s.running.set(ev.sched, ev.pid); s.ran.set(ev.sched, ev.pid);
        const w = this.lastWait.get(ev.pid);
        if (w !== undefined) {
          const we = w === idx ? s : this.events[w];
          we.wakeIndex = idx; we.wakeTime = ev.time;
          we.wakeBy = (this.sendsSinceWait.get(ev.pid) ?? 0) > 0 ? 'message' : 'timer';
          this.lastWait.delete(ev.pid);
        }
        break;
      }
      case 'sched_out': {
        const r = d(ev.pid);
        if (s.running.get(ev.sched) === ev.pid) s.running.set(ev.sched, null);
        this.closeSeg(ev.sched, ev.pid, idx);
        r.status = ev.extra === 0 ? 'runnable' : ev.extra === 1 ? 'waiting' : 'exiting';
        if (ev.extra === 1) { this.lastWait.set(ev.pid, idx); this.sendsSinceWait.set(ev.pid, 0); }
        if (ev.reductions !== undefined) { r.reductions = ev.reductions; r.memory = ev.memory; }
        break;
      }
      default: break;
    }
  }

  /** The index of the recorded send to pid that a receive of text consumed (-1: none). */
  takeSend(pid, text) {
    const pq = this.pendingSends.get(pid);
    if (!pq) return -1;
    const { q } = pq;
    for (let k = pq.h; k < q.length; k++) {
      if (this.events[q[k]].text !== text) continue;
      const j = q[k];
      if (k === pq.h) { pq.h++; if (pq.h > 1024 && pq.h * 2 > q.length) { q.splice(0, pq.h); pq.h = 0; } } else q.splice(k, 1);
      return j;
    }
    return -1;
  }

  /** Scheduler sc's run queue held n processes at event i. */
  queueSample(sc, i, n) {
    if (typeof sc !== 'number' || sc < 0) return;
    const q = this.schedQ[sc] || (this.schedQ[sc] = []);
    const last = q.length - 1;
    if (last > 0 && q[last] === n) return; // unchanged
    q.push(i, n);
    if (n > this.schedQMax) this.schedQMax = n;
  }

  closeSeg(sc, pid, i) {
    const o = this.openSeg.get(sc);
    if (o && o.pid === pid) { this.segments.push({ s: sc, pid, from: o.from, to: i }); this.openSeg.delete(sc); }
  }

  annotate(ev) {
    const i = this.events.length;
    ev.i = i;
    this.events.push(ev);
    if (ev.time > this.maxTime) this.maxTime = ev.time;
    switch (ev.type) {
      case 'header': this.schedulers = ev.schedulers || 1; break;
      case 'spawn': {
        const p = this.info(ev.pid, ev.other);
        p.opts = ev.extra; p.index = i;
        if (this.firstSpawn < 0) this.firstSpawn = i;
        if (ev.other) this.seqIdx.push(i);
        break;
      }
      case 'send': {
        this.info(ev.pid);
        if (ev.other) { this.info(ev.other); this.seqIdx.push(i); }
        if (ev.extra === 0 && ev.other) {
          let pq = this.pendingSends.get(ev.other);
          if (!pq) this.pendingSends.set(ev.other, pq = { q: [], h: 0 });
          pq.q.push(i);
          this.sendsSinceWait.set(ev.other, (this.sendsSinceWait.get(ev.other) ?? 0) + 1);
        }
        break;
      }
      case 'down': case 'exit_signal':
        if (ev.other) this.info(ev.other);
        this.seqIdx.push(i);
        this.sendsSinceWait.set(ev.type === 'down' ? ev.pid : ev.other,
          (this.sendsSinceWait.get(ev.type === 'down' ? ev.pid : ev.other) ?? 0) + 1);
        break;
      case 'receive': {
        const j = this.takeSend(ev.pid, ev.text);
        if (j >= 0) { this.events[j].recvIndex = i; ev.sendIndex = j; }
        break;
      }
      case 'sched_out':
        this.closeSeg(ev.sched, ev.pid, i);
        if (ev.extra === 1) { this.lastWait.set(ev.pid, i); this.sendsSinceWait.set(ev.pid, 0); }
        break;
      case 'sched_in': {
        this.queueSample(ev.sched, i, ev.extra);
        this.openSeg.set(ev.sched, { pid: ev.pid, from: i });
        const w = this.lastWait.get(ev.pid);
        if (w !== undefined) {
          const we = this.events[w];
          we.wakeIndex = i;
          we.wakeTime = ev.time;
          we.wakeBy = (this.sendsSinceWait.get(ev.pid) ?? 0) > 0 ? 'message' : 'timer';
          this.lastWait.delete(ev.pid);
        }
        break;
      }
      case 'exit': {
        const p = this.info(ev.pid);
        p.exitIndex = i; p.reason = ev.text;
        p.crashed = !isNormalReason(ev.text);
        if (p.crashed) this.consoleIdx.push(i);
        this.pendingSends.delete(ev.pid);
        this.closeSeg(ev.sched, ev.pid, i);
        break;
      }
      case 'output': {
        this.consoleIdx.push(i);
        if (ev.extra === 2 && ev.pid) this.info(ev.pid).report += ev.text;
        break;
      }
      case 'register': {
        const p = this.info(ev.pid);
        if (!p.names.includes(ev.text)) p.names.push(ev.text);
        break;
      }
      case 'summary': break;
      default:
        if (ev.pid) this.info(ev.pid);
    }
  }

  /** The world after events [0, c). */
  worldAt(c) {
    c = Math.max(0, Math.min(this.events.length, Math.floor(c)));
    if (c === this.events.length) return this.head;
    if (this._cache && this._cache.cursor <= c && c - this._cache.cursor < CHECKPOINT_EVERY * 2) {
      this._cache.applyRange(this, this._cache.cursor, c);
      return this._cache;
    }
    // the last checkpoint at or before c
    const cps = this.checkpoints;
    let lo = 0; let hi = cps.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (cps[mid].cursor <= c) lo = mid; else hi = mid - 1; }
    const base = this._cache && this._cache.cursor <= c && this._cache.cursor > cps[lo].cursor ? this._cache : cps[lo].clone();
    base.applyRange(this, base.cursor, c);
    this._cache = base;
    return base;
  }

  /** How many of the sorted indices xs are below c. */
  static countBelow(xs, c) {
    let lo = 0; let hi = xs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < c) lo = mid + 1; else hi = mid; }
    return lo;
  }
}

export function isNormalReason(r) {
  return r === ':normal' || r === 'normal' || r === ':shutdown' || r === '';
}

export function shortPid(pid) {
  return pid ? pid.replace(/^#PID/, '') : '?';
}

export class World {
  constructor() {
    this.cursor = 0;
    this.procs = new Map(); // pid -> {status, mailbox: [{text, from, i, kind}], waitIndex, sched, runs}
    this.links = new Map(); // "a|b" (sorted) -> true
    this.monitors = new Map(); // "a|b|ref" -> {from, to}
    this.registry = new Map(); // name -> pid
    this.running = new Map(); // sched -> pid
    this.runnable = 0;
    this.alive = 0;
    this.lastReceive = new Map(); // pid -> receive event index (most recent)
    this.time = 0;
  }

  clone() {
    const w = new World();
    w.cursor = this.cursor;
    for (const [k, p] of this.procs) w.procs.set(k, { ...p, mailbox: p.mailbox.slice() });
    w.links = new Map(this.links);
    w.monitors = new Map(this.monitors);
    w.registry = new Map(this.registry);
    w.running = new Map(this.running);
    w.lastReceive = new Map(this.lastReceive);
    w.runnable = this.runnable;
    w.alive = this.alive;
    w.time = this.time;
    return w;
  }

  proc(pid) {
    let p = this.procs.get(pid);
    if (!p) {
      // hidden: messages queued but folded into summaries (not listed one by one)
      p = { pid, status: 'runnable', mailbox: [], hidden: 0, waitIndex: -1, sched: -1, runs: 0, received: 0, sent: 0, memory: null, reductions: null };
      this.procs.set(pid, p);
      this.alive++;
      this.runnable++;
    }
    return p;
  }

  /** Roughly what a clone costs: processes plus queued messages. */
  size() {
    let n = this.procs.size;
    for (const p of this.procs.values()) n += p.mailbox.length;
    return n;
  }

  /** Messages queued at p, listed or not. */
  static queued(p) { return p.mailbox.length + (p.hidden || 0); }

  setStatus(p, s) {
    if (p.status === s) return;
    if (p.status === 'runnable') this.runnable--;
    if (s === 'runnable') this.runnable++;
    p.status = s;
  }

  applyRange(log, from, to) {
    const evs = log.events;
    for (let i = from; i < to; i++) this.apply(evs[i], log);
    this.cursor = Math.max(this.cursor, to);
  }

  apply(ev, log) {
    this.time = ev.time;
    this.applyOne(ev, log);
    log.qhist[ev.i] = this.runnable;
  }

  applyOne(ev, log) {
    switch (ev.type) {
      case 'spawn': this.proc(ev.pid); break;
      case 'sched_in': {
        const p = this.proc(ev.pid);
        this.setStatus(p, 'running'); p.sched = ev.sched; p.runs++; p.waitIndex = -1;
        this.running.set(ev.sched, ev.pid);
        break;
      }
      case 'sched_out': {
        const p = this.proc(ev.pid);
        if (this.running.get(ev.sched) === ev.pid) this.running.delete(ev.sched);
        if (ev.reductions !== undefined) { p.reductions = ev.reductions; p.memory = ev.memory; }
        if (p.status === 'exited' || p.status === 'crashed') break;
        if (ev.extra === 0) this.setStatus(p, 'runnable');
        else if (ev.extra === 1) { this.setStatus(p, 'waiting'); p.waitIndex = ev.i; }
        else this.setStatus(p, 'exiting');
        break;
      }
      case 'send': {
        const s = this.proc(ev.pid); s.sent++;
        if (ev.extra !== 0 || !ev.other) break;
        const r = this.procs.get(ev.other);
        if (!r || r.status === 'exited' || r.status === 'crashed') break;
        r.mailbox.push({ text: ev.text, from: ev.pid, i: ev.i, kind: 'msg' });
        if (r.status === 'waiting') this.setStatus(r, 'runnable');
        break;
      }
      case 'down': {
        const r = this.proc(ev.pid);
        r.mailbox.push({ text: `{:DOWN, #Reference<0.0.0.${ev.extra}>, :process, ${ev.other}, ${ev.text}}`, from: ev.other, i: ev.i, kind: 'down' });
        if (r.status === 'waiting') this.setStatus(r, 'runnable');
        for (const [k, m] of this.monitors) if (m.to === ev.other && m.from === ev.pid) this.monitors.delete(k);
        break;
      }
      case 'exit_signal': {
        const r = this.procs.get(ev.other);
        if (r && !isNormalReason(ev.text) && r.status !== 'exited' && r.status !== 'crashed') {
          r.mailbox.push({ text: `{:EXIT, ${ev.pid}, ${ev.text}}`, from: ev.pid, i: ev.i, kind: 'exit' });
        }
        break;
      }
      case 'receive': {
        const p = this.proc(ev.pid);
        let k = ev.sendIndex !== undefined ? p.mailbox.findIndex((m) => m.i === ev.sendIndex) : -1;
        if (k < 0) k = p.mailbox.findIndex((m) => m.text === ev.text);
        if (k < 0) k = p.mailbox.findIndex((m) => m.kind !== 'msg' && ev.text.startsWith(m.text.slice(0, 5)));
        if (k >= 0) p.mailbox.splice(k, 1);
        p.received++;
        this.lastReceive.set(ev.pid, ev.i);
        break;
      }
      case 'exit': {
        const p = this.proc(ev.pid);
        const crashed = !isNormalReason(ev.text);
        this.setStatus(p, crashed ? 'crashed' : 'exited');
        p.mailbox = []; p.hidden = 0;
        this.alive--;
        if (this.running.get(ev.sched) === ev.pid) this.running.delete(ev.sched);
        for (const [name, pid] of this.registry) if (pid === ev.pid) this.registry.delete(name);
        for (const k of this.links.keys()) if (k.split('|').includes(ev.pid)) this.links.delete(k);
        for (const [k, m] of this.monitors) if (m.from === ev.pid) this.monitors.delete(k);
        break;
      }
      case 'register': this.proc(ev.pid); this.registry.set(ev.text.replace(/^:/, ''), ev.pid); break;
      case 'unregister': this.registry.delete(ev.text.replace(/^:/, '')); break;
      case 'link': this.links.set(linkKey(ev.pid, ev.other), true); break;
      case 'unlink': this.links.delete(linkKey(ev.pid, ev.other)); break;
      case 'monitor': this.monitors.set(`${ev.pid}|${ev.other}|${ev.extra}`, { from: ev.pid, to: ev.other }); break;
      case 'demonitor': this.monitors.delete(`${ev.pid}|${ev.other}|${ev.extra}`); break;
      case 'summary': this.applySummary(ev); break;
      default: break;
    }
  }

  /** A summary: many sends, receives and scheduling events folded into one. */
  applySummary(s) {
    if (s.removes.length) {
      const gone = new Set(s.removes);
      for (const p of this.procs.values()) if (p.mailbox.length && p.mailbox.some((m) => gone.has(m.i))) p.mailbox = p.mailbox.filter((m) => !gone.has(m.i));
    }
    for (const [pid, d] of s.delta) {
      const p = this.proc(pid);
      p.sent += d.sent; p.received += d.received; p.runs += d.runs;
      if (d.reductions !== undefined) { p.reductions = d.reductions; p.memory = d.memory; }
      if (p.status === 'exited' || p.status === 'crashed') continue;
      p.hidden = (p.hidden || 0) + d.q;
      if (p.hidden < 0) { p.mailbox.splice(0, -p.hidden); p.hidden = 0; }
      if (d.sched !== undefined) p.sched = d.sched;
      if (d.status) { this.setStatus(p, d.status); p.waitIndex = d.status === 'waiting' ? s.i : -1; } else if (d.wake && p.status === 'waiting') this.setStatus(p, 'runnable');
    }
    for (const [sc, pid] of s.running) { if (pid === null) this.running.delete(sc); else this.running.set(sc, pid); }
  }

  nameOf(pid) {
    for (const [n, p] of this.registry) if (p === pid) return n;
    return null;
  }
}

function linkKey(a, b) { return a < b ? `${a}|${b}` : `${b}|${a}`; }
