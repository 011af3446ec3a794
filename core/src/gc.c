/*
 * gc.c -- the per-process copying collector (Cheney).
 *
 * A collection runs on the process's own scheduler at a safe point, where
 * every live term is reachable from the roots: the stack words [stop, hend)
 * and p->roots[]. It copies everything reachable out of the old block AND
 * every fragment on p->frags into one new block, then frees the old block
 * and the fragments. No other process is involved or stopped.
 *
 * The new block ("to-space"):
 *   [ copied heap objects ... top )  free  [ stack, moved as-is ) hend
 * The stack keeps its depth and contents; only its pointer words are
 * updated. p->fp, when it points into the stack, moves with it.
 *
 * Invariants while copying:
 * - Immediates (small ints, atoms, pids, nil, IMM_CP / IMM_MARK stack
 *   values, NONE) and word 0 are never followed.
 * - Pointers into the literal area are never followed nor copied.
 * - Every other pointer points into the old block or an old fragment
 *   ("from-space"); a from-space object is copied at most once:
 *     boxed object: its header is replaced by a BOX_FWD header whose size
 *       field is the new address (make_header(addr, BOX_FWD));
 *     cons cell: its car is replaced by GC_CONS_FWD, an immediate whose
 *       subtag (0x3F) no term ever has, with the new address as payload.
 *   The other words of a forwarded object are left intact (a forwarded
 *   PROCBIN keeps its 'next' link, so the old mso lists can still be
 *   walked afterwards).
 * - To-space holds cons cells (2 words, no header) and boxed objects side
 *   by side; a header cannot be told from a car by its bits (a tuple header
 *   looks like a boxed pointer), so a side bitmap marks the first word of
 *   every boxed object copied. The scan pointer uses it to step over
 *   objects; the shrink relocation uses it again.
 * - PROCBINs are copied as 4 words and pushed on the new mso list; their
 *   reference moves with them. After the copy every PROCBIN still on an
 *   old mso list with a PROCBIN header died: its reference is dropped.
 *
 * Sizing: to-space is allocated before anything is touched, big enough for
 * everything to be live: next_size(2*(used + stack) + need), so a failed
 * allocation leaves the process untouched. After the copy the block is
 * shrunk to next_size(2*(live + stack) + need) (free space >= live + stack
 * + need afterwards: no collection storm). If shrinking moves the block,
 * every pointer into it is relocated by the displacement.
 */
#include <stdio.h>
#include <stdlib.h>

#include "heap_priv.h"
#include "runtime.h"

#define GC_CONS_FWD 0x3Fu /* subtag of a forwarded cons cell's car */

typedef struct gcstate {
  term *to;           /* to-space start */
  term *top;          /* allocation pointer in to-space */
  uint64_t *starts;   /* bit i: a boxed object starts at to[i] */
  const struct litarea *la;
  procbin *mso;       /* the new block's PROCBINs */
} gcstate;

static inline void mark_start(gcstate *g, const term *at) {
  size_t i = (size_t)(at - g->to);
  g->starts[i / 64] |= (uint64_t)1 << (i % 64);
}

static inline bool is_start(const uint64_t *starts, size_t i) {
  return (starts[i / 64] >> (i % 64)) & 1;
}

/* Make *slot point at the to-space copy of its object, copying it first
 * if that has not happened yet. */
static void evacuate(gcstate *g, term *slot) {
  term t = *slot;
  if (is_cons(t)) {
    term *c = cons_ptr(t);
    if (is_literal_ptr(g->la, c)) return;
    term h = c[0];
    if ((h & IMM_MASK) == GC_CONS_FWD) {
      *slot = make_cons_ptr((term *)(uintptr_t)(h >> 6));
      return;
    }
    term *d = g->top;
    g->top += 2;
    d[0] = h;
    d[1] = c[1];
    c[0] = ((uint64_t)(uintptr_t)d << 6) | GC_CONS_FWD;
    *slot = make_cons_ptr(d);
  } else if (is_boxed(t) && t != 0) {
    term *b = box_ptr(t);
    if (is_literal_ptr(g->la, b)) return;
    term h = b[0];
    if (header_type(h) == BOX_FWD) {
      *slot = make_boxed((term *)(uintptr_t)header_size(h));
      return;
    }
    size_t words = (size_t)header_size(h) + 1;
    term *d = g->top;
    g->top += words;
    memcpy(d, b, words * sizeof(term));
    mark_start(g, d);
    if (header_type(h) == BOX_PROCBIN) {
      procbin *pb = (procbin *)d;
      pb->next_word = (uint64_t)(uintptr_t)g->mso;
      g->mso = pb;
    }
    b[0] = make_header((uint64_t)(uintptr_t)d, BOX_FWD);
    *slot = make_boxed(d);
  }
}

/* Cheney scan: evacuate the term words of every object copied so far,
 * until no new object appears. */
static void scan_tospace(gcstate *g) {
  term *scan = g->to;
  while (scan < g->top) {
    if (is_start(g->starts, (size_t)(scan - g->to))) {
      term h = scan[0];
      size_t first, count;
      box_terms(h, &first, &count);
      for (size_t i = 0; i < count; i++) evacuate(g, &scan[first + i]);
      scan += header_size(h) + 1;
    } else {
      evacuate(g, &scan[0]);
      evacuate(g, &scan[1]);
      scan += 2;
    }
  }
}

/* Shift a pointer term that points into [lo, hi) by delta bytes. */
static inline void reloc(term *slot, uintptr_t lo, uintptr_t hi, intptr_t delta) {
  term t = *slot;
  if (!term_is_ptr(t)) return;
  uintptr_t a = (uintptr_t)(t & ~(term)TAG_MASK);
  if (a >= lo && a < hi) *slot = (term)(uintptr_t)(a + (uintptr_t)delta) | (t & TAG_MASK);
}

/* The block moved from old_base to p->heap (same layout): fix every
 * pointer into it held by the heap, the stack, the roots and the mso list. */
static void relocate_block(proc *p, uintptr_t old_base, size_t words, const uint64_t *starts) {
  uintptr_t lo = old_base, hi = old_base + words * sizeof(term);
  intptr_t delta = (intptr_t)((uintptr_t)p->heap - lo);
  for (term *w = p->heap; w < p->htop;) {
    if (is_start(starts, (size_t)(w - p->heap))) {
      size_t first, count;
      box_terms(w[0], &first, &count);
      for (size_t i = 0; i < count; i++) reloc(&w[first + i], lo, hi, delta);
      w += header_size(w[0]) + 1;
    } else {
      reloc(&w[0], lo, hi, delta);
      reloc(&w[1], lo, hi, delta);
      w += 2;
    }
  }
  for (term *w = p->stop; w < p->hend; w++) reloc(w, lo, hi, delta);
  for (int i = 0; i < PROC_NROOTS; i++) reloc(&p->roots[i], lo, hi, delta);
  if (p->mso) p->mso = (procbin *)(uintptr_t)((uintptr_t)p->mso + (uintptr_t)delta);
  for (procbin *pb = p->mso; pb; pb = procbin_next(pb))
    if (pb->next_word) pb->next_word += (uint64_t)(int64_t)delta;
}

/* Heaps whose to-space is at most this many words are collected into the
 * scheduler's scratch space and then copied into a block of exactly the
 * final size (memcache), so a small process's collection calls no malloc. */
#define GC_SCRATCH_MAX ((size_t)1 << 15)

/* Grow c's scratch to-space and bitmap to `words`; false if out of memory. */
static bool scratch_reserve(memcache *c, size_t words) {
  size_t bw = (words + 63) / 64;
  if (c->scratch_words < words) {
    size_t n = c->scratch_words ? c->scratch_words : 256;
    while (n < words) n *= 2;
    term *t = realloc(c->scratch, n * sizeof(term));
    if (!t) return false;
    c->scratch = t;
    c->scratch_words = n;
  }
  if (c->bits_words < bw) {
    size_t n = (c->scratch_words + 63) / 64;
    uint64_t *b = realloc(c->bits, n * sizeof(uint64_t));
    if (!b) return false;
    c->bits = b;
    c->bits_words = n;
  }
  memset(c->bits, 0, bw * sizeof(uint64_t));
  return true;
}

bool gc_collect(proc *p, size_t need) {
  memcache *mc = proc_mc(p);
  size_t stack_words = (size_t)(p->hend - p->stop);
  /* an inline block (heap_init_at) is the PCB's memory: not freed, not accounted */
  size_t old_block = p->heap_inline ? 0 : (size_t)(p->hend - p->heap);
  size_t old_used = (size_t)(p->htop - p->heap);
  intptr_t old_frag_bytes = 0;
  for (heapfrag *f = p->frags; f; f = f->next) {
    old_used += f->used;
    old_frag_bytes += frag_bytes(f);
  }

  /* ---- to-space: room for everything to be live ---- */
  size_t min_words = old_used + stack_words + need;
  size_t tosize = heap_next_size(2 * (old_used + stack_words) + need);
  if (p->max_heap_words && tosize > p->max_heap_words)
    tosize = p->max_heap_words > min_words ? p->max_heap_words : min_words;
  bool scratch = mc && tosize <= GC_SCRATCH_MAX && scratch_reserve(mc, tosize);
  term *to;
  uint64_t *starts;
  if (scratch) {
    to = mc->scratch;
    starts = mc->bits;
  } else {
    to = mc_alloc(mc, tosize * sizeof(term));
    starts = calloc((tosize + 63) / 64, sizeof(uint64_t));
    if (!to || !starts) {
      mc_free(mc, to, tosize * sizeof(term));
      free(starts);
      return false; /* nothing touched yet */
    }
  }

  gcstate g = {.to = to, .top = to, .starts = starts, .mso = NULL,
               .la = p->rt ? rt_literals(p->rt) : NULL};

  /* ---- roots: the stack (moved to the top of to-space), p->roots ---- */
  term *new_stop = to + tosize - stack_words;
  memcpy(new_stop, p->stop, stack_words * sizeof(term));
  ptrdiff_t fp_off = -1; /* fp as an offset from stop, when in the stack */
  if ((uintptr_t)p->fp >= (uintptr_t)p->stop && (uintptr_t)p->fp <= (uintptr_t)p->hend)
    fp_off = p->fp - p->stop;
  for (size_t i = 0; i < stack_words; i++) evacuate(&g, &new_stop[i]);
  for (int i = 0; i < PROC_NROOTS; i++) evacuate(&g, &p->roots[i]);
  scan_tospace(&g);

  /* ---- drop what died, free from-space ---- */
  mso_sweep(p->mso);
  for (heapfrag *f = p->frags, *next; f; f = next) {
    next = f->next;
    frag_free_c(mc, f); /* sweeps f->mso: forwarded PROCBINs are skipped */
  }
  if (!p->heap_inline) mc_free(mc, p->heap, old_block * sizeof(term));
  p->heap_inline = false;

  size_t live = (size_t)(g.top - to);
  size_t required = live + stack_words + need;
  bool over = p->max_heap_words && required > p->max_heap_words;

  /* ---- install the new block ---- */
  p->heap = to;
  p->htop = g.top;
  p->stop = new_stop;
  p->hend = to + tosize;
  p->frags = NULL;
  p->frag_words = 0;
  p->mso = g.mso;

  /* ---- the block the live data calls for ---- */
  size_t final = heap_next_size(2 * (live + stack_words) + need);
  if (p->max_heap_words && final > p->max_heap_words)
    final = p->max_heap_words > required ? p->max_heap_words : required;
  /* a large block kept by the cache, of the final size: copying into it
   * costs less than shrinking the to-space, which hands pages back to the
   * system only for the next collection to fault them in again */
  term *kept = !scratch && final < tosize && final * sizeof(term) > MC_MAX_BYTES
                   ? mc_take(mc, final * sizeof(term))
                   : NULL;
  if (scratch || kept || (final < tosize && final * sizeof(term) <= MC_MAX_BYTES)) {
    /* copy into a block of exactly `final` words: the heap to its start,
     * the stack to its end, then shift the pointers into the heap */
    if (final > tosize) final = tosize;
    term *nb = kept ? kept : mc_alloc(mc, final * sizeof(term));
    if (!nb) {
      if (scratch) { /* keep nothing in the scratch: fail before it is reused */
        fprintf(stderr, "beamlet: out of memory collecting a process\n");
        abort();
      }
      nb = NULL;
    }
    if (nb) {
      memcpy(nb, to, live * sizeof(term));
      memcpy(nb + final - stack_words, new_stop, stack_words * sizeof(term));
      p->heap = nb;
      p->htop = nb + live;
      p->stop = nb + final - stack_words;
      p->hend = nb + final;
      relocate_block(p, (uintptr_t)to, live, starts);
      if (!scratch) mc_free(mc, to, tosize * sizeof(term));
    }
  } else if (final < tosize) {
    /* a large block: shrink in place (it never goes back to a cache) */
    memmove(to + final - stack_words, new_stop, stack_words * sizeof(term));
    uintptr_t to_addr = (uintptr_t)to;
    term *nb = realloc(to, final * sizeof(term));
    if (!nb) nb = to; /* keep the larger allocation; its tail goes unused */
    p->heap = nb;
    p->htop = nb + live;
    p->stop = nb + final - stack_words;
    p->hend = nb + final;
    if ((uintptr_t)nb != to_addr) relocate_block(p, to_addr, final, starts);
  }
  if (!scratch) free(starts);
  if (fp_off >= 0) p->fp = p->stop + fp_off;

  bool ok = true;
  if (p->rt) {
    intptr_t delta = (intptr_t)((size_t)(p->hend - p->heap) * sizeof(term)) -
                     (intptr_t)(old_block * sizeof(term)) - old_frag_bytes;
    ok = rt_mem_account_s(p->rt, p->sched, delta);
    if (!ok && !p->mem_kill) p->mem_kill = RT_KILL_MEMORY; /* past the runtime's cap */
  }
  if (over && !p->mem_kill) p->mem_kill = RT_KILL_HEAP;
  return ok && !over;
}

bool gc_maybe(proc *p) {
  size_t block = (size_t)(p->hend - p->heap);
  size_t free_words = (size_t)(p->stop - p->htop);
  if (p->frag_words > block + GC_FRAG_SLACK || free_words * 8 < block ||
      (p->max_heap_words && proc_heap_words(p) > p->max_heap_words))
    return gc_collect(p, 0);
  return true;
}
