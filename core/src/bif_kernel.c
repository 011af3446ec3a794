/*
 * bif_kernel.c -- Kernel's functions, IO, and the :erlang / :rand functions
 * tutorials call. Table: bif_table_kernel.
 *
 * Errors follow what the BEAM raises, so exit reasons seen by monitors and
 * links match Elixir's: guard BIFs (elem, hd, length, ...) raise the Erlang
 * reason :badarg, arithmetic raises :badarith; functions Elixir implements
 * itself raise Elixir exception structs (vm_error_exc).
 */
#include "bif_util.h"
#include "bif_fmt.h"
#include "inspect.h"
#include "runtime.h"
#include "errors.h"

#include <math.h>
#include <stdio.h>

/* ---- type checks ---- */
#define TYPE_BIF(name, expr) \
  static term k_##name(proc *p, term *a) { (void)p; term t = a[0]; return bool_atom(expr); }
TYPE_BIF(is_atom, is_atom(t))
TYPE_BIF(is_binary, is_binary(t))
TYPE_BIF(is_boolean, t == ATOM_TRUE || t == ATOM_FALSE)
TYPE_BIF(is_float, is_float(t))
TYPE_BIF(is_function, is_fun(t))
TYPE_BIF(is_integer, is_integer(t))
TYPE_BIF(is_list, is_list(t))
TYPE_BIF(is_map, is_map(t))
TYPE_BIF(is_nil, t == ATOM_NIL)
TYPE_BIF(is_number, is_number(t))
TYPE_BIF(is_pid, is_pid(t))
TYPE_BIF(is_port, false && t)
TYPE_BIF(is_reference, is_ref(t))
TYPE_BIF(is_tuple, is_tuple(t))
#undef TYPE_BIF

static term k_is_function2(proc *p, term *a) {
  if (!is_integer(a[1]) || int_val(a[1]) < 0) return bu_badarg(p);
  if (!is_fun(a[0])) return ATOM_FALSE;
  return bool_atom(fun_arity(a[0]) == (uint64_t)int_val(a[1]));
}

static term k_is_map_key(proc *p, term *a) {
  /* Kernel.is_map_key(map, key) */
  if (!is_map(a[0])) return bu_error_tuple(p, "badmap", a[0]);
  return bool_atom(bu_map_get(a[0], a[1]) != NONE);
}

/* ---- tuples and lists ---- */
static term k_elem(proc *p, term *a) { /* :erlang.element(i + 1, t): its argument numbers */
  if (!is_integer(a[1])) return bu_badarg_info(p, 1, "not an integer");
  if (!is_tuple(a[0])) return bu_badarg_info(p, 2, "not a tuple");
  int64_t i = int_val(a[1]);
  if (i < 0 || i >= tuple_arity(a[0])) return bu_badarg_info(p, 1, "out of range");
  return tuple_get(a[0], (uint32_t)i);
}

/* :erlang.element(i, tuple), 1-based */
static term e_element(proc *p, term *a) {
  if (!is_integer(a[0])) return bu_badarg_info(p, 1, "not an integer");
  if (!is_tuple(a[1])) return bu_badarg_info(p, 2, "not a tuple");
  int64_t i = int_val(a[0]);
  if (i < 1 || i > tuple_arity(a[1])) return bu_badarg_info(p, 1, "out of range");
  return tuple_get(a[1], (uint32_t)(i - 1));
}

static term k_put_elem(proc *p, term *a) { /* :erlang.setelement(i + 1, t, v) */
  if (!is_integer(a[1])) return bu_badarg_info(p, 1, "not an integer");
  if (!is_tuple(a[0])) return bu_badarg_info(p, 2, "not a tuple");
  int64_t i = int_val(a[1]);
  uint32_t n = tuple_arity(a[0]);
  if (i < 0 || i >= n) return bu_badarg_info(p, 1, "out of range");
  term t = make_tuple(p, n);
  memcpy(tuple_elems(t), tuple_elems(a[0]), n * sizeof(term));
  tuple_elems(t)[i] = a[2];
  return t;
}

static term k_hd(proc *p, term *a) { return is_cons(a[0]) ? car(a[0]) : bu_badarg_info(p, 1, "not a nonempty list"); }
static term k_tl(proc *p, term *a) { return is_cons(a[0]) ? cdr(a[0]) : bu_badarg_info(p, 1, "not a nonempty list"); }

static term k_length(proc *p, term *a) {
  int64_t n = bu_list_len(a[0]);
  return n < 0 ? bu_badarg_info(p, 1, "not a list") : make_small(n);
}

static term k_byte_size(proc *p, term *a) {
  return is_binary(a[0]) ? make_small((int64_t)binary_size(a[0])) : bu_badarg_info(p, 1, "not a bitstring");
}

/* binary_part(bin, start, len): a negative len takes the bytes before start */
static term k_binary_part(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  if (!is_integer(a[1])) return bu_badarg_info(p, 2, "not an integer");
  if (!is_integer(a[2])) return bu_badarg_info(p, 3, "not an integer");
  int64_t size = (int64_t)binary_size(a[0]), start = int_val(a[1]), len = int_val(a[2]);
  if (start < 0 || start > size) return bu_badarg_info(p, 2, "out of range");
  if (len < 0 ? len < -start : len > size - start) return bu_badarg_info(p, 3, "out of range");
  if (len < 0) {
    start += len;
    len = -len;
  }
  return make_binary(p, binary_data(a[0]) + start, (size_t)len);
}

static term e_binary_to_list(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  const uint8_t *s = binary_data(a[0]);
  term l = NIL;
  for (size_t i = binary_size(a[0]); i > 0; i--) l = make_cons(p, make_small(s[i - 1]), l);
  return l;
}

static term k_tuple_size(proc *p, term *a) {
  return is_tuple(a[0]) ? make_small(tuple_arity(a[0])) : bu_badarg_info(p, 1, "not a tuple");
}

static term k_map_size(proc *p, term *a) {
  return is_map(a[0]) ? make_small(map_size(a[0])) : bu_error_tuple(p, "badmap", a[0]);
}

static term e_tuple_to_list(proc *p, term *a) {
  if (!is_tuple(a[0])) return bu_badarg_info(p, 1, "not a tuple");
  return make_list_from(p, tuple_elems(a[0]), tuple_arity(a[0]));
}

static term e_list_to_tuple(proc *p, term *a) {
  int64_t n = bu_list_len(a[0]);
  if (n < 0) return bu_badarg_info(p, 1, "not a list");
  term t = make_tuple(p, (uint32_t)n);
  term l = a[0];
  for (int64_t i = 0; i < n; i++, l = cdr(l)) tuple_elems(t)[i] = car(l);
  return t;
}

/* ---- numbers ---- */

static term k_abs(proc *p, term *a) {
  term t = a[0];
  if (is_float(t)) { /* as the BEAM: only values < 0 are negated, so -0.0 stays */
    double f = float_val(t);
    return f < 0 ? make_float(p, -f) : t;
  }
  if (!is_integer(t)) return bu_badarg_info(p, 1, "not a number");
  int64_t v = int_val(t);
  if (v == INT64_MIN) return bu_overflow(p);
  return bu_int(p, v < 0 ? -v : v);
}

/* Erlang: max(A, B) is B when A < B, else A; min(A, B) is B when A > B. */
static term k_max(proc *p, term *a) { (void)p; return term_cmp(a[0], a[1]) < 0 ? a[1] : a[0]; }
static term k_min(proc *p, term *a) { (void)p; return term_cmp(a[0], a[1]) > 0 ? a[1] : a[0]; }

static term k_div(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1])) return vm_error(p, ATOM_BADARITH);
  int64_t x = int_val(a[0]), y = int_val(a[1]);
  if (y == 0) return vm_error(p, ATOM_BADARITH);
  if (x == INT64_MIN && y == -1) return bu_overflow(p);
  return bu_int(p, x / y); /* truncates toward zero, as Erlang's div */
}

static term k_rem(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1])) return vm_error(p, ATOM_BADARITH);
  int64_t x = int_val(a[0]), y = int_val(a[1]);
  if (y == 0) return vm_error(p, ATOM_BADARITH);
  if (y == -1) return make_small(0);
  return bu_int(p, x % y); /* sign of the dividend, as Erlang's rem */
}

/* A float to an integer; false when it does not fit in 64 bits. */
static bool float_to_i64(double d, int64_t *out) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return false;
  *out = (int64_t)d;
  return true;
}

/* round/trunc/floor/ceil: an integer as it is, a float through `to` */
static term to_integer(proc *p, term t, double (*to)(double)) {
  if (is_integer(t)) return t;
  if (!is_float(t)) return bu_badarg_info(p, 1, "not a number");
  int64_t v;
  if (!float_to_i64(to(float_val(t)), &v)) return bu_overflow(p);
  return bu_int(p, v);
}

static term k_round(proc *p, term *a) { return to_integer(p, a[0], round); } /* half away from zero */
static term k_trunc(proc *p, term *a) { return to_integer(p, a[0], trunc); }
static term k_floor(proc *p, term *a) { return to_integer(p, a[0], floor); }
static term k_ceil(proc *p, term *a) { return to_integer(p, a[0], ceil); }

/* ---- exceptions ---- */
static term k_throw(proc *p, term *a) { return vm_raise(p, ATOM_THROW, a[0]); }
static term e_error(proc *p, term *a) { return vm_raise(p, ATOM_ERROR, a[0]); } /* :erlang.error/1 */

/* Exception.message/1: an exception's message (raw reasons such as
 * {:badkey, k} are no exceptions: FunctionClauseError, as in Elixir) */
static term ex_message(proc *p, term *a) {
  if (!is_map(a[0]) || bu_map_get(a[0], ATOM_EXCEPTION) != ATOM_TRUE) return bu_raise_fc(p, "Exception", "message", 1);
  strbuf sb;
  strbuf_init(&sb);
  exc_message(&sb, a[0]);
  term r = make_binary(p, sb.data ? sb.data : "", sb.len);
  strbuf_free(&sb);
  return r;
}

/* ---- conversions ---- */
term bif_to_string(proc *p, term t) {
  if (is_binary(t)) return t;
  strbuf b, msg;
  strbuf_init(&b);
  strbuf_init(&msg);
  const char *exc = NULL;
  term r;
  if (to_string_term(&b, t, &exc, &msg)) {
    r = bu_binary(p, &b);
  } else {
    r = msg.oom ? vm_error(p, ATOM_SYSTEM_LIMIT)
                : vm_error_exc(p, exc ? exc : "ArgumentError", msg.data ? msg.data : "");
    strbuf_free(&b);
  }
  strbuf_free(&msg);
  return r;
}

/* Read inspect options from a keyword list into o. */
static void inspect_opts_from(inspect_opts *o, term opts) {
  for (term l = opts; is_cons(l); l = cdr(l)) {
    term kv = car(l);
    if (!is_tuple(kv) || tuple_arity(kv) != 2) continue;
    term k = tuple_get(kv, 0), v = tuple_get(kv, 1);
    bool inf = bu_atom_is(v, "infinity");
    if (bu_atom_is(k, "limit")) {
      if (inf) o->limit = -1;
      else if (is_integer(v)) o->limit = int_val(v) > INT32_MAX ? INT32_MAX : (int)int_val(v);
    } else if (bu_atom_is(k, "printable_limit")) {
      if (inf) o->printable_limit = -1;
      else if (is_integer(v)) o->printable_limit = int_val(v) > INT32_MAX ? INT32_MAX : (int)int_val(v);
    } else if (bu_atom_is(k, "width")) {
      if (inf) o->width = INT32_MAX;
      else if (is_integer(v)) o->width = int_val(v) > INT32_MAX ? INT32_MAX : (int)int_val(v);
    } else if (bu_atom_is(k, "pretty")) {
      o->pretty = v == ATOM_TRUE;
    } else if (bu_atom_is(k, "charlists")) {
      if (bu_atom_is(v, "as_lists")) o->charlists = INSPECT_AS_LISTS;
      else if (bu_atom_is(v, "as_charlists")) o->charlists = INSPECT_AS_CHARLISTS;
      else o->charlists = INSPECT_INFER;
    }
  }
}

term bif_inspect(proc *p, term t, term opts, bool pretty) {
  inspect_opts o;
  if (pretty)
    inspect_opts_io(&o);
  else
    inspect_opts_init(&o);
  inspect_opts_from(&o, opts);
  strbuf b;
  strbuf_init(&b);
  inspect_term(&b, t, &o);
  return bu_binary(p, &b);
}

static term k_to_string(proc *p, term *a) { return bif_to_string(p, a[0]); }

static term k_inspect1(proc *p, term *a) { return bif_inspect(p, a[0], NIL, false); }

static term k_inspect2(proc *p, term *a) {
  if (!is_list(a[1])) return bu_raise_fc(p, "Kernel", "inspect", 2);
  return bif_inspect(p, a[0], a[1], false);
}

static term e_atom_to_binary(proc *p, term *a) {
  if (!is_atom(a[0])) return bu_badarg_info(p, 1, "not an atom");
  return make_binary(p, atom_text(a[0]), atom_len(a[0]));
}

static term e_atom_to_binary2(proc *p, term *a) {
  (void)a[1];
  return e_atom_to_binary(p, a);
}

static term e_binary_to_atom(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  term r = atom_intern((const char *)binary_data(a[0]), binary_size(a[0]));
  if (r == NONE) return vm_error(p, ATOM_SYSTEM_LIMIT);
  return r;
}

static term e_binary_to_atom2(proc *p, term *a) { return e_binary_to_atom(p, a); }

static term e_binary_to_existing_atom(proc *p, term *a) {
  if (!is_binary(a[0])) return bu_badarg_info(p, 1, "not a binary");
  term r = atom_find((const char *)binary_data(a[0]), binary_size(a[0]));
  return r == NONE ? bu_badarg_info(p, 1, "not an already existing atom") : r;
}

/* Integer in a base (2..36), upper-case digits as Erlang's integer_to_binary. */
term bif_int_to_binary(proc *p, int64_t v, int base) {
  char tmp[70];
  int n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    unsigned d = (unsigned)(u % (unsigned)base);
    tmp[n++] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
    u /= (unsigned)base;
  } while (u);
  if (v < 0) tmp[n++] = '-';
  char out[70];
  for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return make_binary(p, out, (size_t)n);
}

static term e_integer_to_binary(proc *p, term *a) {
  if (!is_integer(a[0])) return bu_badarg_info(p, 1, "not an integer");
  return bif_int_to_binary(p, int_val(a[0]), 10);
}

static term e_integer_to_binary2(proc *p, term *a) {
  if (!is_integer(a[0]) || !is_integer(a[1]) || int_val(a[1]) < 2 || int_val(a[1]) > 36)
    return bu_badarg(p);
  return bif_int_to_binary(p, int_val(a[0]), (int)int_val(a[1]));
}

/* ---- :rand ---- */
/* Numbers come from the generator of the scheduler running p (runtime.c,
 * seeded from the runtime's seed), so a deterministic run repeats them. */
static term r_uniform0(proc *p, term *a) {
  (void)a;
  uint64_t r = rt_random(p->sched);
  return make_float(p, (double)(r >> 11) * 0x1.0p-53);
}

static term r_uniform1(proc *p, term *a) {
  if (!is_integer(a[0]) || int_val(a[0]) < 1) return vm_error(p, ATOM_FUNCTION_CLAUSE);
  uint64_t n = (uint64_t)int_val(a[0]);
  /* Rejection sampling: no modulo bias. */
  uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t r;
  do r = rt_random(p->sched);
  while (r >= limit);
  return bu_int(p, (int64_t)(r % n) + 1);
}

/* ---- IO ---- */
/* The fd of an IO device argument: :stdio / :standard_io / the group
 * leader are 1, :stderr / :standard_error are 2; -1 if unknown. */
static int device_fd(term dev) {
  if (bu_atom_is(dev, "stdio") || bu_atom_is(dev, "standard_io")) return 1;
  if (bu_atom_is(dev, "stderr") || bu_atom_is(dev, "standard_error")) return 2;
  if (is_pid(dev)) return 1;
  return -1;
}

/* Write item (chardata or anything String.Chars handles) plus an optional
 * newline to fd. */
static term io_write(proc *p, int fd, term item, bool newline) {
  strbuf b;
  strbuf_init(&b);
  if (!bu_chardata(&b, item)) {
    strbuf_free(&b);
    if (is_list(item)) return bu_badarg(p);
    term s = bif_to_string(p, item);
    if (s == NONE) return NONE;
    strbuf_put(&b, binary_data(s), binary_size(s));
  }
  if (newline) strbuf_putc(&b, '\n');
  if (b.oom) {
    strbuf_free(&b);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  rt_output(p, fd, b.data ? b.data : "", b.len);
  strbuf_free(&b);
  return ATOM_OK;
}

static term io_iodata_to_binary(proc *p, term *a) {
  if (is_binary(a[0])) return a[0];
  strbuf b;
  strbuf_init(&b);
  if (!is_list(a[0]) || !bu_iodata(&b, a[0], NULL)) {
    strbuf_free(&b);
    return bu_badarg(p);
  }
  return bu_binary(p, &b);
}

static term io_chardata_to_string(proc *p, term *a) {
  if (is_binary(a[0])) return a[0];
  strbuf b;
  strbuf_init(&b);
  if (!is_list(a[0]) || !bu_chardata(&b, a[0])) {
    strbuf_free(&b);
    return vm_error_exc(p, "UnicodeConversionError", "invalid chardata");
  }
  return bu_binary(p, &b);
}

static term io_puts1(proc *p, term *a) { return io_write(p, 1, a[0], true); }
static term io_write1(proc *p, term *a) { return io_write(p, 1, a[0], false); }

static term io_puts2(proc *p, term *a) {
  int fd = device_fd(a[0]);
  if (fd < 0) return bu_badarg(p);
  return io_write(p, fd, a[1], true);
}

static term io_write2(proc *p, term *a) {
  int fd = device_fd(a[0]);
  if (fd < 0) return bu_badarg(p);
  return io_write(p, fd, a[1], false);
}

/* IO.inspect: pretty-printed (width 80 unless given), label first. */
static term io_inspect(proc *p, int fd, term item, term opts) {
  if (!is_list(opts)) return bu_raise_fc(p, "IO", "inspect", 2);
  term s = bif_inspect(p, item, opts, true);
  if (s == NONE) return NONE;
  strbuf b;
  strbuf_init(&b);
  for (term l = opts; is_cons(l); l = cdr(l)) {
    term kv = car(l);
    if (is_tuple(kv) && tuple_arity(kv) == 2 && bu_atom_is(tuple_get(kv, 0), "label")) {
      term label = tuple_get(kv, 1);
      if (!bu_chardata(&b, label)) {
        term ls = bif_to_string(p, label);
        if (ls == NONE) {
          strbuf_free(&b);
          return NONE;
        }
        strbuf_put(&b, binary_data(ls), binary_size(ls));
      }
      strbuf_puts(&b, ": ");
      break;
    }
  }
  strbuf_put(&b, binary_data(s), binary_size(s));
  strbuf_putc(&b, '\n');
  if (b.oom) {
    strbuf_free(&b);
    return vm_error(p, ATOM_SYSTEM_LIMIT);
  }
  rt_output(p, fd, b.data, b.len);
  strbuf_free(&b);
  return item;
}

static term io_inspect1(proc *p, term *a) { return io_inspect(p, 1, a[0], NIL); }
static term io_inspect2(proc *p, term *a) { return io_inspect(p, 1, a[0], a[1]); }

static term io_inspect3(proc *p, term *a) {
  int fd = device_fd(a[0]);
  if (fd < 0) return bu_badarg(p);
  return io_inspect(p, fd, a[1], a[2]);
}

#define K "Elixir.Kernel"
#define E "erlang"
const bif_entry bif_table_kernel[] = {
    {K, "is_atom", 1, k_is_atom},
    {K, "is_binary", 1, k_is_binary},
    {K, "is_bitstring", 1, k_is_binary},
    {K, "is_boolean", 1, k_is_boolean},
    {K, "is_float", 1, k_is_float},
    {K, "is_function", 1, k_is_function},
    {K, "is_function", 2, k_is_function2},
    {K, "is_integer", 1, k_is_integer},
    {K, "is_list", 1, k_is_list},
    {K, "is_map", 1, k_is_map},
    {K, "is_map_key", 2, k_is_map_key},
    {K, "is_nil", 1, k_is_nil},
    {K, "is_number", 1, k_is_number},
    {K, "is_pid", 1, k_is_pid},
    {K, "is_port", 1, k_is_port},
    {K, "is_reference", 1, k_is_reference},
    {K, "is_tuple", 1, k_is_tuple},
    {K, "elem", 2, k_elem},
    {K, "put_elem", 3, k_put_elem},
    {K, "hd", 1, k_hd},
    {K, "tl", 1, k_tl},
    {K, "length", 1, k_length},
    {K, "tuple_size", 1, k_tuple_size},
    {K, "byte_size", 1, k_byte_size},
    {K, "binary_part", 3, k_binary_part},
    {K, "map_size", 1, k_map_size},
    {K, "abs", 1, k_abs},
    {K, "max", 2, k_max},
    {K, "min", 2, k_min},
    {K, "div", 2, k_div},
    {K, "rem", 2, k_rem},
    {K, "round", 1, k_round},
    {K, "trunc", 1, k_trunc},
    {K, "floor", 1, k_floor},
    {K, "ceil", 1, k_ceil},
    {K, "throw", 1, k_throw},
    {K, "to_string", 1, k_to_string},
    {K, "inspect", 1, k_inspect1},
    {K, "inspect", 2, k_inspect2},
    {"Elixir.IO", "puts", 1, io_puts1},
    {"Elixir.IO", "puts", 2, io_puts2},
    {"Elixir.IO", "write", 1, io_write1},
    {"Elixir.IO", "write", 2, io_write2},
    {"Elixir.IO", "inspect", 1, io_inspect1},
    {"Elixir.IO", "inspect", 2, io_inspect2},
    {"Elixir.IO", "inspect", 3, io_inspect3},
    {"Elixir.IO", "iodata_to_binary", 1, io_iodata_to_binary},
    {"Elixir.IO", "chardata_to_string", 1, io_chardata_to_string},
    {E, "iolist_to_binary", 1, io_iodata_to_binary},
    {E, "is_atom", 1, k_is_atom},
    {E, "is_binary", 1, k_is_binary},
    {E, "is_boolean", 1, k_is_boolean},
    {E, "is_float", 1, k_is_float},
    {E, "is_function", 1, k_is_function},
    {E, "is_function", 2, k_is_function2},
    {E, "is_integer", 1, k_is_integer},
    {E, "is_list", 1, k_is_list},
    {E, "is_map", 1, k_is_map},
    {E, "is_number", 1, k_is_number},
    {E, "is_pid", 1, k_is_pid},
    {E, "is_reference", 1, k_is_reference},
    {E, "is_tuple", 1, k_is_tuple},
    {E, "element", 2, e_element},
    {E, "hd", 1, k_hd},
    {E, "tl", 1, k_tl},
    {E, "length", 1, k_length},
    {E, "tuple_size", 1, k_tuple_size},
    {E, "byte_size", 1, k_byte_size},
    {E, "binary_part", 3, k_binary_part},
    {E, "binary_to_list", 1, e_binary_to_list},
    {E, "map_size", 1, k_map_size},
    {E, "abs", 1, k_abs},
    {E, "max", 2, k_max},
    {E, "min", 2, k_min},
    {E, "div", 2, k_div},
    {E, "rem", 2, k_rem},
    {E, "round", 1, k_round},
    {E, "trunc", 1, k_trunc},
    {E, "floor", 1, k_floor},
    {E, "ceil", 1, k_ceil},
    {E, "throw", 1, k_throw},
    {E, "error", 1, e_error},
    {"Elixir.Exception", "message", 1, ex_message},
    {E, "tuple_to_list", 1, e_tuple_to_list},
    {E, "list_to_tuple", 1, e_list_to_tuple},
    {E, "atom_to_binary", 1, e_atom_to_binary},
    {E, "atom_to_binary", 2, e_atom_to_binary2},
    {E, "binary_to_atom", 1, e_binary_to_atom},
    {E, "binary_to_atom", 2, e_binary_to_atom2},
    {E, "binary_to_existing_atom", 1, e_binary_to_existing_atom},
    {E, "binary_to_existing_atom", 2, e_binary_to_existing_atom},
    {E, "integer_to_binary", 1, e_integer_to_binary},
    {E, "integer_to_binary", 2, e_integer_to_binary2},
    {"rand", "uniform", 0, r_uniform0},
    {"rand", "uniform", 1, r_uniform1},
    {NULL, NULL, 0, NULL},
};
#undef K
#undef E
