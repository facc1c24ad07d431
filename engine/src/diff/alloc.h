/* alloc.h: every allocation of the diff analyzer.
 *
 * The analyzer handles a failed allocation where it happens, often by
 * giving up on one branch of a search. A branch given up is a request not
 * tried, so a failure handled that way could end as "no new access", an
 * answer that claims a proof. These wrappers therefore also remember the
 * first failure of the current camsim_diff call (per thread, like errno),
 * and camsim_diff answers CAMSIM_E_NOMEM instead of any verdict when one
 * happened, whatever the code in between made of it.
 *
 * In fault-injection builds (support/fault.h) each call is counted and can
 * be the one that fails, so tests can fail each allocation of a diff in
 * turn (tests/diff/run_diff_cases.c). */
#ifndef CAMSIM_DIFF_ALLOC_H
#define CAMSIM_DIFF_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *diff_malloc(size_t n);
void *diff_calloc(size_t count, size_t n);
void *diff_realloc(void *p, size_t n);
/* A copy of s (strdup is POSIX, not C11). */
char *diff_strdup(const char *s);

/* Forget earlier failures: the start of a camsim_diff call. */
void diff_alloc_reset(void);
/* Has an allocation failed on this thread since the last reset? */
bool diff_alloc_failed(void);

#endif
