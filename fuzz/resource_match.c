/* resource_match: camsim_resource_matches against the reference resource
 * rule (spec section 3: six segments, empty/`*` service and region, owner
 * binding, variables). Subjects come from the pattern about half the time. */
#include <string.h>

#include "harness/fuzz.h"
#include "harness/gen.h"
#include "resource_test.h"

#define TARGET "resource_match"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static const char *pick(fz_provider *p, const char *const *opts, size_t n)
{
    return opts[fz_range(p, n)];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const uins[] = {"200002", "100001", NULL};
    static const char *const owners[] = {"100001", "100002", "100001", NULL};
    static const char *const apps[] = {"1400000001", "1400000002", NULL};
    fz_arena arena = {0};
    fz_provider p;
    fz_provider_init(&p, &arena, data, size);
    fz_note_reset();
    ref_vars rv = {pick(&p, uins, 3), pick(&p, owners, 4), pick(&p, apps, 3)};
    const char *pattern = fz_gen_resource_pattern(&p);
    /* About one input in sixteen sits on a limit, one byte under, at or
     * over it: the pattern's length (CAMSIM_MAX_PATTERN_BYTES), a uin
     * (CAMSIM_MAX_UIN_BYTES), the pattern's length once ${uin} is
     * substituted (CAMSIM_MAX_EXPANDED_BYTES) or the resource's
     * (CAMSIM_MAX_PATTERN_BYTES, the longest resource the reference pins).
     * A long pattern does not lend its length to the resource: the
     * reference's matcher is quadratic. */
    uint8_t edge = (uint8_t)(255 - fz_u8(&p)); /* past the input's end: no edge */
    const char *base = pattern;
    if (edge < 16) {
        switch (edge % 4) {
        case 0:
            pattern = fz_to_length(&p, pattern, fz_gen_limit_length(&p, CAMSIM_MAX_PATTERN_BYTES));
            break;
        case 1:
            rv.uin = fz_gen_digits(&p, fz_gen_limit_length(&p, CAMSIM_MAX_UIN_BYTES));
            break;
        case 2: {
            /* k times ${uin} with a uin of CAMSIM_MAX_UIN_BYTES digits, padded
             * so that the expansion is the limit give or take one byte. */
            enum { K = 31 };
            static const char head[] = "qcs::trtc::uin/100001:sdkappid/";
            rv.uin = fz_gen_digits(&p, CAMSIM_MAX_UIN_BYTES);
            size_t want = fz_gen_limit_length(&p, CAMSIM_MAX_EXPANDED_BYTES);
            size_t pad = want - (sizeof head - 1) - K * CAMSIM_MAX_UIN_BYTES;
            bool star = fz_bool(&p);
            fz_buf b = {0};
            fz_buf_puts(&b, head);
            for (int i = 0; i < K; i++)
                fz_buf_puts(&b, "${uin}");
            for (size_t i = 0; i < pad - star; i++)
                fz_buf_put(&b, "7", 1);
            if (star)
                fz_buf_put(&b, "*", 1);
            pattern = base = fz_buf_finish(&b, &arena);
            break;
        }
        default:
            break; /* the resource, below */
        }
    }
    /* Resources are case-sensitive: a quarter of the derived subjects get
     * some letters in upper case, which must then not match. */
    const char *resource = fz_bool(&p)
        ? fz_subject_from_pattern(&p, base, fz_u8(&p) < 64, &rv, true)
        : fz_gen_resource(&p);
    if (edge < 16 && edge % 4 == 3)
        resource = fz_to_length(&p, resource, fz_gen_limit_length(&p, CAMSIM_MAX_PATTERN_BYTES));
    fz_note("pattern", pattern);
    fz_note("resource", resource);
    fz_note("vars.uin", rv.uin);
    fz_note("vars.owner_uin", rv.owner_uin);
    fz_note("vars.app_id", rv.app_id);

    camsim_resource_vars vars = {rv.uin, rv.owner_uin, rv.app_id};
    camsim_error err;
    memset(&err, 0, sizeof err);
    int engine = camsim_resource_matches(pattern, resource, &vars, &err);
    size_t plen = strlen(pattern);
    if (FZ_PLANTED(2) && engine == 1 && plen && pattern[plen - 1] == '*')
        engine = 0;
    int ref = ref_resource_match(pattern, resource, &rv);
    if (engine < -1 || engine > 1)
        fz_fail(TARGET, "engine returned %d", engine);
    if (ref != REF_UNSPEC && engine != ref)
        fz_fail(TARGET, "engine says %d, reference says %d (engine error: %s)", engine, ref,
                err.message);
    fz_arena_free(&arena);
    return 0;
}
