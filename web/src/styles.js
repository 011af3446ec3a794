// styles.js -- the element's stylesheet (light and dark via CSS variables).
export const css = `
:host { --bg:#ffffff; --panel:#f6f7f9; --border:#d9dde3; --text:#1d2330; --muted:#6b7280; --accent:#6d28d9;
  --st-running:#16a34a; --st-runnable:#84cc16; --st-waiting:#2563eb; --st-sleeping:#0891b2; --st-exited:#9ca3af; --st-crashed:#dc2626;
  --badge:#f59e0b; --badge-text:#1d2330; --msg:#db2777; --edge-spawn:#c3c8d0; --edge-link:#7c3aed; --edge-monitor:#0891b2;
  --code-bg:#fbfbfc;
  display:block; color:var(--text); background:var(--bg); font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  border:1px solid var(--border); border-radius:10px; overflow:hidden; height: var(--bp-height, 560px); box-sizing:border-box; }
:host([data-theme=dark]) { --bg:#14161c; --panel:#1c1f27; --border:#323744; --text:#e6e8ee; --muted:#9aa3b2; --accent:#a78bfa;
  --st-running:#22c55e; --st-runnable:#a3e635; --st-waiting:#60a5fa; --st-sleeping:#22d3ee; --st-exited:#6b7280; --st-crashed:#f87171;
  --badge:#fbbf24; --badge-text:#14161c; --msg:#f472b6; --edge-spawn:#3f4553; --edge-link:#a78bfa; --edge-monitor:#22d3ee; --code-bg:#181a21; }
* { box-sizing:border-box; }
.root { display:flex; flex-direction:column; height:100%; }
.bar { display:flex; flex-wrap:wrap; align-items:center; gap:6px; padding:6px 8px; background:var(--panel); border-bottom:1px solid var(--border); }
.bar .sep { width:1px; height:22px; background:var(--border); margin:0 4px; }
.bar .grow { flex:1; }
button, select, input { font:inherit; color:var(--text); background:var(--bg); border:1px solid var(--border); border-radius:6px; padding:3px 8px; }
button { cursor:pointer; min-width:30px; }
button:hover:not(:disabled) { border-color:var(--accent); }
button:focus-visible, select:focus-visible, input:focus-visible, th:focus-visible, canvas:focus-visible { outline:2px solid var(--accent); outline-offset:1px; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
button:disabled { opacity:.45; cursor:default; }
input[type=range] { flex:1; min-width:120px; padding:0; accent-color:var(--accent); }
.pos { font:12px ui-monospace, monospace; color:var(--muted); min-width:120px; text-align:right; }
.main { flex:1; display:grid; grid-template-columns: var(--cols, 1fr); min-height:0; }
.col { display:flex; flex-direction:column; min-height:0; min-width:0; border-right:1px solid var(--border); }
.col:last-child { border-right:none; }
.editor { flex:1; min-height:120px; overflow:auto; background:var(--code-bg); }
.editor .cm-editor { height:100%; font-size:13px; }
.editor pre.plain { margin:0; padding:8px; font:13px ui-monospace, monospace; white-space:pre; }
.graphwrap { flex:1; position:relative; min-height:160px; }
canvas.graph { position:absolute; inset:0; width:100%; height:100%; display:block; }
.legend { position:absolute; left:8px; bottom:6px; font-size:11px; color:var(--muted); display:flex; flex-wrap:wrap; gap:8px; pointer-events:none; }
.legend span { display:inline-flex; align-items:center; gap:3px; }
.dot { display:inline-block; width:9px; height:9px; border-radius:50%; margin-right:4px; vertical-align:middle; }
.tabs { display:flex; gap:2px; padding:4px 6px 0; background:var(--panel); border-bottom:1px solid var(--border); flex-wrap:wrap; }
.tabs button { border:none; border-radius:6px 6px 0 0; background:transparent; padding:4px 9px; font-size:13px; }
.tabs button[aria-selected=true] { background:var(--bg); border:1px solid var(--border); border-bottom-color:var(--bg); margin-bottom:-1px; font-weight:600; }
.panel { flex:1; overflow:auto; padding:8px 10px; min-height:80px; font-size:13px; }
.panel[hidden] { display:none; }
.muted { color:var(--muted); }
code, pre { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12px; }
.mb-head { margin-bottom:6px; }
ol.mailbox { padding-left:22px; margin:4px 0; }
ol.mailbox li { padding:3px 6px; margin:2px 0; border-left:3px solid var(--badge); background:var(--panel); border-radius:3px; }
ol.mailbox li.skipped { border-left-color:var(--st-waiting); }
.recv { margin:4px 0; padding:5px 8px; border-radius:6px; background:var(--panel); }
.recv.matched { border-left:3px solid var(--st-running); }
.after { color:var(--st-sleeping); font-weight:600; margin-left:6px; }
pre.report { color:var(--st-crashed); white-space:pre-wrap; background:var(--panel); padding:6px; border-radius:6px; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--border); white-space:nowrap; }
th { cursor:pointer; user-select:none; font-weight:600; position:sticky; top:0; background:var(--bg); }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
td.name { color:var(--accent); font-weight:600; }
tr[data-pid] { cursor:pointer; }
tr.sel { background:color-mix(in srgb, var(--accent) 14%, transparent); }
.console { font:12px/1.45 ui-monospace, monospace; background:var(--code-bg); border-top:1px solid var(--border); overflow:auto; padding:6px 8px; height:var(--console-h, 120px); flex:none; }
.console .line { white-space:pre-wrap; }
.console .who { display:inline-block; min-width:62px; margin-right:6px; font-weight:600; }
.console .err, .console .crash { color:var(--st-crashed); }
.lanes { height:var(--lanes-h, 64px); width:100%; display:block; border-top:1px solid var(--border); flex:none; }
svg .life { stroke:var(--border); stroke-dasharray:3 3; }
svg .part { font:600 12px system-ui, sans-serif; }
svg .msg { stroke:var(--msg); stroke-width:1.5; }
svg .msg.pending { stroke-dasharray:4 3; }
svg .spawn { stroke:var(--muted); stroke-width:1; }
svg .exit { stroke:var(--st-crashed); stroke-width:1.5; }
svg .lbl { font:11px ui-monospace, monospace; fill:var(--text); }
svg .ahp { fill:var(--muted); }
.interact { display:flex; flex-wrap:wrap; gap:6px; align-items:center; padding:6px 8px; border-top:1px solid var(--border); background:var(--panel); font-size:12px; }
.interact input { width:120px; }
.interact input.term { flex:1; min-width:120px; }
.status { font-size:12px; color:var(--muted); padding:0 4px; }
.status.error { color:var(--st-crashed); }
.hidden { display:none !important; }
@media (prefers-reduced-motion: reduce) { * { transition:none !important; animation:none !important; } }
`;
export const hlVars = `
:host { --hl-kw:#7c3aed; --hl-atom:#0e7490; --hl-str:#15803d; --hl-num:#b45309; --hl-comment:#6b7280; --hl-fn:#1d4ed8; --hl-mod:#9333ea; --hl-attr:#be185d; --hl-op:#475569; }
:host([data-theme=dark]) { --hl-kw:#c4b5fd; --hl-atom:#67e8f9; --hl-str:#86efac; --hl-num:#fcd34d; --hl-comment:#8b93a3; --hl-fn:#93c5fd; --hl-mod:#d8b4fe; --hl-attr:#f9a8d4; --hl-op:#cbd5e1; }
`;
