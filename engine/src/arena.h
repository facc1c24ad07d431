/* arena.h: the bump allocator that owns everything inside a compiled policy,
 * so a policy is released with one call and evaluation never allocates. */
#ifndef CAMSIM_ARENA_H
#define CAMSIM_ARENA_H

#include <stddef.h>

typedef struct camsim_arena_block camsim_arena_block;

typedef struct camsim_arena {
    camsim_arena_block *head;
    size_t used;      /* bytes used in head */
    size_t total;     /* bytes reserved across blocks (what the policy costs in memory) */
    size_t next_size; /* size of the next block (the first one follows the size hint) */
    camsim_arena_block *borrowed; /* the caller's first block, never freed here */
} camsim_arena;

/** Start empty; the first block is at least size_hint bytes (0: a small default). */
void camsim_arena_init(camsim_arena *arena, size_t size_hint);
/** Start with the caller's buffer (8-byte aligned, size bytes, at least 64) as
 * the first block: a short-lived arena then needs no memory of its own. The
 * buffer must outlive the arena; later blocks come from the block cache. */
void camsim_arena_init_with(camsim_arena *arena, void *buffer, size_t size);
/** Allocate n zeroed bytes aligned for pointers and 64-bit values; NULL when memory runs out. */
void *camsim_arena_alloc(camsim_arena *arena, size_t n);
/** Copy n bytes and add a NUL (byte-aligned, not zeroed first); NULL when memory runs out. */
char *camsim_arena_strndup(camsim_arena *arena, const char *s, size_t n);
/** Release every block. */
void camsim_arena_free(camsim_arena *arena);

#endif
