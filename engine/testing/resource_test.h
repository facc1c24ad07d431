/* resource_test.h: match one resource pattern in isolation. Used by the
 * resource_match fuzz target, unit tests and the match/resource benchmarks;
 * evaluation compiles patterns once and matches prepared requests instead. */
#ifndef CAMSIM_RESOURCE_TEST_H
#define CAMSIM_RESOURCE_TEST_H

#include "camsim/camsim.h"
#include "resource.h"

/**
 * Does a policy resource pattern (as written: "*" or six segments) match a
 * request resource? Owner binding and policy variables are applied from
 * vars. Returns 1 for a match, 0 for no match, -1 when the pattern or the
 * resource is invalid (err filled).
 */
int camsim_resource_matches(const char *pattern, const char *resource,
                            const camsim_resource_vars *vars, camsim_error *err);

#endif
