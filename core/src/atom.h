/*
 * atom.h -- the global atom table.
 *
 * Append-only and readable without locks: an atom's index never changes and
 * its entry is published (release) before the index is handed out, so any
 * thread holding an atom term can read its text. Interning takes a lock.
 * Common atoms have fixed indexes (ATOM_OK, ...), interned at start-up in
 * the order of ATOM_LIST.
 */
#ifndef BEAMLET_ATOM_H
#define BEAMLET_ATOM_H

#include "term.h"

#define ATOM_LIST(X)                                                      \
  X(FALSE, "false") X(TRUE, "true") X(NIL, "nil") X(OK, "ok")             \
  X(ERROR, "error") X(EXIT, "exit") X(THROW, "throw") X(NORMAL, "normal") \
  X(KILL, "kill") X(KILLED, "killed") X(NOPROC, "noproc")                 \
  X(UP_EXIT, "EXIT") X(DOWN, "DOWN") X(PROCESS, "process")                \
  X(TRAP_EXIT, "trap_exit") X(BADARG, "badarg") X(BADARITH, "badarith")   \
  X(BADMATCH, "badmatch") X(CASE_CLAUSE, "case_clause")                   \
  X(FUNCTION_CLAUSE, "function_clause") X(BADFUN, "badfun")               \
  X(BADARITY, "badarity") X(UNDEF, "undef") X(SYSTEM_LIMIT, "system_limit") \
  X(UNDEFINED, "undefined") X(INFINITY, "infinity") X(FLUSH, "flush")     \
  X(MESSAGE_QUEUE_LEN, "message_queue_len") X(MESSAGES, "messages")       \
  X(REGISTERED_NAME, "registered_name") X(MEMORY, "memory")               \
  X(REDUCTIONS, "reductions") X(STATUS, "status") X(LINKS, "links")       \
  X(MONITORS, "monitors") X(WAITING, "waiting") X(RUNNING, "running")     \
  X(RUNNABLE, "runnable") X(EXITING, "exiting")                           \
  X(STRUCT, "__struct__") X(EXCEPTION, "__exception__")                   \
  X(MESSAGE, "message") X(KEY, "key") X(TERM, "term")                     \
  X(NONODE, "nonode@nohost") X(TOTAL, "total") X(PROCESSES, "processes") \
  X(PROCESS_COUNT, "process_count") X(SCHEDULERS_ONLINE, "schedulers_online") \
  X(SECOND, "second") X(MILLISECOND, "millisecond")                       \
  X(MICROSECOND, "microsecond") X(NANOSECOND, "nanosecond")               \
  X(NATIVE, "native") X(INFO, "info") X(ERLANG, "erlang")

enum {
#define X(name, text) ATOM_IDX_##name,
  ATOM_LIST(X)
#undef X
  ATOM_IDX_COUNT_FIXED
};

#define X(name, text) static const term ATOM_##name = ((uint64_t)ATOM_IDX_##name << 6) | IMM_ATOM;
ATOM_LIST(X)
#undef X

/* Intern text (any bytes, len <= 255 as in Erlang); returns NONE when the
 * text is too long or the table is full. Thread-safe. */
term atom_intern(const char *text, size_t len);
static inline term atom_from_cstr(const char *s) { return atom_intern(s, strlen(s)); }
/* Lookup without creating; NONE when absent. */
term atom_find(const char *text, size_t len);
/* The text of an atom (not NUL-terminated in general: use atom_len). */
const char *atom_text(term a);
size_t atom_len(term a);
uint32_t atom_count(void);
/* Called once per process lifetime (idempotent, thread-safe). */
void atom_init(void);

static inline term bool_atom(bool b) { return b ? ATOM_TRUE : ATOM_FALSE; }

#endif
