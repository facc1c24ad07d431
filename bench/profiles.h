/* profiles.h: the policy documents the benchmarks evaluate, generated in C.
 *
 * Every profile is a plain JSON string built at startup (no files), so the
 * benchmark binary and the fixed-input driver see byte-identical inputs. */
#ifndef CAMSIM_BENCH_PROFILES_H
#define CAMSIM_BENCH_PROFILES_H

#include <stddef.h>

#include "camsim/camsim.h"

/** Number of named profiles, and their names in a fixed order. */
size_t bench_profile_count(void);
const char *bench_profile_name(size_t i);

/**
 * Generate profile `name` as a policy document (malloc'd, NUL-terminated,
 * *len bytes). Returns NULL when the name is unknown.
 */
char *bench_profile_json(const char *name, size_t *len);

/**
 * Generate the synthetic document with n statements used by stmts_1000,
 * stmts_10000 and scale/statements/N: one grant per application
 * (sdkappid 1400000000+k), with wildcard grants every 10th statement, a
 * TCMPP platform grant every 7th, and a deny every 100th.
 */
char *bench_statements_json(size_t n, size_t *len);

/** One generated and compiled profile. */
typedef struct bench_profile {
    const char *name;
    char *json;
    size_t len;
    camsim_policy *policy;
} bench_profile;

/**
 * Generate and compile profile `name` into *out. On a parse error prints
 * the profile name, the engine's error (code, path, offset, message) and
 * returns nonzero.
 */
int bench_profile_load(const char *name, bench_profile *out);
void bench_profile_release(bench_profile *p);

#endif
