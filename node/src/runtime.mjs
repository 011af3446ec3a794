// runtime.mjs -- the Runtime class: a beamlet runtime in a wasm instance.
//
// A Runtime owns one wasm instance. Processes live in a "world" (one C
// runtime, beamlet_host_* in core/src/host.c): a run() starts the script's
// main process in the current world; when the main process ends the world
// ends, as `elixir script.exs` does. The next run()/eval()/spawnHandler()
// gets a fresh world; the finished one stays readable (snapshot()) until
// then. JS handlers, registered names and sends made before a run() belong
// to the world that run() uses.
//
// The JS thread never blocks and is never a scheduler: in 'threads' mode
// the schedulers are pthreads (worker threads) and JS polls the host queue;
// in 'single' mode JS drives beamlet_run_slice from the event loop in slices
// of at most SLICE_MS. Timers are unref'ed (and the scheduler workers too)
// unless a run(), eval() or handler command is pending, so a program that
// forgets stop() still exits.
import { BeamletError, codeName, compileError } from './errors.mjs';
import { loadModule, threadsAvailable, isNode } from './loader.mjs';
import { Pid, Tuple, atom, decodeTerm, encodeTerm, inspect, stalePid } from './terms.mjs';
import { decodeRecords, pidString } from './trace.mjs';

const BUSY = 1;
const IDLE = 2;
const DONE = 3;
const SLICE_MS = 8;
const SLICE_BUDGET = 20000;
const SLICE_BUDGET_TRACED = 4000; // tracing: drain the rings this often
const POLL_MS = 1;
const IDLE_POLL_MS = 1000;
const TRACE_BUF = 1 << 18;
const EVAL_NAME = '$beamlet_eval';
const EVAL_PREFIX = `send(:"${EVAL_NAME}", {self(), (fn -> `;

const utf8 = new TextEncoder();
const utf8dec = new TextDecoder('utf-8', { ignoreBOM: true }); // a leading U+FEFF is text

// A timer is { t, immediate }: clearImmediate on a Timeout (or the reverse)
// corrupts Node's bookkeeping, so each is cleared by its own function.
function later(ms, fn, keepAlive) {
  const immediate = ms <= 0 && typeof setImmediate === 'function';
  const t = immediate ? setImmediate(fn) : setTimeout(fn, Math.max(0, ms));
  if (!keepAlive && t && typeof t.unref === 'function') t.unref();
  return { t, immediate };
}
function cancel(timer) {
  if (!timer) return;
  if (timer.immediate) clearImmediate(timer.t);
  else clearTimeout(timer.t);
}

class EventQueue {
  constructor() {
    this.items = [];
    this.waiters = [];
    this.closed = false;
  }
  push(ev) {
    if (this.closed) return;
    const w = this.waiters.shift();
    if (w) w({ value: ev, done: false });
    else this.items.push(ev);
  }
  close() {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
  }
  next() {
    if (this.items.length) return Promise.resolve({ value: this.items.shift(), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((r) => this.waiters.push(r));
  }
}

export class Runtime {
  /**
   * Create a runtime. options: mode ('auto' | 'threads' | 'single'),
   * schedulers (threads mode; 0 = one per core), deterministic, seed, trace,
   * keepLog (default true: keep every trace event for traceLog() and
   * exportTrace(); false: events only go to listeners and iterators).
   */
  static async create(options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('Runtime.create: options must be an object');
    const { mode = 'auto', schedulers = 0, deterministic = false, seed = 0, trace = false, keepLog = true } = options;
    if (!['auto', 'threads', 'single'].includes(mode)) throw new TypeError(`Runtime.create: mode must be 'auto', 'threads' or 'single', not ${String(mode)}`);
    if (!Number.isInteger(schedulers) || schedulers < 0 || schedulers > 64) throw new TypeError('Runtime.create: schedulers must be an integer from 0 to 64');
    // the seed crosses into wasm as a double: only integers it holds exactly
    const seedOk = typeof seed === 'bigint' ? seed >= 0n && seed <= BigInt(Number.MAX_SAFE_INTEGER) : Number.isSafeInteger(seed) && seed >= 0;
    if (!seedOk) throw new TypeError('Runtime.create: seed must be an integer from 0 to 2^53 - 1');
    let picked = mode;
    if (mode === 'auto') picked = threadsAvailable() ? 'threads' : 'single';
    if (picked === 'threads' && !threadsAvailable()) throw new BeamletError('ESTATE', 'threads mode needs SharedArrayBuffer (and cross-origin isolation in a page)');
    const M = await loadModule(picked);
    return new Runtime(M, picked, { schedulers, deterministic: !!deterministic, seed: Number(seed), trace: !!trace, keepLog: !!keepLog });
  }

  constructor(M, mode, opts) {
    this._M = M;
    this.mode = mode;
    this.options = opts;
    this._h = 0; // current world (beamlet_host *)
    this._world = null;
    this._lastDropped = 0; // traceDropped() of the last world, once it is gone
    this._exitStatus = null; // exitStatus() of the last run
    this._listeners = new Map();
    this._queues = new Set();
    this._stopped = false;
    this._pending = 0; // promises the user waits on: keep Node alive meanwhile
    this._timer = null;
    this._timerKeep = false;
    this._chain = Promise.resolve();
    this._seq = 1;
    this._log = [];
    this._evseq = 0;
    this._unrefed = new WeakSet();
    this._graveyard = []; // retired worlds waiting for their threads
    this._reapTimer = null;
    this._reaped = null;
    this._nextPtr = M._malloc(8);
    this._pidPtr = M._malloc(8);
    this._traceBuf = opts.trace ? M._malloc(TRACE_BUF) : 0;
    this.schedulers = mode === 'single' || opts.deterministic ? 1 : opts.schedulers || (isNode ? 0 : navigator.hardwareConcurrency || 4);
  }

  // ---------------------------------------------------------------- events

  /** rt.on('output' | 'event', fn): output = {type:'output', pid, fd, text}; event = a trace event. */
  on(name, fn) {
    if (typeof fn !== 'function') throw new TypeError('on: listener must be a function');
    if (!this._listeners.has(name)) this._listeners.set(name, new Set());
    this._listeners.get(name).add(fn);
    return this;
  }
  off(name, fn) {
    this._listeners.get(name)?.delete(fn);
    return this;
  }
  _emit(name, ev) {
    const ls = this._listeners.get(name);
    if (ls) for (const fn of ls) fn(ev);
  }

  /** Every output event and trace event (trace: true), as an async iterator ending at stop(). */
  events() {
    const q = new EventQueue();
    if (this._stopped) q.close();
    else this._queues.add(q);
    const self = this;
    return {
      next: () => q.next(),
      return: () => {
        q.close();
        self._queues.delete(q);
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The trace events of the current (or last) world, in order (none with keepLog: false). */
  traceLog() {
    return this._log.slice();
  }

  /**
   * The status the CLI would exit with for the last run() whose main
   * process ended, as `elixir` exits: 0 (normal, :shutdown), n
   * ({:shutdown, n}), 1 (a crash, an exit signal); null before any.
   */
  exitStatus() {
    return this._exitStatus;
  }

  /** How many trace events of the current (or last) world were lost because a ring was full. */
  traceDropped() {
    const w = this._world;
    return w ? Number(this._M._beamlet_trace_dropped(w.rt)) : this._lastDropped;
  }

  /** The trace of the current (or last) world as JSON lines (one event per line). */
  exportTrace() {
    return this._log.map((e) => JSON.stringify(e)).join('\n') + (this._log.length ? '\n' : '');
  }

  // ---------------------------------------------------------------- worlds

  _check() {
    if (this._stopped) throw new BeamletError('ESTATE', 'the runtime was stopped');
  }

  /** The world new work goes to: the current one unless its main process ended. */
  _active() {
    this._check();
    if (this._world && this._world.done) this._retire();
    if (!this._world) {
      const o = this.options;
      const sched = this.mode === 'single' ? 1 : o.schedulers;
      const h = this._M._beamlet_host_create(sched, o.deterministic ? 1 : 0, o.seed, o.trace ? 1 : 0, this.mode === 'single' ? 1 : 0);
      if (!h) throw new BeamletError('ENOMEM', 'cannot create a runtime (out of memory)');
      this._h = h;
      this._world = { h, rt: this._M._beamlet_host_runtime(h), started: false, done: false, handlers: new Map(), onDone: null, commands: new Map() };
      this._log = [];
      this._evseq = 0;
      this._lastDropped = 0;
      this._drainTrace();
    }
    return this._world;
  }

  /** End the current world: stop its schedulers, free it. */
  _retire() {
    const w = this._world;
    if (!w) return;
    this._drain();
    const M = this._M;
    this._lastDropped = Number(M._beamlet_trace_dropped(w.rt));
    M._beamlet_host_stop_begin(w.h);
    if (M._beamlet_host_stop_poll(w.h)) {
      M._beamlet_host_destroy(w.h);
    } else {
      // scheduler threads still leaving (or still starting: a worker needs
      // this thread to yield first): never block on them, free it later
      this._graveyard.push(w.h);
      this._reap();
    }
    for (const c of w.commands.values()) {
      this._pending--;
      c.reject(new BeamletError('ESTATE', 'the world ended before the process answered'));
    }
    this._world = null;
    this._h = 0;
  }

  /** Free retired worlds whose threads have all been joined; keepAlive while stop() waits. */
  _reap(keepAlive = false) {
    const M = this._M;
    this._graveyard = this._graveyard.filter((h) => {
      if (!M._beamlet_host_stop_poll(h)) return true;
      M._beamlet_host_destroy(h);
      return false;
    });
    if (this._graveyard.length === 0) {
      const done = this._reaped;
      this._reaped = null;
      if (done) done();
      return;
    }
    if (!this._reapTimer || keepAlive) {
      cancel(this._reapTimer);
      this._reapTimer = later(2, () => {
        this._reapTimer = null;
        this._reap(keepAlive);
      }, keepAlive);
    }
  }

  // ---------------------------------------------------------------- driving

  /**
   * Schedule a tick in ms. The tick keeps Node alive (a ref'ed timer) while
   * a promise the user waits on is pending, or when `hot`: the world has
   * work to do now (the user just sent something, or the last tick found
   * work). A world where every process waits does not keep Node alive.
   */
  _kick(ms = 0, hot = false) {
    if (this._stopped) return;
    const keep = this._pending > 0 || hot;
    const at = performance.now() + ms;
    // an earlier (or as early) tick that keeps Node alive as much is set
    if (this._timer && (this._timerKeep || !keep) && this._timerAt <= at) return;
    cancel(this._timer);
    this._timerKeep = keep;
    this._timerAt = at;
    this._timer = later(ms, () => this._tick(), keep);
  }

  _tick() {
    this._timer = null;
    const w = this._world;
    if (!w || this._stopped) return;
    const M = this._M;
    let st = IDLE;
    let next = -1;
    if (this.mode === 'single') {
      const t0 = performance.now();
      if (!w.done) {
        const budget = this._traceBuf ? SLICE_BUDGET_TRACED : SLICE_BUDGET;
        do {
          st = M._beamlet_run_slice(w.rt, budget, this._nextPtr);
          if (this._traceBuf) this._drainTrace(); // before a ring fills up
        } while (st === BUSY && performance.now() - t0 < SLICE_MS);
        if (st === IDLE) next = Number(M.HEAP64[this._nextPtr >> 3]);
      }
    } else {
      this._unrefWorkers();
    }
    const drained = this._drain();
    if (w.started && !w.done && M._beamlet_host_main_done(w.h)) {
      this._drain();
      this._finish(w);
    }
    if (this._world !== w || w.done) return;
    if (this.mode === 'threads') {
      if (w.started || w.handlers.size) this._kick(POLL_MS, drained > 0 || M._beamlet_host_busy(w.h) === 1);
    } else if (st === BUSY) {
      this._kick(0, true);
    } else if (drained > 0) {
      // a handler may answer what it was just given
      this._kick(0, true);
    } else if (st === IDLE && next >= 0) {
      this._kick(next);
    } else if (this._pending > 0) {
      // every process waits and no timer is due: a run() still pending
      // keeps Node alive (as a stuck script keeps the CLI), and looks again
      this._kick(IDLE_POLL_MS);
    }
  }

  _unrefWorkers() {
    const PT = this._M.PThread;
    if (!PT) return;
    for (const wk of [...(PT.runningWorkers || []), ...(PT.unusedWorkers || [])]) {
      if (wk && !this._unrefed.has(wk) && typeof wk.unref === 'function') {
        wk.unref();
        this._unrefed.add(wk);
      }
    }
  }

  _finish(w) {
    w.done = true;
    const M = this._M;
    this._exitStatus = M._beamlet_main_status(w.rt);
    let reason = atom('normal');
    if (M._beamlet_host_main_reason(w.h) === 0) reason = decodeTerm(this._result(w.h), w);
    const cb = w.onDone;
    w.onDone = null;
    if (cb) cb(reason);
  }

  _result(h) {
    const M = this._M;
    const p = M._beamlet_host_result(h);
    const n = M._beamlet_host_result_len(h);
    return M.HEAPU8.slice(p, p + n);
  }

  _resultText(h) {
    return utf8dec.decode(this._result(h));
  }

  /** Take the host records of the current world; returns how many. */
  _drain() {
    const w = this._world;
    if (!w) return 0;
    const M = this._M;
    let n = 0;
    for (;; n++) {
      const r = M._beamlet_host_next(w.h);
      if (!r) break;
      const kind = M.HEAPU32[(r + 4) >> 2];
      const fd = M.HEAPU32[(r + 8) >> 2];
      const len = M.HEAPU32[(r + 12) >> 2];
      const pid = M.HEAPU64[(r + 16) >> 3];
      const other = M.HEAPU64[(r + 24) >> 3];
      const data = M.HEAPU8.slice(r + 32, r + 32 + len);
      if (kind === 1) {
        const ev = { type: 'output', pid: pidString(pid), fd, text: utf8dec.decode(data) };
        // listeners also get the bytes as written (text replaces invalid UTF-8)
        this._emit('output', { ...ev, bytes: data });
        for (const q of this._queues) q.push(ev);
      } else if (kind === 2) {
        const hd = w.handlers.get(pid);
        if (hd) this._deliver(hd, decodeTerm(data, w));
      } else if (kind === 3) {
        const c = w.commands.get(Number(other));
        if (c) {
          w.commands.delete(Number(other));
          this._pending--;
          const v = decodeTerm(data, w);
          if (fd === 0) c.resolve(v);
          else c.reject(new BeamletError('EINVAL', `${c.op} failed: ${inspect(v)}`, { reason: v }));
        }
      } else if (kind === 4) {
        // the first record for a pid (a handler's own exit may give two)
        const hd = w.handlers.get(pid);
        if (hd) {
          hd.alive = false;
          hd.queue.length = 0;
          w.handlers.delete(pid);
          if (hd.onExit) {
            const reason = decodeTerm(data, w);
            queueMicrotask(() => hd.onExit(reason, hd.pid));
          }
        }
      }
    }
    this._drainTrace();
    return n;
  }

  _drainTrace() {
    const w = this._world;
    if (!this._traceBuf || !w) return;
    const M = this._M;
    for (;;) {
      const n = M._beamlet_trace_read(w.rt, this._traceBuf, TRACE_BUF);
      if (!n) break;
      const bytes = M.HEAPU8.slice(this._traceBuf, this._traceBuf + n);
      this._evseq = decodeRecords(bytes, n, this._evseq, (ev) => {
        if (this.options.keepLog) this._log.push(ev);
        this._emit('event', ev);
        if (ev.type !== 'output') for (const q of this._queues) q.push(ev);
      });
    }
  }

  // ---------------------------------------------------------------- memory helpers

  _withBytes(bytes, fn) {
    const M = this._M;
    const p = M._malloc(bytes.length || 1);
    if (!p) throw new BeamletError('ENOMEM', 'out of memory');
    try {
      M.HEAPU8.set(bytes, p);
      return fn(p, bytes.length);
    } finally {
      M._free(p);
    }
  }

  _nameBytes(name) {
    let s = name;
    if (typeof name === 'symbol') s = Symbol.keyFor(name);
    if (typeof s !== 'string' || s.length === 0) throw new TypeError(`a process name must be a non-empty string or Symbol.for(name), not ${String(name)}`);
    const b = utf8.encode(s);
    if (b.length > 255) throw new TypeError('a process name is at most 255 bytes');
    return b;
  }

  // ---------------------------------------------------------------- running code

  /**
   * Run a script in a new main process; resolves with its exit reason
   * (Symbol.for('normal') when it ended normally). options.file names it in
   * errors; options.argv (strings) is what System.argv() returns.
   */
  run(source, options = {}) {
    if (typeof source !== 'string') return Promise.reject(new TypeError('run: source must be a string'));
    if (options === null || typeof options !== 'object') return Promise.reject(new TypeError('run: options must be an object'));
    const file = options.file === undefined ? 'nofile' : options.file;
    if (typeof file !== 'string') return Promise.reject(new TypeError('run: options.file must be a string'));
    const argv = options.argv === undefined ? [] : options.argv;
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return Promise.reject(new TypeError('run: options.argv must be an array of strings'));
    if (argv.some((a) => a.includes('\0'))) return Promise.reject(new TypeError('run: options.argv strings cannot contain NUL characters'));
    const args = argv.slice();
    const job = this._chain.then(() => this._start(source, file, 0, args));
    this._chain = job.catch(() => {});
    return job;
  }

  // beamlet_load or beamlet_check of source in world w: throws the compile
  // error (columns on line 1 less colOffset), else returns the status
  _compile(fn, w, source, file, colOffset) {
    const M = this._M;
    const src = utf8.encode(source);
    const fileB = utf8.encode(file + '\0');
    const errCap = 1024;
    const errP = M._malloc(errCap);
    try {
      const st = this._withBytes(src, (sp, sl) => this._withBytes(fileB, (fp) => fn(w.rt, sp, sl, fp, errP, errCap)));
      if (st === -3) {
        let e = errP;
        while (M.HEAPU8[e] && e < errP + errCap) e++;
        throw compileError(utf8dec.decode(M.HEAPU8.slice(errP, e)), colOffset);
      }
      return st;
    } finally {
      M._free(errP);
    }
  }

  _start(source, file, colOffset, argv = [], loaded = null) {
    const w = this._active();
    if (w.started) {
      // one main process per world: start a fresh one
      this._retire();
      return this._start(source, file, colOffset, argv, loaded);
    }
    const M = this._M;
    const st = this._compile(M._beamlet_load, w, source, file, colOffset);
    if (st !== 0) throw new BeamletError(codeName(st), `cannot load the script (${codeName(st)})`);
    if (argv.length) {
      const bytes = utf8.encode(argv.map((a) => a + '\0').join(''));
      const s = this._withBytes(bytes, (bp, bl) => M._beamlet_host_set_argv(w.h, bp, bl, argv.length));
      if (s !== 0) throw new BeamletError(codeName(s), `cannot set System.argv() (${codeName(s)})`);
    }
    if (loaded) loaded();
    return new Promise((resolve, reject) => {
      w.onDone = (reason) => {
        this._pending--;
        this._kick(0);
        resolve(reason);
      };
      w.onAbort = reject;
      this._pending++;
      const s = M._beamlet_start_main(w.rt);
      if (s !== 0) {
        this._pending--;
        w.onDone = null;
        reject(new BeamletError(codeName(s), `cannot start the main process (${codeName(s)})`));
        return;
      }
      w.started = true;
      // single mode: the first slice runs now, not after a turn of the
      // event loop (which can be long while V8 optimizes the fresh module)
      if (this.mode === 'single') this._tick();
      else this._kick(0);
    });
  }

  /** Evaluate an expression in a fresh world; resolves with its value converted to JS. */
  eval(source) {
    if (typeof source !== 'string') return Promise.reject(new TypeError('eval: source must be a string'));
    const job = this._chain.then(async () => {
      if (this._world && (this._world.started || this._world.done)) this._retire();
      let value;
      let got = false;
      const wrapped = `${EVAL_PREFIX}${source}\nend).()})\nreceive do\n  :"${EVAL_NAME}_ack" -> :ok\nend\n`;
      let started;
      try {
        // the handler that takes the value comes once the source compiled
        started = this._start(wrapped, 'eval', EVAL_PREFIX.length, [], () =>
          this.spawnHandler((msg, ctx) => {
            if (msg instanceof Tuple && msg.length === 2 && msg[0] instanceof Pid) {
              value = msg[1];
              got = true;
              ctx.send(msg[0], atom(`${EVAL_NAME}_ack`));
            }
          }, { name: EVAL_NAME }));
      } catch (e) {
        // an error can point into the wrapper (an incomplete expression
        // takes its `end`): the source alone reports it where it is
        if (e.code === 'ECOMPILE') this._compile(this._M._beamlet_check, this._active(), source, 'eval', 0);
        throw e;
      }
      const reason = await started;
      if (!got) throw new BeamletError('ECRASH', `eval: the expression did not return (exit reason ${inspect(reason)})`, { reason });
      return value;
    });
    this._chain = job.catch(() => {});
    return job;
  }

  // ---------------------------------------------------------------- processes

  // the word of pid p, to be used in world w
  _pidWord(p, what = 'a pid', w = this._world) {
    if (!(p instanceof Pid)) throw new TypeError(`${what} must be a Pid`);
    if (p.world && w && p.world !== w) throw new BeamletError('ESTATE', stalePid(p));
    return p.word;
  }

  /** Send value to a pid or a registered name (string or Symbol.for). */
  send(dest, value, from = null) {
    this._check();
    const w = this._active();
    this._sendIn(w, dest, value, from, encodeTerm(value, w)); // throws before anything is sent
  }

  _sendIn(w, dest, value, from, bytes = encodeTerm(value, w)) {
    const M = this._M;
    const fromW = from ? this._pidWord(from, 'from', w) : 0n;
    let st;
    if (dest instanceof Pid) {
      const to = this._pidWord(dest, 'send: the destination', w);
      st = this._withBytes(bytes, (bp, bl) => M._beamlet_host_send(w.h, fromW, to, 0, 0, bp, bl));
    } else if (typeof dest === 'string' || typeof dest === 'symbol') {
      const nb = this._nameBytes(dest);
      st = this._withBytes(nb, (np, nl) => this._withBytes(bytes, (bp, bl) => M._beamlet_host_send(w.h, fromW, 0n, np, nl, bp, bl)));
    } else {
      throw new TypeError(`send: the destination must be a Pid or a registered name, not ${String(dest)}`);
    }
    if (st === -6) throw new BeamletError('ENOPROC', `send: no process is registered as ${String(typeof dest === 'symbol' ? Symbol.keyFor(dest) : dest)}`);
    if (st === -1) throw new BeamletError('EINVAL', `send: ${this._resultText(w.h)}`);
    if (st !== 0) throw new BeamletError(codeName(st), `send failed (${codeName(st)})`);
    this._kick(0, true);
  }

  /**
   * Send an exit signal to pid, as Process.exit(pid, reason) would: :kill
   * always ends it (reason :killed), :normal is ignored unless it traps
   * exits, any other reason ends it unless it traps exits, and then it
   * receives {:EXIT, from, reason}. from is a handler's Pid, or null: the
   * signal then comes from the host and the message is {:EXIT, :host, reason}.
   * Throws ENOPROC when pid is not alive.
   */
  exit(pid, reason, from = null) {
    this._check();
    const w = this._active();
    const to = this._pidWord(pid, 'a pid', w);
    const fromW = from === null || from === undefined ? 0n : this._pidWord(from, 'from', w);
    const bytes = encodeTerm(reason, w); // throws before anything is sent
    const M = this._M;
    const st = this._withBytes(bytes, (bp, bl) => M._beamlet_host_exit(w.h, fromW, to, bp, bl));
    if (st === -6) throw new BeamletError('ENOPROC', `exit: ${pid} is not alive`);
    if (st === -1) throw new BeamletError('EINVAL', `exit: ${this._resultText(w.h)}`);
    if (st !== 0) throw new BeamletError(codeName(st), `exit failed (${codeName(st)})`);
    this._kick(0, true);
  }

  /** The pid registered as name, or null. */
  whereis(name) {
    const nb = this._nameBytes(name);
    const w = this._active();
    const M = this._M;
    const st = this._withBytes(nb, (np, nl) => M._beamlet_host_whereis(w.h, np, nl, this._pidPtr));
    if (st !== 0) return null;
    return new Pid(M.HEAPU64[this._pidPtr >> 3], w);
  }

  /** Every registered name (atoms: Symbol.for(name)). */
  registered() {
    const w = this._active();
    const st = this._M._beamlet_host_registered(w.h);
    if (st !== 0) throw new BeamletError(codeName(st), 'registered failed');
    return decodeTerm(this._result(w.h), w);
  }

  /** Register pid under name. */
  register(pid, name) {
    const w = this._active();
    const word = this._pidWord(pid, 'a pid', w);
    const nb = this._nameBytes(name);
    const st = this._withBytes(nb, (np, nl) => this._M._beamlet_host_register(w.h, word, np, nl));
    if (st === -6) throw new BeamletError('ENOPROC', `register: ${pid} is not alive`);
    if (st === -4) throw new BeamletError('ESTATE', `register: the name ${utf8dec.decode(nb)} is taken or ${pid} already has a name`);
    if (st !== 0) throw new BeamletError(codeName(st), `register failed (${codeName(st)})`);
    return true;
  }

  /** A JSON snapshot of the current (or last) world: every process, mailbox, names, schedulers. */
  snapshot() {
    this._check();
    const w = this._world || this._active();
    const M = this._M;
    let cap = 1 << 16;
    for (;;) {
      const p = M._malloc(cap);
      try {
        const n = M._beamlet_snapshot(w.rt, p, cap);
        if (n < cap) return JSON.parse(utf8dec.decode(M.HEAPU8.slice(p, p + n)));
        cap = n + 1024;
      } finally {
        M._free(p);
      }
    }
  }

  /**
   * A process whose body is JS: fn(message, ctx) is called for each message
   * it receives, one at a time (awaited). It has a real pid (returned):
   * Elixir code can send to it, link to it and monitor it. options.name
   * registers it. ctx: { self, send(dest, v), link(pid), unlink(pid),
   * monitor(pid) -> Promise<Ref>, demonitor(ref), trapExit(bool),
   * exit(reason) }. A handler that throws exits with {:js_error, message}.
   * options.onExit(reason, pid) is called once when the process ends, for
   * any cause: an exit signal (a linked process crashing, Process.exit(pid,
   * :kill) -> :killed), ctx.exit(reason), or a throw. Not called when the
   * world ends (a new run(), stop()).
   */
  spawnHandler(fn, options = {}) {
    if (typeof fn !== 'function') throw new TypeError('spawnHandler: handler must be a function');
    if (options === null || typeof options !== 'object') throw new TypeError('spawnHandler: options must be an object');
    const nameBytes = options.name !== undefined ? this._nameBytes(options.name) : null;
    if (options.onExit !== undefined && typeof options.onExit !== 'function') throw new TypeError('spawnHandler: options.onExit must be a function');
    const w = this._active();
    const M = this._M;
    const st = M._beamlet_host_spawn(w.h, options.trapExit ? 1 : 0, this._pidPtr);
    if (st !== 0) throw new BeamletError(codeName(st), 'spawnHandler: cannot spawn (process limit or memory)');
    const pid = new Pid(M.HEAPU64[this._pidPtr >> 3], w);
    const hd = { fn, pid, queue: [], busy: false, alive: true, world: w, onExit: options.onExit || null };
    hd.ctx = this._ctx(hd);
    w.handlers.set(pid.word, hd);
    if (nameBytes) {
      const r = this._withBytes(nameBytes, (np, nl) => M._beamlet_host_register(w.h, pid.word, np, nl));
      if (r !== 0) {
        this._command(hd, 'exit', atom('normal')).catch(() => {});
        throw new BeamletError('ESTATE', `spawnHandler: the name ${utf8dec.decode(nameBytes)} is taken`);
      }
    }
    this._kick(0, true);
    return pid;
  }

  _ctx(hd) {
    const rt = this;
    return {
      self: hd.pid,
      runtime: rt,
      send: (dest, v) => {
        if (rt._world !== hd.world || rt._stopped) throw new BeamletError('ESTATE', "send: the handler's world has ended");
        rt._sendIn(hd.world, dest, v, hd.pid);
      },
      link: (pid) => rt._command(hd, 'link', pid),
      unlink: (pid) => rt._command(hd, 'unlink', pid),
      monitor: (target) => rt._command(hd, 'monitor', typeof target === 'string' ? Symbol.for(target) : target),
      demonitor: (ref) => rt._command(hd, 'demonitor', ref),
      trapExit: (on) => rt._command(hd, 'trap_exit', !!on),
      exit: (reason = atom('normal')) => rt._command(hd, 'exit', reason),
      alive: () => hd.alive && rt._world === hd.world && rt._M._beamlet_host_alive(hd.world.h, hd.pid.word) === 1,
    };
  }

  _command(hd, op, arg) {
    try {
      const w = hd.world;
      const bytes = encodeTerm(arg, w);
      if (this._world !== w || this._stopped) return Promise.reject(new BeamletError('ESTATE', `${op}: the handler's world has ended`));
      const seq = this._seq++;
      const opB = utf8.encode(op + '\0');
      const st = this._withBytes(opB, (op_) => this._withBytes(bytes, (bp, bl) => this._M._beamlet_host_command(w.h, hd.pid.word, seq, op_, bp, bl)));
      if (st === -6) return Promise.reject(new BeamletError('ENOPROC', `${op}: the handler ${hd.pid} is not alive`));
      if (st !== 0) return Promise.reject(new BeamletError(codeName(st), `${op}: ${this._resultText(w.h)}`));
      return new Promise((resolve, reject) => {
        w.commands.set(seq, { resolve, reject, op });
        this._pending++;
        this._kick(0);
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  _deliver(hd, msg) {
    hd.queue.push(msg);
    if (!hd.busy) this._runHandler(hd);
  }

  async _runHandler(hd) {
    hd.busy = true;
    while (hd.queue.length && hd.alive) {
      const msg = hd.queue.shift();
      try {
        await hd.fn(msg, hd.ctx);
      } catch (e) {
        hd.alive = false;
        let text;
        try {
          text = e && e.message ? String(e.message) : String(e);
        } catch {
          text = Object.prototype.toString.call(e); // a value with no string form
        }
        this._command(hd, 'exit', Tuple.of(atom('js_error'), text)).catch(() => {});
      }
    }
    hd.busy = false;
  }

  /** Tests: a value through the C decoder and encoder and back (BTF round trip). */
  _echo(value) {
    return this._echoBytes(encodeTerm(value));
  }
  _echoBytes(bytes) {
    const w = this._active();
    const st = this._withBytes(bytes, (bp, bl) => this._M._beamlet_host_echo(w.h, bp, bl));
    if (st === -1) throw new BeamletError('EINVAL', this._resultText(w.h));
    if (st !== 0) throw new BeamletError(codeName(st), 'echo failed');
    return decodeTerm(this._result(w.h));
  }

  // ---------------------------------------------------------------- stop

  /** End every process and worker; the runtime cannot be used afterwards. */
  async stop() {
    if (this._stopped) return;
    const w = this._world;
    if (w) {
      this._retire();
      if (w.onDone) {
        w.onDone = null;
        this._pending--;
        w.onAbort(new BeamletError('ESTATE', 'the runtime was stopped before the main process ended'));
      }
    }
    this._stopped = true;
    cancel(this._timer);
    this._timer = null;
    for (const q of this._queues) q.close();
    this._queues.clear();
    const M = this._M;
    if (this._graveyard.length) {
      await new Promise((res) => {
        this._reaped = res;
        this._reap(true);
      });
    }
    if (this.mode === 'threads' && M.PThread && typeof M.PThread.terminateAllThreads === 'function') {
      M.PThread.terminateAllThreads();
    }
  }
}
