/* alloc.c: the diff analyzer's allocations (alloc.h). */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "fault.h"
#include "plant.h"

static _Thread_local bool failed;

/* Remember a failure. The wrappers below ask for at least one byte, so that
 * NULL always means failure, never an empty block. */
static void *checked(void *p)
{
    if (!p)
        failed = true;
    return p;
}

void *diff_malloc(size_t n)
{
    return checked(camsim_fault_malloc(n ? n : 1));
}

void *diff_calloc(size_t count, size_t n)
{
    return checked(camsim_fault_calloc(count ? count : 1, n ? n : 1));
}

void *diff_realloc(void *p, size_t n)
{
    return checked(camsim_fault_realloc(p, n ? n : 1));
}

char *diff_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = diff_malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

void diff_alloc_reset(void)
{
    failed = false;
}

bool diff_alloc_failed(void)
{
    return failed && !CAMSIM_DIFF_PLANTED(4);
}
