/*
 * test_bifs.c -- the standard-library BIFs (bif_kernel.c, bif_string.c,
 * bif_data.c) called directly on terms. Results are compared through
 * inspect (inspect.c), so every expected value below is the text Elixir
 * 1.14 prints for the same call. A raise is observed through the process's
 * exception fields (exc_class, roots[ROOT_EXC]) that vm_raise records.
 */
#include "check.h"

#include "atom.h"
#include "bif_util.h"
#include "heap.h"
#include "inspect.h"
#include "vm.h"

#include <stdarg.h>
#include <stdlib.h>

extern const bif_entry bif_table_string[];

static proc P;
static char show_buf[4096];

static void setup(void) {
  atom_init();
  memset(&P, 0, sizeof P);
  P.exc_class = NONE;
  heap_init(&P, 1 << 16);
}

/* ---- building terms ---- */
static term S(const char *s) { return make_string(&P, s); }
static term A(const char *s) { return atom_from_cstr(s); }
static term I(int64_t v) { return make_int(&P, v); }
static term Fl(double d) { return make_float(&P, d); }
static term L(int n, ...) {
  term items[32];
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) items[i] = va_arg(ap, term);
  va_end(ap);
  return make_list_from(&P, items, (size_t)n);
}
static term T(int n, ...) {
  term t = make_tuple(&P, (uint32_t)n);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) tuple_elems(t)[i] = va_arg(ap, term);
  va_end(ap);
  return t;
}
/* M(n, k0, v0, k1, v1, ...) */
static term M(int n, ...) {
  term k[32], v[32];
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    k[i] = va_arg(ap, term);
    v[i] = va_arg(ap, term);
  }
  va_end(ap);
  return bu_map_from(&P, k, v, (size_t)n);
}
static term R(int64_t f, int64_t l, int64_t s) { return bu_make_range(&P, f, l, s); }
static term KW(const char *k, term v) { return T(2, A(k), v); }

/* ---- calling ---- */
static bif_fn find(const char *mod, const char *name, int arity) {
  const bif_entry *tables[] = {bif_table_kernel, bif_table_string, bif_table_data, bif_table_math};
  for (int t = 0; t < 4; t++)
    for (const bif_entry *e = tables[t]; e->name; e++)
      if (!strcmp(e->module, mod) && !strcmp(e->name, name) && e->arity == arity) return e->fn;
  return NULL;
}

static term callv(const char *mod, const char *name, int arity, term *args) {
  char full[64];
  snprintf(full, sizeof full, "%s%s", strcmp(mod, "erlang") && strcmp(mod, "rand") && strcmp(mod, "maps") &&
                                              strcmp(mod, "lists") ? "Elixir." : "", mod);
  bif_fn f = find(full, name, arity);
  if (!f) {
    fprintf(stderr, "no BIF %s.%s/%d\n", full, name, arity);
    CHECK(f != NULL);
    return NONE;
  }
  P.exc_class = NONE;
  return f(&P, args);
}
#define CALL(mod, name, ...) \
  callv(mod, name, (int)(sizeof((term[]){__VA_ARGS__}) / sizeof(term)), (term[]){__VA_ARGS__})
#define CALL0(mod, name) callv(mod, name, 0, NULL)

/* Inspect of a result, or "raise <class> <inspect reason>" after a raise. */
static const char *show(term t) {
  strbuf sb;
  strbuf_init(&sb);
  if (t == NONE) {
    strbuf_puts(&sb, "raise ");
    if (P.exc_class != NONE) {
      inspect_plain(&sb, P.exc_class);
      strbuf_puts(&sb, " ");
      term r = P.roots[ROOT_EXC];
      /* a wrapped error (errors.h exc_wrap): the reason the BEAM gives */
      if (is_tuple(r) && tuple_arity(r) == 3 && tuple_get(r, 0) == atom_from_cstr("$beamlet_error")) r = tuple_get(r, 1);
      inspect_plain(&sb, r);
    } else {
      strbuf_puts(&sb, "(nothing recorded)");
    }
  } else {
    inspect_plain(&sb, t);
  }
  snprintf(show_buf, sizeof show_buf, "%s", sb.data ? sb.data : "");
  strbuf_free(&sb);
  return show_buf;
}
#define EXPECT(call, text) CHECK_EQ_STR(show(call), text)

/* ---- Kernel ---- */
static void test_kernel(void) {
  EXPECT(CALL("Kernel", "elem", T(2, A("ok"), I(1)), I(1)), "1");
  EXPECT(CALL("Kernel", "elem", T(1, I(1)), I(5)), "raise :error :badarg");
  EXPECT(CALL("Kernel", "elem", T(1, I(1)), I(-1)), "raise :error :badarg");
  EXPECT(CALL("Kernel", "put_elem", T(3, A("user"), S("ann"), I(31)), I(2), I(32)), "{:user, \"ann\", 32}");
  EXPECT(CALL("Kernel", "hd", L(2, I(1), I(2))), "1");
  EXPECT(CALL("Kernel", "hd", NIL), "raise :error :badarg");
  EXPECT(CALL("Kernel", "tl", L(1, I(1))), "[]");
  EXPECT(CALL("Kernel", "length", L(3, I(1), I(2), I(3))), "3");
  EXPECT(CALL("Kernel", "length", make_cons(&P, I(1), I(2))), "raise :error :badarg");
  EXPECT(CALL("Kernel", "tuple_size", T(0)), "0");
  EXPECT(CALL("Kernel", "map_size", M(2, A("a"), I(1), A("b"), I(2))), "2");
  EXPECT(CALL("Kernel", "map_size", I(3)), "raise :error {:badmap, 3}");
  EXPECT(CALL("Kernel", "abs", I(-42)), "42");
  EXPECT(CALL("Kernel", "abs", Fl(-1.5)), "1.5");
  EXPECT(CALL("Kernel", "max", I(1), Fl(2.0)), "2.0");
  EXPECT(CALL("Kernel", "min", Fl(3.5), I(3)), "3");
  EXPECT(CALL("Kernel", "max", I(1), Fl(1.0)), "1");
  EXPECT(CALL("Kernel", "max", Fl(1.0), I(1)), "1.0");
  EXPECT(CALL("Kernel", "max", A("a"), I(1)), ":a");
  EXPECT(CALL("Kernel", "min", S("x"), I(1000)), "1000");
  EXPECT(CALL("Kernel", "div", I(-7), I(2)), "-3");
  EXPECT(CALL("Kernel", "rem", I(-7), I(2)), "-1");
  EXPECT(CALL("Kernel", "rem", I(7), I(-2)), "1");
  EXPECT(CALL("Kernel", "div", I(1), I(0)), "raise :error :badarith");
  EXPECT(CALL("Kernel", "div", Fl(1.0), I(2)), "raise :error :badarith");
  EXPECT(CALL("Kernel", "div", I(INT64_MAX), I(1000000007)), "9223371972");
  EXPECT(CALL("Kernel", "rem", I(INT64_MAX), I(1000000007)), "291172003");
  EXPECT(CALL("Kernel", "round", Fl(2.5)), "3");
  EXPECT(CALL("Kernel", "round", Fl(-2.5)), "-3");
  EXPECT(CALL("Kernel", "round", Fl(3.49)), "3");
  EXPECT(CALL("Kernel", "round", I(7)), "7");
  EXPECT(CALL("Kernel", "trunc", Fl(-2.7)), "-2");
  EXPECT(CALL("Kernel", "trunc", Fl(9.99)), "9");
  EXPECT(CALL("Kernel", "is_atom", ATOM_NIL), "true");
  EXPECT(CALL("Kernel", "is_boolean", ATOM_NIL), "false");
  EXPECT(CALL("Kernel", "is_list", NIL), "true");
  EXPECT(CALL("Kernel", "is_number", Fl(1.0)), "true");
  EXPECT(CALL("Kernel", "is_nil", ATOM_NIL), "true");
  EXPECT(CALL("Kernel", "is_map", R(1, 2, 1)), "true");
  EXPECT(CALL("Kernel", "is_binary", S("")), "true");
  EXPECT(CALL("Kernel", "throw", A("ball")), "raise :throw :ball");
  EXPECT(CALL("Kernel", "to_string", A("ok")), "\"ok\"");
  EXPECT(CALL("Kernel", "to_string", ATOM_NIL), "\"\"");
  EXPECT(CALL("Kernel", "to_string", I(42)), "\"42\"");
  EXPECT(CALL("Kernel", "to_string", Fl(2.5)), "\"2.5\"");
  EXPECT(CALL("Kernel", "to_string", Fl(1.0e6)), "\"1.0e6\"");
  EXPECT(CALL("Kernel", "to_string", L(5, I('c'), I('h'), I('a'), I('r'), I('s'))), "\"chars\"");
  EXPECT(CALL("Kernel", "to_string", L(3, I('a'), S("bc"), L(1, I('d')))), "\"abcd\"");
  EXPECT(CALL("Kernel", "to_string", A("Elixir.String")), "\"Elixir.String\"");
  CHECK(strstr(show(CALL("Kernel", "to_string", T(2, I(1), I(2)))),
               "protocol String.Chars not implemented for {1, 2} of type Tuple") != NULL);
  EXPECT(CALL("Kernel", "inspect", S("quoted")), "\"\\\"quoted\\\"\"");
  EXPECT(CALL("Kernel", "inspect", L(2, I(1), I(2))), "\"[1, 2]\"");
  EXPECT(CALL("Kernel", "inspect", L(3, I(1), I(2), I(3)), L(1, KW("limit", I(2)))), "\"[1, 2, ...]\"");
  EXPECT(CALL("Kernel", "inspect", L(2, I(97), I(98)), L(1, KW("charlists", A("as_lists")))), "\"[97, 98]\"");
}

/* ---- :erlang, :rand ---- */
static void test_erlang(void) {
  EXPECT(CALL("erlang", "element", I(1), T(2, A("a"), A("b"))), ":a");
  EXPECT(CALL("erlang", "element", I(0), T(2, A("a"), A("b"))), "raise :error :badarg");
  EXPECT(CALL("erlang", "tuple_to_list", T(2, A("a"), I(1))), "[:a, 1]");
  EXPECT(CALL("erlang", "list_to_tuple", L(2, I(1), I(2))), "{1, 2}");
  EXPECT(CALL("erlang", "atom_to_binary", A("abc")), "\"abc\"");
  EXPECT(CALL("erlang", "binary_to_atom", S("xyz")), ":xyz");
  EXPECT(CALL("erlang", "integer_to_binary", I(255), I(16)), "\"FF\"");
  EXPECT(CALL("erlang", "integer_to_binary", I(-255)), "\"-255\"");
  EXPECT(CALL("erlang", "integer_to_binary", I(INT64_MIN)), "\"-9223372036854775808\"");
  /* :rand.uniform needs a scheduler (p->sched): tested by
   * tests/programs/stdlib_rand.exs. */
  EXPECT(CALL("rand", "uniform", I(0)), "raise :error :function_clause");
}

/* ---- String ---- */
static void test_string(void) {
  term s = S("  Elixir Processes Are Cheap  ");
  EXPECT(CALL("String", "length", s), "30");
  EXPECT(CALL("String", "trim", s), "\"Elixir Processes Are Cheap\"");
  EXPECT(CALL("String", "upcase", s), "\"  ELIXIR PROCESSES ARE CHEAP  \"");
  EXPECT(CALL("String", "downcase", s), "\"  elixir processes are cheap  \"");
  EXPECT(CALL("String", "split", s), "[\"Elixir\", \"Processes\", \"Are\", \"Cheap\"]");
  EXPECT(CALL("String", "split", S("a,b,,c"), S(",")), "[\"a\", \"b\", \"\", \"c\"]");
  EXPECT(CALL("String", "split", S("abc"), S("")), "[\"\", \"a\", \"b\", \"c\", \"\"]");
  EXPECT(CALL("String", "split", S("abc"), S(""), L(1, KW("trim", ATOM_TRUE))), "[\"a\", \"b\", \"c\"]");
  EXPECT(CALL("String", "split", S("abc"), S(""), L(1, KW("parts", I(2)))), "[\"\", \"abc\"]");
  EXPECT(CALL("String", "split", S("a,b;c"), L(2, S(","), S(";"))), "[\"a\", \"b\", \"c\"]");
  EXPECT(CALL("String", "split", S("aXbYYc"), L(3, S("X"), S("YY"), S("Y"))), "[\"a\", \"b\", \"c\"]");
  EXPECT(CALL("String", "split", S("a,b,c,d"), S(","), L(1, KW("parts", I(2)))), "[\"a\", \"b,c,d\"]");
  EXPECT(CALL("String", "split", S(",a,,b,"), S(","), L(1, KW("trim", ATOM_TRUE))), "[\"a\", \"b\"]");
  EXPECT(CALL("String", "split", S(",a,,b,"), S(","), L(2, KW("parts", I(2)), KW("trim", ATOM_TRUE))),
         "[\"a\", \",b,\"]");
  EXPECT(CALL("String", "split", S(""), S(",")), "[\"\"]");
  EXPECT(CALL("String", "split", S(""), S(","), L(1, KW("trim", ATOM_TRUE))), "[]");
  EXPECT(CALL("String", "split", S("")), "[]");
  EXPECT(CALL("String", "split", S("a\xC2\xA0" "b c\xE2\x80\x83" "d")), "[\"a\xC2\xA0" "b\", \"c\", \"d\"]");
  EXPECT(CALL("String", "reverse", S("stressed")), "\"desserts\"");
  EXPECT(CALL("String", "reverse", S("h\xC3\xA9llo")), "\"oll\xC3\xA9h\"");
  EXPECT(CALL("String", "reverse", S("e\xCC\x81" "a")), "\"ae\xCC\x81\"");
  EXPECT(CALL("String", "length", S("h\xC3\xA9llo")), "5");
  EXPECT(CALL("String", "length", S("e\xCC\x81" "a")), "2");
  EXPECT(CALL("String", "upcase", S("h\xC3\xA9llo w\xC3\xB6rld")), "\"H\xC3\x89LLO W\xC3\x96RLD\"");
  EXPECT(CALL("String", "upcase", S("stra\xC3\x9F" "e")), "\"STRASSE\"");
  EXPECT(CALL("String", "upcase", S("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82")),
         "\"\xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2\"");
  EXPECT(CALL("String", "downcase", S("\xCE\xA9\xCE\xA3")), "\"\xCF\x89\xCF\x83\"");
  EXPECT(CALL("String", "upcase", I(1)), "raise :error {:function_clause, String, :upcase, 2}"); /* upcase/2: the mode has a default */
  EXPECT(CALL("String", "capitalize", S("hELLO wORLD")), "\"Hello world\"");
  EXPECT(CALL("String", "contains?", S("processes"), S("cess")), "true");
  EXPECT(CALL("String", "contains?", S("processes"), S("xyz")), "false");
  EXPECT(CALL("String", "contains?", S("abc"), L(2, S("x"), S("bc"))), "true");
  EXPECT(CALL("String", "contains?", S("abc"), S("")), "true");
  EXPECT(CALL("String", "starts_with?", S("processes"), S("pro")), "true");
  EXPECT(CALL("String", "starts_with?", S("processes"), S("ses")), "false");
  EXPECT(CALL("String", "starts_with?", S("abc"), L(2, S("x"), S("a"))), "true");
  EXPECT(CALL("String", "ends_with?", S("abc"), S("bc")), "true");
  EXPECT(CALL("String", "replace", S("a-b-c-d"), S("-"), S("+")), "\"a+b+c+d\"");
  EXPECT(CALL("String", "replace", S("aaa"), S("a"), S("bb")), "\"bbbbbb\"");
  EXPECT(CALL("String", "replace", S("abc"), S(""), S("-")), "\"-a-b-c-\"");
  EXPECT(CALL("String", "replace", S("aaa"), S("a"), S("b"), L(1, KW("global", ATOM_FALSE))), "\"baa\"");
  EXPECT(CALL("String", "duplicate", S("ab"), I(3)), "\"ababab\"");
  EXPECT(CALL("String", "duplicate", S("x"), I(0)), "\"\"");
  EXPECT(CALL("String", "to_integer", S("12345")), "12345");
  EXPECT(CALL("String", "to_integer", S("-17")), "-17");
  EXPECT(CALL("String", "to_integer", S("+12")), "12");
  EXPECT(CALL("String", "to_integer", S("ff"), I(16)), "255");
  EXPECT(CALL("String", "to_integer", S("abc")), "raise :error :badarg");
  EXPECT(CALL("String", "to_integer", S(" 1")), "raise :error :badarg");
  EXPECT(CALL("String", "to_integer", S("")), "raise :error :badarg");
  EXPECT(CALL("String", "to_integer", S("9223372036854775807")), "9223372036854775807");
  EXPECT(CALL("String", "to_integer", S("-9223372036854775808")), "-9223372036854775808");
  CHECK(strstr(show(CALL("String", "to_integer", S("9223372036854775808"))), "ArithmeticError") != NULL);
  EXPECT(CALL("String", "to_float", S("1.5")), "1.5");
  EXPECT(CALL("String", "to_float", S("-2.5e3")), "-2500.0");
  EXPECT(CALL("String", "to_float", S("1")), "raise :error :badarg");
  EXPECT(CALL("String", "to_atom", S("dynamic_atom")), ":dynamic_atom");
  EXPECT(CALL("String", "to_atom", S("with space")), ":\"with space\"");
  EXPECT(CALL("String", "to_atom", S("Elixir.Foo")), "Foo");
  EXPECT(CALL("String", "slice", S("processes"), I(0), I(4)), "\"proc\"");
  EXPECT(CALL("String", "slice", S("processes"), R(3, 5, 1)), "\"ces\"");
  EXPECT(CALL("String", "slice", S("processes"), I(-3), I(3)), "\"ses\"");
  EXPECT(CALL("String", "slice", S("short"), I(10), I(5)), "\"\"");
  EXPECT(CALL("String", "slice", S("hello"), R(1, -2, -1)), "\"ell\"");
  EXPECT(CALL("String", "slice", S("hello"), R(-3, -1, 1)), "\"llo\"");
  EXPECT(CALL("String", "slice", S("hello"), R(0, 10, 1)), "\"hello\"");
  EXPECT(CALL("String", "slice", S("hello"), R(5, 6, 1)), "\"\"");
  EXPECT(CALL("String", "slice", S("hello"), R(3, 1, -1)), "\"\"");
  EXPECT(CALL("String", "slice", S("hello"), R(0, 4, 2)), "\"hlo\"");
  EXPECT(CALL("String", "slice", S("hello"), I(0), I(0)), "\"\"");
  EXPECT(CALL("String", "slice", S("hello"), I(-10), I(2)), "\"he\"");
  EXPECT(CALL("String", "slice", S("h\xC3\xA9llo"), I(1), I(2)), "\"\xC3\xA9l\"");
  CHECK(strstr(show(CALL("String", "slice", S("hello"), R(1, 3, -1))),
               "String.slice/2 does not accept ranges with negative steps, got: 1..3//-1") != NULL);
  EXPECT(CALL("String", "at", S("h\xC3\xA9llo"), I(1)), "\"\xC3\xA9\"");
  EXPECT(CALL("String", "at", S("h\xC3\xA9llo"), I(-1)), "\"o\"");
  EXPECT(CALL("String", "at", S("h\xC3\xA9llo"), I(10)), "nil");
  EXPECT(CALL("String", "first", S("")), "nil");
  EXPECT(CALL("String", "first", S("abc")), "\"a\"");
  EXPECT(CALL("String", "last", S("h\xC3\xA9llo")), "\"o\"");
  EXPECT(CALL("String", "graphemes", S("e\xCC\x81" "a")), "[\"e\xCC\x81\", \"a\"]");
  EXPECT(CALL("String", "codepoints", S("e\xCC\x81" "a")), "[\"e\", \"\xCC\x81\", \"a\"]");
  EXPECT(CALL("String", "pad_leading", S("42"), I(6)), "\"    42\"");
  EXPECT(CALL("String", "pad_leading", S("42"), I(6), S("0")), "\"000042\"");
  EXPECT(CALL("String", "pad_leading", S("toolong"), I(3)), "\"toolong\"");
  EXPECT(CALL("String", "pad_leading", S("ab"), I(7), S("xyz")), "\"xyzxyab\"");
  EXPECT(CALL("String", "pad_trailing", S("ab"), I(5), S("xy")), "\"abxyx\"");
  EXPECT(CALL("String", "pad_leading", S("h\xC3\xA9llo"), I(7), S("\xC3\xA9")), "\"\xC3\xA9\xC3\xA9h\xC3\xA9llo\"");
  EXPECT(CALL("String", "trim", S("\t\n  x \xC2\xA0")), "\"x\"");
  EXPECT(CALL("String", "trim", S("xxhixx"), S("x")), "\"hi\"");
  EXPECT(CALL("String", "trim_leading", S("  x  ")), "\"x  \"");
  EXPECT(CALL("String", "trim_trailing", S("  x  ")), "\"  x\"");
  EXPECT(CALL("String", "trim_leading", S("aab"), S("a")), "\"b\"");
  EXPECT(CALL("String", "trim_trailing", S("baa"), S("a")), "\"b\"");
  EXPECT(CALL("String", "to_charlist", S("h\xC3\xA9llo")), "[104, 233, 108, 108, 111]");
  EXPECT(CALL("String", "valid?", make_binary(&P, "\xFF", 1)), "false");
}

static void test_integer_atom_float(void) {
  EXPECT(CALL("Integer", "to_string", I(255)), "\"255\"");
  EXPECT(CALL("Integer", "to_string", I(-255), I(16)), "\"-FF\"");
  EXPECT(CALL("Integer", "to_string", I(255), I(2)), "\"11111111\"");
  EXPECT(CALL("Integer", "parse", S("123")), "{123, \"\"}");
  EXPECT(CALL("Integer", "parse", S("12.5")), "{12, \".5\"}");
  EXPECT(CALL("Integer", "parse", S("  7")), ":error");
  EXPECT(CALL("Integer", "parse", S("abc")), ":error");
  EXPECT(CALL("Integer", "parse", S("-8 apples")), "{-8, \" apples\"}");
  EXPECT(CALL("Integer", "parse", S("+5")), "{5, \"\"}");
  EXPECT(CALL("Integer", "parse", S("-")), ":error");
  EXPECT(CALL("Integer", "parse", S("")), ":error");
  EXPECT(CALL("Integer", "parse", S("FFz"), I(16)), "{255, \"z\"}");
  EXPECT(CALL("Integer", "digits", I(1230)), "[1, 2, 3, 0]");
  EXPECT(CALL("Integer", "digits", I(-123)), "[-1, -2, -3]");
  EXPECT(CALL("Integer", "digits", I(10), I(2)), "[1, 0, 1, 0]");
  EXPECT(CALL("Integer", "to_charlist", I(42)), "'42'");
  EXPECT(CALL("Atom", "to_string", A("hello")), "\"hello\"");
  EXPECT(CALL("Atom", "to_string", A("Elixir.String")), "\"Elixir.String\"");
  EXPECT(CALL("Atom", "to_charlist", A("ab")), "'ab'");
  EXPECT(CALL("Float", "to_string", Fl(1.0e6)), "\"1.0e6\"");
  EXPECT(CALL("Float", "__round__", Fl(2.675), I(2), A("half_up")), "2.67");
  EXPECT(CALL("Float", "__round__", Fl(0.125), I(2), A("half_up")), "0.13");
  EXPECT(CALL("Float", "__round__", Fl(-0.125), I(2), A("half_up")), "-0.13");
  EXPECT(CALL("Float", "__round__", Fl(5.5675), I(3), A("half_up")), "5.567");
  EXPECT(CALL("Float", "__round__", Fl(2.5), I(0), A("half_up")), "3.0");
  EXPECT(CALL("Float", "__round__", Fl(3.14159), I(4), A("half_up")), "3.1416");
  EXPECT(CALL("Float", "__round__", Fl(9.999), I(2), A("half_up")), "10.0");
  EXPECT(CALL("Float", "__round__", Fl(-0.0001), I(2), A("half_up")), "0.0");
}

/* ---- Map ---- */
static void test_map(void) {
  term m = M(3, A("name"), S("Ada"), A("lang"), S("Elixir"), A("year"), I(2012));
  EXPECT(m, "%{lang: \"Elixir\", name: \"Ada\", year: 2012}");
  EXPECT(CALL("Map", "get", m, A("year")), "2012");
  EXPECT(CALL("Map", "get", m, A("missing")), "nil");
  EXPECT(CALL("Map", "get", m, A("missing"), A("default")), ":default");
  EXPECT(CALL("Map", "get", I(1), A("a")), "raise :error {:badmap, 1}");
  EXPECT(CALL("Map", "put", m, A("year"), I(2014)), "%{lang: \"Elixir\", name: \"Ada\", year: 2014}");
  EXPECT(CALL("Map", "put", m, A("new_key"), L(2, I(1), I(2))),
         "%{lang: \"Elixir\", name: \"Ada\", new_key: [1, 2], year: 2012}");
  EXPECT(CALL("Map", "fetch", m, A("lang")), "{:ok, \"Elixir\"}");
  EXPECT(CALL("Map", "fetch", m, A("nope")), ":error");
  EXPECT(CALL("Map", "fetch!", m, A("lang")), "\"Elixir\"");
  EXPECT(CALL("Map", "fetch!", m, A("x")), "raise :error {:badkey, :x}");
  EXPECT(CALL("Map", "delete", m, A("lang")), "%{name: \"Ada\", year: 2012}");
  EXPECT(CALL("Map", "delete", m, A("not_there")), "%{lang: \"Elixir\", name: \"Ada\", year: 2012}");
  EXPECT(CALL("Map", "has_key?", m, A("name")), "true");
  EXPECT(CALL("Map", "has_key?", m, S("name")), "false");
  EXPECT(CALL("Map", "keys", m), "[:lang, :name, :year]");
  EXPECT(CALL("Map", "values", m), "[\"Elixir\", \"Ada\", 2012]");
  EXPECT(CALL("Map", "merge", m, M(2, A("year"), I(1999), A("extra"), ATOM_TRUE)),
         "%{extra: true, lang: \"Elixir\", name: \"Ada\", year: 1999}");
  EXPECT(CALL("Map", "merge", M(0), M(1, A("a"), I(1))), "%{a: 1}");
  EXPECT(CALL("Map", "merge", M(2, A("a"), I(1), A("c"), I(3)), M(2, A("b"), I(2), A("d"), I(4))),
         "%{a: 1, b: 2, c: 3, d: 4}");
  EXPECT(CALL("Map", "to_list", m), "[lang: \"Elixir\", name: \"Ada\", year: 2012]");
  EXPECT(CALL0("Map", "new"), "%{}");
  EXPECT(CALL("Map", "new", L(2, T(2, A("a"), I(1)), T(2, A("b"), I(2)))), "%{a: 1, b: 2}");
  EXPECT(CALL("Map", "new", L(2, T(2, S("dup"), I(1)), T(2, S("dup"), I(2)))), "%{\"dup\" => 2}");
  EXPECT(CALL("Map", "new", L(1, I(1))), "raise :error :badarg");
  EXPECT(M(4, I(1), S("int"), Fl(1.0), S("float"), A("one"), S("atom"), S("one"), S("string")),
         "%{1 => \"int\", 1.0 => \"float\", :one => \"atom\", \"one\" => \"string\"}");
  term mixed = M(2, I(1), S("int"), Fl(1.0), S("float"));
  EXPECT(CALL("Map", "get", mixed, Fl(1.0)), "\"float\"");
  EXPECT(CALL("Map", "get", mixed, I(1)), "\"int\"");
  EXPECT(CALL("Map", "take", M(2, A("a"), I(1), A("b"), I(2)), L(2, A("a"), A("z"))), "%{a: 1}");
  EXPECT(CALL("Map", "drop", M(2, A("a"), I(1), A("b"), I(2)), L(2, A("a"), A("z"))), "%{b: 2}");
  EXPECT(CALL("Map", "pop", M(2, A("a"), I(1), A("b"), I(2)), A("a")), "{1, %{b: 2}}");
  EXPECT(CALL("Map", "pop", M(1, A("a"), I(1)), A("z"), I(0)), "{0, %{a: 1}}");
  EXPECT(CALL("Map", "put_new", M(1, A("a"), I(1)), A("a"), I(2)), "%{a: 1}");
  EXPECT(CALL("Map", "replace", M(1, A("a"), I(1)), A("b"), I(2)), "%{a: 1}");
  EXPECT(CALL("Map", "split", M(2, A("a"), I(1), A("b"), I(2)), L(1, A("a"))), "{%{a: 1}, %{b: 2}}");
  EXPECT(CALL("Map", "from_struct", R(1, 2, 1)), "%{first: 1, last: 2, step: 1}");
  EXPECT(CALL("Map", "equal?", M(1, A("a"), I(1)), M(1, A("a"), Fl(1.0))), "false");
}

/* ---- List, Tuple ---- */
static void test_list_tuple(void) {
  term l = L(3, I(1), I(2), I(3));
  EXPECT(CALL("List", "first", l), "1");
  EXPECT(CALL("List", "first", NIL), "nil");
  EXPECT(CALL("List", "first", NIL, A("d")), ":d");
  EXPECT(CALL("List", "last", l), "3");
  EXPECT(CALL("List", "last", NIL, A("d")), ":d");
  EXPECT(CALL("List", "flatten", L(3, I(1), L(2, I(2), L(2, I(3), L(2, I(4), NIL))), I(5))), "[1, 2, 3, 4, 5]");
  EXPECT(CALL("List", "flatten", L(2, I(1), L(1, I(2))), L(2, I(4), I(5))), "[1, 2, 4, 5]");
  EXPECT(CALL("List", "flatten", L(2, NIL, L(1, NIL))), "[]");
  EXPECT(CALL("List", "duplicate", A("x"), I(3)), "[:x, :x, :x]");
  EXPECT(CALL("List", "delete", L(3, A("a"), A("b"), A("a")), A("a")), "[:b, :a]");
  EXPECT(CALL("List", "delete", L(2, A("a"), A("b")), A("c")), "[:a, :b]");
  EXPECT(CALL("List", "delete", L(2, Fl(1.0), I(1)), I(1)), "[1.0]");
  EXPECT(CALL("List", "insert_at", l, I(1), A("new")), "[1, :new, 2, 3]");
  EXPECT(CALL("List", "insert_at", l, I(-1), A("last")), "[1, 2, 3, :last]");
  EXPECT(CALL("List", "insert_at", l, I(10), A("far")), "[1, 2, 3, :far]");
  EXPECT(CALL("List", "insert_at", l, I(-10), A("x")), "[:x, 1, 2, 3]");
  EXPECT(CALL("List", "insert_at", l, I(-2), A("x")), "[1, 2, :x, 3]");
  EXPECT(CALL("List", "insert_at", NIL, I(0), A("x")), "[:x]");
  EXPECT(CALL("List", "delete_at", l, I(-1)), "[1, 2]");
  EXPECT(CALL("List", "delete_at", l, I(5)), "[1, 2, 3]");
  EXPECT(CALL("List", "replace_at", l, I(-1), A("z")), "[1, 2, :z]");
  term kl = L(2, T(2, A("a"), I(1)), T(2, A("b"), I(2)));
  EXPECT(CALL("List", "keyfind", kl, A("b"), I(0)), "{:b, 2}");
  EXPECT(CALL("List", "keyfind", kl, I(1), I(1)), "{:a, 1}");
  EXPECT(CALL("List", "keyfind", kl, A("z"), I(0)), "nil");
  EXPECT(CALL("List", "keyfind", L(1, T(2, Fl(1.0), I(2))), I(1), I(0)), "{1.0, 2}");
  EXPECT(CALL("List", "keyfind", kl, A("a"), I(5)), "nil");
  EXPECT(CALL("List", "keydelete", L(3, KW("a", I(1)), KW("b", I(2)), KW("a", I(3))), A("a"), I(0)),
         "[b: 2, a: 3]");
  EXPECT(CALL("List", "keymember?", kl, A("a"), I(0)), "true");
  EXPECT(CALL("List", "keystore", kl, A("b"), I(0), KW("b", I(9))), "[a: 1, b: 9]");
  EXPECT(CALL("List", "keystore", kl, A("c"), I(0), KW("c", I(9))), "[a: 1, b: 2, c: 9]");
  EXPECT(CALL("List", "keyreplace", kl, A("a"), I(0), KW("a", I(2))), "[a: 2, b: 2]");
  EXPECT(CALL("List", "wrap", ATOM_NIL), "[]");
  EXPECT(CALL("List", "wrap", A("a")), "[:a]");
  EXPECT(CALL("List", "wrap", L(1, A("a"))), "[:a]");
  EXPECT(CALL("List", "to_tuple", l), "{1, 2, 3}");
  EXPECT(CALL("List", "zip", L(2, L(2, I(1), I(2)), L(3, A("a"), A("b"), A("c")))), "[{1, :a}, {2, :b}]");
  EXPECT(CALL("List", "to_string", L(2, I('a'), S("b"))), "\"ab\"");
  term t = T(3, A("user"), S("ann"), I(31));
  EXPECT(CALL("Tuple", "to_list", t), "[:user, \"ann\", 31]");
  EXPECT(CALL("Tuple", "append", t, A("admin")), "{:user, \"ann\", 31, :admin}");
  EXPECT(CALL("Tuple", "insert_at", T(2, I(1), I(2)), I(1), A("x")), "{1, :x, 2}");
  EXPECT(CALL("Tuple", "delete_at", T(2, I(1), I(2)), I(0)), "{2}");
  EXPECT(CALL("Tuple", "duplicate", A("a"), I(3)), "{:a, :a, :a}");
  EXPECT(CALL("Tuple", "delete_at", T(2, I(1), I(2)), I(2)), "raise :error :badarg");
}

/* ---- Keyword ---- */
static void test_keyword(void) {
  term kw = L(3, KW("host", S("localhost")), KW("port", I(4000)), KW("debug", ATOM_FALSE));
  EXPECT(CALL("Keyword", "get", kw, A("port")), "4000");
  EXPECT(CALL("Keyword", "get", kw, A("missing")), "nil");
  EXPECT(CALL("Keyword", "get", kw, A("missing"), S("fallback")), "\"fallback\"");
  EXPECT(CALL("Keyword", "put", kw, A("port"), I(8080)), "[port: 8080, host: \"localhost\", debug: false]");
  EXPECT(CALL("Keyword", "put", kw, A("ssl"), ATOM_TRUE),
         "[ssl: true, host: \"localhost\", port: 4000, debug: false]");
  EXPECT(CALL("Keyword", "fetch", kw, A("host")), "{:ok, \"localhost\"}");
  EXPECT(CALL("Keyword", "fetch", kw, A("nope")), ":error");
  EXPECT(CALL("Keyword", "get", L(2, KW("a", I(1)), KW("a", I(2))), A("a")), "1");
  EXPECT(CALL("Keyword", "get", kw, S("port")), "raise :error {:function_clause, Keyword, :get, 3}");
  term dup = L(3, KW("a", I(1)), KW("b", I(2)), KW("a", I(3)));
  EXPECT(CALL("Keyword", "delete", dup, A("a")), "[b: 2]");
  EXPECT(CALL("Keyword", "keys", dup), "[:a, :b, :a]");
  EXPECT(CALL("Keyword", "values", dup), "[1, 2, 3]");
  EXPECT(CALL("Keyword", "get_values", dup, A("a")), "[1, 3]");
  EXPECT(CALL("Keyword", "merge", L(2, KW("a", I(1)), KW("b", I(2))), L(2, KW("a", I(3)), KW("c", I(4)))),
         "[b: 2, a: 3, c: 4]");
  EXPECT(CALL("Keyword", "put_new", L(1, KW("a", I(1))), A("a"), I(2)), "[a: 1]");
  EXPECT(CALL("Keyword", "put_new", L(1, KW("a", I(1))), A("b"), I(2)), "[b: 2, a: 1]");
  EXPECT(CALL("Keyword", "has_key?", L(1, KW("a", I(1))), A("a")), "true");
  term abc = L(3, KW("a", I(1)), KW("b", I(2)), KW("c", I(3)));
  EXPECT(CALL("Keyword", "take", abc, L(2, A("a"), A("c"))), "[a: 1, c: 3]");
  EXPECT(CALL("Keyword", "drop", abc, L(2, A("a"), A("c"))), "[b: 2]");
  EXPECT(CALL("Keyword", "new", L(3, KW("b", I(1)), KW("a", I(2)), KW("b", I(3)))), "[a: 2, b: 3]");
  CHECK(strstr(show(CALL("Keyword", "fetch!", kw, A("x"))), "KeyError") != NULL);
}

int main(void) {
  setup();
  test_kernel();
  test_erlang();
  test_string();
  test_integer_atom_float();
  test_map();
  test_list_tuple();
  test_keyword();
  return check_report();
}
