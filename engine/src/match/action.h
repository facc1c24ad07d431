/* action.h: action names and patterns (docs/semantics.md, section 2). */
#ifndef CAMSIM_ACTION_H
#define CAMSIM_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "camsim/camsim.h"
#include "camsim_tools.h" /* camsim_action_strip_prefix, camsim_action_matches */

/** What camsim_action_lower saw on the way. */
typedef struct camsim_action_shape {
    size_t colons;      /**< ':' bytes: 0, 1, or 2 for two or more */
    size_t first_colon; /**< index of the first ':' (when colons > 0) */
    bool star;          /**< some byte is '*' */
} camsim_action_shape;

/**
 * ASCII-lowercase n bytes of src into dst (n bytes, not NUL-terminated;
 * the buffers must not overlap) and describe them in *shape. Eight bytes at
 * a time: it runs on every request's action.
 */
void camsim_action_lower(const char *src, size_t n, char *dst, camsim_action_shape *shape);

/**
 * Check that a policy action pattern is well formed: "*", or
 * "service:name" with non-empty sides (either may use `*`), after the
 * optional "name/" prefix. Returns true when valid; otherwise fills err
 * (without a path) with what is wrong.
 */
bool camsim_action_pattern_valid(const char *pattern, size_t len, camsim_error *err);

#endif
