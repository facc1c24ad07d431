/* alloc_fail: camsim_policy_parse with one allocation failing (libxml2's
 * xmlFuzzInjectFailure habit; engine/src/support/fault.h).
 *
 * Input: two bytes that choose the failing allocation, then the policy
 * document. The document is parsed once with no failure, counting the
 * allocations (C of them, with result R); the two bytes pick N in 1..C+1
 * and the document is parsed again with allocation N failing. Oracle:
 *   - N <= C (the failure happened): NULL with CAMSIM_E_NOMEM, never a
 *     policy, never another code (a swallowed failure is a bug even when a
 *     later allocation succeeds: only the N-th fails);
 *   - N == C + 1 (nothing failed): the same result R, with the same count;
 *   - afterwards a third parse with no failure gives R again (a failure
 *     leaves no broken state behind);
 *   - when R is a policy: canonical and an evaluation with one allocation
 *     failing give NULL / CAMSIM_E_NOMEM with deny, or their normal result;
 *   - no leak, no crash (ASan, LSan);
 *   - after every input camsim_release_memory() hands the block cache back
 *     to malloc, so its release path runs under ASan each time and the
 *     next input starts from an empty cache.
 * Built without CAMSIM_FAULT_INJECTION (the release regression replay),
 * nothing can fail and only the first and last checks remain. */
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "harness/fuzz.h"

#define TARGET "alloc_fail"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_fault_init();
    return 0;
}

static camsim_policy *parse(const char *json, size_t len, camsim_error *err)
{
    memset(err, 0, sizeof *err);
    return camsim_policy_parse(json, len, err);
}

static const char *result_text(fz_arena *a, const camsim_policy *p, const camsim_error *err)
{
    return p ? "a policy" : fz_printf(a, "error %s: %s", camsim_code_name(err->code), err->message);
}

static void check_canonical_and_eval(fz_arena *a, const camsim_policy *p, size_t pick)
{
    fz_fault_set(0);
    char *clean = camsim_policy_canonical(p);
    size_t calls = fz_fault_count();
    if (!clean)
        fz_fail(TARGET, "camsim_policy_canonical returned NULL with no allocation failing");
    fz_fault_set(calls ? 1 + pick % calls : 0);
    char *text = camsim_policy_canonical(p);
    bool fired = fz_fault_fired();
    fz_fault_set(0);
    if (fired && text)
        fz_fail(TARGET, "camsim_policy_canonical returned text although allocation %zu of %zu failed",
                1 + pick % calls, calls);
    if (!fired && (!text || strcmp(text, clean) != 0))
        fz_fail(TARGET, "camsim_policy_canonical differs between two runs with no failure");
    free(text);
    free(clean);

    static const char *const ip[] = {"10.1.2.3"};
    static const camsim_context_entry ctx[] = {{"qcs:ip", ip, 1}};
    camsim_request req = {0};
    req.action = "trtc:DismissRoom";
    req.resource = "qcs::trtc::uin/100001:sdkappid/1400000001";
    req.owner_uin = "100001";
    req.context = ctx;
    req.context_count = 1;
    const camsim_policy *set[] = {p};
    camsim_decision d = {.matches = fz_alloc(a, 4 * sizeof(camsim_match)), .match_capacity = 4};
    camsim_error err;
    fz_fault_set(1);
    camsim_code code = camsim_evaluate(set, 1, NULL, &req, &d, &err);
    fired = fz_fault_fired();
    fz_fault_set(0);
    if (fired && (code != CAMSIM_E_NOMEM || d.decision != CAMSIM_DENY))
        fz_fail(TARGET, "camsim_evaluate gave %s/%s although an allocation failed",
                camsim_code_name(code), camsim_effect_name(d.decision));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    fz_arena arena = {0};
    fz_note_reset();
    size_t pick = (size_t)data[0] << 8 | data[1];
    const char *json = (const char *)data + 2;
    size_t len = size - 2;
    fz_note("document", fz_strndup(&arena, json, len));

    camsim_error err0, err1, err2;
    fz_fault_set(0);
    camsim_policy *p0 = parse(json, len, &err0);
    size_t calls = fz_fault_count();
    size_t n = 1 + pick % (calls + 1);
    fz_note("without failure", result_text(&arena, p0, &err0));
    fz_note("allocations", fz_printf(&arena, "%zu, number %zu fails", calls, n));
    if (!p0 && err0.code == CAMSIM_E_NOMEM)
        fz_fail(TARGET, "out of memory with no allocation failing");

    fz_fault_set(n);
    camsim_policy *p1 = parse(json, len, &err1);
    bool fired = fz_fault_fired();
    size_t calls1 = fz_fault_count();
    fz_fault_set(0);
    fz_note("with the failure", result_text(&arena, p1, &err1));
    if (fired) {
        if (p1)
            fz_fail(TARGET, "a policy came back although allocation %zu failed (swallowed)", n);
        if (err1.code != CAMSIM_E_NOMEM)
            fz_fail(TARGET, "allocation %zu failed but the error is %s, not nomem", n,
                    camsim_code_name(err1.code));
    } else if (fz_fault_available()) {
        if (n <= calls)
            fz_fail(TARGET, "allocation %zu of %zu did not happen on the second run", n, calls);
        if (calls1 != calls)
            fz_fail(TARGET, "%zu allocations on the second run, %zu on the first", calls1, calls);
        if (!p1 != !p0 || (!p1 && err1.code != err0.code))
            fz_fail(TARGET, "two runs with no failure differ");
    }

    camsim_policy *p2 = parse(json, len, &err2);
    fz_note("after the failure", result_text(&arena, p2, &err2));
    if (!p2 != !p0 || (!p2 && (err2.code != err0.code || strcmp(err2.message, err0.message) != 0)))
        fz_fail(TARGET, "a parse after the failure differs from the one before it");

    if (p0)
        check_canonical_and_eval(&arena, p0, pick);

    camsim_policy_free(p0);
    camsim_policy_free(p1);
    camsim_policy_free(p2);
    fz_arena_free(&arena);
    camsim_release_memory();
    return 0;
}
