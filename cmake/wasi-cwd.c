/*
 * wasi-cwd.c -- linked into every WASI executable of the build.
 *
 * wasi-libc starts with "/" as its current directory, so a relative path on
 * the command line ("x.exs") would name "/x.exs". The runner
 * (scripts/wasi-run.mjs) preopens "/" and passes the host's working directory
 * in BEAMLET_WASI_CWD; this constructor makes it the module's current
 * directory, so relative paths mean what they mean on the host. Without the
 * variable (another WASI host) nothing changes.
 */
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void beamlet_wasi_cwd(void) {
  const char *cwd = getenv("BEAMLET_WASI_CWD");
  if (cwd && cwd[0] == '/') (void)chdir(cwd);
}
