/* requests.c: one authorization request per catalog action (requests.h). */
#include "requests.h"

#include <stdio.h>
#include <string.h>

static const char *const param_names[] = {"uin",        "SdkAppId", "Region",
                                          "PlatformId", "MNPId",    "Platform"};
static const char *const param_values[] = {"100001", "1400000001", "ap-guangzhou",
                                           "plat-1", "mnp-1",      "plat-1"};

static const char *const ip_values[] = {"10.1.2.3"};
static const char *const tag_values[] = {"env&prod", "team&media"};
static const char *const env_values[] = {"prod"};
static const char *const time_values[] = {"2026-06-01T00:00:00Z"};
static const char *const uin_values[] = {"100001"};

static const camsim_context_entry context[] = {
    {"qcs:ip", ip_values, 1},
    {"qcs:resource_tag", tag_values, 2},
    {"qcs:resource_tag/env", env_values, 1},
    {"qcs:current_time", time_values, 1},
    {"qcs:uin", uin_values, 1},
};

const camsim_context_entry *bench_request_context(size_t *count)
{
    *count = sizeof context / sizeof context[0];
    return context;
}

int bench_requests_init(bench_requests *set)
{
    memset(set, 0, sizeof *set);
    size_t n = camsim_catalog_count();
    if (n == 0 || n > BENCH_MAX_ACTIONS) {
        fprintf(stderr, "bench: catalog has %zu actions; expected 1..%d\n", n, BENCH_MAX_ACTIONS);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        bench_request *r = &set->r[i];
        r->info = camsim_catalog_at(i);
        if (r->info == NULL) {
            fprintf(stderr, "bench: camsim_catalog_at(%zu) is NULL (count %zu)\n", i, n);
            return 1;
        }
        snprintf(r->action, sizeof r->action, "%s:%s", r->info->service, r->info->name);
        if (r->info->granularity == CAMSIM_RESOURCE_LEVEL) {
            camsim_error err;
            memset(&err, 0, sizeof err);
            camsim_code c = camsim_render_resource(
                r->info, param_names, param_values, sizeof param_names / sizeof param_names[0],
                r->resource, sizeof r->resource, &err);
            if (c != CAMSIM_OK) {
                fprintf(stderr, "bench: cannot render the resource of %s (template '%s'): %s: %s\n",
                        r->action, r->info->resource_template, camsim_code_name(c), err.message);
                return 1;
            }
        }
        r->req.action = r->action;
        r->req.resource = r->resource[0] ? r->resource : NULL;
        r->req.context = bench_request_context(&r->req.context_count);
    }
    set->count = n;
    return 0;
}
