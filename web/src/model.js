// model.js -- the process world, built only from the event log.
//
// The Log is append-only: live runs append as events arrive, a recorded
// trace is appended at once. Everything drawn is a function of (log, cursor):
// worldAt(c) is the state after applying events [0, c). Playback, step back
// and scrubbing just move the cursor. Facts that never change once known
// (layout slot, colour, spawn parent, which receive consumed which send, how
// a wait ended) are annotations computed at append time.

const CHECKPOINT_EVERY = 512;

export class Log {
  constructor() {
    this.events = [];
    this.procs = new Map(); // pid -> static info {pid, index, parent, opts, slot, depth, color, name, firstName}
    this.order = []; // pids in order of first appearance
    this.schedulers = 1;
    this.pendingSends = new Map(); // receiver -> [send index] not yet received
    this.lastWait = new Map(); // pid -> index of its open wait (sched_out 1)
    this.sendsSinceWait = new Map(); // pid -> number of messages delivered since
    this.rows = []; // depth -> count of slots used
    this.checkpoints = [new World()];
    this.listeners = new Set();
    this.ended = false;
    this.maxTime = 0;
    this.qhist = []; // runnable processes after event i
  }

  onChange(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); }

  info(pid, parent = null) {
    let p = this.procs.get(pid);
    if (!p) {
      if (parent) this.info(parent);
      p = { pid, index: this.events.length, parent, opts: 0, depth: 0, slot: 0,
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

  append(evs) {
    if (!evs.length) return;
    for (const ev of evs) this.annotate(ev);
    const n = this.events.length;
    const last = this.checkpoints.length - 1;
    // extend checkpoints lazily: world at multiples of CHECKPOINT_EVERY
    let w = null;
    for (let k = (last + 1) * CHECKPOINT_EVERY; k <= n; k += CHECKPOINT_EVERY) {
      if (!w) w = this.checkpoints[this.checkpoints.length - 1].clone();
      w.applyRange(this, w.cursor, k);
      this.checkpoints.push(w.clone());
    }
    for (const fn of this.listeners) fn();
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
        break;
      }
      case 'send': {
        this.info(ev.pid);
        if (ev.other) this.info(ev.other);
        if (ev.extra === 0 && ev.other) {
          let q = this.pendingSends.get(ev.other);
          if (!q) this.pendingSends.set(ev.other, q = []);
          q.push(i);
          this.sendsSinceWait.set(ev.other, (this.sendsSinceWait.get(ev.other) ?? 0) + 1);
        }
        break;
      }
      case 'down': case 'exit_signal':
        if (ev.other) this.info(ev.other);
        this.sendsSinceWait.set(ev.type === 'down' ? ev.pid : ev.other,
          (this.sendsSinceWait.get(ev.type === 'down' ? ev.pid : ev.other) ?? 0) + 1);
        break;
      case 'receive': {
        const q = this.pendingSends.get(ev.pid);
        if (q) {
          const k = q.findIndex((j) => this.events[j].text === ev.text);
          if (k >= 0) { const j = q[k]; q.splice(k, 1); this.events[j].recvIndex = i; ev.sendIndex = j; }
        }
        break;
      }
      case 'sched_out':
        if (ev.extra === 1) { this.lastWait.set(ev.pid, i); this.sendsSinceWait.set(ev.pid, 0); }
        break;
      case 'sched_in': {
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
        this.pendingSends.delete(ev.pid);
        break;
      }
      case 'output': {
        if (ev.extra === 2 && ev.pid) this.info(ev.pid).report += ev.text;
        break;
      }
      case 'register': {
        const p = this.info(ev.pid);
        if (!p.names.includes(ev.text)) p.names.push(ev.text);
        break;
      }
      default:
        if (ev.pid) this.info(ev.pid);
    }
  }

  /** The world after events [0, c). */
  worldAt(c) {
    c = Math.max(0, Math.min(this.events.length, Math.floor(c)));
    if (this._cache && this._cache.cursor <= c && c - this._cache.cursor < CHECKPOINT_EVERY * 2) {
      this._cache.applyRange(this, this._cache.cursor, c);
      return this._cache;
    }
    const k = Math.min(Math.floor(c / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    const w = this.checkpoints[k].clone();
    w.applyRange(this, w.cursor, c);
    this._cache = w;
    return w;
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
      p = { pid, status: 'runnable', mailbox: [], waitIndex: -1, sched: -1, runs: 0, received: 0, sent: 0 };
      this.procs.set(pid, p);
      this.alive++;
      this.runnable++;
    }
    return p;
  }

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
        let k = p.mailbox.findIndex((m) => m.text === ev.text);
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
        p.mailbox = [];
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
      default: break;
    }
  }

  nameOf(pid) {
    for (const [n, p] of this.registry) if (p === pid) return n;
    return null;
  }
}

function linkKey(a, b) { return a < b ? `${a}|${b}` : `${b}|${a}`; }
