/*
 * sys.h -- the little the runtime needs from the platform: mutexes,
 * condition variables, threads, a monotonic clock, the number of cores.
 *
 * With BEAMLET_THREADS == 0 (wasm-single, wasi) there is exactly one thread:
 * locks compile to nothing, and creating a thread is an error the caller
 * never makes (the runtime runs one scheduler through beamlet_run_slice).
 */
#ifndef BEAMLET_SYS_H
#define BEAMLET_SYS_H

#include <stdint.h>
#include <stdbool.h>

#ifndef BEAMLET_THREADS
#define BEAMLET_THREADS 1
#endif

#if BEAMLET_THREADS
#include <pthread.h>
typedef pthread_mutex_t sys_mutex;
typedef pthread_cond_t sys_cond;
typedef pthread_t sys_thread;
static inline void sys_mutex_init(sys_mutex *m) { pthread_mutex_init(m, NULL); }
static inline void sys_mutex_destroy(sys_mutex *m) { pthread_mutex_destroy(m); }
static inline void sys_mutex_lock(sys_mutex *m) { pthread_mutex_lock(m); }
static inline void sys_mutex_unlock(sys_mutex *m) { pthread_mutex_unlock(m); }
static inline void sys_cond_init(sys_cond *c) { pthread_cond_init(c, NULL); }
static inline void sys_cond_destroy(sys_cond *c) { pthread_cond_destroy(c); }
static inline void sys_cond_wait(sys_cond *c, sys_mutex *m) { pthread_cond_wait(c, m); }
static inline void sys_cond_signal(sys_cond *c) { pthread_cond_signal(c); }
static inline void sys_cond_broadcast(sys_cond *c) { pthread_cond_broadcast(c); }
/* Wait until the monotonic time reaches deadline_ns (or a signal). */
void sys_cond_wait_until(sys_cond *c, sys_mutex *m, int64_t deadline_ns);
bool sys_thread_start(sys_thread *t, void *(*fn)(void *), void *arg);
static inline void sys_thread_join(sys_thread t) { pthread_join(t, NULL); }
#else
typedef struct { int unused; } sys_mutex;
typedef struct { int unused; } sys_cond;
typedef int sys_thread;
static inline void sys_mutex_init(sys_mutex *m) { (void)m; }
static inline void sys_mutex_destroy(sys_mutex *m) { (void)m; }
static inline void sys_mutex_lock(sys_mutex *m) { (void)m; }
static inline void sys_mutex_unlock(sys_mutex *m) { (void)m; }
static inline void sys_cond_init(sys_cond *c) { (void)c; }
static inline void sys_cond_destroy(sys_cond *c) { (void)c; }
static inline void sys_cond_signal(sys_cond *c) { (void)c; }
static inline void sys_cond_broadcast(sys_cond *c) { (void)c; }
#endif

/* Monotonic clock in nanoseconds; wall clock in nanoseconds since 1970. */
int64_t sys_monotonic_ns(void);
int64_t sys_wall_ns(void);
/* Sleep the calling thread. */
void sys_sleep_ns(int64_t ns);
/* Number of online cores (1 without threads). */
int sys_cpu_count(void);

#endif
