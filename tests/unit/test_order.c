/* Order never changes the outcome (semantics, section 6), errors included:
 * a request value that makes one pattern or condition value an error is an
 * error whether or not an earlier entry of the same list already matched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "camsim/camsim.h"

static camsim_code eval(const char *statement, const char *app_id, camsim_reason *reason)
{
    char doc[512];
    snprintf(doc, sizeof doc, "{\"version\":\"2.0\",\"statement\":[%s]}", statement);
    camsim_error err;
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), &err);
    if (!p)
        fail_msg("%s: %s", err.path, err.message);
    const char *values[] = {app_id};
    camsim_context_entry ctx[] = {{"qcs:app_id", values, 1}, {"name", values, 1}};
    camsim_request req = {"trtc:DismissRoom", "qcs::trtc::uin/100001:sdkappid/1400000001", NULL,
                          NULL, ctx, 2};
    camsim_decision d = {0};
    const camsim_policy *set[1] = {p};
    camsim_code code = camsim_evaluate(set, 1, NULL, &req, &d, &err);
    *reason = d.reason;
    camsim_policy_free(p);
    return code;
}

static void test_resource_list_order(void **state)
{
    (void)state;
    camsim_reason reason;
    const char *literal = "\"qcs::trtc::uin/100001:sdkappid/1400000001\"";
    const char *variable = "\"qcs::trtc::uin/100001:sdkappid/${app_id}\"";
    char a[300], b[300];
    snprintf(a, sizeof a, "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":[%s,%s]}", literal, variable);
    snprintf(b, sizeof b, "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":[%s,%s]}", variable, literal);
    /* A `*` in a substituted value is an error, in either order. */
    assert_int_equal(eval(a, "*", &reason), CAMSIM_E_REQUEST);
    assert_int_equal(eval(b, "*", &reason), CAMSIM_E_REQUEST);
    /* A plain value: both orders allow. */
    assert_int_equal(eval(a, "1400000001", &reason), CAMSIM_OK);
    assert_int_equal(reason, CAMSIM_REASON_ALLOW);
    assert_int_equal(eval(b, "1400000001", &reason), CAMSIM_OK);
    assert_int_equal(reason, CAMSIM_REASON_ALLOW);
}

static void test_condition_value_order(void **state)
{
    (void)state;
    camsim_reason reason;
    const char *a = "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":\"*\",\"condition\":"
                    "{\"string_like\":{\"name\":[\"*\",\"${app_id}\"]}}}";
    const char *b = "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":\"*\",\"condition\":"
                    "{\"string_like\":{\"name\":[\"${app_id}\",\"*\"]}}}";
    assert_int_equal(eval(a, "x*", &reason), CAMSIM_E_REQUEST);
    assert_int_equal(eval(b, "x*", &reason), CAMSIM_E_REQUEST);
    assert_int_equal(eval(a, "x", &reason), CAMSIM_OK);
    assert_int_equal(reason, CAMSIM_REASON_ALLOW);
    assert_int_equal(eval(b, "x", &reason), CAMSIM_OK);
    assert_int_equal(reason, CAMSIM_REASON_ALLOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_resource_list_order),
                                       cmocka_unit_test(test_condition_value_order)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
