/*
 * code.h -- a loaded program: every module (prelude and script) compiled
 * into one array of 32-bit code words, the table of functions, the constant
 * pool and the BIFs the code calls.
 *
 * Invariants:
 * - A program is immutable once program_compile returns; any number of
 *   schedulers read it concurrently.
 * - `struct fundef` objects never move (FUN terms point at them: term.h's
 *   fun_def()). funs[i]->index == i.
 * - code[0] is OP_EXIT: the return address of every process's bottom frame.
 * - Constants live in the runtime's literal area (never collected).
 * - Call targets known at load time are direct code offsets in the
 *   instructions (relative to the calling instruction); only calls through a module held in a variable go through
 *   program_find (a hash over module/name/arity) and then bif_lookup.
 */
#ifndef BEAMLET_CODE_H
#define BEAMLET_CODE_H

#include <stdint.h>
#include <stddef.h>
#include "strbuf.h"
#include "term.h"
#include "vm.h"

enum fundef_kind {
  FUNDEF_NAMED = 0,  /* def/defp: params are the arguments */
  FUNDEF_LAMBDA = 1, /* fn (and captures): params are the arguments and then
                        the FUN term itself, whose env holds the free vars */
  FUNDEF_MAIN = 2    /* the script's top-level code (arity 0) */
};

struct fundef {
  term module;       /* atom, e.g. Elixir.Greeter (main: Elixir.Beamlet.Main) */
  term name;         /* atom: function name; for a lambda the name of the
                        enclosing function */
  uint32_t arity;    /* arguments seen by Elixir code */
  uint32_t nfree;    /* lambdas: number of captured variables (env words) */
  uint32_t entry;    /* code offset of the function's first instruction */
  uint32_t index;    /* position in program->funs */
  uint32_t lambda_no;   /* lambdas: 0-based number within the module */
  uint32_t parent_arity; /* lambdas: arity of the enclosing function */
  const char *display; /* lambdas: what inspect shows after "in " ("Mod.fun/1"),
                        or "&Mod.fun/2" for a capture; NULL: top-level code */
  uint8_t kind;      /* enum fundef_kind */
  uint8_t exported;  /* def: 1, defp: 0 (lambdas 0) */
};

struct program {
  uint32_t *code;
  size_t code_len;
  struct fundef **funs;
  uint32_t nfuns;
  term *consts;
  uint32_t nconsts;
  bif_fn *bifs;       /* BIFs called by CALL_BIF (index operand) */
  uint32_t nbifs;
  uint32_t main_fun;  /* index of the script's top-level function */
  term *modules;      /* module atoms defined by the program */
  uint32_t nmodules;
  /* hash (module, name, arity) -> fundef, named functions only */
  uint32_t *hash;     /* fundef index + 1, 0 = empty */
  uint32_t hash_cap;  /* power of two */
  bif_fn to_string;   /* Kernel.to_string/1, for interpolation (may be NULL) */
};

/* A fun's arity. */
uint32_t fun_arity(term f);
/* For inspect (declared in inspect.h): a fun as inspect shows it. */
void fun_inspect(strbuf *sb, term f);

/* The named function mod.name/arity, or NULL. */
const struct fundef *program_find(const struct program *prog, term mod, term name, uint32_t arity);
/* Does the program define module `mod`? */
bool program_has_module(const struct program *prog, term mod);
/* Does some BIF table list functions of module `mod`? (bif.c) */
bool bif_module_exists(term mod);

#endif
