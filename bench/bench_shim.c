/* bench_shim.c: the shim's own cost. shim/empty runs an empty body in
 * batches: its time per iteration is what cb_state_next_batch adds to every
 * other benchmark. shim/empty_keep_running pays one call per iteration,
 * for comparison. */
#include "bench.h"
#include "shim/camsim_bench.h"

static void bm_empty(cb_state *st, void *arg)
{
    (void)arg;
    size_t n;
    while (cb_state_next_batch(st, &n))
        for (size_t i = 0; i < n; i++)
            cb_do_not_optimize(i);
    cb_state_set_items_processed(st, cb_state_iterations(st));
}

static void bm_empty_keep_running(cb_state *st, void *arg)
{
    (void)arg;
    while (cb_state_keep_running(st))
        cb_clobber_memory();
    cb_state_set_items_processed(st, cb_state_iterations(st));
}

void bench_register_shim(bench_ctx *ctx)
{
    (void)ctx;
    cb_register("shim/empty", bm_empty, NULL);
    cb_register("shim/empty_keep_running", bm_empty_keep_running, NULL);
}
