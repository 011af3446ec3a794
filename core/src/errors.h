/*
 * errors.h -- Elixir exceptions: normalizing Erlang-style reasons into
 * exception structs, their messages, and the text printed for uncaught
 * errors (the script's "** (...)" banner and a spawned process's crash
 * report).
 *
 * An exception struct is a map with __exception__: true, __struct__:
 * Module (an "Elixir.X" atom) and the module's fields (see inspect.c for
 * the known field lists). Reasons understood by exc_normalize (class
 * error):
 *   :badarith                   ArithmeticError
 *   :badarg / {:badarg, p}      ArgumentError
 *   :system_limit               SystemLimitError
 *   {:badmatch, v}              MatchError
 *   {:case_clause, v}           CaseClauseError
 *   :cond_clause                CondClauseError
 *   {:try_clause, v} / {:with_clause, v}
 *   {:badkey, k} / {:badkey, k, m}   KeyError
 *   {:badmap, v}                BadMapError
 *   {:badbool, op, v}           BadBooleanError
 *   {:badfun, f}                BadFunctionError
 *   {:badarity, {f, args}}      BadArityError
 *   :undef                      UndefinedFunctionError (fields nil)
 *   {:undef, mod, fun, arity}   (beamlet) UndefinedFunctionError for
 *   {:undef, mod, fun, arity, module_exists?}  Mod.fun/arity; with the
 *                               boolean the message says "is undefined or
 *                               private" (true) or "(module M is not
 *                               available)" (false, also the default)
 *   :function_clause            FunctionClauseError (fields nil)
 *   {:function_clause, mod, fun, arity}   (beamlet) with Mod.fun/arity
 *   an exception struct         itself
 *   anything else               ErlangError{original: reason}
 */
#ifndef BEAMLET_ERRORS_H
#define BEAMLET_ERRORS_H

#include "term.h"
#include "strbuf.h"

struct proc;

/* For cls == :error, the exception struct for reason (allocated on p's
 * heap with heap_alloc); for :throw and :exit, reason unchanged. */
term exc_normalize(struct proc *p, term cls, term reason);

/* Build %Module{__exception__: true, message: msg} ("RuntimeError"
 * or "Elixir.RuntimeError"). */
term exc_make_message(struct proc *p, const char *module, const char *msg, size_t len);

/* The reason raise/1 and raise/2 raise: `raise Mod` (arg NONE), `raise
 * Mod, "msg"`, `raise Mod, key: value`. A known exception module gets all
 * its fields with Elixir's defaults (message "argument error", key nil...)
 * and then the message or the keyword pairs; an unknown module gives the
 * beamlet undef reason for Mod.exception/1. */
term exc_raise_reason(struct proc *p, term module, term arg);

/* An error whose exit reason (what monitors, links and a future rescue of
 * an Erlang error see) is `raw` but whose message is the exception's: the
 * BEAM's :badarg with its "errors were found at the given arguments" text,
 * {:badkey, k} whose message names the map. The wrapper is the tuple
 * {:"$beamlet_error", raw, exception}; nothing outside errors.c looks in. */
term exc_wrap(struct proc *p, term raw, term exception);

/* The exit reason of a process that dies of an uncaught exception, as the
 * BEAM gives it: exit reasons unchanged; a throw {{:nocatch, v}, stack};
 * an error {reason, stack} where beamlet's richer reasons are mapped back
 * ({:function_clause, M, f, a} -> :function_clause and {:undef, M, f, a,
 * _} -> :undef with the stack [{M, f, a, []}]; a wrapped error -> its raw
 * reason). Allocates on p's heap. */
term exc_exit_reason(struct proc *p, term cls, term reason);

/* Exception.message/1 of an exception struct. */
void exc_message(strbuf *sb, term exc);

/* Exception.format_banner(kind, reason) without stacktrace: */
/*   error: "** (RuntimeError) boom" (reason normalized first, no heap     */
/*          needed: Erlang-style reasons are formatted directly)           */
/*   throw: "** (throw) 1"                                                 */
/*   exit:  "** (exit) :foo", "** (exit) normal", "** (exit) shutdown: 1"  */
void exc_format_banner(strbuf *sb, term cls, term reason);

/* What `elixir` prints when an exit signal ends the script's process
 * `pid` (a link, Process.exit/2, even from itself; status 1):
 *   "** (EXIT from #PID<0.0.0>) killed\n\n", or for a crash reason
 *   "** (EXIT from #PID<0.0.0>) an exception was raised:\n"
 *   "    ** (RuntimeError) boom\n\n" (Elixir adds stack lines). */
void exc_format_exit_signal(strbuf *sb, term pid, term reason);

/* Whether an uncaught exit of the main script with this reason prints
 * nothing: :normal, :shutdown and {:shutdown, _} (exc_main_status). */
bool exc_exit_is_silent(term reason);
/* The status `elixir` exits with when its main script ends with reason:
 * 0 for the silent reasons, except {:shutdown, n}: n mod 256 (as an OS
 * status; 1 for n < 0, where the BEAM's halt fails); 1 for anything else. */
int exc_main_status(term reason);

/* Crash report of a spawned process that died of an uncaught error or
 * throw (exits produce none: returns false and writes nothing):
 *   "\n[error] Process #PID<0.N.S> raised an exception\n"
 *   "** (RuntimeError) boom\n"
 * A throw is reported as ErlangError {:nocatch, value}, as the BEAM does.
 * (Elixir also prints a timestamp before "[error]" and stack lines after
 * the banner; beamlet prints neither.) */
bool exc_format_crash_report(strbuf *sb, term pid, term cls, term reason);

#endif
