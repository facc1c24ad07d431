/* bench.h: what the benchmark groups share: the compiled profiles, the
 * per-action requests, and ownership of per-benchmark arguments. */
#ifndef CAMSIM_BENCH_BENCH_H
#define CAMSIM_BENCH_BENCH_H

#include <stddef.h>

#include "profiles.h"
#include "requests.h"

#define BENCH_MAX_PROFILES 16
#define BENCH_MAX_OWNED 64

typedef struct bench_ctx {
    bench_requests requests;
    bench_profile profiles[BENCH_MAX_PROFILES]; /* only the ones that compiled */
    size_t profile_count;
    void *owned[BENCH_MAX_OWNED]; /* freed at exit, after the release hooks */
    size_t owned_count;
    void (*release_fn[BENCH_MAX_OWNED])(void *);
    void *release_arg[BENCH_MAX_OWNED];
    size_t release_count;
} bench_ctx;

/* The context's helpers (ctx.c). */

/** calloc that aborts with a message; the block is owned by ctx. */
void *bench_ctx_alloc(bench_ctx *ctx, size_t count, size_t size);
/** Call fn(arg) at exit, before the owned blocks are freed. */
void bench_ctx_on_release(bench_ctx *ctx, void (*fn)(void *), void *arg);
/** A compiled profile by name, or NULL (it failed to compile). */
const bench_profile *bench_ctx_profile(const bench_ctx *ctx, const char *name);

/* One function per group (bench_<group>.c); each registers its benchmarks
 * with the shim. main.c calls them; nothing calls back into main.c. */
void bench_register_shim(bench_ctx *ctx);
void bench_register_eval(bench_ctx *ctx);
void bench_register_parse(bench_ctx *ctx);
void bench_register_match(bench_ctx *ctx);
void bench_register_scale(bench_ctx *ctx);
void bench_register_threads(bench_ctx *ctx);
void bench_register_diff(bench_ctx *ctx);

#endif
