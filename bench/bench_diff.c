/* bench_diff.c: policy change review (camsim_diff, docs/diff.md).
 *
 * diff/examples/OLD->NEW   the example policies of corpus/policies, compared
 *                          over all 81 catalog actions (compiled once,
 *                          outside the timed loop).
 * diff/statements/N/narrow the synthetic N-statement document (profiles.h)
 *                          against itself with one statement narrowed (an
 *                          allow loses two of its actions): no new access,
 *                          which the analyzer must prove. oN fit.
 * diff/statements/N/widen  the same with that statement's resource widened
 *                          by a trailing `*`: new access, with a witness.
 *
 * The whole comparison is timed: statement identities, the relevant
 * statements of every action, and the searches. Single-threaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "diff.h"
#include "shim/camsim_bench.h"

#ifndef CAMSIM_SOURCE_DIR
#define CAMSIM_SOURCE_DIR "."
#endif

enum { DIFF_SIZES = 4 };

typedef struct diff_pair {
    camsim_policy *old_policy, *new_policy;
    size_t n;
    int widen;
    const char *name;
} diff_pair;

typedef struct diff_data {
    diff_pair examples[8];
    size_t nexamples;
    diff_pair sized[2 * DIFF_SIZES];
    size_t nsized;
} diff_data;

static camsim_policy *compile_text(const char *json, size_t len, const char *what)
{
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_policy *p = camsim_policy_parse(json, len, &err);
    if (!p)
        fprintf(stderr, "bench diff: %s: %s %s\n", what, err.path, err.message);
    return p;
}

static camsim_policy *compile_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/policies/%s.json", CAMSIM_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench diff: cannot open %s\n", path);
        return NULL;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return compile_text(buf, n, path);
}

/* One statement of the N-statement document changed: statement k = N/2
 * moved to the nearest plain grant (profiles.c: k % 10 != 9, k % 7 != 3,
 * k % 100 != 99), whose text names sdkappid/1400000000+k once. */
static char *changed_document(size_t n, int widen, size_t *len)
{
    char *json = bench_statements_json(n, len);
    size_t k = n / 2;
    while (k % 10 == 9 || k % 7 == 3 || k % 100 == 99)
        k++;
    char key[64];
    snprintf(key, sizeof key, "sdkappid/%lu\"", 1400000000ul + (unsigned long)k);
    char *at = strstr(json, key);
    char *out = malloc(*len + 16);
    if (!at || !out) {
        free(out);
        return json;
    }
    size_t head = (size_t)(at - json) + strlen(key) - 1; /* just before the closing quote */
    const char *actions = "\"trtc:Describe*\",\"trtc:Modify*\",\"trtc:Create*\",\"trtc:DismissRoom\"";
    if (widen) {
        memcpy(out, json, head);
        out[head] = '*';
        memcpy(out + head + 1, json + head, *len - head + 1);
        *len += 1;
    } else {
        /* The statement's action list precedes its resource. */
        char *stmt = at;
        while (stmt > json && strncmp(stmt, "{\"effect\"", 9) != 0)
            stmt--;
        char *list = strstr(stmt, actions);
        size_t before = (size_t)(list - json), cut = strlen(actions);
        const char *narrow = "\"trtc:Describe*\",\"trtc:Modify*\"";
        memcpy(out, json, before);
        memcpy(out + before, narrow, strlen(narrow));
        memcpy(out + before + strlen(narrow), list + cut, *len - before - cut + 1);
        *len = *len - cut + strlen(narrow);
    }
    free(json);
    return out;
}

static void bm_diff(cb_state *st, void *arg)
{
    const diff_pair *p = arg;
    if (!p->old_policy || !p->new_policy) {
        cb_state_skip_with_error(st, "a policy did not compile");
        return;
    }
    const camsim_policy *const olds[1] = {p->old_policy}, *const news[1] = {p->new_policy};
    camsim_diff_set from = {olds, 1, NULL}, to = {news, 1, NULL};
    camsim_diff_verdict verdict = CAMSIM_DIFF_NO_NEW_ACCESS;
    while (cb_state_keep_running(st)) {
        camsim_error err;
        camsim_diff_result *r = camsim_diff(&from, &to, NULL, &err);
        verdict = r ? r->verdict : CAMSIM_DIFF_UNKNOWN;
        camsim_diff_result_free(r);
    }
    cb_state_set_items_processed(st, cb_state_iterations(st));
    if (p->n)
        cb_state_set_complexity_n(st, (int64_t)p->n);
    cb_state_set_label(st, verdict == CAMSIM_DIFF_NEW_ACCESS ? "new_access"
                           : verdict == CAMSIM_DIFF_UNKNOWN  ? "unknown"
                                                             : "no_new_access");
}

static void diff_release(void *arg)
{
    diff_data *d = arg;
    for (size_t i = 0; i < d->nexamples; i++) {
        camsim_policy_free(d->examples[i].old_policy);
        camsim_policy_free(d->examples[i].new_policy);
    }
    for (size_t i = 0; i < d->nsized; i++) {
        camsim_policy_free(d->sized[i].old_policy);
        camsim_policy_free(d->sized[i].new_policy);
    }
}

static void add_example(diff_data *d, const char *old_name, const char *new_name)
{
    diff_pair *p = &d->examples[d->nexamples++];
    p->old_policy = compile_file(old_name);
    p->new_policy = compile_file(new_name);
    char name[160];
    snprintf(name, sizeof name, "diff/examples/%s->%s", old_name, new_name);
    cb_bench_unit(cb_register(name, bm_diff, p), CB_US);
}

static void add_sized(diff_data *d, size_t n, int widen)
{
    diff_pair *p = &d->sized[d->nsized++];
    size_t len;
    char *json = bench_statements_json(n, &len);
    p->old_policy = compile_text(json, len, "statements");
    free(json);
    json = changed_document(n, widen, &len);
    p->new_policy = compile_text(json, len, "changed statements");
    free(json);
    p->n = n;
    p->widen = widen;
    char name[96];
    snprintf(name, sizeof name, "diff/statements/%zu/%s", n, widen ? "widen" : "narrow");
    cb_bench *b = cb_register(name, bm_diff, p);
    cb_bench_unit(b, CB_MS);
}

void bench_register_diff(bench_ctx *ctx)
{
    diff_data *d = bench_ctx_alloc(ctx, 1, sizeof *d);
    bench_ctx_on_release(ctx, diff_release, d);
    add_example(d, "trtc-read-only", "trtc-full-access");
    add_example(d, "trtc-full-access", "trtc-read-only");
    add_example(d, "trtc-ip-restricted", "trtc-full-access");
    add_example(d, "trtc-per-app", "tcmpp-per-platform");
    add_example(d, "trtc-tag-conditions", "trtc-tag-conditions");
    static const size_t sizes[DIFF_SIZES] = {100, 1000, 10000, 100000};
    for (size_t i = 0; i < DIFF_SIZES; i++) {
        add_sized(d, sizes[i], 0);
        add_sized(d, sizes[i], 1);
    }
}
