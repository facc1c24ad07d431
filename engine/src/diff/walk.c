/* walk.c: the pruned depth-first walk (walk.h). */
#include "walk.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct state {
    const diff_walk *w;
    uint32_t *falses;   /* per kept statement: dimensions whose atoms are false */
    uint32_t *unread;   /* dimensions whose value it cannot read */
    uint32_t *pending;  /* dimensions with atoms not yet fixed */
    size_t *choice;
    size_t nodes;
    bool bound;
} state;

enum { S_FALSE, S_TRUE, S_OPEN };

static int status(const state *s, size_t i)
{
    if (s->falses[i])
        return S_FALSE;
    return s->pending[i] == 0 && s->unread[i] == 0 ? S_TRUE : S_OPEN;
}

/* Is the outcome settled against a witness? */
static bool settled(const state *s)
{
    const diff_walk *w = s->w;
    bool new_allow_possible[2] = {false, false}, old_sure[2] = {true, true};
    bool old_allow_true[2] = {false, false};
    for (size_t i = 0; i < w->nkept; i++) {
        const diff_sref *r = w->kept[i];
        int st = status(s, i);
        bool allow = r->st->effect == CAMSIM_ALLOW;
        if (r->side == 1) {
            if (!allow && st == S_TRUE)
                return true; /* a new deny applies */
            if (allow && st != S_FALSE)
                new_allow_possible[r->layer] = true;
        } else if (allow) {
            old_allow_true[r->layer] |= st == S_TRUE;
        } else if (st != S_FALSE) {
            old_sure[r->layer] = false; /* an old deny may still apply */
        }
    }
    for (int L = 0; L < 2; L++)
        if (w->layers[1][L] && !new_allow_possible[L])
            return true;
    for (int L = 0; L < 2; L++)
        if (w->layers[0][L] && !(old_sure[L] && old_allow_true[L]))
            return false;
    return true; /* every old layer surely allows */
}

static void apply(state *s, const diff_dim *d, size_t opt, int sign)
{
    const uint8_t *row = d->truth + opt * s->w->nkept;
    for (size_t i = 0; i < s->w->nkept; i++) {
        if (!d->reads[i])
            continue;
        s->pending[i] -= (uint32_t)sign;
        s->falses[i] += (uint32_t)(sign * (row[i] == DIFF_ATOM_FALSE));
        s->unread[i] += (uint32_t)(sign * (row[i] == DIFF_ATOM_UNREADABLE));
    }
}

/* Statements still open that read dimension d. */
static bool any_live(const state *s, const diff_dim *d)
{
    for (size_t i = 0; i < s->w->nkept; i++)
        if (d->reads[i] && status(s, i) != S_FALSE)
            return true;
    return false;
}

/* Does an earlier option of d act the same as opt on every open statement? */
static bool same_as_earlier(const state *s, const diff_dim *d, size_t opt)
{
    size_t n = s->w->nkept;
    const uint8_t *row = d->truth + opt * n;
    for (size_t o = 0; o < opt; o++) {
        const uint8_t *other = d->truth + o * n;
        bool same = true;
        for (size_t i = 0; i < n && same; i++)
            same = !d->reads[i] || status(s, i) == S_FALSE || row[i] == other[i];
        if (same)
            return true;
    }
    return false;
}

static int walk(state *s, size_t depth)
{
    if (++s->nodes > s->w->max_nodes) {
        s->bound = true;
        return 0;
    }
    if (settled(s))
        return 0;
    if (depth == s->w->ndims)
        return s->w->leaf(s->w->ctx, s->choice);
    const diff_dim *d = &s->w->dims[depth];
    bool live = any_live(s, d);
    for (size_t o = 0; o < d->nopts && !s->bound; o++) {
        if (o > 0 && (!live || same_as_earlier(s, d, o)))
            continue;
        s->choice[depth] = o;
        apply(s, d, o, 1);
        int r = walk(s, depth + 1);
        apply(s, d, o, -1);
        if (r != 0)
            return r;
    }
    return 0;
}

int diff_walk_run(const diff_walk *w, size_t *nodes)
{
    for (size_t d = 0; d < w->ndims; d++)
        if (w->dims[d].nopts == 0)
            return 0; /* the anchor cannot apply */
    state s = {0};
    s.w = w;
    s.falses = diff_calloc(w->nkept + 1, sizeof *s.falses);
    s.unread = diff_calloc(w->nkept + 1, sizeof *s.unread);
    s.pending = diff_calloc(w->nkept + 1, sizeof *s.pending);
    s.choice = diff_calloc(w->ndims + 1, sizeof *s.choice);
    int r = -1;
    if (s.falses && s.unread && s.pending && s.choice) {
        for (size_t d = 0; d < w->ndims; d++)
            for (size_t i = 0; i < w->nkept; i++)
                s.pending[i] += w->dims[d].reads[i];
        r = walk(&s, 0);
        if (r == 0 && s.bound)
            r = 2;
    }
    *nodes += s.nodes;
    free(s.falses);
    free(s.unread);
    free(s.pending);
    free(s.choice);
    return r;
}
