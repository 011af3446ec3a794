// graph.js -- the process view on a canvas: nodes, edges, messages in flight.
//
// Layout is stable: a process's place is fixed when it first appears (its
// spawn depth gives the row, its order among siblings' generation the slot),
// so nothing jumps while the story plays or when scrubbing. Positions only
// glide when the panel is resized or a row wraps. Above DENSE processes the
// view draws small squares without labels, link/monitor edges or message
// labels, batched into one path per status colour; above HUGE no spawn edges
// either. The layout is recomputed only when the process count or the size
// changes; positions live in typed arrays indexed by order of appearance.
import { shortPid, World } from './model.js';

const DENSE = 300;
const HUGE = 3000;

export const STATUS = ['running', 'runnable', 'waiting', 'sleeping', 'exited', 'crashed'];

export function displayStatus(p, log) {
  if (p.status === 'waiting') {
    const w = log.events[p.waitIndex];
    if (w && w.wakeBy === 'timer' && World.queued(p) === 0) return 'sleeping';
    return 'waiting';
  }
  if (p.status === 'exiting') return 'running';
  return p.status;
}

export class GraphView {
  constructor(canvas, host) {
    this.canvas = canvas;
    this.host = host; // provides colors(), log, player, selected, onSelect, reducedMotion
    this.ctx = canvas.getContext('2d');
    this.pos = new Map(); // pid -> {x, y} drawn (eased); filled lazily from px/py
    this.px = new Float64Array(0); this.py = new Float64Array(0); // drawn, by order index
    this.placed = 0; // how many of px/py hold a position
    this.lay = null; // cached layout
    this.hit = []; // [{x, y, r, pid}] or messages
    this.hover = null;
    this.mouse = null;
    this.w = 0; this.h = 0;
    this.drawnProcesses = 0;
    canvas.addEventListener('mousemove', (e) => { const r = canvas.getBoundingClientRect(); this.mouse = { x: e.clientX - r.left, y: e.clientY - r.top }; this.host.requestDraw(); });
    canvas.addEventListener('mouseleave', () => { this.mouse = null; this.host.requestDraw(); });
    canvas.addEventListener('click', () => { const h = this.pick(); this.host.select(h && h.pid ? h.pid : null); });
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const r = this.canvas.getBoundingClientRect();
    this.w = Math.max(50, r.width); this.h = Math.max(50, r.height);
    this.canvas.width = Math.round(this.w * dpr); this.canvas.height = Math.round(this.h * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** Target positions for every process known to the log (cached). */
  layout() {
    const log = this.host.log;
    const n = log.order.length;
    if (this.lay && this.lay.n === n && this.lay.w === this.w && this.lay.h === this.h && this.lay.log === log) return this.lay;
    const dense = n > DENSE;
    const cell = dense ? Math.max(4, Math.min(18, Math.sqrt((this.w * this.h) / (n * 1.6)))) : 124;
    const rowH = dense ? cell : 104;
    const cols = Math.max(1, Math.floor((this.w - 20) / cell));
    const rowsPerDepth = log.rows.map((c) => Math.ceil((c + 1) / cols));
    const depthY = []; let y = dense ? 8 : 56;
    for (let d = 0; d < rowsPerDepth.length; d++) { depthY[d] = y; y += rowsPerDepth[d] * rowH; }
    const contentH = y;
    const scale = !dense && contentH > this.h - 10 ? Math.max(0.35, (this.h - 10) / contentH) : 1;
    const tx = new Float64Array(n); const ty = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = log.procs.get(log.order[k]);
      const rowCount = (log.rows[p.depth] ?? 0) + 1;
      const inRow = Math.min(cols, rowCount);
      const col = p.slot % cols; const sub = Math.floor(p.slot / cols);
      const x0 = (this.w - inRow * cell) / 2 + cell / 2;
      tx[k] = x0 + col * cell; ty[k] = (depthY[p.depth] + sub * rowH) * scale + (dense ? cell / 2 : 0);
    }
    if (this.px.length < n) {
      const grow = (a) => { const b = new Float64Array(Math.max(n, a.length * 2, 64)); b.set(a); return b; };
      this.px = grow(this.px); this.py = grow(this.py);
    }
    this.settled = false;
    this.lay = { n, w: this.w, h: this.h, log, tx, ty, dense, cell, scale, huge: n > HUGE };
    return this.lay;
  }

  /** Drawn position of pid ({x, y}) or undefined. */
  at(pid) {
    const info = this.host.log.procs.get(pid);
    if (!info || info.ord >= this.placed) return undefined;
    return { x: this.px[info.ord], y: this.py[info.ord] };
  }

  pick() {
    if (!this.mouse) return null;
    let best = null; let bd = Infinity;
    for (const h of this.hit) {
      const d = Math.hypot(h.x - this.mouse.x, h.y - this.mouse.y);
      if (d <= h.r + 3 && d < bd) { bd = d; best = h; }
    }
    return best;
  }

  draw(world, cursor) {
    const { ctx, host } = this; const log = host.log; const C = host.colors();
    ctx.clearRect(0, 0, this.w, this.h);
    const lay = this.layout();
    const { tx, ty, dense, cell, scale, huge, n } = lay;
    const { px, py } = this;
    if (this.placed > n) this.placed = 0; // a new log
    // new processes appear at their place; known ones glide to a changed one
    for (let k = this.placed; k < n; k++) { px[k] = tx[k]; py[k] = ty[k]; }
    this.placed = n;
    if (!this.settled) {
      const ease = host.reducedMotion() ? 1 : 0.25;
      let moving = false;
      for (let k = 0; k < n; k++) {
        px[k] += (tx[k] - px[k]) * ease; py[k] += (ty[k] - py[k]) * ease;
        if (Math.abs(tx[k] - px[k]) > 0.5 || Math.abs(ty[k] - py[k]) > 0.5) moving = true; else { px[k] = tx[k]; py[k] = ty[k]; }
      }
      if (moving) host.requestDraw(); else this.settled = true;
    }
    this.hit = [];
    const R = dense ? Math.max(1.5, cell * 0.36) : 20 * Math.max(0.6, scale);
    const visible = (pid) => world.procs.has(pid);
    const at = (pid) => this.at(pid);

    // edges: spawn (thin, arrow), link (thick), monitor (dashed, arrow)
    if (!huge) {
      ctx.lineWidth = 1; ctx.strokeStyle = C.edgeSpawn; ctx.setLineDash([]);
      ctx.beginPath();
      for (const pid of log.order) {
        if (!visible(pid)) continue;
        const info = log.procs.get(pid);
        if (!info.parent || !visible(info.parent)) continue;
        const a = log.procs.get(info.parent).ord; const b = info.ord;
        ctx.moveTo(px[a], py[a] + R); ctx.lineTo(px[b], py[b] - R);
      }
      ctx.stroke();
    }
    if (!dense) {
      ctx.strokeStyle = C.edgeLink; ctx.lineWidth = 3;
      for (const k of world.links.keys()) {
        const [a, b] = k.split('|').map(at);
        if (!a || !b) continue;
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.quadraticCurveTo((a.x + b.x) / 2, Math.min(a.y, b.y) - 30, b.x, b.y); ctx.stroke();
      }
      ctx.strokeStyle = C.edgeMonitor; ctx.lineWidth = 1.5; ctx.setLineDash([5, 4]);
      for (const m of world.monitors.values()) {
        const a = at(m.from); const b = at(m.to);
        if (!a || !b) continue;
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.quadraticCurveTo((a.x + b.x) / 2, Math.max(a.y, b.y) + 30, b.x, b.y); ctx.stroke();
        arrowHead(ctx, (a.x + b.x) / 2, Math.max(a.y, b.y) + 30, b.x, b.y, R);
      }
      ctx.setLineDash([]);
    }

    // nodes
    let drawn = 0;
    const sel = host.selected;
    if (dense) {
      // one path per status colour; nodes outside the canvas are culled
      const paths = new Map();
      const badges = R > 3 ? new Path2D() : null;
      const S = R * 2;
      for (let k = 0; k < n; k++) {
        const pid = log.order[k];
        const p = world.procs.get(pid);
        if (!p) continue;
        drawn++;
        const x = px[k]; const y = py[k];
        if (y < -R || y > this.h + R) continue;
        const st = displayStatus(p, log);
        let path = paths.get(st); if (!path) paths.set(st, path = new Path2D());
        path.rect(x - R, y - R, S, S);
        if (badges && (p.mailbox.length || p.hidden)) badges.rect(x + R * 0.2, y - R, R * 0.8, R * 0.8);
        if (!huge) this.hit.push({ x, y, r: R, pid });
      }
      for (const [st, path] of paths) { ctx.fillStyle = C.status[st]; ctx.fill(path); }
      if (badges) { ctx.fillStyle = C.badge; ctx.fill(badges); }
      if (sel && world.procs.has(sel)) { const q = at(sel); if (q) { ctx.strokeStyle = C.accent; ctx.lineWidth = 2; ctx.strokeRect(q.x - R - 3, q.y - R - 3, S + 6, S + 6); } }
      if (huge && this.mouse) {
        // picking without a hit list: the nearest node of the cell under the mouse
        let best = -1; let bd = Infinity;
        for (let k = 0; k < n; k++) { const d = Math.abs(px[k] - this.mouse.x) + Math.abs(py[k] - this.mouse.y); if (d < bd) { bd = d; best = k; } }
        if (best >= 0 && bd <= R * 2 + 2 && world.procs.has(log.order[best])) this.hit.push({ x: px[best], y: py[best], r: R, pid: log.order[best] });
      }
    }
    for (let k = 0; !dense && k < n; k++) {
      const pid = log.order[k];
      const p = world.procs.get(pid);
      if (!p) continue;
      const q = { x: px[k], y: py[k] };
      const st = displayStatus(p, log);
      const col = C.status[st];
      drawn++;
      ctx.beginPath(); ctx.arc(q.x, q.y, R, 0, Math.PI * 2);
      ctx.fillStyle = C.nodeBg; ctx.fill();
      ctx.lineWidth = pid === sel ? 5 : 3; ctx.strokeStyle = col; ctx.stroke();
      if (pid === sel) { ctx.beginPath(); ctx.arc(q.x, q.y, R + 6, 0, Math.PI * 2); ctx.lineWidth = 1.5; ctx.strokeStyle = C.accent; ctx.stroke(); }
      // inner dot: process colour (used in console, lanes, sequence)
      ctx.beginPath(); ctx.arc(q.x, q.y, R * 0.38, 0, Math.PI * 2); ctx.fillStyle = C.proc(log.procs.get(pid).color); ctx.fill();
      if (st === 'crashed') {
        ctx.strokeStyle = C.status.crashed; ctx.lineWidth = 3; ctx.beginPath();
        ctx.moveTo(q.x - R * 0.5, q.y - R * 0.5); ctx.lineTo(q.x + R * 0.5, q.y + R * 0.5);
        ctx.moveTo(q.x + R * 0.5, q.y - R * 0.5); ctx.lineTo(q.x - R * 0.5, q.y + R * 0.5); ctx.stroke();
      }
      ctx.fillStyle = C.text; ctx.font = '12px ui-monospace, monospace'; ctx.textAlign = 'center';
      ctx.fillText(shortPid(pid), q.x, q.y + R + 14);
      const name = world.nameOf(pid);
      if (name) { ctx.fillStyle = C.accent; ctx.font = 'bold 12px system-ui, sans-serif'; ctx.fillText(':' + name, q.x, q.y - R - 7); }
      const queued = World.queued(p);
      if (queued) {
        const txt = String(queued); ctx.font = 'bold 11px system-ui, sans-serif';
        const bw = Math.max(18, ctx.measureText(txt).width + 8);
        ctx.fillStyle = C.badge; roundRect(ctx, q.x + R * 0.55, q.y - R - 2, bw, 17, 8); ctx.fill();
        ctx.fillStyle = C.badgeText; ctx.fillText(txt, q.x + R * 0.55 + bw / 2, q.y - R + 10);
      }
      this.hit.push({ x: q.x, y: q.y, r: R, pid });
    }
    this.drawnProcesses = drawn;

    // messages in flight: the send at index j travels while cursor in [j, j+1)
    const evs = log.events;
    const j = Math.floor(cursor);
    const inflight = [];
    for (let k = Math.max(0, j - (dense ? 0 : 2)); k <= j && k < evs.length; k++) {
      const ev = evs[k];
      if (ev.type !== 'send' && ev.type !== 'exit_signal' && ev.type !== 'down') continue;
      const from = ev.type === 'down' ? ev.other : ev.pid; const to = ev.type === 'down' ? ev.pid : ev.other;
      const a = at(from); const b = at(to);
      if (!a || !b) continue;
      let t = cursor - k; // 0..1 travelling; 1..3 fading (landed)
      if (t > 3) continue;
      inflight.push({ ev, a, b, t, self: from === to });
    }
    for (const m of inflight) {
      const { a, b, ev } = m; const t = Math.min(1, m.t);
      const self = m.self;
      const cx = self ? a.x + 70 : (a.x + b.x) / 2 + (b.y - a.y) * 0.15; const cy = self ? a.y - 40 : (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
      const e = host.reducedMotion() ? 1 : t;
      const x = (1 - e) * (1 - e) * a.x + 2 * (1 - e) * e * cx + e * e * b.x;
      const y = (1 - e) * (1 - e) * a.y + 2 * (1 - e) * e * cy + e * e * b.y;
      const fade = m.t > 1 ? Math.max(0, 1 - (m.t - 1) / 2) : 1;
      ctx.globalAlpha = fade * 0.35; ctx.strokeStyle = ev.type === 'send' ? C.msg : C.status.crashed; ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.quadraticCurveTo(cx, cy, b.x, b.y); ctx.stroke();
      ctx.globalAlpha = fade;
      if (m.t <= 1) {
        ctx.beginPath(); ctx.arc(x, y, dense ? 3 : 7, 0, Math.PI * 2); ctx.fillStyle = ev.type === 'send' ? C.msg : C.status.crashed; ctx.fill();
        if (!dense) {
          const label = ev.type === 'send' ? ev.text : ev.type === 'down' ? ':DOWN' : `EXIT ${ev.text}`;
          ctx.font = '12px ui-monospace, monospace'; ctx.textAlign = 'left';
          const s = label.length > 28 ? label.slice(0, 27) + '…' : label;
          const tw = ctx.measureText(s).width;
          ctx.fillStyle = C.labelBg; roundRect(ctx, x + 10, y - 9, tw + 10, 18, 4); ctx.fill();
          ctx.fillStyle = C.text; ctx.fillText(s, x + 15, y + 4);
          this.hit.push({ x, y, r: 9, msg: ev });
        }
      }
      ctx.globalAlpha = 1;
    }

    // hover tooltip
    const h = this.pick();
    this.hover = h;
    this.canvas.style.cursor = h && h.pid ? 'pointer' : 'default';
    if (h) {
      let lines;
      if (h.pid) {
        const p = world.procs.get(h.pid); const info = log.procs.get(h.pid);
        lines = [`${h.pid}${world.nameOf(h.pid) ? '  :' + world.nameOf(h.pid) : ''}`, `status: ${displayStatus(p, log)}`, `mailbox: ${World.queued(p)}`];
        if (info.parent) lines.push(`spawned by ${shortPid(info.parent)}${info.opts & 1 ? ' (linked)' : ''}${info.opts & 2 ? ' (monitored)' : ''}`);
        if (p.status === 'crashed' || p.status === 'exited') lines.push(`exit reason: ${info.reason}`);
      } else {
        lines = [`${shortPid(h.msg.pid)} → ${shortPid(h.msg.other)}`, h.msg.text];
      }
      tooltip(ctx, this.mouse.x + 14, this.mouse.y + 14, lines, C, this.w, this.h);
    }
    if (!log.order.length) {
      ctx.fillStyle = C.muted; ctx.font = '14px system-ui, sans-serif'; ctx.textAlign = 'center';
      ctx.fillText('Run a program to see its processes', this.w / 2, this.h / 2);
    }
  }
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath(); ctx.moveTo(x + r, y); ctx.arcTo(x + w, y, x + w, y + h, r); ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r); ctx.arcTo(x, y, x + w, y, r); ctx.closePath();
}

function arrowHead(ctx, cx, cy, x, y, R) {
  const ang = Math.atan2(y - cy, x - cx);
  const tx = x - Math.cos(ang) * (R + 2); const ty = y - Math.sin(ang) * (R + 2);
  ctx.setLineDash([]);
  ctx.beginPath(); ctx.moveTo(tx, ty);
  ctx.lineTo(tx - 9 * Math.cos(ang - 0.4), ty - 9 * Math.sin(ang - 0.4));
  ctx.moveTo(tx, ty); ctx.lineTo(tx - 9 * Math.cos(ang + 0.4), ty - 9 * Math.sin(ang + 0.4)); ctx.stroke();
  ctx.setLineDash([5, 4]);
}

function tooltip(ctx, x, y, lines, C, W, H) {
  ctx.font = '12px ui-monospace, monospace'; ctx.textAlign = 'left';
  const wrapped = [];
  for (const l of lines) for (let i = 0; i < l.length || i === 0; i += 60) wrapped.push(l.slice(i, i + 60));
  const w = Math.max(...wrapped.map((l) => ctx.measureText(l).width)) + 16; const h = wrapped.length * 16 + 10;
  if (x + w > W) x = Math.max(2, W - w - 4);
  if (y + h > H) y = Math.max(2, H - h - 4);
  ctx.fillStyle = C.tipBg; ctx.strokeStyle = C.border; ctx.lineWidth = 1;
  roundRect(ctx, x, y, w, h, 6); ctx.fill(); ctx.stroke();
  ctx.fillStyle = C.text;
  wrapped.forEach((l, i) => ctx.fillText(l, x + 8, y + 18 + i * 16));
}
