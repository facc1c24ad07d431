/* bench_scale.c: how cost grows with the number of statements.
 *
 * scale/statements/N  one decision (trtc:DismissRoom on the application
 *                     1400000001, allowed by statement 1) against the
 *                     synthetic document with N statements; deny-overrides
 *                     means every statement is considered. oN fit.
 * scale/parse/N       parsing and compiling that document; bytes/s, oN fit.
 *
 * Documents are generated and compiled on first use of each N (outside
 * the timed loop) and kept until exit. Single-threaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "plant.h"
#include "shim/camsim_bench.h"

enum { SCALE_SIZES = 8 };

typedef struct scale_doc {
    size_t n;
    char *json;
    size_t len;
    camsim_policy *policy;
} scale_doc;

typedef struct scale_data {
    scale_doc docs[SCALE_SIZES];
    const bench_request *request;
} scale_data;

static const scale_doc *scale_get(scale_data *s, size_t n, cb_state *st)
{
    for (size_t i = 0; i < SCALE_SIZES; i++) {
        scale_doc *d = &s->docs[i];
        if (d->json != NULL && d->n == n)
            return d;
        if (d->json == NULL) {
            camsim_error err;
            memset(&err, 0, sizeof err);
            d->n = n;
            d->json = bench_statements_json(n, &d->len);
            d->policy = camsim_policy_parse(d->json, d->len, &err);
            if (d->policy == NULL) {
                char msg[2048];
                snprintf(msg, sizeof msg, "%zu statements (%zu bytes): %s at %s: %s", n, d->len,
                         camsim_code_name(err.code), err.path, err.message);
                cb_state_skip_with_error(st, msg);
                return NULL;
            }
            return d;
        }
    }
    cb_state_skip_with_error(st, "more scale sizes than SCALE_SIZES");
    return NULL;
}

static void bm_scale_eval(cb_state *st, void *arg)
{
    scale_data *s = arg;
    const scale_doc *d = scale_get(s, (size_t)cb_state_range(st, 0), st);
    if (d == NULL)
        return;
    camsim_decision dec;
    memset(&dec, 0, sizeof dec);
    const camsim_policy *const set[1] = {d->policy};
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++) {
            bench_evaluate(i, set, 1, &s->request->req, &dec);
            cb_do_not_optimize(dec.decision);
        }
    cb_state_set_items_processed(st, cb_state_iterations(st));
    cb_state_set_complexity_n(st, (int64_t)d->n);
    cb_state_set_label(st, camsim_reason_name(dec.reason));
}

static void bm_scale_parse(cb_state *st, void *arg)
{
    scale_data *s = arg;
    const scale_doc *d = scale_get(s, (size_t)cb_state_range(st, 0), st);
    if (d == NULL)
        return;
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(bench_parse_once(i, d->json, d->len));
    cb_state_set_bytes_processed(st, cb_state_iterations(st) * (int64_t)d->len);
    cb_state_set_complexity_n(st, (int64_t)d->n);
}

static void scale_release(void *p)
{
    scale_data *s = p;
    for (size_t i = 0; i < SCALE_SIZES; i++) {
        camsim_policy_free(s->docs[i].policy);
        free(s->docs[i].json);
    }
}

void bench_register_scale(bench_ctx *ctx)
{
    scale_data *s = bench_ctx_alloc(ctx, 1, sizeof *s);
    bench_ctx_on_release(ctx, scale_release, s);
    for (size_t i = 0; i < ctx->requests.count; i++)
        if (strcmp(ctx->requests.r[i].action, "trtc:DismissRoom") == 0)
            s->request = &ctx->requests.r[i];
    if (s->request == NULL) {
        fprintf(stderr, "bench: the catalog has no trtc:DismissRoom; scale/* not registered\n");
        return;
    }
    cb_bench *b = cb_register("scale/statements", bm_scale_eval, s);
    cb_bench_range_multiplier(b, 10);
    cb_bench_range(b, 1, 100000);
    cb_bench_complexity(b, CB_O_N);
    b = cb_register("scale/parse", bm_scale_parse, s);
    cb_bench_range_multiplier(b, 10);
    cb_bench_range(b, 1, 100000);
    cb_bench_complexity(b, CB_O_N);
    cb_bench_unit(b, CB_US);
}
