/* diff.c: the driver of policy change review (diff.h, docs/diff.md).
 *
 * For each catalog action the statements that can apply to it are
 * collected from both sets. A request is newly allowed when every new
 * layer (policies, boundary) allows it and some old layer does not; so
 * some statement must apply to it that explains the difference, an
 * "anchor":
 *   - an allow of the new set that no identical allow in the matching old
 *     layer shadows (the old layer has no applying allow), or
 *   - a deny of the old set with no identical deny in the new set.
 * An allow present in both sets cannot be the reason the old set refuses,
 * and a deny present in both cannot be the reason the new set allows, so a
 * one-statement change leaves one or two anchors whatever the set size.
 * Each anchor's requests are then searched exactly (search.c, with the
 * classes built in classes_resource.c, classes_principal.c and
 * classes_keys.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "anchor.h"
#include "catalog_table.h"
#include "error.h"
#include "identity.h"
#include "plant.h"

camsim_diff_limits camsim_diff_default_limits(void)
{
    return (camsim_diff_limits){.max_states = 200000, .max_regions = 4096,
                                .max_candidates = 2000000};
}

/* Bit of (side, layer, effect) in an identity class's presence mask. */
static unsigned presence_bit(unsigned side, unsigned layer, unsigned effect)
{
    return 1u << (side * 4 + layer * 2 + effect);
}

typedef struct all_statements {
    diff_sref *refs;
    size_t count;
    unsigned *presence; /* per identity class */
} all_statements;

static bool add_document(all_statements *a, diff_identity *ids, const camsim_policy *pol,
                         uint8_t side, uint8_t layer, uint32_t index)
{
    for (uint32_t i = 0; i < pol->statement_count; i++) {
        const camsim_statement *st = &pol->statements[i];
        uint32_t id = diff_identity_of(ids, pol, st);
        if (id == UINT32_MAX)
            return false;
        a->refs[a->count++] = (diff_sref){pol, st, side, layer, index, i, id};
    }
    return true;
}

static bool gather(all_statements *a, const camsim_diff_set *const sets[2])
{
    size_t total = 0;
    for (int side = 0; side < 2; side++) {
        for (size_t p = 0; p < sets[side]->count; p++)
            total += sets[side]->policies[p]->statement_count;
        if (sets[side]->boundary)
            total += sets[side]->boundary->statement_count;
    }
    a->refs = diff_malloc(sizeof *a->refs * (total + 1));
    diff_identity *ids = diff_identity_new();
    bool ok = a->refs && ids;
    for (uint8_t side = 0; ok && side < 2; side++) {
        const camsim_diff_set *s = sets[side];
        for (size_t p = 0; ok && p < s->count; p++)
            ok = add_document(a, ids, s->policies[p], side, 0, (uint32_t)p);
        if (ok && s->boundary)
            ok = add_document(a, ids, s->boundary, side, 1, (uint32_t)s->count);
    }
    if (ok) {
        a->presence = diff_calloc(total + 1, sizeof *a->presence);
        ok = a->presence != NULL;
        for (size_t i = 0; ok && i < a->count; i++)
            a->presence[a->refs[i].id] |=
                presence_bit(a->refs[i].side, a->refs[i].layer, a->refs[i].st->effect);
    }
    diff_identity_free(ids);
    return ok;
}

/* Can the statement apply to catalog action index a? As the engine's index
 * decides: one of its action patterns names the action, and an
 * operation-level action only meets statements that list the resource "*". */
static bool relevant(const diff_sref *r, size_t a, bool operation_level)
{
    if (operation_level && !r->st->resource_has_star)
        return false;
    for (uint32_t i = 0; i < r->st->action_count; i++) {
        const uint64_t *mask = &r->pol->action_masks[(size_t)r->st->action_ids[i] *
                                                      r->pol->mask_words];
        if (r->pol->actions[r->st->action_ids[i]].any || camsim_bit(mask, a))
            return true;
    }
    return false;
}

/* Is statement r an anchor (see the top of this file)? */
static bool is_anchor(const diff_context *cx, const all_statements *all, const diff_sref *r)
{
    unsigned have = all->presence[r->id];
    bool old_boundary = cx->sets[0]->boundary != NULL, new_boundary = cx->sets[1]->boundary != NULL;
    if (r->side == 1 && r->st->effect == CAMSIM_ALLOW) {
        /* Old layer L pairs with new layer L, or with the new policies when
         * the new set has no boundary. */
        for (unsigned L = 0; L <= (unsigned)old_boundary; L++) {
            unsigned anchor_layer = L == 1 && new_boundary ? 1 : 0;
            if (r->layer == anchor_layer && !(have & presence_bit(0, L, CAMSIM_ALLOW)))
                return true;
        }
        return false;
    }
    if (r->side == 0 && r->st->effect == CAMSIM_DENY) {
        if (CAMSIM_DIFF_PLANTED(2))
            return false; /* planted: a dropped deny is never looked at */
        return !(have & (presence_bit(1, 0, CAMSIM_DENY) | presence_bit(1, 1, CAMSIM_DENY)));
    }
    return false;
}

static void collect_relevant(diff_context *cx, const all_statements *all, diff_sref *rel,
                             uint32_t *ids)
{
    cx->nrel = 0;
    for (size_t i = 0; i < all->count; i++)
        if (relevant(&all->refs[i], cx->action, cx->operation_level)) {
            ids[cx->nrel] = (uint32_t)i;
            rel[cx->nrel++] = all->refs[i];
        }
    cx->rel = rel;
}

/* ---- a readable witness ------------------------------------------------------------
 * The search finds the shortest resource of a region ("qcs::::q:"). When
 * the action's own template, rendered with sample parameters, shows the
 * difference just as well (the engine decides it again), that is the
 * resource a reader expects to see. */

static bool confirmed(const diff_context *cx, const camsim_request *r)
{
    camsim_decision d = {0};
    camsim_error err;
    const camsim_diff_set *n = cx->sets[1], *o = cx->sets[0];
    if (camsim_evaluate(n->policies, n->count, n->boundary, r, &d, &err) != CAMSIM_OK ||
        d.decision != CAMSIM_ALLOW)
        return false;
    return camsim_evaluate(o->policies, o->count, o->boundary, r, &d, &err) == CAMSIM_OK &&
           d.decision == CAMSIM_DENY;
}

static void prefer_rendered(const diff_context *cx, camsim_diff_witness *w)
{
    static const char *const names[] = {"uin", "SdkAppId", "Region", "PlatformId", "MNPId",
                                        "Platform"};
    static const char *const values[] = {"100001", "1400000001", "ap-guangzhou", "plat-1",
                                         "mnp-1", "plat-1"};
    const camsim_action_info *info = &camsim_catalog_table[cx->action];
    char buf[512];
    if (!w->resource ||
        camsim_render_resource(info, names, values, 6, buf, sizeof buf, NULL) != CAMSIM_OK)
        return;
    camsim_request r = w->request;
    r.resource = buf;
    r.owner_uin = NULL;
    char *copy = diff_strdup(buf);
    if (!copy || !confirmed(cx, &r)) {
        free(copy);
        return;
    }
    free(w->resource);
    free(w->owner_uin);
    w->resource = copy;
    w->owner_uin = NULL;
    w->request.resource = copy;
    w->request.owner_uin = NULL;
}

static void decide_action(diff_context *cx, const all_statements *all, diff_sref *rel,
                          camsim_diff_action *out)
{
    out->verdict = CAMSIM_DIFF_NO_NEW_ACCESS;
    bool undecided = false;
    for (size_t i = 0; i < cx->nrel; i++) {
        if (!is_anchor(cx, all, &rel[i]))
            continue;
        camsim_diff_where where;
        diff_outcome o = diff_search_anchor(cx, &rel[i], &out->witness, &where, &out->candidates);
        if (o == DIFF_FOUND) {
            prefer_rendered(cx, &out->witness);
            out->verdict = CAMSIM_DIFF_NEW_ACCESS;
            return;
        }
        if (o == DIFF_NOMEM) {
            cx->failed = true; /* camsim_diff then answers out of memory */
            return;
        }
        if (o == DIFF_INCOMPLETE && !undecided) {
            undecided = true;
            out->where = where;
        }
    }
    if (undecided)
        out->verdict = CAMSIM_DIFF_UNKNOWN;
}

/* ---- actions that meet the same statements --------------------------------------
 * The engine reads the action of a request only to find the statements that
 * can apply and the action's granularity; two actions with the same of both
 * get the same answer. The answer of the first is reused for the second, a
 * witness with its action renamed and confirmed by the engine again. */

typedef struct memo {
    size_t action; /* the action that was searched */
    bool operation_level;
    size_t nrel;
    uint32_t *ids; /* statement positions in all_statements, in order */
} memo;

static bool same_statements(const memo *m, const diff_context *cx, const uint32_t *ids)
{
    return m->operation_level == cx->operation_level && m->nrel == cx->nrel &&
           memcmp(m->ids, ids, sizeof *ids * cx->nrel) == 0;
}

static bool reuse(const diff_context *cx, const camsim_diff_action *done, camsim_diff_action *out)
{
    out->verdict = done->verdict;
    out->where = done->where;
    if (done->verdict != CAMSIM_DIFF_NEW_ACCESS)
        return true;
    if (!diff_witness_clone(&done->witness, cx->action_name, &out->witness))
        return false;
    if (!confirmed(cx, &out->witness.request)) {
        diff_witness_free(&out->witness);
        return false;
    }
    prefer_rendered(cx, &out->witness);
    return true;
}

camsim_diff_result *camsim_diff(const camsim_diff_set *from, const camsim_diff_set *to,
                                const camsim_diff_limits *limits, camsim_error *err)
{
    camsim_diff_limits defaults = camsim_diff_default_limits();
    all_statements all = {0};
    diff_alloc_reset();
    const camsim_diff_set *sets[2] = {from, to};
    camsim_diff_result *r = diff_calloc(1, sizeof *r);
    diff_sref *rel = NULL;
    if (!r || !gather(&all, sets))
        goto nomem;
    rel = diff_malloc(sizeof *rel * (all.count + 1));
    r->count = camsim_catalog_table_size;
    r->actions = diff_calloc(r->count, sizeof *r->actions);
    if (!rel || !r->actions)
        goto nomem;
    diff_context cx = {.sets = {from, to}, .limits = limits ? limits : &defaults};
    memo *memos = diff_calloc(r->count, sizeof *memos);
    size_t nmemos = 0;
    uint32_t *ids = diff_malloc(sizeof *ids * (all.count + 1));
    if (!memos || !ids) {
        free(memos);
        free(ids);
        goto nomem;
    }
    for (size_t a = 0; a < r->count; a++) {
        const camsim_action_info *info = &camsim_catalog_table[a];
        char name[160];
        snprintf(name, sizeof name, "%s:%s", info->service, info->name);
        cx.action = a;
        cx.action_name = name;
        cx.operation_level = info->granularity == CAMSIM_OPERATION_LEVEL;
        camsim_diff_action *out = &r->actions[a];
        out->catalog_index = a;
        collect_relevant(&cx, &all, rel, ids);
        bool reused = false;
        for (size_t m = 0; m < nmemos && !reused; m++)
            if (same_statements(&memos[m], &cx, ids))
                reused = reuse(&cx, &r->actions[memos[m].action], out);
        if (!reused) {
            decide_action(&cx, &all, rel, out);
            memo *m = &memos[nmemos];
            m->ids = diff_malloc(sizeof *m->ids * (cx.nrel + 1));
            if (m->ids) {
                memcpy(m->ids, ids, sizeof *ids * cx.nrel);
                m->action = a;
                m->operation_level = cx.operation_level;
                m->nrel = cx.nrel;
                nmemos++;
            }
        }
        if (out->verdict == CAMSIM_DIFF_NEW_ACCESS)
            r->verdict = CAMSIM_DIFF_NEW_ACCESS;
        else if (out->verdict == CAMSIM_DIFF_UNKNOWN && r->verdict == CAMSIM_DIFF_NO_NEW_ACCESS)
            r->verdict = CAMSIM_DIFF_UNKNOWN;
    }
    for (size_t m = 0; m < nmemos; m++)
        free(memos[m].ids);
    free(memos);
    free(ids);
    /* A failure some step handled locally (a branch given up, a memo not
     * kept) still voids every verdict (alloc.h says why), and so does a
     * search that stopped for want of memory whatever the cause. */
    if (!diff_alloc_failed() && !cx.failed) {
        free(rel);
        free(all.refs);
        free(all.presence);
        return r;
    }
nomem:
    free(rel);
    free(all.refs);
    free(all.presence);
    camsim_diff_result_free(r);
    camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory while comparing policy sets");
    return NULL;
}

void camsim_diff_result_free(camsim_diff_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->actions && i < r->count; i++)
        if (r->actions[i].verdict == CAMSIM_DIFF_NEW_ACCESS)
            diff_witness_free(&r->actions[i].witness);
    free(r->actions);
    free(r);
}
