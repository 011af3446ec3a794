// element.js -- <beamlet-playground>: the playground and the embed are the
// same element; the page (index.html) shows every view.
//
// Attributes: code | src | trace (JSON-lines URL, replayed without wasm) |
// autoplay | speed | views ("editor,graph,mailbox,registry,table,sequence,
// lanes,console,controls,interact" or "all") | editable | theme
// (light|dark|auto) | height | seed | schedulers (real-time runs) |
// deterministic ("false": real time, threads where the page is isolated) |
// max-events (the event log's cap) | examples (show the menu) | share.
// JS API: play(), pause(), step(), stepBack(), seek(index), run(), stop(),
// load(code), loadTrace(text), .log, .player.
import { Log, SOFT_CAP } from './model.js';
import { Player, SPEEDS } from './player.js';
import { GraphView, STATUS } from './graph.js';
import { parseJsonLines, toJsonLines } from './events.js';
import { renderMailbox, renderRegistry, renderConsole, renderSequence, renderTable, drawLanes, toMermaid } from './views.js';
import { EXAMPLES, findExample } from './examples.js';
import { css, hlVars } from './styles.js';
import { startRun, loadPackage } from './runner.js';

const ALL_VIEWS = ['editor', 'graph', 'mailbox', 'registry', 'table', 'sequence', 'lanes', 'console', 'controls', 'interact'];
const BASE = import.meta.url;
const PALETTE_LIGHT = ['#6d28d9', '#0369a1', '#b45309', '#047857', '#be185d', '#4338ca', '#a16207', '#0f766e', '#9f1239', '#7e22ce'];
const PALETTE_DARK = ['#c4b5fd', '#7dd3fc', '#fcd34d', '#6ee7b7', '#f9a8d4', '#a5b4fc', '#fde68a', '#5eead4', '#fda4af', '#e9d5ff'];

export class BeamletPlayground extends HTMLElement {
  static get observedAttributes() { return ['theme', 'height', 'speed']; }

  constructor() {
    super();
    this.log = this.newLog();
    this.player = new Player(this.log);
    this.selected = null;
    this.sort = { key: 'pid', dir: 1 };
    this.run_ = null;
    this.snapshot_ = null;
    this.lastDrawn = -1;
    this.needDraw = true;
    this.frames = 0;
    this.firstProcessAt = 0;
  }

  get views() {
    const v = (this.getAttribute('views') || 'graph,mailbox,console,controls').split(/[\s,]+/).filter(Boolean);
    return new Set(v.includes('all') ? ALL_VIEWS : v);
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const v = this.views;
    this.code = this.initialCode();
    const editable = this.hasAttribute('editable') && this.getAttribute('editable') !== 'false';
    const showEditor = v.has('editor');
    const side = ['mailbox', 'registry', 'table', 'sequence'].filter((k) => v.has(k));
    const speedAttr = this.getAttribute('speed');
    if (speedAttr) this.player.speed = speedAttr === 'max' ? Infinity : Number(speedAttr) || 1;
    root.innerHTML = `<style>${css}${hlVars}</style>
<div class="root" part="root">
  <div class="bar" role="toolbar" aria-label="beamlet playground">
    ${v.has('editor') && this.hasAttribute('examples') ? `<select class="examples" aria-label="examples"><option value="">Examples…</option>${EXAMPLES.map((e) => `<option value="${e.id}">${e.title}</option>`).join('')}</select>` : ''}
    <button class="run primary" title="Run (Ctrl+Enter)">▶ Run</button>
    <button class="stop" title="Stop" disabled>■ Stop</button>
    ${v.has('editor') ? `<label class="status" title="A new seed: interleavings may differ"><input type="checkbox" class="shuffle"> shuffle</label>
    <label class="status" title="On: one scheduler, virtual time, the same story every run. Off: real time, several schedulers (Web Workers) where the page is cross-origin isolated"><input type="checkbox" class="determ" ${this.getAttribute('deterministic') === 'false' ? '' : 'checked'}> deterministic</label>
    <select class="nsched" aria-label="schedulers" title="schedulers for real-time runs" ${this.getAttribute('deterministic') === 'false' ? '' : 'hidden'}>${[1, 2, 3, 4, 6, 8].map((k) => `<option value="${k}" ${k === (Number(this.getAttribute('schedulers')) || 2) ? 'selected' : ''}>${k} scheduler${k > 1 ? 's' : ''}</option>`).join('')}</select>` : ''}
    <span class="sep"></span>
    <button class="back" title="Step back (←)" aria-label="step back">◀▏</button>
    <button class="play" title="Play/pause (space)" aria-label="play">▶</button>
    <button class="fwd" title="Step (→)" aria-label="step">▕▶</button>
    <input type="range" class="scrub" min="0" max="0" step="1" value="0" aria-label="event position">
    <span class="pos">0 / 0</span>
    <select class="speed" aria-label="speed">${SPEEDS.map((s) => `<option value="${s}">${s === Infinity ? 'max' : s + '×'}</option>`).join('')}</select>
    ${this.hasAttribute('share') ? '<button class="share" title="Copy a link with this code">Share</button>' : ''}
    <button class="theme" title="Theme: auto / light / dark" aria-label="theme">◐</button>
    <span class="status msg" role="status" aria-live="polite"></span>
    <span class="status lognote" role="note" hidden></span>
  </div>
  <div class="main">
    ${showEditor ? '<div class="col"><div class="editor"></div></div>' : ''}
    <div class="col">
      <div class="graphwrap"><canvas class="graph" tabindex="0" aria-label="process view"></canvas>
        <div class="legend">${STATUS.map((s) => `<span><i class="dot" style="background:var(--st-${s})"></i>${s}</span>`).join('')}<span>— spawn</span><span style="color:var(--edge-link)">━ link</span><span style="color:var(--edge-monitor)">┄ monitor</span></div></div>
      ${v.has('lanes') ? '<canvas class="lanes" aria-label="scheduler lanes"></canvas>' : ''}
      ${v.has('console') ? '<div class="console" aria-label="console" aria-live="off"></div>' : ''}
      ${v.has('interact') ? `<form class="interact"><span>send</span><input class="to" placeholder=":name or <0.3.0>" aria-label="target"><input class="term" placeholder="{:hello, 1}" aria-label="term"><button type="submit">Send</button>
        <span class="sep"></span><span>kill selected with</span><input class="reason" value=":kill" aria-label="reason"><button type="button" class="kill">Kill</button></form>` : ''}
    </div>
    ${side.length ? `<div class="col"><div class="tabs" role="tablist">${side.map((k, i) => `<button role="tab" data-tab="${k}" aria-selected="${i === 0}">${k === 'table' ? 'processes' : k}</button>`).join('')}${v.has('sequence') ? '' : ''}</div>
      ${side.map((k, i) => `<div class="panel ${k}" role="tabpanel" ${i ? 'hidden' : ''}></div>`).join('')}
      ${v.has('sequence') ? '<div class="interact seqbar"><button type="button" class="mermaid">Copy Mermaid</button><button type="button" class="download">Download trace</button></div>' : ''}</div>` : ''}
  </div>
</div>`;
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    const cols = [showEditor ? 'minmax(260px, 0.9fr)' : null, 'minmax(280px, 1.5fr)', side.length ? 'minmax(240px, 0.8fr)' : null].filter(Boolean);
    $('.main').style.setProperty('--cols', cols.join(' '));
    this.applyTheme(); this.applyHeight();
    this.graph = new GraphView($('canvas.graph'), this);
    this.ro = new ResizeObserver(() => { this.graph.resize(); this.needDraw = true; });
    this.ro.observe($('.graphwrap'));
    this.mq = matchMedia('(prefers-color-scheme: dark)');
    this.mq.addEventListener?.('change', () => this.applyTheme());
    this.rm = matchMedia('(prefers-reduced-motion: reduce)');

    $('.run').onclick = () => this.run();
    $('.stop').onclick = () => this.stop();
    $('.back').onclick = () => this.stepBack();
    $('.fwd').onclick = () => this.step();
    $('.play').onclick = () => (this.player.playing ? this.pause() : this.play());
    $('.scrub').oninput = (e) => this.seek(Number(e.target.value));
    $('.speed').value = String(this.player.speed);
    $('.speed').onchange = (e) => this.player.setSpeed(Number(e.target.value));
    $('.theme').onclick = () => { const order = ['auto', 'light', 'dark']; const cur = this.getAttribute('theme') || 'auto'; this.setAttribute('theme', order[(order.indexOf(cur) + 1) % 3]); };
    $('.share')?.addEventListener('click', () => this.share());
    $('.determ')?.addEventListener('change', (e) => { $('.nsched').hidden = e.target.checked; });
    $('.examples')?.addEventListener('change', (e) => { const ex = EXAMPLES.find((x) => x.id === e.target.value); if (ex) { this.setCode(ex.code); this.run(); } });
    root.querySelectorAll('.tabs button').forEach((b) => { b.onclick = () => this.showTab(b.dataset.tab); });
    $('.panel.table')?.addEventListener('click', (e) => {
      const th = e.target.closest('th[data-sort]');
      if (th) { const k = th.dataset.sort; this.sort = { key: k, dir: this.sort.key === k ? -this.sort.dir : 1 }; this.needDraw = true; this.lastDrawn = -1; return; }
      const tr = e.target.closest('tr[data-pid]'); if (tr) this.select(tr.dataset.pid);
    });
    $('.panel.table')?.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.target.closest('th')?.click(); });
    $('.panel.registry')?.addEventListener('click', (e) => { const tr = e.target.closest('tr[data-pid]'); if (tr) this.select(tr.dataset.pid); });
    $('.console')?.addEventListener('click', (e) => { const l = e.target.closest('[data-pid]'); if (l) this.select(l.dataset.pid); });
    $('.mermaid')?.addEventListener('click', () => this.copyText(toMermaid(this.log.worldAt(this.player.cursor), this.log), 'Mermaid sequenceDiagram copied'));
    $('.download')?.addEventListener('click', () => this.downloadTrace());
    $('form.interact')?.addEventListener('submit', (e) => { e.preventDefault(); this.sendTerm($('.interact .to').value, $('.interact .term').value); });
    $('.interact .kill')?.addEventListener('click', () => this.kill(this.selected, $('.interact .reason').value));
    this.addEventListener('keydown', (e) => this.onKey(e));
    this.player.onChange(() => { this.needDraw = true; });
    this.log.onChange(() => { this.needDraw = true; });

    // an autoplayed live run goes first: start fetching the runtime now, and
    // let the editor's chunk wait until the first process is drawn (the code
    // shows as plain text meanwhile)
    const autoRun = this.hasAttribute('autoplay') && !this.hasAttribute('trace') && this.code;
    if (autoRun) loadPackage(BASE).catch(() => {});
    if (showEditor) {
      if (autoRun) {
        this.$('.editor').innerHTML = '<pre class="plain"></pre>';
        this.$('.editor pre').textContent = this.code;
        const mount = () => { if (!this.editorMounting) { this.editorMounting = true; this.mountEditor(editable); } };
        this.addEventListener('firstprocess', mount, { once: true });
        setTimeout(mount, 1500);
      } else this.mountEditor(editable);
    }
    this.loop = this.loop.bind(this);
    this.prevT = performance.now();
    this.raf = requestAnimationFrame(this.loop);
    this.start();
  }

  disconnectedCallback() { cancelAnimationFrame(this.raf); this.ro?.disconnect(); this.run_?.stop(); }

  attributeChangedCallback(name) {
    if (!this.shadowRoot) return;
    if (name === 'theme') this.applyTheme();
    if (name === 'height') this.applyHeight();
    if (name === 'speed') { const s = this.getAttribute('speed'); this.player.setSpeed(s === 'max' ? Infinity : Number(s) || 1); }
  }

  initialCode() {
    const hash = location.hash.match(/[#&]code=([^&]*)/);
    if (hash && this.hasAttribute('share')) { try { return decodeURIComponent(escape(atob(hash[1].replace(/-/g, '+').replace(/_/g, '/')))); } catch { /* fall through */ } }
    const script = this.querySelector('script[type="text/elixir"]');
    if (script) return dedent(script.textContent);
    if (this.hasAttribute('code')) return this.getAttribute('code');
    if (this.hasAttribute('examples')) return EXAMPLES[0].code;
    return '';
  }

  async start() {
    if (this.hasAttribute('src') && !this.querySelector('script[type="text/elixir"]')) {
      try { this.setCode(await (await fetch(new URL(this.getAttribute('src'), document.baseURI))).text()); } catch (e) { this.setStatus(`could not load ${this.getAttribute('src')}: ${e.message}`, true); }
    }
    if (this.hasAttribute('trace')) {
      try {
        const text = await (await fetch(new URL(this.getAttribute('trace'), document.baseURI))).text();
        this.loadTrace(text);
        if (this.hasAttribute('autoplay')) this.play();
      } catch (e) { this.setStatus(`could not load the trace: ${e.message}`, true); }
      return;
    }
    if (this.hasAttribute('autoplay') && this.code) this.run();
  }

  async mountEditor(editable) {
    const host = this.$('.editor');
    host.innerHTML = `<pre class="plain"></pre>`;
    host.firstChild.textContent = this.code;
    try {
      const { createEditor } = await import('./editor.js');
      host.innerHTML = '';
      this.editor = createEditor(host, this.code, { editable, root: this.shadowRoot, onRun: () => this.run(), onChange: (s) => { this.code = s; } });
    } catch (e) { this.setStatus(`editor failed to load: ${e.message}`, true); }
  }

  setCode(code) { this.code = code; if (this.editor) this.editor.value = code; else if (this.$('.editor pre')) this.$('.editor pre').textContent = code; }
  load(code) { this.setCode(code); }

  // ---- runs -------------------------------------------------------------
  reset() {
    this.run_?.stop?.();
    this.run_ = null;
    this.log = this.newLog();
    this.player.log = this.log;
    this.player.cursor = 0;
    this.log.onChange(() => { this.needDraw = true; });
    this.graph.placed = 0; this.graph.lay = null;
    this.selected = null;
    this.snapshot_ = null;
    this.lastDrawn = -1;
    this.firstProcessAt = 0;
    this.noteKey = '';
  }

  newLog() { return new Log({ cap: Number(this.getAttribute('max-events')) || SOFT_CAP }); }

  /** The log is complete (the run ended or stopped): fold in what is pending. */
  endLog(log = this.log) {
    log.flush();
    log.ended = true;
    this.needDraw = true;
  }

  loadTrace(text) {
    this.reset();
    const { events } = parseJsonLines(text);
    this.log.append(events);
    this.endLog();
    this.setStatus(`replaying a recorded trace (${events.length} events)`);
    this.dispatchEvent(new CustomEvent('loaded', { detail: { events: events.length } }));
  }

  async run() {
    this.reset();
    const code = this.code;
    const seed = this.$('.shuffle')?.checked ? (Math.random() * 2 ** 31) >>> 0 : Number(this.getAttribute('seed') || 1);
    const determ = this.$('.determ') ? this.$('.determ').checked : this.getAttribute('deterministic') !== 'false';
    const nsched = Number(this.$('.nsched')?.value || this.getAttribute('schedulers') || 2);
    this.setStatus('starting…');
    this.$('.stop').disabled = false;
    this.runStarted = performance.now();
    const log = this.log; // events of an older run never reach a newer log
    const gen = this.gen = (this.gen || 0) + 1;
    const current = () => this.log === log && this.gen === gen;
    try {
      const run = await startRun(BASE, code, {
        seed, deterministic: determ, schedulers: determ ? 0 : nsched,
        onEvents: (evs, dropped) => { if (current()) { log.runtimeDropped = dropped || 0; log.append(evs); } },
        // an older run ending (or rejecting after its Stop) must not end this one
        onDone: () => { if (!current()) return; this.endLog(); this.$('.stop').disabled = true; this.setStatus(`done (${this.log.seen.toLocaleString('en')} events; ${this.modeText || 'deterministic'})`); this.refreshSnapshot(); },
        onError: (e) => { if (!current()) return; this.endLog(); this.$('.stop').disabled = true; this.setStatus(String(e.message || e), true); },
      });
      if (!current()) { run.stop(); return; } // a newer Run or a Stop came meanwhile
      this.run_ = run;
      this.runMode = run.mode;
      this.modeText = run.mode === 'threads' ? `real time, ${run.schedulers} schedulers as Web Workers`
        : !determ ? 'real time, 1 scheduler: several need a cross-origin-isolated page' : `deterministic, seed ${seed}`;
      this.setStatus(`running (${this.modeText})`);
    } catch (e) {
      // No runtime here (the package is not built or cannot load): replay the
      // recorded trace of a known example instead.
      if (!current()) return;
      const ex = findExample(code);
      this.$('.stop').disabled = true;
      if (ex) {
        this.log.append(parseJsonLines(ex.trace).events);
        this.endLog();
        this.setStatus(`recorded run of “${ex.title}” (live runtime unavailable: ${e.message})`);
      } else {
        this.setStatus(`the runtime could not load: ${e.message}`, true);
        return;
      }
    }
    this.play();
  }

  async stop() {
    this.gen = (this.gen || 0) + 1; // a run still starting, or still sending events, is now stale
    const run = this.run_; this.run_ = null;
    const log = this.log;
    this.$('.stop').disabled = true; this.endLog(log); this.setStatus('stopping…');
    await run?.stop();
    this.setStatus(`stopped (${log.seen.toLocaleString('en')} events)`);
  }

  async refreshSnapshot() { try { const s = await this.run_?.snapshot(); this.snapshot_ = typeof s === 'string' ? JSON.parse(s) : s; this.lastDrawn = -1; } catch { /* none */ } }

  async sendTerm(to, term) {
    if (!this.run_) { this.setStatus('send needs a live run', true); return; }
    try { await this.run_.send(to.trim(), term); this.setStatus(`sent ${term.trim()} to ${to.trim()}`); } catch (e) { this.setStatus(`send failed: ${e.message}`, true); }
  }

  async kill(pid, reason) {
    if (!pid) { this.setStatus('select a process first', true); return; }
    if (!this.run_) { this.setStatus('kill needs a live run', true); return; }
    try { await this.run_.kill(pid, reason); this.setStatus(`sent exit ${reason} to ${pid}`); } catch (e) { this.setStatus(`kill failed: ${e.message}`, true); }
  }

  // ---- playback API ----------------------------------------------------
  play() { this.player.play(); }
  pause() { this.player.pause(); }
  step() { this.player.step(); }
  stepBack() { this.player.stepBack(); }
  seek(i) { this.player.pause(); this.player.seek(i); }
  select(pid) { this.selected = pid; this.lastDrawn = -1; this.needDraw = true; if (pid && this.views.has('mailbox')) this.showTab('mailbox'); }
  requestDraw() { this.needDraw = true; }
  reducedMotion() { return this.rm.matches; }

  showTab(k) {
    const r = this.shadowRoot;
    if (!r.querySelector(`.panel.${k}`)) return;
    r.querySelectorAll('.tabs button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === k)));
    r.querySelectorAll('.panel').forEach((p) => { p.hidden = !p.classList.contains(k); });
    this.lastDrawn = -1; this.needDraw = true;
  }

  onKey(e) {
    if (e.composedPath().some((n) => n.classList?.contains?.('cm-editor')) || ['INPUT', 'SELECT'].includes(e.composedPath()[0]?.tagName)) return;
    if (e.key === ' ') { e.preventDefault(); this.player.toggle(); } else if (e.key === 'ArrowRight') { e.preventDefault(); this.step(); } else if (e.key === 'ArrowLeft') { e.preventDefault(); this.stepBack(); } else if (e.key === 'Home') { this.seek(0); } else if (e.key === 'End') { this.seek(this.log.events.length); } else if (e.key === 'Escape') { this.select(null); }
  }

  // ---- look --------------------------------------------------------------
  applyTheme() {
    const t = this.getAttribute('theme') || 'auto';
    const dark = t === 'dark' || (t === 'auto' && this.mq?.matches);
    this.dataset.theme = dark ? 'dark' : 'light';
    this._colors = null; this.needDraw = true; this.lastDrawn = -1;
  }
  applyHeight() { const h = this.getAttribute('height'); if (h) this.style.setProperty('--bp-height', /^\d+$/.test(h) ? h + 'px' : h); }

  colors() {
    if (this._colors) return this._colors;
    const cs = getComputedStyle(this);
    const g = (n) => cs.getPropertyValue(n).trim();
    const pal = this.dataset.theme === 'dark' ? PALETTE_DARK : PALETTE_LIGHT;
    this._colors = {
      text: g('--text'), muted: g('--muted'), accent: g('--accent'), border: g('--border'), nodeBg: g('--bg'), tipBg: g('--panel'), labelBg: g('--panel'),
      badge: g('--badge'), badgeText: g('--badge-text'), msg: g('--msg'), edgeSpawn: g('--edge-spawn'), edgeLink: g('--edge-link'), edgeMonitor: g('--edge-monitor'),
      status: Object.fromEntries(STATUS.map((s) => [s, g(`--st-${s}`)])),
      proc: (i) => pal[i % pal.length],
    };
    return this._colors;
  }

  setStatus(msg, error = false) { const el = this.$('.msg'); if (el) { el.textContent = msg; el.classList.toggle('error', error); } }

  // ---- frame loop --------------------------------------------------------
  loop(t) {
    this.raf = requestAnimationFrame(this.loop);
    const dt = Math.min(100, t - this.prevT); this.prevT = t;
    const log = this.log;
    if (log.pending && performance.now() - log.pendingSince > 150) { log.flush(); this.needDraw = true; }
    if (this.player.tick(dt)) this.needDraw = true;
    if (!this.needDraw) return;
    this.needDraw = false;
    this.frames++;
    const c = this.player.cursor;
    const world = this.log.worldAt(c);
    this.graph.draw(world, c);
    if (this.player.playing && c < this.log.events.length) this.needDraw = true;
    if (!this.firstProcessAt && this.graph.drawnProcesses > 0) {
      this.firstProcessAt = performance.now();
      this.dispatchEvent(new CustomEvent('firstprocess', { detail: { at: this.firstProcessAt } }));
    }
    const ci = Math.floor(c);
    const $ = this.$;
    const n = this.log.events.length;
    const scrub = $('.scrub'); scrub.max = String(n); if (document.activeElement !== this || this.shadowRoot.activeElement !== scrub) scrub.value = String(ci);
    $('.pos').textContent = `${ci} / ${n}${this.log.ended ? '' : ' …'}`;
    $('.play').textContent = this.player.playing ? '❚❚' : '▶';
    $('.play').setAttribute('aria-label', this.player.playing ? 'pause' : 'play');
    this.showLogNote();
    const vt = this.player.virtualTime();
    if (ci === this.lastDrawn && !(world.procs.get(this.selected)?.status === 'waiting')) return;
    // while the story moves on quickly, the DOM panels follow at most ~8 times a second
    if (this.player.playing && this.lastDrawn >= 0 && t - (this.panelsAt || 0) < 120) { this.needDraw = true; return; }
    this.panelsAt = t;
    this.lastDrawn = ci;
    const C = this.colors();
    const v = this.views;
    const vis = (k) => v.has(k) && !$(`.panel.${k}`)?.hidden;
    if (vis('mailbox')) renderMailbox($('.panel.mailbox'), world, this.log, this.selected, vt);
    if (vis('registry')) renderRegistry($('.panel.registry'), world, this.log);
    if (vis('table')) { renderTable($('.panel.table'), world, this.log, this.sort, this.snapshot_); $('.panel.table').querySelectorAll('tr[data-pid]').forEach((tr) => tr.classList.toggle('sel', tr.dataset.pid === this.selected)); }
    if (vis('sequence')) renderSequence($('.panel.sequence'), world, this.log, C);
    if (v.has('console')) renderConsole($('.console'), world, this.log, C);
    if (v.has('lanes')) drawLanes($('canvas.lanes'), world, this.log, C);
    this.dispatchEvent(new CustomEvent('frame', { detail: { cursor: ci } }));
  }

  /** Say how many events the bounded log folded or dropped. */
  showLogNote() {
    const log = this.log;
    const key = `${log.aggregated}|${log.dropped}|${log.runtimeDropped}`;
    if (key === this.noteKey) return;
    this.noteKey = key;
    const el = this.$('.lognote');
    const f = (x) => x.toLocaleString('en');
    const parts = [];
    if (log.aggregated) parts.push(`${f(log.aggregated)} sends, receives and scheduling events aggregated into summaries`);
    if (log.dropped) parts.push(`${f(log.dropped)} events dropped`);
    if (log.runtimeDropped) parts.push(`${f(log.runtimeDropped)} events lost by the runtime's full trace buffers`);
    el.hidden = !parts.length;
    el.textContent = parts.length ? `Event log capped at ${f(log.cap)}: ${parts.join('; ')}.` : '';
    el.title = 'The page keeps a bounded event log so that floods cannot exhaust memory; counts and mailbox lengths stay right, individual events past the cap are not listed.';
  }

  // ---- sharing -----------------------------------------------------------
  share() {
    const b64 = btoa(unescape(encodeURIComponent(this.code))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const url = `${location.origin}${location.pathname}#code=${b64}`;
    history.replaceState(null, '', url);
    this.copyText(url, 'Share link copied (the code is in the URL)');
  }
  copyText(text, msg) {
    this.lastCopied = text;
    navigator.clipboard?.writeText(text).then(() => this.setStatus(msg), () => this.setStatus(msg.replace('copied', 'ready (clipboard blocked)')));
  }
  downloadTrace() {
    const blob = new Blob([toJsonLines(this.log.events, { schedulers: this.log.schedulers })], { type: 'application/x-ndjson' });
    const a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = 'beamlet-trace.jsonl'; a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}

function dedent(s) {
  const lines = s.replace(/^\n+|\s+$/g, '').split('\n');
  const ind = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^\s*/)[0].length));
  return lines.map((l) => l.slice(ind)).join('\n') + '\n';
}

if (!customElements.get('beamlet-playground')) customElements.define('beamlet-playground', BeamletPlayground);
