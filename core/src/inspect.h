/*
 * inspect.h -- terms as text, exactly as Elixir 1.14 prints them.
 *
 * inspect_term reproduces Kernel.inspect/2 and IO.inspect/2: the Inspect
 * protocol's documents (Inspect.Algebra) laid out by the same algorithm
 * (groups, strict and flex breaks, nesting), the 50-element limit, the
 * 4096-character printable limit of strings and charlists, charlist
 * detection, keyword/map/struct syntax and atom quoting.
 *   - inspect/1:     pretty = false (one line, width ignored)
 *   - IO.inspect/2:  pretty = true, width 80 (a label is printed by the
 *                    caller before the text and is not counted)
 *
 * Maps print their keys in Elixir's order: the stored map-key order for
 * maps of up to 32 keys, OTP's hash-trie order beyond (map_order.h).
 *
 * Structs (maps with __struct__ => Module) print as %Module{...} with the
 * fields in definition order when the module is known: the built-in
 * exceptions and Range (1..5, 1..10//2) are known here; other modules
 * through inspect_opts.struct_fields. Unknown structs print as maps, as
 * Elixir does for a struct whose module does not exist.
 *
 * to_string_term is String.Chars (to_string/1 and interpolation).
 */
#ifndef BEAMLET_INSPECT_H
#define BEAMLET_INSPECT_H

#include "term.h"
#include "strbuf.h"

enum { INSPECT_INFER = 0, INSPECT_AS_LISTS = 1, INSPECT_AS_CHARLISTS = 2 };

typedef struct inspect_opts {
  bool pretty;         /* break lines to fit `width` */
  int width;           /* columns (80) */
  int limit;           /* collection items shown (50); < 0: no limit */
  int printable_limit; /* string/charlist characters shown (4096); < 0: none */
  int charlists;       /* INSPECT_INFER / INSPECT_AS_LISTS / INSPECT_AS_CHARLISTS */
  /* Field names (atoms, in definition order, without __struct__) of a
   * user-defined struct module, or NULL when `module` is not a struct.
   * Optional (NULL: only the built-in structs are known). */
  const term *(*struct_fields)(void *ctx, term module, uint32_t *count);
  void *struct_ctx;
} inspect_opts;

/* Defaults of inspect/1 (pretty false) and of IO.inspect (pretty, 80). */
void inspect_opts_init(inspect_opts *o);
void inspect_opts_io(inspect_opts *o);

/* Append the inspected text of t to sb. */
void inspect_term(strbuf *sb, term t, const inspect_opts *o);
/* inspect(t) with the defaults of inspect/1. */
void inspect_plain(strbuf *sb, term t);
/* IO.inspect(t, label: label): "label: " (if label != NULL) + text + "\n". */
void inspect_io_line(strbuf *sb, term t, const char *label, size_t label_len);

/* String.Chars: append to_string(t) and return true; on failure return
 * false, leave sb as it was and, when exc_module/msg are not NULL, store
 * the exception to raise: "Protocol.UndefinedError" (tuples, maps, pids,
 * refs, funs: "protocol String.Chars not implemented for <inspect> of type
 * Tuple") or "UnicodeConversionError" (a list that is not valid chardata). */
bool to_string_term(strbuf *sb, term t, const char **exc_module, strbuf *msg);

/* Macro.inspect_atom(:literal, a): ":ok", ":\"foo bar\"", "nil", "MyApp". */
void inspect_atom(strbuf *sb, term a);
/* The type Protocol.UndefinedError names for v ("Integer", "BitString",
 * "PID", ...; structs aside) */
const char *inspect_type_name(term v);
/* Macro.inspect_atom(:remote_call, a): "foo", "\"foo bar\"" (for Mod.fun). */
void inspect_atom_remote(strbuf *sb, term a);
/* Exception.format_mfa: "Mod.fun/2" (":erlang.+/2"). */
void format_mfa(strbuf *sb, term mod, term fun, int64_t arity);

/* Provided by the VM (fundef lives there): the arity of a fun, and the
 * fun as inspect shows it, "#Function<0.52032458/1 in MyMod.fun/1>", or
 * "&Mod.fun/2" for an external capture. */
extern uint32_t fun_arity(term f);
extern void fun_inspect(strbuf *sb, term f);

#endif
