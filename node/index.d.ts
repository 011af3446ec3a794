// Type declarations of the beamlet package (node/index.mjs).

/** A decoded Elixir term (see the mapping in README.md). */
export type Term =
  | number
  | bigint
  | boolean
  | null
  | symbol
  | string
  | Uint8Array
  | Term[]
  | Tuple
  | Map<Term, Term>
  | Pid
  | Ref
  | ImproperList
  | Opaque;

/** What JS may send: a Term, a Float, or a plain object (a map with atom keys). */
export type Sendable =
  | Term
  | Float
  | Sendable[]
  | Map<Sendable, Sendable>
  | { [key: string]: Sendable };

export class Tuple implements Iterable<Term> {
  constructor(elements?: Term[]);
  static of(...elements: Sendable[]): Tuple;
  readonly elements: Term[];
  readonly length: number;
  readonly [index: number]: Term;
  [Symbol.iterator](): Iterator<Term>;
}

export class Pid {
  constructor(word: bigint);
  readonly word: bigint;
  readonly id: number;
  readonly serial: number;
  equals(other: unknown): boolean;
  toString(): string;
}

export class Ref {
  constructor(id: bigint);
  readonly id: bigint;
  equals(other: unknown): boolean;
}

export class Float {
  constructor(value: number);
  readonly value: number;
}

export class ImproperList {
  constructor(items: Term[], tail: Term);
  readonly items: Term[];
  readonly tail: Term;
}

export class Opaque {
  readonly text: string;
}

/** The atom `name`: Symbol.for(name) (true/false/null for those three). */
export function atom(name: string): symbol | boolean | null;
export function atomName(v: unknown): string | undefined;
export function encodeTerm(v: Sendable): Uint8Array;
export function decodeTerm(bytes: Uint8Array): Term;
export function inspect(v: Term): string;
export function threadsAvailable(): boolean;

export const TRACE_VERSION: 2;
export const EVENT_SCHEMA_VERSION: 2;

export class BeamletError extends Error {
  readonly code: 'ECOMPILE' | 'ENOPROC' | 'ESTATE' | 'EINVAL' | 'ENOMEM' | 'ECRASH' | string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly reason?: Term;
}

export interface RuntimeOptions {
  /** 'auto' picks 'threads' where SharedArrayBuffer (and cross-origin isolation) exists. */
  mode?: 'auto' | 'threads' | 'single';
  /** threads mode: scheduler threads (0 = one per core). */
  schedulers?: number;
  /** one scheduler, seeded, virtual time: identical event logs on every run. */
  deterministic?: boolean;
  /** an integer from 0 to 2^53 - 1 (else a TypeError). */
  seed?: number | bigint;
  /** record the event trace (events(), on('event'), traceLog(), exportTrace()). */
  trace?: boolean;
  /** keep every trace event for traceLog()/exportTrace() (default true); false: listeners and iterators only. */
  keepLog?: boolean;
}

export interface OutputEvent {
  type: 'output';
  pid: string;
  fd: 1 | 2;
  /** the output as text (invalid UTF-8 becomes U+FFFD) */
  text: string;
  /** on('output') listeners: the bytes as the process wrote them */
  bytes?: Uint8Array;
}

/** A trace event (schema version 2; see README.md). */
export interface TraceEvent {
  v: 2;
  seq: number;
  type:
    | 'header' | 'spawn' | 'exit' | 'send' | 'receive' | 'register' | 'unregister' | 'link'
    | 'unlink' | 'monitor' | 'demonitor' | 'down' | 'sched_in' | 'sched_out' | 'output'
    | 'exit_signal';
  time_ns: number;
  sched: number | 'host';
  pid: string | null;
  other: string | number | null;
  extra: number;
  text: string;
  /** sched_out only: the process's reductions so far. */
  reductions?: number;
  /** sched_out only: the process's memory in bytes. */
  memory?: number;
}

export type RuntimeEvent = OutputEvent | TraceEvent;

export interface HandlerContext {
  readonly self: Pid;
  readonly runtime: Runtime;
  send(dest: Pid | string | symbol, value: Sendable): void;
  link(pid: Pid): Promise<Term>;
  unlink(pid: Pid): Promise<Term>;
  monitor(pid: Pid | string | symbol): Promise<Ref>;
  demonitor(ref: Ref): Promise<Term>;
  trapExit(on: boolean): Promise<boolean>;
  exit(reason?: Sendable): Promise<Term>;
  alive(): boolean;
}

export interface Snapshot {
  schedulers: number;
  process_count: number;
  time_ms: number;
  processes: Array<{
    pid: string;
    name: string | null;
    status: 'running' | 'runnable' | 'waiting' | 'exiting';
    message_queue_len: number;
    messages: string[];
    links: string[];
    monitors: string[];
    monitored_by: string[];
    trap_exit: boolean;
    heap_bytes: number;
    reductions: number;
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

export class Runtime {
  static create(options?: RuntimeOptions): Promise<Runtime>;
  /** The build in use. */
  readonly mode: 'threads' | 'single';
  readonly options: Required<Omit<RuntimeOptions, 'mode'>>;
  /** Run a script in a new main process; resolves with its exit reason (Symbol.for('normal') on success). */
  run(source: string, options?: { file?: string; /** System.argv() */ argv?: readonly string[] }): Promise<Term>;
  /** Evaluate an expression; resolves with its value. */
  eval(source: string): Promise<Term>;
  send(dest: Pid | string | symbol, value: Sendable): void;
  /** Send an exit signal, as Process.exit(pid, reason); from a handler's pid, or from the host ({:EXIT, :host, reason}). */
  exit(pid: Pid, reason: Sendable, from?: Pid | null): void;
  whereis(name: string | symbol): Pid | null;
  registered(): Term[];
  register(pid: Pid, name: string | symbol): true;
  snapshot(): Snapshot;
  spawnHandler(
    fn: (message: Term, ctx: HandlerContext) => void | Promise<void>,
    options?: {
      name?: string | symbol;
      trapExit?: boolean;
      /** Called once when the process ends, for any cause (exit signal, ctx.exit, a throw); not when the world ends. */
      onExit?: (reason: Term, pid: Pid) => void;
    },
  ): Pid;
  on(name: 'output', fn: (ev: OutputEvent) => void): this;
  on(name: 'event', fn: (ev: TraceEvent) => void): this;
  off(name: 'output' | 'event', fn: (ev: any) => void): this;
  events(): AsyncIterableIterator<RuntimeEvent>;
  traceLog(): TraceEvent[];
  /** Trace events of the current (or last) world lost because a ring buffer was full. */
  traceDropped(): number;
  /** The status the CLI would exit with for the last run() whose main process ended
   * (0, n for {:shutdown, n}, 1 for a crash or an exit signal); null before any. */
  exitStatus(): number | null;
  exportTrace(): string;
  stop(): Promise<void>;
}
