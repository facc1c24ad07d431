/* main.c: camsim_bench, every benchmark in one binary.
 *
 * Builds the profiles (policy JSON generated in C, then compiled), renders
 * one request per catalog action, registers each group, and hands over to
 * Google Benchmark through cb_main so every --benchmark_* flag works.
 * Exits 1 when a profile failed to compile (its benchmarks are missing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "shim/camsim_bench.h"

void *bench_ctx_alloc(bench_ctx *ctx, size_t count, size_t size)
{
    if (ctx->owned_count == BENCH_MAX_OWNED) {
        fprintf(stderr, "bench: more than %d owned blocks; raise BENCH_MAX_OWNED\n",
                BENCH_MAX_OWNED);
        abort();
    }
    void *p = calloc(count ? count : 1, size);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory (%zu x %zu bytes)\n", count, size);
        abort();
    }
    ctx->owned[ctx->owned_count++] = p;
    return p;
}

void bench_ctx_on_release(bench_ctx *ctx, void (*fn)(void *), void *arg)
{
    if (ctx->release_count == BENCH_MAX_OWNED) {
        fprintf(stderr, "bench: more than %d release hooks; raise BENCH_MAX_OWNED\n",
                BENCH_MAX_OWNED);
        abort();
    }
    ctx->release_fn[ctx->release_count] = fn;
    ctx->release_arg[ctx->release_count++] = arg;
}

const bench_profile *bench_ctx_profile(const bench_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->profile_count; i++)
        if (strcmp(ctx->profiles[i].name, name) == 0)
            return &ctx->profiles[i];
    return NULL;
}

int main(int argc, char **argv)
{
    static bench_ctx ctx; /* large (requests); lives for the whole run */
    int failed = 0;

    if (bench_requests_init(&ctx.requests) != 0)
        return 1;
    for (size_t i = 0; i < bench_profile_count(); i++) {
        bench_profile p;
        if (bench_profile_load(bench_profile_name(i), &p) != 0) {
            bench_profile_release(&p);
            failed = 1;
            continue;
        }
        ctx.profiles[ctx.profile_count++] = p;
    }

    bench_register_shim(&ctx);
    bench_register_eval(&ctx);
    bench_register_parse(&ctx);
    bench_register_match(&ctx);
    bench_register_scale(&ctx);
    bench_register_threads(&ctx);
    bench_register_diff(&ctx);

    int rc = cb_main(argc, argv);

    for (size_t i = ctx.release_count; i-- > 0;)
        ctx.release_fn[i](ctx.release_arg[i]);
    for (size_t i = 0; i < ctx.profile_count; i++)
        bench_profile_release(&ctx.profiles[i]);
    for (size_t i = 0; i < ctx.owned_count; i++)
        free(ctx.owned[i]);
    if (failed)
        fprintf(stderr, "bench: some profiles did not compile; their benchmarks were not run\n");
    return rc != 0 ? rc : failed;
}
