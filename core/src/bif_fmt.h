/*
 * bif_fmt.h -- what the standard-library BIFs (bif_kernel.c, bif_string.c,
 * bif_data.c) export to the rest of beamlet, and the few functions they
 * need from other modules.
 */
#ifndef BEAMLET_BIF_FMT_H
#define BEAMLET_BIF_FMT_H

#include "process.h"

/* ---- provided by the standard library ---- */
/* to_string/1 (String.Chars): binaries, atoms (nil -> ""), integers, floats
 * (short form: "1.0e6"), chardata lists. Anything else raises
 * Protocol.UndefinedError. Returns NONE after raising. */
term bif_to_string(proc *p, term t);
/* inspect/2: `opts` is a keyword list (limit:, pretty:, width:,
 * charlists:, printable_limit:; label: is ignored here). `pretty` is the
 * default of the pretty: option (IO.inspect pretty-prints, inspect/1 does
 * not). Returns a binary, or NONE after raising. (inspect.c does the work.) */
term bif_inspect(proc *p, term t, term opts, bool pretty);
/* Integer.to_string/2, :erlang.integer_to_binary/2 (digits in upper case). */
term bif_int_to_binary(proc *p, int64_t v, int base);


#endif
