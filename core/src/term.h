/*
 * term.h -- the representation of Elixir values.
 *
 * A term is one 64-bit word on every target (wasm32 included), so native and
 * WebAssembly builds behave identically. The low two bits say what the word is:
 *
 *   ....00  boxed: pointer to a header word followed by the object's words
 *   ....01  list:  pointer (| 1) to a cons cell of two words [head, tail]
 *   ....10  small integer: a signed 62-bit value shifted left by 2
 *   ....11  immediate: bits 2..5 are a subtag, the payload is t >> 6
 *
 * Immediates: atoms (index into the global atom table), pids (index into
 * the process table, with a serial so a pid is never reused while anything
 * can hold it), nil ([]), and stack-only values the VM keeps on a process's
 * stack (return addresses, frame markers) which the collector skips.
 *
 * Boxed objects start with a header word: (size_in_words << 6) | type, where
 * size does not count the header. Which words of an object are terms (and so
 * are scanned and copied by the collector) is fixed per type:
 *
 *   TUPLE    [hdr][e0]...[en-1]                      all words are terms
 *   INT64    [hdr][int64]                            a value outside 62 bits
 *   FLOAT    [hdr][double]
 *   REF      [hdr][uint64 id]
 *   MAP      [hdr][count][k0..kn-1][v0..vn-1]        count raw, keys sorted
 *                                                    in term order, rest terms
 *   FUN      [hdr][fundef*][e0]...[en-1]             first word raw (points
 *                                                    at code, never moved),
 *                                                    the captured env terms
 *   HEAPBIN  [hdr][byte_len][bytes, padded]          a binary of <= 64 bytes
 *   PROCBIN  [hdr][byte_len][bin*][next procbin*]    a reference to an
 *                                                    off-heap refcounted
 *                                                    binary (> 64 bytes);
 *                                                    'next' chains every
 *                                                    PROCBIN of one heap so
 *                                                    the collector can drop
 *                                                    the references it frees
 *   FWD      used only by the collector while copying
 *
 * Invariants:
 * - A process's terms point only into its own heap, its own heap fragments,
 *   or the global literal area (code constants, never collected). Off-heap
 *   binary data is reached only through a PROCBIN.
 * - Pointers are 8-byte aligned; the low 3 bits of a boxed pointer are 0.
 */
#ifndef BEAMLET_TERM_H
#define BEAMLET_TERM_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <stdatomic.h>

typedef uint64_t term;

/* ---- primary tags ---- */
#define TAG_MASK 3u
#define TAG_BOXED 0u
#define TAG_LIST 1u
#define TAG_SMALL 2u
#define TAG_IMM 3u

/* ---- immediate subtags (low 6 bits) ---- */
#define IMM_MASK 0x3Fu
#define IMM_ATOM 0x03u
#define IMM_PID 0x07u
#define IMM_NIL 0x0Bu
#define IMM_CP 0x0Fu     /* VM return address / frame data on the stack */
#define IMM_NONE 0x13u   /* THE_NONE: "no value", never visible to Elixir */
#define IMM_MARK 0x17u   /* VM frame marker (catch, receive, ...) */
/* subtag 0x3F is reserved: the collector marks forwarded cons cells with it */

#define NIL ((term)IMM_NIL)
#define NONE ((term)IMM_NONE)

/* ---- boxed types ---- */
enum {
  BOX_TUPLE = 0,
  BOX_INT64 = 1,
  BOX_FLOAT = 2,
  BOX_REF = 3,
  BOX_MAP = 4,
  BOX_FUN = 5,
  BOX_HEAPBIN = 6,
  BOX_PROCBIN = 7,
  BOX_FWD = 8
};

#define HEAPBIN_MAX 64 /* binaries longer than this live off-heap */

#define SMALL_BITS 62
#define SMALL_MAX ((int64_t)(((uint64_t)1 << (SMALL_BITS - 1)) - 1))
#define SMALL_MIN (-SMALL_MAX - 1)

/* ---- classification ---- */
static inline unsigned term_tag(term t) { return (unsigned)(t & TAG_MASK); }
static inline bool is_boxed(term t) { return (t & TAG_MASK) == TAG_BOXED; }
static inline bool is_cons(term t) { return (t & TAG_MASK) == TAG_LIST; }
static inline bool is_small(term t) { return (t & TAG_MASK) == TAG_SMALL; }
static inline bool is_nil(term t) { return t == NIL; }
static inline bool is_atom(term t) { return (t & IMM_MASK) == IMM_ATOM; }
static inline bool is_pid(term t) { return (t & IMM_MASK) == IMM_PID; }
static inline bool is_none(term t) { return t == NONE; }

/* ---- small integers ---- */
static inline bool small_fits(int64_t v) { return v >= SMALL_MIN && v <= SMALL_MAX; }
static inline term make_small(int64_t v) { return ((uint64_t)v << 2) | TAG_SMALL; }
static inline int64_t small_val(term t) { return (int64_t)t >> 2; }

/* ---- atoms and pids ---- */
static inline term make_atom(uint32_t index) { return ((uint64_t)index << 6) | IMM_ATOM; }
static inline uint32_t atom_index(term t) { return (uint32_t)(t >> 6); }
/* A pid packs a process-table slot (low 24 bits) and a serial (upper bits). */
#define PID_SLOT_BITS 24
static inline term make_pid(uint32_t slot, uint32_t serial) {
  return ((((uint64_t)serial << PID_SLOT_BITS) | slot) << 6) | IMM_PID;
}
static inline uint32_t pid_slot(term t) { return (uint32_t)((t >> 6) & ((1u << PID_SLOT_BITS) - 1)); }
static inline uint32_t pid_serial(term t) { return (uint32_t)(t >> (6 + PID_SLOT_BITS)); }
static inline term make_cp(uint64_t v) { return (v << 6) | IMM_CP; }
static inline uint64_t cp_val(term t) { return t >> 6; }
static inline term make_mark(uint64_t v) { return (v << 6) | IMM_MARK; }
static inline uint64_t mark_val(term t) { return t >> 6; }

/* ---- pointers ---- */
static inline term *box_ptr(term t) { return (term *)(uintptr_t)t; }
static inline term make_boxed(const term *p) { return (term)(uintptr_t)p; }
static inline term *cons_ptr(term t) { return (term *)(uintptr_t)(t - TAG_LIST); }
static inline term make_cons_ptr(const term *p) { return (term)(uintptr_t)p | TAG_LIST; }
static inline term car(term t) { return cons_ptr(t)[0]; }
static inline term cdr(term t) { return cons_ptr(t)[1]; }

/* ---- headers ---- */
static inline term make_header(uint64_t size, unsigned type) { return (size << 6) | type; }
static inline unsigned header_type(term h) { return (unsigned)(h & 0x3F); }
static inline uint64_t header_size(term h) { return h >> 6; }
static inline unsigned box_type(term t) { return header_type(box_ptr(t)[0]); }
static inline bool is_box_of(term t, unsigned type) { return is_boxed(t) && box_type(t) == type; }

static inline bool is_tuple(term t) { return is_box_of(t, BOX_TUPLE); }
static inline bool is_float(term t) { return is_box_of(t, BOX_FLOAT); }
static inline bool is_int64box(term t) { return is_box_of(t, BOX_INT64); }
static inline bool is_integer(term t) { return is_small(t) || is_int64box(t); }
static inline bool is_number(term t) { return is_integer(t) || is_float(t); }
static inline bool is_ref(term t) { return is_box_of(t, BOX_REF); }
static inline bool is_map(term t) { return is_box_of(t, BOX_MAP); }
static inline bool is_fun(term t) { return is_box_of(t, BOX_FUN); }
static inline bool is_binary(term t) {
  return is_boxed(t) && (box_type(t) == BOX_HEAPBIN || box_type(t) == BOX_PROCBIN);
}
static inline bool is_list(term t) { return is_cons(t) || is_nil(t); }

/* tuples */
static inline uint32_t tuple_arity(term t) { return (uint32_t)header_size(box_ptr(t)[0]); }
static inline term *tuple_elems(term t) { return box_ptr(t) + 1; }
static inline term tuple_get(term t, uint32_t i) { return box_ptr(t)[1 + i]; }

/* integers (small or boxed int64) */
static inline int64_t int_val(term t) {
  if (is_small(t)) return small_val(t);
  int64_t v;
  memcpy(&v, box_ptr(t) + 1, sizeof v);
  return v;
}

/* floats */
static inline double float_val(term t) {
  double d;
  memcpy(&d, box_ptr(t) + 1, sizeof d);
  return d;
}

/* references */
static inline uint64_t ref_id(term t) { return box_ptr(t)[1]; }

/* maps: [hdr][count][keys...][values...] */
static inline uint32_t map_size(term t) { return (uint32_t)box_ptr(t)[1]; }
static inline term *map_keys(term t) { return box_ptr(t) + 2; }
static inline term *map_vals(term t) { return box_ptr(t) + 2 + map_size(t); }

/* funs: [hdr][fundef*][env...] */
struct fundef;
static inline const struct fundef *fun_def(term t) {
  return (const struct fundef *)(uintptr_t)box_ptr(t)[1];
}
static inline uint32_t fun_nenv(term t) { return (uint32_t)header_size(box_ptr(t)[0]) - 1; }
static inline term *fun_env(term t) { return box_ptr(t) + 2; }

/* binaries */
/* The shared, reference-counted body of an off-heap binary. */
typedef struct binary {
  _Atomic uint32_t refc;
  uint32_t pad;
  size_t size;
  uint8_t data[];
} binary;

/* A PROCBIN object on a heap: four words on every target. The pointers are
 * stored as 64-bit words so the layout is the same on wasm32. */
typedef struct procbin {
  term header;        /* make_header(3, BOX_PROCBIN) */
  uint64_t size;      /* byte length */
  uint64_t bin_word;  /* (binary *) shared body */
  uint64_t next_word; /* (struct procbin *) next PROCBIN on the same heap */
} procbin;

static inline binary *procbin_bin(const procbin *pb) { return (binary *)(uintptr_t)pb->bin_word; }
static inline procbin *procbin_next(const procbin *pb) { return (procbin *)(uintptr_t)pb->next_word; }

static inline size_t binary_size(term t) { return (size_t)box_ptr(t)[1]; }
static inline const uint8_t *binary_data(term t) {
  term *p = box_ptr(t);
  if (header_type(p[0]) == BOX_HEAPBIN) return (const uint8_t *)(p + 2);
  return procbin_bin((procbin *)p)->data;
}

#endif
