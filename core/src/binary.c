/*
 * binary.c -- off-heap, reference-counted binaries (bodies of > 64 bytes).
 *
 * A body is shared by every PROCBIN that points at it, on any process heap,
 * heap fragment or the literal area; each PROCBIN holds one reference.
 * Invariants:
 * - refc counts PROCBINs (plus transient holders) and the body is freed
 *   exactly when it drops to zero; the bytes are never copied by send.
 * - Every body is preceded, in the same malloc'd block, by a `binpre`
 *   naming the runtime its bytes are accounted against (NULL: none). The
 *   runtime is un-charged when the body is freed, by whoever drops the last
 *   reference (any scheduler thread).
 * - `bin_live` counts live bodies of every runtime in this program: it is
 *   for tests and statistics only, nothing depends on it.
 */
#include <stdlib.h>

#include "heap_priv.h"
#include "process.h"

typedef union binpre {
  struct runtime *rt;
  uint64_t align; /* keeps the body 8-byte aligned on wasm32 as well */
} binpre;

static _Atomic size_t bin_live;

static intptr_t bin_bytes(size_t size) {
  return (intptr_t)(sizeof(binpre) + sizeof(binary) + size);
}

binary *bin_alloc_rt(struct runtime *rt, size_t size) {
  binpre *pre = malloc(sizeof(binpre) + sizeof(binary) + size);
  if (!pre) return NULL;
  pre->rt = rt;
  binary *b = (binary *)(pre + 1);
  atomic_init(&b->refc, 1);
  b->pad = 0;
  b->size = size;
  atomic_fetch_add_explicit(&bin_live, 1, memory_order_relaxed);
  if (rt) rt_mem_account(rt, bin_bytes(size));
  return b;
}

binary *bin_alloc(size_t size) { return bin_alloc_rt(NULL, size); }

void bin_incref(binary *b) { atomic_fetch_add_explicit(&b->refc, 1, memory_order_relaxed); }

void bin_decref(binary *b) {
  /* release: our writes to the body happen before the free; acquire: the
   * freeing thread sees every other holder's writes. */
  if (atomic_fetch_sub_explicit(&b->refc, 1, memory_order_acq_rel) != 1) return;
  binpre *pre = (binpre *)b - 1;
  if (pre->rt) rt_mem_account(pre->rt, -bin_bytes(b->size));
  atomic_fetch_sub_explicit(&bin_live, 1, memory_order_relaxed);
  free(pre);
}

size_t bin_live_count(void) { return atomic_load_explicit(&bin_live, memory_order_relaxed); }

void mso_sweep(procbin *list) {
  for (procbin *pb = list; pb; pb = procbin_next(pb))
    if (header_type(pb->header) == BOX_PROCBIN) bin_decref(procbin_bin(pb));
}
