/*
 * fuzz_frontend.c -- libFuzzer target over the whole front end: the lexer,
 * the parser and the compiler (parse_source, then program_compile with the
 * prelude, exactly what `beamlet run` does before running anything).
 *
 * Built and run by scripts/fuzz (clang-14, -fsanitize=fuzzer,address,
 * undefined, from the core/src sources and a prelude image); see that script.
 *
 * For every input:
 *   - parse_source alone, and ast_dump of the tree (walks every node);
 *   - program_compile into a fresh literal area; on failure the message must
 *     be non-empty and start with "fuzz.exs:" (or a prelude file name, which
 *     would itself be a bug: the prelude is constant); on success the
 *     bytecode must decode (see check_program);
 *   - everything is freed, so LeakSanitizer checks the compiler's error
 *     paths too. Atoms are never freed (as in the BEAM): the atom table is
 *     global, reachable, and bounded (1,048,576 atoms of <= 255 bytes).
 * A violated invariant calls __builtin_trap(), which libFuzzer reports as a
 * crash with the input saved.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "code.h"
#include "heap.h"
#include "vm.h"
#include "vm_ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t op_operands[OP_COUNT] = {
#define X(name, n) n,
    VM_OPS(X)
#undef X
};
static const char *const op_names[OP_COUNT] = {
#define X(name, n) #name,
    VM_OPS(X)
#undef X
};

/* Operand kinds, by opcode name (vm_ops.h): S slot, K constant, L jump
 * (relative to the opcode, never 0), l the same or 0 (none), F a function
 * entry, B a BIF, D a fundef index, N anything. Opcodes not listed, or whose
 * operand count no longer matches, are only decoded, not checked: the
 * instruction set may grow without this file. The JN_* compare-and-branch
 * family is recognised by its suffix. */
static const struct { const char *name, *kinds; } op_spec[] = {
    {"PUSH", "S"}, {"PUSH_CONST", "K"}, {"STORE", "S"}, {"MOVE", "SS"}, {"ADD_SK", "SK"},
    {"SUB_SK", "SK"}, {"ADD_SS", "SS"}, {"SUB_SS", "SS"}, {"PUSH2", "SS"}, {"T_TYPE", "SNL"},
    {"JTRUE", "L"}, {"AND", "L"}, {"OR", "L"}, {"JUMP", "L"}, {"JFALSY", "L"}, {"JTRUTHY", "L"},
    {"JNOTTRUE", "L"}, {"CALL", "FN"}, {"TCALL", "FNN"}, {"TCALL_SELF", "FN"}, {"CALL_BIF", "BN"},
    {"TCALL_BIF", "BNN"}, {"CALL_DYN", "KN"}, {"TCALL_DYN", "KNN"}, {"CALL_UNDEF", "KKN"},
    {"RET_S", "SN"}, {"RET_K", "KN"}, {"MAKE_FUN", "DN"}, {"FIELD", "K"}, {"ERR_MATCH", "S"},
    {"ERR_CASE", "S"}, {"ERR_FCLAUSE", "D"}, {"GUARD", "L"}, {"T_IMM", "SKL"}, {"T_LIT", "SKL"},
    {"T_SAME", "SSL"}, {"T_PIN", "SSL"}, {"T_TUPLE", "SNL"}, {"T_CONS", "SL"}, {"T_NIL", "SL"},
    {"T_MAP", "SL"}, {"GET_ELEM", "SNS"}, {"GET_LIST", "SSS"}, {"MAP_GET", "SKSL"},
    {"MAP_GET_S", "SSSL"}, {"T_PREFIX", "SKSL"}, {"RECV_START", "SSS"}, {"RECV_PEEK", "SL"},
    {"RECV_SKIP", "L"}, {"RECV_WAIT", "SLl"},
};
static const char *op_kinds[OP_COUNT];

static void init_kinds(void) {
  static int done;
  if (done) return;
  done = 1;
  for (int op = 0; op < OP_COUNT; op++) {
    const char *k = NULL, *nm = op_names[op];
    size_t l = strlen(nm);
    for (size_t i = 0; i < sizeof op_spec / sizeof op_spec[0]; i++)
      if (!strcmp(op_spec[i].name, nm)) k = op_spec[i].kinds;
    if (!k && !strncmp(nm, "JN_", 3))
      k = l > 3 && !strcmp(nm + l - 3, "_SK") ? "SKL" : l > 3 && !strcmp(nm + l - 3, "_SS") ? "SSL" : "L";
    if (k && strlen(k) != op_operands[op]) k = NULL;
    op_kinds[op] = k;
  }
}

/* Words of the instruction at pc (UNPACK_ENV N is followed by N slots). */
static size_t insn_len(const uint32_t *code, size_t pc, size_t n) {
  uint32_t op = code[pc];
  size_t len = 1 + op_operands[op];
  if (op == OP_UNPACK_ENV && pc + 1 < n) len += code[pc + 1];
  return len;
}

static void fail(const char *what) {
  fprintf(stderr, "fuzz_frontend: invariant violated: %s\n", what);
  __builtin_trap();
}

static void fail_at(const struct program *pr, size_t pc, const char *what) {
  fprintf(stderr, "fuzz_frontend: at code[%zu] (%s):", pc, op_names[pr->code[pc]]);
  for (int k = 1; k <= op_operands[pr->code[pc]]; k++) fprintf(stderr, " %d", (int32_t)pr->code[pc + k]);
  fprintf(stderr, "\n");
  fail(what);
}

/* The code of a successful compile is well formed: code[0] is EXIT, every
 * opcode is known, instructions (with their operands) tile [1, code_len)
 * exactly, every function starts with ENTER on an instruction boundary,
 * and the operands of known kinds are in range: slots inside the frame
 * (locals, header, parameters), constants, BIFs and fundefs inside their
 * tables, call targets at function entries, jumps on an instruction of
 * their own function and never on themselves (an unbound label would leave
 * offset 0: an endless loop). */
static void check_program(const struct program *pr) {
  init_kinds();
  if (!pr->code || pr->code_len < 1 || pr->code[0] != OP_EXIT) fail("code[0] is not EXIT");
  if (pr->main_fun >= pr->nfuns) fail("main_fun out of range");
  size_t n = pr->code_len;
  uint8_t *boundary = calloc(n + 1, 1); /* 1: an opcode starts here; 2: a function does */
  uint32_t *fat = calloc(n + 1, sizeof *fat); /* at an entry: fundef index + 1 */
  size_t *fend = malloc((n + 1) * sizeof *fend);
  if (!boundary || !fat || !fend) {
    free(boundary), free(fat), free(fend);
    return;
  }
  size_t pc = 1;
  while (pc < n) {
    uint32_t op = pr->code[pc];
    if (op >= OP_COUNT) fail("unknown opcode");
    boundary[pc] = 1;
    pc += insn_len(pr->code, pc, n);
  }
  if (pc != n) fail("the last instruction runs past code_len");
  for (uint32_t i = 0; i < pr->nfuns; i++) {
    const struct fundef *fd = pr->funs[i];
    if (!fd || fd->index != i) fail("funs[i]->index != i");
    if (fd->entry < 1 || fd->entry >= n || !boundary[fd->entry]) fail("function entry not on an instruction");
    if (pr->code[fd->entry] != OP_ENTER) fail("function does not start with ENTER");
    boundary[fd->entry] = 2;
    fat[fd->entry] = i + 1;
  }
  /* a function's extent is [its entry, the next entry) */
  fend[n] = n;
  for (size_t k = n; k-- > 0;) fend[k] = boundary[k + 1] == 2 ? k + 1 : fend[k + 1];
  size_t fstart = 1;
  int64_t slot_lo = 0, slot_hi = 0; /* valid slots: [slot_lo, slot_hi) */
  for (pc = 1; pc < n; pc += insn_len(pr->code, pc, n)) {
    uint32_t op = pr->code[pc];
    if (boundary[pc] == 2) {
      const struct fundef *fd = pr->funs[fat[pc] - 1];
      fstart = pc;
      slot_lo = -(int64_t)pr->code[pc + 2]; /* ENTER ext, nlocals */
      slot_hi = FRAME_HDR + (int64_t)fd->arity + (fd->kind == FUNDEF_LAMBDA ? 1 : 0);
    }
    const char *kinds = op_kinds[op];
    if (op == OP_UNPACK_ENV)
      for (uint32_t k = 0; k < pr->code[pc + 1]; k++) {
        int32_t sl = (int32_t)pr->code[pc + 2 + k];
        if (sl < slot_lo || sl >= slot_hi) fail_at(pr, pc, "UNPACK_ENV slot outside the frame");
      }
    for (int k = 0; kinds && kinds[k]; k++) {
      uint32_t w = pr->code[pc + 1 + (size_t)k];
      int32_t sw = (int32_t)w;
      switch (kinds[k]) {
      case 'S':
        if (sw < slot_lo || sw >= slot_hi) fail_at(pr, pc, "slot outside the frame");
        break;
      case 'K':
        if (w >= pr->nconsts) fail_at(pr, pc, "constant index out of range");
        break;
      case 'B':
        if (w >= pr->nbifs || !pr->bifs[w]) fail_at(pr, pc, "BIF index out of range");
        break;
      case 'D':
        if (w >= pr->nfuns) fail_at(pr, pc, "fundef index out of range");
        break;
      case 'F': { /* absolute, or relative to the opcode */
        int64_t rel = (int64_t)pc + sw;
        int ok = (w < n && boundary[w] == 2) || (rel > 0 && rel < (int64_t)n && boundary[rel] == 2);
        if (!ok) fail_at(pr, pc, "call target is not a function entry");
        break;
      }
      case 'l':
        if (w == 0) break;
        /* fall through */
      case 'L': {
        if (sw == 0) fail_at(pr, pc, "jump to itself (unbound label?)");
        int64_t t = (int64_t)pc + sw;
        if (t < (int64_t)fstart || t >= (int64_t)fend[pc] || !boundary[t])
          fail_at(pr, pc, "jump target outside its function or not an instruction");
        break;
      }
      default: break;
      }
    }
  }
  free(fend);
  free(fat);
  free(boundary);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char dump[1 << 16];
  /* 1. the parser alone */
  struct ast_arena *arena = NULL;
  ast_error perr;
  ast *root = parse_source((const char *)data, size, &arena, &perr);
  if (root) {
    ast_dump(root, dump, sizeof dump);
    ast_arena_free(arena);
  } else if (!perr.message[0]) {
    fail("parse error without a message");
  }
  /* 2. the whole front end */
  struct litarea *lit = literal_area_new();
  if (!lit) return 0;
  char err[512];
  memset(err, 0, sizeof err);
  struct program *pr = program_compile(lit, (const char *)data, size, "fuzz.exs", err, sizeof err);
  if (pr) {
    if (!root) fail("program_compile accepted what parse_source rejected");
    check_program(pr);
    program_free(pr);
  } else {
    if (strncmp(err, "fuzz.exs:", 9) != 0) {
      fprintf(stderr, "fuzz_frontend: error message: %s\n", err);
      fail("compile error not reported against the script");
    }
  }
  literal_area_free(lit);
  return 0;
}
