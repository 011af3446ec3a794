// graph.js -- the process view on a canvas: nodes, edges, messages in flight.
//
// Layout is stable: a process's place is fixed when it first appears (its
// spawn depth gives the row, its order among siblings' generation the slot),
// so nothing jumps while the story plays or when scrubbing. Positions only
// glide when the panel is resized or a row wraps. Above DENSE processes the
// view draws small squares without labels, edges or message labels.
import { shortPid } from './model.js';

const DENSE = 300;
const HUGE = 3000;

export const STATUS = ['running', 'runnable', 'waiting', 'sleeping', 'exited', 'crashed'];

export function displayStatus(p, log) {
  if (p.status === 'waiting') {
    const w = log.events[p.waitIndex];
    if (w && w.wakeBy === 'timer' && p.mailbox.length === 0) return 'sleeping';
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
    this.pos = new Map(); // pid -> {x, y} drawn (eased)
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

  /** Target positions for every process known to the log. */
  layout() {
    const log = this.host.log;
    const n = log.order.length;
    const dense = n > DENSE;
    const cell = dense ? Math.max(4, Math.min(18, Math.sqrt((this.w * this.h) / (n * 1.6)))) : 124;
    const rowH = dense ? cell : 104;
    const cols = Math.max(1, Math.floor((this.w - 20) / cell));
    const rowsPerDepth = log.rows.map((c) => Math.ceil((c + 1) / cols));
    const depthY = []; let y = dense ? 8 : 56;
    for (let d = 0; d < rowsPerDepth.length; d++) { depthY[d] = y; y += rowsPerDepth[d] * rowH; }
    const contentH = y;
    const scale = !dense && contentH > this.h - 10 ? Math.max(0.35, (this.h - 10) / contentH) : 1;
    const targets = new Map();
    for (const pid of log.order) {
      const p = log.procs.get(pid);
      const rowCount = (log.rows[p.depth] ?? 0) + 1;
      const inRow = Math.min(cols, rowCount);
      const col = p.slot % cols; const sub = Math.floor(p.slot / cols);
      const x0 = (this.w - inRow * cell) / 2 + cell / 2;
      targets.set(pid, { x: x0 + col * cell, y: (depthY[p.depth] + sub * rowH) * scale + (dense ? cell / 2 : 0) });
    }
    return { targets, dense, cell, scale, huge: n > HUGE };
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
    const { targets, dense, cell, scale, huge } = this.layout();
    const ease = host.reducedMotion() ? 1 : 0.25;
    for (const [pid, t] of targets) {
      const p = this.pos.get(pid);
      if (!p) this.pos.set(pid, { x: t.x, y: t.y });
      else { p.x += (t.x - p.x) * ease; p.y += (t.y - p.y) * ease; if (Math.abs(t.x - p.x) > 0.5 || Math.abs(t.y - p.y) > 0.5) host.requestDraw(); }
    }
    this.hit = [];
    const R = dense ? Math.max(1.5, cell * 0.36) : 20 * Math.max(0.6, scale);
    const visible = (pid) => world.procs.has(pid);

    // edges: spawn (thin, arrow), link (thick), monitor (dashed, arrow)
    if (!huge) {
      ctx.lineWidth = 1; ctx.strokeStyle = C.edgeSpawn; ctx.setLineDash([]);
      ctx.beginPath();
      for (const pid of log.order) {
        if (!visible(pid)) continue;
        const info = log.procs.get(pid);
        if (!info.parent || !visible(info.parent)) continue;
        const a = this.pos.get(info.parent); const b = this.pos.get(pid);
        ctx.moveTo(a.x, a.y + R); ctx.lineTo(b.x, b.y - R);
      }
      ctx.stroke();
    }
    if (!dense) {
      ctx.strokeStyle = C.edgeLink; ctx.lineWidth = 3;
      for (const k of world.links.keys()) {
        const [a, b] = k.split('|').map((q) => this.pos.get(q));
        if (!a || !b) continue;
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.quadraticCurveTo((a.x + b.x) / 2, Math.min(a.y, b.y) - 30, b.x, b.y); ctx.stroke();
      }
      ctx.strokeStyle = C.edgeMonitor; ctx.lineWidth = 1.5; ctx.setLineDash([5, 4]);
      for (const m of world.monitors.values()) {
        const a = this.pos.get(m.from); const b = this.pos.get(m.to);
        if (!a || !b) continue;
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.quadraticCurveTo((a.x + b.x) / 2, Math.max(a.y, b.y) + 30, b.x, b.y); ctx.stroke();
        arrowHead(ctx, (a.x + b.x) / 2, Math.max(a.y, b.y) + 30, b.x, b.y, R);
      }
      ctx.setLineDash([]);
    }

    // nodes
    let drawn = 0;
    const sel = host.selected;
    for (const pid of log.order) {
      const p = world.procs.get(pid);
      if (!p) continue;
      const q = this.pos.get(pid);
      const st = displayStatus(p, log);
      const col = C.status[st];
      drawn++;
      if (dense) {
        ctx.fillStyle = col;
        ctx.fillRect(q.x - R, q.y - R, R * 2, R * 2);
        if (p.mailbox.length && R > 3) { ctx.fillStyle = C.badge; ctx.fillRect(q.x + R * 0.2, q.y - R, R * 0.8, R * 0.8); }
        if (!huge) this.hit.push({ x: q.x, y: q.y, r: R, pid });
        continue;
      }
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
      if (p.mailbox.length) {
        const txt = String(p.mailbox.length); ctx.font = 'bold 11px system-ui, sans-serif';
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
      const a = this.pos.get(from); const b = this.pos.get(to);
      if (!a || !b) continue;
      let t = cursor - k; // 0..1 travelling; 1..3 fading (landed)
      if (t > 3) continue;
      inflight.push({ ev, a, b, t });
    }
    for (const m of inflight) {
      const { a, b, ev } = m; const t = Math.min(1, m.t);
      const self = a === b;
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
        lines = [`${h.pid}${world.nameOf(h.pid) ? '  :' + world.nameOf(h.pid) : ''}`, `status: ${displayStatus(p, log)}`, `mailbox: ${p.mailbox.length}`];
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
