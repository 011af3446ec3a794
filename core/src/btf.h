/*
 * btf.h -- the beamlet term format (BTF): the portable encoding of terms
 * (the format is described at the top of btf.c). Used by the JS bridge
 * (host.c) and by prelude images for their constants (image.c).
 */
#ifndef BEAMLET_BTF_H
#define BEAMLET_BTF_H

#include <stddef.h>
#include <stdint.h>

#include "heap.h"
#include "strbuf.h"
#include "term.h"

/* Append t's encoding to sb. Kinds BTF has no tag for (funs) and terms
 * nested deeper than BTF_MAX_DEPTH are written as 'F' + inspect text, which
 * never decodes: an encoder that must round-trip checks by decoding. */
void btf_encode(strbuf *sb, term t, int depth);

/* Decode a whole BTF value (exactly len bytes) into a new fragment (*frag
 * NULL when the value is an immediate; atoms are interned). Returns NONE
 * and sets *err on bad input: never reads outside [data, data + len). */
term btf_to_term(const uint8_t *data, size_t len, heapfrag **frag, const char **err);

#endif
