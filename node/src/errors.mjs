// errors.mjs -- BeamletError: what the runtime refused or reported.
//
// code: 'ECOMPILE' (source did not compile; file/line/column set),
// 'ENOPROC' (no such process or name), 'ESTATE' (not valid now, e.g. after
// stop()), 'EINVAL' (a value the runtime refused), 'ENOMEM', 'ECRASH'
// (eval: the expression raised; reason holds the exit reason).
export class BeamletError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'BeamletError';
    this.code = code;
    Object.assign(this, extra);
  }
}

const CODES = { '-1': 'EINVAL', '-2': 'ENOMEM', '-3': 'ECOMPILE', '-4': 'ESTATE', '-5': 'ETIMEOUT', '-6': 'ENOPROC' };

export function codeName(st) {
  return CODES[String(st)] || `E${st}`;
}

/** A compile error from "file:line:col: message". */
export function compileError(text, lineOffsetCol = 0) {
  const m = /^(.*?):(\d+):(\d+): ([\s\S]*)$/.exec(text);
  if (!m) return new BeamletError('ECOMPILE', text || 'compile error');
  const line = Number(m[2]);
  let column = Number(m[3]);
  if (line === 1 && lineOffsetCol) column = Math.max(1, column - lineOffsetCol);
  return new BeamletError('ECOMPILE', `${m[1]}:${line}:${column}: ${m[4]}`, {
    file: m[1],
    line,
    column,
    detail: m[4],
  });
}
