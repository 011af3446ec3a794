// views.js -- the DOM panels: mailbox, registry, console, sequence, table,
// scheduler lanes. Each render(world, ctx) is a function of the log and the
// integer cursor only.
import { shortPid } from './model.js';
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
  if (!p.mailbox.length) html += '<p class="muted">Mailbox empty.</p>';
  else {
    html += '<ol class="mailbox">';
    for (const m of p.mailbox) {
      const skipped = p.status === 'waiting' || recentReceive;
      html += `<li class="${skipped ? 'skipped' : ''}" title="${esc(m.text)}"><code>${esc(m.text)}</code><span class="muted"> from ${esc(label(world, log, m.from))}${skipped ? ' · skipped' : ''}</span></li>`;
    }
    html += '</ol>';
  }
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
  const evs = log.events; const n = world.cursor;
  let html = '';
  const parts = [];
  for (let i = 0; i < n; i++) {
    const e = evs[i];
    if (e.type === 'output') parts.push(e);
    else if (e.type === 'exit' && log.procs.get(e.pid)?.crashed) parts.push(e);
  }
  for (const e of parts.slice(-400)) {
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

/** Sends paired with their receives, up to the cursor. */
export function sequence(world, log) {
  const out = [];
  for (let i = 0; i < world.cursor; i++) {
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
  const seq = sequence(world, log).slice(-60);
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

export function renderTable(el, world, log, sort, snapshot) {
  const rows = [];
  const snap = new Map((snapshot?.processes ?? []).map((p) => [p.pid, p]));
  for (const pid of log.order) {
    const p = world.procs.get(pid);
    if (!p) continue;
    const s = snap.get(pid);
    rows.push({ pid, name: world.nameOf(pid) || '', status: displayStatus(p, log), queue: p.mailbox.length,
      memory: s ? s.heap_bytes : null, reductions: s ? s.reductions : null, runs: p.runs, slot: log.procs.get(pid).color });
  }
  const k = sort.key; const dir = sort.dir;
  rows.sort((a, b) => {
    const va = k === 'pid' ? a.slot : a[k]; const vb = k === 'pid' ? b.slot : b[k];
    return (va === vb ? a.slot - b.slot : va > vb ? 1 : -1) * dir;
  });
  const th = (key, t) => `<th data-sort="${key}" tabindex="0" aria-sort="${k === key ? (dir > 0 ? 'ascending' : 'descending') : 'none'}">${t}${k === key ? (dir > 0 ? ' ▲' : ' ▼') : ''}</th>`;
  let html = `<table class="ptable"><thead><tr>${th('pid', 'pid')}${th('name', 'name')}${th('status', 'status')}${th('queue', 'queue')}${th('memory', 'memory')}${th('reductions', 'reductions')}${th('runs', 'runs')}</tr></thead><tbody>`;
  for (const r of rows.slice(0, 500)) {
    html += `<tr data-pid="${esc(r.pid)}"><td><code>${esc(shortPid(r.pid))}</code></td><td class="name">${r.name ? ':' + esc(r.name) : ''}</td><td><span class="dot" style="background:var(--st-${r.status})"></span>${r.status}</td><td class="num">${r.queue}</td><td class="num">${r.memory ?? '—'}</td><td class="num">${r.reductions ?? '—'}</td><td class="num">${r.runs}</td></tr>`;
  }
  if (rows.length > 500) html += `<tr><td colspan="7" class="muted">… ${rows.length - 500} more</td></tr>`;
  el.innerHTML = html + '</tbody></table>';
}

/** Scheduler lanes: x = event index (logical time), one lane per scheduler,
 * coloured by the process it runs; a run-queue line under the lanes. */
export function drawLanes(canvas, world, log, colors) {
  const dpr = window.devicePixelRatio || 1; const r = canvas.getBoundingClientRect();
  const W = Math.max(50, r.width); const H = Math.max(40, r.height);
  if (canvas.width !== Math.round(W * dpr)) { canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr); }
  const ctx = canvas.getContext('2d'); ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, W, H);
  const n = Math.max(1, log.events.length); const nS = Math.max(1, log.schedulers);
  const laneH = Math.min(26, (H - 34) / nS); const left = 44;
  const xs = (i) => left + (i / n) * (W - left - 6);
  ctx.font = '11px system-ui, sans-serif'; ctx.fillStyle = colors.muted; ctx.textAlign = 'left';
  const open = new Map(); let q = 0; const qpts = [];
  let maxQ = 1; const cur = world.cursor;
  for (let s = 0; s < nS; s++) ctx.fillText(`S${s + 1}`, 4, 14 + s * laneH + laneH / 2);
  for (let i = 0; i < cur; i++) {
    const e = log.events[i];
    if (e.type === 'sched_in') open.set(e.sched, { pid: e.pid, i });
    else if (e.type === 'sched_out' || (e.type === 'exit' && open.get(e.sched)?.pid === e.pid)) {
      const o = open.get(e.sched);
      if (o && o.pid === e.pid) {
        ctx.fillStyle = colors.proc(log.procs.get(e.pid)?.color ?? 0);
        ctx.fillRect(xs(o.i), 6 + e.sched * laneH, Math.max(1.5, xs(i) - xs(o.i)), laneH - 4);
        open.delete(e.sched);
      }
    }
    q = log.qhist[i] ?? q;
    if ((i & 3) === 0 || i === cur - 1) { qpts.push([i, q]); if (q > maxQ) maxQ = q; }
  }
  for (const [s, o] of open) { ctx.fillStyle = colors.proc(log.procs.get(o.pid)?.color ?? 0); ctx.fillRect(xs(o.i), 6 + s * laneH, Math.max(2, xs(cur) - xs(o.i)), laneH - 4); }
  const qy0 = H - 4; const qh = Math.max(10, H - 12 - (6 + nS * laneH));
  ctx.fillStyle = colors.muted; ctx.fillText('queue', 4, qy0 - 2);
  ctx.strokeStyle = colors.accent; ctx.lineWidth = 1.5; ctx.beginPath();
  qpts.forEach(([i, v], k) => { const y = qy0 - (v / maxQ) * qh; if (k) ctx.lineTo(xs(i), y); else ctx.moveTo(xs(i), y); });
  ctx.stroke();
  ctx.strokeStyle = colors.text; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(xs(cur), 2); ctx.lineTo(xs(cur), H); ctx.stroke();
}
