/* test_policy.c: camsim_policy_parse grammar, error paths, limits and the
 * canonical form (docs/semantics.md section 1). */
#include <stdbool.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "unit_util.h"

#include "camsim/camsim.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Expected code: an exact code, or ANY_GV for "grammar or value" (the
 * header does not say which of the two a well-typed but wrong value is). */
#define ANY_GV (-1)

static camsim_policy *parse_n(const char *json, size_t len, camsim_error *err)
{
    memset(err, 0, sizeof *err);
    return camsim_policy_parse(json, len, err);
}

static camsim_policy *parse_ok(const char *json)
{
    camsim_error err;
    camsim_policy *p = parse_n(json, strlen(json), &err);
    if (!p) {
        print_error("rejected a valid policy: %s\n  code %s path \"%s\": %s\n", json,
                    camsim_code_name(err.code), err.path, err.message);
        fail();
    }
    return p;
}

/* Reject doc[0..len) with code, path (exact, or NULL: not checked) and a
 * message that contains word (or NULL). Prints what is wrong and returns
 * false instead of failing, so one table reports every bad row. */
static bool check_reject_n(const char *doc, size_t len, int code, const char *path,
                           const char *word)
{
    camsim_error err;
    camsim_policy *p = parse_n(doc, len, &err);
    if (p) {
        camsim_policy_free(p);
        print_error("accepted an invalid policy: %.300s\n", doc);
        return false;
    }
    int code_ok = code == ANY_GV ? (err.code == CAMSIM_E_GRAMMAR || err.code == CAMSIM_E_VALUE)
                                 : (int)err.code == code;
    if (!code_ok) {
        print_error("policy %.300s\n  code %s (%d), expected %s; path \"%s\": %s\n", doc,
                    camsim_code_name(err.code), (int)err.code,
                    code == ANY_GV ? "grammar or value" : camsim_code_name((camsim_code)code),
                    err.path, err.message);
        return false;
    }
    if (err.message[0] == '\0') {
        print_error("policy %.300s: empty error message\n", doc);
        return false;
    }
    if (path && strcmp(err.path, path) != 0) {
        print_error("policy %.300s\n  path \"%s\", expected \"%s\" (%s)\n", doc, err.path, path,
                    err.message);
        return false;
    }
    if (word) {
        size_t wl = strlen(word), ml = strlen(err.message);
        bool found = false;
        for (size_t i = 0; !found && i + wl <= ml; i++) {
            size_t j = 0;
            while (j < wl && unit_lower((unsigned char)err.message[i + j]) ==
                                 unit_lower((unsigned char)word[j]))
                j++;
            found = j == wl;
        }
        if (!found) {
            print_error("policy %.300s\n  message \"%s\" does not mention \"%s\"\n", doc,
                        err.message, word);
            return false;
        }
    }
    return true;
}

static void reject_n(const char *doc, size_t len, int code, const char *path, const char *word)
{
    if (!check_reject_n(doc, len, code, path, word))
        fail();
}

static void reject(const char *doc, int code, const char *path, const char *word)
{
    reject_n(doc, strlen(doc), code, path, word);
}

#define S_OK "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":\"*\"}"
#define DOC(stmt) "{\"version\":\"2.0\",\"statement\":[" stmt "]}"
#define STMT(extra) "{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":\"*\"," extra "}"

static void test_valid_forms(void **state)
{
    (void)state;
    camsim_policy *p = parse_ok(DOC(S_OK));
    assert_int_equal(camsim_policy_statement_count(p), 1);
    camsim_policy_free(p);

    p = parse_ok("{\"version\":\"2.0\",\"statement\":" S_OK "}");
    assert_int_equal(camsim_policy_statement_count(p), 1);
    camsim_policy_free(p);

    p = parse_ok(DOC(S_OK "," S_OK "," S_OK));
    assert_int_equal(camsim_policy_statement_count(p), 3);
    camsim_policy_free(p);

    p = parse_ok("{\"statement\":[" S_OK "],\"version\":\"2.0\"}");
    camsim_policy_free(p);

    p = parse_ok(" \n\t{ \"version\" : \"2.0\" , \"statement\" : [ " S_OK " ] } \n");
    camsim_policy_free(p);

    p = parse_ok(
        "{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"qcs::cam::uin/100001:uin/200002\"]},"
        "\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/trtc:Describe*\","
        "\"trtc:DismissRoom\"],\"resource\":[\"qcs::trtc::uin/100001:sdkappid/1400000001\"],"
        "\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\"]}}}]}");
    camsim_policy_free(p);

    p = parse_ok("{\"version\":\"2.0\",\"principal\":\"*\",\"statement\":" S_OK "}");
    camsim_policy_free(p);
    p = parse_ok(DOC(STMT("\"principal\":{\"qcs\":[\"qcs::cam::uin/1:uin/*\"]}")));
    camsim_policy_free(p);
    p = parse_ok(DOC("{\"effect\":\"deny\",\"action\":[\"*\"],\"resource\":[\"*\"]}"));
    camsim_policy_free(p);
    p = parse_ok(DOC(STMT("\"condition\":{\"numeric_less_than\":{\"n\":10},"
                          "\"bool_equal\":{\"b\":true},\"numeric_equal\":{\"m\":\"7\"},"
                          "\"for_all_value:string_equal_if_exist\":{\"t\":[\"a\",\"b\"]},"
                          "\"null_equal\":{\"z\":\"true\"}}")));
    camsim_policy_free(p);

    /* Not NUL-terminated: only len bytes are read. */
    const char *d = DOC(S_OK) "garbage";
    camsim_error err;
    p = parse_n(d, strlen(d) - strlen("garbage"), &err);
    assert_non_null(p);
    camsim_policy_free(p);
    camsim_policy_free(NULL);
}

/* ---- table-driven grammar errors --------------------------------------- */

typedef struct bad_case {
    const char *doc;
    int code;
    const char *path;
    const char *word;
} bad_case;

#define G CAMSIM_E_GRAMMAR
#define V CAMSIM_E_VALUE

static const bad_case root_cases[] = {
    {"[]", G, "", NULL},
    {"\"x\"", G, "", NULL},
    {"1", G, "", NULL},
    {"null", G, "", NULL},
    {"true", G, "", NULL},
    {"{}", G, "", "version"},
    {"{\"statement\":[" S_OK "]}", G, "", "version"},
    {"{\"version\":\"2.0\"}", G, "", "statement"},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],\"Version\":\"2.0\"}", G, "/Version", "version"},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],\"Statement\":[" S_OK "]}", G, "/Statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],\"id\":\"x\"}", G, "/id", NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],\"sid\":\"x\"}", G, "/sid", NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],\"effect\":\"allow\"}", G, "/effect", NULL},
};

static const bad_case version_cases[] = {
    {"{\"version\":2.0,\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":2,\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":1e999,\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":true,\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":null,\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":[],\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":[\"2.0\"],\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":{},\"statement\":[" S_OK "]}", G, "/version", "version"},
    {"{\"version\":\"2\",\"statement\":[" S_OK "]}", ANY_GV, "/version", "2.0"},
    {"{\"version\":\"1.0\",\"statement\":[" S_OK "]}", ANY_GV, "/version", "2.0"},
    {"{\"version\":\"2.0 \",\"statement\":[" S_OK "]}", ANY_GV, "/version", "2.0"},
    {"{\"version\":\"\",\"statement\":[" S_OK "]}", ANY_GV, "/version", "2.0"},
};

static const bad_case statement_cases[] = {
    {"{\"version\":\"2.0\",\"statement\":1}", G, "/statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":\"x\"}", G, "/statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":null}", G, "/statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":true}", G, "/statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":[]}", ANY_GV, "/statement", "statement"},
    {"{\"version\":\"2.0\",\"statement\":{}}", G, "/statement", "effect"},
    {DOC("1"), G, "/statement/0", NULL},
    {DOC("\"x\""), G, "/statement/0", NULL},
    {DOC("null"), G, "/statement/0", NULL},
    {DOC("[]"), G, "/statement/0", NULL},
    {DOC("[" S_OK "]"), G, "/statement/0", NULL},
    {DOC(S_OK ",1"), G, "/statement/1", NULL},
    {DOC(S_OK "," S_OK ",{}"), G, "/statement/2", "effect"},
    {DOC("{\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0", "effect"},
    {DOC("{\"effect\":\"allow\",\"resource\":\"*\"}"), G, "/statement/0", "action"},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\"}"), G, "/statement/0", "resource"},
    {"{\"version\":\"2.0\",\"statement\":{\"action\":\"trtc:x\",\"resource\":\"*\"}}", G,
     "/statement", "effect"},
    {"{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"trtc:x\","
     "\"resource\":\"*\",\"sid\":\"a\"}}", G, "/statement/sid", NULL},
    /* Capitalised and unknown element names. */
    {DOC("{\"Effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":\"*\"}"), G,
     "/statement/0/Effect", "effect"},
    {DOC("{\"effect\":\"allow\",\"Action\":\"trtc:x\",\"resource\":\"*\"}"), G,
     "/statement/0/Action", "action"},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\",\"Resource\":\"*\"}"), G,
     "/statement/0/Resource", "resource"},
    {DOC(STMT("\"Condition\":{}")), G, "/statement/0/Condition", "condition"},
    {DOC(STMT("\"Principal\":\"*\"")), G, "/statement/0/Principal", "principal"},
    {DOC(STMT("\"EFFECT\":\"allow\"")), G, "/statement/0/EFFECT", "effect"},
    {DOC(STMT("\"sid\":\"s1\"")), G, "/statement/0/sid", NULL},
    {DOC(STMT("\"notaction\":\"trtc:x\"")), G, "/statement/0/notaction", NULL},
    {DOC(STMT("\"notresource\":\"*\"")), G, "/statement/0/notresource", NULL},
    {DOC(STMT("\"version\":\"2.0\"")), G, "/statement/0/version", NULL},
    {DOC(STMT("\"\":1")), G, "/statement/0/", NULL},
};

static const bad_case effect_cases[] = {
    {DOC("{\"effect\":1,\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":true,\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":null,\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":[],\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":[\"allow\"],\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":{},\"action\":\"trtc:x\",\"resource\":\"*\"}"), G, "/statement/0/effect", "effect"},
    {DOC("{\"effect\":\"Allow\",\"action\":\"trtc:x\",\"resource\":\"*\"}"), ANY_GV, "/statement/0/effect", "allow"},
    {DOC("{\"effect\":\"DENY\",\"action\":\"trtc:x\",\"resource\":\"*\"}"), ANY_GV, "/statement/0/effect", "deny"},
    {DOC("{\"effect\":\"permit\",\"action\":\"trtc:x\",\"resource\":\"*\"}"), ANY_GV, "/statement/0/effect", "allow"},
    {DOC("{\"effect\":\"\",\"action\":\"trtc:x\",\"resource\":\"*\"}"), ANY_GV, "/statement/0/effect", "allow"},
};

#define ACT(v) DOC("{\"effect\":\"allow\",\"action\":" v ",\"resource\":\"*\"}")
#define RES(v) DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":" v "}")

static const bad_case action_cases[] = {
    {ACT("1"), G, "/statement/0/action", "action"},
    {ACT("true"), G, "/statement/0/action", "action"},
    {ACT("null"), G, "/statement/0/action", "action"},
    {ACT("{}"), G, "/statement/0/action", "action"},
    {ACT("[]"), ANY_GV, "/statement/0/action", "action"},
    {ACT("\"\""), ANY_GV, "/statement/0/action", NULL},
    {ACT("[1]"), G, "/statement/0/action/0", NULL},
    {ACT("[\"trtc:x\",null]"), G, "/statement/0/action/1", NULL},
    {ACT("[[\"trtc:x\"]]"), G, "/statement/0/action/0", NULL},
    {ACT("[{}]"), G, "/statement/0/action/0", NULL},
    {ACT("[\"\"]"), ANY_GV, "/statement/0/action/0", NULL},
    {ACT("[\"trtc:x\",\"\"]"), ANY_GV, "/statement/0/action/1", NULL},
    {ACT("\"trtc\""), V, "/statement/0/action", NULL},
    {ACT("[\"trtc\"]"), V, "/statement/0/action/0", NULL},
    {ACT("[\"trtc:x\",\":x\"]"), V, "/statement/0/action/1", NULL},
    {ACT("[\"x:\"]"), V, "/statement/0/action/0", NULL},
    {ACT("[\"name/\"]"), V, "/statement/0/action/0", NULL},
};

static const bad_case resource_cases[] = {
    {RES("1"), G, "/statement/0/resource", "resource"},
    {RES("true"), G, "/statement/0/resource", "resource"},
    {RES("null"), G, "/statement/0/resource", "resource"},
    {RES("{}"), G, "/statement/0/resource", "resource"},
    {RES("[]"), ANY_GV, "/statement/0/resource", "resource"},
    {RES("\"\""), ANY_GV, "/statement/0/resource", NULL},
    {RES("[1]"), G, "/statement/0/resource/0", NULL},
    {RES("[\"*\",false]"), G, "/statement/0/resource/1", NULL},
    {RES("[[\"*\"]]"), G, "/statement/0/resource/0", NULL},
    {RES("[\"\"]"), ANY_GV, "/statement/0/resource/0", NULL},
    {RES("\"qcs::trtc:uin/1:sdkappid/1\""), V, "/statement/0/resource", NULL},
    {RES("[\"*\",\"qcs::trtc:uin/1:sdkappid/1\"]"), V, "/statement/0/resource/1", NULL},
    {RES("[\"qcs:1:trtc::uin/1:sdkappid/1\"]"), V, "/statement/0/resource/0", NULL},
    {RES("[\"QCS::trtc::uin/1:sdkappid/1\"]"), V, "/statement/0/resource/0", NULL},
    {RES("[\"sdkappid/1\"]"), V, "/statement/0/resource/0", NULL},
    {RES("[\"**\"]"), V, "/statement/0/resource/0", NULL},
    {RES("[\"trtc:*\"]"), V, "/statement/0/resource/0", NULL},
};

#define CND(v) DOC(STMT("\"condition\":" v))
#define CP "/statement/0/condition"

static const bad_case condition_cases[] = {
    {CND("\"x\""), G, CP, "condition"},
    {CND("1"), G, CP, "condition"},
    {CND("[]"), G, CP, "condition"},
    {CND("null"), G, CP, "condition"},
    {CND("true"), G, CP, "condition"},
    {CND("{\"string_equal\":\"x\"}"), G, CP "/string_equal", NULL},
    {CND("{\"string_equal\":[]}"), G, CP "/string_equal", NULL},
    {CND("{\"string_equal\":null}"), G, CP "/string_equal", NULL},
    {CND("{\"string_equal\":{\"k\":{}}}"), G, CP "/string_equal/k", NULL},
    {CND("{\"string_equal\":{\"k\":null}}"), G, CP "/string_equal/k", NULL},
    {CND("{\"string_equal\":{\"k\":[{}]}}"), G, CP "/string_equal/k/0", NULL},
    {CND("{\"string_equal\":{\"k\":[[\"a\"]]}}"), G, CP "/string_equal/k/0", NULL},
    {CND("{\"string_equal\":{\"k\":[\"a\",null]}}"), G, CP "/string_equal/k/1", NULL},
    {CND("{\"string_equal\":{\"k\":[]}}"), ANY_GV, CP "/string_equal/k", NULL},
    {CND("{\"bogus_op\":{\"k\":\"v\"}}"), ANY_GV, CP "/bogus_op", "bogus_op"},
    {CND("{\"StringEquals\":{\"k\":\"v\"}}"), ANY_GV, CP "/StringEquals", NULL},
    {CND("{\"string_equal\":{\"k\":\"v\"},\"String_Equal\":{\"k\":\"v\"}}"), ANY_GV, CP "/String_Equal", NULL},
    {CND("{\"null_equal_if_exist\":{\"k\":\"true\"}}"), ANY_GV, CP "/null_equal_if_exist", NULL},
    {CND("{\"for_some_value:string_equal\":{\"k\":\"v\"}}"), ANY_GV, CP "/for_some_value:string_equal", NULL},
    {CND("{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\",\"10.0.0.0/33\"]}}"), V, CP "/ip_equal/qcs:ip/1", NULL},
    {CND("{\"ip_equal\":{\"qcs:ip\":\"999.0.0.1\"}}"), V, CP "/ip_equal/qcs:ip", NULL},
    {CND("{\"ip_not_equal\":{\"qcs:ip\":[\"fe80::/200\"]}}"), V, CP "/ip_not_equal/qcs:ip/0", NULL},
    {CND("{\"date_equal\":{\"qcs:current_time\":\"tomorrow\"}}"), V, CP "/date_equal/qcs:current_time", NULL},
    {CND("{\"date_less_than\":{\"t\":[\"2026-06-01T00:00:00Z\",\"2026-02-30T00:00:00Z\"]}}"), V,
     CP "/date_less_than/t/1", NULL},
    {CND("{\"numeric_equal\":{\"n\":\"abc\"}}"), V, CP "/numeric_equal/n", NULL},
    {CND("{\"numeric_equal\":{\"n\":[1,\"x\"]}}"), V, CP "/numeric_equal/n/1", NULL},
    {CND("{\"bool_equal\":{\"b\":\"yes\"}}"), V, CP "/bool_equal/b", NULL},
    {CND("{\"null_equal\":{\"k\":\"maybe\"}}"), V, CP "/null_equal/k", NULL},
    /* JSON pointer escaping: `~` is ~0 and `/` is ~1. */
    {CND("{\"date_equal\":{\"a~b/c\":[\"bad\"]}}"), V, CP "/date_equal/a~0b~1c/0", NULL},
    {CND("{\"ip_equal\":{\"qcs:resource_tag/net\":[\"x\"]}}"), V, CP "/ip_equal/qcs:resource_tag~1net/0", NULL},
};

#define PRN(v) "{\"version\":\"2.0\",\"principal\":" v ",\"statement\":[" S_OK "]}"

static const bad_case principal_cases[] = {
    {PRN("1"), G, "/principal", "principal"},
    {PRN("null"), G, "/principal", "principal"},
    {PRN("true"), G, "/principal", "principal"},
    {PRN("[]"), G, "/principal", "principal"},
    {PRN("[\"*\"]"), G, "/principal", "principal"},
    {PRN("\"x\""), ANY_GV, "/principal", "principal"},
    {PRN("{}"), ANY_GV, "/principal", "principal"},
    {PRN("{\"qcs\":1}"), G, "/principal/qcs", NULL},
    {PRN("{\"qcs\":[]}"), ANY_GV, "/principal/qcs", NULL},
    {PRN("{\"qcs\":[1]}"), G, "/principal/qcs/0", NULL},
    {PRN("{\"qcs\":[\"\"]}"), ANY_GV, "/principal/qcs/0", NULL},
    {PRN("{\"other\":[\"x\"]}"), ANY_GV, "/principal/other", NULL},
    {PRN("{\"QCS\":[\"qcs::cam::uin/1:uin/2\"]}"), ANY_GV, "/principal/QCS", "qcs"},
    {DOC(STMT("\"principal\":1")), G, "/statement/0/principal", "principal"},
    {DOC(STMT("\"principal\":{\"qcs\":[null]}")), G, "/statement/0/principal/qcs/0", NULL},
};

static const bad_case json_cases[] = {
    {"", CAMSIM_E_JSON, NULL, NULL},
    {"   ", CAMSIM_E_JSON, NULL, NULL},
    {"{", CAMSIM_E_JSON, NULL, NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "]", CAMSIM_E_JSON, NULL, NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "],}", CAMSIM_E_JSON, NULL, NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK ",]}", CAMSIM_E_JSON, NULL, NULL},
    {"{'version':'2.0'}", CAMSIM_E_JSON, NULL, NULL},
    {"{version:\"2.0\"}", CAMSIM_E_JSON, NULL, NULL},
    {"/* c */ {\"version\":\"2.0\",\"statement\":[" S_OK "]}", CAMSIM_E_JSON, NULL, NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "]} {}", CAMSIM_E_JSON, NULL, NULL},
    {"{\"version\":\"2.0\",\"statement\":[" S_OK "]}x", CAMSIM_E_JSON, NULL, NULL},
    {DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":NaN}}")), CAMSIM_E_JSON, NULL, NULL},
    {DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":0x10}}")), CAMSIM_E_JSON, NULL, NULL},
    {DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":01}}")), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\\x\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\tx\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    /* Invalid UTF-8: stray byte, overlong, surrogate, truncated sequence. */
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\xff\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\xc0\xaf\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\xed\xa0\x80\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\xe4\xb8\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":\"*\",\"\x80\":1}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":\"*\"}\xf5"), CAMSIM_E_JSON, NULL, NULL},
    /* Escaped NUL and lone surrogates inside strings. */
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\\u0000y\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":\"qcs::trtc::uin/1:a\\u0000\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC(STMT("\"condition\":{\"string_equal\":{\"k\\u0000\":\"v\"}}")), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\\ud800\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    {DOC("{\"effect\":\"allow\",\"action\":\"trtc:\\udc00x\",\"resource\":\"*\"}"), CAMSIM_E_JSON, NULL, NULL},
    /* Duplicate keys. */
    {"{\"version\":\"2.0\",\"version\":\"2.0\",\"statement\":[" S_OK "]}", CAMSIM_E_JSON, "/version", "version"},
    {DOC("{\"effect\":\"allow\",\"effect\":\"deny\",\"action\":\"trtc:x\",\"resource\":\"*\"}"),
     CAMSIM_E_JSON, "/statement/0/effect", "effect"},
    {DOC(S_OK ",{\"effect\":\"deny\",\"action\":\"trtc:x\",\"resource\":\"*\",\"action\":\"trtc:y\"}"),
     CAMSIM_E_JSON, "/statement/1/action", "action"},
    {DOC(STMT("\"condition\":{\"string_equal\":{\"k\":\"a\",\"k\":\"b\"}}")), CAMSIM_E_JSON,
     CP "/string_equal/k", NULL},
    {DOC(STMT("\"condition\":{\"string_equal\":{\"a\":\"1\"},\"string_equal\":{\"b\":\"2\"}}")),
     CAMSIM_E_JSON, CP "/string_equal", NULL},
    {PRN("{\"qcs\":[\"a\"],\"qcs\":[\"b\"]}"), CAMSIM_E_JSON, "/principal/qcs", NULL},
};

static void run_cases(const bad_case *cases, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        if (!check_reject_n(cases[i].doc, strlen(cases[i].doc), cases[i].code, cases[i].path,
                            cases[i].word))
            bad++;
    if (bad) {
        print_error("%zu of %zu rows failed\n", bad, n);
        fail();
    }
}

static void test_root(void **state) { (void)state; run_cases(root_cases, N(root_cases)); }
static void test_version(void **state) { (void)state; run_cases(version_cases, N(version_cases)); }
static void test_statement(void **state) { (void)state; run_cases(statement_cases, N(statement_cases)); }
static void test_effect(void **state) { (void)state; run_cases(effect_cases, N(effect_cases)); }
static void test_action(void **state) { (void)state; run_cases(action_cases, N(action_cases)); }
static void test_resource(void **state) { (void)state; run_cases(resource_cases, N(resource_cases)); }
static void test_condition(void **state) { (void)state; run_cases(condition_cases, N(condition_cases)); }
static void test_principal(void **state) { (void)state; run_cases(principal_cases, N(principal_cases)); }
static void test_json(void **state) { (void)state; run_cases(json_cases, N(json_cases)); }

static void test_statement_path_in_third(void **state)
{
    (void)state;
    reject(DOC(S_OK "," S_OK "," STMT("\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/40\"]}}")),
           V, "/statement/2/condition/ip_equal/qcs:ip/0", NULL);
}

static void test_nul_bytes(void **state)
{
    (void)state;
    /* A raw NUL inside a string, between tokens, and trailing. */
    static const char in_string[] = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
                                    "\"action\":\"trtc:x\0y\",\"resource\":\"*\"}]}";
    reject_n(in_string, sizeof in_string - 1, CAMSIM_E_JSON, NULL, NULL);
    static const char between[] = "{\"version\":\"2.0\",\0\"statement\":[{\"effect\":\"allow\","
                                  "\"action\":\"trtc:x\",\"resource\":\"*\"}]}";
    reject_n(between, sizeof between - 1, CAMSIM_E_JSON, NULL, NULL);
    static const char trailing[] = DOC(S_OK) "\0";
    reject_n(trailing, sizeof trailing - 1, CAMSIM_E_JSON, NULL, NULL);
    static const char leading[] = "\0" DOC(S_OK);
    reject_n(leading, sizeof leading - 1, CAMSIM_E_JSON, NULL, NULL);
}

static char *make_doc(const char *prefix, size_t fill, char fill_byte, const char *suffix)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    char *doc = malloc(pl + fill + sl + 1);
    assert_non_null(doc);
    memcpy(doc, prefix, pl);
    memset(doc + pl, fill_byte, fill);
    memcpy(doc + pl + fill, suffix, sl + 1);
    return doc;
}

#define MB (1024u * 1024u)

static void test_huge_strings(void **state)
{
    (void)state;
    char *doc = make_doc("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"trtc:",
                         MB, 'a', "\"],\"resource\":\"*\"}]}");
    reject(doc, CAMSIM_E_LIMIT, "/statement/0/action/0", NULL);
    free(doc);

    doc = make_doc("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:x\","
                   "\"resource\":[\"qcs::trtc::uin/1:",
                   MB, 'a', "\"]}]}");
    reject(doc, CAMSIM_E_LIMIT, "/statement/0/resource/0", NULL);
    free(doc);

    doc = make_doc("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:x\","
                   "\"resource\":\"*\",\"condition\":{\"string_equal\":{\"k\":[\"",
                   MB, 'a', "\"]}}}]}");
    reject(doc, CAMSIM_E_LIMIT, CP "/string_equal/k/0", NULL);
    free(doc);

    doc = make_doc("{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"qcs::cam::uin/1:uin/", MB, '1',
                   "\"]},\"statement\":[" S_OK "]}");
    reject(doc, CAMSIM_E_LIMIT, "/principal/qcs/0", NULL);
    free(doc);
}

static void test_pattern_limit_boundary(void **state)
{
    (void)state;
    /* "trtc:" + 4091 bytes = 4096 bytes: accepted; one more is a limit error. */
    size_t fill = CAMSIM_MAX_PATTERN_BYTES - 5;
    char *doc = make_doc("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"trtc:",
                         fill, 'a', "\"],\"resource\":\"*\"}]}");
    camsim_policy *p = parse_ok(doc);
    camsim_policy_free(p);
    free(doc);
    doc = make_doc("{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"trtc:",
                   fill + 1, 'a', "\"],\"resource\":\"*\"}]}");
    reject(doc, CAMSIM_E_LIMIT, "/statement/0/action/0", NULL);
    free(doc);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depths[] = {64, 100000};
    for (size_t d = 0; d < N(depths); d++) {
        size_t n = depths[d];
        const char *pre = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:x\","
                          "\"resource\":\"*\",\"condition\":{\"string_equal\":{\"k\":";
        const char *post = "}}}]}";
        size_t pl = strlen(pre), sl = strlen(post);
        char *doc = malloc(pl + 2 * n + sl + 1);
        assert_non_null(doc);
        memcpy(doc, pre, pl);
        memset(doc + pl, '[', n);
        memset(doc + pl + n, ']', n);
        memcpy(doc + pl + 2 * n, post, sl + 1);
        reject(doc, CAMSIM_E_LIMIT, NULL, NULL);
        /* Objects too. */
        char *odoc = malloc(6 * n + 2);
        assert_non_null(odoc);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            memcpy(odoc + k, "{\"a\":", 5);
            k += 5;
        }
        odoc[k++] = '1';
        memset(odoc + k, '}', n);
        k += n;
        odoc[k] = '\0';
        reject(odoc, CAMSIM_E_LIMIT, NULL, NULL);
        free(odoc);
        free(doc);
    }
}

static void test_huge_numbers(void **state)
{
    (void)state;
    camsim_error err;
    /* A JSON number keeps its exact text: 1e999 is a number (beyond a
     * double, not beyond a decimal) and 9007199254740993 is not rounded. */
    const char *docs[] = {
        DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":1e999}}")),
        DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":-1e999}}")),
        DOC(STMT("\"condition\":{\"numeric_equal\":{\"n\":9007199254740993}}")),
    };
    for (size_t i = 0; i < N(docs); i++) {
        camsim_policy *p = parse_n(docs[i], strlen(docs[i]), &err);
        if (!p) {
            print_error("rejected %s: %s\n", docs[i], err.message);
            fail();
        }
        camsim_policy_free(p);
    }
}

/* A one-statement policy with n entries between before and after, entry i
 * being head, i, tail (so that no two are equal). */
static char *policy_with_list(const char *before, const char *head, const char *tail, size_t n,
                              const char *after)
{
    size_t cap = strlen(before) + n * (strlen(head) + strlen(tail) + 24) + strlen(after) + 1;
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t k = (size_t)snprintf(doc, cap, "%s", before);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(doc + k, cap - k, "%s%s%zu%s", i ? "," : "", head, i, tail);
    snprintf(doc + k, cap - k, "%s", after);
    return doc;
}

/* Every counted list, exactly at its limit (accepted) and one past it
 * (CAMSIM_E_LIMIT at the list's path). */
static void test_counts_limits(void **state)
{
    (void)state;
#define ST "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
    static const struct {
        const char *before, *head, *tail, *after, *path;
        size_t limit;
    } lists[] = {
        {ST "\"action\":[", "\"trtc:a", "\"", "],\"resource\":\"*\"}]}", "/statement/0/action",
         CAMSIM_MAX_VALUES},
        {ST "\"action\":\"trtc:x\",\"resource\":[", "\"qcs::trtc::uin/1:sdkappid/", "\"", "]}]}",
         "/statement/0/resource", CAMSIM_MAX_VALUES},
        {ST "\"action\":\"trtc:x\",\"resource\":\"*\",\"principal\":{\"qcs\":[",
         "\"qcs::cam::uin/1:uin/", "\"", "]}}]}", "/statement/0/principal/qcs", CAMSIM_MAX_VALUES},
        {ST "\"action\":\"trtc:x\",\"resource\":\"*\",\"condition\":{\"string_equal\":{\"k\":[",
         "\"v", "\"", "]}}}]}", CP "/string_equal/k", CAMSIM_MAX_VALUES},
        {ST "\"action\":\"trtc:x\",\"resource\":\"*\",\"condition\":{\"string_equal\":{",
         "\"k", "\":\"v\"", "}}}]}", CP "/string_equal", CAMSIM_MAX_OBJECT_MEMBERS},
    };
#undef ST
    for (size_t i = 0; i < N(lists); i++) {
        for (size_t n = lists[i].limit; n <= lists[i].limit + 1; n++) {
            char *doc = policy_with_list(lists[i].before, lists[i].head, lists[i].tail, n,
                                         lists[i].after);
            camsim_error err;
            camsim_policy *p = parse_n(doc, strlen(doc), &err);
            if (n == lists[i].limit && !p)
                fail_msg("%s with %zu entries rejected: %s", lists[i].path, n, err.message);
            if (n > lists[i].limit && (p || err.code != CAMSIM_E_LIMIT ||
                                       strncmp(err.path, lists[i].path, strlen(lists[i].path))))
                fail_msg("%s with %zu entries: %s at '%s'", lists[i].path, n,
                         p ? "accepted" : camsim_code_name(err.code), p ? "" : err.path);
            camsim_policy_free(p);
            free(doc);
        }
    }
}

static void test_statement_limit(void **state)
{
    (void)state;
    size_t n = CAMSIM_MAX_STATEMENTS + 1;
    const char *st = "{\"effect\":\"allow\",\"action\":\"trtc:x\",\"resource\":\"*\"}";
    size_t sl = strlen(st);
    size_t cap = 64 + n * (sl + 1);
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t k = (size_t)snprintf(doc, cap, "{\"version\":\"2.0\",\"statement\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            doc[k++] = ',';
        memcpy(doc + k, st, sl);
        k += sl;
    }
    memcpy(doc + k, "]}", 3);
    camsim_error err;
    camsim_policy *p = parse_n(doc, k + 2, &err);
    assert_null(p);
    assert_int_equal(err.code, CAMSIM_E_LIMIT);
    assert_true(strncmp(err.path, "/statement", 10) == 0);
    free(doc);
}

static void test_document_limit(void **state)
{
    (void)state;
    size_t len = (size_t)CAMSIM_MAX_DOCUMENT_BYTES + 1;
    const char *d = DOC(S_OK);
    size_t dl = strlen(d);
    char *doc = malloc(len + 1);
    assert_non_null(doc);
    memcpy(doc, d, dl);
    memset(doc + dl, ' ', len - dl);
    doc[len] = '\0';
    camsim_error err;
    camsim_policy *p = parse_n(doc, len, &err);
    assert_null(p);
    assert_int_equal(err.code, CAMSIM_E_LIMIT);
    free(doc);
}

static void test_argument_errors(void **state)
{
    (void)state;
    camsim_error err;
    memset(&err, 0, sizeof err);
    assert_null(camsim_policy_parse(NULL, 10, &err));
    assert_int_not_equal(err.code, CAMSIM_OK);
    assert_null(camsim_policy_parse("{", 1, NULL)); /* err may be NULL */
}

/* ---- canonical form ----------------------------------------------------- */

static cJSON *canonical_json(const camsim_policy *p, char **text)
{
    *text = camsim_policy_canonical(p);
    assert_non_null(*text);
    cJSON *j = cJSON_Parse(*text);
    if (!j) {
        print_error("canonical form is not JSON: %s\n", *text);
        fail();
    }
    return j;
}

static void test_canonical(void **state)
{
    (void)state;
    const char *src =
        "{\"statement\":{\"effect\":\"allow\",\"action\":\"name/TRTC:Describe*\","
        "\"resource\":\"qcs::trtc::uin/100001:sdkappid/1400000001\","
        "\"condition\":{\"numeric_less_than\":{\"n\":10},\"bool_equal\":{\"b\":true},"
        "\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}},\"version\":\"2.0\"}";
    camsim_policy *p = parse_ok(src);
    char *c1 = NULL;
    cJSON *j = canonical_json(p, &c1);

    cJSON *version = cJSON_GetObjectItemCaseSensitive(j, "version");
    assert_true(cJSON_IsString(version));
    assert_string_equal(version->valuestring, "2.0");
    cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "statement");
    assert_true(cJSON_IsArray(st));
    assert_int_equal(cJSON_GetArraySize(st), 1);
    cJSON *s0 = cJSON_GetArrayItem(st, 0);
    cJSON *effect = cJSON_GetObjectItemCaseSensitive(s0, "effect");
    assert_true(cJSON_IsString(effect));
    assert_string_equal(effect->valuestring, "allow");
    cJSON *action = cJSON_GetObjectItemCaseSensitive(s0, "action");
    assert_true(cJSON_IsArray(action));
    assert_string_equal(cJSON_GetArrayItem(action, 0)->valuestring, "trtc:describe*");
    cJSON *resource = cJSON_GetObjectItemCaseSensitive(s0, "resource");
    assert_true(cJSON_IsArray(resource));
    /* Resources are case-sensitive: kept as written. */
    assert_string_equal(cJSON_GetArrayItem(resource, 0)->valuestring,
                        "qcs::trtc::uin/100001:sdkappid/1400000001");
    cJSON *cond = cJSON_GetObjectItemCaseSensitive(s0, "condition");
    assert_true(cJSON_IsObject(cond));
    cJSON *n = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cond, "numeric_less_than"), "n");
    assert_true(cJSON_IsArray(n));
    assert_true(cJSON_IsString(cJSON_GetArrayItem(n, 0)));
    assert_string_equal(cJSON_GetArrayItem(n, 0)->valuestring, "10");
    cJSON *b = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cond, "bool_equal"), "b");
    assert_true(cJSON_IsArray(b));
    assert_string_equal(cJSON_GetArrayItem(b, 0)->valuestring, "true");
    cJSON *ip = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cond, "ip_equal"), "qcs:ip");
    assert_true(cJSON_IsArray(ip));
    assert_string_equal(cJSON_GetArrayItem(ip, 0)->valuestring, "10.0.0.0/8");
    assert_null(strstr(c1, "name/"));

    /* Round trip: the canonical form parses to the same canonical form. */
    camsim_policy *p2 = parse_ok(c1);
    char *c2 = camsim_policy_canonical(p2);
    assert_non_null(c2);
    assert_string_equal(c1, c2);
    assert_int_equal(camsim_policy_statement_count(p2), 1);

    /* ... and the same decisions. */
    const char *ipv[] = {"10.1.2.3"};
    const char *nv[] = {"9"};
    const char *bv[] = {"true"};
    camsim_context_entry ctx[] = {{"qcs:ip", ipv, 1}, {"n", nv, 1}, {"b", bv, 1}};
    camsim_request req = {"trtc:DescribeRoomInformation",
                          "qcs::trtc::uin/100001:sdkappid/1400000001", NULL, NULL, ctx, 3};
    for (int round = 0; round < 2; round++) {
        const camsim_policy *set1[] = {p};
        const camsim_policy *set2[] = {p2};
        camsim_decision d1, d2;
        memset(&d1, 0, sizeof d1);
        memset(&d2, 0, sizeof d2);
        camsim_error e;
        assert_int_equal(camsim_evaluate(set1, 1, NULL, &req, &d1, &e), CAMSIM_OK);
        assert_int_equal(camsim_evaluate(set2, 1, NULL, &req, &d2, &e), CAMSIM_OK);
        assert_int_equal(d1.decision, round == 0 ? CAMSIM_ALLOW : CAMSIM_DENY);
        assert_int_equal(d1.decision, d2.decision);
        assert_int_equal(d1.reason, d2.reason);
        nv[0] = "11";
    }
    free(c2);
    camsim_policy_free(p2);
    cJSON_Delete(j);
    free(c1);
    camsim_policy_free(p);
}

static void test_canonical_round_trip_many(void **state)
{
    (void)state;
    const char *docs[] = {
        DOC(S_OK),
        "{\"version\":\"2.0\",\"principal\":\"*\",\"statement\":" S_OK "}",
        "{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"qcs::cam::uin/1:uin/2\",\"qcs::cam::uin/1:uin/3\"]},"
        "\"statement\":[" S_OK ",{\"effect\":\"deny\",\"action\":[\"*:*\",\"name/tcmpp:Describe*\"],"
        "\"resource\":[\"qcs::tcmpp:ap-guangzhou:uin/:Limit/${PlatformId}\",\"*\"],"
        "\"principal\":{\"qcs\":[\"qcs::cam::uin/1:uin/*\"]},"
        "\"condition\":{\"for_all_value:string_equal_if_exist\":{\"qcs:request_tag\":[\"a&b\",\"c&d\"]},"
        "\"date_less_than\":{\"qcs:current_time\":\"2026-06-01 00:01:00\"},"
        "\"null_equal\":{\"qcs:resource_tag/env\":\"false\"},"
        "\"string_like\":{\"a~b/c\":\"x*\\u00e9\\\"\"}}}]}",
    };
    for (size_t i = 0; i < N(docs); i++) {
        camsim_policy *p = parse_ok(docs[i]);
        char *c1 = camsim_policy_canonical(p);
        assert_non_null(c1);
        camsim_policy *p2 = parse_ok(c1);
        char *c2 = camsim_policy_canonical(p2);
        assert_non_null(c2);
        assert_string_equal(c1, c2);
        assert_int_equal(camsim_policy_statement_count(p), camsim_policy_statement_count(p2));
        free(c1);
        free(c2);
        camsim_policy_free(p);
        camsim_policy_free(p2);
    }
}

static void test_code_names(void **state)
{
    (void)state;
    assert_string_equal(camsim_code_name(CAMSIM_E_JSON), "json");
    assert_string_equal(camsim_code_name(CAMSIM_E_GRAMMAR), "grammar");
    assert_non_null(camsim_code_name((camsim_code)999));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_forms),
        cmocka_unit_test(test_root),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_statement),
        cmocka_unit_test(test_effect),
        cmocka_unit_test(test_action),
        cmocka_unit_test(test_resource),
        cmocka_unit_test(test_condition),
        cmocka_unit_test(test_principal),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_statement_path_in_third),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_huge_strings),
        cmocka_unit_test(test_pattern_limit_boundary),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_numbers),
        cmocka_unit_test(test_counts_limits),
        cmocka_unit_test(test_statement_limit),
        cmocka_unit_test(test_document_limit),
        cmocka_unit_test(test_argument_errors),
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_canonical_round_trip_many),
        cmocka_unit_test(test_code_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
