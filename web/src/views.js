// views.js -- the DOM panels: mailbox, registry, console, sequence, table,
// scheduler lanes. Each render(world, ctx) is a function of the log and the
// integer cursor only.
import { shortPid, World, Log } from './model.js';
import { displayStatus } from './graph.js';

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function label(world, log, pid) {
  const n = world.nameOf(pid) || (log.procs.get(pid)?.names[0]);
  return n ? `:${n}` : shortPid(pid);
}

export function renderMailbox(el, world, log, pid, vtime) {
  if (!pid || !world.procs.has(pid)) {
    el.innerHTML = '<p class="muted">Click a process to see its mailbox.</p>';
    return;
  }
  const p = world.procs.get(pid);
  const st = displayStatus(p, log);
  let html = `<div class="mb-head"><span class="dot" style="background:var(--st-${st})"></span><b>${esc(label(world, log, pid))}</b> <span class="muted">${esc(pid)}</span> · ${st}</div>`;
  const hidden = p.hidden || 0;
  if (p.status === 'waiting') {
    const w = log.events[p.waitIndex];
    let line = p.mailbox.length
      ? `In <code>receive</code>: none of the ${p.mailbox.length} queued message${p.mailbox.length > 1 ? 's' : ''} matches a clause, so they stay queued and the process waits.`
      : 'In <code>receive</code>: the mailbox is empty, waiting for a message.';
    if (w && w.wakeBy === 'timer') {
      const left = Math.max(0, (w.wakeTime - vtime) / 1e6);
      line += ` <span class="after">after: ${left.toFixed(0)} ms left</span>`;
    }
    html += `<p class="recv">${line}</p>`;
  }
  const lr = world.lastReceive.get(pid);
  const lre = lr !== undefined ? log.events[lr] : null;
  const recentReceive = lre && world.cursor - lr <= 3;
  if (recentReceive) {
    html += `<p class="recv matched">Matched <code>${esc(lre.text)}</code> with clause ${lre.extra + 1}` +
      (p.mailbox.length ? `; ${p.mailbox.length} skipped message${p.mailbox.length > 1 ? 's' : ''} stay queued.` : '.') + '</p>';
  }
  if (!p.mailbox.length && !hidden) html += '<p class="muted">Mailbox empty.</p>';
  else if (p.mailbox.length) {
    html += '<ol class="mailbox">';
    for (const m of p.mailbox.slice(0, 200)) {
      const skipped = p.status === 'waiting' || recentReceive;
      html += `<li class="${skipped ? 'skipped' : ''}" title="${esc(m.text)}"><code>${esc(m.text)}</code><span class="muted"> from ${esc(label(world, log, m.from))}${skipped ? ' · skipped' : ''}</span></li>`;
    }
    html += '</ol>';
    if (p.mailbox.length > 200) html += `<p class="muted">… ${p.mailbox.length - 200} more</p>`;
  }
  if (hidden) html += `<p class="muted agg">${hidden.toLocaleString('en')} more message${hidden > 1 ? 's' : ''} queued (the event log is full: counted, not listed)</p>`;
  const info = log.procs.get(pid);
  if ((p.status === 'crashed') && info.report) html += `<pre class="report">${esc(info.report.trim())}</pre>`;
  el.innerHTML = html;
}

export function renderRegistry(el, world, log) {
  if (!world.registry.size) { el.innerHTML = '<p class="muted">No registered names.</p>'; return; }
  let html = '<table><thead><tr><th>name</th><th>pid</th></tr></thead><tbody>';
  for (const [n, pid] of [...world.registry].sort()) html += `<tr data-pid="${esc(pid)}"><td class="name">:${esc(n)}</td><td><code>${esc(shortPid(pid))}</code></td></tr>`;
  el.innerHTML = html + '</tbody></table>';
}

export function renderConsole(el, world, log, colors) {
  const evs = log.events;
  const end = Log.countBelow(log.consoleIdx, world.cursor);
  const key = `${end}|${colors.text}|${log.consoleIdx.length ? log.consoleIdx[0] : -1}`;
  if (el._key === key) return; // nothing new to show
  el._key = key;
  let html = '';
  for (let k = Math.max(0, end - 400); k < end; k++) {
    const e = evs[log.consoleIdx[k]];
    const info = log.procs.get(e.pid);
    const c = info ? colors.proc(info.color) : 'inherit';
    if (e.type === 'exit') {
      html += `<div class="line crash" data-pid="${esc(e.pid)}"><span class="who" style="color:${c}">${esc(shortPid(e.pid))}</span>✖ exited: ${esc(e.text)}</div>`;
      continue;
    }
    const text = e.text.replace(/^\n+|\n$/g, '');
    html += `<div class="line${e.extra === 2 ? ' err' : ''}" data-pid="${esc(e.pid)}"><span class="who" style="color:${c}">${esc(shortPid(e.pid))}</span>${esc(text)}</div>`;
  }
  el.innerHTML = html || '<p class="muted">No output yet.</p>';
  el.scrollTop = el.scrollHeight;
}

/** Sends paired with their receives, up to the cursor (the last `last` of them). */
export function sequence(world, log, last = Infinity) {
  const out = [];
  const end = Log.countBelow(log.seqIdx, world.cursor);
  for (let k = Math.max(0, end - last); k < end; k++) {
    const i = log.seqIdx[k];
    const e = log.events[i];
    if (e.type === 'send' && e.other) out.push({ from: e.pid, to: e.other, text: e.text, i, recv: e.recvIndex !== undefined && e.recvIndex < world.cursor ? e.recvIndex : -1, dead: e.extra === 1 });
    else if (e.type === 'spawn' && e.other) out.push({ from: e.other, to: e.pid, text: 'SPAWN', i, kind: 'spawn', recv: -1 });
    else if (e.type === 'exit_signal') out.push({ from: e.pid, to: e.other, text: `EXIT ${e.text}`, i, kind: 'exit', recv: -1 });
    else if (e.type === 'down') out.push({ from: e.other, to: e.pid, text: `DOWN ${e.text}`, i, kind: 'down', recv: -1 });
  }
  return out;
}

export function toMermaid(world, log) {
  const seq = sequence(world, log);
  const parts = [];
  const id = (pid) => 'P' + pid.replace(/\D+/g, '_').replace(/^_|_$/g, '');
  const lines = ['sequenceDiagram'];
  for (const s of seq) for (const p of [s.from, s.to]) if (!parts.includes(p)) parts.push(p);
  for (const p of parts) {
    const n = log.procs.get(p)?.names[0];
    lines.push(`    participant ${id(p)} as ${n ? ':' + n : shortPid(p)}`);
  }
  for (const s of seq) {
    const kind = s.kind === 'spawn' ? 'SPAWN' : s.kind === 'exit' ? 'EXIT' : s.kind === 'down' ? 'DOWN' : 'INFO';
    const text = (s.kind ? s.text : s.text).replace(/[;#]/g, ' ').replace(/\s+/g, ' ');
    lines.push(`    ${id(s.from)}${s.kind === 'exit' ? '-x' : '->>'}${id(s.to)}: ${kind === 'INFO' ? text : kind + (s.kind === 'spawn' ? '' : ' ' + text.replace(/^\w+ /, ''))}`);
  }
  return lines.join('\n') + '\n';
}

export function renderSequence(el, world, log, colors) {
  const seq = sequence(world, log, 60);
  if (!seq.length) { el.innerHTML = '<p class="muted">No messages yet.</p>'; return; }
  const parts = [];
  for (const s of seq) for (const p of [s.from, s.to]) if (!parts.includes(p)) parts.push(p);
  const colW = 110; const rowH = 26; const W = Math.max(300, parts.length * colW + 20); const H = seq.length * rowH + 50;
  const x = (p) => 20 + parts.indexOf(p) * colW + colW / 2;
  let svg = `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="sequence diagram">`;
  for (const p of parts) {
    const info = log.procs.get(p);
    svg += `<line x1="${x(p)}" y1="30" x2="${x(p)}" y2="${H}" class="life"/><text x="${x(p)}" y="18" text-anchor="middle" class="part" fill="${colors.proc(info?.color ?? 0)}">${esc(label(world, log, p))}</text>`;
  }
  seq.forEach((s, k) => {
    const y = 44 + k * rowH; const x1 = x(s.from); const x2 = x(s.to);
    const cls = s.kind === 'spawn' ? 'spawn' : s.kind ? 'exit' : s.recv >= 0 ? 'msg' : 'msg pending';
    const t = s.text.length > 26 ? s.text.slice(0, 25) + '…' : s.text;
    if (x1 === x2) svg += `<path d="M${x1} ${y - 6} h24 v10 h-20" class="${cls}" fill="none" marker-end="url(#ah)"/>`;
    else svg += `<line x1="${x1}" y1="${y}" x2="${x2 + (x2 > x1 ? -4 : 4)}" y2="${y}" class="${cls}" marker-end="url(#ah)"/>`;
    svg += `<text x="${(x1 + x2) / 2 + (x1 === x2 ? 30 : 0)}" y="${y - 4}" text-anchor="${x1 === x2 ? 'start' : 'middle'}" class="lbl"><title>${esc(s.text)}${s.recv >= 0 ? ' (received)' : s.kind ? '' : ' (still queued)'}</title>${esc(t)}</text>`;
  });
  svg += '<defs><marker id="ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10z" class="ahp"/></marker></defs></svg>';
  el.innerHTML = svg;
}

function fmtBytes(n) { return n < 10240 ? `${n} B` : n < 10485760 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`; }

export function renderTable(el, world, log, sort, snapshot) {
  const rows = [];
  const snap = new Map((snapshot?.processes ?? []).map((p) => [p.pid, p]));
  const names = new Map([...world.registry].map(([n, p]) => [p, n]));
  for (const pid of log.order) {
    const p = world.procs.get(pid);
    if (!p) continue;
    const s = snap.get(pid);
    // live figures from sched_out events (schema v2); else the end-of-run snapshot
    const live = p.reductions !== null && p.reductions !== undefined;
    rows.push({ pid, name: names.get(pid) || '', status: displayStatus(p, log), queue: World.queued(p),
      memory: live ? p.memory : s ? s.heap_bytes ?? s.memory ?? null : null, reductions: live ? p.reductions : s ? s.reductions ?? null : null,
      runs: p.runs, slot: log.procs.get(pid).color });
  }
  const k = sort.key; const dir = sort.dir;
  rows.sort((a, b) => {
    const va = k === 'pid' ? a.slot : a[k]; const vb = k === 'pid' ? b.slot : b[k];
    return (va === vb ? a.slot - b.slot : va > vb ? 1 : -1) * dir;
  });
  const th = (key, t) => `<th data-sort="${key}" tabindex="0" aria-sort="${k === key ? (dir > 0 ? 'ascending' : 'descending') : 'none'}">${t}${k === key ? (dir > 0 ? ' ▲' : ' ▼') : ''}</th>`;
  let html = `<table class="ptable"><thead><tr>${th('pid', 'pid')}${th('name', 'name')}${th('status', 'status')}${th('queue', 'queue')}${th('memory', 'memory')}${th('reductions', 'reductions')}${th('runs', 'runs')}</tr></thead><tbody>`;
  for (const r of rows.slice(0, 500)) {
    html += `<tr data-pid="${esc(r.pid)}"><td><code>${esc(shortPid(r.pid))}</code></td><td class="name">${r.name ? ':' + esc(r.name) : ''}</td><td><span class="dot" style="background:var(--st-${r.status})"></span>${r.status}</td><td class="num">${r.queue}</td><td class="num">${r.memory === null ? '—' : fmtBytes(r.memory)}</td><td class="num">${r.reductions === null ? '—' : r.reductions.toLocaleString('en')}</td><td class="num">${r.runs}</td></tr>`;
  }
  if (rows.length > 500) html += `<tr><td colspan="7" class="muted">… ${rows.length - 500} more</td></tr>`;
  el.innerHTML = html + '</tbody></table>';
}

/** The last run-queue length in samples q ([index, length, ...]) before
 * event index cur (binary search). */
function queueAt(q, cur) {
  if (!q || !q.length || q[0] >= cur) return 0;
  let lo = 0; let hi = q.length / 2 - 1; // pairs: the last one with index < cur
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (q[2 * mid] < cur) lo = mid; else hi = mid - 1; }
  return q[2 * lo + 1];
}

/** Scheduler lanes: x = event index (logical time), one lane per scheduler,
 * coloured by the process it runs, with that scheduler's run-queue length
 * as a step line along the lane's foot; the runnable processes of the whole
 * runtime as a line under the lanes. Drawn from the log's run segments, at
 * most one rectangle per pixel column. */
export function drawLanes(canvas, world, log, colors) {
  const dpr = window.devicePixelRatio || 1; const r = canvas.getBoundingClientRect();
  const W = Math.max(50, r.width); const H = Math.max(40, r.height);
  if (canvas.width !== Math.round(W * dpr)) { canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr); }
  const ctx = canvas.getContext('2d'); ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, W, H);
  const n = Math.max(1, log.events.length); const nS = Math.max(1, log.schedulers);
  const laneH = Math.min(26, (H - 34) / nS); const left = 44;
  const xs = (i) => left + (i / n) * (W - left - 6);
  ctx.font = '11px system-ui, sans-serif'; ctx.fillStyle = colors.muted; ctx.textAlign = 'left';
  const cur = world.cursor;
  // lane labels with the scheduler's run-queue length at the cursor
  for (let s = 0; s < nS; s++) ctx.fillText(`S${s + 1} q${queueAt(log.schedQ[s], cur)}`, 4, 14 + s * laneH + laneH / 2);
  const lastX = new Float64Array(nS).fill(-1);
  const run = (sc, pid, from, to) => {
    if (sc < 0 || sc >= nS) return;
    const x0 = xs(from); const x1 = Math.max(x0 + 1.5, xs(to));
    if (x1 <= lastX[sc] + 0.5) return; // this pixel column is drawn already
    ctx.fillStyle = colors.proc(log.procs.get(pid)?.color ?? 0);
    ctx.fillRect(Math.max(x0, lastX[sc]), 6 + sc * laneH, x1 - Math.max(x0, lastX[sc]), laneH - 4);
    lastX[sc] = x1;
  };
  const segs = log.segments;
  let k = 0;
  for (; k < segs.length && segs[k].to <= cur; k++) run(segs[k].s, segs[k].pid, segs[k].from, segs[k].to);
  // runs still open at the cursor: later segments that began before it, and open ones
  for (let m = k; m < segs.length && m < k + 4 * nS; m++) if (segs[m].from < cur) run(segs[m].s, segs[m].pid, segs[m].from, cur);
  for (const [sc, o] of log.openSeg) if (o.from < cur) run(sc, o.pid, o.from, cur);
  // each scheduler's run queue along its lane's foot, one sample per two
  // pixels, scaled to the largest length seen
  const maxS = Math.max(1, log.schedQMax);
  ctx.strokeStyle = colors.text; ctx.lineWidth = 1;
  for (let s = 0; s < nS; s++) {
    const q = log.schedQ[s];
    if (!q || !q.length || q[0] >= cur) continue;
    const base = 6 + s * laneH + laneH - 5; const h = (laneH - 8) * 0.6;
    ctx.beginPath();
    for (let x = xs(q[0]); x <= xs(cur); x += 2) {
      const y = base - (queueAt(q, Math.min(cur, ((x - left) / (W - left - 6)) * n + 1)) / maxS) * h;
      if (x === xs(q[0])) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  // runnable processes: one sample per two pixels
  const qy0 = H - 4; const qh = Math.max(10, H - 12 - (6 + nS * laneH));
  const pts = []; let maxQ = 1;
  const steps = Math.max(1, Math.floor((xs(cur) - left) / 2));
  for (let t = 0; t <= steps; t++) { const i = Math.min(cur - 1, Math.floor((t / steps) * (cur - 1))); if (i < 0) break; const v = log.qhist[i] ?? 0; pts.push([i, v]); if (v > maxQ) maxQ = v; }
  ctx.fillStyle = colors.muted; ctx.fillText('runnable', 4, qy0 - 2);
  ctx.strokeStyle = colors.accent; ctx.lineWidth = 1.5; ctx.beginPath();
  pts.forEach(([i, v], j) => { const y = qy0 - (v / maxQ) * qh; if (j) ctx.lineTo(xs(i), y); else ctx.moveTo(xs(i), y); });
  ctx.stroke();
  ctx.strokeStyle = colors.text; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(xs(cur), 2); ctx.lineTo(xs(cur), H); ctx.stroke();
}
