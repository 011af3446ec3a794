/*
 * heap.c -- a process's block, allocation with heap fragments, the term
 * constructors.
 *
 * Invariants:
 * - The block is one malloc'd array of words [heap, hend): the heap grows
 *   up in [heap, htop), the stack grows down in [stop, hend), free space is
 *   [htop, stop). heap_alloc never moves anything and never collects.
 * - An allocation that does not fit in the block goes to the fragment at
 *   the head of p->frags when it has room, else to a new fragment pushed
 *   on the head. Fragment capacities grow geometrically with frag_words, so
 *   a process allocating a lot between two safe points makes few of them.
 * - p->frag_words is the sum of the capacities of the fragments on
 *   p->frags; every block and every fragment on p->frags is accounted
 *   against the runtime (rt_mem_account) by its malloc'd size. A process
 *   with rt == NULL (tests) accounts nothing.
 * - A PROCBIN is chained on the mso list of the memory it lives in: p->mso
 *   for the block, f->mso for fragment f. That is what lets the collector
 *   and frag_free drop the references of the PROCBINs that died.
 * - Running out of C memory in heap_alloc is fatal (abort): the
 *   per-process and per-runtime caps are enforced at the next safe point
 *   by gc_maybe / gc_collect, which fail and get the process killed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "heap_priv.h"
#include "runtime.h"

/* Fragments start at FRAG_MIN_WORDS and never grow past FRAG_MAX_WORDS
 * except to hold one larger allocation. */
#define FRAG_MIN_WORDS 32
#define FRAG_MAX_WORDS ((size_t)1 << 20)

/* Refs are unique within the program run: one counter for every runtime
 * (a term never leaves its runtime, so that is more than enough). */
static _Atomic uint64_t ref_counter;

size_t heap_next_size(size_t words) {
  size_t a = HEAP_MIN_WORDS, b = HEAP_MIN_WORDS + HEAP_MIN_WORDS / 2 + 2; /* 12, 20, 32, 52, ... */
  if (words <= a) return a;
  while (b < words) {
    size_t c = a + b;
    if (c < b) return words; /* overflow: exact fit */
    a = b;
    b = c;
  }
  return b;
}

struct memcache *proc_mc(struct proc *p) { return p->sched ? &p->sched->mc : NULL; }

/* Account against the runtime from the process's scheduler; an increase
 * past the runtime's cap dooms the process (it allocates: it is the one
 * killed, at its next stop, with memory_limit_exceeded). */
static void account(struct proc *p, intptr_t bytes) {
  if (p->rt && !rt_mem_account_s(p->rt, p->sched, bytes) && !p->mem_kill)
    p->mem_kill = RT_KILL_MEMORY;
}

static void heap_oom(size_t words) {
  fprintf(stderr, "beamlet: out of memory allocating %zu heap words\n", words);
  abort();
}

/* ---- the small-block cache: free lists by 16-byte class, linked
 * through each free block's first word ---- */

static inline size_t mc_round(size_t bytes) { return (bytes + 15) & ~(size_t)15; }

void *mc_take(memcache *c, size_t bytes) {
  size_t r = mc_round(bytes ? bytes : 1);
  if (!c) return NULL;
  if (r <= MC_MAX_BYTES) {
    size_t k = r / 16 - 1;
    void *b = c->head[k];
    if (b) {
      memcpy(&c->head[k], b, sizeof(void *));
      c->kept -= r;
    }
    return b;
  }
  for (int i = 0; i < MC_BIG; i++)
    if (c->big[i] && c->big_bytes[i] == r) {
      void *b = c->big[i];
      c->big[i] = NULL;
      c->big_kept -= r;
      return b;
    }
  return NULL;
}

void *mc_alloc(memcache *c, size_t bytes) {
  void *b = mc_take(c, bytes);
  return b ? b : malloc(mc_round(bytes ? bytes : 1));
}

/* the slot of the large block kept longest, -1 if none is kept */
static int big_oldest(const memcache *c) {
  int v = -1;
  for (int i = 0; i < MC_BIG; i++)
    if (c->big[i] && (v < 0 || c->big_stamp[i] < c->big_stamp[v])) v = i;
  return v;
}

static void big_drop(memcache *c, int i) {
  free(c->big[i]);
  c->big_kept -= c->big_bytes[i];
  c->big[i] = NULL;
}

/* keeps a large block (r <= MC_BIG_KEEP / 2), freeing the oldest ones
 * kept to make room */
static void keep_big(memcache *c, void *ptr, size_t r) {
  while (c->big_kept + r > MC_BIG_KEEP) big_drop(c, big_oldest(c));
  int v = -1;
  for (int i = 0; i < MC_BIG && v < 0; i++)
    if (!c->big[i]) v = i;
  if (v < 0) {
    v = big_oldest(c);
    big_drop(c, v);
  }
  c->big[v] = ptr;
  c->big_bytes[v] = r;
  c->big_stamp[v] = ++c->big_clock;
  c->big_kept += r;
}

void mc_free(memcache *c, void *ptr, size_t bytes) {
  if (!ptr) return;
  size_t r = mc_round(bytes ? bytes : 1);
  if (c && r <= MC_MAX_BYTES && c->kept + r <= MC_KEEP_BYTES) {
    size_t k = r / 16 - 1;
    memcpy(ptr, &c->head[k], sizeof(void *));
    c->head[k] = ptr;
    c->kept += r;
    return;
  }
  if (c && r > MC_MAX_BYTES && r <= MC_BIG_KEEP / 2) {
    keep_big(c, ptr, r);
    return;
  }
  free(ptr);
}

void mc_trim(memcache *c) {
  for (int i = 0; c->big_kept && i < MC_BIG; i++)
    if (c->big[i]) big_drop(c, i);
}

void mc_clear(memcache *c) {
  for (size_t k = 0; k < MC_CLASSES; k++) {
    while (c->head[k]) {
      void *b = c->head[k];
      memcpy(&c->head[k], b, sizeof(void *));
      free(b);
    }
  }
  c->kept = 0;
  mc_trim(c);
  free(c->scratch);
  free(c->bits);
  c->scratch = NULL;
  c->bits = NULL;
  c->scratch_words = c->bits_words = 0;
}

/* ---- fragments ---- */

heapfrag *frag_new_c(memcache *c, size_t words) {
  /* the capacity takes the class's slack, so frag_bytes is the class size */
  size_t bytes = mc_round(sizeof(heapfrag) + words * sizeof(term));
  heapfrag *f = mc_alloc(c, bytes);
  if (!f) return NULL;
  f->next = NULL;
  f->used = 0;
  f->cap = (bytes - sizeof(heapfrag)) / sizeof(term);
  f->mso = NULL;
  return f;
}

heapfrag *frag_new(size_t words) { return frag_new_c(NULL, words); }

void frag_free_c(memcache *c, heapfrag *f) {
  if (!f) return;
  mso_sweep(f->mso);
  mc_free(c, f, (size_t)frag_bytes(f));
}

void frag_free(heapfrag *f) { frag_free_c(NULL, f); }

void heap_adopt_frag(struct proc *p, heapfrag *f) {
  f->next = p->frags;
  p->frags = f;
  p->frag_words += f->cap;
  account(p, frag_bytes(f));
}

/* ---- the block ---- */

bool heap_init(struct proc *p, size_t words) {
  if (words < HEAP_MIN_WORDS) words = HEAP_MIN_WORDS;
  term *block = mc_alloc(proc_mc(p), words * sizeof(term));
  if (!block) return false;
  heap_init_at(p, block, words);
  p->heap_inline = false;
  /* rt_mem_account applies the delta even when it reports the cap passed,
   * so a refused block is un-charged again. */
  if (p->rt && !rt_mem_account(p->rt, (intptr_t)(words * sizeof(term)))) {
    rt_mem_account(p->rt, -(intptr_t)(words * sizeof(term)));
    mc_free(proc_mc(p), block, words * sizeof(term));
    p->heap = p->htop = p->stop = p->hend = NULL;
    return false;
  }
  return true;
}

void heap_init_at(struct proc *p, term *block, size_t words) {
  p->heap = p->htop = block;
  p->stop = p->hend = block + words;
  p->frags = NULL;
  p->frag_words = 0;
  p->mso = NULL;
  p->heap_inline = true;
  for (int i = 0; i < PROC_NROOTS; i++) p->roots[i] = NIL;
}

void heap_release(struct proc *p) {
  memcache *mc = proc_mc(p);
  mso_sweep(p->mso);
  p->mso = NULL;
  intptr_t bytes = 0;
  for (heapfrag *f = p->frags, *next; f; f = next) {
    next = f->next;
    bytes += frag_bytes(f);
    frag_free_c(mc, f);
  }
  p->frags = NULL;
  p->frag_words = 0;
  if (p->heap && !p->heap_inline) {
    size_t b = (size_t)(p->hend - p->heap) * sizeof(term);
    bytes += (intptr_t)b;
    mc_free(mc, p->heap, b);
  }
  p->heap_inline = false;
  p->heap = p->htop = p->stop = p->hend = NULL;
  p->fp = NULL;
  for (int i = 0; i < PROC_NROOTS; i++) p->roots[i] = NIL;
  if (bytes) account(p, -bytes);
}

size_t proc_heap_words(const struct proc *p) {
  return (size_t)(p->hend - p->heap) + p->frag_words;
}

/* Allocate n words; *mso receives the mso list of the memory they are in. */
term *heap_alloc_mso(struct proc *p, size_t n, procbin ***mso) {
  if ((size_t)(p->stop - p->htop) >= n) {
    term *r = p->htop;
    p->htop += n;
    *mso = &p->mso;
    return r;
  }
  heapfrag *f = p->frags;
  if (!f || f->cap - f->used < n) {
    size_t cap = p->frag_words;
    if (cap < FRAG_MIN_WORDS) cap = FRAG_MIN_WORDS;
    if (cap > FRAG_MAX_WORDS) cap = FRAG_MAX_WORDS;
    if (cap < n) cap = n;
    f = frag_new_c(proc_mc(p), cap);
    if (!f) heap_oom(n);
    heap_adopt_frag(p, f);
  }
  term *r = f->mem + f->used;
  f->used += n;
  *mso = &f->mso;
  return r;
}

term *heap_alloc(struct proc *p, size_t words) {
  procbin **mso;
  return heap_alloc_mso(p, words, &mso);
}

/* ---- constructors ---- */

term make_int(struct proc *p, int64_t v) {
  if (small_fits(v)) return make_small(v);
  term *hp = heap_alloc(p, 2);
  hp[0] = make_header(1, BOX_INT64);
  memcpy(hp + 1, &v, sizeof v);
  return make_boxed(hp);
}

term make_float(struct proc *p, double d) {
  term *hp = heap_alloc(p, 2);
  hp[0] = make_header(1, BOX_FLOAT);
  memcpy(hp + 1, &d, sizeof d);
  return make_boxed(hp);
}

term make_tuple(struct proc *p, uint32_t arity) {
  term *hp = heap_alloc(p, (size_t)arity + 1);
  hp[0] = make_header(arity, BOX_TUPLE);
  for (uint32_t i = 1; i <= arity; i++) hp[i] = NIL;
  return make_boxed(hp);
}

term make_tuple2(struct proc *p, term a, term b) {
  term *hp = heap_alloc(p, 3);
  hp[0] = make_header(2, BOX_TUPLE);
  hp[1] = a;
  hp[2] = b;
  return make_boxed(hp);
}

term make_tuple3(struct proc *p, term a, term b, term c) {
  term *hp = heap_alloc(p, 4);
  hp[0] = make_header(3, BOX_TUPLE);
  hp[1] = a;
  hp[2] = b;
  hp[3] = c;
  return make_boxed(hp);
}

term make_cons(struct proc *p, term head, term tail) {
  term *hp = heap_alloc(p, 2);
  hp[0] = head;
  hp[1] = tail;
  return make_cons_ptr(hp);
}

term make_binary(struct proc *p, const void *data, size_t len) {
  if (len <= HEAPBIN_MAX) {
    size_t words = heapbin_words(len);
    term *hp = heap_alloc(p, words);
    hp[words - 1] = 0; /* padding bytes are zero (before hp[1]: len 0 has none) */
    hp[0] = make_header(words - 1, BOX_HEAPBIN);
    hp[1] = (term)len;
    if (len) memcpy(hp + 2, data, len);
    return make_boxed(hp);
  }
  binary *b = bin_alloc_rt(p->rt, len);
  if (!b) heap_oom(len / sizeof(term));
  memcpy(b->data, data, len);
  procbin **mso;
  term *hp = heap_alloc_mso(p, 4, &mso);
  return procbin_init(hp, b, mso);
}

term make_string(struct proc *p, const char *cstr) { return make_binary(p, cstr, strlen(cstr)); }

term make_ref(struct proc *p) {
  term *hp = heap_alloc(p, 2);
  hp[0] = make_header(1, BOX_REF);
  hp[1] = atomic_fetch_add_explicit(&ref_counter, 1, memory_order_relaxed) + 1;
  return make_boxed(hp);
}

term make_list_from(struct proc *p, const term *items, size_t n) {
  if (n == 0) return NIL;
  term *hp = heap_alloc(p, 2 * n);
  for (size_t i = 0; i < n; i++) {
    hp[2 * i] = items[i];
    hp[2 * i + 1] = i + 1 < n ? make_cons_ptr(hp + 2 * i + 2) : NIL;
  }
  return make_cons_ptr(hp);
}
