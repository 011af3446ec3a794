/*
 * test_prelude.c -- the embedded prelude (the .ex files of core/prelude, put into the
 * binary by cmake/embed-prelude.cmake): the tables are consistent.
 */
#include "check.h"
#include "prelude.h"

#include <stddef.h>
#include <string.h>

int main(void) {
  unsigned n = 0;
  while (beamlet_prelude_names[n]) n++;
  CHECK_EQ_INT(n, beamlet_prelude_count);
  CHECK(beamlet_prelude_sources[beamlet_prelude_count] == NULL);
  for (unsigned i = 0; i < beamlet_prelude_count; i++) {
    const char *name = beamlet_prelude_names[i];
    size_t len = strlen(name);
    CHECK(len > 3 && strcmp(name + len - 3, ".ex") == 0);
    CHECK(strchr(name, '/') == NULL);
    CHECK(beamlet_prelude_sources[i] != NULL);
    /* sorted by name, no duplicates */
    if (i > 0) CHECK(strcmp(beamlet_prelude_names[i - 1], name) < 0);
  }
  return check_report();
}
