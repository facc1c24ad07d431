/* main.c: camsim_bench, every benchmark in one binary.
 *
 * Builds the profiles (policy JSON generated in C, then compiled), renders
 * one request per catalog action, registers each group, and hands over to
 * Google Benchmark through cb_main so every --benchmark_* flag works.
 * Exits 1 when a profile failed to compile (its benchmarks are missing). */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "shim/camsim_bench.h"

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
