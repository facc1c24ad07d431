/* where.c: the locations the diff reports (camsim_diff_where): a
 * statement's place plus a JSON pointer into it, and diff_mark_incomplete,
 * which records the first construct or bound that keeps an anchor's search
 * from being exact. Kept apart because every stage of the search reports
 * through it. */
#include <stdio.h>
#include <string.h>

#include "search_internal.h"

/* ---- locations -------------------------------------------------------------- */

static void pointer_append(char *out, size_t cap, const char *s)
{
    size_t o = strlen(out);
    if (o + 1 < cap)
        out[o++] = '/';
    for (; *s && o + 2 < cap; s++) {
        if (*s == '~' || *s == '/') {
            out[o++] = '~';
            out[o++] = *s == '~' ? '0' : '1';
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
}

void diff_where_set(camsim_diff_where *where, const diff_sref *s, const char *suffix,
                    const char *reason)
{
    where->side = s->side;
    where->policy = s->policy;
    where->statement = s->index;
    snprintf(where->path, sizeof where->path, "/statement/%u%s", s->index, suffix ? suffix : "");
    snprintf(where->reason, sizeof where->reason, "%s", reason);
}

static void where_condition(camsim_diff_where *where, const diff_sref *s,
                            const camsim_condition *c, const char *reason)
{
    char path[256] = "/condition";
    pointer_append(path, sizeof path, c->op_text);
    pointer_append(path, sizeof path, c->key);
    diff_where_set(where, s, path, reason);
}

void diff_mark_incomplete(search *s, const diff_sref *st, const camsim_condition *c,
                          const char *suffix, const char *reason)
{
    if (s->incomplete)
        return;
    s->incomplete = true;
    if (c)
        where_condition(&s->where, st, c, reason);
    else
        diff_where_set(&s->where, st, suffix, reason);
}
