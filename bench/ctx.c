/* ctx.c: the context every benchmark group shares (bench.h): blocks and
 * release hooks it owns until exit, and the compiled profiles by name.
 * Its own file, so that the groups depend on it and main.c only calls the
 * groups' registration functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

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
