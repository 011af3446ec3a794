/*
 * main.c -- the `beamlet` command-line runner (native and WASI).
 *
 *   beamlet run FILE.exs [options] [-- args...]   run a script
 *   beamlet --version | --help
 *
 * Exit status: 0 when the script's main process ends normally, 1 when it
 * ends with an uncaught error (the error is on stderr, as `elixir` prints
 * it), 2 for a usage error or a file that cannot be read, 3 when the script
 * does not compile.
 */
#define _POSIX_C_SOURCE 200809L
#include "beamlet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef BEAMLET_THREADS
#define BEAMLET_THREADS 1
#endif

#define EXIT_USAGE 2
#define EXIT_COMPILE 3

static const char usage_text[] =
    "usage: beamlet run FILE.exs [options] [-- args...]\n"
    "       beamlet --version\n"
    "\n"
    "options:\n"
    "  --schedulers N     number of scheduler threads (default: one per core)\n"
    "  --deterministic    one scheduler, virtual time, same events every run\n"
    "  --seed N           seed for :rand and deterministic scheduling\n"
    "  --max-processes N  process limit (default 262144, at most 16777216)\n";

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "beamlet: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, " (see 'beamlet --help')\n");
  return EXIT_USAGE;
}

/* The script's name as `elixir` shows it (in errors, in an inspected
 * fn): relative to the working directory when it lies under it. */
static const char *name_from_cwd(const char *file) {
  static char cwd[4096];
  if (file[0] != '/' || !getcwd(cwd, sizeof cwd)) return file;
  size_t n = strlen(cwd);
  if (n == 1) return file + 1; /* cwd "/" */
  if (strncmp(file, cwd, n) == 0 && file[n] == '/') return file + n + 1;
  return file;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    char *bigger = realloc(buf, cap *= 2);
    if (!bigger) {
      free(buf);
      buf = NULL;
    }
    buf = bigger;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static bool parse_count(const char *s, long long *out) {
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || end == s || *end || v < 0) return false;
  *out = v;
  return true;
}

#if !BEAMLET_THREADS
/* Drive a runtime without scheduler threads: run slices, sleep until the
 * next timer when idle. */
static void run_single(beamlet_runtime *rt) {
  for (;;) {
    int64_t next_ms = -1;
    int st = beamlet_run_slice(rt, 100000, &next_ms);
    if (st == BEAMLET_DONE || st < 0) return;
    if (st == BEAMLET_IDLE) {
      if (next_ms < 0) next_ms = 10; /* nothing scheduled: the main process is stuck */
      struct timespec ts = {(time_t)(next_ms / 1000), (long)(next_ms % 1000) * 1000000L};
      nanosleep(&ts, NULL);
    }
  }
}
#endif

static int cmd_run(int argc, char **argv) {
  beamlet_config cfg;
  beamlet_config_init(&cfg);
  const char *file = NULL;
  int i = 0;
  for (; i < argc; i++) {
    const char *a = argv[i];
    long long v;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    } else if (strcmp(a, "--schedulers") == 0) {
      if (i + 1 >= argc || !parse_count(argv[i + 1], &v) || v < 1 || v > 1024)
        return usage_error("--schedulers needs a number from 1 to 1024%s", "");
      cfg.schedulers = (int)v;
      i++;
    } else if (strcmp(a, "--seed") == 0) {
      if (i + 1 >= argc || !parse_count(argv[i + 1], &v))
        return usage_error("--seed needs a non-negative number%s", "");
      cfg.seed = (uint64_t)v;
      i++;
    } else if (strcmp(a, "--max-processes") == 0) {
      if (i + 1 >= argc || !parse_count(argv[i + 1], &v) || v < 1 || v > (1LL << 24))
        return usage_error("--max-processes needs a number from 1 to 16777216%s", "");
      cfg.max_processes = (size_t)v;
      i++;
    } else if (strcmp(a, "--deterministic") == 0) {
      cfg.deterministic = 1;
    } else if (a[0] == '-' && a[1]) {
      return usage_error("unknown option '%s'", a);
    } else if (!file) {
      file = a;
    } else {
      break; /* the rest are the script's arguments */
    }
  }
  if (!file) return usage_error("run needs a file to run%s", "");
  cfg.argv = (const char *const *)(argv + i);
  cfg.argc = argc - i;

  size_t len;
  char *src = read_file(file, &len);
  if (!src) {
    fprintf(stderr, "beamlet: cannot read %s: %s\n", file, strerror(errno ? errno : EIO));
    return EXIT_USAGE;
  }

  beamlet_runtime *rt;
  if (beamlet_create(&cfg, &rt) != BEAMLET_OK) {
    free(src);
    fprintf(stderr, "beamlet: cannot create the runtime (out of memory)\n");
    return 1;
  }
  char err[512];
  int st = beamlet_load(rt, src, len, name_from_cwd(file), err, sizeof err);
  free(src);
  if (st != BEAMLET_OK) {
    fprintf(stderr, "%s\n", err);
    beamlet_destroy(rt);
    return EXIT_COMPILE;
  }
  st = beamlet_start_main(rt);
  if (st == BEAMLET_OK) {
#if BEAMLET_THREADS
    beamlet_wait(rt, -1);
#else
    run_single(rt);
#endif
  }
  int status = st == BEAMLET_OK ? beamlet_main_status(rt) : 1;
  fflush(stdout);
  beamlet_destroy(rt);
  return status;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* wasi-libc buffers fully otherwise */
  if (argc < 2) {
    fputs(usage_text, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("beamlet %s\n", BEAMLET_VERSION);
    return 0;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (strcmp(cmd, "run") == 0) return cmd_run(argc - 2, argv + 2);
  return usage_error("unknown command '%s'", cmd);
}
