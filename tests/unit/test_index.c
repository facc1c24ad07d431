/* The policy index (exact keys, literal tails and heads, listed
 * statements) must never change a decision: a large policy is evaluated whole, and each
 * statement is checked on its own with the plain matchers (action.h,
 * resource.h), which know nothing of the index; the deciding statements
 * must agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "action.h"
#include "camsim/camsim.h"
#include "policy_index.h" /* the structure, for test_patterns_filed_by_kind */
#include "resource_test.h"

enum { STATEMENTS = 120 };

typedef struct statement {
    const char *effect;
    const char *action;
    char resource[2][96]; /* second one empty when unused */
} statement;

/* Statement k: exact, tail, head, two-pattern and wildcard shapes, with
 * more than 16 distinct tail lengths so some are listed instead of keyed. */
static statement make_statement(int k)
{
    statement s = {k % 11 == 5 ? "deny" : "allow",
                   k % 3 == 0 ? "trtc:*" : k % 3 == 1 ? "trtc:Describe*" : "trtc:DismissRoom",
                   {"", ""}};
    const char *pre = "qcs::trtc::uin/100001:sdkappid/";
    switch (k % 6) {
    case 0: snprintf(s.resource[0], 96, "%s14000000%02d", pre, k % 40); break;
    case 1: snprintf(s.resource[0], 96, "%s14*%0*d", pre, 1 + k % 20, k % 7); break;
    case 2: snprintf(s.resource[0], 96, "%s1400000%d*", pre, k % 10); break;
    case 3:
        snprintf(s.resource[0], 96, "%s14000000%02d", pre, k % 40);
        snprintf(s.resource[1], 96, "%s*%d", pre, k % 10);
        break;
    case 4: snprintf(s.resource[0], 96, "qcs::trtc:*:uin/:sdkappid/1400000001"); break;
    default: snprintf(s.resource[0], 96, "*"); break;
    }
    return s;
}

static int statement_json(char *buf, size_t cap, const statement *s)
{
    return snprintf(buf, cap, "{\"effect\":\"%s\",\"action\":[\"%s\"],\"resource\":[\"%s\"%s%s%s]}",
                    s->effect, s->action, s->resource[0], s->resource[1][0] ? ",\"" : "",
                    s->resource[1], s->resource[1][0] ? "\"" : "");
}

/* The statement on its own, by the plain matchers (all these actions are resource level). */
static bool statement_applies(const statement *s, const char *action, const char *resource)
{
    if (!camsim_action_matches(s->action, action))
        return false;
    for (int i = 0; i < 2 && s->resource[i][0]; i++)
        if (camsim_resource_matches(s->resource[i], resource, NULL, NULL) == 1)
            return true;
    return false;
}

static camsim_policy *parse(const char *doc)
{
    camsim_error err;
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), &err);
    if (!p)
        fail_msg("%s: %s in %s", err.path, err.message, doc);
    return p;
}

static void test_index_agrees_with_plain_matchers(void **state)
{
    (void)state;
    static char whole[STATEMENTS * 300 + 64];
    statement stmts[STATEMENTS];
    size_t o = (size_t)snprintf(whole, sizeof whole, "{\"version\":\"2.0\",\"statement\":[");
    for (int k = 0; k < STATEMENTS; k++) {
        char st[300];
        stmts[k] = make_statement(k);
        statement_json(st, sizeof st, &stmts[k]);
        o += (size_t)snprintf(whole + o, sizeof whole - o, "%s%s", k ? "," : "", st);
    }
    snprintf(whole + o, sizeof whole - o, "]}");
    camsim_policy *big = parse(whole);
    const char *actions[] = {"trtc:DismissRoom", "trtc:DescribeRoomInformation", "trtc:ModifyAppInfo",
                             "trtc:DescribeSdkAppInfo"};
    size_t checked = 0, allowed = 0;
    for (int r = 0; r < 60; r++) {
        char resource[96];
        snprintf(resource, sizeof resource, "qcs::trtc::uin/100001:sdkappid/14000000%02d%s", r % 45,
                 r >= 45 ? "3" : "");
        for (size_t a = 0; a < sizeof actions / sizeof actions[0]; a++) {
            camsim_request req = {actions[a], resource, NULL, NULL, NULL, 0};
            camsim_match m[STATEMENTS];
            camsim_decision d = {.matches = m, .match_capacity = STATEMENTS};
            camsim_error err;
            const camsim_policy *set[1] = {big};
            assert_int_equal(camsim_evaluate(set, 1, NULL, &req, &d, &err), CAMSIM_OK);
            /* Statement by statement: which statements match, and with what effect. */
            bool any_deny = false, any_allow = false, matched[STATEMENTS] = {false};
            for (int k = 0; k < STATEMENTS; k++) {
                if (statement_applies(&stmts[k], actions[a], resource)) {
                    matched[k] = true;
                    any_deny |= k % 11 == 5;
                    any_allow |= k % 11 != 5;
                }
            }
            camsim_reason want = any_deny ? CAMSIM_REASON_EXPLICIT_DENY
                                 : any_allow ? CAMSIM_REASON_ALLOW : CAMSIM_REASON_IMPLICIT_DENY;
            if (d.reason != want)
                fail_msg("%s on %s: whole policy says %s, statements say %s", actions[a], resource,
                         camsim_reason_name(d.reason), camsim_reason_name(want));
            size_t expected = 0;
            for (int k = 0; k < STATEMENTS; k++)
                expected += matched[k] && (want == CAMSIM_REASON_ALLOW) == (k % 11 != 5) &&
                            want != CAMSIM_REASON_IMPLICIT_DENY;
            assert_int_equal(d.match_count, expected);
            for (size_t i = 0; i < d.match_count; i++) {
                assert_true(matched[m[i].statement]);
                if (i > 0)
                    assert_true(m[i - 1].statement < m[i].statement); /* written order */
            }
            checked++;
            allowed += d.decision == CAMSIM_ALLOW;
        }
    }
    assert_int_equal(checked, 240);
    assert_true(allowed > 20 && allowed < 230); /* both outcomes really occur */
    camsim_policy_free(big);
}

/* One statement with action pattern `pattern`, resource "*": allowed for
 * exactly the catalog actions the plain matcher says it names. */
static void check_pattern(const char *pattern)
{
    char doc[512];
    snprintf(doc, sizeof doc, "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\","
             "\"action\":\"%s\",\"resource\":\"*\"}}", pattern);
    camsim_policy *p = parse(doc);
    const camsim_policy *set[1] = {p};
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *info = camsim_catalog_at(i);
        char action[160];
        snprintf(action, sizeof action, "%s:%s", info->service, info->name);
        camsim_request req = {action, info->granularity == CAMSIM_RESOURCE_LEVEL
                                          ? "qcs::trtc::uin/100001:sdkappid/1400000001" : NULL,
                              NULL, NULL, NULL, 0};
        camsim_decision d = {0};
        assert_int_equal(camsim_evaluate(set, 1, NULL, &req, &d, NULL), CAMSIM_OK);
        bool want = camsim_action_matches(pattern, action);
        if ((d.decision == CAMSIM_ALLOW) != want)
            fail_msg("pattern %s, action %s: index says %d, matcher says %d", pattern, action,
                     d.decision == CAMSIM_ALLOW, want);
    }
    camsim_policy_free(p);
}

/* Action patterns are resolved against the catalog when a policy compiles
 * (runs of names sharing a literal head, tails, multi-star globs): every
 * prefix of every catalog name as a pattern, in both cases, and patterns
 * of other shapes. */
/* Where each pattern is filed (policy_internal.h): an exact sixth segment
 * under itself, a literal head before a final `*` in the head table, a
 * literal tail after a `*` in the tail table; a statement whose two
 * patterns share a key is stored there once; only a statement with no key
 * is listed. Decisions would be the same either way (the test above), so
 * this is what keeps the index doing its job of skipping statements. */
static void test_patterns_filed_by_kind(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"version\":\"2.0\",\"statement\":["
        "{\"effect\":\"deny\",\"action\":\"trtc:DismissRoom\",\"resource\":\"*\"},"
        "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":["
        "\"qcs::trtc::uin/1:sdkappid/1400000001\",\"qcs::trtc::uin/2:sdkappid/1400000001\"]},"
        "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\","
        "\"resource\":\"qcs::trtc::uin/1:sdkappid/1400*\"},"
        "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\","
        "\"resource\":\"qcs::trtc::uin/1:sdkappid/*0001\"}]}";
    camsim_policy *p = camsim_policy_parse(doc, sizeof doc - 1, NULL);
    assert_non_null(p);
    static const struct {
        camsim_key_kind kind;
        const char *key;
        uint32_t statement;
    } filed[] = {{CAMSIM_KEY_EXACT, "sdkappid/1400000001", 1},
                 {CAMSIM_KEY_HEAD, "sdkappid/1400", 2},
                 {CAMSIM_KEY_TAIL, "0001", 3}};
    for (size_t i = 0; i < sizeof filed / sizeof filed[0]; i++) {
        const uint32_t *items = NULL;
        uint32_t count = 0;
        camsim_key_table_lookup(p, filed[i].kind, "trtc", 4, filed[i].key, strlen(filed[i].key),
                                &items, &count);
        assert_int_equal(count, 1);
        assert_int_equal(items[0], filed[i].statement);
    }
    assert_int_equal(p->listed_count, 1);
    assert_int_equal(p->listed[0], 0);
    camsim_policy_free(p);
}

static void test_action_masks_agree_with_matcher(void **state)
{
    (void)state;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *info = camsim_catalog_at(i);
        char name[160], pattern[170];
        int n = snprintf(name, sizeof name, "%s:%s", info->service, info->name);
        for (int k = 1; k <= n; k++) {
            snprintf(pattern, sizeof pattern, "%.*s*", k, name);
            if (strchr(pattern, ':') || k == n)
                check_pattern(pattern); /* a pattern needs its ':' */
        }
        check_pattern(name);
        snprintf(pattern, sizeof pattern, "*:%s", info->name);
        check_pattern(pattern);
        snprintf(pattern, sizeof pattern, "%s:*%s", info->service, info->name + 3);
        check_pattern(pattern);
        for (char *c = name; *c; c++) /* the same name in upper case */
            *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
        check_pattern(name);
    }
    const char *others[] = {"*", "*:*", "trtc:*", "tcmpp:*", "t*:*", "*c:*", "trtc:*Room*",
                            "*:*e*e*e*", "trtc:D*R*m", "trtc:Describe", "trtc:DescribeRoomInfoX*",
                            "trtc:*z*q*", "tr*tc:*", "name/trtc:Dismiss*", "cam:*",
                            "trtc:DescribeSdkAppInfoAndEverythingElseThatIsLongerThanAnyName*"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        check_pattern(others[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_index_agrees_with_plain_matchers),
                                       cmocka_unit_test(test_action_masks_agree_with_matcher),
                                       cmocka_unit_test(test_patterns_filed_by_kind)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
