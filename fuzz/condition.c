/* condition: camsim_condition_test against the libc-based reference
 * (strtod, timegm, inet_pton) for every operator family, qualifier and
 * _if_exist, with absent, single and multi-valued request keys. */
#include <string.h>

#include "condition_test.h"
#include "harness/fuzz.h"
#include "harness/gen.h"

#define TARGET "condition"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_arena arena = {0};
    fz_provider p;
    fz_provider_init(&p, &arena, data, size);
    fz_note_reset();

    ref_family fam;
    const char *base = fz_gen_operator(&p, &fam);
    uint8_t q = fz_u8(&p);
    const char *qual = q < 30 ? "for_any_value:" : q < 60 ? "for_all_value:" : q < 64 ? "bogus:" : "";
    const char *ifx = fz_u8(&p) < 50 ? "_if_exist" : "";
    const char *op = fz_u8(&p) < 250 ? fz_printf(&arena, "%s%s%s", qual, base, ifx) : fz_string(&p, 40);
    const char *key = fz_gen_key(&p);

    size_t pn = 1 + fz_range(&p, 3);
    const char **pv = fz_alloc(&arena, pn * sizeof *pv);
    for (size_t i = 0; i < pn; i++)
        pv[i] = fz_gen_value(&p, fam);
    size_t rn = fz_range(&p, 4);
    const char **rv = fz_alloc(&arena, (rn ? rn : 1) * sizeof *rv);
    for (size_t i = 0; i < rn; i++) {
        if (fz_u8(&p) < 110) { /* equal to a policy value: the boundary cases */
            const char *v = pv[fz_range(&p, pn)];
            const char *slash = strchr(v, '/');
            rv[i] = (fam == REF_F_IP && slash) ? fz_strndup(&arena, v, (size_t)(slash - v)) : v;
        } else {
            rv[i] = fz_gen_request_value(&p, key, fam);
        }
    }
    fz_note("operator", op);
    fz_note("key", key);
    for (size_t i = 0; i < pn; i++)
        fz_note("policy value", pv[i]);
    for (size_t i = 0; i < rn; i++)
        fz_note("request value", rv[i]);
    if (rn == 0)
        fz_note("request", "(key absent)");

    /* Variables are not supplied by camsim_condition_test: skip them. */
    bool has_var = false;
    for (size_t i = 0; i < pn; i++)
        has_var |= strstr(pv[i], "${") != NULL;

    camsim_error err;
    memset(&err, 0, sizeof err);
    int engine = camsim_condition_test(op, key, pv, pn, rv, rn, &err);
    if (FZ_PLANTED(4) && rn == 0 && strstr(op, "_if_exist") && engine == 1)
        engine = 0;
    int ref = has_var ? REF_UNSPEC : ref_condition(op, pv, pn, rv, rn);
    if (engine < -1 || engine > 1)
        fz_fail(TARGET, "engine returned %d", engine);
    bool bad = false;
    if (ref == REF_NOT_TRUE)
        bad = engine == 1;
    else if (ref != REF_UNSPEC)
        bad = engine != ref;
    if (bad)
        fz_fail(TARGET, "engine says %d, reference says %d%s (engine error: %s %s)", engine, ref,
                ref == REF_NOT_TRUE ? " (= false or error, never true)" : "",
                camsim_code_name(err.code), err.message);
    fz_arena_free(&arena);
    return 0;
}
