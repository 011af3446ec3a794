/* record-trace.c -- record a deterministic JSON-lines trace of a script with the
 * native runtime (used to make the web/examples .jsonl files, the recorded runs the
 * page replays without WebAssembly). Build and run:
 *   gcc -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -Icore/include web/tools/record-trace.c \
 *       build/native/libbeamlet_core.a -lpthread -lm -o build/record-trace
 *   build/record-trace web/examples/crash.exs [seed] > trace.jsonl
 * (web/src/events.js reads these lines; toJsonLines there writes the npm
 * package schema v2; format v2 adds reductions and memory to sched_out.
 * The .jsonl files in web/examples are recorded with web/tools/record-examples.mjs.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "beamlet.h"
static const char *names[] = {"", "header","spawn","exit","send","receive","register","unregister","link","unlink","monitor","demonitor","down","sched_in","sched_out","output","exit_signal"};
static void out_noop(void *c, int fd, uint64_t pid, const char *d, size_t n) { (void)c;(void)fd;(void)pid;(void)d;(void)n; }
static void jstr(const char *s, size_t n) {
  putchar('"');
  for (size_t i = 0; i < n; i++) { unsigned char c = s[i];
    if (c == '"' || c == '\\') { putchar('\\'); putchar(c); }
    else if (c == '\n') fputs("\\n", stdout); else if (c == '\t') fputs("\\t", stdout);
    else if (c < 0x20) printf("\\u%04x", c); else putchar(c); }
  putchar('"');
}
static void pidj(uint64_t p) { if (!p) { fputs("null", stdout); return; } char b[64]; size_t n = beamlet_pid_format(p, b, sizeof b); jstr(b, n); }
static uint8_t buf[1 << 20];
static uint64_t version = 1; /* the trace format, from the header record */
static void drain(beamlet_runtime *rt) {
  size_t n;
  while ((n = beamlet_trace_read(rt, buf, sizeof buf)) > 0) {
    size_t off = 0;
    while (off + 40 <= n) {
      uint32_t size; uint16_t type, sched; uint64_t t, pid, other, extra;
      memcpy(&size, buf+off, 4); memcpy(&type, buf+off+4, 2); memcpy(&sched, buf+off+6, 2);
      memcpy(&t, buf+off+8, 8); memcpy(&pid, buf+off+16, 8); memcpy(&other, buf+off+24, 8); memcpy(&extra, buf+off+32, 8);
      if (type == 1) version = extra;
      printf("{\"type\":\"%s\",\"time\":%llu,\"scheduler\":%d,\"pid\":", type < 17 ? names[type] : "unknown", (unsigned long long)t, sched == 0xFFFF ? -1 : sched);
      if (type == 14 && version >= 2) {
        /* v2: other = memory in bytes, extra = cause | reductions << 8 */
        pidj(pid);
        printf(",\"other\":null,\"extra\":%llu,\"reductions\":%llu,\"memory\":%llu,\"text\":", (unsigned long long)(extra & 0xFF),
               (unsigned long long)(extra >> 8), (unsigned long long)other);
      } else {
        if (type == 1) printf("null,\"other\":%llu", (unsigned long long)other); else { pidj(pid); fputs(",\"other\":", stdout); pidj(other); }
        printf(",\"extra\":%llu,\"text\":", (unsigned long long)extra);
      }
      jstr((char*)buf+off+40, size-40); fputs("}\n", stdout);
      off = (off + size + 7) & ~(size_t)7;
    }
  }
}
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); if (!f) return 2;
  static char src[1<<20]; size_t len = fread(src, 1, sizeof src, f); fclose(f);
  beamlet_config cfg; beamlet_config_init(&cfg);
  cfg.deterministic = 1; cfg.trace = 1; cfg.seed = argc > 2 ? strtoull(argv[2],0,10) : 1; cfg.host_driven = 1; cfg.output = out_noop;
  beamlet_runtime *rt; if (beamlet_create(&cfg, &rt)) return 3;
  char err[512];
  if (beamlet_load(rt, src, len, "playground.exs", err, sizeof err)) { fprintf(stderr, "%s\n", err); return 4; }
  beamlet_start_main(rt);
  for (int i = 0; i < 1000000; i++) { int64_t next; int r = beamlet_run_slice(rt, 2000, &next); drain(rt); if (r == BEAMLET_DONE) break; if (r == BEAMLET_IDLE && next < 0) break; }
  drain(rt);
  char *snap = malloc(1<<20); beamlet_snapshot(rt, snap, 1<<20); fprintf(stderr, "%s\n", snap);
  beamlet_destroy(rt); return 0;
}
