/*
 * heap.h -- process memory: allocation, heap fragments, messages, the
 * per-process copying collector, off-heap binaries, the literal area.
 *
 * A process owns one block of words: the heap grows up from `heap` to
 * `htop`, the stack grows down from `hend` to `stop`; free space is
 * [htop, stop). Allocation that does not fit goes to a heap fragment
 * (malloc'd, chained on the process), never triggers a collection by
 * itself: collections happen only at safe points the VM chooses
 * (gc_maybe / gc_collect), where every live term is on the stack or in
 * the process's root fields. A collection copies (Cheney) everything
 * reachable from the roots out of the heap and all fragments into a new
 * block sized to the live data, then frees the old block and fragments and
 * drops the references to off-heap binaries that died.
 *
 * Roots: the stack [stop, hend) (CP/MARK immediates are skipped as all
 * immediates are), and proc->roots[0..NROOTS).
 */
#ifndef BEAMLET_HEAP_H
#define BEAMLET_HEAP_H

#include "term.h"

struct proc;

/* A heap fragment: extra words owned by a process (or by a message in
 * flight). Terms inside point only into the same fragment or the literal
 * area, or at off-heap binaries through PROCBINs chained on `mso`. */
typedef struct heapfrag {
  struct heapfrag *next;
  size_t used, cap; /* in words */
  procbin *mso;     /* PROCBINs allocated in this fragment */
  term mem[];
} heapfrag;

heapfrag *frag_new(size_t words);
void frag_free(heapfrag *f); /* drops the mso references too */

/* ---- a cache of small free blocks (one per scheduler, used only by its
 * thread): freed blocks of up to MC_MAX_BYTES are kept by 16-byte size
 * class and handed out again without malloc. Every block of the memory
 * module that may come back here is malloc'd at its class size, so any
 * block may also be released with plain free() by any thread. The cache
 * also keeps the collector's scratch to-space for small heaps.
 *
 * It also keeps a few large blocks (a big process's heap blocks, whose
 * sizes come from heap_next_size's short sequence) for a later request of
 * exactly their size: a process that collects a large heap again and
 * again then reuses two blocks instead of having the system map and fault
 * in fresh pages every time. An idle scheduler frees them (mc_trim). In
 * WebAssembly freed memory never goes back to the host, so there is
 * nothing to save and none are kept. ---- */
#define MC_CLASSES 128 /* 16-byte classes: blocks of up to 2048 bytes */
#define MC_MAX_BYTES ((size_t)MC_CLASSES * 16)
#define MC_KEEP_BYTES ((size_t)8 << 20) /* at most this much kept per cache */
#define MC_BIG 4                         /* large blocks kept, at most */
#if defined(__EMSCRIPTEN__) || defined(__wasi__)
#define MC_BIG_KEEP ((size_t)0)
#else
#define MC_BIG_KEEP ((size_t)32 << 20) /* their bytes, at most */
#endif
typedef struct memcache {
  void *head[MC_CLASSES]; /* free blocks of each class, linked through their first word */
  size_t kept;            /* bytes on the lists */
  void *big[MC_BIG];      /* large free blocks (NULL: empty slot) */
  size_t big_bytes[MC_BIG];
  uint64_t big_stamp[MC_BIG]; /* when each was kept: the oldest goes first */
  uint64_t big_clock;
  size_t big_kept;
  term *scratch;          /* gc.c: to-space for small heaps */
  size_t scratch_words;
  uint64_t *bits;         /* gc.c: its object-start bitmap */
  size_t bits_words;
} memcache;
void *mc_alloc(memcache *c, size_t bytes);           /* c NULL: malloc (class size) */
void mc_free(memcache *c, void *ptr, size_t bytes);  /* c NULL or full: free */
void *mc_take(memcache *c, size_t bytes);            /* a kept block of exactly that size, or NULL */
void mc_trim(memcache *c);                           /* free the large blocks kept */
void mc_clear(memcache *c);                          /* free everything cached */
heapfrag *frag_new_c(memcache *c, size_t words);     /* frag_new through a cache */
void frag_free_c(memcache *c, heapfrag *f);
/* Put a fragment (a received message's) on p->frags: adds its capacity to
 * p->frag_words and accounts its bytes against the runtime. Every fragment
 * on p->frags must have come through here or through heap_alloc, since a
 * collection un-accounts all of them. */
void heap_adopt_frag(struct proc *p, heapfrag *f);

/* ---- a process's block ---- */
bool heap_init(struct proc *p, size_t words); /* initial block; false if no memory;
                                                 sets p->roots[] to NIL */
void heap_release(struct proc *p);            /* frees block, fragments, mso refs */
/* Use `words` words at `block`, memory the caller owns (the PCB's inline
 * block), as the initial block: never freed nor accounted here; the first
 * collection moves the process to a block of its own. */
void heap_init_at(struct proc *p, term *block, size_t words);

/* ---- allocation on a process heap (never collects) ---- */
term *heap_alloc(struct proc *p, size_t words);
/* Make room for `need` words in the block, collecting if necessary.
 * Call only at a safe point (all live terms are roots). */
bool gc_collect(struct proc *p, size_t need); /* false: over the process's cap
                                                 or out of memory */
/* Collect if the heap plus fragments passed the process's threshold:
 * fragments over the block's size plus GC_FRAG_SLACK words (received
 * messages pile up a little before a collection), a nearly full block, or
 * the process's cap. */
#define GC_FRAG_SLACK 64
bool gc_maybe(struct proc *p);

/* ---- term constructors (allocate with heap_alloc) ---- */
term make_int(struct proc *p, int64_t v);      /* small or INT64 box */
term make_float(struct proc *p, double d);
term make_tuple(struct proc *p, uint32_t arity); /* elements set to NIL */
term make_tuple2(struct proc *p, term a, term b);
term make_tuple3(struct proc *p, term a, term b, term c);
term make_cons(struct proc *p, term head, term tail);
term make_binary(struct proc *p, const void *data, size_t len);
term make_string(struct proc *p, const char *cstr);
term make_ref(struct proc *p);                  /* fresh unique reference */
term make_list_from(struct proc *p, const term *items, size_t n);

/* ---- off-heap binaries ---- */
binary *bin_alloc(size_t size);
void bin_incref(binary *b);
void bin_decref(binary *b); /* frees at zero */
size_t bin_live_count(void); /* off-heap binaries currently alive (all runtimes) */

/* ---- deep copy (send, spawn arguments, literals) ---- */
size_t copy_size(term t);
/* Copy `t` into consecutive words at *hp (advancing it); PROCBINs created are
 * chained onto *mso and their binaries get a reference. */
term copy_term(term t, term **hp, procbin **mso);
/* Copy a term into a new fragment; *out_frag receives it (NULL for an
 * immediate, which needs no memory). */
term copy_to_frag(term t, heapfrag **out_frag);
/* Copy a term onto p's heap (its block when there is room, else a fragment,
 * as heap_alloc); immediates and literal-area terms are returned as they
 * are (they need no copy). Not a safe point: nothing is collected. */
term copy_to_heap(struct proc *p, term t);

/* ---- the literal area: constants of compiled code, never collected ---- */
/* The area belongs to one runtime (struct litarea lives in it); it is
 * written only while code is loaded, before or between runs, and read by
 * every scheduler afterwards. */
struct litarea;
struct litarea *literal_area_new(void);
void literal_area_free(struct litarea *la);
term literal_copy(struct litarea *la, term t);
bool is_literal_ptr(const struct litarea *la, const void *ptr);

/* ---- accounting ---- */
size_t proc_heap_words(const struct proc *p); /* block + fragments in words */

#endif
