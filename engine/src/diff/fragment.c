/* fragment.c: which statements the search keeps for an anchor (those whose
 * resources can meet the anchor's; a cheap, sound disjointness test) and
 * whether the kept statements stay inside the exact fragment (docs/diff.md).
 * Both run before any class is built. */
#include <stdio.h>
#include <string.h>

#include "search_internal.h"

/* ---- which statements can meet the anchor ---------------------------------------- */

/* Literal text before the first and after the last '*'. */
static bool literal_conflict(const char *a, size_t an, const char *b, size_t bn)
{
    const char *sa = memchr(a, '*', an), *sb = memchr(b, '*', bn);
    size_t ha = sa ? (size_t)(sa - a) : an, hb = sb ? (size_t)(sb - b) : bn;
    size_t h = ha < hb ? ha : hb;
    if (memcmp(a, b, h) != 0)
        return true;
    size_t ta = 0, tb = 0;
    while (ta < an && a[an - 1 - ta] != '*')
        ta++;
    while (tb < bn && b[bn - 1 - tb] != '*')
        tb++;
    size_t t = ta < tb ? ta : tb;
    return memcmp(a + an - t, b + bn - t, t) != 0;
}

static bool segments_disjoint(const camsim_resource_pattern *x, const camsim_segment_pattern *sx,
                              const camsim_resource_pattern *y, const camsim_segment_pattern *sy)
{
    if (sx->any || sy->any || sx->has_var || sy->has_var)
        return false;
    return literal_conflict(x->text + sx->off, sx->len, y->text + sy->off, sy->len);
}

/* Provably no resource matches both patterns (a cheap, sound test). */
static bool patterns_disjoint(const camsim_resource_pattern *x, const camsim_resource_pattern *y)
{
    if (x->any || y->any)
        return false;
    return segments_disjoint(x, &x->service, y, &y->service) ||
           segments_disjoint(x, &x->resource, y, &y->resource);
}

bool diff_may_meet(const diff_context *cx, const camsim_statement *a, const camsim_statement *b)
{
    if (cx->operation_level)
        return true;
    for (uint32_t i = 0; i < a->resource_count; i++)
        for (uint32_t j = 0; j < b->resource_count; j++)
            if (!patterns_disjoint(&a->resources[i], &b->resources[j]))
                return true;
    return false;
}

/* ---- the fragment ------------------------------------------------------------- */

void diff_check_fragment(search *s)
{
    for (size_t i = 0; i < s->nkept; i++) {
        const diff_sref *r = s->kept[i];
        const camsim_statement *st = r->st;
        for (uint32_t j = 0; !s->cx->operation_level && j < st->resource_count; j++) {
            if (st->resources[j].resource.has_var) {
                char suffix[64];
                snprintf(suffix, sizeof suffix, "/resource/%u", j);
                diff_mark_incomplete(s, r, NULL, suffix,
                                     "a policy variable in a resource pattern (outside the exact "
                                     "fragment)");
            }
        }
        for (uint32_t c = 0; c < st->condition_count; c++) {
            const camsim_condition *cond = &st->conditions[c];
            if (cond->qualifier == CAMSIM_QUALIFIER_ALL_VALUE)
                diff_mark_incomplete(s, r, cond, NULL,
                                     "for_all_value: (outside the exact fragment)");
            for (uint32_t v = 0; v < cond->count; v++)
                if (cond->values[v].has_var)
                    diff_mark_incomplete(s, r, cond, NULL,
                                         "a policy variable in a condition value (outside the "
                                         "exact fragment)");
        }
    }
}
