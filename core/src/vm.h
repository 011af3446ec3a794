/*
 * vm.h -- the bytecode interpreter's contract with the runtime.
 *
 * Code is loaded once into a `program` (all modules: the prelude and the
 * user's script), owned by the runtime and immutable while processes run.
 * A process's whole interpreter state is its pc, fp and stack, so a process
 * waiting in `receive` is just a process whose pc points at the receive:
 * no C stack is ever kept across a wait.
 *
 * Errors: a BIF or the VM raises by calling vm_raise(), which records the
 * exception in the process and returns NONE; whoever sees NONE returns it
 * up to the interpreter loop, which unwinds (or, uncaught, ends the process
 * with the exception's exit reason and a crash report).
 */
#ifndef BEAMLET_VM_H
#define BEAMLET_VM_H

#include "process.h"

struct program;
struct runtime;

/* ---- loading ---- */
/* Compile the prelude and a script into a program. On error returns NULL and
 * writes "file:line:col: message" into err. Literals go to `lit`. */
struct program *program_compile(struct litarea *lit, const char *src, size_t len,
                                const char *file, char *err, size_t err_cap);
void program_free(struct program *prog);

/* Exception classes (atoms). */
term vm_raise(proc *p, term cls, term reason); /* cls: error, exit, throw */
term vm_error(proc *p, term reason);            /* vm_raise(p, error, reason) */
/* Raise an Elixir exception struct: vm_error_exc(p, "ArgumentError", "msg"). */
term vm_error_exc(proc *p, const char *exception_module, const char *message);

/* Run p for up to `budget` reductions. See enum vm_result. */
int vm_run(proc *p, int32_t budget);

/* Prepare a new process to call `fun` (a fun of arity 0) or Mod.name(args).
 * Returns false (with nothing allocated) if mod/name/arity do not exist. */
bool vm_setup(proc *p, term fun, term mod, term name, term args);

/* Prepare the main process to run the script's top-level code. */
bool vm_setup_main(proc *p, const struct program *prog);

/* ---- built-in functions implemented in C ---- */
/* A BIF receives its arguments in args[0..arity) (they stay valid: the
 * VM does not collect during a BIF) and returns the result or NONE after
 * vm_raise(). A BIF that allocates uses heap_alloc (fragments if needed). */
typedef term (*bif_fn)(proc *p, term *args);

typedef struct bif_entry {
  const char *module; /* "Elixir.String", "erlang", "Elixir.Process" ... */
  const char *name;
  uint8_t arity;
  bif_fn fn;
} bif_entry;

/* Every BIF table (one per bif_*.c file), NULL-name terminated. */
extern const bif_entry bif_table_kernel[];
extern const bif_entry bif_table_process[];
extern const bif_entry bif_table_data[];
extern const bif_entry bif_table_string[];
extern const bif_entry bif_table_math[];
bif_fn bif_lookup(term module, term name, unsigned arity);
/* The module, name and arity under which the first table entry with fn
 * lists it (for prelude images: BIFs are saved by name). False if none. */
bool bif_name_of(bif_fn fn, const char **module, const char **name, unsigned *arity);

#endif
