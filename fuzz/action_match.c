/* action_match: camsim_action_matches against the reference action rule
 * (spec section 2). Subjects are derived from the pattern about half the
 * time, so about half the pairs match. */
#include <string.h>
#include <strings.h>

#include "action.h"
#include "harness/fuzz.h"
#include "harness/gen.h"

#define TARGET "action_match"

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
    const char *pattern = fz_gen_action_pattern(&p);
    /* About one input in sixty puts the pattern or the action on a length
     * limit, CAMSIM_MAX_PATTERN_BYTES, one byte under, at or over it. Only
     * one of the two is long (the subject comes from the pattern before it
     * grew): the reference's matcher is quadratic. (A 64 KiB action at
     * CAMSIM_MAX_REQUEST_STRING made the corpus slow for nothing: the
     * reference leaves actions over 4096 bytes unpinned.) */
    uint8_t edge = (uint8_t)(255 - fz_u8(&p)); /* past the input's end: no edge */
    const char *base = pattern;
    if (edge < 2)
        pattern = fz_to_length(&p, pattern, fz_gen_limit_length(&p, CAMSIM_MAX_PATTERN_BYTES));
    const char *action = fz_bool(&p) ? fz_subject_from_pattern(&p, base, true, NULL, false)
                                     : fz_gen_action(&p);
    if (edge >= 2 && edge < 4)
        action = fz_to_length(&p, action, fz_gen_limit_length(&p, CAMSIM_MAX_PATTERN_BYTES));
    fz_note("pattern", pattern);
    fz_note("action", action);

    bool engine = camsim_action_matches(pattern, action);
    if (FZ_PLANTED(3) && strncasecmp(action, "name/", 5) == 0)
        engine = !engine;
    int ref = ref_action_match(pattern, action);
    if (ref != REF_UNSPEC && engine != (ref == REF_TRUE))
        fz_fail(TARGET, "engine says %s, reference says %s", engine ? "match" : "no match",
                ref == REF_TRUE ? "match" : "no match");

    camsim_error err;
    bool valid = camsim_action_pattern_valid(pattern, strlen(pattern), &err);
    int ref_valid = ref_action_pattern_valid(pattern);
    if (ref_valid != REF_UNSPEC && valid != (ref_valid == REF_TRUE))
        fz_fail(TARGET, "pattern validity: engine %d, reference %d", valid, ref_valid);
    if (!valid && engine)
        fz_fail(TARGET, "an invalid pattern matched");
    fz_arena_free(&arena);
    return 0;
}
