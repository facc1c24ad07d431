#include "block_cache.h"

#include "camsim/camsim.h"

#define CAMSIM_FAULT_DEFINE
#include "fault.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fault-injection builds (fault.h) allocate every block afresh, so that
 * "the N-th allocation" names the same one on every run. */
#if CAMSIM_FAULT_INJECTION
#define CACHE_ENABLED 0
#elif defined(__SANITIZE_ADDRESS__)
#define CACHE_ENABLED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CACHE_ENABLED 0
#endif
#endif
#ifndef CACHE_ENABLED
#define CACHE_ENABLED 1
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
    if (!CACHE_ENABLED || k >= CLASS_COUNT)
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
    void *b = pop(k);
    if (b) {
        if (zeroed)
            memset(b, 0, real);
    } else {
        /* calloc: fresh pages come zeroed, so they are not written twice. */
        b = zeroed ? camsim_fault_calloc(1, real) : camsim_fault_malloc(real);
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
    if (CACHE_ENABLED && k < QUICK_CLASSES && class_size(k) == size) {
        idle_block *empty = NULL;
        if (atomic_compare_exchange_strong_explicit(&quick[k], &empty, (idle_block *)block,
                                                    memory_order_release, memory_order_relaxed))
            return;
    }
    if (CACHE_ENABLED && k < CLASS_COUNT && class_size(k) == size) {
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
    }
    free(block);
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
        free(atomic_exchange_explicit(&quick[k], NULL, memory_order_acquire));
    for (unsigned k = 0; k < CLASS_COUNT; k++)
        while (lists[k]) {
            idle_block *next = lists[k]->next;
            free(lists[k]);
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
