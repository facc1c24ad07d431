/* resource_match: camsim_resource_matches against the reference resource
 * rule (spec section 3: six segments, empty/`*` service and region, owner
 * binding, variables). Subjects come from the pattern about half the time. */
#include <string.h>

#include "harness/fuzz.h"
#include "harness/gen.h"
#include "resource.h"

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
    const char *resource = fz_bool(&p) ? fz_subject_from_pattern(&p, pattern, false, &rv, true)
                                       : fz_gen_resource(&p);
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
