/* values.h: representative request values for the ordered condition
 * families (docs/diff.md, "Condition values").
 *
 * For a list of policy values, every region of the value domain that the
 * operators of one family can tell apart contains one of the values
 * returned here: numbers c, c - e and c + e with e one unit below the
 * finest decimal place of any listed value (exact decimal text, never a
 * double); dates c and c +/- 1 second; for IP networks the first and last
 * address of each network and the addresses just outside it, plus the
 * lowest address of each family; "true" and "false". Each list also holds
 * "x", which no typed family reads: the engine rejects it, and the
 * analyzer must see that behaviour too. */
#ifndef CAMSIM_DIFF_VALUES_H
#define CAMSIM_DIFF_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "condition.h"

/** A growable list of malloc'd strings. */
typedef struct diff_strlist {
    char **items;
    size_t count, cap;
    bool failed; /* an allocation failed */
} diff_strlist;

void diff_strlist_add(diff_strlist *l, const char *s);
void diff_strlist_take(diff_strlist *l, char *s); /* takes ownership (NULL marks failure) */
void diff_strlist_free(diff_strlist *l);

/**
 * Add representatives for the values of conditions[0..n) (all of family
 * fam). Returns false when a value is beyond what the analyzer handles
 * exactly (a decimal exponent over 300, a date whose neighbours fall
 * outside years 0000-9999): the caller then answers "unknown".
 */
bool diff_typed_reps(camsim_op_family fam, const camsim_condition *const *conds, size_t n,
                     diff_strlist *out);

#endif
