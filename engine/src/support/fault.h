/* fault.h: allocation-failure injection for fuzz and test builds (the
 * libxml2 habit: make the N-th allocation fail and check that the failure is
 * reported, never swallowed).
 *
 * Built with CAMSIM_FAULT_INJECTION=1 (CMake option CAMSIM_FAULT_INJECTION,
 * ON in fuzz and sanitizer builds), every block the engine takes
 * (camsim_block_get, whether the block cache or malloc serves it) and every
 * call of camsim_fault_malloc/calloc/realloc is counted, and the one camsim_fault_set
 * chose fails. A harness routes cJSON's allocations through the
 * same counter with cJSON_InitHooks (the engine library never calls it: the
 * hooks are process-global). The diff analyzer takes all its memory through
 * these names, by way of diff/alloc.h. Without the option they are plain
 * malloc, calloc and realloc: no cost in a release build.
 *
 * Only the N-th allocation fails; later ones succeed again, so a failure the
 * code ignores shows up as a result that claims success. Not thread-safe in
 * its counting (the counter is one atomic, but "the N-th" means nothing when
 * several threads allocate): arm it in single-threaded code only.
 *
 * block_cache.c defines the functions (CAMSIM_FAULT_DEFINE before including
 * this header). */
#ifndef CAMSIM_FAULT_H
#define CAMSIM_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#ifndef CAMSIM_FAULT_INJECTION
#define CAMSIM_FAULT_INJECTION 0
#endif

#if CAMSIM_FAULT_INJECTION

/** Count allocations from now on; the n-th (1-based) fails. 0: none fails. */
void camsim_fault_set(size_t n);
/** Allocations counted since the last camsim_fault_set (the failed one included). */
size_t camsim_fault_count(void);
/** True when the armed failure has happened since the last camsim_fault_set. */
bool camsim_fault_fired(void);
/** One counted allocation: NULL when it is the armed one. */
void *camsim_fault_malloc(size_t n);
void *camsim_fault_calloc(size_t count, size_t n);
void *camsim_fault_realloc(void *p, size_t n);
/** One counted allocation that takes no memory of its own (an arena
 * allocation served from a block it already has): true when it is the
 * armed one and must fail. Without this, a failure inside a step that
 * happens to fit in the current block (the index tables of a small policy)
 * could never be injected, and a swallowed one never seen. */
bool camsim_fault_point(void);

#ifdef CAMSIM_FAULT_DEFINE
#include <stdatomic.h>

static atomic_size_t camsim_fault_calls, camsim_fault_at;
static atomic_bool camsim_fault_hit;

void camsim_fault_set(size_t n)
{
    atomic_store(&camsim_fault_calls, 0);
    atomic_store(&camsim_fault_hit, false);
    atomic_store(&camsim_fault_at, n);
}

size_t camsim_fault_count(void)
{
    return atomic_load(&camsim_fault_calls);
}

bool camsim_fault_fired(void)
{
    return atomic_load(&camsim_fault_hit);
}

static bool camsim_fault_now(void)
{
    size_t call = atomic_fetch_add(&camsim_fault_calls, 1) + 1;
    if (call != atomic_load(&camsim_fault_at))
        return false;
    atomic_store(&camsim_fault_hit, true);
    return true;
}

void *camsim_fault_malloc(size_t n)
{
    return camsim_fault_now() ? NULL : malloc(n);
}

void *camsim_fault_calloc(size_t count, size_t n)
{
    return camsim_fault_now() ? NULL : calloc(count, n);
}

void *camsim_fault_realloc(void *p, size_t n)
{
    return camsim_fault_now() ? NULL : realloc(p, n);
}

bool camsim_fault_point(void)
{
    return camsim_fault_now();
}
#endif

#else

#define camsim_fault_malloc(n) malloc(n)
#define camsim_fault_calloc(count, n) calloc((count), (n))
#define camsim_fault_realloc(p, n) realloc((p), (n))
#define camsim_fault_point() false

#endif

#endif
