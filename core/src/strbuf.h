/*
 * strbuf.h -- a growable byte buffer.
 *
 * Invariants: `data` is NULL or a malloc'd block of `cap` bytes; `len < cap`
 * whenever data != NULL and data[len] == '\0', so data is always usable as a
 * C string (the content itself may contain NUL bytes). An allocation failure
 * sets `oom` and further writes are dropped (the buffer stays consistent).
 */
#ifndef BEAMLET_STRBUF_H
#define BEAMLET_STRBUF_H

#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef struct strbuf {
  char *data;
  size_t len, cap;
  bool oom;
} strbuf;

void strbuf_init(strbuf *sb);
void strbuf_free(strbuf *sb);
void strbuf_reset(strbuf *sb); /* len = 0, keeps the memory */
bool strbuf_reserve(strbuf *sb, size_t extra);
void strbuf_putc(strbuf *sb, char c);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_put(strbuf *sb, const void *mem, size_t len);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
/* Give up ownership of the bytes (NUL-terminated, never NULL unless out of
 * memory); the buffer is left empty. */
char *strbuf_take(strbuf *sb);

#endif
