/* variables.h: policy variables ${uin}, ${owner_uin}, ${app_id}
 * (docs/semantics.md, section 3). */
#ifndef CAMSIM_VARIABLES_H
#define CAMSIM_VARIABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "resource.h"

/** True when text contains one of the three known variables. */
bool camsim_has_vars(const char *text, size_t len);

/**
 * Copy text into buf with the known variables replaced from vars. Other
 * "${...}" text stays literal.
 * When the result is a glob (resources, string_like), a substituted value
 * containing `*` is refused: request data must never widen a pattern.
 * @return 1 with *out_len set; 0 when a variable the text uses is not
 *         supplied (the pattern then matches nothing); -1 when the result
 *         does not fit in cap bytes; -2 when for_glob and a value has `*`.
 */
int camsim_expand_vars(const char *text, size_t len, const camsim_resource_vars *vars,
                       bool for_glob, char *buf, size_t cap, size_t *out_len);

#endif
