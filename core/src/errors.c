/*
 * errors.c -- exception structs, messages, banners (see errors.h).
 *
 * The message and banner functions never allocate terms: Erlang-style
 * reasons are mapped to a (module, fields) view first and formatted from
 * it, so the runtime can print a crash report for a process whose heap is
 * already gone or full.
 */
#include "errors.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "compare.h"
#include "heap.h"
#include "inspect.h"
#include "stdlib_names.h"

/* ---- building structs ---- */

#define EXC_MAX_FIELDS 8

/* A struct under construction: keys are atoms, sorted when built. */
typedef struct sbuild {
  term k[EXC_MAX_FIELDS + 2], v[EXC_MAX_FIELDS + 2];
  uint32_t n;
} sbuild;

static term module_atom(const char *module) {
  if (strncmp(module, "Elixir.", 7) == 0) return atom_from_cstr(module);
  char buf[128];
  size_t len = strlen(module);
  if (len > sizeof buf - 8) len = sizeof buf - 8;
  memcpy(buf, "Elixir.", 7);
  memcpy(buf + 7, module, len);
  return atom_intern(buf, len + 7);
}

static void sb_start(sbuild *b, const char *module) {
  b->n = 0;
  b->k[b->n] = ATOM_EXCEPTION, b->v[b->n++] = ATOM_TRUE;
  b->k[b->n] = ATOM_STRUCT, b->v[b->n++] = module_atom(module);
}

static void sb_field(sbuild *b, const char *name, term v) {
  if (b->n < EXC_MAX_FIELDS + 2) b->k[b->n] = atom_from_cstr(name), b->v[b->n++] = v;
}

static term sb_finish(struct proc *p, sbuild *b) {
  /* insertion sort by map-key order (atoms: by text) */
  for (uint32_t i = 1; i < b->n; i++) {
    term k = b->k[i], v = b->v[i];
    uint32_t j = i;
    while (j > 0 && term_cmp_key(b->k[j - 1], k) > 0) {
      b->k[j] = b->k[j - 1];
      b->v[j] = b->v[j - 1];
      j--;
    }
    b->k[j] = k;
    b->v[j] = v;
  }
  term *hp = heap_alloc(p, 2 + 2 * (size_t)b->n);
  hp[0] = make_header(1 + 2 * (uint64_t)b->n, BOX_MAP);
  hp[1] = b->n;
  for (uint32_t i = 0; i < b->n; i++) {
    hp[2 + i] = b->k[i];
    hp[2 + b->n + i] = b->v[i];
  }
  return make_boxed(hp);
}

term exc_make_message(struct proc *p, const char *module, const char *msg, size_t len) {
  sbuild b;
  sb_start(&b, module);
  sb_field(&b, "message", make_binary(p, msg, len));
  return sb_finish(p, &b);
}

static term map_get_atom(term m, term key) {
  uint32_t n = map_size(m);
  const term *k = map_keys(m);
  for (uint32_t i = 0; i < n; i++)
    if (k[i] == key) return map_vals(m)[i];
  return NONE;
}

static term field(term m, const char *name) {
  term v = map_get_atom(m, atom_from_cstr(name));
  return is_none(v) ? ATOM_NIL : v;
}

static bool is_exception(term t) {
  return is_map(t) && map_get_atom(t, ATOM_EXCEPTION) == ATOM_TRUE && is_atom(map_get_atom(t, ATOM_STRUCT));
}

static bool tuple_tag(term t, term tag, uint32_t arity) {
  return is_tuple(t) && tuple_arity(t) == arity && tuple_get(t, 0) == tag;
}

static bool mod_is(term mod, const char *name) {
  size_t n = strlen(name);
  return atom_len(mod) == n + 7 && memcmp(atom_text(mod), "Elixir.", 7) == 0 &&
         memcmp(atom_text(mod) + 7, name, n) == 0;
}

/* Mod.fun/arity, or for an anonymous function the VM's whole description
 * ("anonymous fn/1 in Mod.fun/2"). */
static void fc_mfa(strbuf *sb, term mod, term fun, int64_t arity) {
  if (is_atom(fun) && atom_len(fun) > 13 && memcmp(atom_text(fun), "anonymous fn/", 13) == 0)
    strbuf_put(sb, atom_text(fun), atom_len(fun));
  else
    format_mfa(sb, mod, fun, arity);
}

/* ---- wrapped errors (errors.h: exc_wrap) ---- */

static int64_t list_len(term l);

/* The arity in an {:undef, mod, name, args_or_arity, ...} reason. */
static term undef_arity(term a) { return is_list(a) ? make_small(list_len(a)) : a; }

static bool is_wrapped(term t) { return tuple_tag(t, atom_from_cstr("$beamlet_error"), 3); }

term exc_wrap(struct proc *p, term raw, term exception) {
  return make_tuple3(p, atom_from_cstr("$beamlet_error"), raw, exception);
}

/* ---- raise/1,2 ---- */

/* The fields of Elixir's exceptions and their default messages (NULL: nil). */
typedef struct exc_default {
  const char *module;
  const char *fields[EXC_MAX_FIELDS];
  const char *message;
} exc_default;

static const exc_default EXC_DEFAULTS[] = {
    {"RuntimeError", {"message"}, "runtime error"},
    {"ArgumentError", {"message"}, "argument error"},
    {"ArithmeticError", {"message"}, "bad argument in arithmetic expression"},
    {"SystemLimitError", {"message"}, "a system limit has been reached"},
    {"KeyError", {"key", "term", "message"}, NULL},
    {"MatchError", {"term"}, NULL},
    {"CaseClauseError", {"term"}, NULL},
    {"CondClauseError", {NULL}, NULL},
    {"TryClauseError", {"term"}, NULL},
    {"WithClauseError", {"term"}, NULL},
    {"FunctionClauseError", {"module", "function", "arity", "kind", "args", "clauses"}, NULL},
    {"UndefinedFunctionError", {"module", "function", "arity", "reason", "message"}, NULL},
    {"BadArityError", {"function", "args"}, NULL},
    {"BadFunctionError", {"term"}, NULL},
    {"BadMapError", {"term"}, NULL},
    {"BadBooleanError", {"term", "operator"}, NULL},
    {"ErlangError", {"original", "reason"}, NULL},
    {"Enum.EmptyError", {"message"}, "empty error"},
    {"Enum.OutOfBoundsError", {"message"}, "out of bounds error"},
    {"Protocol.UndefinedError", {"protocol", "value", "description"}, NULL},
    {NULL, {NULL}, NULL},
};

static void sb_set(sbuild *b, term key, term v) {
  for (uint32_t i = 0; i < b->n; i++)
    if (b->k[i] == key) {
      b->v[i] = v;
      return;
    }
  if (b->n < EXC_MAX_FIELDS + 2) b->k[b->n] = key, b->v[b->n++] = v;
}

term exc_raise_reason(struct proc *p, term module, term arg) {
  const exc_default *d = NULL;
  if (is_atom(module) && atom_len(module) > 7 && memcmp(atom_text(module), "Elixir.", 7) == 0)
    for (const exc_default *e = EXC_DEFAULTS; e->module; e++)
      if (mod_is(module, e->module)) d = e;
  if (!d) { /* Mod.exception/1 does not exist */
    term *hp = heap_alloc(p, 6);
    hp[0] = make_header(5, BOX_TUPLE);
    hp[1] = ATOM_UNDEF, hp[2] = module, hp[3] = atom_from_cstr("exception"), hp[4] = make_small(1);
    hp[5] = ATOM_FALSE;
    return make_boxed(hp);
  }
  sbuild b;
  b.n = 0;
  b.k[b.n] = ATOM_EXCEPTION, b.v[b.n++] = ATOM_TRUE;
  b.k[b.n] = ATOM_STRUCT, b.v[b.n++] = module;
  for (int i = 0; i < EXC_MAX_FIELDS && d->fields[i]; i++) {
    bool is_msg = strcmp(d->fields[i], "message") == 0;
    term v = is_msg && d->message ? make_binary(p, d->message, strlen(d->message)) : ATOM_NIL;
    sb_field(&b, d->fields[i], v);
  }
  if (is_binary(arg)) {
    sb_set(&b, ATOM_MESSAGE, arg);
  } else if (is_list(arg)) {
    for (term l = arg; is_cons(l); l = cdr(l)) {
      term kv = car(l);
      if (is_tuple(kv) && tuple_arity(kv) == 2 && is_atom(tuple_get(kv, 0))) sb_set(&b, tuple_get(kv, 0), tuple_get(kv, 1));
    }
  }
  return sb_finish(p, &b);
}

/* ---- exit reasons ---- */

term exc_exit_reason(struct proc *p, term cls, term reason) {
  if (cls == ATOM_EXIT) return reason;
  if (cls == ATOM_THROW) return make_tuple2(p, make_tuple2(p, atom_from_cstr("nocatch"), reason), NIL);
  if (is_wrapped(reason)) reason = tuple_get(reason, 1);
  term stack = NIL;
  if (tuple_tag(reason, ATOM_FUNCTION_CLAUSE, 4) || tuple_tag(reason, ATOM_UNDEF, 4) || tuple_tag(reason, ATOM_UNDEF, 5)) {
    term *hp = heap_alloc(p, 5);
    hp[0] = make_header(4, BOX_TUPLE);
    hp[1] = tuple_get(reason, 1), hp[2] = tuple_get(reason, 2), hp[3] = tuple_get(reason, 3), hp[4] = NIL;
    stack = make_cons(p, make_boxed(hp), NIL);
    reason = tuple_get(reason, 0);
  }
  return make_tuple2(p, reason, stack);
}

/* ---- reason -> struct ---- */

/* {:badkey, key, term} where term is no map: `term.key` on something else
 * (Elixir's message then says so, whatever term is, nil included). */
static bool badkey_dot(term reason) { return tuple_arity(reason) == 3 && !is_map(tuple_get(reason, 2)); }

static void put_inspect(strbuf *sb, const char *prefix, term v);

/* KeyError's message for {:badkey, key} or {:badkey, key, term}. */
static void put_badkey_message(strbuf *m, term reason) {
  put_inspect(m, "key ", tuple_get(reason, 1));
  strbuf_puts(m, " not found");
  if (badkey_dot(reason)) {
    put_inspect(m, " in: ", tuple_get(reason, 2));
    strbuf_puts(m, ". If you are using the dot syntax, such as map.field, make sure the left-hand side "
                   "of the dot is a map");
  } else if (tuple_arity(reason) == 3 && tuple_get(reason, 2) != ATOM_NIL) {
    put_inspect(m, " in: ", tuple_get(reason, 2));
  }
}

term exc_normalize(struct proc *p, term cls, term reason) {
  if (cls == ATOM_ERROR && is_wrapped(reason)) return tuple_get(reason, 2);
  if (cls != ATOM_ERROR || is_exception(reason)) return reason;
  sbuild b;
  const char *msg = NULL;
  if (reason == ATOM_BADARITH) {
    return exc_make_message(p, "ArithmeticError", "bad argument in arithmetic expression", 37);
  } else if (reason == ATOM_BADARG) {
    return exc_make_message(p, "ArgumentError", "argument error", 14);
  } else if (reason == ATOM_SYSTEM_LIMIT) {
    msg = "a system limit has been reached";
    return exc_make_message(p, "SystemLimitError", msg, strlen(msg));
  } else if (tuple_tag(reason, ATOM_BADARG, 2)) {
    strbuf s;
    strbuf_init(&s);
    strbuf_puts(&s, "argument error: ");
    inspect_plain(&s, tuple_get(reason, 1));
    term e = exc_make_message(p, "ArgumentError", s.data, s.len);
    strbuf_free(&s);
    return e;
  } else if (reason == atom_from_cstr("cond_clause")) {
    sb_start(&b, "CondClauseError");
  } else if (tuple_tag(reason, ATOM_BADMATCH, 2)) {
    sb_start(&b, "MatchError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, ATOM_CASE_CLAUSE, 2)) {
    sb_start(&b, "CaseClauseError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, atom_from_cstr("try_clause"), 2)) {
    sb_start(&b, "TryClauseError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, atom_from_cstr("with_clause"), 2)) {
    sb_start(&b, "WithClauseError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, atom_from_cstr("badkey"), 2) || tuple_tag(reason, atom_from_cstr("badkey"), 3)) {
    sb_start(&b, "KeyError");
    sb_field(&b, "key", tuple_get(reason, 1));
    sb_field(&b, "term", tuple_arity(reason) == 3 ? tuple_get(reason, 2) : ATOM_NIL);
    term message = ATOM_NIL;
    if (badkey_dot(reason)) {
      strbuf s;
      strbuf_init(&s);
      put_badkey_message(&s, reason);
      message = make_binary(p, s.data, s.len);
      strbuf_free(&s);
    }
    sb_field(&b, "message", message);
  } else if (tuple_tag(reason, atom_from_cstr("badmap"), 2)) {
    sb_start(&b, "BadMapError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, atom_from_cstr("badbool"), 3)) {
    sb_start(&b, "BadBooleanError");
    sb_field(&b, "operator", tuple_get(reason, 1));
    sb_field(&b, "term", tuple_get(reason, 2));
  } else if (tuple_tag(reason, ATOM_BADFUN, 2)) {
    sb_start(&b, "BadFunctionError");
    sb_field(&b, "term", tuple_get(reason, 1));
  } else if (tuple_tag(reason, ATOM_BADARITY, 2) && is_tuple(tuple_get(reason, 1)) && tuple_arity(tuple_get(reason, 1)) == 2) {
    sb_start(&b, "BadArityError");
    sb_field(&b, "function", tuple_get(tuple_get(reason, 1), 0));
    sb_field(&b, "args", tuple_get(tuple_get(reason, 1), 1));
  } else if (reason == ATOM_UNDEF || tuple_tag(reason, ATOM_UNDEF, 4) || tuple_tag(reason, ATOM_UNDEF, 5)) {
    bool full = is_tuple(reason);
    sb_start(&b, "UndefinedFunctionError");
    sb_field(&b, "module", full ? tuple_get(reason, 1) : ATOM_NIL);
    sb_field(&b, "function", full ? tuple_get(reason, 2) : ATOM_NIL);
    sb_field(&b, "arity", full ? undef_arity(tuple_get(reason, 3)) : ATOM_NIL);
    term why = ATOM_NIL;
    if (full && tuple_arity(reason) == 5)
      why = atom_from_cstr(tuple_get(reason, 4) == ATOM_TRUE ? "function not exported" : "module could not be loaded");
    sb_field(&b, "reason", why);
    sb_field(&b, "message", ATOM_NIL);
  } else if (reason == ATOM_FUNCTION_CLAUSE || tuple_tag(reason, ATOM_FUNCTION_CLAUSE, 4)) {
    bool full = is_tuple(reason);
    sb_start(&b, "FunctionClauseError");
    sb_field(&b, "module", full ? tuple_get(reason, 1) : ATOM_NIL);
    sb_field(&b, "function", full ? tuple_get(reason, 2) : ATOM_NIL);
    sb_field(&b, "arity", full ? tuple_get(reason, 3) : ATOM_NIL);
    sb_field(&b, "kind", ATOM_NIL);
    sb_field(&b, "args", ATOM_NIL);
    sb_field(&b, "clauses", ATOM_NIL);
  } else {
    sb_start(&b, "ErlangError");
    sb_field(&b, "original", reason);
    sb_field(&b, "reason", ATOM_NIL);
  }
  return sb_finish(p, &b);
}

/* ---- messages ---- */


static void put_inspect(strbuf *sb, const char *prefix, term v) {
  strbuf_puts(sb, prefix);
  inspect_plain(sb, v);
}

static void undefined_fn_message(strbuf *sb, term mod, term fun, term arity, term why) {
  if (fun == ATOM_NIL || arity == ATOM_NIL) {
    strbuf_puts(sb, "undefined function");
    return;
  }
  strbuf_puts(sb, "function ");
  format_mfa(sb, mod, fun, is_integer(arity) ? int_val(arity) : 0);
  if (mod == ATOM_NIL) {
    strbuf_puts(sb, " is undefined");
  } else if (is_atom(mod) && is_atom(fun) && is_integer(arity) &&
             stdlib_function_known(atom_text(mod), atom_text(fun), (unsigned)int_val(arity))) {
    /* reached through apply or a module in a variable (a call written out
     * is a compile error) */
    strbuf_puts(sb, " is not supported yet");
  } else if (is_atom(why) && atom_len(why) == 21 && memcmp(atom_text(why), "function not exported", 21) == 0) {
    strbuf_puts(sb, " is undefined or private");
  } else if (why == ATOM_NIL || (is_atom(why) && atom_len(why) == 26 &&
                                 memcmp(atom_text(why), "module could not be loaded", 26) == 0)) {
    put_inspect(sb, " is undefined (module ", mod);
    strbuf_puts(sb, is_atom(mod) && stdlib_module_known(atom_text(mod)) ? " is not supported yet)"
                                                                       : " is not available)");
  } else {
    strbuf_puts(sb, " is undefined (");
    if (is_atom(why)) strbuf_put(sb, atom_text(why), atom_len(why));
    else if (is_binary(why)) strbuf_put(sb, binary_data(why), binary_size(why));
    else inspect_plain(sb, why);
    strbuf_putc(sb, ')');
  }
}

static int64_t list_len(term l) {
  int64_t n = 0;
  for (; is_cons(l); l = cdr(l)) n++;
  return n;
}

void exc_message(strbuf *sb, term e) {
  if (!is_exception(e)) {
    inspect_plain(sb, e);
    return;
  }
  term mod = map_get_atom(e, ATOM_STRUCT);
  term msg = map_get_atom(e, ATOM_MESSAGE);
  if (mod_is(mod, "KeyError") && msg == ATOM_NIL) {
    put_inspect(sb, "key ", field(e, "key"));
    strbuf_puts(sb, " not found");
    if (field(e, "term") != ATOM_NIL) put_inspect(sb, " in: ", field(e, "term"));
  } else if (mod_is(mod, "UndefinedFunctionError") && msg == ATOM_NIL) {
    undefined_fn_message(sb, field(e, "module"), field(e, "function"), field(e, "arity"), field(e, "reason"));
  } else if (!is_none(msg) && is_binary(msg)) {
    strbuf_put(sb, binary_data(msg), binary_size(msg));
  } else if (mod_is(mod, "MatchError")) {
    put_inspect(sb, "no match of right hand side value: ", field(e, "term"));
  } else if (mod_is(mod, "CaseClauseError")) {
    put_inspect(sb, "no case clause matching: ", field(e, "term"));
  } else if (mod_is(mod, "CondClauseError")) {
    strbuf_puts(sb, "no cond clause evaluated to a truthy value");
  } else if (mod_is(mod, "TryClauseError")) {
    put_inspect(sb, "no try clause matching: ", field(e, "term"));
  } else if (mod_is(mod, "WithClauseError")) {
    put_inspect(sb, "no with clause matching: ", field(e, "term"));
  } else if (mod_is(mod, "BadMapError")) {
    put_inspect(sb, "expected a map, got: ", field(e, "term"));
  } else if (mod_is(mod, "Protocol.UndefinedError")) {
    term v = field(e, "value"), d = field(e, "description");
    put_inspect(sb, "protocol ", field(e, "protocol"));
    put_inspect(sb, " not implemented for ", v);
    strbuf_puts(sb, " of type ");
    strbuf_puts(sb, inspect_type_name(v));
    if (is_binary(d) && binary_size(d) > 0) {
      strbuf_puts(sb, ", ");
      strbuf_put(sb, binary_data(d), binary_size(d));
    }
  } else if (mod_is(mod, "BadBooleanError")) {
    strbuf_puts(sb, "expected a boolean on left-side of \"");
    term op = field(e, "operator");
    if (is_atom(op)) strbuf_put(sb, atom_text(op), atom_len(op));
    put_inspect(sb, "\", got: ", field(e, "term"));
  } else if (mod_is(mod, "BadFunctionError")) {
    term f = field(e, "term");
    if (is_fun(f)) {
      put_inspect(sb, "function ", f);
      strbuf_puts(sb, " is invalid, likely because it points to an old version of the code");
    } else {
      put_inspect(sb, "expected a function, got: ", f);
    }
  } else if (mod_is(mod, "BadArityError")) {
    term f = field(e, "function"), args = field(e, "args");
    inspect_plain(sb, f);
    strbuf_printf(sb, " with arity %u called with ", is_fun(f) ? fun_arity(f) : 0u);
    int64_t n = list_len(args);
    if (n == 0) {
      strbuf_puts(sb, "no arguments");
    } else {
      if (n == 1) strbuf_puts(sb, "1 argument (");
      else strbuf_printf(sb, "%lld arguments (", (long long)n);
      for (term l = args; is_cons(l); l = cdr(l)) {
        inspect_plain(sb, car(l));
        if (is_cons(cdr(l))) strbuf_puts(sb, ", ");
      }
      strbuf_putc(sb, ')');
    }
  } else if (mod_is(mod, "FunctionClauseError")) {
    term fun = field(e, "function");
    if (fun == ATOM_NIL) {
      strbuf_puts(sb, "no function clause matches");
    } else {
      strbuf_puts(sb, "no function clause matching in ");
      term ar = field(e, "arity");
      fc_mfa(sb, field(e, "module"), fun, is_integer(ar) ? int_val(ar) : 0);
    }
  } else if (mod_is(mod, "ErlangError")) {
    put_inspect(sb, "Erlang error: ", field(e, "original"));
    term r = field(e, "reason");
    if (is_binary(r)) strbuf_put(sb, binary_data(r), binary_size(r));
  } else {
    inspect_plain(sb, e);
  }
}

/* ---- banners and reports ---- */

static void error_banner(strbuf *sb, term reason);

/* An error's banner on the next line: joiner is the newline and the
 * indentation, of every line of it. */
static void banner_at(strbuf *sb, term error, const char *joiner) {
  strbuf banner;
  strbuf_init(&banner);
  error_banner(&banner, error);
  strbuf_puts(sb, joiner);
  for (size_t i = 0; i < banner.len; i++) {
    strbuf_putc(sb, banner.data[i]);
    if (banner.data[i] == '\n') strbuf_puts(sb, joiner + 1);
  }
  strbuf_free(&banner);
}

/* Exception.format_exit/1 of the reasons an exit gives: "normal",
 * "shutdown: 1", "killed", ":foo", and the ones of a failed call: a reason
 * {why, {mod, fun, args}} is "exited in: Mod.fun(args)" then "** (EXIT)"
 * and why on the next line, one level further in; a crash {exception,
 * stacktrace} is "an exception was raised:" and its banner. joiner is the
 * newline and indentation of the next line. */
static void exit_text(strbuf *sb, term reason, const char *joiner) {
  term where = is_tuple(reason) && tuple_arity(reason) == 2 ? tuple_get(reason, 1) : NONE;
  if (!is_none(where) && is_tuple(where) && tuple_arity(where) == 3 && is_atom(tuple_get(where, 0)) &&
      is_atom(tuple_get(where, 1)) && is_list(tuple_get(where, 2))) {
    strbuf_puts(sb, "exited in: ");
    inspect_atom(sb, tuple_get(where, 0));
    strbuf_putc(sb, '.');
    inspect_atom_remote(sb, tuple_get(where, 1));
    strbuf_putc(sb, '(');
    for (term l = tuple_get(where, 2); is_cons(l); l = cdr(l)) {
      inspect_plain(sb, car(l));
      if (is_cons(cdr(l))) strbuf_puts(sb, ", ");
    }
    strbuf_putc(sb, ')');
    strbuf_puts(sb, joiner);
    strbuf_puts(sb, "** (EXIT) ");
    char inner[64];
    snprintf(inner, sizeof inner, "%s    ", joiner);
    exit_text(sb, tuple_get(reason, 0), inner);
    return;
  }
  if (!is_none(where) && is_list(where) && is_exception(tuple_get(reason, 0))) {
    strbuf_puts(sb, "an exception was raised:");
    banner_at(sb, tuple_get(reason, 0), joiner);
    return;
  }
  if (reason == ATOM_NORMAL) strbuf_puts(sb, "normal");
  else if (reason == atom_from_cstr("shutdown")) strbuf_puts(sb, "shutdown");
  else if (tuple_tag(reason, atom_from_cstr("shutdown"), 2)) put_inspect(sb, "shutdown: ", tuple_get(reason, 1));
  else if (reason == ATOM_KILLED) strbuf_puts(sb, "killed");
  else if (reason == atom_from_cstr("timeout")) strbuf_puts(sb, "time out");
  else if (reason == atom_from_cstr("calling_self")) strbuf_puts(sb, "process attempted to call itself");
  else if (tuple_tag(reason, atom_from_cstr("bad_return_value"), 2)) put_inspect(sb, "bad return value: ", tuple_get(reason, 1));
  else if (reason == ATOM_NOPROC)
    strbuf_puts(sb, "no process: the process is not alive or there's no process currently associated with "
                    "the given name, possibly because its application isn't started");
  else inspect_plain(sb, reason);
}

void exc_format_banner(strbuf *sb, term cls, term reason) {
  if (cls == ATOM_THROW) {
    put_inspect(sb, "** (throw) ", reason);
  } else if (cls == ATOM_EXIT) {
    strbuf_puts(sb, "** (exit) ");
    exit_text(sb, reason, "\n    ");
  } else {
    error_banner(sb, reason);
  }
}

void exc_format_exit_signal(strbuf *sb, term pid, term reason) {
  strbuf_puts(sb, "** (EXIT from ");
  inspect_plain(sb, pid);
  strbuf_puts(sb, ") ");
  if (is_tuple(reason) && tuple_arity(reason) == 2 && is_list(tuple_get(reason, 1))) {
    /* {error, stacktrace}: a crash; its banner indented under the line */
    strbuf_puts(sb, "an exception was raised:");
    banner_at(sb, tuple_get(reason, 0), "\n    ");
  } else {
    exit_text(sb, reason, "\n    ");
  }
  strbuf_puts(sb, "\n\n");
}

/* "** (Module) message" for an error reason; Erlang-style reasons are
 * formatted directly, with the same text their struct would give. */
static void error_banner(strbuf *sb, term reason) {
  if (is_wrapped(reason)) reason = tuple_get(reason, 2);
  term e = is_exception(reason) ? reason : NONE;
  if (is_none(e)) {
    /* Format Erlang-style reasons directly (same text as the struct). */
    const char *mod = NULL;
    strbuf m;
    strbuf_init(&m);
    if (reason == ATOM_BADARITH) mod = "ArithmeticError", strbuf_puts(&m, "bad argument in arithmetic expression");
    else if (reason == ATOM_BADARG) mod = "ArgumentError", strbuf_puts(&m, "argument error");
    else if (reason == ATOM_SYSTEM_LIMIT) mod = "SystemLimitError", strbuf_puts(&m, "a system limit has been reached");
    else if (tuple_tag(reason, ATOM_BADARG, 2)) mod = "ArgumentError", put_inspect(&m, "argument error: ", tuple_get(reason, 1));
    else if (reason == atom_from_cstr("cond_clause")) mod = "CondClauseError", strbuf_puts(&m, "no cond clause evaluated to a truthy value");
    else if (tuple_tag(reason, ATOM_BADMATCH, 2)) mod = "MatchError", put_inspect(&m, "no match of right hand side value: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, ATOM_CASE_CLAUSE, 2)) mod = "CaseClauseError", put_inspect(&m, "no case clause matching: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, atom_from_cstr("try_clause"), 2)) mod = "TryClauseError", put_inspect(&m, "no try clause matching: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, atom_from_cstr("with_clause"), 2)) mod = "WithClauseError", put_inspect(&m, "no with clause matching: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, atom_from_cstr("badkey"), 2) || tuple_tag(reason, atom_from_cstr("badkey"), 3)) {
      mod = "KeyError";
      put_badkey_message(&m, reason);
    } else if (tuple_tag(reason, atom_from_cstr("badmap"), 2)) mod = "BadMapError", put_inspect(&m, "expected a map, got: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, atom_from_cstr("badbool"), 3)) {
      mod = "BadBooleanError";
      strbuf_puts(&m, "expected a boolean on left-side of \"");
      term op = tuple_get(reason, 1);
      if (is_atom(op)) strbuf_put(&m, atom_text(op), atom_len(op));
      put_inspect(&m, "\", got: ", tuple_get(reason, 2));
    } else if (tuple_tag(reason, ATOM_BADFUN, 2)) mod = "BadFunctionError", put_inspect(&m, "expected a function, got: ", tuple_get(reason, 1));
    else if (tuple_tag(reason, ATOM_BADARITY, 2) && is_tuple(tuple_get(reason, 1)) && tuple_arity(tuple_get(reason, 1)) == 2) {
      /* reuse exc_message on a stack-built struct */
      term f = tuple_get(tuple_get(reason, 1), 0), args = tuple_get(tuple_get(reason, 1), 1);
      term keys[4] = {ATOM_EXCEPTION, ATOM_STRUCT, atom_from_cstr("args"), atom_from_cstr("function")};
      term vals[4] = {ATOM_TRUE, module_atom("BadArityError"), args, f};
      /* atoms sorted by text: __exception__ < __struct__ < args < function */
      term *ww = malloc(10 * sizeof(term));
      if (ww) {
        ww[0] = make_header(9, BOX_MAP);
        ww[1] = 4;
        memcpy(ww + 2, keys, sizeof keys);
        memcpy(ww + 6, vals, sizeof vals);
        mod = "BadArityError";
        exc_message(&m, make_boxed(ww));
        free(ww);
      }
    } else if (reason == ATOM_UNDEF || tuple_tag(reason, ATOM_UNDEF, 4) || tuple_tag(reason, ATOM_UNDEF, 5)) {
      mod = "UndefinedFunctionError";
      bool full = is_tuple(reason);
      term why = ATOM_NIL;
      if (full && tuple_arity(reason) == 5)
        why = atom_from_cstr(tuple_get(reason, 4) == ATOM_TRUE ? "function not exported" : "module could not be loaded");
      undefined_fn_message(&m, full ? tuple_get(reason, 1) : ATOM_NIL, full ? tuple_get(reason, 2) : ATOM_NIL,
                           full ? undef_arity(tuple_get(reason, 3)) : ATOM_NIL, why);
    } else if (reason == ATOM_FUNCTION_CLAUSE || tuple_tag(reason, ATOM_FUNCTION_CLAUSE, 4)) {
      mod = "FunctionClauseError";
      if (!is_tuple(reason)) {
        strbuf_puts(&m, "no function clause matches");
      } else {
        strbuf_puts(&m, "no function clause matching in ");
        term ar = tuple_get(reason, 3);
        fc_mfa(&m, tuple_get(reason, 1), tuple_get(reason, 2), is_integer(ar) ? int_val(ar) : 0);
      }
    } else {
      mod = "ErlangError";
      put_inspect(&m, "Erlang error: ", reason);
    }
    strbuf_printf(sb, "** (%s) ", mod);
    strbuf_put(sb, m.data ? m.data : "", m.len);
    strbuf_free(&m);
    return;
  }
  strbuf_puts(sb, "** (");
  inspect_atom(sb, map_get_atom(e, ATOM_STRUCT));
  strbuf_puts(sb, ") ");
  exc_message(sb, e);
}

bool exc_exit_is_silent(term reason) {
  return reason == ATOM_NORMAL || reason == atom_from_cstr("shutdown") ||
         tuple_tag(reason, atom_from_cstr("shutdown"), 2);
}

int exc_main_status(term reason) {
  if (!exc_exit_is_silent(reason)) return 1;
  if (!tuple_tag(reason, atom_from_cstr("shutdown"), 2) || !is_small(tuple_get(reason, 1))) return 0;
  int64_t n = small_val(tuple_get(reason, 1));
  return n < 0 ? 1 : (int)(n & 255);
}

bool exc_format_crash_report(strbuf *sb, term pid, term cls, term reason) {
  if (cls == ATOM_EXIT) return false;
  strbuf_puts(sb, "\n[error] Process ");
  inspect_plain(sb, pid);
  strbuf_puts(sb, " raised an exception\n");
  if (cls == ATOM_THROW) {
    /* {:nocatch, value} as an ErlangError */
    strbuf_puts(sb, "** (ErlangError) Erlang error: {:nocatch, ");
    inspect_plain(sb, reason);
    strbuf_putc(sb, '}');
  } else {
    error_banner(sb, reason);
  }
  strbuf_putc(sb, '\n');
  return true;
}
