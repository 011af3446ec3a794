// editor.js -- CodeMirror 6 with Elixir highlighting (loaded on demand).
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, indentOnInput, bracketMatching } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { elixir } from 'codemirror-lang-elixir';

const style = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.operatorKeyword], color: 'var(--hl-kw)', fontWeight: '600' },
  { tag: [t.atom, t.bool, t.special(t.string)], color: 'var(--hl-atom)' },
  { tag: [t.string, t.character], color: 'var(--hl-str)' },
  { tag: [t.number, t.integer, t.float], color: 'var(--hl-num)' },
  { tag: [t.comment, t.lineComment, t.docComment], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--hl-fn)' },
  { tag: [t.namespace, t.typeName, t.className, t.moduleKeyword], color: 'var(--hl-mod)' },
  { tag: [t.special(t.variableName), t.attributeName], color: 'var(--hl-attr)' },
  { tag: [t.operator, t.punctuation], color: 'var(--hl-op)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--code-bg)', height: '100%' },
  '.cm-content': { caretColor: 'var(--accent)', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent)' },
  '.cm-cursor': { borderLeftColor: 'var(--accent)' },
});

export function createEditor(parent, doc, { editable = true, onRun, onChange, root } = {}) {
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(), bracketMatching(),
        elixir(), syntaxHighlighting(style), theme,
        EditorView.editable.of(editable), EditorState.readOnly.of(!editable),
        keymap.of([{ key: 'Mod-Enter', run: () => { onRun?.(); return true; } }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange?.(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    get value() { return view.state.doc.toString(); },
    set value(s) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } }); },
    focus() { view.focus(); },
    view,
  };
}
