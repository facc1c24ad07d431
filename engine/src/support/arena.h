/* arena.h: the bump allocator that owns everything inside a compiled policy,
 * so a policy is released with one call and evaluation never allocates.
 * Compiling allocates a few times per element, so the common case (room in
 * the current block) is inline; arena.c handles new blocks. */
#ifndef CAMSIM_ARENA_H
#define CAMSIM_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "asan.h"
#include "fault.h" /* camsim_fault_point: every arena allocation can be made to fail */

typedef struct camsim_arena_block camsim_arena_block;

typedef struct camsim_arena {
    camsim_arena_block *head;
    uintptr_t cursor, limit; /* free bytes of head (0, 0 before the first block) */
    size_t total;            /* bytes reserved across blocks (what the policy costs in memory) */
    size_t next_size;        /* size of the next block (the first one follows the size hint) */
    camsim_arena_block *borrowed; /* the caller's first block, never freed here */
} camsim_arena;

/* Larger requests get a block of their own (arena.c). */
enum { CAMSIM_ARENA_ALIGN = 8, CAMSIM_ARENA_LARGE = 4 * 1024 };

/* AddressSanitizer builds: a block's bytes stay poisoned until an
 * allocation hands them out, and allocations lie at least CAMSIM_ARENA_REDZONE bytes
 * apart, so reading or writing past the end of one (into the next, or into
 * the block's free space) is a report, as it is between two mallocs. Other
 * builds pack allocations. */
#ifdef CAMSIM_ASAN
enum { CAMSIM_ARENA_REDZONE = 16 };
#else
enum { CAMSIM_ARENA_REDZONE = 0 };
#endif

/** Start empty; the first block is at least size_hint bytes (0: a small default). */
void camsim_arena_init(camsim_arena *arena, size_t size_hint);
/** Start with the caller's buffer (8-byte aligned, size bytes, at least 64) as
 * the first block: a short-lived arena then needs no memory of its own. The
 * buffer must outlive the arena; later blocks come from the block cache. */
void camsim_arena_init_with(camsim_arena *arena, void *buffer, size_t size);
/** The slow paths of the two functions below (a new block); same contracts. */
void *camsim_arena_alloc_block(camsim_arena *arena, size_t n);
char *camsim_arena_strndup_block(camsim_arena *arena, const char *s, size_t n);
/** Release every block. */
void camsim_arena_free(camsim_arena *arena);

/** Allocate n zeroed bytes aligned for pointers and 64-bit values; NULL
 * when memory runs out. */
static inline void *camsim_arena_alloc(camsim_arena *arena, size_t n)
{
    if (camsim_fault_point())
        return NULL;
    const uintptr_t mask = CAMSIM_ARENA_ALIGN - 1;
    uintptr_t at = (arena->cursor + mask) & ~mask;
    size_t need = ((n ? n : 1) + CAMSIM_ARENA_REDZONE + mask) & ~(size_t)mask;
    if (n > CAMSIM_ARENA_LARGE || at > arena->limit || arena->limit - at < need)
        return camsim_arena_alloc_block(arena, n);
    arena->cursor = at + need;
    CAMSIM_ASAN_UNPOISON((void *)at, n);
    return memset((void *)at, 0, n);
}

/** Copy n bytes and add a NUL (byte-aligned, not zeroed first); NULL when memory runs out. */
static inline char *camsim_arena_strndup(camsim_arena *arena, const char *s, size_t n)
{
    if (camsim_fault_point())
        return NULL;
    if (n >= CAMSIM_ARENA_LARGE || arena->limit - arena->cursor < n + 1 + CAMSIM_ARENA_REDZONE)
        return camsim_arena_strndup_block(arena, s, n);
    char *p = (char *)arena->cursor;
    arena->cursor += n + 1 + CAMSIM_ARENA_REDZONE;
    CAMSIM_ASAN_UNPOISON(p, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

#endif
