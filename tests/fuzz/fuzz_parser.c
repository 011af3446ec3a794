/*
 * fuzz_parser.c -- libFuzzer entry for the lexer/parser (not built by
 * default). Build and run, e.g.:
 *   clang -std=c11 -g -fsanitize=fuzzer,address,undefined -Icore/src \
 *     tests/fuzz/fuzz_parser.c core/src/ast.c core/src/lexer.c core/src/parser.c -o fuzz_parser
 *   ./fuzz_parser -max_len=4096 corpus_dir shared/examples
 * Every successful parse is also dumped, which walks the whole tree.
 */
#include <stddef.h>
#include <stdint.h>
#include "ast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char out[1 << 16];
  struct ast_arena *arena = NULL;
  ast_error err;
  ast *root = parse_source((const char *)data, size, &arena, &err);
  if (root) {
    ast_dump(root, out, sizeof out);
    ast_arena_free(arena);
  }
  return 0;
}
