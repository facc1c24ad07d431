/* bench_parse.c: parse/<profile> (camsim_policy_parse + free: JSON parsing,
 * validation and compilation) beside cjson_parse/<profile> (cJSON alone,
 * the floor any cJSON-based parser pays). bytes/s is document throughput;
 * memory_ratio is the compiled policy's memory over the document's size. */
#include <stdio.h>

#include <cJSON.h>

#include "bench.h"
#include "plant.h"
#include "shim/camsim_bench.h"

static void bm_parse(cb_state *st, void *arg)
{
    const bench_profile *p = arg;
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(bench_parse_once(i, p->json, p->len));
    cb_state_set_bytes_processed(st, cb_state_iterations(st) * (int64_t)p->len);
    cb_state_set_items_processed(st, cb_state_iterations(st));
    cb_state_set_counter(st, "statements", (double)camsim_policy_statement_count(p->policy), 0);
    /* What the compiled set costs in memory, relative to its JSON text. */
    cb_state_set_counter(st, "memory_ratio",
                         (double)camsim_policy_memory(p->policy) / (double)p->len, 0);
}

static void bm_cjson(cb_state *st, void *arg)
{
    const bench_profile *p = arg;
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++) {
            cJSON *doc = cJSON_ParseWithLength(p->json, p->len);
            cb_do_not_optimize(doc);
            cJSON_Delete(doc);
        }
    cb_state_set_bytes_processed(st, cb_state_iterations(st) * (int64_t)p->len);
    cb_state_set_items_processed(st, cb_state_iterations(st));
}

void bench_register_parse(bench_ctx *ctx)
{
    for (size_t i = 0; i < ctx->profile_count; i++) {
        char name[128];
        snprintf(name, sizeof name, "parse/%s", ctx->profiles[i].name);
        cb_register(name, bm_parse, &ctx->profiles[i]);
        snprintf(name, sizeof name, "cjson_parse/%s", ctx->profiles[i].name);
        cb_register(name, bm_cjson, &ctx->profiles[i]);
    }
}
