#include "block_cache.h"

#include "asan.h"

#include "camsim/camsim.h"

#define CAMSIM_FAULT_DEFINE
#include "fault.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The cache is on in every build. Sanitizer builds keep it too, so that the
 * code the fuzz targets and tests run is the code a release runs; what a
 * plain free() would have told the sanitizer is told by hand instead:
 *
 * AddressSanitizer: a block is poisoned when it enters the cache (all but
 * its first word, the link to the next idle block) and unpoisoned when it
 * leaves, so a use after free of a policy is reported (as use-after-poison)
 * instead of reading a recycled block. The link stays addressable because
 * LeakSanitizer skips poisoned words: a poisoned link would make every block
 * behind it in a list look leaked. Skipping poisoned words is also what
 * keeps real leaks visible: the stale pointers a cached block still holds
 * are not followed, so they cannot make a leaked object look reachable.
 *
 * Blocks still cached at exit are reachable from the static lists and slots
 * below, so LeakSanitizer counts them as reachable, not leaked; that is why
 * the cache is not released at exit (no atexit handler or destructor): it
 * would gain nothing for leak checking, a thread still freeing policies at
 * exit would refill the cache behind it anyway, and a shared library that
 * is dlclose'd must not leave a handler behind. Real leaks stay visible: a leaked policy's blocks never reach the
 * cache, and the one addressable word of a cached block is either the link
 * to another cached block or NULL, never a stale pointer to a block that has
 * left the cache (tests/unit/leak_after_cache.c). One difference remains: a
 * leaked block the cache recycled is reported with the stack of its first
 * malloc, which may be an earlier policy's compile.
 *
 * MemorySanitizer: a block that enters the cache, and one handed out again
 * not zeroed, is marked uninitialized, as malloc's would be; the arena zeroes
 * or writes every byte it hands out (arena.c), so a read of stale bytes is
 * reported rather than passing on an earlier policy's data. */
#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define CACHE_MSAN 1
#endif
#endif

#ifdef CACHE_MSAN
#include <sanitizer/msan_interface.h>
#define CACHE_UNINIT(p, n) __msan_poison((p), (n))
#else
#define CACHE_UNINIT(p, n) ((void)(p), (void)(n))
#endif

/* Fault-injection builds (fault.h) count every block handed out, from the
 * cache or from malloc alike, so that "the N-th allocation" names the same
 * one whatever the cache held when the run started. */
#if CAMSIM_FAULT_INJECTION
#define FAULT_NOW() camsim_fault_now()
#else
#define FAULT_NOW() false
#endif

/* Class k holds blocks of 4 KiB << k/2, times 1.5 when k is odd: a request
 * is rounded up by at most a third. */
enum { CLASS_COUNT = 27, SMALLEST = 4096 };

static size_t class_size(unsigned k)
{
    size_t base = (size_t)SMALLEST << (k / 2);
    return k % 2 ? base + base / 2 : base;
}

/* The smallest class that holds n bytes, or CLASS_COUNT when none does. */
static unsigned class_of(size_t n)
{
    if (n <= SMALLEST)
        return 0;
    /* 2^(b-1) < n <= 2^b: class 2(b - 12) holds 2^b, the one below 1.5 * 2^(b-1). */
    unsigned b = 64u - (unsigned)__builtin_clzll((unsigned long long)(n - 1));
    unsigned k = 2 * (b - 12);
    if (k > 0 && class_size(k - 1) >= n)
        k--;
    return k < CLASS_COUNT ? k : CLASS_COUNT;
}

/* A cached block links to the next one through its first bytes. */
typedef struct idle_block {
    struct idle_block *next;
} idle_block;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static idle_block *idle[CLASS_COUNT];
static size_t idle_bytes;

/* One block per small class is kept outside the lock: a small policy
 * takes and returns its blocks with one atomic exchange each. These slots
 * hold at most the sum of the small classes (214 KiB) on top of the
 * bound. */
enum { QUICK_CLASSES = 9 }; /* classes up to 64 KiB */
static _Atomic(idle_block *) quick[QUICK_CLASSES];

static idle_block *pop(unsigned k)
{
    if (k >= CLASS_COUNT)
        return NULL;
    if (k < QUICK_CLASSES) {
        idle_block *b = atomic_exchange_explicit(&quick[k], NULL, memory_order_acquire);
        if (b)
            return b;
    }
    pthread_mutex_lock(&lock);
    idle_block *b = idle[k];
    if (b) {
        idle[k] = b->next;
        idle_bytes -= class_size(k);
    }
    pthread_mutex_unlock(&lock);
    return b;
}

void *camsim_block_get(size_t *size, bool zeroed)
{
    if (*size < sizeof(idle_block))
        *size = sizeof(idle_block);
    unsigned k = class_of(*size);
    size_t real = k < CLASS_COUNT ? class_size(k) : *size;
    if (FAULT_NOW())
        return NULL;
    void *b = pop(k);
    if (b) {
        CAMSIM_ASAN_UNPOISON(b, real);
        if (zeroed)
            memset(b, 0, real);
        else
            CACHE_UNINIT(b, real);
    } else {
        /* calloc: fresh pages come zeroed, so they are not written twice. */
        b = zeroed ? calloc(1, real) : malloc(real);
        if (!b)
            return NULL;
    }
    *size = real;
    return b;
}

void camsim_block_put(void *block, size_t size)
{
    if (!block)
        return;
    unsigned k = class_of(size);
    if (k < CLASS_COUNT && class_size(k) == size) {
        /* Poisoned before it is published: once in a slot or list another
         * thread may take it and unpoison it. */
        unsigned char *body = (unsigned char *)block + sizeof(idle_block);
        CACHE_UNINIT(body, size - sizeof(idle_block));
        CAMSIM_ASAN_POISON(body, size - sizeof(idle_block));
        /* The link word stays addressable, so LeakSanitizer reads it: it
         * must hold no stale pointer (the arena's link to its next block)
         * that would make a block a leaked policy took look reachable. */
        ((idle_block *)block)->next = NULL;
        if (k < QUICK_CLASSES) {
            idle_block *empty = NULL;
            if (atomic_compare_exchange_strong_explicit(&quick[k], &empty, (idle_block *)block,
                                                        memory_order_release,
                                                        memory_order_relaxed))
                return;
        }
        pthread_mutex_lock(&lock);
        bool keep = idle_bytes + size <= CAMSIM_BLOCK_CACHE_BYTES;
        if (keep) {
            idle_block *b = block;
            b->next = idle[k];
            idle[k] = b;
            idle_bytes += size;
        }
        pthread_mutex_unlock(&lock);
        if (keep)
            return;
        CAMSIM_ASAN_UNPOISON(block, size);
    }
    free(block);
}

/* Free one cached block of class k (unpoisoned first: it goes back to malloc). */
static void free_idle(idle_block *b, unsigned k)
{
    if (!b)
        return;
    CAMSIM_ASAN_UNPOISON(b, class_size(k));
    free(b);
}

void camsim_block_cache_release(void)
{
    pthread_mutex_lock(&lock);
    idle_block *lists[CLASS_COUNT];
    memcpy(lists, idle, sizeof lists);
    memset(idle, 0, sizeof idle);
    idle_bytes = 0;
    pthread_mutex_unlock(&lock);
    for (unsigned k = 0; k < QUICK_CLASSES; k++)
        free_idle(atomic_exchange_explicit(&quick[k], NULL, memory_order_acquire), k);
    for (unsigned k = 0; k < CLASS_COUNT; k++)
        while (lists[k]) {
            idle_block *next = lists[k]->next;
            free_idle(lists[k], k);
            lists[k] = next;
        }
}

size_t camsim_block_cache_bytes(void)
{
    pthread_mutex_lock(&lock);
    size_t n = idle_bytes;
    pthread_mutex_unlock(&lock);
    for (unsigned k = 0; k < QUICK_CLASSES; k++)
        if (atomic_load_explicit(&quick[k], memory_order_relaxed))
            n += class_size(k);
    return n;
}

void camsim_release_memory(void)
{
    camsim_block_cache_release();
}
