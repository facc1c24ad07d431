/* ref_resource.c: spec section 3, the six-segment description
 * qcs:project_id:service_type:region:account:resource. */
#include "reference.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { QCS, PROJECT, SERVICE, REGION, ACCOUNT, RES };

bool ref_resource_split(const char *text, const char *seg[6], size_t len[6])
{
    const char *p = text;
    for (int i = 0; i < 5; i++) {
        const char *colon = strchr(p, ':');
        if (!colon)
            return false;
        seg[i] = p;
        len[i] = (size_t)(colon - p);
        p = colon + 1;
    }
    seg[5] = p;
    len[5] = strlen(p);
    return len[QCS] == 3 && memcmp(seg[QCS], "qcs", 3) == 0 && len[PROJECT] == 0;
}

static bool seg_is(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && memcmp(s, lit, n) == 0;
}

static bool all_plain(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

int ref_resource_pattern_valid(const char *pattern)
{
    if (strcmp(pattern, "*") == 0)
        return REF_TRUE;
    const char *seg[6];
    size_t len[6];
    if (!ref_resource_split(pattern, seg, len))
        return REF_FALSE; /* anything else is an error at load time */
    if (strlen(pattern) > 4096 || !all_plain(pattern) || len[RES] == 0)
        return REF_UNSPEC;
    /* The account is empty, "uin/..." or "uid/..."; other forms are unpinned. */
    if (len[ACCOUNT] != 0 && !(len[ACCOUNT] >= 4 && (memcmp(seg[ACCOUNT], "uin/", 4) == 0 ||
                                                     memcmp(seg[ACCOUNT], "uid/", 4) == 0)))
        return REF_UNSPEC;
    return REF_TRUE;
}

int ref_resource_valid(const char *resource)
{
    const char *seg[6];
    size_t len[6];
    if (!ref_resource_split(resource, seg, len))
        return REF_FALSE;
    if (strlen(resource) > 4096 || !all_plain(resource) || strchr(resource, '*') ||
        len[RES] == 0 || len[SERVICE] == 0)
        return REF_UNSPEC;
    if (!(len[ACCOUNT] > 4 && memcmp(seg[ACCOUNT], "uin/", 4) == 0))
        return REF_UNSPEC; /* request accounts other than uin/<id> are unpinned */
    return REF_TRUE;
}

const char *ref_resource_uin(const char *resource, char *buf, size_t cap)
{
    const char *seg[6];
    size_t len[6];
    if (!resource || !ref_resource_split(resource, seg, len))
        return NULL;
    if (len[ACCOUNT] <= 4 || memcmp(seg[ACCOUNT], "uin/", 4) != 0 || len[ACCOUNT] - 4 >= cap)
        return NULL;
    memcpy(buf, seg[ACCOUNT] + 4, len[ACCOUNT] - 4);
    buf[len[ACCOUNT] - 4] = '\0';
    return buf;
}

int ref_expand_vars(const char *text, const ref_vars *vars, char **out)
{
    static const char *const names[] = {"${uin}", "${owner_uin}", "${app_id}"};
    const char *values[] = {vars ? vars->uin : NULL, vars ? vars->owner_uin : NULL,
                            vars ? vars->app_id : NULL};
    size_t cap = strlen(text) + 1, n = 0;
    for (int k = 0; k < 3; k++)
        if (values[k])
            cap += strlen(values[k]) * (strlen(text) / 6 + 1);
    char *buf = malloc(cap);
    if (!buf)
        abort();
    int status = REF_TRUE;
    for (const char *p = text; *p;) {
        int hit = -1;
        for (int k = 0; k < 3; k++)
            if (strncmp(p, names[k], strlen(names[k])) == 0)
                hit = k;
        if (hit < 0) {
            buf[n++] = *p++;
            continue;
        }
        if (!values[hit]) {
            status = REF_FALSE; /* a variable the request does not supply */
        } else {
            if (strchr(values[hit], '*'))
                status = status == REF_FALSE ? REF_FALSE : REF_UNSPEC;
            memcpy(buf + n, values[hit], strlen(values[hit]));
            n += strlen(values[hit]);
        }
        p += strlen(names[hit]);
    }
    buf[n] = '\0';
    if (status == REF_TRUE && n > 8192)
        status = REF_UNSPEC; /* CAMSIM_MAX_EXPANDED_BYTES: a limit error */
    *out = buf;
    return status;
}

static int glob_seg(const char *p, size_t pn, const char *s, size_t sn)
{
    char *pp = strndup(p, pn), *ss = strndup(s, sn);
    if (!pp || !ss)
        abort();
    int r = ref_glob(pp, ss, false);
    free(pp);
    free(ss);
    return r;
}

int ref_resource_match(const char *pattern, const char *resource, const ref_vars *vars)
{
    int pv = ref_resource_pattern_valid(pattern), rv = ref_resource_valid(resource);
    if (pv == REF_FALSE || rv == REF_FALSE)
        return REF_ERROR;
    if (pv == REF_UNSPEC || rv == REF_UNSPEC)
        return REF_UNSPEC;
    if (strcmp(pattern, "*") == 0)
        return REF_TRUE;
    const char *ps[6], *rs[6];
    size_t pl[6], rl[6];
    ref_resource_split(pattern, ps, pl);
    ref_resource_split(resource, rs, rl);
    /* The owner uin defaults to the uin in the request's own resource. */
    char owner_buf[128];
    ref_vars v = {vars ? vars->uin : NULL, vars ? vars->owner_uin : NULL,
                  vars ? vars->app_id : NULL};
    if (!v.owner_uin)
        v.owner_uin = ref_resource_uin(resource, owner_buf, sizeof owner_buf);
    vars = &v;
    int r = REF_TRUE;
    /* service and region: empty or `*` matches any value, otherwise glob. */
    for (int i = SERVICE; i <= REGION; i++)
        if (!(pl[i] == 0 || seg_is(ps[i], pl[i], "*")))
            r = ref_and(r, glob_seg(ps[i], pl[i], rs[i], rl[i]));
    /* account: empty or "uin/" is the owner's root account. */
    if (pl[ACCOUNT] == 0 || seg_is(ps[ACCOUNT], pl[ACCOUNT], "uin/")) {
        const char *owner = vars ? vars->owner_uin : NULL;
        if (!owner || strchr(owner, '*') || owner[0] == '\0') {
            r = ref_and(r, REF_UNSPEC);
        } else {
            bool same = rl[ACCOUNT] == 4 + strlen(owner) &&
                        memcmp(rs[ACCOUNT], "uin/", 4) == 0 &&
                        memcmp(rs[ACCOUNT] + 4, owner, strlen(owner)) == 0;
            r = ref_and(r, same ? REF_TRUE : REF_FALSE);
        }
    } else {
        r = ref_and(r, glob_seg(ps[ACCOUNT], pl[ACCOUNT], rs[ACCOUNT], rl[ACCOUNT]));
    }
    /* resource: variables substituted, then glob. */
    char *expanded = NULL;
    int ev = ref_expand_vars(ps[RES], vars, &expanded);
    if (ev == REF_TRUE)
        r = ref_and(r, glob_seg(expanded, strlen(expanded), rs[RES], rl[RES]));
    else
        r = ref_and(r, ev);
    free(expanded);
    return r;
}
