/* witness.c: witnesses, the requests the diff reports: a deep copy of a
 * request the engine has just confirmed (the search's own request points
 * into its tables), a copy for another action, and freeing. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "search_internal.h"

/* ---- witnesses ------------------------------------------------------------- */

static char *dup_or_null(const char *s, bool *nomem)
{
    if (!s)
        return NULL;
    char *c = diff_strdup(s);
    *nomem |= !c;
    return c;
}

bool diff_make_witness(const camsim_request *r, camsim_diff_witness *w)
{
    bool nomem = false;
    memset(w, 0, sizeof *w);
    w->action = dup_or_null(r->action, &nomem);
    w->resource = dup_or_null(r->resource, &nomem);
    w->owner_uin = dup_or_null(r->owner_uin, &nomem);
    w->principal = dup_or_null(r->principal, &nomem);
    w->context = diff_calloc(r->context_count + 1, sizeof *w->context);
    w->entries = diff_calloc(r->context_count + 1, sizeof *w->entries);
    if (!w->context || !w->entries)
        return false;
    for (size_t i = 0; i < r->context_count; i++) {
        camsim_diff_key *k = &w->context[w->context_count++];
        k->key = dup_or_null(r->context[i].key, &nomem);
        k->values = diff_calloc(r->context[i].count + 1, sizeof *k->values);
        if (!k->values)
            return false;
        for (size_t v = 0; v < r->context[i].count; v++)
            k->values[k->count++] = dup_or_null(r->context[i].values[v], &nomem);
        w->entries[i] = (camsim_context_entry){k->key, (const char *const *)k->values, k->count};
    }
    w->request = (camsim_request){w->action, w->resource, w->owner_uin, w->principal,
                                  w->entries, w->context_count};
    return !nomem;
}

bool diff_witness_clone(const camsim_diff_witness *from, const char *action,
                        camsim_diff_witness *to)
{
    camsim_request r = from->request;
    r.action = action;
    if (!diff_make_witness(&r, to)) {
        diff_witness_free(to);
        return false;
    }
    to->old_reason = from->old_reason;
    return true;
}

void diff_witness_free(camsim_diff_witness *w)
{
    free(w->action);
    free(w->resource);
    free(w->owner_uin);
    free(w->principal);
    for (size_t i = 0; i < w->context_count; i++) {
        free(w->context[i].key);
        for (size_t v = 0; v < w->context[i].count; v++)
            free(w->context[i].values[v]);
        free(w->context[i].values);
    }
    free(w->context);
    free(w->entries);
    memset(w, 0, sizeof *w);
}
