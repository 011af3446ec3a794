/*
 * literal.c -- the literal area: constants of compiled code, never
 * collected, shared read-only by every process of a runtime.
 *
 * Invariants:
 * - The area is a handful of malloc'd chunks of words. Chunk capacities
 *   double (LIT_CHUNK_MIN up to LIT_CHUNK_MAX, or one large literal's size),
 *   so even a big program has few chunks; `lo`/`hi` bound all of them, so
 *   is_literal_ptr answers "no" for a process heap pointer with two
 *   compares in the common case.
 * - Terms in the area point only into the area (literal_copy copies a term
 *   whole), or at off-heap binaries through PROCBINs chained on `mso`.
 * - Binaries: a literal binary longer than HEAPBIN_MAX is stored as a
 *   PROCBIN whose reference the area owns until literal_area_free; a copy
 *   into a process (send, or a process heap pointing at the literal is
 *   never copied by GC at all) shares the body by reference. A HEAPBIN
 *   given to literal_copy longer than HEAPBIN_MAX is converted (copy.c).
 * - Written only while code is loaded (one thread, no process running);
 *   read concurrently afterwards without locks.
 */
#include <stdlib.h>

#include "heap_priv.h"

#define LIT_CHUNK_MIN ((size_t)1 << 10)
#define LIT_CHUNK_MAX ((size_t)1 << 20)

typedef struct litchunk {
  term *start, *end;
} litchunk;

struct litarea {
  litchunk *chunks;
  size_t nchunks, cap;
  term *top, *limit;  /* free space of the newest chunk */
  size_t next_words;  /* capacity of the next chunk */
  uintptr_t lo, hi;   /* bounds of every chunk */
  procbin *mso;       /* PROCBINs in the area: one reference each */
};

struct litarea *literal_area_new(void) {
  struct litarea *la = calloc(1, sizeof *la);
  if (!la) return NULL;
  la->next_words = LIT_CHUNK_MIN;
  la->lo = UINTPTR_MAX;
  la->hi = 0;
  return la;
}

void literal_area_free(struct litarea *la) {
  if (!la) return;
  mso_sweep(la->mso);
  for (size_t i = 0; i < la->nchunks; i++) free(la->chunks[i].start);
  free(la->chunks);
  free(la);
}

bool is_literal_ptr(const struct litarea *la, const void *ptr) {
  if (!la) return false;
  uintptr_t a = (uintptr_t)ptr;
  if (a < la->lo || a >= la->hi) return false;
  for (size_t i = la->nchunks; i-- > 0;)
    if (a >= (uintptr_t)la->chunks[i].start && a < (uintptr_t)la->chunks[i].end) return true;
  return false;
}

static term *lit_alloc(struct litarea *la, size_t n) {
  if ((size_t)(la->limit - la->top) < n) {
    size_t words = la->next_words;
    if (words < n) words = n;
    if (la->nchunks == la->cap) {
      size_t cap = la->cap ? la->cap * 2 : 8;
      litchunk *c = realloc(la->chunks, cap * sizeof *c);
      if (!c) return NULL;
      la->chunks = c;
      la->cap = cap;
    }
    term *mem = malloc(words * sizeof(term));
    if (!mem) return NULL;
    la->chunks[la->nchunks].start = mem;
    la->chunks[la->nchunks].end = mem + words;
    la->nchunks++;
    if ((uintptr_t)mem < la->lo) la->lo = (uintptr_t)mem;
    if ((uintptr_t)(mem + words) > la->hi) la->hi = (uintptr_t)(mem + words);
    la->top = mem;
    la->limit = mem + words;
    if (la->next_words < LIT_CHUNK_MAX) la->next_words *= 2;
  }
  term *r = la->top;
  la->top += n;
  return r;
}

term literal_copy(struct litarea *la, term t) {
  if (!term_is_ptr(t)) return t; /* immediates */
  const void *ptr = is_cons(t) ? (const void *)cons_ptr(t) : (const void *)box_ptr(t);
  if (is_literal_ptr(la, ptr)) return t; /* already a literal */
  size_t n = copy_size(t);
  term *hp = lit_alloc(la, n);
  if (!hp) return NONE;
  return copy_term(t, &hp, &la->mso);
}
