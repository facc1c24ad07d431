/* test_resource.c: six-segment resource descriptions, owner binding and
 * policy variables (docs/semantics.md section 3). */
#include <stdbool.h>

#include "unit_util.h"

#include "resource_test.h"

static const camsim_resource_vars no_vars = {NULL, NULL, NULL};

static int rm(const char *pattern, const char *resource, const camsim_resource_vars *vars)
{
    camsim_error err;
    memset(&err, 0, sizeof err);
    int r = camsim_resource_matches(pattern, resource, vars ? vars : &no_vars, &err);
    if (r == -1) {
        assert_int_not_equal(err.code, CAMSIM_OK);
        assert_true(err.message[0] != '\0');
    }
    return r;
}

static void assert_seg(const camsim_resource_view *v, int i, const char *want)
{
    if (v->len[i] != strlen(want) || memcmp(v->seg[i], want, v->len[i]) != 0) {
        print_error("segment %d is \"%.*s\", expected \"%s\"\n", i, (int)v->len[i], v->seg[i],
                    want);
        fail();
    }
}

static bool split(const char *text, camsim_resource_view *v)
{
    camsim_error err;
    memset(&err, 0, sizeof err);
    bool ok = camsim_resource_split(text, strlen(text), v, &err);
    if (!ok)
        assert_true(err.message[0] != '\0');
    return ok;
}

static void test_split_six(void **state)
{
    (void)state;
    camsim_resource_view v;
    assert_true(split("qcs::trtc::uin/100001:sdkappid/1400000001", &v));
    assert_seg(&v, CAMSIM_SEG_QCS, "qcs");
    assert_seg(&v, CAMSIM_SEG_PROJECT, "");
    assert_seg(&v, CAMSIM_SEG_SERVICE, "trtc");
    assert_seg(&v, CAMSIM_SEG_REGION, "");
    assert_seg(&v, CAMSIM_SEG_ACCOUNT, "uin/100001");
    assert_seg(&v, CAMSIM_SEG_RESOURCE, "sdkappid/1400000001");
}

static void test_split_sixth_has_colons(void **state)
{
    (void)state;
    camsim_resource_view v;
    assert_true(split("qcs::tcmpp:ap-guangzhou:uin/1:Limit/a:b:c", &v));
    assert_seg(&v, CAMSIM_SEG_SERVICE, "tcmpp");
    assert_seg(&v, CAMSIM_SEG_REGION, "ap-guangzhou");
    assert_seg(&v, CAMSIM_SEG_ACCOUNT, "uin/1");
    assert_seg(&v, CAMSIM_SEG_RESOURCE, "Limit/a:b:c");
    assert_true(split("qcs:::::", &v));
    assert_seg(&v, CAMSIM_SEG_RESOURCE, "");
    assert_true(split("qcs::::::", &v));
    assert_seg(&v, CAMSIM_SEG_RESOURCE, ":");
}

static void test_split_invalid(void **state)
{
    (void)state;
    camsim_resource_view v;
    assert_false(split("", &v));
    assert_false(split("*", &v));
    assert_false(split("qcs", &v));
    assert_false(split("qcs::trtc::uin/1", &v));
    assert_false(split("qcs::trtc:uin/1:x", &v));      /* five segments */
    assert_false(split("qcs::::", &v));
    assert_false(split("qcx::trtc::uin/1:x", &v));
    assert_false(split("QCS::trtc::uin/1:x", &v));     /* qcs is literal */
    assert_false(split("qcs:0:trtc::uin/1:x", &v));    /* project must be empty */
    assert_false(split("qcs:*:trtc::uin/1:x", &v));
}

static void test_split_len_bounded(void **state)
{
    (void)state;
    camsim_resource_view v;
    camsim_error err;
    const char *text = "qcs::trtc::uin/1:sdkappid/1:more";
    assert_true(camsim_resource_split(text, strlen("qcs::trtc::uin/1:sdkappid/1"), &v, &err));
    assert_seg(&v, CAMSIM_SEG_RESOURCE, "sdkappid/1");
}

#define R "qcs::trtc::uin/100001:sdkappid/1400000001"

static void test_star_literal(void **state)
{
    (void)state;
    assert_int_equal(rm("*", R, NULL), 1);
    assert_int_equal(rm("*", "qcs::tcmpp:ap-guangzhou:uin/:Limit/p:q", NULL), 1);
}

static void test_exact(void **state)
{
    (void)state;
    assert_int_equal(rm(R, R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/1400000002", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/140000000", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/14000000011", R, NULL), 0);
}

static void test_case_sensitive(void **state)
{
    (void)state;
    assert_int_equal(rm("qcs::trtc::uin/100001:SdkAppId/1400000001", R, NULL), 0);
    assert_int_equal(rm("qcs::TRTC::uin/100001:sdkappid/1400000001", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::UIN/100001:sdkappid/1400000001", R, NULL), 0);
}

static void test_invalid_pattern(void **state)
{
    (void)state;
    assert_int_equal(rm("", R, NULL), -1);
    assert_int_equal(rm("**", R, NULL), -1);
    assert_int_equal(rm("qcs::trtc:uin/100001:sdkappid/1400000001", R, NULL), -1);
    assert_int_equal(rm("QCS::trtc::uin/100001:sdkappid/1400000001", R, NULL), -1);
    assert_int_equal(rm("*::trtc::uin/100001:sdkappid/1400000001", R, NULL), -1);
    assert_int_equal(rm("qcs:1:trtc::uin/100001:sdkappid/1400000001", R, NULL), -1);
    assert_int_equal(rm("qcs:*:trtc::uin/100001:sdkappid/1400000001", R, NULL), -1);
    assert_int_equal(rm("trtc:sdkappid/1400000001", R, NULL), -1);
}

static void test_invalid_resource(void **state)
{
    (void)state;
    assert_int_equal(rm("*", "", NULL), -1);
    assert_int_equal(rm("*", "sdkappid/1", NULL), -1);
    assert_int_equal(rm(R, "qcs::trtc:uin/100001:sdkappid/1400000001", NULL), -1);
    assert_int_equal(rm(R, "qcs:7:trtc::uin/100001:sdkappid/1400000001", NULL), -1);
}

static void test_service_region(void **state)
{
    (void)state;
    /* Empty or `*` service/region match any value. */
    assert_int_equal(rm("qcs::::uin/100001:sdkappid/1400000001", R, NULL), 1);
    assert_int_equal(rm("qcs::*:*:uin/100001:sdkappid/1400000001", R, NULL), 1);
    const char *tr = "qcs::tcmpp:ap-guangzhou:uin/100001:Limit/p1";
    assert_int_equal(rm("qcs::tcmpp::uin/100001:Limit/p1", tr, NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:*:uin/100001:Limit/p1", tr, NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:ap-*:uin/100001:Limit/p1", tr, NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:ap-guangzhou:uin/100001:Limit/p1", tr, NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:ap-beijing:uin/100001:Limit/p1", tr, NULL), 0);
    assert_int_equal(rm("qcs::tcmpp:eu-*:uin/100001:Limit/p1", tr, NULL), 0);
    assert_int_equal(rm("qcs::trtc:ap-guangzhou:uin/100001:Limit/p1", tr, NULL), 0);
    assert_int_equal(rm("qcs::tc*:ap-guangzhou:uin/100001:Limit/p1", tr, NULL), 1);
    /* A concrete region in the pattern does not match an empty request region. */
    assert_int_equal(rm("qcs::trtc:ap-guangzhou:uin/100001:sdkappid/1400000001", R, NULL), 0);
}

static void test_account_owner_binding(void **state)
{
    (void)state;
    const camsim_resource_vars owner1 = {NULL, "100001", NULL};
    const camsim_resource_vars owner2 = {NULL, "200002", NULL};
    /* Empty account, or uin/ with an empty id: the owner's root account. */
    assert_int_equal(rm("qcs::trtc:::sdkappid/1400000001", R, &owner1), 1);
    assert_int_equal(rm("qcs::trtc::uin/:sdkappid/1400000001", R, &owner1), 1);
    assert_int_equal(rm("qcs::trtc:::sdkappid/1400000001", R, &owner2), 0);
    assert_int_equal(rm("qcs::trtc::uin/:sdkappid/1400000001", R, &owner2), 0);
    /* Without an owner uin it defaults to the uin in the request's resource. */
    assert_int_equal(rm("qcs::trtc:::sdkappid/1400000001", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/:sdkappid/1400000001", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/:sdkappid/1400000001",
                        "qcs::trtc::uin/200002:sdkappid/1400000001", NULL), 1);
    /* An explicit account is glob-matched and ignores the owner. */
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/1400000001", R, &owner2), 1);
    assert_int_equal(rm("qcs::trtc::uin/200002:sdkappid/1400000001", R, &owner2), 0);
    assert_int_equal(rm("qcs::trtc::uin/*:sdkappid/1400000001", R, &owner2), 1);
    assert_int_equal(rm("qcs::trtc::uin/1000*:sdkappid/1400000001", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/2000*:sdkappid/1400000001", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::*:sdkappid/1400000001", R, &owner2), 1);
}

/* [decision] A request account "uin/" (how the TCMPP templates render without
 * a uin) names the owner's account, as the owner-bound policy account does:
 * they match even when the owner's number is unknown, for allow and deny
 * alike (not matching would silently drop owner-bound denies). A literal
 * account never matches an owner whose number is unknown. */
static void test_account_owner_unknown(void **state)
{
    (void)state;
    assert_int_equal(rm("qcs::tcmpp:ap-guangzhou:uin/:Limit/p1",
                        "qcs::tcmpp:ap-guangzhou:uin/:Limit/p1", NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:ap-guangzhou::Limit/p1",
                        "qcs::tcmpp:ap-guangzhou::Limit/p1", NULL), 1);
    assert_int_equal(rm("qcs::tcmpp:ap-guangzhou:uin/100001:Limit/p1",
                        "qcs::tcmpp:ap-guangzhou:uin/:Limit/p1", NULL), 0);
    assert_int_equal(rm("qcs::tcmpp:ap-guangzhou:uin/*:Limit/p1",
                        "qcs::tcmpp:ap-guangzhou:uin/:Limit/p1", NULL), 0);
}

static void test_account_uid(void **state)
{
    (void)state;
    const char *res = "qcs::trtc::uid/1250000000:sdkappid/1400000001";
    assert_int_equal(rm("qcs::trtc::uid/1250000000:sdkappid/1400000001", res, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uid/1250000001:sdkappid/1400000001", res, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uid/*:sdkappid/1400000001", res, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/1250000000:sdkappid/1400000001", res, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uid/1250000000:sdkappid/1400000001", R, NULL), 0);
}

static void test_resource_segment(void **state)
{
    (void)state;
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/*", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:*", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/14*", R, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/15*", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:room/*", R, NULL), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:*/1400000001", R, NULL), 1);
    /* `*` in the sixth segment crosses `/` and `:`. */
    const char *deep = "qcs::trtc::uin/100001:sdkappid/1400000001/room/7:x:y";
    assert_int_equal(rm("qcs::trtc::uin/100001:*", deep, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/*", deep, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/*:y", deep, NULL), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/1400000001", deep, NULL), 0);
    /* The sixth segment of a pattern may itself contain `:`. */
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/1400000001/room/7:x:y", deep, NULL), 1);
    /* `?` is literal. */
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/140000000?", R, NULL), 0);
}

static void test_variables(void **state)
{
    (void)state;
    const camsim_resource_vars all = {"200002", "100001", "1400000001"};
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${app_id}", R, &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${owner_uin}",
                        "qcs::trtc::uin/100001:sdkappid/100001", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:user/${uin}",
                        "qcs::trtc::uin/100001:user/200002", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:user/${uin}",
                        "qcs::trtc::uin/100001:user/100001", &all), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:user/${uin}/*",
                        "qcs::trtc::uin/100001:user/200002/photos", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:${app_id}-${uin}",
                        "qcs::trtc::uin/100001:1400000001-200002", &all), 1);
    const camsim_resource_vars other_app = {"200002", "100001", "1400000009"};
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${app_id}", R, &other_app), 0);
}

static void test_variable_missing_matches_nothing(void **state)
{
    (void)state;
    const camsim_resource_vars none = {NULL, NULL, NULL};
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${app_id}", R, &none), 0);
    /* Not even the literal text. */
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${app_id}",
                        "qcs::trtc::uin/100001:sdkappid/${app_id}", &none), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:user/${uin}",
                        "qcs::trtc::uin/100001:user/${uin}", &none), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:*${uin}*",
                        "qcs::trtc::uin/100001:user/x", &none), 0);
    const camsim_resource_vars only_uin = {"200002", NULL, NULL};
    assert_int_equal(rm("qcs::trtc::uin/100001:user/${uin}/${app_id}",
                        "qcs::trtc::uin/100001:user/200002/x", &only_uin), 0);
}

static void test_variable_owner_uin_from_resource(void **state)
{
    (void)state;
    /* ${owner_uin} is the owner uin, which defaults to the resource's uin. */
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${owner_uin}",
                        "qcs::trtc::uin/100001:sdkappid/100001", NULL), 1);
}

static void test_other_variables_literal(void **state)
{
    (void)state;
    const camsim_resource_vars all = {"200002", "100001", "1400000001"};
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${SdkAppId}",
                        "qcs::trtc::uin/100001:sdkappid/${SdkAppId}", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${SdkAppId}", R, &all), 0);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${UIN}",
                        "qcs::trtc::uin/100001:sdkappid/${UIN}", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${uin",
                        "qcs::trtc::uin/100001:sdkappid/${uin", &all), 1);
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/$uin",
                        "qcs::trtc::uin/100001:sdkappid/$uin", &all), 1);
}

static void test_variables_only_in_sixth_segment(void **state)
{
    (void)state;
    /* Variables are substituted in the sixth segment only; elsewhere the text
     * is literal (glob-matched as written). */
    const camsim_resource_vars all = {"100001", "100001", "1400000001"};
    assert_int_equal(rm("qcs::trtc::uin/${uin}:sdkappid/1400000001", R, &all), 0);
}

static void test_substituted_star_is_an_error(void **state)
{
    (void)state;
    /* [decision] A request value that would put a `*` into a glob is an
     * error (-1), never a wildcard: request data must not widen a grant,
     * and not matching would silently drop denies. */
    const camsim_resource_vars star = {"*", "100001", "*"};
    camsim_error err;
    assert_int_equal(camsim_resource_matches("qcs::trtc::uin/100001:sdkappid/${app_id}",
                                             "qcs::trtc::uin/100001:sdkappid/*", &star, &err), -1);
    assert_int_equal(err.code, CAMSIM_E_REQUEST);
    const camsim_resource_vars plain = {"1", "100001", "1400000001"};
    assert_int_equal(rm("qcs::trtc::uin/100001:sdkappid/${app_id}",
                        "qcs::trtc::uin/100001:sdkappid/1400000001", &plain), 1);
}

/* The split looks for colons eight bytes at a time: every segment length
 * from 0 to 11 in every position, so colons fall at every offset of a word
 * and several share one word. */
static void test_split_every_offset(void **state)
{
    (void)state;
    for (int target = 1; target < 6; target++)
        for (int n = 0; n < 12; n++) {
            char text[128];
            int lens[6] = {3, 0, 4, 0, 6, 10};
            lens[target] = n;
            size_t o = 0;
            for (int seg = 0; seg < 6; seg++) {
                for (int k = 0; k < lens[seg]; k++)
                    text[o++] = seg == 0 ? "qcs"[k] : (char)('a' + (seg + k) % 26);
                if (seg < 5)
                    text[o++] = ':';
            }
            text[o++] = ':'; /* a colon inside the sixth segment stays there */
            text[o++] = 'z';
            camsim_resource_view v;
            bool ok = camsim_resource_split(text, o, &v, NULL);
            assert_int_equal(ok, target != 1 || n == 0); /* project_id must be empty */
            if (!ok)
                continue;
            const char *at = text;
            for (int seg = 0; seg < 5; seg++) {
                assert_ptr_equal(v.seg[seg], at);
                assert_int_equal(v.len[seg], lens[seg]);
                at += lens[seg] + 1;
            }
            assert_ptr_equal(v.seg[5], at);
            assert_int_equal(v.len[5], (size_t)lens[5] + 2);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_every_offset),
        cmocka_unit_test(test_split_six),
        cmocka_unit_test(test_split_sixth_has_colons),
        cmocka_unit_test(test_split_invalid),
        cmocka_unit_test(test_split_len_bounded),
        cmocka_unit_test(test_star_literal),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_case_sensitive),
        cmocka_unit_test(test_invalid_pattern),
        cmocka_unit_test(test_invalid_resource),
        cmocka_unit_test(test_service_region),
        cmocka_unit_test(test_account_owner_binding),
        cmocka_unit_test(test_account_owner_unknown),
        cmocka_unit_test(test_account_uid),
        cmocka_unit_test(test_resource_segment),
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_variable_missing_matches_nothing),
        cmocka_unit_test(test_variable_owner_uin_from_resource),
        cmocka_unit_test(test_other_variables_literal),
        cmocka_unit_test(test_variables_only_in_sixth_segment),
        cmocka_unit_test(test_substituted_star_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
