/* diff: policy change review (engine/src/diff, docs/diff.md) against brute
 * force. Two policy sets are generated, usually the second a small edit of
 * the first (a widened resource glob, a dropped deny, a changed CIDR or
 * bound, an added _if_exist, an added or removed statement), and the
 * analyzer's answers are checked three ways:
 *   1. "no new access" for an action: requests drawn near every pattern and
 *      condition boundary of both sets are evaluated by the reference
 *      evaluator (fuzz/reference/ref_eval.c, independent of the engine);
 *      none may be allowed by the new set and denied by the old one;
 *   2. every witness is allowed by the new set and denied by the old one
 *      by the engine, and by the reference evaluator wherever it pins the
 *      answer (a witness is a request the engine answers, so this is one more
 *      engine-vs-model check: it found binary_equal comparing "${uin}"
 *      literally; CAMSIM_DIFF_LAX_REFERENCE=1 turns it off);
 *   3. a set compared with itself has no new access, both ways;
 *   4. with one allocation of the diff failing (the input's last byte picks
 *      which; fault-injection builds), the answer is NULL with
 *      CAMSIM_E_NOMEM, never a verdict: a failure handled by giving up a
 *      branch could otherwise read as "no new access".
 * fuzz/prove_diff_oracles.sh builds the engine with each planted analyzer
 * bug (engine/src/diff/plant.h) and shows that this target reports it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "harness/fuzz.h"
#include "harness/gen.h"

#define TARGET "diff"

enum { MAX_POLICIES = 2, MAX_STMTS = 4, MAX_LIST = 3, MAX_CONDS = 3, SAMPLES = 160 };

/* ---- vocabulary: patterns and values close to each other's boundaries ------ */

static const char *const ACTIONS[] = {
    "trtc:DismissRoom", "trtc:Describe*", "trtc:*", "*", "tcmpp:*", "trtc:RemoveUser*",
    "trtc:*Room*", "name/trtc:DismissRoom", "trtc:DescribeTrtcStatistic",
};
static const char *const RESOURCES[] = {
    "*",
    "qcs::trtc::uin/100001:sdkappid/1400000001",
    "qcs::trtc::uin/100001:sdkappid/140000000*",
    "qcs::trtc::uin/100001:sdkappid/*1",
    "qcs::trtc::uin/100001:*",
    "qcs::trtc:::sdkappid/1400000001",
    "qcs::trtc::uin/:sdkappid/*",
    "qcs::*::uin/1000*:sdkappid/14*",
    "qcs::trtc:ap-*:uin/100001:sdkappid/1400000002",
    "qcs::tcmpp::uin/100001:*",
    "qcs::trtc::uin/100002:sdkappid/1400000001",
    "qcs:::::*",
    "qcs::trtc::uin/100001:sdkappid/14*01",
    "qcs::trtc::uin/100001:*/1400000002",
};
static const char *const PRINCIPALS[] = {"qcs::cam::uin/100001:uin/200002", "qcs::cam::uin/100001:*",
                                         "qcs::cam::*:uin/3*"};

typedef struct family_vocab {
    const char *const *ops;
    size_t nops;
    const char *key;
    const char *const *values;
    size_t nvalues;
    const char *const *near; /* request values at and beside the boundaries */
    size_t nnear;
} family_vocab;

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const char *const STRING_OPS[] = {"string_equal", "string_not_equal", "string_like",
                                         "string_not_like", "string_equal_ignore_case",
                                         "string_not_equal_ignore_case", "binary_equal"};
static const char *const STRING_VALUES[] = {"a", "ab", "a*", "*b", "A", "b", "*"};
static const char *const STRING_NEAR[] = {"a", "ab", "abb", "b", "A", "", "xb", "AB", "ba", "a*"};
static const char *const NUMERIC_OPS[] = {"numeric_equal", "numeric_not_equal", "numeric_less_than",
                                          "numeric_less_than_equal", "numeric_greater_than",
                                          "numeric_greater_than_equal"};
static const char *const NUMERIC_VALUES[] = {"1", "1.5", "10", "-2", "1e1", "0.001"};
static const char *const NUMERIC_NEAR[] = {"1", "1.5", "1.49", "1.51", "10", "9.99", "10.01",
                                           "-2", "-2.01", "-1.99", "0", "0.001", "0.0009",
                                           "0.0011", "100", "x", "1.0", "0.99", "1.01", "11", "1e2",
                                           "-100"};
static const char *const DATE_OPS[] = {"date_equal", "date_not_equal", "date_less_than",
                                       "date_less_than_equal", "date_greater_than",
                                       "date_greater_than_equal"};
static const char *const DATE_VALUES[] = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z",
                                          "2026-06-01 00:00:00"};
static const char *const DATE_NEAR[] = {"2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z",
                                        "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z",
                                        "2026-06-01T00:00:00Z", "2026-05-31T23:59:59Z",
                                        "2026-06-01T00:00:01Z"};
static const char *const IP_OPS[] = {"ip_equal", "ip_not_equal"};
static const char *const IP_VALUES[] = {"10.0.0.0/8", "10.1.0.0/16", "10.255.255.255", "::1",
                                        "192.168.0.0/24", "10.0.0.0/9"};
static const char *const IP_NEAR[] = {"10.0.0.0", "9.255.255.255", "10.255.255.255", "11.0.0.0",
                                      "10.1.0.0", "10.0.255.255", "10.1.255.255", "10.2.0.0",
                                      "::1", "::2", "192.168.0.0", "192.168.0.255",
                                      "192.168.1.0", "1.2.3.4", "10.127.255.255", "10.128.0.0"};
static const char *const BOOL_OPS[] = {"bool_equal"};
static const char *const BOOL_VALUES[] = {"true", "false"};
static const char *const TAG_VALUES[] = {"prod", "dev", "p*"};
static const char *const TAG_NEAR[] = {"prod", "dev", "p", "pr", "x"};

static const family_vocab FAMILIES[] = {
    {STRING_OPS, N(STRING_OPS), "k", STRING_VALUES, N(STRING_VALUES), STRING_NEAR, N(STRING_NEAR)},
    {NUMERIC_OPS, N(NUMERIC_OPS), "n", NUMERIC_VALUES, N(NUMERIC_VALUES), NUMERIC_NEAR,
     N(NUMERIC_NEAR)},
    {DATE_OPS, N(DATE_OPS), "qcs:current_time", DATE_VALUES, N(DATE_VALUES), DATE_NEAR,
     N(DATE_NEAR)},
    {IP_OPS, N(IP_OPS), "qcs:ip", IP_VALUES, N(IP_VALUES), IP_NEAR, N(IP_NEAR)},
    {BOOL_OPS, N(BOOL_OPS), "b", BOOL_VALUES, N(BOOL_VALUES), BOOL_VALUES, N(BOOL_VALUES)},
    {STRING_OPS, 4, "qcs:resource_tag/env", TAG_VALUES, N(TAG_VALUES), TAG_NEAR, N(TAG_NEAR)},
};
enum { FAMILY_COUNT = N(FAMILIES) };

/* ---- generation ---------------------------------------------------------------- */

static const char **pick_list(fz_provider *p, const char *const *vocab, size_t n, size_t *count)
{
    *count = 1 + fz_range(p, MAX_LIST);
    const char **out = fz_alloc(p->arena, sizeof *out * MAX_LIST * 2);
    for (size_t i = 0; i < *count; i++)
        out[i] = vocab[fz_range(p, n)];
    return out;
}

static void gen_condition(fz_provider *p, ref_cond *c)
{
    /* The ordered families (numbers, dates, IP ranges) come up twice as
     * often: their boundaries are where interval reasoning goes wrong. */
    static const size_t extra[] = {1, 2, 3};
    size_t pick = fz_range(p, FAMILY_COUNT + 3);
    const family_vocab *f = &FAMILIES[pick < FAMILY_COUNT ? pick : extra[pick - FAMILY_COUNT]];
    const char *op = f->ops[fz_range(p, f->nops)];
    c->key = f->key;
    uint8_t shape = fz_u8(p);
    if (shape < 20) { /* null_equal: presence only */
        op = "null_equal";
        c->values = fz_alloc(p->arena, sizeof *c->values * MAX_LIST * 2);
        c->values[0] = fz_bool(p) ? "true" : "false";
        c->count = 1;
        c->op = op;
        return;
    }
    const char *prefix = shape < 60 ? "for_any_value:" : shape < 64 ? "for_all_value:" : "";
    const char *suffix = (shape & 3) == 1 ? "_if_exist" : "";
    c->op = fz_printf(p->arena, "%s%s%s", prefix, op, suffix);
    c->values = pick_list(p, f->values, f->nvalues, &c->count);
    /* A policy variable: outside the exact fragment. Not in binary_equal,
     * where the engine keeps "${uin}" literal and the reference model
     * substitutes it (an engine-vs-model question for the eval target). */
    if (f->values == STRING_VALUES && strcmp(op, "binary_equal") != 0 && fz_u8(p) < 6)
        c->values[0] = "${uin}";
}

static void gen_statement(fz_provider *p, ref_stmt *s)
{
    s->effect = fz_u8(p) < 170;
    s->actions = pick_list(p, ACTIONS, N(ACTIONS), &s->nactions);
    s->resources = pick_list(p, RESOURCES, N(RESOURCES), &s->nresources);
    uint8_t pk = fz_u8(p);
    s->principal_kind = pk < 200 ? 0 : pk < 215 ? 1 : 2;
    if (s->principal_kind == 2)
        s->principals = pick_list(p, PRINCIPALS, N(PRINCIPALS), &s->nprincipals);
    s->conds = fz_alloc(p->arena, sizeof *s->conds * (MAX_CONDS + 1));
    s->nconds = fz_range(p, MAX_CONDS + 1);
    for (size_t i = 0; i < s->nconds; i++)
        gen_condition(p, &s->conds[i]);
}

static void gen_policy(fz_provider *p, ref_policy *pol)
{
    memset(pol, 0, sizeof *pol);
    pol->stmts = fz_alloc(p->arena, sizeof *pol->stmts * (MAX_STMTS + 2));
    pol->nstmts = 1 + fz_range(p, MAX_STMTS);
    for (size_t i = 0; i < pol->nstmts; i++)
        gen_statement(p, &pol->stmts[i]);
    if (fz_u8(p) < 12) {
        pol->principal_kind = 2;
        pol->principals = pick_list(p, PRINCIPALS, N(PRINCIPALS), &pol->nprincipals);
    }
}

/* A deep enough copy: lists are copied, strings shared. */
static const char **copy_list(fz_arena *a, const char **l, size_t n)
{
    const char **c = fz_alloc(a, sizeof *c * MAX_LIST * 2);
    memcpy(c, l, sizeof *c * n);
    return c;
}

static void copy_policy(fz_arena *a, const ref_policy *from, ref_policy *to)
{
    *to = *from;
    to->stmts = fz_alloc(a, sizeof *to->stmts * (MAX_STMTS + 2));
    for (size_t i = 0; i < from->nstmts; i++) {
        ref_stmt *s = &to->stmts[i];
        *s = from->stmts[i];
        s->actions = copy_list(a, s->actions, s->nactions);
        s->resources = copy_list(a, s->resources, s->nresources);
        if (s->principals)
            s->principals = copy_list(a, s->principals, s->nprincipals);
        s->conds = fz_alloc(a, sizeof *s->conds * (MAX_CONDS + 1));
        for (size_t c = 0; c < s->nconds; c++) {
            s->conds[c] = from->stmts[i].conds[c];
            s->conds[c].values = copy_list(a, s->conds[c].values, s->conds[c].count);
        }
    }
}

/* "qcs::trtc::uin/100001:sdkappid/1400000001" -> a prefix of its sixth segment + "*". */
static const char *widen(fz_provider *p, const char *r)
{
    const char *c = r;
    for (int k = 0; k < 5 && c; k++) {
        c = strchr(c, ':');
        if (c)
            c++;
    }
    if (!c)
        return "*";
    size_t keep = (size_t)(c - r) + fz_range(p, strlen(c) + 1);
    return fz_printf(p->arena, "%.*s*", (int)keep, r);
}

static void mutate(fz_provider *p, ref_policy *pol)
{
    if (pol->nstmts == 0)
        return;
    ref_stmt *s = &pol->stmts[fz_range(p, pol->nstmts)];
    switch (fz_range(p, 11)) {
    case 0: { /* widen a resource glob */
        size_t i = fz_range(p, s->nresources);
        s->resources[i] = widen(p, s->resources[i]);
        break;
    }
    case 1: /* drop a deny (or any statement) */
        for (size_t i = 0; i < pol->nstmts; i++)
            if (pol->stmts[i].effect == 0 || i + 1 == pol->nstmts) {
                if (pol->nstmts > 1) {
                    memmove(&pol->stmts[i], &pol->stmts[i + 1],
                            sizeof *pol->stmts * (pol->nstmts - i - 1));
                    pol->nstmts--;
                }
                break;
            }
        break;
    case 2: /* change a condition value (a CIDR, a bound, a string) */
        if (s->nconds) {
            ref_cond *c = &s->conds[fz_range(p, s->nconds)];
            for (size_t f = 0; f < FAMILY_COUNT; f++)
                if (strcmp(FAMILIES[f].key, c->key) == 0 && !strstr(c->op, "null_equal"))
                    c->values[fz_range(p, c->count)] =
                        FAMILIES[f].values[fz_range(p, FAMILIES[f].nvalues)];
        }
        break;
    case 3: /* add _if_exist */
        if (s->nconds) {
            ref_cond *c = &s->conds[fz_range(p, s->nconds)];
            if (!strstr(c->op, "_if_exist") && !strstr(c->op, "null_equal"))
                c->op = fz_printf(p->arena, "%s_if_exist", c->op);
        }
        break;
    case 4: s->effect = !s->effect; break;
    case 5:
        if (pol->nstmts < MAX_STMTS + 1)
            gen_statement(p, &pol->stmts[pol->nstmts++]);
        break;
    case 6: s->actions[fz_range(p, s->nactions)] = ACTIONS[fz_range(p, N(ACTIONS))]; break;
    case 7:
        if (s->nconds)
            s->nconds--;
        break;
    case 8: s->resources[fz_range(p, s->nresources)] = RESOURCES[fz_range(p, N(RESOURCES))]; break;
    case 9: /* another operator of the same family (less_than -> greater_than, ...) */
        if (s->nconds) {
            ref_cond *c = &s->conds[fz_range(p, s->nconds)];
            for (size_t f = 0; f < FAMILY_COUNT; f++)
                if (strcmp(FAMILIES[f].key, c->key) == 0 && !strstr(c->op, "null_equal") &&
                    !strchr(c->op, ':'))
                    c->op = FAMILIES[f].ops[fz_range(p, FAMILIES[f].nops)];
        }
        break;
    default:
        if (s->nconds < MAX_CONDS)
            gen_condition(p, &s->conds[s->nconds++]);
        break;
    }
}

/* ---- the two sets --------------------------------------------------------------- */

typedef struct set {
    ref_policy refs[MAX_POLICIES + 1]; /* the last one is the boundary when has_boundary */
    size_t count;
    bool has_boundary;
    camsim_policy *compiled[MAX_POLICIES + 1];
    const ref_policy *ref_ptrs[MAX_POLICIES];
} set;

static bool compile_set(fz_arena *a, set *s)
{
    size_t total = s->count + (s->has_boundary ? 1 : 0);
    for (size_t i = 0; i < total; i++) {
        char *json = fz_policy_json(a, &s->refs[i], 0, NULL);
        camsim_error err;
        fz_note("policy", json);
        s->compiled[i] = camsim_policy_parse(json, strlen(json), &err);
        if (!s->compiled[i])
            return false; /* the vocabulary keeps policies valid; nothing to compare */
    }
    for (size_t i = 0; i < s->count; i++)
        s->ref_ptrs[i] = &s->refs[i];
    return true;
}

static void free_set(set *s)
{
    for (size_t i = 0; i <= MAX_POLICIES; i++)
        camsim_policy_free(s->compiled[i]);
}

static camsim_diff_set engine_set(const set *s)
{
    return (camsim_diff_set){(const camsim_policy *const *)s->compiled, s->count,
                             s->has_boundary ? s->compiled[s->count] : NULL};
}

/* The reference's decision: 1 allow, 0 deny, -1 not pinned (or an error). */
static int ref_decide(const set *s, const ref_request *r)
{
    ref_decision d;
    ref_evaluate(s->ref_ptrs, s->count, s->has_boundary ? &s->refs[s->count] : NULL, r, &d);
    if (d.status != REF_TRUE)
        return -1;
    return d.allow;
}

static int engine_decide(const set *s, const camsim_request *r)
{
    camsim_diff_set es = engine_set(s);
    camsim_decision d = {0};
    camsim_error err;
    if (camsim_evaluate(es.policies, es.count, es.boundary, r, &d, &err) != CAMSIM_OK)
        return -1;
    return d.decision == CAMSIM_ALLOW;
}

/* ---- oracle 1: brute force near the boundaries ------------------------------------- */

static const char *const OWNERS[] = {"100001", "100002", ""};
static const char *const REQ_PRINCIPALS[] = {"qcs::cam::uin/100001:uin/200002",
                                             "qcs::cam::uin/100001:uin/3", "x",
                                             "qcs::cam::uin/9:uin/31"};
static const char *const CONCRETE[] = {
    "qcs::trtc::uin/100001:sdkappid/1400000001", "qcs::trtc::uin/100001:sdkappid/1400000002",
    "qcs::trtc::uin/:sdkappid/1400000001",       "qcs::trtc::uin/100002:sdkappid/1400000001",
    "qcs::trtc:ap-guangzhou:uin/100001:sdkappid/1400000002", "qcs::tcmpp::uin/100001:platform/1",
    "qcs::trtc:::sdkappid/1400000001",           "qcs::trtc::uin/100001:sdkappid/14000000011",
    "qcs::trtc::uin/100001:sdkappid/140000000",  "qcs::x::uid/1:y"};

/* A resource near a pattern: the pattern with its stars filled, or a
 * concrete one, sometimes one byte longer or shorter. */
static const char *near_resource(fz_provider *p, const set *sets)
{
    const set *s = &sets[fz_range(p, 2)];
    size_t total = s->count + (s->has_boundary ? 1 : 0);
    const ref_policy *pol = &s->refs[fz_range(p, total)];
    const ref_stmt *st = pol->nstmts ? &pol->stmts[fz_range(p, pol->nstmts)] : NULL;
    const char *r = CONCRETE[fz_range(p, N(CONCRETE))];
    if (st && fz_bool(p)) {
        ref_vars vars = {NULL, "100001", NULL};
        r = fz_subject_from_pattern(p, st->resources[fz_range(p, st->nresources)], false, &vars,
                                    true);
    }
    switch (fz_range(p, 4)) {
    case 0: return fz_printf(p->arena, "%s1", r);
    case 1: return strlen(r) > 12 ? fz_printf(p->arena, "%.*s", (int)strlen(r) - 1, r) : r;
    default: return r;
    }
}

static void near_context(fz_provider *p, ref_request *r)
{
    r->ctx = fz_alloc(p->arena, sizeof *r->ctx * FAMILY_COUNT);
    r->nctx = 0;
    for (size_t f = 0; f < FAMILY_COUNT; f++) {
        if (fz_range(p, 3) == 0)
            continue; /* absent */
        ref_ctx *c = &r->ctx[r->nctx++];
        c->key = FAMILIES[f].key;
        c->count = 1 + (fz_u8(p) < 40);
        c->values = fz_alloc(p->arena, sizeof *c->values * 2);
        for (size_t v = 0; v < c->count; v++)
            c->values[v] = FAMILIES[f].near[fz_range(p, FAMILIES[f].nnear)];
    }
}

static void sample_request(fz_provider *p, const set *sets, size_t action, ref_request *r)
{
    const camsim_action_info *info = camsim_catalog_at(action);
    memset(r, 0, sizeof *r);
    r->action = fz_printf(p->arena, "%s:%s", info->service, info->name);
    if (info->granularity == CAMSIM_RESOURCE_LEVEL)
        r->resource = near_resource(p, sets);
    if (fz_range(p, 3) == 0)
        r->owner_uin = OWNERS[fz_range(p, N(OWNERS))];
    if (fz_bool(p))
        r->principal = REQ_PRINCIPALS[fz_range(p, N(REQ_PRINCIPALS))];
    near_context(p, r);
}

static const char *describe_request(const void *ctx)
{
    static char buf[2048];
    const ref_request *r = ctx;
    fz_arena a = {0};
    snprintf(buf, sizeof buf, "%s", fz_request_json(&a, r));
    fz_arena_free(&a);
    return buf;
}

/* Actions the sets mention: a request for any other action meets no statement. */
static bool action_in_play(const set *sets, const char *action)
{
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < sets[k].count + (sets[k].has_boundary ? 1 : 0); i++)
            for (size_t s = 0; s < sets[k].refs[i].nstmts; s++)
                for (size_t a = 0; a < sets[k].refs[i].stmts[s].nactions; a++)
                    if (ref_action_match(sets[k].refs[i].stmts[s].actions[a], action) == REF_TRUE)
                        return true;
    return false;
}

static void check_no_new_access(fz_provider *p, const set *sets, const camsim_diff_result *res)
{
    size_t in_play[96], n = 0;
    for (size_t a = 0; a < res->count && n < 96; a++) {
        const camsim_action_info *info = camsim_catalog_at(a);
        char name[128];
        snprintf(name, sizeof name, "%s:%s", info->service, info->name);
        if (res->actions[a].verdict == CAMSIM_DIFF_NO_NEW_ACCESS && action_in_play(sets, name))
            in_play[n++] = a;
    }
    for (size_t i = 0; n && i < SAMPLES; i++) {
        size_t a = in_play[fz_range(p, n)];
        ref_request r;
        sample_request(p, sets, a, &r);
        if (ref_decide(&sets[1], &r) != 1 || ref_decide(&sets[0], &r) != 0)
            continue;
        /* The engine must see the same difference (the eval target pins the
         * engine to the reference; here only the analyzer is on trial). */
        camsim_request cr;
        camsim_context_entry entries[FAMILY_COUNT];
        fz_request_to_camsim(&r, &cr, entries);
        if (engine_decide(&sets[1], &cr) == 1 && engine_decide(&sets[0], &cr) == 0) {
            fz_note_lazy("request", describe_request, &r);
            fz_fail(TARGET, "diff says no new access for %s, but the reference evaluator allows "
                    "this request with the new set and denies it with the old one", r.action);
        }
    }
}

/* ---- oracle 2: every witness --------------------------------------------------------- */

static void witness_to_ref(fz_arena *a, const camsim_diff_witness *w, ref_request *r)
{
    memset(r, 0, sizeof *r);
    r->action = w->action;
    r->resource = w->resource;
    r->owner_uin = w->owner_uin;
    r->principal = w->principal;
    r->ctx = fz_alloc(a, sizeof *r->ctx * (w->context_count + 1));
    r->nctx = w->context_count;
    for (size_t i = 0; i < w->context_count; i++) {
        const char **values = fz_alloc(a, sizeof *values * (w->context[i].count + 1));
        for (size_t v = 0; v < w->context[i].count; v++)
            values[v] = w->context[i].values[v];
        r->ctx[i] = (ref_ctx){w->context[i].key, values, w->context[i].count};
    }
}

static void check_witnesses(fz_arena *a, const set *sets, const camsim_diff_result *res)
{
    for (size_t i = 0; i < res->count; i++) {
        const camsim_diff_action *act = &res->actions[i];
        if (act->verdict != CAMSIM_DIFF_NEW_ACCESS)
            continue;
        ref_request r;
        witness_to_ref(a, &act->witness, &r);
        fz_note_lazy("witness", describe_request, &r);
        if (engine_decide(&sets[1], &act->witness.request) != 1 ||
            engine_decide(&sets[0], &act->witness.request) != 0)
            fz_fail(TARGET, "witness for %s not confirmed by the engine", act->witness.action);
        /* The reference evaluator, where it pins the answer, must agree: a
         * disagreement is an engine bug (or a model bug) on a request the
         * analyzer went looking for, which random requests rarely reach. */
        int rn = ref_decide(&sets[1], &r), ro = ref_decide(&sets[0], &r);
        if ((rn == 0 || ro == 1) && !getenv("CAMSIM_DIFF_LAX_REFERENCE"))
            fz_fail(TARGET, "witness for %s contradicted by the reference evaluator (new %d, old %d)",
                    act->witness.action, rn, ro);
    }
}

/* ---- oracle 3: a set against itself ----------------------------------------------------- */

static void check_self(const set *s)
{
    camsim_diff_set es = engine_set(s);
    camsim_error err;
    camsim_diff_result *r = camsim_diff(&es, &es, NULL, &err);
    if (!r)
        fz_fail(TARGET, "camsim_diff of a set with itself failed: %s", err.message);
    for (size_t i = 0; i < r->count; i++)
        if (r->actions[i].verdict != CAMSIM_DIFF_NO_NEW_ACCESS)
            fz_fail(TARGET, "a set compared with itself: %s for catalog action %zu",
                    r->actions[i].verdict == CAMSIM_DIFF_NEW_ACCESS ? "new access" : "unknown", i);
    camsim_diff_result_free(r);
}

/* ---- oracle 4: an allocation failure is never an answer ---------------------------------- */

static void check_alloc_failure(fz_arena *a, const camsim_diff_set *from,
                                const camsim_diff_set *to, const camsim_diff_result *clean,
                                size_t calls, uint8_t pick)
{
    if (!fz_fault_available() || calls == 0)
        return;
    size_t n = 1 + (size_t)pick * calls / 256; /* spread over the whole run */
    camsim_error err;
    memset(&err, 0, sizeof err);
    fz_fault_set(n);
    camsim_diff_result *r = camsim_diff(from, to, NULL, &err);
    bool fired = fz_fault_fired();
    fz_fault_set(0);
    fz_note("failing allocation", fz_printf(a, "%zu of %zu", n, calls));
    if (fired && (r || err.code != CAMSIM_E_NOMEM))
        fz_fail(TARGET, "an allocation failure gave %s instead of out of memory",
                r ? "a verdict" : camsim_code_name(err.code));
    if (!fired && (!r || r->verdict != clean->verdict))
        fz_fail(TARGET, "no allocation failed, yet the answer changed");
    camsim_diff_result_free(r);
}

/* ---- the target ----------------------------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void gen_sets(fz_provider *p, set *sets)
{
    memset(sets, 0, sizeof *sets * 2);
    set *old = &sets[0], *new = &sets[1];
    old->count = 1 + fz_range(p, MAX_POLICIES);
    old->has_boundary = fz_u8(p) < 40;
    for (size_t i = 0; i < old->count + old->has_boundary; i++)
        gen_policy(p, &old->refs[i]);
    new->count = old->count;
    new->has_boundary = old->has_boundary;
    for (size_t i = 0; i < old->count + old->has_boundary; i++)
        copy_policy(p->arena, &old->refs[i], &new->refs[i]);
    if (fz_u8(p) < 25) { /* sometimes unrelated sets */
        for (size_t i = 0; i < new->count + new->has_boundary; i++)
            gen_policy(p, &new->refs[i]);
        return;
    }
    size_t edits = fz_range(p, 4);
    for (size_t e = 0; e < edits; e++)
        mutate(p, &new->refs[fz_range(p, new->count + new->has_boundary)]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_arena arena = {0};
    fz_provider p;
    fz_provider_init(&p, &arena, data, size);
    fz_note_reset();
    set sets[2];
    gen_sets(&p, sets);
    if (compile_set(&arena, &sets[0]) && compile_set(&arena, &sets[1])) {
        camsim_diff_set from = engine_set(&sets[0]), to = engine_set(&sets[1]);
        camsim_error err;
        fz_fault_set(0);
        camsim_diff_result *res = camsim_diff(&from, &to, NULL, &err);
        size_t calls = fz_fault_count();
        if (!res)
            fz_fail(TARGET, "camsim_diff failed with no allocation failing: %s", err.message);
        check_witnesses(&arena, sets, res);
        check_no_new_access(&p, sets, res);
        check_alloc_failure(&arena, &from, &to, res, calls, size ? data[size - 1] : 0);
        camsim_diff_result_free(res);
        check_self(&sets[0]);
    }
    free_set(&sets[0]);
    free_set(&sets[1]);
    fz_arena_free(&arena);
    return 0;
}
