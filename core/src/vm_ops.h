/*
 * vm_ops.h -- the instruction set shared by compiler.c and vm.c.
 *
 * An instruction is an opcode word followed by its operands (32-bit words).
 * While an instruction runs, pc points at its opcode; operand k is pc[k].
 * Operand kinds:
 *   S  a slot: a signed offset from fp (parameters above fp, the frame
 *      header at fp[0..3], other locals below)
 *   K  an index into program->consts
 *   L  a jump: signed offset relative to the instruction's own opcode
 *   N  a count or small number
 *   F  a function's entry, as a signed offset relative to the instruction's
 *      own opcode (CALL targets, patched at load)
 *   B  an index into program->bifs
 *
 * Frame layout (the stack grows down):
 *   fp[4 + (n-1-i)]  parameter i of n (pushed by the caller, arg 0 highest)
 *   fp[3]  the FUN being run (lambdas) or nil
 *   fp[2]  CP: the caller's frame floor, as fp - floor (signed: the bottom
 *          frame's "floor after return" lies above its fp)
 *   fp[1]  CP: the return address, as a pointer into program->code
 *   fp[0]  CP: the caller's fp, as caller_fp - fp
 * The offsets are relative to fp, so a frame survives the collector moving
 * the whole stack, and calls and returns need no other base pointer.
 *   fp[-1 - j]  local j (initialised to nil by ENTER)
 *   below: the operand stack, down to the frame floor fp - ext.
 * While a process runs, p->stop is the floor of the current frame (so
 * heap_alloc never hands out frame words); at every safe point (GC, yield,
 * wait, exit) p->stop is the exact stack pointer and every word in
 * [p->stop, p->hend) is a term or a CP immediate.
 */
#ifndef BEAMLET_VM_OPS_H
#define BEAMLET_VM_OPS_H

/* The compare-and-branch family: X(name, number of operands). */
#define VM_CMP_OPS(X)                                                      \
  X(JN_LT, 1) X(JN_LE, 1) X(JN_GT, 1) X(JN_GE, 1)                          \
  X(JN_EQ, 1) X(JN_NE, 1) X(JN_EXEQ, 1) X(JN_EXNE, 1)                      \
  X(JN_LT_SK, 3) X(JN_LE_SK, 3) X(JN_GT_SK, 3) X(JN_GE_SK, 3)              \
  X(JN_EQ_SK, 3) X(JN_NE_SK, 3) X(JN_EXEQ_SK, 3) X(JN_EXNE_SK, 3)          \
  X(JN_LT_SS, 3) X(JN_LE_SS, 3) X(JN_GT_SS, 3) X(JN_GE_SS, 3)              \
  X(JN_EQ_SS, 3) X(JN_NE_SS, 3) X(JN_EXEQ_SS, 3) X(JN_EXNE_SS, 3)

/* X(name, number of operands) */
#define VM_OPS(X)                                                          \
  X(EXIT, 0)            /* process returns from its bottom frame */        \
  X(ENTER, 2)           /* N ext, N nlocals: set up the frame, count a reduction */ \
  X(UNPACK_ENV, 1)      /* N nfree: locals 0..nfree-1 = env of the FUN at fp[4] */ \
  X(PUSH, 1)            /* S */                                             \
  X(PUSH_CONST, 1)      /* K */                                             \
  X(STORE, 1)           /* S: pop into slot */                              \
  X(MOVE, 2)            /* S src, S dst */                                  \
  X(POP, 0)                                                                 \
  X(ADD, 0) X(SUB, 0) X(MUL, 0) X(FDIV, 0) X(IDIV, 0) X(REM, 0)              \
  X(NEG, 0) X(PLUS, 0)                                                      \
  X(ADD_SK, 2)          /* S, K: push slot + small const */                 \
  X(SUB_SK, 2)          /* S, K */                                          \
  X(LT, 0) X(LE, 0) X(GT, 0) X(GE, 0) X(EQ, 0) X(NE, 0) X(EXEQ, 0) X(EXNE, 0) \
  X(ADD_SS, 2)          /* S, S: push slot + slot */                        \
  X(SUB_SS, 2)          /* S, S: push slot - slot */                        \
  X(PUSH2, 2)           /* S, S: push both, in order */                     \
  /* compare-and-branch: jump to L unless the comparison holds. The _SK   \
   * forms compare a slot with a constant, _SS two slots, the plain forms \
   * pop two operands (left below right). Term order is total, so these  \
   * never raise. */                                                        \
  VM_CMP_OPS(X)                                                             \
  X(T_TYPE, 3)          /* S, N type (enum vm_type), L: jump unless */      \
  X(JTRUE, 1)           /* L: pop, jump when it is `true` */                \
  X(NOT, 0)             /* strict not */                                    \
  X(BANG, 0)            /* ! truthiness */                                  \
  X(AND, 1)             /* L: pop a; false -> push false, jump; true -> go on; else BadBooleanError */ \
  X(OR, 1)              /* L: pop a; true -> push true, jump; false -> go on */ \
  X(JUMP, 1)            /* L */                                             \
  X(JFALSY, 1)          /* L: pop, jump when nil/false */                   \
  X(JTRUTHY, 1)         /* L: pop, jump when not nil/false */               \
  X(JNOTTRUE, 1)        /* L: pop, jump unless it is `true` */              \
  X(TUPLE, 1)           /* N */                                             \
  X(LIST, 1)            /* N: n items then the tail on the stack */         \
  X(MAP, 1)             /* N pairs */                                       \
  X(MAP_UPDATE, 1)      /* N pairs over a map below them (KeyError) */      \
  X(CALL, 2)            /* F, N */                                          \
  X(TCALL, 3)           /* F, N, N current arity */                         \
  X(TCALL_SELF, 2)      /* F (own entry), N arity: a named function's tail  \
                           call to itself; the frame stays as it is */     \
  X(CALL_BIF, 2)        /* B, N */                                          \
  X(TCALL_BIF, 3)       /* B, N, N current arity */                         \
  X(CALL_DYN, 2)        /* K name, N: module below the args */             \
  X(TCALL_DYN, 3)       /* K name, N, N current arity */                   \
  X(CALL_UNDEF, 3)      /* K module, K name, N: raise UndefinedFunctionError */ \
  X(APPLY, 1)           /* N: fun on top of its args */                     \
  X(TAPPLY, 2)          /* N, N current arity */                            \
  X(APPLY_LIST, 0)      /* fun, list */                                     \
  X(APPLY_MFA, 0)       /* mod, name, list */                               \
  X(RET, 1)             /* N current arity */                               \
  X(RET_S, 2)           /* S, N current arity: return the slot's value */  \
  X(RET_K, 2)           /* K, N current arity: return a constant */        \
  X(MAKE_FUN, 2)        /* N fundef index, N nfree (env values on stack) */ \
  X(CONCAT, 0)          /* <> */                                            \
  X(INTERP, 1)          /* N parts -> binary */                             \
  X(INTERP_CL, 1)       /* N parts -> charlist */                           \
  X(APPEND, 0) X(SUBTRACT, 0)                                               \
  X(IN, 0) X(RANGE, 0) X(RANGE_STEP, 0)                                     \
  X(FIELD, 1)           /* K key: map.key */                                \
  X(RAISE, 1)           /* N class (0 error, 1 exit, 2 throw): pop reason */ \
  X(RAISE_EXC, 1)       /* N form (0: raise x, 1: raise mod, msg_or_kw) */  \
  X(ERR_MATCH, 1)       /* S */                                             \
  X(ERR_CASE, 1)        /* S */                                             \
  X(ERR_COND, 0)                                                            \
  X(ERR_FCLAUSE, 1)     /* N fundef index */                                \
  X(SELF, 0) X(SEND, 0)                                                     \
  X(GUARD, 1)           /* L: while in the guard, an exception jumps there */ \
  X(GUARD_END, 0)                                                           \
  X(T_IMM, 3)           /* S, K, L: jump unless slot == const word */       \
  X(T_LIT, 3)           /* S, K, L: jump unless slot === const */          \
  X(T_SAME, 3)          /* S, S, L: jump unless slots === */                \
  X(T_PIN, 3)           /* S, S, L: jump unless slots === (pinned) */      \
  X(T_TUPLE, 3)         /* S, N, L */                                       \
  X(T_CONS, 2)          /* S, L */                                          \
  X(T_NIL, 2)           /* S, L */                                          \
  X(T_MAP, 2)           /* S, L */                                          \
  X(GET_ELEM, 3)        /* S, N, S dst */                                   \
  X(GET_LIST, 3)        /* S, S hd, S tl */                                 \
  X(MAP_GET, 4)         /* S, K key, S dst, L */                            \
  X(MAP_GET_S, 4)       /* S, S key, S dst, L */                            \
  X(T_PREFIX, 4)        /* S, K prefix, S dst rest, L */                    \
  X(RECV_START, 3)      /* S marker (0: none), S timeout (0: none), S deadline */ \
  X(RECV_PEEK, 2)       /* S dst, L when no message */                      \
  X(RECV_TAKE, 1)       /* N clause */                                      \
  X(RECV_SKIP, 1)       /* L back to the peek */                            \
  X(RECV_WAIT, 3)       /* S deadline, L peek, L after (0: none) */         \
  X(TYPE, 1)            /* N type test (enum vm_type) */                    \
  X(NODE, 0)

enum vm_opcode {
#define X(name, n) OP_##name,
  VM_OPS(X)
#undef X
  OP_COUNT
};

/* Type tests of OP_TYPE. */
enum vm_type {
  TY_ATOM, TY_BINARY, TY_BOOLEAN, TY_FLOAT, TY_FUNCTION, TY_INTEGER, TY_LIST,
  TY_MAP, TY_NIL, TY_NUMBER, TY_PID, TY_REFERENCE, TY_TUPLE
};

/* Frame header words above the locals. */
#define FRAME_HDR 4

#endif
