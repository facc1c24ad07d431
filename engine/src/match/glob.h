/* glob.h: the `*`-only wildcard matcher used for actions, resources,
 * principals and string_like (docs/semantics.md, section 3). */
#ifndef CAMSIM_GLOB_H
#define CAMSIM_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Match subject against pattern, where `*` matches any run of bytes
 * (possibly empty) and every other byte is literal. Runs in time linear in
 * plen + slen, without recursion or allocation. Neither string needs to be
 * NUL-terminated.
 *
 * @param fold_case  compare ASCII letters case-insensitively (actions).
 */
bool camsim_glob_match(const char *pattern, size_t plen, const char *subject, size_t slen,
                       bool fold_case);

#endif
