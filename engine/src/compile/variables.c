#include "variables.h"

#include <string.h>

typedef struct var_def {
    const char *name; /* including ${ and } */
    size_t len;
} var_def;

static const var_def VARS[] = {{"${uin}", 6}, {"${owner_uin}", 12}, {"${app_id}", 9}};

/* Which variable starts at p (0..2), or -1. */
static int var_at(const char *p, size_t left)
{
    if (left < 6 || p[0] != '$' || p[1] != '{')
        return -1;
    for (int i = 0; i < 3; i++)
        if (left >= VARS[i].len && memcmp(p, VARS[i].name, VARS[i].len) == 0)
            return i;
    return -1;
}

static const char *var_value(int which, const camsim_resource_vars *vars)
{
    switch (which) {
    case 0: return vars ? vars->uin : NULL;
    case 1: return vars ? vars->owner_uin : NULL;
    default: return vars ? vars->app_id : NULL;
    }
}

bool camsim_has_vars(const char *text, size_t len)
{
    for (const char *p = memchr(text, '$', len); p; p = memchr(p + 1, '$', (size_t)(text + len - p - 1)))
        if (var_at(p, (size_t)(text + len - p)) >= 0)
            return true;
    return false;
}

int camsim_expand_vars(const char *text, size_t len, const camsim_resource_vars *vars,
                       bool for_glob, char *buf, size_t cap, size_t *out_len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        int which = text[i] == '$' ? var_at(text + i, len - i) : -1;
        const char *piece = text + i;
        size_t n = 1;
        if (which >= 0) {
            piece = var_value(which, vars);
            if (!piece)
                return 0;
            n = strlen(piece);
            if (for_glob && memchr(piece, '*', n))
                return -2;
            i += VARS[which].len;
        } else {
            i++;
        }
        if (n > cap - o)
            return -1;
        memcpy(buf + o, piece, n);
        o += n;
    }
    *out_len = o;
    return 1;
}
