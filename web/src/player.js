// player.js -- the playback clock over the event log.
//
// cursor is a real number in [0, events.length]: floor(cursor) events are
// applied; the fraction animates the next event (a message in flight). Every
// view is a pure function of (log, cursor), so pause, step back, scrub and
// speed need no other state.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 16, Infinity];
const BASE_MS = 420; // dwell per event at 1x
const GAP_CAP_MS = 1200; // a long virtual sleep plays at most this long (at 1x)

export class Player {
  constructor(log) {
    this.log = log;
    this.cursor = 0;
    this.playing = false;
    this.speed = 1;
    this.listeners = new Set();
  }

  onChange(fn) { this.listeners.add(fn); }
  emit() { for (const fn of this.listeners) fn(this); }

  get length() { return this.log.events.length; }
  get atEnd() { return this.cursor >= this.length; }

  /** Real milliseconds event i takes to play at 1x. */
  dwell(i) {
    const ev = this.log.events[i];
    if (ev.type === 'header') return 1;
    if (ev.type === 'summary') return BASE_MS * 0.35;
    const prev = this.log.events[i - 1];
    const gap = prev ? Math.max(0, (ev.time - prev.time) / 1e6) : 0;
    const quiet = ev.type === 'sched_in' || ev.type === 'sched_out' ? 0.35 : 1;
    return BASE_MS * quiet + Math.min(gap, GAP_CAP_MS);
  }

  /** Advance by dt real milliseconds. Returns true when the cursor moved. */
  tick(dt) {
    if (!this.playing) return false;
    const n = this.length;
    if (this.speed === Infinity) {
      const moved = this.cursor !== n;
      this.cursor = n;
      return moved;
    }
    if (this.cursor >= n) return false;
    // the lead-in (the header, the main process appearing) shows at once;
    // pacing starts after the first spawn
    const first = this.log.firstSpawn ?? -1;
    if (first >= 0 && this.cursor < first + 1) { this.cursor = first + 1; return true; }
    let budget = dt * this.speed;
    let c = this.cursor;
    while (budget > 0 && c < n) {
      const i = Math.floor(c);
      const d = this.dwell(i);
      const left = (1 - (c - i)) * d;
      if (budget >= left) { budget -= left; c = i + 1; } else { c += budget / d; budget = 0; }
    }
    this.cursor = Math.min(c, n);
    return true;
  }

  /** Virtual time (ns) at the cursor, interpolated inside a gap. */
  virtualTime() {
    const evs = this.log.events;
    if (!evs.length) return 0;
    const i = Math.floor(this.cursor);
    if (i >= evs.length) return evs[evs.length - 1].time;
    const prev = i > 0 ? evs[i - 1].time : 0;
    const f = this.cursor - i;
    return prev + (evs[i].time - prev) * f;
  }

  play() { if (this.atEnd && this.speed !== Infinity) this.cursor = 0; this.playing = true; this.emit(); }
  pause() { this.playing = false; this.emit(); }
  toggle() { if (this.playing) this.pause(); else this.play(); }
  step() { this.playing = false; this.cursor = Math.min(this.length, Math.floor(this.cursor) + 1); this.emit(); }
  stepBack() { this.playing = false; this.cursor = Math.max(0, Math.ceil(this.cursor) - 1); this.emit(); }
  seek(c) { this.cursor = Math.max(0, Math.min(this.length, c)); this.emit(); }
  setSpeed(s) { this.speed = s; this.emit(); }
}
