/* search.c: the witness search for one anchor statement (anchor.h).
 *
 * The requests an anchor applies to are split into finitely many classes:
 * per dimension (the resource with its owner binding, the principal, each
 * context key) the values that no atom of a kept statement can tell apart
 * form one class, and one representative per class is enough (docs/diff.md
 * says why, dimension by dimension). The search then evaluates every
 * combination of representatives with the engine itself, on both sets:
 * whatever it reports is a request the engine has just confirmed.
 *
 * This file holds the dimensions' truth tables, the walk over them and the
 * search itself; the classes are built in classes_resource.c,
 * classes_principal.c and classes_keys.c, the kept statements chosen in
 * fragment.c, locations kept in where.c and witnesses copied in witness.c
 * (search_internal.h declares what they share). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "search_internal.h"
#include "walk.h"

/* ---- the dimensions' truth tables ---------------------------------------------- */

static bool dim_alloc(diff_dim *d, size_t nopts, size_t nkept)
{
    d->nopts = nopts;
    d->truth = diff_calloc(nopts * nkept + 1, 1);
    d->reads = diff_calloc(nkept + 1, sizeof *d->reads);
    return d->truth && d->reads;
}

static uint8_t resource_truth(const camsim_statement *st, const res_option *o)
{
    camsim_request_resource rr;
    camsim_error err;
    if (!camsim_request_resource_prepare(o->resource, strlen(o->resource), o->owner, &rr, &err))
        return DIFF_ATOM_UNREADABLE;
    camsim_resource_vars vars = {0};
    for (uint32_t j = 0; j < st->resource_count; j++) {
        int m = camsim_resource_pattern_match(&st->resources[j], &rr, &vars, &err);
        if (m < 0)
            return DIFF_ATOM_UNREADABLE;
        if (m)
            return DIFF_ATOM_TRUE;
    }
    return DIFF_ATOM_FALSE;
}

/* A dimension with the one resource option o. */
static bool resource_dim(search *s, size_t o, diff_dim *d)
{
    free(d->truth);
    free(d->reads);
    if (!dim_alloc(d, 1, s->nkept))
        return false;
    for (size_t i = 0; i < s->nkept; i++) {
        d->reads[i] = true;
        d->truth[i] = resource_truth(s->kept[i]->st, &s->res[o]);
    }
    return true;
}

/* Principal option o: the absent principal first (when the anchor allows it). */
static const char *principal_at(const search *s, size_t o)
{
    if (s->principal_absent)
        return o == 0 ? NULL : s->principals.items[o - 1];
    return s->principals.items[o];
}

static bool principal_dim(search *s, diff_dim *d)
{
    size_t n = s->principals.count + (s->principal_absent ? 1 : 0);
    if (!dim_alloc(d, n, s->nkept))
        return false;
    for (size_t i = 0; i < s->nkept; i++) {
        const camsim_policy *pol = s->kept[i]->pol;
        const camsim_statement *st = s->kept[i]->st;
        d->reads[i] = pol->principal || st->principal;
        for (size_t o = 0; o < n; o++) {
            const char *v = principal_at(s, o);
            d->truth[o * s->nkept + i] = diff_principal_ok(pol->principal, v) &&
                                         diff_principal_ok(st->principal, v);
        }
    }
    return true;
}

/* The statement's conditions on key k under option o, as the engine combines them. */
static uint8_t key_truth(const camsim_statement *st, const key_dim *k, const key_option *o,
                         bool *reads)
{
    bool any_false = false;
    for (uint32_t c = 0; c < st->condition_count; c++) {
        const camsim_condition *cond = &st->conditions[c];
        if (cond->key_len != k->key_len || memcmp(cond->key, k->key, k->key_len) != 0)
            continue;
        *reads = true;
        int r = diff_eval_on(cond, (const char *const *)o->values, o->count);
        if (r < 0)
            return DIFF_ATOM_UNREADABLE;
        any_false |= r == 0;
    }
    return any_false ? DIFF_ATOM_FALSE : DIFF_ATOM_TRUE;
}

static bool key_dim_build(search *s, const key_dim *k, diff_dim *d)
{
    if (!dim_alloc(d, k->nopts, s->nkept))
        return false;
    for (size_t o = 0; o < k->nopts; o++)
        for (size_t i = 0; i < s->nkept; i++)
            d->truth[o * s->nkept + i] = key_truth(s->kept[i]->st, k, &k->opts[o], &d->reads[i]);
    return true;
}

/* ---- the leaves: the engine decides ------------------------------------------------ */

typedef struct leaf_ctx {
    search *s;
    camsim_diff_witness *w;
    camsim_context_entry *entries;
    size_t key_base;  /* index of the first key dimension */
    size_t res_index; /* the resource region being walked */
} leaf_ctx;

/* The walk over the other dimensions, run once per resource region. */
struct resource_walk {
    diff_walk walk;
    leaf_ctx lc;
    size_t *candidates;
    int result; /* diff_walk_run's, of the last region */
};

/* 1 allow, 0 deny, -1 the engine rejects the request. */
static int decide(const camsim_diff_set *set, const camsim_request *r, camsim_reason *reason)
{
    camsim_decision d = {0};
    camsim_error err;
    if (camsim_evaluate(set->policies, set->count, set->boundary, r, &d, &err) != CAMSIM_OK)
        return -1;
    *reason = d.reason;
    return d.decision == CAMSIM_ALLOW;
}

static int leaf(void *ctx, const size_t *choice)
{
    leaf_ctx *c = ctx;
    search *s = c->s;
    camsim_request r = {s->cx->action_name, NULL, NULL, NULL, c->entries, 0};
    if (!s->cx->operation_level) {
        r.resource = s->res[c->res_index].resource;
        r.owner_uin = s->res[c->res_index].owner;
    }
    r.principal = principal_at(s, choice[c->key_base - 1]);
    for (size_t i = 0; i < s->nkeys; i++) {
        const key_option *o = &s->keys[i].opts[choice[c->key_base + i]];
        if (o->count)
            c->entries[r.context_count++] =
                (camsim_context_entry){s->keys[i].key, (const char *const *)o->values, o->count};
    }
    camsim_reason new_reason, old_reason = CAMSIM_REASON_IMPLICIT_DENY;
    /* A witness is allowed by the new set and denied (not rejected) by the old. */
    if (decide(s->cx->sets[1], &r, &new_reason) != 1 || decide(s->cx->sets[0], &r, &old_reason) != 0)
        return 0;
    if (!diff_make_witness(&r, c->w)) {
        diff_witness_free(c->w);
        return -1;
    }
    c->w->old_reason = old_reason;
    return 1;
}

/* Run the walk with what the budget has left. */
static int run_walk(search *s)
{
    struct resource_walk *rw = s->rw;
    size_t used = *rw->candidates, max = s->cx->limits->max_candidates;
    if (used >= max) {
        rw->result = 2;
    } else {
        rw->walk.max_nodes = max - used;
        rw->result = diff_walk_run(&rw->walk, rw->candidates);
    }
    if (rw->result == 2)
        diff_mark_incomplete(s, s->anchor, NULL, "", "the search exceeded its bound on steps");
    return rw->result == 0 ? 0 : rw->result == -1 ? -1 : 1;
}

int diff_visit_region(void *ctx, const char *resource)
{
    region_visit *rv = ctx;
    search *s = rv->s;
    diff_add_res(s, resource, rv->mode);
    if (s->nomem || !resource_dim(s, s->nres - 1, &s->rw->walk.dims[0]))
        return -1;
    s->rw->lc.res_index = s->nres - 1;
    return run_walk(s);
}

static diff_outcome enumerate(search *s, camsim_diff_witness *w, size_t *candidates)
{
    size_t ndims = (s->cx->operation_level ? 0 : 1) + 1 + s->nkeys;
    diff_dim *dims = diff_calloc(ndims, sizeof *dims);
    camsim_context_entry *entries = diff_calloc(s->nkeys + 1, sizeof *entries);
    struct resource_walk rw = {.candidates = candidates};
    size_t d = s->cx->operation_level ? 0 : 1;
    bool ok = dims && entries && principal_dim(s, &dims[d++]);
    size_t key_base = d;
    for (size_t i = 0; ok && i < s->nkeys; i++)
        ok = key_dim_build(s, &s->keys[i], &dims[d++]);
    diff_outcome out = DIFF_NOMEM;
    if (ok) {
        rw.lc = (leaf_ctx){s, w, entries, key_base, 0};
        rw.walk = (diff_walk){.kept = s->kept, .nkept = s->nkept, .dims = dims, .ndims = ndims,
                              .leaf = leaf, .ctx = &rw.lc};
        for (int side = 0; side < 2; side++) {
            rw.walk.layers[side][0] = true;
            rw.walk.layers[side][1] = s->cx->sets[side]->boundary != NULL;
        }
        s->rw = &rw;
        if (s->cx->operation_level)
            run_walk(s);
        else
            diff_build_resources(s);
        out = s->nomem || rw.result < 0 ? DIFF_NOMEM : rw.result == 1 ? DIFF_FOUND : DIFF_NONE;
    }
    for (size_t i = 0; dims && i < ndims; i++) {
        free(dims[i].truth);
        free(dims[i].reads);
    }
    free(dims);
    free(entries);
    return out;
}

static void search_free(search *s)
{
    for (size_t i = 0; i < s->nres; i++) {
        free(s->res[i].resource);
        free(s->res[i].owner);
    }
    free(s->res);
    diff_strlist_free(&s->principals);
    for (size_t i = 0; i < s->nkeys; i++) {
        key_dim *k = &s->keys[i];
        for (size_t o = 0; o < k->nopts; o++)
            free(k->opts[o].values);
        free(k->opts);
        diff_strlist_free(&k->reps);
        free(k->conds);
        free(k->owners);
    }
    free(s->keys);
    free(s->kept);
}

diff_outcome diff_search_anchor(const diff_context *cx, const diff_sref *anchor,
                                camsim_diff_witness *w, camsim_diff_where *where,
                                size_t *candidates)
{
    search s;
    memset(&s, 0, sizeof s);
    s.cx = cx;
    s.anchor = anchor;
    s.kept = diff_malloc(sizeof *s.kept * (cx->nrel + 1));
    if (!s.kept)
        return DIFF_NOMEM;
    for (size_t i = 0; i < cx->nrel; i++)
        if (diff_may_meet(cx, anchor->st, cx->rel[i].st))
            s.kept[s.nkept++] = &cx->rel[i];
    diff_check_fragment(&s);
    diff_build_principals(&s);
    if (!s.nomem)
        diff_build_keys(&s);
    diff_outcome out = s.nomem ? DIFF_NOMEM : enumerate(&s, w, candidates);
    if (out == DIFF_NONE && s.incomplete) {
        *where = s.where;
        out = DIFF_INCOMPLETE;
    }
    search_free(&s);
    return out;
}
