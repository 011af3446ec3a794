/*
 * atom.c -- the global atom table (see atom.h).
 *
 * Entries live in chunks that never move: entry i is chunks[i / CHUNK][i %
 * CHUNK]. `count` is published with release after the entry is complete, so
 * a reader that got an atom term (which carries the index) reads a complete
 * entry. A hash index (open addressing, guarded by `lock`) maps text to
 * index for interning.
 */
#include "atom.h"
#include "sys.h"

#include <stdlib.h>

#define CHUNK 1024
#define MAX_CHUNKS 1024 /* 1,048,576 atoms, the BEAM's default limit */
#define MAX_ATOM_LEN 255

typedef struct atom_entry {
  const char *text;
  uint32_t len;
} atom_entry;

static atom_entry *_Atomic chunks[MAX_CHUNKS];
static _Atomic uint32_t count;
static sys_mutex lock;
static uint32_t *hash_slots; /* index + 1, 0 = empty */
static uint32_t hash_cap;
static atomic_flag init_started = ATOMIC_FLAG_INIT;
static _Atomic int init_done;

static uint32_t hash_text(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static atom_entry *entry(uint32_t i) {
  return &atomic_load_explicit(&chunks[i / CHUNK], memory_order_acquire)[i % CHUNK];
}

/* Caller holds lock. Returns index or UINT32_MAX. */
static uint32_t find_locked(const char *text, size_t len) {
  if (!hash_cap) return UINT32_MAX;
  uint32_t mask = hash_cap - 1;
  for (uint32_t i = hash_text(text, len) & mask;; i = (i + 1) & mask) {
    uint32_t s = hash_slots[i];
    if (!s) return UINT32_MAX;
    atom_entry *e = entry(s - 1);
    if (e->len == len && memcmp(e->text, text, len) == 0) return s - 1;
  }
}

static void hash_insert(uint32_t index) {
  atom_entry *e = entry(index);
  uint32_t mask = hash_cap - 1;
  uint32_t i = hash_text(e->text, e->len) & mask;
  while (hash_slots[i]) i = (i + 1) & mask;
  hash_slots[i] = index + 1;
}

static bool grow_hash(void) {
  uint32_t n = atomic_load(&count);
  uint32_t cap = hash_cap ? hash_cap * 2 : 4096;
  uint32_t *slots = calloc(cap, sizeof *slots);
  if (!slots) return false;
  free(hash_slots);
  hash_slots = slots;
  hash_cap = cap;
  for (uint32_t i = 0; i < n; i++) hash_insert(i);
  return true;
}

static term intern_locked(const char *text, size_t len) {
  uint32_t found = find_locked(text, len);
  if (found != UINT32_MAX) return make_atom(found);
  uint32_t n = atomic_load_explicit(&count, memory_order_relaxed);
  if (n >= (uint32_t)CHUNK * MAX_CHUNKS) return NONE;
  if ((n + 1) * 2 > hash_cap && !grow_hash()) return NONE;
  if (n % CHUNK == 0 && !atomic_load(&chunks[n / CHUNK])) {
    atom_entry *c = calloc(CHUNK, sizeof *c);
    if (!c) return NONE;
    atomic_store_explicit(&chunks[n / CHUNK], c, memory_order_release);
  }
  char *copy = malloc(len + 1);
  if (!copy) return NONE;
  memcpy(copy, text, len);
  copy[len] = 0;
  atom_entry *e = entry(n);
  e->text = copy;
  e->len = (uint32_t)len;
  atomic_store_explicit(&count, n + 1, memory_order_release);
  hash_insert(n);
  return make_atom(n);
}

void atom_init(void) {
  if (atomic_flag_test_and_set(&init_started)) {
    while (!atomic_load(&init_done)) {
    }
    return;
  }
  sys_mutex_init(&lock);
  sys_mutex_lock(&lock);
#define X(name, text) intern_locked(text, sizeof(text) - 1);
  ATOM_LIST(X)
#undef X
  sys_mutex_unlock(&lock);
  atomic_store(&init_done, 1);
}

term atom_intern(const char *text, size_t len) {
  if (len > MAX_ATOM_LEN) return NONE;
  atom_init();
  sys_mutex_lock(&lock);
  term t = intern_locked(text, len);
  sys_mutex_unlock(&lock);
  return t;
}

term atom_find(const char *text, size_t len) {
  atom_init();
  sys_mutex_lock(&lock);
  uint32_t i = find_locked(text, len);
  sys_mutex_unlock(&lock);
  return i == UINT32_MAX ? NONE : make_atom(i);
}

const char *atom_text(term a) { return entry(atom_index(a))->text; }
size_t atom_len(term a) { return entry(atom_index(a))->len; }
uint32_t atom_count(void) { return atomic_load_explicit(&count, memory_order_acquire); }
