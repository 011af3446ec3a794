/*
 * copy.c -- deep copy of a term into consecutive words: messages, spawn
 * arguments, literals.
 *
 * Invariants:
 * - copy_size(t) is exactly the number of words copy_term(t) writes.
 * - Everything reachable is copied, literal-area terms included (a message
 *   must not depend on anything but its own fragment); subterms shared in
 *   the source are copied once per path (sharing is not preserved).
 * - Off-heap binary bytes are never copied: a PROCBIN becomes a new PROCBIN
 *   holding one more reference to the same body. A HEAPBIN longer than
 *   HEAPBIN_MAX (only ever built by hand, e.g. by a compiler) is turned into
 *   a PROCBIN, so copies keep the "> 64 bytes live off-heap" rule.
 * - No C recursion: pending work sits on an explicit stack. Lists are
 *   walked by pushing the tail and descending into the head, so a long list
 *   needs one stack entry whatever its length; the stack only grows with
 *   nesting depth times tuple/map width.
 */
#include <stdio.h>
#include <stdlib.h>

#include "heap_priv.h"
#include "process.h"

/* A pending copy: write the copy of `src` into *slot (slot unused when
 * only sizing). */
typedef struct pending {
  term *slot;
  term src;
} pending;

typedef struct wstack {
  pending *a;
  size_t n, cap;
  pending local[32];
} wstack;

static void ws_init(wstack *s) {
  s->a = s->local;
  s->n = 0;
  s->cap = sizeof s->local / sizeof s->local[0];
}

static void ws_free(wstack *s) {
  if (s->a != s->local) free(s->a);
}

static void ws_push(wstack *s, term *slot, term src) {
  if (s->n == s->cap) {
    size_t cap = s->cap * 2;
    pending *a = malloc(cap * sizeof *a);
    if (!a) {
      fprintf(stderr, "beamlet: out of memory copying a term\n");
      abort();
    }
    memcpy(a, s->a, s->n * sizeof *a);
    if (s->a != s->local) free(s->a);
    s->a = a;
    s->cap = cap;
  }
  s->a[s->n].slot = slot;
  s->a[s->n].src = src;
  s->n++;
}

static inline size_t box_copy_words(const term *src) {
  term h = src[0];
  if (header_type(h) == BOX_PROCBIN) return 4;
  if (header_type(h) == BOX_HEAPBIN && (size_t)src[1] > HEAPBIN_MAX) return 4;
  return (size_t)header_size(h) + 1;
}

size_t copy_size(term t) {
  wstack s;
  ws_init(&s);
  size_t n = 0;
  for (;;) {
    while (term_is_ptr(t)) {
      if (is_cons(t)) {
        const term *c = cons_ptr(t);
        n += 2;
        if (term_is_ptr(c[1])) ws_push(&s, NULL, c[1]);
        t = c[0];
        continue;
      }
      const term *b = box_ptr(t);
      n += box_copy_words(b);
      size_t first, count;
      box_terms(b[0], &first, &count);
      for (size_t i = 0; i < count; i++)
        if (term_is_ptr(b[first + i])) ws_push(&s, NULL, b[first + i]);
      break;
    }
    if (s.n == 0) break;
    t = s.a[--s.n].src;
  }
  ws_free(&s);
  return n;
}

/* Copy one boxed object shallowly at *hp; its term fields that point at
 * memory are pushed to be copied into the new object's slots. */
static term copy_box(const term *src, term **hp, procbin **mso, wstack *s) {
  term h = src[0];
  term *d = *hp;
  unsigned type = header_type(h);
  if (type == BOX_PROCBIN) {
    binary *b = procbin_bin((const procbin *)src);
    bin_incref(b);
    *hp += 4;
    return procbin_init(d, b, mso);
  }
  if (type == BOX_HEAPBIN && (size_t)src[1] > HEAPBIN_MAX) {
    size_t len = (size_t)src[1];
    binary *b = bin_alloc(len);
    if (!b) {
      fprintf(stderr, "beamlet: out of memory copying a binary\n");
      abort();
    }
    memcpy(b->data, src + 2, len);
    *hp += 4;
    return procbin_init(d, b, mso);
  }
  size_t words = (size_t)header_size(h) + 1;
  *hp += words;
  size_t first, count;
  box_terms(h, &first, &count);
  if (count == 0) {
    memcpy(d, src, words * sizeof(term));
  } else {
    memcpy(d, src, first * sizeof(term)); /* header (and raw word 1) */
    for (size_t i = first; i < first + count; i++) {
      term e = src[i];
      if (term_is_ptr(e))
        ws_push(s, &d[i], e);
      else
        d[i] = e;
    }
  }
  return make_boxed(d);
}

term copy_term(term t, term **hp, procbin **mso) {
  wstack s;
  ws_init(&s);
  term result;
  term *slot = &result;
  for (;;) {
    /* write the copy of t into *slot */
    for (;;) {
      if (is_cons(t)) {
        const term *c = cons_ptr(t);
        term *d = *hp;
        *hp += 2;
        *slot = make_cons_ptr(d);
        if (term_is_ptr(c[1]))
          ws_push(&s, &d[1], c[1]);
        else
          d[1] = c[1];
        slot = &d[0];
        t = c[0];
        continue;
      }
      if (is_boxed(t) && t != 0) {
        *slot = copy_box(box_ptr(t), hp, mso, &s);
        break;
      }
      *slot = t;
      break;
    }
    if (s.n == 0) break;
    s.n--;
    slot = s.a[s.n].slot;
    t = s.a[s.n].src;
  }
  ws_free(&s);
  return result;
}

term copy_to_frag(term t, heapfrag **out_frag) {
  if (!term_is_ptr(t)) {
    *out_frag = NULL;
    return t;
  }
  size_t n = copy_size(t);
  heapfrag *f = frag_new(n);
  *out_frag = f;
  if (!f) return NONE;
  term *hp = f->mem;
  term r = copy_term(t, &hp, &f->mso);
  f->used = (size_t)(hp - f->mem);
  return r;
}

term copy_to_heap(struct proc *p, term t) {
  if (!term_is_ptr(t)) return t;
  if (p->rt) {
    const struct litarea *la = rt_literals(p->rt);
    const void *ptr = is_cons(t) ? (const void *)cons_ptr(t) : (const void *)box_ptr(t);
    if (is_literal_ptr(la, ptr)) return t; /* literals only point at literals */
  }
  if (is_boxed(t)) {
    /* a flat object (a fun without free variables, a tuple of immediates):
     * one copy of its words */
    const term *src = box_ptr(t);
    unsigned type = header_type(src[0]);
    size_t first, count, words = (size_t)header_size(src[0]) + 1;
    box_terms(src[0], &first, &count);
    bool flat = type != BOX_PROCBIN && type != BOX_HEAPBIN && words <= 16;
    for (size_t i = 0; flat && i < count; i++) flat = !term_is_ptr(src[first + i]);
    if (flat) {
      term *hp = heap_alloc(p, words);
      memcpy(hp, src, words * sizeof(term));
      return make_boxed(hp);
    }
  }
  size_t n = copy_size(t);
  procbin **mso;
  term *hp = heap_alloc_mso(p, n, &mso);
  return copy_term(t, &hp, mso);
}
