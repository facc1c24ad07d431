/* requests_jsonl: camsim_parse_request_json (the `camsim eval --requests`
 * line reader). Oracle: no crash or leak; an accepted request re-serializes
 * and re-parses to the identical request; evaluating it never crashes. At
 * the JSON layer jansson (reference/ref_json.c) judges independently: the
 * guard's and the parser's verdicts must agree with it, cJSON's tree must
 * equal jansson's, and every string and number of an accepted request must
 * be what jansson decoded, byte for byte. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fuzz.h"
#include "harness/gen.h"
#include "camsim_tools.h" /* camsim_utf8_valid */
#include "reference/reference.h"
#include "request_json.h"

#define TARGET "requests_jsonl"

static camsim_policy *policy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char doc[] =
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"*\","
        "\"resource\":\"*\",\"condition\":{\"ip_equal_if_exist\":{\"qcs:ip\":\"10.0.0.0/8\"}}},"
        "{\"effect\":\"deny\",\"action\":\"trtc:*\",\"resource\":"
        "\"qcs::trtc::uin/${owner_uin}:sdkappid/*\",\"condition\":{\"string_equal\":"
        "{\"qcs:resource_tag\":\"env&prod\"}}}]}";
    policy = camsim_policy_parse(doc, sizeof doc - 1, NULL);
    /* Argument contract: NULL output or NULL text with a length is an
     * argument error; NULL text of length 0 is the empty line; freeing NULL
     * is allowed. */
    camsim_parsed_request r;
    camsim_error err;
    if (camsim_parse_request_json("{}", 2, NULL, &err) != CAMSIM_E_ARGUMENT ||
        camsim_parse_request_json(NULL, 3, &r, &err) != CAMSIM_E_ARGUMENT)
        fz_fail(TARGET, "a NULL argument was not reported as an argument error");
    if (camsim_parse_request_json(NULL, 0, &r, NULL) != CAMSIM_E_JSON)
        fz_fail(TARGET, "an empty line (NULL, 0) was not a JSON error");
    camsim_parsed_request_free(NULL);
    return 0;
}

/* Accepted strings are what the line said: valid UTF-8 without NUL. */
static void check_text(const char *what, const char *s)
{
    if (s && !camsim_utf8_valid(s, strlen(s))) {
        fz_note("string", s);
        fz_fail(TARGET, "accepted request has %s that is not valid UTF-8", what);
    }
}

/* The parsed request as the harness's own structure (for JSON rendering). */
static void to_ref(fz_arena *a, const camsim_request *r, ref_request *out)
{
    memset(out, 0, sizeof *out);
    out->action = r->action;
    out->resource = r->resource;
    out->owner_uin = FZ_PLANTED(6) ? NULL : r->owner_uin;
    out->principal = r->principal;
    out->nctx = r->context_count;
    out->ctx = fz_alloc(a, (r->context_count ? r->context_count : 1) * sizeof *out->ctx);
    for (size_t i = 0; i < r->context_count; i++) {
        out->ctx[i].key = r->context[i].key;
        out->ctx[i].count = r->context[i].count;
        out->ctx[i].values = fz_alloc(a, (r->context[i].count + 1) * sizeof(char *));
        for (size_t j = 0; j < r->context[i].count; j++)
            out->ctx[i].values[j] = r->context[i].values[j];
    }
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *diff(const camsim_request *a, const camsim_request *b)
{
    if (!same_str(a->action, b->action)) return "action";
    if (!same_str(a->resource, b->resource)) return "resource";
    if (!same_str(a->owner_uin, b->owner_uin)) return "owner_uin";
    if (!same_str(a->principal, b->principal)) return "principal";
    if (a->context_count != b->context_count) return "context size";
    for (size_t i = 0; i < a->context_count; i++) {
        if (!same_str(a->context[i].key, b->context[i].key)) return "context key";
        if (a->context[i].count != b->context[i].count) return "context value count";
        for (size_t j = 0; j < a->context[i].count; j++)
            if (!same_str(a->context[i].values[j], b->context[i].values[j]))
                return "context value";
    }
    return NULL;
}

static void same_scalar(const void *value, const char *text, const char *what)
{
    if (ref_json_scalar_equals(value, text) != REF_TRUE) {
        fz_note("camsim", text);
        fz_fail(TARGET, "accepted %s differs from what jansson decoded", what);
    }
}

/* The JSON layer against jansson; code is camsim_parse_request_json's
 * answer, req the request when accepted. */
static void json_oracle(const uint8_t *data, size_t size, camsim_code code,
                        const camsim_request *req)
{
    void *doc;
    bool guard_ok;
    camsim_error gerr;
    int ref = fz_json_layer(TARGET, (const char *)data, size, &doc, &guard_ok, &gerr);
    if (ref == REF_FALSE) {
        if (code != CAMSIM_E_JSON && code != CAMSIM_E_LIMIT)
            fz_fail(TARGET, "a line that is not JSON answered %s, not json or limit",
                    camsim_code_name(code));
    } else if (ref != REF_UNSPEC) {
        if (ref == REF_ERROR && code == CAMSIM_OK)
            fz_fail(TARGET, "a request with a duplicate member name was accepted");
        if (guard_ok && (code == CAMSIM_E_NOMEM || (code == CAMSIM_E_JSON && ref == REF_TRUE)))
            fz_fail(TARGET, "valid JSON without duplicates answered %s", camsim_code_name(code));
    }
    if (code == CAMSIM_OK && doc) {
        same_scalar(ref_json_member(doc, "action"), req->action, "an action");
        if (req->resource)
            same_scalar(ref_json_member(doc, "resource"), req->resource, "a resource");
        if (req->owner_uin)
            same_scalar(ref_json_member(doc, "owner_uin"), req->owner_uin, "an owner_uin");
        if (req->principal)
            same_scalar(ref_json_member(doc, "principal"), req->principal, "a principal");
        const void *ctx = ref_json_member(doc, "context");
        for (size_t i = 0; i < req->context_count; i++) {
            const camsim_context_entry *e = &req->context[i];
            const void *v = ref_json_member(ctx, e->key);
            if (!v) {
                fz_note("context key", e->key);
                fz_fail(TARGET, "accepted context key not in jansson's context object");
            }
            size_t n = ref_json_array_size(v);
            if (ref_json_scalar_equals(v, e->values && e->count ? e->values[0] : NULL) == REF_TRUE
                && e->count == 1)
                continue;
            if (n != e->count)
                fz_fail(TARGET, "context key has %zu values, jansson %zu", e->count, n);
            for (size_t j = 0; j < n; j++)
                same_scalar(ref_json_array_get(v, j), e->values[j], "a context value");
        }
    }
    ref_json_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!policy)
        LLVMFuzzerInitialize(NULL, NULL);
    fz_note_reset();
    fz_arena arena = {0};
    camsim_parsed_request first, second;
    memset(&first, 0, sizeof first);
    memset(&second, 0, sizeof second);
    camsim_error err;
    camsim_code code = camsim_parse_request_json((const char *)data, size, &first, &err);
    json_oracle(data, size, code, &first.request);
    if (code != CAMSIM_OK) {
        camsim_parsed_request_free(&first); /* must accept an empty struct */
        return 0;
    }
    if (!first.request.action)
        fz_fail(TARGET, "accepted a request without an action");
    check_text("an action", first.request.action);
    check_text("a resource", first.request.resource);
    check_text("an owner_uin", first.request.owner_uin);
    check_text("a principal", first.request.principal);
    for (size_t i = 0; i < first.request.context_count; i++) {
        check_text("a context key", first.request.context[i].key);
        for (size_t j = 0; j < first.request.context[i].count; j++)
            check_text("a context value", first.request.context[i].values[j]);
    }
    char *input = fz_strndup(&arena, (const char *)data, size);
    fz_note("input", input);
    ref_request rr;
    to_ref(&arena, &first.request, &rr);
    const char *json = fz_request_json(&arena, &rr);
    fz_note("re-serialized", json);
    if (camsim_parse_request_json(json, strlen(json), &second, &err) != CAMSIM_OK)
        fz_fail(TARGET, "the re-serialized request does not parse: %s at %s: %s",
                camsim_code_name(err.code), err.path, err.message);
    const char *what = diff(&first.request, &second.request);
    if (what)
        fz_fail(TARGET, "re-parse differs in %s", what);

    camsim_match buf[8];
    camsim_decision d = {.matches = buf, .match_capacity = 8};
    const camsim_policy *set[1] = {policy};
    (void)camsim_evaluate(set, policy ? 1 : 0, NULL, &first.request, &d, NULL);

    camsim_parsed_request_free(&first);
    camsim_parsed_request_free(&second);
    fz_arena_free(&arena);
    return 0;
}
