/* classes_resource.c: the resource dimension's classes. Each kept resource
 * pattern becomes an automaton language per owner binding mode; the regions
 * those languages split resources into are the classes, and each region's
 * representative is walked as soon as it is found (search.c), so that a
 * witness stops the enumeration early. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "plant.h"
#include "search_internal.h"

/* ---- the resource dimension ---------------------------------------------------- */

/* Owner binding modes (docs/diff.md): 0 the owner-bound patterns do not
 * match and the others see the account as written; 1 the account is
 * uin/X and owner-bound patterns match too; 2 the account is the owner's
 * ("uin/" without an owner), which only owner-bound patterns match. */
enum { MODES = 3 };

static void seg_lang(diff_lang *l, const camsim_resource_pattern *p,
                     const camsim_segment_pattern *sg, diff_tok_kind star)
{
    if (sg->any) {
        diff_lang_star(l, star);
        return;
    }
    size_t n = sg->len;
    if (CAMSIM_DIFF_PLANTED(1) && star == DIFF_TOK_STAR_ANY) {
        while (n > 0 && p->text[sg->off + n - 1] != '*')
            n--; /* planted: the tail after the last star is ignored */
        if (n == 0)
            n = sg->len;
    }
    diff_lang_glob(l, p->text + sg->off, n, star);
}

static void pattern_lang(diff_lang *l, const camsim_resource_pattern *p, int mode)
{
    memset(l, 0, sizeof *l);
    if (p->any) {
        diff_lang_star(l, DIFF_TOK_STAR_ANY);
        return;
    }
    diff_lang_lit(l, "qcs::", 5, false);
    seg_lang(l, p, &p->service, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    seg_lang(l, p, &p->region, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    if (p->owner_bound ? mode == 0 : mode == 2)
        l->dead = true;
    else if (p->owner_bound)
        diff_lang_star(l, DIFF_TOK_STAR_SEG);
    else
        seg_lang(l, p, &p->account, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    seg_lang(l, p, &p->resource, DIFF_TOK_STAR_ANY);
}

/* "qcs::S:R:" + account + ":" + rest, with the given account part. */
static void shape_lang(diff_lang *l, const char *account, bool account_star)
{
    memset(l, 0, sizeof *l);
    diff_lang_lit(l, "qcs::", 5, false);
    diff_lang_star(l, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    diff_lang_star(l, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    diff_lang_lit(l, account, strlen(account), false);
    if (account_star)
        diff_lang_star(l, DIFF_TOK_STAR_SEG);
    diff_lang_lit(l, ":", 1, false);
    diff_lang_star(l, DIFF_TOK_STAR_ANY);
}

void diff_add_res(search *s, const char *resource, int mode)
{
    if (s->nres == s->cap_res) {
        size_t cap = s->cap_res ? s->cap_res * 2 : 16;
        res_option *g = diff_realloc(s->res, sizeof *g * cap);
        if (!g) {
            s->nomem = true;
            return;
        }
        s->res = g;
        s->cap_res = cap;
    }
    /* The account is the fourth segment. */
    const char *acct = resource;
    for (int k = 0; k < 4; k++)
        acct = strchr(acct, ':') + 1;
    const char *end = strchr(acct, ':');
    bool uin = end - acct >= 4 && memcmp(acct, "uin/", 4) == 0;
    const char *owner = NULL;
    /* An owner other than the account's uin makes owner binding fail; with
     * no owner-bound pattern in play the owner is read by nothing. */
    if (mode == 0 && uin && s->owner_bound)
        owner = (end - acct == 5 && acct[4] == '0') ? "1" : "0";
    if (mode == 1 && end - acct == 4)
        owner = ""; /* "uin/" with an empty owner: non-bound patterns see "uin/" */
    res_option *o = &s->res[s->nres++];
    o->resource = diff_strdup(resource);
    o->owner = owner ? diff_strdup(owner) : NULL;
    if (!o->resource || (owner && !o->owner))
        s->nomem = true;
}

/* Returns 1 when a region's walk found a witness. */
static int resource_mode(search *s, int mode, diff_lang *atoms, size_t natoms,
                         diff_lang *anchor_langs, size_t nanchor)
{
    int found = 0;
    region_visit rv = {s, mode};
    diff_lang shape, valid, extra;
    shape_lang(&valid, "", true); /* any six-segment resource */
    shape_lang(&shape, "uin/", mode == 1);
    shape_lang(&extra, "", false);
    const diff_lang *all[2] = {&valid, &shape}, *none[2] = {&extra, &shape};
    const diff_lang **at = diff_malloc(sizeof *at * (natoms + 1));
    const diff_lang **any = diff_malloc(sizeof *any * (nanchor + 1));
    if (!at || !any) {
        s->nomem = true;
    } else {
        for (size_t i = 0; i < natoms; i++)
            at[i] = &atoms[i];
        for (size_t i = 0; i < nanchor; i++)
            any[i] = &anchor_langs[i];
        diff_region_query q = {
            .atoms = at, .natoms = natoms,
            .all = all, .nall = mode == 0 ? 1 : 2,
            .any = any, .nany = nanchor,
            .none = none, .nnone = mode == 0 ? 2 : 0,
            .no_star = true,
            .max_states = s->cx->limits->max_states,
            .max_regions = s->cx->limits->max_regions,
            .visit = diff_visit_region,
            .visit_ctx = &rv,
        };
        char **none_returned;
        size_t n;
        int r = diff_regions(&q, &none_returned, &n);
        if (r < 0)
            s->nomem = true;
        else if (r == 1)
            diff_mark_incomplete(s, s->anchor, NULL, "/resource",
                                 "resource regions exceed the search bound");
        else if (r == 2)
            found = 1;
        diff_strings_free(none_returned, n);
    }
    free(at);
    free(any);
    diff_lang_free(&valid);
    diff_lang_free(&shape);
    diff_lang_free(&extra);
    return found;
}

/* Walk every resource region, one at a time in the order they are found
 * (shortest first), so that a witness stops the enumeration early.
 * Returns 1 when a witness was found. */
int diff_build_resources(search *s)
{
    int found = 0;
    size_t natoms = 0;
    for (size_t i = 0; i < s->nkept; i++)
        natoms += s->kept[i]->st->resource_count;
    const camsim_statement *a = s->anchor->st;
    bool anchor_any = false;
    for (uint32_t j = 0; j < a->resource_count; j++)
        anchor_any |= a->resources[j].any;
    diff_lang *atoms = diff_calloc(natoms + 1, sizeof *atoms);
    diff_lang *alangs = diff_calloc((size_t)a->resource_count + 1, sizeof *alangs);
    if (!atoms || !alangs) {
        s->nomem = true;
        free(atoms);
        free(alangs);
        return 0;
    }
    for (size_t i = 0; i < s->nkept; i++)
        for (uint32_t j = 0; j < s->kept[i]->st->resource_count; j++)
            s->owner_bound |= s->kept[i]->st->resources[j].owner_bound;
    for (int mode = 0; mode < MODES && !s->nomem && !found; mode++) {
        size_t k = 0;
        for (size_t i = 0; i < s->nkept; i++)
            for (uint32_t j = 0; j < s->kept[i]->st->resource_count; j++)
                pattern_lang(&atoms[k++], &s->kept[i]->st->resources[j], mode);
        for (uint32_t j = 0; j < a->resource_count; j++)
            pattern_lang(&alangs[j], &a->resources[j], mode);
        found = resource_mode(s, mode, atoms, natoms, alangs, anchor_any ? 0 : a->resource_count);
        for (size_t i = 0; i < natoms; i++)
            diff_lang_free(&atoms[i]);
        for (uint32_t j = 0; j < a->resource_count; j++)
            diff_lang_free(&alangs[j]);
    }
    free(atoms);
    free(alangs);
    return found;
}
