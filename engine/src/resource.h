/* resource.h: six-segment resource descriptions (docs/semantics.md, section 3). */
#ifndef CAMSIM_RESOURCE_H
#define CAMSIM_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "camsim/camsim.h"

enum { CAMSIM_SEG_QCS, CAMSIM_SEG_PROJECT, CAMSIM_SEG_SERVICE, CAMSIM_SEG_REGION,
       CAMSIM_SEG_ACCOUNT, CAMSIM_SEG_RESOURCE, CAMSIM_SEGMENTS };

/** A resource split into its six segments; the pointers borrow the text. */
typedef struct camsim_resource_view {
    const char *seg[CAMSIM_SEGMENTS];
    size_t len[CAMSIM_SEGMENTS];
} camsim_resource_view;

/**
 * Split text into six segments on the first five ':'. Requires the first
 * segment to be "qcs" and the second to be empty. Returns false (and fills
 * err without a path) when the text is not a six-segment description.
 */
bool camsim_resource_split(const char *text, size_t len, camsim_resource_view *out,
                           camsim_error *err);

/** Values that policy variables and owner binding read from the request. */
typedef struct camsim_resource_vars {
    const char *uin;        /**< ${uin}: context qcs:uin, or NULL */
    const char *owner_uin;  /**< ${owner_uin} and owner binding, or NULL */
    const char *app_id;     /**< ${app_id}: context qcs:app_id, or NULL */
} camsim_resource_vars;

/**
 * Does a policy resource pattern (as written: "*" or six segments) match a
 * request resource? Owner binding and policy variables are applied from
 * vars. Returns 1 for a match, 0 for no match, -1 when the pattern or the
 * resource is invalid (err filled).
 */
int camsim_resource_matches(const char *pattern, const char *resource,
                            const camsim_resource_vars *vars, camsim_error *err);

#endif
