/*
 * test_image.c -- the prelude image (core/src/image.c) built into the
 * binary at build time by core/tools/mkimage.c on the build machine:
 *   - it is byte for byte what this target writes from the prelude compiled
 *     here from source (so the format is the same on every target);
 *   - a script compiled on the image gives the very program it gives on the
 *     prelude compiled from source: same code words, funs in the same order
 *     with the same fields, constants equal term by term, same BIFs,
 *     modules and function hash; compile errors say the same thing;
 *   - a truncated or corrupted image is refused with a message (NULL), never
 *     a crash, a leak or an out-of-bounds read (the ASan build checks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "check.h"
#include "code.h"
#include "compare.h"
#include "heap.h"
#include "image.h"
#include "prelude.h"
#include "vm.h"

static struct litarea *lit;

static struct program *prelude_from_source(void) {
  char err[512];
  struct program *base = program_compile_prelude(lit, (const char *const *)beamlet_prelude_names,
                                                 (const char *const *)beamlet_prelude_sources,
                                                 beamlet_prelude_count, err, sizeof err);
  if (!base) printf("test_image: the prelude does not compile: %s\n", err);
  CHECK(base != NULL);
  return base;
}

static bool same_fun(const struct fundef *a, const struct fundef *b) {
  bool same_display = (!a->display && !b->display) ||
                      (a->display && b->display && strcmp(a->display, b->display) == 0);
  return a->module == b->module && a->name == b->name && a->arity == b->arity &&
         a->nfree == b->nfree && a->entry == b->entry && a->index == b->index &&
         a->lambda_no == b->lambda_no && a->parent_arity == b->parent_arity &&
         a->kind == b->kind && a->exported == b->exported && same_display;
}

/* Are two programs the same code over the same tables? */
static void check_same(const char *what, const struct program *a, const struct program *b) {
  long before = atomic_load(&check_failures_);
  CHECK_EQ_INT(a->code_len, b->code_len);
  if (a->code_len == b->code_len)
    CHECK(memcmp(a->code, b->code, a->code_len * sizeof *a->code) == 0);
  CHECK_EQ_INT(a->nfuns, b->nfuns);
  for (uint32_t i = 0; i < a->nfuns && i < b->nfuns; i++) CHECK(same_fun(a->funs[i], b->funs[i]));
  CHECK_EQ_INT(a->nconsts, b->nconsts);
  for (uint32_t i = 0; i < a->nconsts && i < b->nconsts; i++) {
    CHECK(term_cmp_key(a->consts[i], b->consts[i]) == 0);
    if (!is_boxed(a->consts[i]) && !is_cons(a->consts[i])) CHECK(a->consts[i] == b->consts[i]);
  }
  CHECK_EQ_INT(a->nbifs, b->nbifs);
  for (uint32_t i = 0; i < a->nbifs && i < b->nbifs; i++) CHECK(a->bifs[i] == b->bifs[i]);
  CHECK_EQ_INT(a->main_fun, b->main_fun);
  CHECK_EQ_INT(a->nmodules, b->nmodules);
  for (uint32_t i = 0; i < a->nmodules && i < b->nmodules; i++)
    CHECK(a->modules[i] == b->modules[i]);
  /* (a base read from an image gets its hash when a script is linked) */
  if (a->hash && b->hash) CHECK_EQ_INT(a->hash_cap, b->hash_cap);
  if (a->hash_cap == b->hash_cap && a->hash && b->hash)
    CHECK(memcmp(a->hash, b->hash, a->hash_cap * sizeof *a->hash) == 0);
  CHECK(a->to_string == b->to_string);
  if (atomic_load(&check_failures_) != before) printf("test_image: differs: %s\n", what);
}

static const char *const scripts[] = {
    /* the library */
    "list = Enum.map([1, 2, 3], fn x -> x * 2 end)\n"
    "IO.inspect Enum.reduce(list, 0, &(&1 + &2))\n"
    "m = Map.put(%{a: 1}, :b, 2.5)\n"
    "IO.puts Enum.join(Map.keys(m), \",\")\n"
    "IO.inspect List.flatten([[1], [2, [3]]]) ++ String.split(\"a b\")\n"
    "IO.puts \"#{length(list)} #{inspect(Enum.sort([3, 1, 2]))}\"\n",
    /* modules, private functions, lambdas, captures, literals of every kind */
    "defmodule Shapes do\n"
    "  @pi 3.14159\n"
    "  def area({:circle, r}), do: @pi * r * r\n"
    "  def area({:rect, w, h}), do: mul(w, h)\n"
    "  defp mul(a, b), do: a * b\n"
    "  def all(xs), do: Enum.map(xs, &area/1)\n"
    "  def big, do: 4611686018427387904 - 1\n"
    "  def text, do: \"" "a string longer than sixty-four bytes, so it is off the heap......" "\"\n"
    "  def chars, do: 'héllo'\n"
    "  defmodule Inner do\n"
    "    def twice(f), do: fn x -> f.(f.(x)) end\n"
    "  end\n"
    "end\n"
    "IO.inspect Shapes.all([{:circle, 1.0}, {:rect, 2, 3}])\n"
    "IO.inspect Shapes.Inner.twice(&(&1 + 1)).(1)\n"
    "spawn(fn -> send(self(), :hi) end)\n"
    "receive do\n  x -> x\nafter\n  10 -> :timeout\nend\n",
    /* Kernel functions of the prelude called unqualified, a module in a variable */
    "mod = Enum\n"
    "IO.inspect mod.count([1, 2])\n"
    "IO.inspect to_string(42) <> inspect(:ok)\n",
    /* an empty script */
    "",
};

/* Scripts that do not compile, and what both ways must say. */
static const char *const bad_scripts[] = {
    "IO.puts(nope(1))\n",
    "defmodule Enum do\n  def x, do: 1\nend\n",
    "defmodule M do\n  def f(x), do: Enum.no_such(x) + g()\nend\n",
    "x = (1 +\n",
    "defmodule P do\n  defp p, do: 1\nend\nP.p()\nEnum.map([1], fn x -> undefined_here(x) end)\n",
};

static void test_same_as_source(void) {
  char e1[512], e2[512];
  for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
    struct program *base = prelude_from_source();
    if (!base) return;
    const char *s = scripts[i];
    struct program *a = program_compile_on(lit, base, s, strlen(s), "t.exs", e1, sizeof e1);
    struct program *b = program_compile(lit, s, strlen(s), "t.exs", e2, sizeof e2);
    if (!a) printf("test_image: script %zu: %s\n", i, e1);
    if (!b) printf("test_image: script %zu: %s\n", i, e2);
    CHECK(a != NULL);
    CHECK(b != NULL);
    if (a && b) {
      char what[64];
      snprintf(what, sizeof what, "script %zu", i);
      check_same(what, a, b);
      CHECK(program_find(b, atom_from_cstr("Elixir.Enum"), atom_from_cstr("map"), 2) != NULL);
    }
    program_free(a);
    program_free(b);
  }
  for (size_t i = 0; i < sizeof bad_scripts / sizeof bad_scripts[0]; i++) {
    struct program *base = prelude_from_source();
    if (!base) return;
    const char *s = bad_scripts[i];
    struct program *a = program_compile_on(lit, base, s, strlen(s), "bad.exs", e1, sizeof e1);
    struct program *b = program_compile(lit, s, strlen(s), "bad.exs", e2, sizeof e2);
    CHECK(a == NULL);
    CHECK(b == NULL);
    CHECK(strncmp(e2, "bad.exs:", 8) == 0);
    CHECK_EQ_STR(e1, e2);
    program_free(a);
    program_free(b);
  }
  /* a precise message and position, as before the image */
  struct program *p = program_compile(lit, bad_scripts[0], strlen(bad_scripts[0]), "bad.exs", e2,
                                      sizeof e2);
  CHECK(p == NULL);
  CHECK_EQ_STR(e2, "bad.exs:1:9: undefined function nope/1 (there is no such import)");
}

/* The built-in image is what this target writes: the format does not
 * depend on the machine. */
static void test_same_bytes(void) {
  struct program *base = prelude_from_source();
  if (!base) return;
  char err[256];
  size_t len = 0;
  uint8_t *img = img_write(base, &len, err, sizeof err);
  if (!img) printf("test_image: img_write: %s\n", err);
  CHECK(img != NULL);
  CHECK_EQ_INT(len, beamlet_prelude_image_len);
  if (img && len == beamlet_prelude_image_len)
    CHECK(memcmp(img, beamlet_prelude_image, len) == 0);
  /* and it reads back into the same base */
  struct program *back = img ? img_read(lit, img, len, err, sizeof err) : NULL;
  CHECK(back != NULL);
  if (back) check_same("base read back", base, back);
  program_free(back);
  program_free(base);
  free(img);
  /* an empty prelude makes an image too */
  struct program *empty = program_compile_prelude(lit, NULL, NULL, 0, err, sizeof err);
  CHECK(empty != NULL);
  img = empty ? img_write(empty, &len, err, sizeof err) : NULL;
  CHECK(img != NULL);
  back = img ? img_read(lit, img, len, err, sizeof err) : NULL;
  CHECK(back != NULL);
  if (back) CHECK(back->nfuns == 0 && back->code_len == 1);
  program_free(back);
  program_free(empty);
  free(img);
  /* a prelude that does not compile says where (mkimage fails the build) */
  const char *names[] = {"broken.ex"}, *srcs[] = {"defmodule B do\n  def f(x), do: g(x)\nend\n"};
  CHECK(program_compile_prelude(lit, names, srcs, 1, err, sizeof err) == NULL);
  CHECK_EQ_STR(err, "broken.ex:2:17: undefined function g/1 (expected B to define such a "
                    "function or for it to be imported, but none are available)");
}

static void reseal(uint8_t *img, size_t len) {
  uint32_t h = img_checksum(img, len - 4);
  for (int i = 0; i < 4; i++) img[len - 4 + i] = (uint8_t)(h >> (8 * i));
}

static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* img_read on exactly these bytes (a malloc'd copy: ASan sees any read
 * past the end); true if it loaded. A refusal must say why. */
static bool try_read(const uint8_t *bytes, size_t len) {
  uint8_t *copy = malloc(len ? len : 1);
  memcpy(copy, bytes, len);
  char err[256] = "";
  struct program *p = img_read(lit, copy, len, err, sizeof err);
  if (!p) CHECK(strncmp(err, "prelude image: ", 15) == 0 && err[15] != 0);
  program_free(p);
  free(copy);
  return p != NULL;
}

static void test_bad_images(void) {
  const uint8_t *img = beamlet_prelude_image;
  size_t len = beamlet_prelude_image_len;
  CHECK(len > 64);
  CHECK(try_read(img, len));
  /* truncations: every length of the first 128 bytes, then a spread */
  long refused = 0, tries = 0;
  size_t step = len / (size_t)TEST_N(400) + 1;
  for (size_t n = 0; n < len; n += n < 128 ? 1 : step, tries++) refused += !try_read(img, n);
  refused += !try_read(img, len - 1) + !try_read(img, len - 4);
  CHECK_EQ_INT(refused, tries + 2);
  /* one byte changed anywhere: the checksum catches it */
  uint8_t *buf = malloc(len + 8);
  refused = 0;
  tries = 0;
  for (size_t at = 0; at < len; at += step, tries++) {
    memcpy(buf, img, len);
    buf[at] ^= (uint8_t)(1u << (at % 8));
    refused += !try_read(buf, len);
  }
  CHECK_EQ_INT(refused, tries);
  char err[256];
  memcpy(buf, img, len);
  buf[len / 2] ^= 0x40;
  CHECK(img_read(lit, buf, len, err, sizeof err) == NULL);
  CHECK(strstr(err, "checksum") != NULL);
  /* bytes appended, or the image of another version */
  memcpy(buf, img, len);
  memset(buf + len, 0, 8);
  CHECK(!try_read(buf, len + 8));
  put32(buf + 4, IMG_VERSION + 1);
  reseal(buf, len);
  CHECK(!try_read(buf, len));
  /* header fields that lie, with a valid checksum */
  for (int field = 2; field < 9; field++) {
    static const uint32_t lies[] = {0, 1, 0x7FFFFFFFu, 0xFFFFFFFFu};
    for (size_t k = 0; k < sizeof lies / sizeof lies[0]; k++) {
      memcpy(buf, img, len);
      uint32_t old = (uint32_t)buf[4 * field] | (uint32_t)buf[4 * field + 1] << 8 |
                     (uint32_t)buf[4 * field + 2] << 16 | (uint32_t)buf[4 * field + 3] << 24;
      if (old == lies[k]) continue;
      put32(buf + 4 * field, lies[k]);
      reseal(buf, len);
      CHECK(!try_read(buf, len));
    }
  }
  /* anything else, resealed: loads or is refused, never worse */
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  long n = TEST_N(1500), loaded = 0;
  for (long i = 0; i < n; i++) {
    memcpy(buf, img, len);
    int changes = 1 + (int)(i % 4);
    for (int k = 0; k < changes; k++) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      size_t at = (size_t)(seed >> 33) % (len - 4);
      buf[at] = (uint8_t)(seed >> 17);
    }
    reseal(buf, len);
    loaded += try_read(buf, len);
  }
  printf("test_image: %ld bytes, %ld corrupted images resealed: %ld loaded, %ld refused\n",
         (long)len, n, loaded, n - loaded);
  free(buf);
}

int main(void) {
  atom_init();
  lit = literal_area_new();
  CHECK(beamlet_prelude_count > 0);
  test_same_as_source();
  test_same_bytes();
  test_bad_images();
  literal_area_free(lit);
  return check_report();
}
