/* requests.h: one authorization request per catalog action (81), rendered
 * with fixed parameters, shared by every eval benchmark and the fixed driver.
 *
 * Parameters: uin=100001, SdkAppId=1400000001, Region=ap-guangzhou,
 * PlatformId=plat-1, MNPId=mnp-1, Platform=plat-1. Context (same for every
 * request): qcs:ip=10.1.2.3, qcs:resource_tag=[env&prod, team&media],
 * qcs:resource_tag/env=prod, qcs:current_time=2026-06-01T00:00:00Z,
 * qcs:uin=100001. Operation-level actions carry no resource. */
#ifndef CAMSIM_BENCH_REQUESTS_H
#define CAMSIM_BENCH_REQUESTS_H

#include <stddef.h>

#include "camsim/camsim.h"

#define BENCH_MAX_ACTIONS 128

typedef struct bench_request {
    const camsim_action_info *info;
    char action[128];   /* "service:Name" */
    char resource[256]; /* rendered template, "" for operation level */
    camsim_request req; /* points into this struct and static context */
} bench_request;

typedef struct bench_requests {
    size_t count;
    bench_request r[BENCH_MAX_ACTIONS];
} bench_requests;

/**
 * Fill *set with one request per catalog action (camsim_catalog_at order).
 * Returns 0, or nonzero after printing which action failed to render.
 * The struct must not be moved after this call (req points into it).
 */
int bench_requests_init(bench_requests *set);

/** The context every request carries (static storage). */
const camsim_context_entry *bench_request_context(size_t *count);

#endif
