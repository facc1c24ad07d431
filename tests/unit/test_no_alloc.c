/* Evaluation performs no heap allocation (camsim.h promises it): this test
 * interposes malloc and friends with counting versions that forward to
 * glibc, then evaluates every catalog action against policies that use
 * every code path (index buckets, scan lists, unknown actions, conditions,
 * variables, principals, a boundary) and asserts the counter never moves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "camsim/camsim.h"

/* Built only without sanitizers (tests/unit/CMakeLists.txt): ASan owns malloc. */
/* glibc's own entry points, which the interposed functions forward to. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static size_t allocations;

void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);

void *malloc(size_t n) { allocations++; return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { allocations++; return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { allocations++; return __libc_realloc(p, n); }
void free(void *p) { __libc_free(p); }

static const char POLICY[] =
    "{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"qcs::cam::uin/100001:*\"]},\"statement\":["
    "{\"effect\":\"allow\",\"action\":[\"trtc:*\",\"tcmpp:Describe*\"],\"resource\":["
    "\"qcs::trtc::uin/100001:sdkappid/1400000001\",\"qcs::tcmpp:*:uin/:Limit/plat-1\"]},"
    "{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"qcs::*::uin/:*/${uin}*\","
    "\"condition\":{\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"},"
    "\"for_all_value:string_like\":{\"qcs:resource_tag/env\":[\"te*\",\"${app_id}\"]},"
    "\"numeric_less_than_if_exist\":{\"n\":10},"
    "\"date_greater_than\":{\"qcs:current_time\":\"2020-01-01T00:00:00Z\"}}},"
    "{\"effect\":\"deny\",\"action\":\"trtc:Dismiss*\",\"resource\":\"*\"},"
    "{\"effect\":\"allow\",\"action\":[\"trtc:Get*\",\"vendor:Thing\"],\"resource\":\"*\"}]}";

static const char BOUNDARY[] =
    "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}}";

static void test_evaluate_allocates_nothing(void **state)
{
    (void)state;
    camsim_error err;
    size_t at_start = allocations;
    camsim_policy *p = camsim_policy_parse(POLICY, strlen(POLICY), &err);
    camsim_policy *b = camsim_policy_parse(BOUNDARY, strlen(BOUNDARY), &err);
    assert_non_null(p);
    assert_non_null(b);
    assert_true(allocations > at_start); /* the counter sees the engine's allocations */
    const camsim_policy *set[1] = {p};
    const char *ip[] = {"10.1.2.3"};
    const char *tags[] = {"env&test", "team&rtc"};
    const char *uin[] = {"200002"};
    const char *now[] = {"2026-06-01T00:00:00Z"};
    camsim_context_entry ctx[] = {{"qcs:ip", ip, 1}, {"qcs:resource_tag", tags, 2},
                                  {"qcs:uin", uin, 1}, {"qcs:current_time", now, 1}};
    camsim_match matches[8];
    size_t before = allocations, decisions = 0, allowed = 0;
    for (size_t i = 0; i <= camsim_catalog_count(); i++) {
        const camsim_action_info *info = camsim_catalog_at(i);
        char action[128], resource[128];
        if (info) {
            snprintf(action, sizeof action, "%s:%s", info->service, info->name);
            snprintf(resource, sizeof resource, "%s", strcmp(info->service, "trtc") == 0
                     ? "qcs::trtc::uin/100001:sdkappid/1400000001"
                     : "qcs::tcmpp:ap-guangzhou:uin/:Limit/plat-1");
        } else {
            snprintf(action, sizeof action, "vendor:Thing");
            snprintf(resource, sizeof resource, "qcs::vendor::uin/100001:x/200002y");
        }
        camsim_request r = {action, resource, NULL, "qcs::cam::uin/100001:uin/200002", ctx, 4};
        camsim_decision d = {.matches = matches, .match_capacity = 8};
        assert_int_equal(camsim_evaluate(set, 1, b, &r, &d, &err), CAMSIM_OK);
        decisions++;
        allowed += d.decision == CAMSIM_ALLOW;
    }
    assert_int_equal(allocations, before);
    assert_int_equal(decisions, 82);
    assert_true(allowed > 40); /* the paths above really ran, not just denied early */
    camsim_policy_free(p);
    camsim_policy_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_evaluate_allocates_nothing)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
