// examples.js -- the example menu: the seed chapter's snippets, with a
// recorded trace of each (deterministic, seed 1) so they replay even where
// the runtime cannot load.
import spawn from '../examples/spawn.exs';
import asyncq from '../examples/async.exs';
import after from '../examples/after.exs';
import selective from '../examples/selective.exs';
import server from '../examples/server.exs';
import registered from '../examples/registered.exs';
import crash from '../examples/crash.exs';
import spawnT from '../examples/spawn.jsonl';
import asyncT from '../examples/async.jsonl';
import afterT from '../examples/after.jsonl';
import selectiveT from '../examples/selective.jsonl';
import serverT from '../examples/server.jsonl';
import registeredT from '../examples/registered.jsonl';
import crashT from '../examples/crash.jsonl';

export const EXAMPLES = [
  { id: 'spawn', title: 'Spawning with closures', code: spawn, trace: spawnT },
  { id: 'async', title: 'Async queries', code: asyncq, trace: asyncT },
  { id: 'after', title: 'receive with after', code: after, trace: afterT },
  { id: 'selective', title: 'Selective receive', code: selective, trace: selectiveT },
  { id: 'server', title: 'A stateful server loop', code: server, trace: serverT },
  { id: 'registered', title: 'A registered server', code: registered, trace: registeredT },
  { id: 'crash', title: 'Links and a crash', code: crash, trace: crashT },
];

export function findExample(code) {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  return EXAMPLES.find((e) => norm(e.code) === norm(code)) || null;
}
