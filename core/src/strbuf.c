/*
 * strbuf.c -- growable byte buffer (see strbuf.h for the invariants).
 */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(strbuf *sb) {
  sb->data = NULL;
  sb->len = sb->cap = 0;
  sb->oom = false;
}

void strbuf_free(strbuf *sb) {
  free(sb->data);
  strbuf_init(sb);
}

void strbuf_reset(strbuf *sb) {
  sb->len = 0;
  if (sb->data) sb->data[0] = '\0';
}

/* Ensure room for `extra` more bytes plus the terminating NUL. */
bool strbuf_reserve(strbuf *sb, size_t extra) {
  if (sb->oom) return false;
  size_t need = sb->len + extra + 1;
  if (need < sb->len) { /* overflow */
    sb->oom = true;
    return false;
  }
  if (need <= sb->cap) return true;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < need) cap = cap * 2 > cap ? cap * 2 : need;
  char *d = realloc(sb->data, cap);
  if (!d) {
    sb->oom = true;
    return false;
  }
  sb->data = d;
  sb->cap = cap;
  return true;
}

void strbuf_put(strbuf *sb, const void *mem, size_t len) {
  if (!strbuf_reserve(sb, len)) return;
  if (len) memcpy(sb->data + sb->len, mem, len);
  sb->len += len;
  sb->data[sb->len] = '\0';
}

void strbuf_putc(strbuf *sb, char c) {
  if (!strbuf_reserve(sb, 1)) return;
  sb->data[sb->len++] = c;
  sb->data[sb->len] = '\0';
}

void strbuf_puts(strbuf *sb, const char *s) { strbuf_put(sb, s, strlen(s)); }

void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    strbuf_put(sb, small, (size_t)n);
    return;
  }
  if (!strbuf_reserve(sb, (size_t)n)) return;
  vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
  sb->len += (size_t)n;
}

void strbuf_printf(strbuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  strbuf_vprintf(sb, fmt, ap);
  va_end(ap);
}

char *strbuf_take(strbuf *sb) {
  if (!sb->data && !sb->oom) strbuf_reserve(sb, 0);
  char *d = sb->data;
  if (d) d[sb->len] = '\0';
  strbuf_init(sb);
  return d;
}
