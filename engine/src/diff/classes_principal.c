/* classes_principal.c: the principal dimension's classes: the regions the
 * kept principal patterns split principals into, one representative each,
 * kept when the anchor's principal accepts it. Also diff_regions_of, the
 * bounded region split that the context keys' string classes use too. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "glob.h"
#include "search_internal.h"

/* ---- the principal dimension --------------------------------------------------- */

static size_t principal_langs(const camsim_principal *p, diff_lang *out)
{
    if (!p || p->any)
        return 0;
    for (uint32_t i = 0; out && i < p->count; i++) {
        memset(&out[i], 0, sizeof out[i]);
        diff_lang_glob(&out[i], p->patterns[i], p->lens[i], DIFF_TOK_STAR_ANY);
    }
    return p->count;
}

bool diff_principal_ok(const camsim_principal *p, const char *value)
{
    if (!p)
        return true;
    if (!value)
        return false;
    if (p->any)
        return true;
    for (uint32_t i = 0; i < p->count; i++)
        if (camsim_glob_match(p->patterns[i], p->lens[i], value, strlen(value), false))
            return true;
    return false;
}

diff_lang *diff_langs_new(search *s, size_t n)
{
    diff_lang *langs = diff_calloc(n + 1, sizeof *langs);
    if (!langs)
        s->nomem = true;
    return langs;
}

/* The regions n languages split strings into, within the search bounds:
 * diff_regions' result (0 with *found set, 1 at a bound, -1 out of memory,
 * which is recorded). The languages are freed either way. */
int diff_regions_of(search *s, diff_lang *langs, size_t n, char ***found, size_t *count)
{
    const diff_lang **at = diff_calloc(n + 1, sizeof *at);
    int r = -1;
    if (at) {
        for (size_t i = 0; i < n; i++)
            at[i] = &langs[i];
        diff_region_query q = {.atoms = at, .natoms = n, .max_states = s->cx->limits->max_states,
                               .max_regions = s->cx->limits->max_regions};
        r = diff_regions(&q, found, count);
    }
    if (r < 0)
        s->nomem = true;
    for (size_t i = 0; i < n; i++)
        diff_lang_free(&langs[i]);
    free(langs);
    free(at);
    return r;
}

void diff_build_principals(search *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->nkept; i++)
        n += principal_langs(s->kept[i]->pol->principal, NULL) +
             principal_langs(s->kept[i]->st->principal, NULL);
    diff_lang *langs = diff_langs_new(s, n);
    if (!langs)
        return;
    size_t k = 0;
    for (size_t i = 0; i < s->nkept; i++) {
        k += principal_langs(s->kept[i]->pol->principal, langs + k);
        k += principal_langs(s->kept[i]->st->principal, langs + k);
    }
    char **found;
    size_t count;
    int r = diff_regions_of(s, langs, n, &found, &count);
    if (r > 0)
        diff_mark_incomplete(s, s->anchor, NULL, "", "principal regions exceed the search bound");
    const camsim_policy *pol = s->anchor->pol;
    const camsim_statement *st = s->anchor->st;
    for (size_t i = 0; r == 0 && i < count; i++)
        if (diff_principal_ok(pol->principal, found[i]) &&
            diff_principal_ok(st->principal, found[i]))
            diff_strlist_add(&s->principals, found[i]);
    if (r == 0)
        diff_strings_free(found, count);
    s->principal_absent = !pol->principal && !st->principal;
}
