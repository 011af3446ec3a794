/*
 * heap_priv.h -- what the memory module's files (heap.c, gc.c, copy.c,
 * binary.c, literal.c) share with each other and with nobody else.
 */
#ifndef BEAMLET_HEAP_PRIV_H
#define BEAMLET_HEAP_PRIV_H

#include "heap.h"

struct runtime;

/* Smallest block a process ever has, in words (the whole idle process,
 * PCB included, must stay under 512 bytes). */
#define HEAP_MIN_WORDS 12

/* Block sizes follow a Fibonacci-like series starting at HEAP_MIN_WORDS:
 * the smallest size of the series >= words. */
size_t heap_next_size(size_t words);

/* The cache of the scheduler running p (NULL when p runs nowhere yet, or
 * outside a runtime); defined in heap.c. */
struct memcache *proc_mc(struct proc *p);

/* heap_alloc, telling which mso list (block's or fragment's) the words
 * belong to. */
term *heap_alloc_mso(struct proc *p, size_t n, procbin ***mso);

/* Bytes a fragment counts against the runtime (header + capacity). */
static inline intptr_t frag_bytes(const heapfrag *f) {
  return (intptr_t)(sizeof(heapfrag) + f->cap * sizeof(term));
}

/* An off-heap binary whose bytes are accounted against `rt` (may be NULL:
 * not accounted) until its last reference is dropped. */
binary *bin_alloc_rt(struct runtime *rt, size_t size);

/* Drop the reference of every PROCBIN on the chain whose header is still a
 * PROCBIN header. A PROCBIN the collector copied has a BOX_FWD header: its
 * reference moved with the copy, so it is skipped. */
void mso_sweep(procbin *list);

/* PROCBIN construction on already allocated words (4 of them). Takes over
 * the caller's reference to `b` and pushes the object on *mso. */
static inline term procbin_init(term *at, binary *b, procbin **mso) {
  procbin *pb = (procbin *)at;
  pb->header = make_header(3, BOX_PROCBIN);
  pb->size = (uint64_t)b->size;
  pb->bin_word = (uint64_t)(uintptr_t)b;
  pb->next_word = (uint64_t)(uintptr_t)*mso;
  *mso = pb;
  return make_boxed(at);
}

/* The term words of a boxed object with header h: `count` words from
 * index `first` (header at index 0). TUPLE: all; MAP: after the raw count;
 * FUN: after the raw fundef pointer; every other type: none. */
static inline void box_terms(term h, size_t *first, size_t *count) {
  size_t size = (size_t)header_size(h);
  switch (header_type(h)) {
  case BOX_TUPLE: *first = 1; *count = size; return;
  case BOX_MAP:
  case BOX_FUN: *first = 2; *count = size ? size - 1 : 0; return;
  default: *first = 0; *count = 0; return;
  }
}

/* A term that points at memory. Word 0 (a boxed NULL) is never a valid
 * term; it is treated as an immediate so zero-filled slots are harmless. */
static inline bool term_is_ptr(term t) { return (is_boxed(t) && t != 0) || is_cons(t); }

/* Words a HEAPBIN of `len` bytes takes, header included. */
static inline size_t heapbin_words(size_t len) { return 2 + (len + 7) / 8; }

#endif
