/* bench_eval.c: eval/<profile>/<service>:<Action>, one decision per
 * iteration for every catalog action against every profile. items/s is
 * decisions per second; the label is the decision's reason. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "plant.h"
#include "shim/camsim_bench.h"

typedef struct eval_case {
    const camsim_policy *policy;
    const bench_request *request;
} eval_case;

static void bm_eval(cb_state *st, void *arg)
{
    const eval_case *c = arg;
    camsim_decision d;
    camsim_error err;
    memset(&d, 0, sizeof d);
    memset(&err, 0, sizeof err);
    camsim_code code = camsim_evaluate(&c->policy, 1, NULL, &c->request->req, &d, &err);
    if (code != CAMSIM_OK) {
        char msg[2048];
        snprintf(msg, sizeof msg, "%s on '%s': %s: %s", c->request->action,
                 c->request->resource, camsim_code_name(code), err.message);
        cb_state_skip_with_error(st, msg);
        return;
    }
    const char *reason = camsim_reason_name(d.reason);

    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++) {
            bench_evaluate(i, &c->policy, 1, &c->request->req, &d);
            cb_do_not_optimize(d.decision);
        }
    cb_state_set_items_processed(st, cb_state_iterations(st));
    cb_state_set_label(st, reason);
}

void bench_register_eval(bench_ctx *ctx)
{
    size_t np = ctx->profile_count, na = ctx->requests.count;
    eval_case *cases = bench_ctx_alloc(ctx, np * na, sizeof *cases);
    for (size_t p = 0; p < np; p++)
        for (size_t a = 0; a < na; a++) {
            eval_case *c = &cases[p * na + a];
            char name[256];
            c->policy = ctx->profiles[p].policy;
            c->request = &ctx->requests.r[a];
            snprintf(name, sizeof name, "eval/%s/%s", ctx->profiles[p].name, c->request->action);
            cb_register(name, bm_eval, c);
        }
}
