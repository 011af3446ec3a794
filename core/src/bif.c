/*
 * bif.c -- lookup of built-in functions over every BIF table.
 *
 * The tables are listed once, in bif_tables[] below: adding a table is one
 * line. Lookups happen while code is loaded (and for calls through a module
 * held in a variable), so a linear scan comparing atom texts is enough; the
 * first table listing module/name/arity wins.
 */
#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "code.h"
#include "stdlib_names.h"
#include "vm.h"

static const bif_entry *const bif_tables[] = {
    bif_table_kernel,
    bif_table_process,
    bif_table_data,
    bif_table_string,
    bif_table_math,
};

static bool atom_is(term a, const char *s) {
  size_t n = strlen(s);
  return atom_len(a) == n && memcmp(atom_text(a), s, n) == 0;
}

bif_fn bif_lookup(term module, term name, unsigned arity) {
  if (!is_atom(module) || !is_atom(name)) return NULL;
  for (size_t t = 0; t < sizeof bif_tables / sizeof bif_tables[0]; t++)
    for (const bif_entry *e = bif_tables[t]; e->name; e++)
      if (e->arity == arity && atom_is(name, e->name) && atom_is(module, e->module)) return e->fn;
  return NULL;
}

bool bif_module_exists(term module) {
  if (!is_atom(module)) return false;
  for (size_t t = 0; t < sizeof bif_tables / sizeof bif_tables[0]; t++)
    for (const bif_entry *e = bif_tables[t]; e->name; e++)
      if (atom_is(module, e->module)) return true;
  return false;
}

bool bif_name_of(bif_fn fn, const char **module, const char **name, unsigned *arity) {
  for (size_t t = 0; t < sizeof bif_tables / sizeof bif_tables[0]; t++)
    for (const bif_entry *e = bif_tables[t]; e->name; e++)
      if (e->fn == fn) {
        *module = e->module;
        *name = e->name;
        *arity = e->arity;
        return true;
      }
  return false;
}

/* ---- what the real library has (stdlib_names.c), for the compiler ---- */

bool stdlib_module_known(const char *module) {
  unsigned lo = 0, hi = stdlib_nmodules;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    int c = strcmp(module, stdlib_modules[mid]);
    if (c == 0) return true;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return false;
}

bool stdlib_function_known(const char *module, const char *name, unsigned arity) {
  char key[128];
  int n = snprintf(key, sizeof key, " %s/%u ", name, arity);
  if (n < 0 || (size_t)n >= sizeof key) return false;
  for (unsigned i = 0; i < stdlib_npartial; i++)
    if (strcmp(module, stdlib_partial[i].module) == 0) return strstr(stdlib_partial[i].funs, key) != NULL;
  return false;
}
