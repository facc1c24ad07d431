#include "arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdlib.h>

#include "block_cache.h"

struct camsim_arena_block {
    camsim_arena_block *next;
    size_t size;
    alignas(8) unsigned char data[];
};

/* Eight bytes is the strictest alignment the compiled form needs (pointers,
 * uint64_t, int64_t, double); max_align_t's 16 would waste memory on the
 * many small allocations a large policy makes. Blocks come from the block
 * cache, so the next policy reuses them instead of faulting fresh pages in
 * (block_cache.h); a small policy's first block is only as large as its
 * document. */
enum { ARENA_MIN_BLOCK = 4 * 1024, ARENA_BLOCK = 16 * 1024 };

void camsim_arena_init(camsim_arena *arena, size_t size_hint)
{
    arena->head = NULL;
    arena->cursor = arena->limit = 0;
    arena->total = 0;
    arena->borrowed = NULL;
    arena->next_size = size_hint < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK
                       : size_hint > ARENA_BLOCK  ? ARENA_BLOCK
                                                  : size_hint;
}

void camsim_arena_init_with(camsim_arena *arena, void *buffer, size_t size)
{
    camsim_arena_init(arena, 0);
    camsim_arena_block *b = buffer;
    b->next = NULL;
    b->size = size - sizeof *b;
    CAMSIM_ASAN_POISON(b->data, b->size); /* until handed out (arena.h); camsim_arena_free unpoisons */
    arena->head = arena->borrowed = b;
    arena->cursor = (uintptr_t)b->data;
    arena->limit = arena->cursor + b->size;
}

/* A block from the cache with room for n bytes of data (zeroed or not). */
static camsim_arena_block *new_block(camsim_arena *arena, size_t n, bool zeroed)
{
    size_t size = sizeof(camsim_arena_block) + n;
    camsim_arena_block *b = camsim_block_get(&size, zeroed);
    if (!b)
        return NULL;
    b->size = size - sizeof *b;
    arena->total += size;
    CAMSIM_ASAN_POISON(b->data, b->size); /* until handed out (arena.h) */
    return b;
}

/* A block of its own for a large allocation, linked behind head so that
 * head keeps serving the small ones. */
static unsigned char *dedicated(camsim_arena *arena, size_t n)
{
    if (n > SIZE_MAX / 4)
        return NULL;
    camsim_arena_block *b = new_block(arena, n, true);
    if (!b)
        return NULL;
    if (arena->head) {
        b->next = arena->head->next;
        arena->head->next = b;
    } else {
        b->next = NULL;
        arena->head = b; /* full: the next small allocation starts a block */
    }
    return b->data;
}

/* Make head a fresh block with room for n bytes, and take them (and the
 * red zone after them, as far as the block reaches). */
static unsigned char *take_from_new_block(camsim_arena *arena, size_t n)
{
    size_t room = arena->next_size - sizeof(camsim_arena_block);
    camsim_arena_block *b = new_block(arena, room < n ? n : room, false);
    if (!b)
        return NULL;
    b->next = arena->head;
    arena->head = b;
    arena->next_size = ARENA_BLOCK;
    arena->limit = (uintptr_t)b->data + b->size;
    uintptr_t end = (uintptr_t)b->data + n, left = arena->limit - end;
    arena->cursor = end + (left > CAMSIM_ARENA_REDZONE ? CAMSIM_ARENA_REDZONE : left);
    CAMSIM_ASAN_UNPOISON(b->data, n);
    return b->data;
}

void *camsim_arena_alloc_block(camsim_arena *arena, size_t n)
{
    size_t need = ((n ? n : 1) + CAMSIM_ARENA_ALIGN - 1) & ~(size_t)(CAMSIM_ARENA_ALIGN - 1);
    if (n > CAMSIM_ARENA_LARGE) {
        unsigned char *p = dedicated(arena, need); /* zeroed by the cache */
        if (p)
            CAMSIM_ASAN_UNPOISON(p, n);
        return p;
    }
    unsigned char *p = take_from_new_block(arena, n ? n : 1);
    if (p)
        memset(p, 0, n);
    return p;
}

char *camsim_arena_strndup_block(camsim_arena *arena, const char *s, size_t n)
{
    char *p;
    if (n >= CAMSIM_ARENA_LARGE) {
        p = (char *)dedicated(arena, n + 1);
        if (p)
            CAMSIM_ASAN_UNPOISON(p, n + 1);
    } else {
        p = (char *)take_from_new_block(arena, n + 1);
    }
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void camsim_arena_free(camsim_arena *arena)
{
    camsim_arena_block *b = arena->head;
    while (b) {
        camsim_arena_block *next = b->next;
        if (b != arena->borrowed)
            camsim_block_put(b, sizeof *b + b->size);
        else
            CAMSIM_ASAN_UNPOISON(b->data, b->size); /* the caller's buffer, often on its stack */
        b = next;
    }
    camsim_arena_init(arena, 0);
}
