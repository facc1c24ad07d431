/* policy_parse: bytes -> camsim_policy_parse. Oracles: an accepted policy
 * round-trips: canonical -> parse -> the same canonical text, and the same
 * decisions on a fixed request set covering all 81 catalog actions. At the
 * JSON layer, jansson (reference/ref_json.c) is the independent judge: the
 * guard's and the parse's verdicts must agree with it, and whenever the guard
 * lets bytes through, cJSON's tree (what the compiler reads) must equal
 * jansson's, every string byte for byte. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "harness/fuzz.h"
#include "json_guard.h"
#include "reference/reference.h"

#define TARGET "policy_parse"

enum { VARIANTS = 3, MAX_REQUESTS = 81 * VARIANTS + 8 };

static char resources[MAX_REQUESTS][256];
static camsim_request requests[MAX_REQUESTS];
static size_t request_count;

static const char *const ip_a[] = {"10.1.2.3"};
static const char *const ip_b[] = {"2001:db8::1"};
static const char *const time_a[] = {"2026-06-01T00:01:00Z"};
static const char *const tags[] = {"env&prod", "team&a"};
static const char *const uin_a[] = {"200002"};
static const char *const mfa[] = {"true"};
static const char *const app[] = {"1400000001"};
static const camsim_context_entry context_a[] = {
    {"qcs:ip", ip_a, 1}, {"qcs:current_time", time_a, 1}, {"qcs:resource_tag", tags, 2},
    {"qcs:uin", uin_a, 1}, {"mfa", mfa, 1}, {"qcs:app_id", app, 1}};
static const camsim_context_entry context_b[] = {{"qcs:ip", ip_b, 1}};

/* The catalog the engine carries must be the one the spec lists. */
static void check_catalog(void)
{
    if (camsim_catalog_count() != ref_catalog_count)
        fz_fail(TARGET, "engine catalog has %zu actions, the spec %zu", camsim_catalog_count(),
                ref_catalog_count);
    for (size_t i = 0; i < ref_catalog_count; i++) {
        const ref_action_info *r = &ref_catalog[i];
        char name[128];
        snprintf(name, sizeof name, "%s:%s", r->service, r->name);
        const camsim_action_info *e = camsim_catalog_find(name);
        if (!e || (int)e->granularity != r->operation_level ||
            strcmp(e->resource_template, r->resource_template) != 0)
            fz_fail(TARGET, "engine catalog entry for %s differs from catalog.md", name);
    }
}

static void build_requests(void)
{
    static const char *const names[] = {"uin", "SdkAppId", "Region", "PlatformId", "MNPId",
                                        "Platform"};
    static const char *const values[VARIANTS][6] = {
        {"100001", "1400000001", "ap-guangzhou", "1", "m1", "1"},
        {"100002", "1400000002", "ap-shanghai", "2", "m2", "2"},
        {"100001", "1400000002", "ap-singapore", "100001", "", "7"}};
    for (size_t v = 0; v < VARIANTS; v++) {
        for (size_t i = 0; i < camsim_catalog_count(); i++) {
            const camsim_action_info *info = camsim_catalog_at(i);
            camsim_request *r = &requests[request_count];
            static char actions[MAX_REQUESTS][96];
            snprintf(actions[request_count], sizeof actions[0], "%s%s:%s",
                     v == 2 ? "name/" : "", info->service, info->name);
            r->action = actions[request_count];
            if (info->granularity == CAMSIM_RESOURCE_LEVEL) {
                if (camsim_render_resource(info, names, values[v], 6, resources[request_count],
                                           sizeof resources[0], NULL) != CAMSIM_OK)
                    fz_fail(TARGET, "cannot render the template of %s", r->action);
                r->resource = resources[request_count];
            }
            r->owner_uin = v == 1 ? "100002" : NULL;
            r->principal = v == 0 ? "qcs::cam::uin/100001:uin/200002" : NULL;
            r->context = v == 1 ? context_b : context_a;
            r->context_count = v == 1 ? 1 : sizeof context_a / sizeof context_a[0];
            request_count++;
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    check_catalog();
    build_requests();
    return 0;
}

static void decide(const camsim_policy *p, const camsim_request *r, camsim_decision *d,
                   camsim_code *code)
{
    static camsim_match buf[64];
    memset(d, 0, sizeof *d);
    d->matches = buf;
    d->match_capacity = 64;
    const camsim_policy *set[1] = {p};
    *code = camsim_evaluate(set, 1, NULL, r, d, NULL);
}

/* A rejection is explained: a document error code (never ok or argument),
 * a message, an RFC 6901 path ("" for the root), an offset inside the input. */
static void check_rejection(const camsim_error *err, size_t size)
{
    const char *name = camsim_code_name(err->code);
    bool document_code = err->code == CAMSIM_E_JSON || err->code == CAMSIM_E_GRAMMAR ||
                         err->code == CAMSIM_E_VALUE || err->code == CAMSIM_E_LIMIT ||
                         err->code == CAMSIM_E_NOMEM;
    if (!document_code || strcmp(name, "unknown") == 0)
        fz_fail(TARGET, "rejected with code %d (%s)", (int)err->code, name);
    if (!memchr(err->message, '\0', sizeof err->message) || err->message[0] == '\0')
        fz_fail(TARGET, "rejected (%s) without a message", name);
    if (!memchr(err->path, '\0', sizeof err->path) || (err->path[0] && err->path[0] != '/'))
        fz_fail(TARGET, "rejected (%s) with a path that is not a JSON pointer", name);
    if (err->offset > size)
        fz_fail(TARGET, "rejected (%s) at offset %zu of a %zu-byte document", name, err->offset,
                size);
}

/* The JSON layer against jansson. accepted: the policy parsed; err: its
 * error otherwise. */
static void json_oracle(const uint8_t *data, size_t size, bool accepted, const camsim_error *err)
{
    void *doc;
    bool guard_ok;
    camsim_error gerr;
    int ref = fz_json_layer(TARGET, (const char *)data, size, &doc, &guard_ok, &gerr);
    if (ref == REF_FALSE) {
        if (accepted)
            fz_fail(TARGET, "a policy was accepted from bytes that are not RFC 8259 JSON");
        if (err->code != CAMSIM_E_JSON && err->code != CAMSIM_E_LIMIT)
            fz_fail(TARGET, "bytes that are not JSON rejected as %s, not as json or limit",
                    camsim_code_name(err->code));
    } else if (ref != REF_UNSPEC) {
        if (ref == REF_ERROR && accepted)
            fz_fail(TARGET, "a policy with a duplicate member name was accepted");
        if (guard_ok && !accepted && (err->code == CAMSIM_E_NOMEM ||
                                      (err->code == CAMSIM_E_JSON && ref == REF_TRUE)))
            fz_fail(TARGET, "valid JSON without duplicates rejected as %s: %s",
                    camsim_code_name(err->code), err->message);
    }
    ref_json_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (request_count == 0)
        LLVMFuzzerInitialize(NULL, NULL);
    fz_note_reset();
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_policy *p1 = camsim_policy_parse((const char *)data, size, &err);
    if (size <= CAMSIM_MAX_DOCUMENT_BYTES)
        json_oracle(data, size, p1 != NULL, &err);
    if (!p1) {
        check_rejection(&err, size);
        return 0;
    }
    char *c1 = camsim_policy_canonical(p1);
    if (!c1) {
        camsim_policy_free(p1);
        return 0;
    }
    fz_note("canonical", c1);
    camsim_policy *p2 = camsim_policy_parse(c1, strlen(c1), &err);
    if (!p2)
        fz_fail(TARGET, "the canonical form does not parse: %s at %s: %s",
                camsim_code_name(err.code), err.path, err.message);
    char *c2 = camsim_policy_canonical(p2);
    if (!c2)
        abort();
    fz_note("canonical of canonical", c2);
    if (strcmp(c1, c2) != 0)
        fz_fail(TARGET, "canonical form is not a fixed point");
    if (camsim_policy_statement_count(p1) != camsim_policy_statement_count(p2))
        fz_fail(TARGET, "statement count changed by the round trip");
    for (size_t i = 0; i < request_count; i++) {
        camsim_decision d1, d2;
        camsim_code k1, k2;
        decide(p1, &requests[i], &d1, &k1);
        size_t m1 = d1.match_count;
        decide(p2, &requests[i], &d2, &k2);
        if (FZ_PLANTED(1) && i == 0)
            d2.decision = d2.decision == CAMSIM_ALLOW ? CAMSIM_DENY : CAMSIM_ALLOW;
        if (k1 != k2 || d1.decision != d2.decision || d1.reason != d2.reason || m1 != d2.match_count) {
            fz_note("request action", requests[i].action);
            fz_note("request resource", requests[i].resource);
            fz_note("decision before", camsim_reason_name(d1.reason));
            fz_note("decision after", camsim_reason_name(d2.reason));
            fz_fail(TARGET, "the round trip changed a decision (codes %s/%s, %s/%s)",
                    camsim_code_name(k1), camsim_code_name(k2), camsim_effect_name(d1.decision),
                    camsim_effect_name(d2.decision));
        }
    }
    free(c1);
    free(c2);
    camsim_policy_free(p1);
    camsim_policy_free(p2);
    return 0;
}
