/* plant.h: the calls every benchmark makes into the engine, and the
 * deliberate slowdown used to prove the regression gates work.
 *
 * Build with -DCAMSIM_BENCH_PLANT_SLOWDOWN=K (K >= 1, e.g. via
 * CMAKE_C_FLAGS) and one call in K is repeated: an engine that got
 * 100/K percent slower. Without the macro these are plain calls. Never
 * define it outside a gate demonstration (docs/benchmarking.md). */
#ifndef CAMSIM_BENCH_PLANT_H
#define CAMSIM_BENCH_PLANT_H

#include <stddef.h>

#include "camsim/camsim.h"

/** camsim_evaluate; `i` is the caller's iteration index (for the plant). */
static inline camsim_code bench_evaluate(size_t i, const camsim_policy *const *policies,
                                         size_t count, const camsim_request *req,
                                         camsim_decision *out)
{
#ifdef CAMSIM_BENCH_PLANT_SLOWDOWN
    if (i % (CAMSIM_BENCH_PLANT_SLOWDOWN) == 0)
        (void)camsim_evaluate(policies, count, NULL, req, out, NULL);
#else
    (void)i;
#endif
    return camsim_evaluate(policies, count, NULL, req, out, NULL);
}

/** camsim_policy_parse + camsim_policy_free; returns 1 when it compiled. */
static inline int bench_parse_once(size_t i, const char *json, size_t len)
{
#ifdef CAMSIM_BENCH_PLANT_SLOWDOWN
    if (i % (CAMSIM_BENCH_PLANT_SLOWDOWN) == 0)
        camsim_policy_free(camsim_policy_parse(json, len, NULL));
#else
    (void)i;
#endif
    camsim_policy *p = camsim_policy_parse(json, len, NULL);
    int ok = p != NULL;
    camsim_policy_free(p);
    return ok;
}

#endif
