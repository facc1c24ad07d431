#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct camsim_arena_block {
    camsim_arena_block *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_MIN_BLOCK = 16 * 1024 };

void camsim_arena_init(camsim_arena *arena)
{
    arena->head = NULL;
    arena->used = 0;
    arena->total = 0;
}

void *camsim_arena_alloc(camsim_arena *arena, size_t n)
{
    const size_t align = alignof(max_align_t);
    if (n > SIZE_MAX / 2)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    if (!arena->head || arena->head->size - arena->used < n) {
        /* Grow geometrically so a large policy needs few blocks. */
        size_t size = arena->total < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK : arena->total;
        if (size < n)
            size = n;
        camsim_arena_block *b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = arena->head;
        b->size = size;
        arena->head = b;
        arena->used = 0;
        arena->total += size;
    }
    void *p = arena->head->data + arena->used;
    arena->used += n;
    memset(p, 0, n);
    return p;
}

char *camsim_arena_strndup(camsim_arena *arena, const char *s, size_t n)
{
    char *p = camsim_arena_alloc(arena, n + 1);
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
        free(b);
        b = next;
    }
    camsim_arena_init(arena);
}
