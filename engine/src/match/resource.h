/* resource.h: six-segment resource descriptions (docs/semantics.md, section 3). */
#ifndef CAMSIM_RESOURCE_H
#define CAMSIM_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "camsim/camsim.h"
#include "camsim_tools.h" /* camsim_resource_view, camsim_resource_split */

/** Values that policy variables and owner binding read from the request. */
typedef struct camsim_resource_vars {
    const char *uin;        /**< ${uin}: context qcs:uin, or NULL */
    const char *owner_uin;  /**< ${owner_uin} and owner binding, or NULL */
    const char *app_id;     /**< ${app_id}: context qcs:app_id, or NULL */
} camsim_resource_vars;

#endif

#ifndef CAMSIM_RESOURCE_COMPILED_H
#define CAMSIM_RESOURCE_COMPILED_H
#include <stdint.h>

/** One glob segment of a compiled pattern: a slice of the pattern's text. */
typedef struct camsim_segment_pattern {
    uint16_t off, len; /**< within camsim_resource_pattern.text (patterns are <= 4096 bytes) */
    bool any;          /**< matches every value (empty or "*" for service and region) */
    bool has_var;      /**< contains ${uin}, ${owner_uin} or ${app_id} */
} camsim_segment_pattern;

/** A compiled policy resource pattern; text is borrowed from the source. */
typedef struct camsim_resource_pattern {
    const char *text;  /**< the whole pattern as written */
    uint32_t len;
    bool any;          /**< the literal "*" */
    bool owner_bound;  /**< account empty or "uin/": the owner's root account */
    camsim_segment_pattern service, region, account, resource;
} camsim_resource_pattern;

/**
 * Compile a policy resource pattern ("*" or six segments, at most
 * CAMSIM_MAX_PATTERN_BYTES). The pattern keeps a pointer to text, which
 * must outlive it. Returns false with err filled
 * (no path) when the pattern is malformed.
 */
bool camsim_resource_compile(const char *text, size_t len, camsim_resource_pattern *out,
                             camsim_error *err);

/** A request resource prepared once per evaluation. */
typedef struct camsim_request_resource {
    camsim_resource_view view;
    const char *owner;  /**< owner uin (request owner_uin, else the resource's uin), or NULL */
    size_t owner_len;
    bool account_is_owner; /**< account is "uin/" with an empty id: the owner's account */
} camsim_request_resource;

/**
 * Prepare a request resource: split and resolve the owner. owner_uin may be
 * NULL. Returns false with err filled when the resource is malformed.
 */
bool camsim_request_resource_prepare(const char *resource, size_t len, const char *owner_uin,
                                     camsim_request_resource *out, camsim_error *err);

/**
 * Match a compiled pattern against a prepared request resource. Returns 1
 * match, 0 no match, -1 when substituting policy variables exceeds
 * CAMSIM_MAX_EXPANDED_BYTES (err filled). Allocates nothing.
 */
int camsim_resource_pattern_match(const camsim_resource_pattern *pattern,
                                  const camsim_request_resource *request,
                                  const camsim_resource_vars *vars, camsim_error *err);
#endif
