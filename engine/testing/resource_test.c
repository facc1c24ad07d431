/* resource_test.c: one resource pattern against one resource, through the
 * same compiler and matcher the engine uses. */
#include "resource_test.h"

#include <string.h>

int camsim_resource_matches(const char *pattern, const char *resource,
                            const camsim_resource_vars *vars, camsim_error *err)
{
    camsim_resource_pattern p;
    camsim_request_resource r;
    if (!camsim_resource_compile(pattern, strlen(pattern), &p, err) ||
        !camsim_request_resource_prepare(resource, strlen(resource),
                                         vars ? vars->owner_uin : NULL, &r, err))
        return -1;
    /* As in evaluation: ${owner_uin} defaults to the owner taken from the resource. */
    camsim_resource_vars local = {0};
    if (vars)
        local = *vars;
    char owner[CAMSIM_MAX_UIN_BYTES + 1];
    if (!local.owner_uin && r.owner && r.owner_len <= CAMSIM_MAX_UIN_BYTES) {
        memcpy(owner, r.owner, r.owner_len);
        owner[r.owner_len] = '\0';
        local.owner_uin = owner;
    }
    return camsim_resource_pattern_match(&p, &r, &local, err);
}

