/*
 * image.c -- prelude images (image.h): a base program as bytes that mean
 * the same on every target. No pointers, no atom indices (they differ
 * between the machine that builds the image and the one that loads it),
 * no BIF addresses: atoms and BIFs travel by name, constants in BTF
 * (btf.h). Code words travel as they are: opcodes and small operands
 * (slots, indices into the base's own tables, relative offsets).
 *
 * ---- format, version 1 ----
 * A header of nine little-endian u32, then numbers as unsigned LEB128
 * ("v": 7 bits a byte, low first, at most 5 bytes, nothing above 32 bits),
 * then a little-endian u32 checksum:
 *   magic     IMG_MAGIC ("BLMI")
 *   version   IMG_VERSION
 *   total     byte length of the whole image, checksum included
 *   natoms nmodules nfuns nbifs nconsts code_len
 *   atoms     natoms times: u8 n, n bytes (UTF-8 name, n <= 255)
 *   modules   nmodules times: v atom number
 *   funs      nfuns times, in index order, each a v:
 *               module, name (atom numbers), arity, nfree, entry, lambda_no,
 *               parent_arity, kind (NAMED or LAMBDA), exported,
 *               display (0: NULL, else n - 1 bytes follow)
 *   bifs      nbifs times: v module, v name (atom numbers), v arity
 *   code      code_len words, each a v of the word zigzagged (as an int32:
 *             relative offsets are negative); word 0 is OP_EXIT
 *   consts    v n, then n bytes: one BTF tuple of the nconsts constants
 *   checksum  img_checksum of every byte before it
 *
 * Reading checks the header, the checksum (any one changed word or byte is
 * caught: every step of the hash is a bijection of its state), and every
 * count, index and length against the bytes that remain, so no input makes
 * it read out of bounds or allocate more than a small multiple of its size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#include "atom.h"
#include "btf.h"
#include "compare.h"
#include "strbuf.h"
#include "vm.h"
#include "vm_ops.h"

#define IMG_HEADER_WORDS 9

uint32_t img_checksum(const uint8_t *d, size_t n) {
  uint32_t h = 2166136261u;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    h ^= (uint32_t)d[i] | (uint32_t)d[i + 1] << 8 | (uint32_t)d[i + 2] << 16 |
         (uint32_t)d[i + 3] << 24;
    h *= 16777619u;
    h ^= h >> 15;
  }
  for (; i < n; i++) {
    h ^= d[i];
    h *= 16777619u;
    h ^= h >> 15;
  }
  return h;
}

/* ------------------------------------------------------------------ */
/* writing                                                             */
/* ------------------------------------------------------------------ */

static void w32(strbuf *sb, uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  strbuf_put(sb, b, 4);
}

static void wv(strbuf *sb, uint32_t v) {
  uint8_t b[5];
  int n = 0;
  do {
    b[n] = (uint8_t)(v & 0x7F);
    v >>= 7;
    if (v) b[n] |= 0x80;
    n++;
  } while (v);
  strbuf_put(sb, b, (size_t)n);
}

static uint32_t zigzag(uint32_t w) { return (w << 1) ^ (0u - (w >> 31)); }
static uint32_t unzigzag(uint32_t z) { return (z >> 1) ^ (0u - (z & 1)); }

typedef struct atomset {
  term *atoms;
  uint32_t n, cap;
  bool oom;
} atomset;

/* The atom's number in the image's table (added when new). */
static uint32_t atom_no(atomset *s, term a) {
  for (uint32_t i = 0; i < s->n; i++)
    if (s->atoms[i] == a) return i;
  if (s->n == s->cap) {
    uint32_t cap = s->cap ? s->cap * 2 : 256;
    term *na = realloc(s->atoms, cap * sizeof *na);
    if (!na) {
      s->oom = true;
      return 0;
    }
    s->atoms = na;
    s->cap = cap;
  }
  s->atoms[s->n] = a;
  return s->n++;
}

/* Do the constants survive BTF exactly? (A fun would come back as 'F'.) */
static bool consts_roundtrip(const struct program *pr, const uint8_t *btf, size_t len,
                             char *err, size_t err_cap) {
  heapfrag *f = NULL;
  const char *why = NULL;
  term t = btf_to_term(btf, len, &f, &why);
  bool ok = t != NONE && is_tuple(t) && tuple_arity(t) == pr->nconsts;
  if (!ok) snprintf(err, err_cap, "the constants do not decode: %s", why ? why : "wrong shape");
  for (uint32_t i = 0; ok && i < pr->nconsts; i++)
    if (term_cmp_key(tuple_get(t, i), pr->consts[i]) != 0) {
      snprintf(err, err_cap, "constant %u has no exact BTF encoding", i);
      ok = false;
    }
  if (f) frag_free(f);
  return ok;
}

uint8_t *img_write(const struct program *pr, size_t *len, char *err, size_t err_cap) {
  atom_init();
  *len = 0;
  if (!pr->code || pr->code_len == 0 || pr->code[0] != OP_EXIT) {
    snprintf(err, err_cap, "not a base program (no code)");
    return NULL;
  }
  atomset as = {NULL, 0, 0, false};
  /* names first, so every section can refer to them */
  uint32_t *modno = calloc(pr->nmodules + 1, sizeof *modno);
  uint32_t *funno = calloc(2 * (size_t)pr->nfuns + 1, sizeof *funno);
  uint32_t *bifno = calloc(3 * (size_t)pr->nbifs + 1, sizeof *bifno);
  strbuf body, out;
  strbuf_init(&body);
  strbuf_init(&out);
  bool ok = modno && funno && bifno;
  if (!ok) snprintf(err, err_cap, "out of memory");
  for (uint32_t i = 0; ok && i < pr->nmodules; i++) modno[i] = atom_no(&as, pr->modules[i]);
  for (uint32_t i = 0; ok && i < pr->nfuns; i++) {
    const struct fundef *fd = pr->funs[i];
    if (fd->index != i || (fd->kind != FUNDEF_NAMED && fd->kind != FUNDEF_LAMBDA) ||
        fd->entry == 0 || fd->entry >= pr->code_len) {
      snprintf(err, err_cap, "fun %u cannot be in a base program", i);
      ok = false;
      break;
    }
    funno[2 * i] = atom_no(&as, fd->module);
    funno[2 * i + 1] = atom_no(&as, fd->name);
  }
  for (uint32_t i = 0; ok && i < pr->nbifs; i++) {
    const char *m, *n;
    unsigned a;
    term ma, na;
    if (!bif_name_of(pr->bifs[i], &m, &n, &a) || (ma = atom_from_cstr(m)) == NONE ||
        (na = atom_from_cstr(n)) == NONE || bif_lookup(ma, na, a) != pr->bifs[i]) {
      snprintf(err, err_cap, "BIF %u is not found again by its name", i);
      ok = false;
      break;
    }
    bifno[3 * i] = atom_no(&as, ma);
    bifno[3 * i + 1] = atom_no(&as, na);
    bifno[3 * i + 2] = a;
  }
  if (ok && as.oom) {
    snprintf(err, err_cap, "out of memory");
    ok = false;
  }
  if (ok) {
    /* everything after the header */
    for (uint32_t i = 0; i < as.n; i++) {
      uint8_t n = (uint8_t)atom_len(as.atoms[i]);
      strbuf_put(&body, &n, 1);
      strbuf_put(&body, atom_text(as.atoms[i]), n);
    }
    for (uint32_t i = 0; i < pr->nmodules; i++) wv(&body, modno[i]);
    for (uint32_t i = 0; i < pr->nfuns; i++) {
      const struct fundef *fd = pr->funs[i];
      size_t dl = fd->display ? strlen(fd->display) : 0;
      uint32_t f[10] = {funno[2 * i], funno[2 * i + 1], fd->arity, fd->nfree, fd->entry,
                        fd->lambda_no, fd->parent_arity, fd->kind, fd->exported,
                        fd->display ? (uint32_t)dl + 1 : 0};
      for (int k = 0; k < 10; k++) wv(&body, f[k]);
      if (dl) strbuf_put(&body, fd->display, dl);
    }
    for (uint32_t i = 0; i < 3 * pr->nbifs; i++) wv(&body, bifno[i]);
    for (size_t i = 0; i < pr->code_len; i++) wv(&body, zigzag(pr->code[i]));
    strbuf cs;
    strbuf_init(&cs);
    strbuf_putc(&cs, 't');
    w32(&cs, pr->nconsts);
    for (uint32_t i = 0; i < pr->nconsts; i++) btf_encode(&cs, pr->consts[i], 1);
    ok = !cs.oom && consts_roundtrip(pr, (const uint8_t *)cs.data, cs.len, err, err_cap);
    wv(&body, (uint32_t)cs.len);
    strbuf_put(&body, cs.data, cs.len);
    strbuf_free(&cs);
  }
  if (ok) {
    size_t total = 4 * IMG_HEADER_WORDS + body.len + 4;
    uint32_t hdr[IMG_HEADER_WORDS] = {IMG_MAGIC, IMG_VERSION, (uint32_t)total, as.n, pr->nmodules,
                                      pr->nfuns, pr->nbifs, pr->nconsts, (uint32_t)pr->code_len};
    for (int i = 0; i < IMG_HEADER_WORDS; i++) w32(&out, hdr[i]);
    strbuf_put(&out, body.data, body.len);
    w32(&out, img_checksum((const uint8_t *)out.data, out.len));
    if (body.oom || out.oom || out.len != total) {
      snprintf(err, err_cap, "out of memory");
      ok = false;
    }
  }
  free(as.atoms);
  free(modno);
  free(funno);
  free(bifno);
  strbuf_free(&body);
  if (!ok) {
    strbuf_free(&out);
    return NULL;
  }
  *len = out.len;
  return (uint8_t *)strbuf_take(&out);
}

/* ------------------------------------------------------------------ */
/* reading                                                             */
/* ------------------------------------------------------------------ */

typedef struct rd {
  const uint8_t *p, *end;
  const char *err; /* the first problem */
} rd;

static bool need(rd *r, size_t n) {
  if (r->err) return false;
  if ((size_t)(r->end - r->p) < n) {
    r->err = "truncated";
    return false;
  }
  return true;
}

static uint32_t r32(rd *r) {
  if (!need(r, 4)) return 0;
  const uint8_t *d = r->p;
  r->p += 4;
  return (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)d[2] << 16 | (uint32_t)d[3] << 24;
}

/* A LEB128 number of at most 32 bits. */
static uint32_t rv(rd *r) {
  uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (!need(r, 1)) return 0;
    uint8_t b = *r->p++;
    if (shift == 28 && b > 0x0F) break;
    v |= (uint32_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  if (!r->err) r->err = "bad number";
  return 0;
}

static uint8_t r8(rd *r) {
  if (!need(r, 1)) return 0;
  return *r->p++;
}

static void bad(rd *r, const char *why) {
  if (!r->err) r->err = why;
}

/* An atom number; 0 (after recording the error) when out of range. */
static uint32_t ratom(rd *r, uint32_t natoms) {
  uint32_t a = rv(r);
  if (a >= natoms) {
    bad(r, "atom number out of range");
    return 0;
  }
  return a;
}

static bool read_funs(rd *r, struct program *pr, const term *atoms, uint32_t natoms) {
  for (uint32_t i = 0; i < pr->nfuns && !r->err; i++) {
    struct fundef *fd = calloc(1, sizeof *fd);
    if (!fd) {
      bad(r, "out of memory");
      break;
    }
    pr->funs[i] = fd;
    fd->module = atoms[ratom(r, natoms)];
    fd->name = atoms[ratom(r, natoms)];
    fd->arity = rv(r);
    fd->nfree = rv(r);
    fd->entry = rv(r);
    fd->lambda_no = rv(r);
    fd->parent_arity = rv(r);
    uint32_t kind = rv(r), exported = rv(r);
    fd->kind = (uint8_t)kind;
    fd->exported = (uint8_t)exported;
    fd->index = i;
    uint32_t dl = rv(r);
    if (r->err) break;
    if (kind != FUNDEF_NAMED && kind != FUNDEF_LAMBDA) bad(r, "bad function kind");
    if (exported > 1) bad(r, "bad export flag");
    if (fd->entry == 0 || fd->entry >= pr->code_len) bad(r, "function entry out of range");
    if (fd->arity > 255) bad(r, "bad arity");
    if (dl && need(r, dl - 1)) {
      char *s = malloc(dl);
      if (!s) {
        bad(r, "out of memory");
        break;
      }
      memcpy(s, r->p, dl - 1);
      s[dl - 1] = 0;
      r->p += dl - 1;
      fd->display = s;
    }
  }
  return !r->err;
}

static bool read_consts(rd *r, struct litarea *lit, struct program *pr) {
  uint32_t n = rv(r);
  if (!need(r, n)) return false;
  heapfrag *f = NULL;
  const char *why = NULL;
  term t = btf_to_term(r->p, n, &f, &why);
  r->p += n;
  if (t == NONE) {
    bad(r, why ? why : "bad constants");
    return false;
  }
  if (!is_tuple(t) || tuple_arity(t) != pr->nconsts) {
    bad(r, "bad constants");
  } else {
    for (uint32_t i = 0; i < pr->nconsts; i++) {
      term c = literal_copy(lit, tuple_get(t, i));
      if (c == NONE) {
        bad(r, "out of memory for literals");
        break;
      }
      pr->consts[i] = c;
    }
  }
  if (f) frag_free(f);
  return !r->err;
}

struct program *img_read(struct litarea *lit, const uint8_t *img, size_t len, char *err,
                         size_t err_cap) {
  atom_init();
  rd r = {img, img + len, NULL};
  uint32_t h[IMG_HEADER_WORDS];
  for (int i = 0; i < IMG_HEADER_WORDS; i++) h[i] = r32(&r);
  if (r.err) {
    snprintf(err, err_cap, "prelude image: truncated header");
    return NULL;
  }
  if (h[0] != IMG_MAGIC || h[1] != IMG_VERSION) {
    snprintf(err, err_cap, "prelude image: not an image of version %u", IMG_VERSION);
    return NULL;
  }
  if (h[2] != len) {
    snprintf(err, err_cap, "prelude image: %zu bytes where its header says %u", len, h[2]);
    return NULL;
  }
  r.end = img + len - 4;
  if (img_checksum(img, len - 4) != (uint32_t)(img[len - 4] | img[len - 3] << 8 |
                                               img[len - 2] << 16 | (uint32_t)img[len - 1] << 24)) {
    snprintf(err, err_cap, "prelude image: checksum mismatch (corrupted)");
    return NULL;
  }
  uint32_t natoms = h[3];
  struct program *pr = calloc(1, sizeof *pr);
  term *atoms = NULL;
  /* Every item takes at least one byte: counts beyond the length are bad
   * (and would make the allocations below large). */
  size_t room = len;
  if (natoms > room || h[4] > room || h[5] > room || h[6] > room || h[7] > room || h[8] > room ||
      h[8] == 0)
    bad(&r, "counts larger than the image");
  if (!pr) bad(&r, "out of memory");
  if (!r.err) {
    pr->nmodules = h[4];
    pr->nfuns = h[5];
    pr->nbifs = h[6];
    pr->nconsts = h[7];
    pr->code_len = h[8];
    atoms = calloc(natoms ? natoms : 1, sizeof *atoms);
    pr->modules = malloc((pr->nmodules + 1) * sizeof *pr->modules);
    pr->funs = calloc(pr->nfuns + 1, sizeof *pr->funs);
    pr->bifs = malloc((pr->nbifs + 1) * sizeof *pr->bifs);
    pr->consts = malloc((pr->nconsts + 1) * sizeof *pr->consts);
    pr->code = malloc(pr->code_len * sizeof *pr->code);
    if (!atoms || !pr->modules || !pr->funs || !pr->bifs || !pr->consts || !pr->code) {
      bad(&r, "out of memory");
      pr->nfuns = 0; /* program_free walks funs[] */
    }
  }
  for (uint32_t i = 0; !r.err && i < natoms; i++) {
    uint8_t n = r8(&r);
    if (!need(&r, n)) break;
    atoms[i] = atom_intern((const char *)r.p, n);
    r.p += n;
    if (atoms[i] == NONE) bad(&r, "atom table full");
  }
  for (uint32_t i = 0; !r.err && i < pr->nmodules; i++) pr->modules[i] = atoms[ratom(&r, natoms)];
  if (!r.err) read_funs(&r, pr, atoms, natoms);
  for (uint32_t i = 0; !r.err && i < pr->nbifs; i++) {
    term m = atoms[ratom(&r, natoms)], n = atoms[ratom(&r, natoms)];
    uint32_t a = rv(&r);
    if (r.err) break;
    pr->bifs[i] = bif_lookup(m, n, a);
    if (!pr->bifs[i]) bad(&r, "a BIF the image calls is not built in");
  }
  for (size_t i = 0; !r.err && i < pr->code_len; i++) pr->code[i] = unzigzag(rv(&r));
  if (!r.err && pr->code[0] != OP_EXIT) bad(&r, "code does not start with OP_EXIT");
  if (!r.err) read_consts(&r, lit, pr);
  if (!r.err && r.p != r.end) bad(&r, "trailing bytes");
  free(atoms);
  if (r.err) {
    snprintf(err, err_cap, "prelude image: %s", r.err);
    program_free(pr);
    return NULL;
  }
  return pr;
}
