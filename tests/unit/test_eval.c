/* test_eval.c: camsim_evaluate (docs/semantics.md sections 1, 5 and 6). */
#include <stdbool.h>
#include <stdlib.h>

#include "unit_util.h"

#include "camsim/camsim.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAXP 8

#define RES1 "qcs::trtc::uin/100001:sdkappid/1400000001"
#define RES2 "qcs::trtc::uin/100001:sdkappid/1400000002"

static camsim_policy *pol(const char *json)
{
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_policy *p = camsim_policy_parse(json, strlen(json), &err);
    if (!p) {
        print_error("policy rejected: %s\n  %s at \"%s\": %s\n", json, camsim_code_name(err.code),
                    err.path, err.message);
        fail();
    }
    return p;
}

/* A policy with one statement. */
static camsim_policy *stmt(const char *effect, const char *action, const char *resource)
{
    char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"%s\",\"action\":%s,\"resource\":%s}]}",
             effect, action, resource);
    return pol(buf);
}

typedef struct set {
    camsim_policy *p[MAXP];
    size_t n;
    camsim_policy *boundary;
} set;

static void set_free(set *s)
{
    for (size_t i = 0; i < s->n; i++)
        camsim_policy_free(s->p[i]);
    camsim_policy_free(s->boundary);
    memset(s, 0, sizeof *s);
}

typedef struct result {
    camsim_code rc;
    camsim_decision d;
    camsim_match m[16];
    camsim_error err;
} result;

static void eval_req(const set *s, const camsim_request *req, result *r)
{
    const camsim_policy *ps[MAXP] = {0};
    for (size_t i = 0; i < s->n; i++)
        ps[i] = s->p[i];
    memset(r, 0, sizeof *r);
    r->d.matches = r->m;
    r->d.match_capacity = N(r->m);
    r->d.decision = CAMSIM_ALLOW; /* must be overwritten */
    r->rc = camsim_evaluate(ps, s->n, s->boundary, req, &r->d, &r->err);
    if (r->rc != CAMSIM_OK)
        assert_int_equal(r->d.decision, CAMSIM_DENY);
}

static void eval_simple(const set *s, const char *action, const char *resource, result *r)
{
    camsim_request req;
    memset(&req, 0, sizeof req);
    req.action = action;
    req.resource = resource;
    eval_req(s, &req, r);
}

static void expect(const result *r, camsim_effect decision, camsim_reason reason)
{
    if (r->rc != CAMSIM_OK) {
        print_error("evaluate failed: %s at \"%s\": %s\n", camsim_code_name(r->rc), r->err.path,
                    r->err.message);
        fail();
    }
    if (r->d.decision != decision || r->d.reason != reason) {
        print_error("decision %s/%s, expected %s/%s\n", camsim_effect_name(r->d.decision),
                    camsim_reason_name(r->d.reason), camsim_effect_name(decision),
                    camsim_reason_name(reason));
        fail();
    }
}

static bool has_match(const result *r, uint32_t policy, uint32_t statement, camsim_effect effect)
{
    size_t n = r->d.match_count < r->d.match_capacity ? r->d.match_count : r->d.match_capacity;
    for (size_t i = 0; i < n; i++)
        if (r->m[i].policy == policy && r->m[i].statement == statement && r->m[i].effect == effect)
            return true;
    return false;
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(camsim_effect_name(CAMSIM_ALLOW), "allow");
    assert_string_equal(camsim_effect_name(CAMSIM_DENY), "deny");
    assert_string_equal(camsim_reason_name(CAMSIM_REASON_ALLOW), "allow");
    assert_string_equal(camsim_reason_name(CAMSIM_REASON_EXPLICIT_DENY), "explicit_deny");
    assert_string_equal(camsim_reason_name(CAMSIM_REASON_IMPLICIT_DENY), "implicit_deny");
}

static void test_implicit_deny(void **state)
{
    (void)state;
    set s = {0};
    result r;
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    assert_int_equal(r.d.match_count, 0);

    s.p[s.n++] = stmt("allow", "\"trtc:RemoveUser\"", "\"*\"");
    s.p[s.n++] = stmt("allow", "\"trtc:DismissRoom\"", "\"" RES2 "\"");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    assert_int_equal(r.d.match_count, 0);
    set_free(&s);
}

static void test_allow(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:RemoveUser\"", "\"*\"");
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":["
                     "{\"effect\":\"allow\",\"action\":\"trtc:RemoveUser\",\"resource\":\"*\"},"
                     "{\"effect\":\"allow\",\"action\":[\"trtc:DismissRoom\"],\"resource\":[\"" RES1 "\"]}]}");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    assert_int_equal(r.d.match_count, 1);
    assert_true(has_match(&r, 1, 1, CAMSIM_ALLOW));
    set_free(&s);
}

static void test_deny_overrides(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:*\"", "\"*\"");
    s.p[s.n++] = stmt("deny", "\"trtc:DismissRoom\"", "\"" RES1 "\"");
    s.p[s.n++] = stmt("allow", "\"*\"", "\"" RES1 "\"");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    /* matched lists only the deciding denies. */
    assert_int_equal(r.d.match_count, 1);
    assert_true(has_match(&r, 1, 0, CAMSIM_DENY));
    /* Another resource: the deny does not match. */
    eval_simple(&s, "trtc:DismissRoom", RES2, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    assert_int_equal(r.d.match_count, 1);
    assert_true(has_match(&r, 0, 0, CAMSIM_ALLOW));
    set_free(&s);
}

static void test_deny_within_one_policy(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":["
                     "{\"effect\":\"deny\",\"action\":\"trtc:Dismiss*\",\"resource\":\"*\"},"
                     "{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"},"
                     "{\"effect\":\"deny\",\"action\":\"*:DismissRoom\",\"resource\":\"" RES1 "\"}]}");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    assert_int_equal(r.d.match_count, 2);
    assert_true(has_match(&r, 0, 0, CAMSIM_DENY));
    assert_true(has_match(&r, 0, 2, CAMSIM_DENY));
    set_free(&s);
}

static void test_boundary(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:*\"", "\"*\"");
    /* Policies allow, boundary allows. */
    s.boundary = stmt("allow", "\"trtc:Dismiss*\"", "\"*\"");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    assert_true(has_match(&r, 0, 0, CAMSIM_ALLOW));
    /* Policies allow, boundary does not. */
    eval_simple(&s, "trtc:RemoveUser", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    assert_int_equal(r.d.match_count, 0);
    camsim_policy_free(s.boundary);

    /* Boundary denies explicitly. */
    s.boundary = pol("{\"version\":\"2.0\",\"statement\":["
                     "{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"},"
                     "{\"effect\":\"deny\",\"action\":\"trtc:DismissRoom\",\"resource\":\"*\"}]}");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    assert_true(has_match(&r, (uint32_t)s.n, 1, CAMSIM_DENY));
    eval_simple(&s, "trtc:RemoveUser", RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    camsim_policy_free(s.p[0]);
    s.n = 0;

    /* Boundary allows but no policy does. */
    eval_simple(&s, "trtc:RemoveUser", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    s.p[s.n++] = stmt("allow", "\"tcmpp:*\"", "\"*\"");
    eval_simple(&s, "trtc:RemoveUser", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);

    /* Policy deny beats a boundary allow. */
    s.p[s.n++] = stmt("deny", "\"trtc:RemoveUser\"", "\"*\"");
    eval_simple(&s, "trtc:RemoveUser", RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    assert_true(has_match(&r, 1, 0, CAMSIM_DENY));
    set_free(&s);
}

/* An error while evaluating the boundary is the request's error, never a
 * decision taken without it. */
static void test_boundary_error(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:*\"", "\"*\"");
    s.boundary = pol("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"*\","
                     "\"resource\":\"*\",\"condition\":{\"numeric_equal\":{\"qcs:x\":1}}}]}");
    const char *bad[] = {"abc"};
    camsim_context_entry ctx[] = {{"qcs:x", bad, 1}};
    camsim_request req;
    memset(&req, 0, sizeof req);
    req.action = "trtc:DismissRoom";
    req.resource = RES1;
    req.context = ctx;
    req.context_count = 1;
    eval_req(&s, &req, &r);
    assert_int_not_equal(r.rc, CAMSIM_OK);
    assert_int_equal(r.d.decision, CAMSIM_DENY);
    set_free(&s);
}

/* 64 statements the index lists (resource "*": no key), each granting one
 * catalog action: exactly one word of bits per action, filled to its last
 * bit. Every action is granted by its statement and by no other. */
static void test_listed_full_word(void **state)
{
    (void)state;
    enum { COUNT = 64 };
    size_t cap = 64 + COUNT * 128, len = 0;
    char *json = malloc(cap);
    assert_non_null(json);
    len += (size_t)snprintf(json + len, cap - len, "{\"version\":\"2.0\",\"statement\":[");
    for (size_t i = 0; i < COUNT; i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        assert_non_null(a);
        len += (size_t)snprintf(json + len, cap - len,
                                "%s{\"effect\":\"allow\",\"action\":\"%s:%s\",\"resource\":\"*\"}",
                                i ? "," : "", a->service, a->name);
    }
    snprintf(json + len, cap - len, "]}");
    set s = {0};
    s.p[s.n++] = pol(json);
    free(json);
    result r;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        char action[128];
        snprintf(action, sizeof action, "%s:%s", a->service, a->name);
        eval_simple(&s, action, a->granularity == CAMSIM_OPERATION_LEVEL ? NULL : RES1, &r);
        if (i < COUNT) {
            expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
            assert_int_equal(r.d.match_count, 1);
            assert_int_equal(r.m[0].statement, i);
        } else {
            expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
        }
    }
    set_free(&s);
}

static void test_order_independence(void **state)
{
    (void)state;
    const char *docs[] = {
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":\"*\"},"
        "{\"effect\":\"deny\",\"action\":\"trtc:Remove*\",\"resource\":\"" RES1 "\"}]}",
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"deny\",\"action\":\"trtc:Remove*\",\"resource\":\"" RES1 "\"},"
        "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":\"*\"}]}",
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":\"" RES2 "\"}]}",
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"deny\",\"action\":\"tcmpp:*\",\"resource\":\"*\"}]}",
    };
    const char *actions[] = {"trtc:RemoveUser", "trtc:DismissRoom", "tcmpp:DescribeMNP"};
    const char *resources[] = {RES1, RES2, "qcs::tcmpp:ap-guangzhou:uin/100001:Limit/p1"};
    int perms[][4] = {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}};
    for (size_t a = 0; a < N(actions); a++) {
        for (size_t res = 0; res < N(resources); res++) {
            int first_decision = -1, first_reason = -1;
            for (size_t k = 0; k < N(perms); k++) {
                set s = {0};
                for (size_t i = 0; i < 4; i++)
                    s.p[s.n++] = pol(docs[perms[k][i]]);
                result r;
                eval_simple(&s, actions[a], resources[res], &r);
                assert_int_equal(r.rc, CAMSIM_OK);
                if (first_decision < 0) {
                    first_decision = (int)r.d.decision;
                    first_reason = (int)r.d.reason;
                } else {
                    assert_int_equal((int)r.d.decision, first_decision);
                    assert_int_equal((int)r.d.reason, first_reason);
                }
                set_free(&s);
            }
        }
    }
}

static void test_action_list_order(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "[\"trtc:RemoveUser\",\"trtc:DismissRoom\"]", "[\"" RES2 "\",\"" RES1 "\"]");
    eval_simple(&s, "trtc:DismissRoom", RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_simple(&s, "trtc:RemoveUser", RES2, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    set_free(&s);
}

/* DescribeRecordStatistic: an operation-level TRTC server action. */
#define OPA "trtc:DescribeRecordStatistic"

static void test_operation_level(void **state)
{
    (void)state;
    set s = {0};
    result r;
    /* Only specific resources: the allow does not apply. */
    s.p[s.n++] = stmt("allow", "\"" OPA "\"", "\"qcs::trtc::uin/100001:sdkappid/*\"");
    eval_simple(&s, OPA, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    /* Even when the request names a resource the pattern would match. */
    eval_simple(&s, OPA, RES1, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);

    /* Glob patterns that happen to match everything are not the literal `*`. */
    s.p[s.n++] = stmt("allow", "\"" OPA "\"", "[\"qcs::*:*:*:*\",\"qcs:::::*\"]");
    eval_simple(&s, OPA, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);

    /* Literal `*` in the resource list: applies. */
    s.p[s.n++] = stmt("allow", "\"" OPA "\"", "[\"qcs::trtc::uin/100001:sdkappid/1\",\"*\"]");
    eval_simple(&s, OPA, NULL, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    assert_true(has_match(&r, 0, 0, CAMSIM_ALLOW));

    /* A deny on specific resources does not apply either. */
    s.p[s.n++] = stmt("deny", "\"trtc:*\"", "\"" RES1 "\"");
    eval_simple(&s, OPA, NULL, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_simple(&s, OPA, RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);

    /* A deny with `*` does. */
    s.p[s.n++] = stmt("deny", "\"trtc:Describe*\"", "\"*\"");
    eval_simple(&s, OPA, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    assert_int_equal(r.d.match_count, 1);
    assert_true(has_match(&r, 2, 0, CAMSIM_DENY));
    set_free(&s);

    /* A console operation-level action. */
    s.p[s.n++] = stmt("allow", "\"trtc:CreateTrtcApp\"", "\"qcs::trtc::uin/100001:*\"");
    eval_simple(&s, "trtc:CreateTrtcApp", NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);
}

static void test_resource_level_without_resource(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"*\"", "\"*\"");
    eval_simple(&s, "trtc:DismissRoom", NULL, &r);
    assert_int_equal(r.rc, CAMSIM_E_REQUEST);
    assert_int_equal(r.d.decision, CAMSIM_DENY);
    /* The message names the template and its parameters. */
    assert_contains(r.err.message, "sdkappid/${SdkAppId}");
    assert_contains(r.err.message, "SdkAppId");

    eval_simple(&s, "tcmpp:DescribeMNP", NULL, &r);
    assert_int_equal(r.rc, CAMSIM_E_REQUEST);
    assert_contains(r.err.message, "PlatformId");
    assert_contains(r.err.message, "Region");

    /* The template is found through name/ and any case. */
    eval_simple(&s, "name/TRTC:dismissroom", NULL, &r);
    assert_int_equal(r.rc, CAMSIM_E_REQUEST);
    set_free(&s);
}

static void test_unknown_action(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:NoSuchAction\"", "\"" RES1 "\"");
    /* Evaluated as resource level: specific resources apply. */
    eval_simple(&s, "trtc:NoSuchAction", RES1, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_simple(&s, "trtc:NoSuchAction", RES2, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    /* Without a concrete resource they are operation level: only "*" applies. */
    eval_simple(&s, "trtc:NoSuchAction", NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);
    s.p[s.n++] = stmt("allow", "\"*\"", "\"*\"");
    eval_simple(&s, "cvm:RunInstances", NULL, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_simple(&s, "cvm:RunInstances", "*", &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_simple(&s, "cvm:RunInstances", "qcs::cvm:ap-guangzhou:uin/100001:instance/ins-1", &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    set_free(&s);
}

static void test_invalid_requests(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"*\"", "\"*\"");
    const char *bad_actions[] = {"trtc", ":x", "x:", "", "*"};
    for (size_t i = 0; i < N(bad_actions); i++) {
        eval_simple(&s, bad_actions[i], RES1, &r);
        if (r.rc == CAMSIM_OK && r.d.decision == CAMSIM_ALLOW) {
            print_error("action \"%s\" was allowed\n", bad_actions[i]);
            fail();
        }
    }
    eval_simple(&s, "trtc", RES1, &r);
    assert_int_equal(r.rc, CAMSIM_E_REQUEST);
    eval_simple(&s, NULL, RES1, &r);
    assert_int_not_equal(r.rc, CAMSIM_OK);
    const char *bad_resources[] = {"sdkappid/1", "qcs::trtc:uin/1:x", "qcs:1:trtc::uin/1:x", "*", ""};
    for (size_t i = 0; i < N(bad_resources); i++) {
        eval_simple(&s, "trtc:DismissRoom", bad_resources[i], &r);
        if (r.rc != CAMSIM_E_REQUEST) {
            print_error("resource \"%s\": %s, expected request error\n", bad_resources[i],
                        camsim_code_name(r.rc));
            fail();
        }
    }
    /* Over-long request strings. */
    size_t n = CAMSIM_MAX_REQUEST_STRING + 1;
    char *big = malloc(n + 64);
    assert_non_null(big);
    strcpy(big, "qcs::trtc::uin/100001:sdkappid/");
    size_t k = strlen(big);
    memset(big + k, '1', n);
    big[k + n] = '\0';
    eval_simple(&s, "trtc:DismissRoom", big, &r);
    assert_int_equal(r.rc, CAMSIM_E_LIMIT);
    strcpy(big, "trtc:");
    memset(big + 5, 'a', n);
    big[5 + n] = '\0';
    eval_simple(&s, big, RES1, &r);
    assert_int_equal(r.rc, CAMSIM_E_LIMIT);
    free(big);

    /* NULL arguments. */
    camsim_decision d;
    memset(&d, 0, sizeof d);
    camsim_request req = {"trtc:DismissRoom", RES1, NULL, NULL, NULL, 0};
    const camsim_policy *ps[1] = {s.p[0]};
    assert_int_equal(camsim_evaluate(ps, 1, NULL, NULL, &d, NULL), CAMSIM_E_ARGUMENT);
    assert_int_equal(camsim_evaluate(ps, 1, NULL, &req, NULL, NULL), CAMSIM_E_ARGUMENT);
    assert_int_equal(camsim_evaluate(NULL, 1, NULL, &req, &d, NULL), CAMSIM_E_ARGUMENT);
    assert_int_equal(camsim_evaluate(NULL, 0, NULL, &req, &d, NULL), CAMSIM_OK);
    assert_int_equal(d.decision, CAMSIM_DENY);
    assert_int_equal(d.reason, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);
}

#define PRIN "qcs::cam::uin/100001:uin/200002"

static void eval_principal(const set *s, const char *principal, result *r)
{
    camsim_request req;
    memset(&req, 0, sizeof req);
    req.action = "trtc:DismissRoom";
    req.resource = RES1;
    req.principal = principal;
    eval_req(s, &req, r);
}

static void test_principal(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"" PRIN "\"]},"
                     "\"statement\":[{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}]}");
    eval_principal(&s, PRIN, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_principal(&s, "qcs::cam::uin/100001:uin/200003", &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    eval_principal(&s, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);

    /* "*": any principal, but a request without one does not match. */
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"principal\":\"*\","
                     "\"statement\":[{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"}]}");
    eval_principal(&s, PRIN, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_principal(&s, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);

    /* Per statement, with a glob; a deny without principal applies to all. */
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":["
                     "{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\","
                     "\"principal\":{\"qcs\":[\"qcs::cam::uin/100001:uin/*\"]}},"
                     "{\"effect\":\"deny\",\"action\":\"*\",\"resource\":\"*\","
                     "\"principal\":{\"qcs\":[\"qcs::cam::uin/100001:uin/666\",\"" PRIN "x\"]}}]}");
    eval_principal(&s, PRIN, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    eval_principal(&s, "qcs::cam::uin/100001:uin/666", &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    assert_true(has_match(&r, 0, 1, CAMSIM_DENY));
    eval_principal(&s, "qcs::cam::uin/100002:uin/200002", &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    eval_principal(&s, NULL, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);

    /* A deny whose principal the request lacks does not apply (fail-closed is
     * the implicit deny for the allow side; the deny just does not match). */
    s.p[s.n++] = stmt("allow", "\"*\"", "\"*\"");
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"" PRIN "\"]},"
                     "\"statement\":[{\"effect\":\"deny\",\"action\":\"*\",\"resource\":\"*\"}]}");
    eval_principal(&s, PRIN, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_EXPLICIT_DENY);
    eval_principal(&s, NULL, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    set_free(&s);
}

static void test_matches_buffer(void **state)
{
    (void)state;
    set s = {0};
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":["
                     "{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\"},"
                     "{\"effect\":\"allow\",\"action\":\"trtc:*\",\"resource\":\"*\"},"
                     "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":\"" RES1 "\"}]}");
    s.p[s.n++] = stmt("allow", "\"*:*\"", "\"*\"");
    const camsim_policy *ps[] = {s.p[0], s.p[1]};
    camsim_request req = {"trtc:DismissRoom", RES1, NULL, NULL, NULL, 0};
    camsim_match m[3];
    for (size_t i = 0; i < N(m); i++) {
        m[i].policy = 77;
        m[i].statement = 77;
    }
    camsim_decision d;
    memset(&d, 0, sizeof d);
    d.matches = m;
    d.match_capacity = 2;
    assert_int_equal(camsim_evaluate(ps, 2, NULL, &req, &d, NULL), CAMSIM_OK);
    assert_int_equal(d.decision, CAMSIM_ALLOW);
    assert_int_equal(d.match_count, 4);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(m[i].effect, CAMSIM_ALLOW);
        assert_true((m[i].policy == 0 && m[i].statement < 3) ||
                    (m[i].policy == 1 && m[i].statement == 0));
    }
    assert_true(m[0].policy != m[1].policy || m[0].statement != m[1].statement);
    /* The buffer is not written past its capacity. */
    assert_int_equal(m[2].policy, 77);
    assert_int_equal(m[2].statement, 77);

    /* No buffer at all. */
    memset(&d, 0, sizeof d);
    assert_int_equal(camsim_evaluate(ps, 2, NULL, &req, &d, NULL), CAMSIM_OK);
    assert_int_equal(d.decision, CAMSIM_ALLOW);
    assert_int_equal(d.match_count, 4);
    set_free(&s);
}

static void test_conditions_in_eval(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"*\","
                     "\"resource\":\"*\",\"condition\":{\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"},"
                     "\"string_equal\":{\"qcs:resource_tag/env\":[\"prod\",\"staging\"],"
                     "\"vpc:region\":\"ap-guangzhou\"}}}]}");
    const char *ip[] = {"10.1.2.3"};
    const char *ip_bad[] = {"11.1.2.3"};
    const char *env[] = {"dev", "staging"};
    const char *region[] = {"ap-guangzhou"};
    camsim_context_entry ctx[] = {{"qcs:ip", ip, 1}, {"qcs:resource_tag/env", env, 2},
                                  {"vpc:region", region, 1}};
    camsim_request req = {"trtc:DismissRoom", RES1, NULL, NULL, ctx, 3};
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    /* Operators AND-ed. */
    ctx[0].values = ip_bad;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    ctx[0].values = ip;
    /* Keys inside one operator AND-ed. */
    req.context_count = 2;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    /* A key with zero values counts as absent. */
    req.context_count = 3;
    ctx[2].count = 0;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    ctx[2].count = 1;
    /* Keys are case-sensitive. */
    ctx[0].key = "QCS:IP";
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    ctx[0].key = "qcs:ip";
    /* An unreadable request value is an error, never an allow. */
    const char *ip_garbage[] = {"not-an-ip"};
    ctx[0].values = ip_garbage;
    eval_req(&s, &req, &r);
    assert_int_equal(r.rc, CAMSIM_E_REQUEST);
    set_free(&s);
}

static void test_variables_in_eval(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = pol("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"*\","
                     "\"resource\":\"qcs::trtc::uin/100001:sdkappid/${app_id}\","
                     "\"condition\":{\"string_equal\":{\"qcs:resource_tag/owner\":\"${uin}\"}}}]}");
    const char *uin[] = {"200002"};
    const char *app[] = {"1400000001"};
    const char *owner[] = {"200002"};
    camsim_context_entry ctx[] = {{"qcs:uin", uin, 1}, {"qcs:app_id", app, 1},
                                  {"qcs:resource_tag/owner", owner, 1}};
    camsim_request req = {"trtc:DismissRoom", RES1, NULL, NULL, ctx, 3};
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    req.resource = RES2;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    req.resource = RES1;
    const char *other[] = {"300003"};
    ctx[2].values = other;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    ctx[2].values = owner;
    /* Without qcs:uin, ${uin} matches nothing. */
    req.context = ctx + 1;
    req.context_count = 2;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    set_free(&s);
}

static void test_owner_uin(void **state)
{
    (void)state;
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"*\"", "\"qcs::trtc:::sdkappid/*\"");
    camsim_request req = {"trtc:DismissRoom", RES1, "100001", NULL, NULL, 0};
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    req.owner_uin = "999999";
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    req.owner_uin = NULL;
    eval_req(&s, &req, &r);
    expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
    set_free(&s);
}

static void test_concurrent_reuse(void **state)
{
    (void)state;
    /* The same compiled policy evaluated repeatedly gives the same answer. */
    set s = {0};
    result r;
    s.p[s.n++] = stmt("allow", "\"trtc:*\"", "\"*\"");
    for (int i = 0; i < 1000; i++) {
        eval_simple(&s, "trtc:DismissRoom", RES1, &r);
        expect(&r, CAMSIM_ALLOW, CAMSIM_REASON_ALLOW);
        eval_simple(&s, "tcmpp:DescribeMNP", "qcs::tcmpp:ap-guangzhou:uin/1:Limit/p", &r);
        expect(&r, CAMSIM_DENY, CAMSIM_REASON_IMPLICIT_DENY);
    }
    set_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_implicit_deny),
        cmocka_unit_test(test_allow),
        cmocka_unit_test(test_deny_overrides),
        cmocka_unit_test(test_deny_within_one_policy),
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_boundary_error),
        cmocka_unit_test(test_listed_full_word),
        cmocka_unit_test(test_order_independence),
        cmocka_unit_test(test_action_list_order),
        cmocka_unit_test(test_operation_level),
        cmocka_unit_test(test_resource_level_without_resource),
        cmocka_unit_test(test_unknown_action),
        cmocka_unit_test(test_invalid_requests),
        cmocka_unit_test(test_principal),
        cmocka_unit_test(test_matches_buffer),
        cmocka_unit_test(test_conditions_in_eval),
        cmocka_unit_test(test_variables_in_eval),
        cmocka_unit_test(test_owner_uin),
        cmocka_unit_test(test_concurrent_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
