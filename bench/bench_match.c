/* bench_match.c: the matchers alone.
 *
 * match/action/<case>     camsim_action_matches(pattern, action): the matcher
 *                         lint runs per catalog action; decisions use the
 *                         compiled index instead (docs/benchmarking.md)
 * match/resource/<case>   camsim_resource_matches(pattern, resource, vars)
 * match/glob/<pattern>/N  camsim_glob_match on worst-case patterns over a
 *                         subject of N bytes (1 KB .. 1 MB); bytes/s stays
 *                         flat and the oN fit holds when matching is linear.
 * match/resource_worst/N  the same through the resource matcher (sixth
 *                         segment of N bytes, up to the request limit). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "bench.h"
#include "camsim_tools.h"
#include "resource_test.h"
#include "shim/camsim_bench.h"

typedef struct match_case {
    const char *name;
    const char *pattern;
    const char *subject;
} match_case;

static match_case action_cases[] = {
    {"exact", "trtc:DismissRoom", "trtc:DismissRoom"},
    {"exact_miss", "trtc:DismissRoom", "trtc:DismissRoomByStrRoomId"},
    {"service_star", "trtc:*", "trtc:DescribeTrtcMcuTranscodeTime"},
    {"all", "*", "tcmpp:DescribeMNPSensitiveAPIPermissionApprovalList"},
    {"all_all", "*:*", "tcmpp:DescribeMNPSensitiveAPIPermissionApprovalList"},
    {"prefix_star", "trtc:Describe*", "trtc:DescribeTrtcMcuTranscodeTime"},
    {"prefix_miss", "trtc:Describe*", "trtc:ModifySpearConf"},
    {"infix_star", "tcmpp:*Sensitive*List", "tcmpp:DescribeMNPSensitiveAPIPermissionList"},
    {"name_prefix", "name/trtc:Describe*", "name/trtc:DescribeCallDetail"},
    {"case_fold", "TRTC:describe*", "trtc:DescribeCallDetail"},
    {"service_miss", "tcmpp:*", "trtc:DescribeCallDetail"},
    {"adversarial", "trtc:*a*a*a*a*a*b*", "trtc:DescribeTrtcMcuTranscodeTime"},
};

typedef struct resource_case {
    const char *name;
    const char *pattern;
    const char *resource;
} resource_case;

static resource_case resource_cases[] = {
    {"exact", "qcs::trtc::uin/100001:sdkappid/1400000001", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"exact_miss", "qcs::trtc::uin/100001:sdkappid/1400000002", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"star", "*", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"app_star", "qcs::trtc::uin/100001:sdkappid/*", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"owner_binding", "qcs::trtc::uin/:sdkappid/1400000001", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"variable", "qcs::trtc::uin/100001:sdkappid/${app_id}", "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"tcmpp_region_star", "qcs::tcmpp:*:uin/:Limit/plat-1", "qcs::tcmpp:ap-guangzhou:uin/100001:Limit/plat-1"},
    {"tcmpp_miss", "qcs::tcmpp:ap-guangzhou:uin/:Limit/plat-2", "qcs::tcmpp:ap-guangzhou:uin/100001:Limit/plat-1"},
    {"adversarial", "qcs::*:*:uin/*:*a*a*a*a*a*a*b*", "qcs::trtc::uin/100001:sdkappid/1400000001"},
};

static void bm_action(cb_state *st, void *arg)
{
    const match_case *c = arg;
    bool expect = camsim_action_matches(c->pattern, c->subject);
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(camsim_action_matches(c->pattern, c->subject));
    cb_state_set_items_processed(st, cb_state_iterations(st));
    cb_state_set_label(st, expect ? "match" : "no match");
}

static const camsim_resource_vars resource_vars = {"100001", "100001", "1400000001"};

static void bm_resource(cb_state *st, void *arg)
{
    const resource_case *c = arg;
    camsim_error err;
    memset(&err, 0, sizeof err);
    int expect = camsim_resource_matches(c->pattern, c->resource, &resource_vars, &err);
    if (expect < 0) {
        char msg[2048];
        snprintf(msg, sizeof msg, "pattern '%s' vs '%s': %s", c->pattern, c->resource, err.message);
        cb_state_skip_with_error(st, msg);
        return;
    }
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(camsim_resource_matches(c->pattern, c->resource, &resource_vars, &err));
    cb_state_set_items_processed(st, cb_state_iterations(st));
    cb_state_set_label(st, expect ? "match" : "no match");
}

/* Worst-case glob patterns; every subject is 'a' repeated, so none match.
 * Each ends in `*`, so no literal-suffix check can reject early: the
 * matcher must scan the subject for the `b` segment, and a backtracking
 * matcher revisits the subject once per star (or per segment byte). */
typedef struct glob_case {
    const char *name;
    char *pattern; /* owned by the bench_ctx */
    size_t plen;
} glob_case;

enum { GLOB_MAX_SUBJECT = 1 << 20, RESOURCE_MAX_SUBJECT = 1 << 15 };

typedef struct glob_data {
    glob_case cases[3];
    char *subject; /* GLOB_MAX_SUBJECT bytes of 'a' */
} glob_data;

typedef struct glob_arg {
    const glob_data *data;
    const glob_case *c;
} glob_arg;

static void bm_glob(cb_state *st, void *arg)
{
    const glob_arg *g = arg;
    size_t slen = (size_t)cb_state_range(st, 0);
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(camsim_glob_match(g->c->pattern, g->c->plen, g->data->subject, slen, false));
    cb_state_set_bytes_processed(st, cb_state_iterations(st) * (int64_t)slen);
    cb_state_set_complexity_n(st, (int64_t)slen);
}

static void bm_resource_worst(cb_state *st, void *arg)
{
    const glob_data *g = arg;
    size_t slen = (size_t)cb_state_range(st, 0);
    static const char prefix[] = "qcs::trtc::uin/100001:sdkappid/";
    static const char pattern[] = "qcs::trtc::uin/100001:sdkappid/*a*a*a*a*a*a*a*a*b*";
    char *resource = malloc(sizeof prefix + slen);
    if (resource == NULL) {
        cb_state_skip_with_error(st, "out of memory");
        return;
    }
    memcpy(resource, prefix, sizeof prefix - 1);
    memcpy(resource + sizeof prefix - 1, g->subject, slen);
    resource[sizeof prefix - 1 + slen] = '\0';
    camsim_error err;
    memset(&err, 0, sizeof err);
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(camsim_resource_matches(pattern, resource, &resource_vars, &err));
    cb_state_set_bytes_processed(st, cb_state_iterations(st) * (int64_t)slen);
    cb_state_set_complexity_n(st, (int64_t)slen);
    free(resource);
}

static char *repeat_pattern(bench_ctx *ctx, const char *unit, size_t times, const char *tail,
                            size_t *len)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *p = bench_ctx_alloc(ctx, ul * times + tl + 1, 1);
    for (size_t i = 0; i < times; i++)
        memcpy(p + i * ul, unit, ul);
    memcpy(p + ul * times, tail, tl + 1);
    *len = ul * times + tl;
    return p;
}

void bench_register_match(bench_ctx *ctx)
{
    char name[128];
    for (size_t i = 0; i < sizeof action_cases / sizeof action_cases[0]; i++) {
        snprintf(name, sizeof name, "match/action/%s", action_cases[i].name);
        cb_register(name, bm_action, &action_cases[i]);
    }
    for (size_t i = 0; i < sizeof resource_cases / sizeof resource_cases[0]; i++) {
        snprintf(name, sizeof name, "match/resource/%s", resource_cases[i].name);
        cb_register(name, bm_resource, &resource_cases[i]);
    }

    glob_data *g = bench_ctx_alloc(ctx, 1, sizeof *g);
    g->subject = bench_ctx_alloc(ctx, GLOB_MAX_SUBJECT + 1, 1);
    memset(g->subject, 'a', GLOB_MAX_SUBJECT);
    g->cases[0].name = "stars";         /* *a*a*a*a*a*a*a*a*b* */
    g->cases[0].pattern = repeat_pattern(ctx, "*a", 8, "*b*", &g->cases[0].plen);
    g->cases[1].name = "long_segment";  /* *aaa...a(62)b* */
    g->cases[1].pattern = repeat_pattern(ctx, "a", 63, "b*", &g->cases[1].plen);
    g->cases[1].pattern[0] = '*';
    g->cases[2].name = "512_stars";     /* (*a)x512 *b* */
    g->cases[2].pattern = repeat_pattern(ctx, "*a", 512, "*b*", &g->cases[2].plen);

    glob_arg *args = bench_ctx_alloc(ctx, 3, sizeof *args);
    for (size_t i = 0; i < 3; i++) {
        args[i].data = g;
        args[i].c = &g->cases[i];
        snprintf(name, sizeof name, "match/glob/%s", g->cases[i].name);
        cb_bench *b = cb_register(name, bm_glob, &args[i]);
        cb_bench_range_multiplier(b, 4);
        cb_bench_range(b, 1 << 10, GLOB_MAX_SUBJECT);
        cb_bench_complexity(b, CB_O_N);
        cb_bench_unit(b, CB_US);
    }
    cb_bench *b = cb_register("match/resource_worst", bm_resource_worst, g);
    cb_bench_range_multiplier(b, 2);
    cb_bench_range(b, 1 << 10, RESOURCE_MAX_SUBJECT);
    cb_bench_complexity(b, CB_O_N);
    cb_bench_unit(b, CB_US);
}
