/* arena_overflow.c: under AddressSanitizer, reading one byte past an arena
 * allocation is reported, as it is past a malloc'd object: the arena keeps
 * a red zone after each allocation and the unused rest of a block poisoned
 * (arena.h). ctest passes this test when the report appears (asan preset
 * only). */
#include <stdio.h>

#include "arena.h"

int main(void)
{
    camsim_arena a;
    camsim_arena_init(&a, 0);
    char *first = camsim_arena_alloc(&a, 10);
    char *second = camsim_arena_alloc(&a, 10);
    if (!first || !second)
        return 1;
    /* One byte past the first allocation, still inside the arena's block. */
    volatile char *past = first + 10;
    printf("byte past an arena allocation: %d (the read was not reported)\n", *past);
    camsim_arena_free(&a);
    return 0;
}
