/* leak_after_cache.c: a leak of a block that went through the block cache is
 * still reported by LeakSanitizer (asan preset only).
 *
 * An arena with two blocks is freed: the newer block links to the older one
 * through its first word, the one word of a cached block that stays
 * addressable (so LeakSanitizer can follow the cache's lists). The older
 * block is then taken from the cache and leaked. Had the cache kept the
 * arena's stale link in the newer block, the leaked block would look
 * reachable from the cache and go unreported. ctest passes this test when
 * the 4 KiB leak is reported; it runs with use_stacks=0 and use_registers=0
 * so that a stale copy of the pointer on the stack cannot hide it either. */
#include <stdio.h>

#include "arena.h"
#include "block_cache.h"

__attribute__((noinline)) static void leak_block(void)
{
    size_t n = 4000;
    void *b = camsim_block_get(&n, false); /* the arena's first block, from the cache */
    printf("leaking the %zu-byte block %p\n", n, b);
}

int main(void)
{
    camsim_arena a;
    camsim_arena_init(&a, 0);
    if (!camsim_arena_alloc(&a, 3000) || !camsim_arena_alloc(&a, 3000)) /* two blocks */
        return 1;
    camsim_arena_free(&a); /* both cached */
    leak_block();
    return 0;
}
