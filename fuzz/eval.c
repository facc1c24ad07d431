/* eval: structured policy sets and requests, camsim_evaluate against the
 * reference evaluator (spec section 6, fuzz/reference/ref_eval.c), plus
 * metamorphic invariants:
 *   - the order of statements and policies never changes the decision;
 *   - adding a deny statement never turns deny into allow;
 *   - an invalid policy is rejected (so it can never yield allow);
 *   - an operation-level action is never granted by a statement whose
 *     resource list lacks "*". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fuzz.h"
#include "harness/gen.h"

#define TARGET "eval"

enum { MAX_POLICIES = 3, MATCH_CAP = 64 };

/* CAMSIM_FUZZ_STATS=1: print how many inputs were compared how (to check
 * that the reference pins most cases, not just a few). */
static unsigned long stats[8];
static const char *const stat_names[] = {"invalid policy", "unspecified", "request error",
                                         "deny-or-error", "allow", "deny", "error accepted", "total"};

static void print_stats(void)
{
    for (size_t i = 0; i < 8; i++)
        fprintf(stderr, "eval stats: %-16s %lu\n", stat_names[i], stats[i]);
}

/* ---- rendering (the `camsim simulate` path) -------------------------------
 * camsim_render_resource against ref_render (catalog.md, "Rendering a request
 * from a template"): same status and, on success, the same text; a buffer
 * too small for the text and its NUL must give CAMSIM_E_LIMIT. */
static const char *const render_names[] = {"uin", "SdkAppId", "Region", "PlatformId",
                                           "MNPId", "Platform", "sdkappid", "uin"};
static const char *const render_values[] = {"100001", "1400000001", "ap-guangzhou", "1", "",
                                            "${uin}", "a:b", "x}"};

/* Output buffers are heap blocks of exactly the capacity the engine is told
 * (fz_out_buf), so one byte written past it is an ASan report; they start
 * filled with '#' so that "a failed render leaves an empty string" means
 * the engine wrote the NUL. */
static void check_one_render(const camsim_action_info *info, const char *const *names,
                             const char *const *values, size_t n, int cap_choice)
{
    char want[1024];
    size_t want_len = 0;
    int ref = ref_render(info->resource_template, names, values, n, want, sizeof want, &want_len);
    size_t cap = cap_choice == 0 ? sizeof want
                 : cap_choice == 1 ? 0
                 : cap_choice == 2 ? want_len          /* no room for the NUL */
                                   : want_len + 1;     /* exactly enough */
    if (cap > sizeof want)
        cap = sizeof want;
    char *got = fz_out_buf(cap);
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_code code = camsim_render_resource(info, names, values, n, got, cap, &err);
    fz_note("render template", info->resource_template);
    for (size_t i = 0; i < n; i++) {
        fz_note("render parameter", names[i]);
        fz_note("render value", values[i]);
    }
    fz_note("render reference", ref == REF_TRUE ? want : ref == REF_ERROR ? "(error)" : "(unspecified)");
    if (ref == REF_UNSPEC)
        goto out;
    if (ref == REF_ERROR) {
        if (code != CAMSIM_E_REQUEST)
            fz_fail(TARGET, "render: %s instead of a request error (missing parameter or "
                    "operation-level action)", camsim_code_name(code));
        /* The message lists the parameters the template needs. */
        for (const char *q = strstr(info->resource_template, "${"); q; q = strstr(q, "${")) {
            const char *close = strchr(q + 2, '}');
            if (!close)
                break;
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(close - q - 2), q + 2);
            if (!strstr(err.message, name))
                fz_fail(TARGET, "render: the error does not name parameter %s: %s", name,
                        err.message);
            q = close + 1;
        }
        goto out;
    }
    if (want_len + 1 > cap) {
        if (code != CAMSIM_E_LIMIT)
            fz_fail(TARGET, "render: %s for a %zu-byte result in a %zu-byte buffer",
                    camsim_code_name(code), want_len, cap);
        if (cap && got[0])
            fz_fail(TARGET, "render: a failed render left text in the buffer");
        goto out;
    }
    fz_note("render engine", code == CAMSIM_OK ? got : camsim_code_name(code));
    if (code != CAMSIM_OK || strcmp(got, want) != 0)
        fz_fail(TARGET, "render differs from the reference");
out:
    fz_out_free(got);
}

/* The request's action (or, when the catalog does not know it, one picked by
 * the last input bytes) rendered from parameters the last input bytes pick.
 * Reading from the end keeps the decoding of everything before unchanged. */
static void check_render(fz_arena *a, const uint8_t *data, size_t size, const char *action)
{
    size_t k = size < 24 ? size : 24;
    fz_provider t;
    fz_provider_init(&t, a, data + size - k, k);
    const camsim_action_info *info = action ? camsim_catalog_find(action) : NULL;
    const ref_action_info *ri = action ? ref_catalog_find(action) : NULL;
    if (!info != !ri)
        fz_fail(TARGET, "camsim_catalog_find(\"%s\") and catalog.md disagree", action);
    if (!info)
        info = camsim_catalog_at(fz_range(&t, camsim_catalog_count()));
    if (!info)
        fz_fail(TARGET, "camsim_catalog_at within the count returned NULL");
    size_t n = fz_range(&t, 7);
    const char *names[8], *values[8];
    for (size_t i = 0; i < n; i++) {
        names[i] = FZ_PICK(&t, render_names);
        values[i] = FZ_PICK(&t, render_values);
    }
    check_one_render(info, names, values, n, (int)fz_range(&t, 4));
}

/* Contract checks that need no input: error, effect and reason names are the
 * documented ones, and render rejects NULL or inconsistent arguments and
 * templates with more placeholders than it supports. */
static void check_names_and_arguments(void)
{
    static const char *const codes[] = {"ok", "json", "grammar", "value", "limit", "request",
                                        "nomem", "argument"};
    for (int c = CAMSIM_OK; c <= CAMSIM_E_ARGUMENT; c++)
        if (strcmp(camsim_code_name((camsim_code)c), codes[c]) != 0)
            fz_fail(TARGET, "camsim_code_name(%d) is not \"%s\"", c, codes[c]);
    if (strcmp(camsim_code_name((camsim_code)99), "unknown") != 0)
        fz_fail(TARGET, "camsim_code_name of an unknown code is not \"unknown\"");
    if (strcmp(camsim_effect_name(CAMSIM_ALLOW), "allow") != 0 ||
        strcmp(camsim_effect_name(CAMSIM_DENY), "deny") != 0 ||
        strcmp(camsim_reason_name(CAMSIM_REASON_ALLOW), "allow") != 0 ||
        strcmp(camsim_reason_name(CAMSIM_REASON_EXPLICIT_DENY), "explicit_deny") != 0 ||
        strcmp(camsim_reason_name(CAMSIM_REASON_IMPLICIT_DENY), "implicit_deny") != 0)
        fz_fail(TARGET, "effect or reason names differ from cli.md");

    const camsim_action_info *info = camsim_catalog_find("trtc:DismissRoom");
    if (!info)
        fz_fail(TARGET, "camsim_catalog_find does not know trtc:DismissRoom");
    enum { BUF = 64 };
    char *buf = fz_out_buf(BUF);
    static const char *const one_name[] = {"uin"}, *const one_value[] = {"1"};
    static const char *const null_value[] = {NULL}, *const null_name[] = {NULL};
    if (camsim_render_resource(NULL, NULL, NULL, 0, buf, BUF, NULL) != CAMSIM_E_ARGUMENT ||
        camsim_render_resource(info, NULL, NULL, 0, NULL, 0, NULL) != CAMSIM_E_ARGUMENT ||
        camsim_render_resource(info, NULL, NULL, 1, buf, BUF, NULL) != CAMSIM_E_ARGUMENT ||
        camsim_render_resource(info, one_name, null_value, 1, buf, BUF, NULL) !=
            CAMSIM_E_ARGUMENT ||
        camsim_render_resource(info, null_name, one_value, 1, buf, BUF, NULL) !=
            CAMSIM_E_ARGUMENT)
        fz_fail(TARGET, "render accepted a NULL or inconsistent argument");
    /* Templates beyond the catalog: 17 distinct placeholders, an unclosed "${",
     * a placeholder holding ':' and a repeated one. */
    camsim_action_info fake = *info;
    fake.resource_template = "qcs::x::uin/:${a}${b}${c}${d}${e}${f}${g}${h}${i}${j}${k}${l}${m}"
                             "${n}${o}${p}${q}";
    if (camsim_render_resource(&fake, NULL, NULL, 0, buf, BUF, NULL) != CAMSIM_E_LIMIT)
        fz_fail(TARGET, "render accepted a template with 17 placeholders");
    static const char *const tpls[] = {"qcs::x:${uin:a}:uin/:a/${uin}${uin}",
                                       "qcs::x::uin/:a/${", "qcs::x::uin/:a/${uin${uin}",
                                       "qcs::x::uin/", "uin/:uin/:uin/:uin/:uin/:uin/"};
    static const char *const names[] = {"uin", "uin:a", "uin${uin"};
    static const char *const values[] = {"7", "r", "s"};
    for (size_t i = 0; i < sizeof tpls / sizeof tpls[0]; i++) {
        fake.resource_template = tpls[i];
        check_one_render(&fake, names, values, 3, 0);
        check_one_render(&fake, names, values, 1, 0);
    }
    fz_out_free(buf);
    fz_note_reset();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (getenv("CAMSIM_FUZZ_STATS"))
        atexit(print_stats);
    /* cJSON's allocations from a per-input pool, checked for leaks at the
     * end of every input (fz_cjson_pool_end). */
    fz_cjson_pool_init();
    check_names_and_arguments();
    return 0;
}

typedef struct outcome {
    camsim_code code;
    camsim_decision d;
    camsim_match *matches; /* MATCH_CAP entries, exactly (an arena piece with ASan bounds) */
} outcome;

static void run(fz_arena *a, camsim_policy *const *set, size_t n, const camsim_policy *boundary,
                const camsim_request *req, outcome *o)
{
    memset(o, 0, sizeof *o);
    o->matches = fz_alloc(a, MATCH_CAP * sizeof *o->matches);
    o->d.matches = o->matches;
    o->d.match_capacity = MATCH_CAP;
    camsim_error err;
    o->code = camsim_evaluate((const camsim_policy *const *)set, n, boundary, req, &o->d, &err);
    if (o->code != CAMSIM_OK && o->d.decision != CAMSIM_DENY)
        fz_fail(TARGET, "an evaluation error came back with decision allow");
    /* Planted bug 5: deny-overrides broken when several policies are loaded. */
    if (FZ_PLANTED(5) && n >= 2 && o->code == CAMSIM_OK &&
        o->d.reason == CAMSIM_REASON_EXPLICIT_DENY) {
        o->d.decision = CAMSIM_ALLOW;
        o->d.reason = CAMSIM_REASON_ALLOW;
    }
}

static const char *outcome_text(fz_arena *a, const outcome *o)
{
    if (o->code != CAMSIM_OK)
        return fz_printf(a, "error %s", camsim_code_name(o->code));
    fz_buf b = {0};
    fz_buf_printf(&b, "%s (%s) matched:", camsim_effect_name(o->d.decision),
                  camsim_reason_name(o->d.reason));
    for (size_t i = 0; i < o->d.match_count && i < MATCH_CAP; i++)
        fz_buf_printf(&b, " p%u/s%u", o->matches[i].policy, o->matches[i].statement);
    return fz_buf_finish(&b, a);
}

static const char *ref_text(fz_arena *a, const ref_decision *r)
{
    if (r->status == REF_ERROR)
        return "request error";
    if (r->status == REF_UNSPEC)
        return "unspecified";
    if (r->status == REF_NOT_TRUE)
        return "deny or error (never allow)";
    fz_buf b = {0};
    static const char *const reasons[] = {"implicit_deny", "explicit_deny", "allow"};
    fz_buf_printf(&b, "%s (%s)%s matched:", r->allow ? "allow" : "deny",
                  r->reason >= 0 ? reasons[r->reason] : "boundary", r->error_ok ? " or error" : "");
    for (size_t i = 0; i < r->nmatches; i++)
        fz_buf_printf(&b, " p%u/s%u", r->policy_of[i], r->stmt_of[i]);
    return fz_buf_finish(&b, a);
}

/* Same set of deciding statements (order free). */
static bool same_matches(const outcome *o, const ref_decision *r)
{
    if (o->d.match_count != r->nmatches || r->nmatches > MATCH_CAP)
        return o->d.match_count == r->nmatches;
    for (size_t i = 0; i < r->nmatches; i++) {
        bool found = false;
        for (size_t j = 0; j < o->d.match_count; j++)
            found |= o->matches[j].policy == r->policy_of[i] &&
                     o->matches[j].statement == r->stmt_of[i];
        if (!found)
            return false;
    }
    return true;
}

static void compare(fz_arena *a, const outcome *o, const ref_decision *r, bool boundary)
{
    const char *why = NULL;
    stats[7]++;
    stats[r->status == REF_UNSPEC     ? 1
          : r->status == REF_ERROR    ? 2
          : r->status == REF_NOT_TRUE ? 3
          : o->code != CAMSIM_OK      ? 6
          : r->allow                  ? 4
                                      : 5]++;
    switch (r->status) {
    case REF_UNSPEC:
        return;
    case REF_ERROR:
        if (o->code == CAMSIM_OK)
            why = "the engine evaluated a request the spec calls an input error";
        break;
    case REF_NOT_TRUE:
        if (o->code == CAMSIM_OK && o->d.decision == CAMSIM_ALLOW)
            why = "allow although a condition could not read a context value";
        break;
    default:
        if (o->code != CAMSIM_OK) {
            if (!r->error_ok)
                why = "the engine failed on a request the reference evaluates";
        } else if ((o->d.decision == CAMSIM_ALLOW) != (r->allow == 1)) {
            why = "decisions differ";
        } else if (!boundary && (int)o->d.reason != (r->reason == 0 ? CAMSIM_REASON_IMPLICIT_DENY
                                                     : r->reason == 1 ? CAMSIM_REASON_EXPLICIT_DENY
                                                                      : CAMSIM_REASON_ALLOW)) {
            why = "reasons differ";
        } else if (!boundary && !same_matches(o, r)) {
            why = "deciding statements differ";
        }
    }
    if (why) {
        fz_note("engine", outcome_text(a, o));
        fz_note("reference", ref_text(a, r));
        fz_fail(TARGET, "%s", why);
    }
}

/* The request as JSON, built only when an input fails (fz_note_lazy). */
static const char *request_text(const void *req)
{
    static fz_arena a;
    return fz_request_json(&a, req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_arena arena = {0};
    fz_provider p;
    fz_provider_init(&p, &arena, data, size);
    fz_note_reset();

    size_t npol = 1 + fz_range(&p, MAX_POLICIES);
    ref_policy pols[MAX_POLICIES + 1];
    const ref_policy *ref_set[MAX_POLICIES];
    camsim_policy *set[MAX_POLICIES + 1] = {0};
    unsigned style = fz_u8(&p);
    for (size_t i = 0; i < npol; i++) {
        fz_gen_policy(&p, &pols[i], true);
        ref_set[i] = &pols[i];
    }
    bool has_boundary = fz_u8(&p) < 40;
    if (has_boundary)
        fz_gen_policy(&p, &pols[npol], false);
    ref_request req;
    fz_gen_request(&p, &req);
    if (fz_bool(&p)) {
        /* Aim the request at one statement, so that about half match. */
        const ref_policy *tp = &pols[fz_range(&p, npol)];
        const ref_stmt *ts = &tp->stmts[fz_range(&p, tp->nstmts)];
        const char *a = fz_subject_from_pattern(&p, ts->actions[fz_range(&p, ts->nactions)], true,
                                                NULL, false);
        if (ref_action_valid(a) == REF_TRUE)
            req.action = a;
        const ref_action_info *ai = ref_catalog_find(req.action);
        if (ai && ai->operation_level) {
            req.resource = NULL;
        } else {
            ref_vars v = {NULL, req.owner_uin, NULL};
            const char *r = fz_subject_from_pattern( /* some case-flipped: resources are case-sensitive */
                &p, ts->resources[fz_range(&p, ts->nresources)], fz_u8(&p) < 64, &v, true);
            if (ref_resource_valid(r) == REF_TRUE)
                req.resource = r;
        }
    }

    /* Load every policy; validity must agree with the reference. */
    bool all_valid = true;
    for (size_t i = 0; i < npol + has_boundary; i++) {
        const char *json = fz_policy_json(&arena, &pols[i], style, NULL);
        fz_note(i == npol ? "boundary JSON" : "policy JSON", json);
        camsim_error err;
        memset(&err, 0, sizeof err);
        set[i] = camsim_policy_parse(json, strlen(json), &err);
        int valid = ref_policy_valid(&pols[i]);
        if (FZ_PLANTED(7) && !set[i] && valid == REF_FALSE)
        {
            static const char allow_all[] = "{\"version\":\"2.0\",\"statement\":{\"effect\":"
                                            "\"allow\",\"action\":\"*\",\"resource\":\"*\"}}";
            set[i] = camsim_policy_parse(allow_all, sizeof allow_all - 1, NULL);
        }
        if (set[i] && valid == REF_FALSE) {
            fz_note("breakage", pols[i].invalid ? pols[i].invalid : "(a generated value)");
            fz_fail(TARGET, "the engine accepted a policy the spec rejects");
        }
        if (!set[i] && valid == REF_TRUE) {
            fz_note("engine error", fz_printf(&arena, "%s at %s: %s", camsim_code_name(err.code),
                                              err.path, err.message));
            fz_fail(TARGET, "the engine rejected a valid policy");
        }
        all_valid &= set[i] != NULL;
    }
    fz_note_lazy("request", request_text, &req);
    if (!all_valid) {
        stats[0]++;
        goto done;
    }

    camsim_context_entry entries[8];
    camsim_request creq;
    fz_request_to_camsim(&req, &creq, entries);
    const camsim_policy *boundary = has_boundary ? set[npol] : NULL;

    outcome base;
    run(&arena, set, npol, boundary, &creq, &base);
    ref_decision ref;
    ref_evaluate(ref_set, npol, has_boundary ? &pols[npol] : NULL, &req, &ref);
    compare(&arena, &base, &ref, has_boundary);

    /* Invariant: operation-level actions need a "*" resource to be granted. */
    const ref_action_info *info = ref_catalog_find(req.action);
    if (info && info->operation_level && base.code == CAMSIM_OK && !has_boundary &&
        base.d.decision == CAMSIM_ALLOW) {
        for (size_t i = 0; i < base.d.match_count && i < MATCH_CAP; i++) {
            const camsim_match *m = &base.matches[i];
            if (m->policy >= npol || m->statement >= pols[m->policy].nstmts)
                fz_fail(TARGET, "match p%u/s%u is out of range", m->policy, m->statement);
            const ref_stmt *s = &pols[m->policy].stmts[m->statement];
            bool star = false;
            for (size_t k = 0; k < s->nresources; k++)
                star |= strcmp(s->resources[k], "*") == 0;
            if (!star)
                fz_fail(TARGET, "operation-level action granted by p%u/s%u without resource \"*\"",
                        m->policy, m->statement);
        }
    }

    /* Invariant: order of statements and policies does not matter. */
    {
        camsim_policy *rev[MAX_POLICIES] = {0};
        for (size_t i = 0; i < npol; i++) {
            size_t src = npol - 1 - i;
            size_t *order = fz_alloc(&arena, pols[src].nstmts * sizeof *order);
            for (size_t k = 0; k < pols[src].nstmts; k++)
                order[k] = (k + 1 + style) % pols[src].nstmts;
            const char *json = fz_policy_json(&arena, &pols[src], style ^ 3, order);
            rev[i] = camsim_policy_parse(json, strlen(json), NULL);
            if (!rev[i]) {
                fz_note("reordered policy JSON", json);
                fz_fail(TARGET, "reordering statements made a policy invalid");
            }
        }
        outcome o;
        run(&arena, rev, npol, boundary, &creq, &o);
        if (o.code != base.code || o.d.decision != base.d.decision ||
            (o.code == CAMSIM_OK && o.d.reason != base.d.reason) ||
            o.d.match_count != base.d.match_count) {
            fz_note("engine, original order", outcome_text(&arena, &base));
            fz_note("engine, reordered", outcome_text(&arena, &o));
            fz_fail(TARGET, "the order of policies or statements changed the decision");
        }
        for (size_t i = 0; i < npol; i++)
            camsim_policy_free(rev[i]);
    }

    /* Invariant: adding a deny statement never turns deny into allow. */
    if (base.code == CAMSIM_OK && base.d.decision == CAMSIM_DENY) {
        ref_policy more = pols[0];
        more.stmts = fz_alloc(&arena, (more.nstmts + 1) * sizeof *more.stmts);
        memcpy(more.stmts, pols[0].stmts, pols[0].nstmts * sizeof *more.stmts);
        fz_gen_statement(&p, &more.stmts[more.nstmts++], 0);
        const char *json = fz_policy_json(&arena, &more, style, NULL);
        camsim_policy *extra = camsim_policy_parse(json, strlen(json), NULL);
        if (extra) {
            camsim_policy *saved = set[0];
            set[0] = extra;
            outcome o;
            run(&arena, set, npol, boundary, &creq, &o);
            set[0] = saved;
            if (o.code == CAMSIM_OK && o.d.decision == CAMSIM_ALLOW) {
                fz_note("policy 0 with a deny added", json);
                fz_fail(TARGET, "adding a deny statement turned deny into allow");
            }
            camsim_policy_free(extra);
        }
    }

done:
    check_render(&arena, data, size, req.action);
    for (size_t i = 0; i < npol + has_boundary; i++)
        camsim_policy_free(set[i]);
    fz_cjson_pool_end(TARGET);
    fz_arena_free(&arena);
    return 0;
}
