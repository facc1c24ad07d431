/* bench_threads.c: threads/<profile>/all_actions on 1 and 2 threads.
 *
 * Every thread evaluates all catalog requests in turn against the same
 * compiled policy (shared, immutable). Wall-clock time; items/s is the
 * aggregate decisions per second across threads, so perfect scaling
 * doubles it from threads:1 to threads:2. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "plant.h"
#include "shim/camsim_bench.h"

typedef struct thread_case {
    const camsim_policy *policy;
    const bench_requests *requests;
} thread_case;

static void bm_threads(cb_state *st, void *arg)
{
    const thread_case *c = arg;
    const size_t count = c->requests->count;
    camsim_decision d;
    memset(&d, 0, sizeof d);
    size_t k = (size_t)cb_state_thread_index(st) * 7 % count, n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++) {
            bench_evaluate(i, &c->policy, 1, &c->requests->r[k].req, &d);
            cb_do_not_optimize(d.decision);
            if (++k == count)
                k = 0;
        }
    cb_state_set_items_processed(st, cb_state_iterations(st));
}

void bench_register_threads(bench_ctx *ctx)
{
    static const char *const profiles[] = {"ip_and_tag", "stmts_1000"};
    enum { N = sizeof profiles / sizeof profiles[0] };
    thread_case *cases = bench_ctx_alloc(ctx, N, sizeof *cases);
    for (size_t i = 0; i < N; i++) {
        const bench_profile *p = bench_ctx_profile(ctx, profiles[i]);
        if (p == NULL)
            continue;
        char name[128];
        cases[i].policy = p->policy;
        cases[i].requests = &ctx->requests;
        snprintf(name, sizeof name, "threads/%s/all_actions", profiles[i]);
        cb_bench *b = cb_register(name, bm_threads, &cases[i]);
        cb_bench_threads(b, 1);
        cb_bench_threads(b, 2);
        cb_bench_use_real_time(b);
    }
}
