/* identity.h: statement identity. Two statements with the same identity
 * (effect, actions, resources, the document's and the statement's
 * principal, conditions, all as compiled) apply to exactly the same
 * requests, so an allow in both sets, or a deny in both, cancels out of
 * the question (docs/diff.md, "Method"). Identity is textual: statements
 * that differ only in list order are merely not cancelled, which costs
 * time, never soundness. */
#ifndef CAMSIM_DIFF_IDENTITY_H
#define CAMSIM_DIFF_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy_internal.h"

typedef struct diff_identity diff_identity;

diff_identity *diff_identity_new(void);
void diff_identity_free(diff_identity *t);

/** The class id of a statement of document pol; UINT32_MAX when memory ran out. */
uint32_t diff_identity_of(diff_identity *t, const camsim_policy *pol, const camsim_statement *st);

#endif
