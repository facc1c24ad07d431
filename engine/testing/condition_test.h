/* condition_test.h: evaluate one condition operator in isolation. Used by the
 * condition fuzz target and unit tests; the evaluator uses the compiled form. */
#ifndef CAMSIM_CONDITION_TEST_H
#define CAMSIM_CONDITION_TEST_H

#include <stddef.h>

#include "camsim/camsim.h"

/**
 * Compile `{"<op>": {"<key>": [policy_values...]}}` (values as JSON strings)
 * and test it against a request where <key> has the given values
 * (request_count 0 means the key is absent).
 *
 * @return 1 true, 0 false, -1 error (err filled: invalid operator or value at
 *         load time, or a request value the operator cannot read).
 */
int camsim_condition_test(const char *op, const char *key, const char *const *policy_values,
                          size_t policy_count, const char *const *request_values,
                          size_t request_count, camsim_error *err);

#endif
