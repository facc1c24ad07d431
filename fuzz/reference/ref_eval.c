/* ref_eval.c: spec sections 5 and 6, transcribed literally: a statement
 * matches when its action, resource (per granularity), principal and
 * condition all match; any matching deny wins; else any matching allow;
 * else implicit deny; a boundary must allow too. */
#include "reference.h"

#include <stdlib.h>
#include <string.h>

static const ref_ctx *ctx_find(const ref_request *r, const char *key)
{
    for (size_t i = 0; i < r->nctx; i++)
        if (strcmp(r->ctx[i].key, key) == 0 && r->ctx[i].count > 0)
            return &r->ctx[i];
    return NULL;
}

/* A single-valued context key, NULL when absent; *unspec set when the key
 * has several values (which one a variable takes is not pinned). */
static const char *ctx_single(const ref_request *r, const char *key, bool *unspec)
{
    const ref_ctx *c = ctx_find(r, key);
    if (!c)
        return NULL;
    if (c->count > 1)
        *unspec = true;
    return c->values[0];
}

static bool has_var(const char *s)
{
    return strstr(s, "${uin}") || strstr(s, "${owner_uin}") || strstr(s, "${app_id}");
}

/* RFC 8259 text must be UTF-8: a policy holding anything else is a JSON
 * error (the emitter escapes control bytes, so only bad UTF-8 breaks it). */
static bool utf8(const char *s)
{
    const unsigned char *c = (const unsigned char *)s;
    while (*c) {
        if (*c < 0x80) {
            c++;
            continue;
        }
        int n = (*c & 0xe0) == 0xc0 ? 1 : (*c & 0xf0) == 0xe0 ? 2 : (*c & 0xf8) == 0xf0 ? 3 : -1;
        if (n < 0 || *c == 0xc0 || *c == 0xc1 || *c > 0xf4)
            return false;
        unsigned long cp = *c & (0x3fu >> n);
        for (int i = 1; i <= n; i++) {
            if ((c[i] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (c[i] & 0x3fu);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        c += n + 1;
    }
    return true;
}

static bool all_utf8(const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!utf8(list[i]))
            return false;
    return true;
}

int ref_policy_valid(const ref_policy *p)
{
    if (p->invalid)
        return REF_FALSE;
    if (!all_utf8(p->principals, p->nprincipals))
        return REF_FALSE;
    for (size_t i = 0; i < p->nstmts; i++) {
        const ref_stmt *s = &p->stmts[i];
        if (!all_utf8(s->actions, s->nactions) || !all_utf8(s->resources, s->nresources) ||
            !all_utf8(s->principals, s->nprincipals))
            return REF_FALSE;
        for (size_t j = 0; j < s->nconds; j++)
            if (!utf8(s->conds[j].key) || !all_utf8(s->conds[j].values, s->conds[j].count))
                return REF_FALSE;
    }
    if (p->nstmts == 0)
        return REF_FALSE;
    int r = REF_TRUE;
    for (size_t i = 0; i < p->nstmts; i++) {
        const ref_stmt *s = &p->stmts[i];
        if (s->nactions == 0 || s->nresources == 0)
            return REF_FALSE;
        for (size_t j = 0; j < s->nactions; j++) {
            if (s->actions[j][0] == '\0')
                return REF_FALSE;
            r = ref_and(r, ref_action_pattern_valid(s->actions[j]) == REF_FALSE ? REF_FALSE
                           : ref_action_pattern_valid(s->actions[j]));
        }
        for (size_t j = 0; j < s->nresources; j++) {
            if (s->resources[j][0] == '\0')
                return REF_FALSE;
            r = ref_and(r, ref_resource_pattern_valid(s->resources[j]));
        }
        for (size_t j = 0; j < s->nconds; j++) {
            ref_operator op;
            int o = ref_operator_parse(s->conds[j].op, &op);
            if (o == REF_ERROR)
                return REF_FALSE;
            r = ref_and(r, o);
            if (o != REF_TRUE)
                continue;
            if (s->conds[j].count == 0)
                r = ref_and(r, REF_UNSPEC);
            for (size_t k = 0; k < s->conds[j].count; k++) {
                const char *v = s->conds[j].values[k];
                if (has_var(v)) {
                    bool stringy = op.family == REF_F_STRING || op.family == REF_F_STRING_CI ||
                                   op.family == REF_F_LIKE || op.family == REF_F_BINARY;
                    r = ref_and(r, stringy ? REF_TRUE : REF_UNSPEC);
                    continue;
                }
                int vv = ref_value_valid(op.family, v);
                if (vv == REF_ERROR)
                    return REF_FALSE;
                r = ref_and(r, vv);
            }
        }
        if (s->principal_kind && p->principal_kind)
            r = ref_and(r, REF_UNSPEC);
    }
    return r;
}

static int principal_matches(int kind, const char *const *list, size_t n, const ref_request *r)
{
    if (kind == 0)
        return REF_TRUE;
    if (!r->principal)
        return REF_FALSE; /* a request without a principal does not match */
    if (kind == 1)
        return REF_TRUE;
    int m = REF_FALSE;
    for (size_t i = 0; i < n; i++)
        m = ref_or(m, strcmp(list[i], "*") == 0 ? REF_TRUE : ref_glob(list[i], r->principal, false));
    return m;
}

/* Conditions: operators AND-ed, keys AND-ed, values OR-ed (inside
 * ref_condition). Variables in values come from the request. */
static int conditions_match(const ref_stmt *s, const ref_request *r, const ref_vars *vars,
                            int *saw_unreadable)
{
    int all = REF_TRUE;
    for (size_t i = 0; i < s->nconds; i++) {
        const ref_cond *c = &s->conds[i];
        const char **pv = calloc(c->count + 1, sizeof *pv);
        char **owned = calloc(c->count + 1, sizeof *owned);
        if (!pv || !owned)
            abort();
        int st = REF_TRUE;
        for (size_t k = 0; k < c->count; k++) {
            int e = ref_expand_vars(c->values[k], vars, &owned[k]);
            if (e == REF_UNSPEC)
                st = REF_UNSPEC;
            /* a missing variable: this value matches nothing (NULL) */
            pv[k] = e == REF_FALSE ? NULL : owned[k];
            if (e == REF_FALSE && strstr(c->op, "not_"))
                st = REF_UNSPEC; /* "matches none" with a missing variable: unpinned */
        }
        const ref_ctx *rc = ctx_find(r, c->key);
        /* qcs:resource_tag/<k> (and request_tag): the values v of the
         * "k&v" tags when the request does not give the key itself. */
        const char **derived = NULL;
        size_t nderived = 0;
        const char *slash = strchr(c->key, '/');
        if (slash && (strncmp(c->key, "qcs:resource_tag/", 17) == 0 ||
                      strncmp(c->key, "qcs:request_tag/", 16) == 0)) {
            char *base = strndup(c->key, (size_t)(slash - c->key));
            const ref_ctx *tags = base ? ctx_find(r, base) : NULL;
            free(base);
            if (tags && rc)
                st = REF_UNSPEC; /* both forms given: which wins is not pinned */
            if (tags && !rc) {
                derived = calloc(tags->count + 1, sizeof *derived);
                if (!derived)
                    abort();
                size_t klen = strlen(slash + 1);
                for (size_t k = 0; k < tags->count; k++)
                    if (strncmp(tags->values[k], slash + 1, klen) == 0 && tags->values[k][klen] == '&')
                        derived[nderived++] = tags->values[k] + klen + 1;
            }
        }
        int m = derived ? ref_condition(c->op, pv, c->count, derived, nderived)
                        : ref_condition(c->op, pv, c->count, rc ? rc->values : NULL,
                                        rc ? rc->count : 0);
        free(derived);
        if (m == REF_NOT_TRUE || m == REF_UNSPEC)
            *saw_unreadable = 1; /* an engine may reject what it cannot read */
        if (st == REF_UNSPEC && rc && slash) {
            /* Both forms: the derived values might be the ones read. */
            *saw_unreadable = 1;
        }
        if (st == REF_UNSPEC)
            m = REF_UNSPEC;
        if (m == REF_NOT_TRUE)
            *saw_unreadable = 1;
        if (m == REF_ERROR)
            m = REF_UNSPEC; /* invalid policies never get here */
        all = ref_and(all, m);
        for (size_t k = 0; k < c->count; k++)
            free(owned[k]);
        free(owned);
        free(pv);
    }
    return all;
}

/* Length of the id in the request resource's account segment "uin/<id>",
 * 0 when there is none. */
static size_t account_uin_len(const char *resource)
{
    const char *p = resource;
    for (int colons = 0; colons < 4; colons++) {
        p = strchr(p, ':');
        if (!p)
            return 0;
        p++;
    }
    const char *end = strchr(p, ':');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    return n > 4 && strncmp(p, "uin/", 4) == 0 ? n - 4 : 0;
}

/* Section 5: a catalog action has its catalog granularity; any other
 * action is operation level when the request names no concrete resource
 * (none at all, or "*"). */
static bool operation_level(const ref_request *r)
{
    const ref_action_info *info = ref_catalog_find(r->action);
    if (info)
        return info->operation_level;
    return !r->resource || strcmp(r->resource, "*") == 0;
}

/* Section 3: ${uin} is qcs:uin, else the principal's sub-account: split
 * the principal at every ':' and keep the last piece "uin/<n>". */
static const char *principal_uin(const ref_request *r, char *buf, size_t cap, bool *unspec)
{
    if (!r->principal)
        return NULL;
    const char *found = NULL;
    size_t found_len = 0;
    for (const char *piece = r->principal;;) {
        const char *colon = strchr(piece, ':');
        size_t len = colon ? (size_t)(colon - piece) : strlen(piece);
        if (len > 4 && strncmp(piece, "uin/", 4) == 0) {
            found = piece + 4;
            found_len = len - 4;
        }
        if (!colon)
            break;
        piece = colon + 1;
    }
    if (!found)
        return NULL;
    if (found_len > 256 || found_len >= cap) { /* past CAMSIM_MAX_UIN_BYTES: an error, not pinned here */
        *unspec = true;
        return NULL;
    }
    memcpy(buf, found, found_len);
    buf[found_len] = '\0';
    return buf;
}

static int statement_matches(const ref_policy *p, const ref_stmt *s, const ref_request *r,
                             int *saw_unreadable)
{
    /* 1. action */
    int action = REF_FALSE;
    for (size_t i = 0; i < s->nactions; i++)
        action = ref_or(action, ref_action_match(s->actions[i], r->action));

    /* 2. resource, by granularity */
    int resource = REF_FALSE;
    bool oplevel = operation_level(r);
    bool unspec = false;
    char owner_buf[300], uin_buf[300];
    ref_vars vars = {
        .uin = ctx_single(r, "qcs:uin", &unspec),
        .owner_uin = r->owner_uin ? r->owner_uin
                     : oplevel    ? NULL
                                  : ref_resource_uin(r->resource, owner_buf, sizeof owner_buf),
        .app_id = ctx_single(r, "qcs:app_id", &unspec),
    };
    if (!vars.uin && !unspec)
        vars.uin = principal_uin(r, uin_buf, sizeof uin_buf, &unspec);
    if (oplevel) {
        for (size_t i = 0; i < s->nresources; i++)
            if (strcmp(s->resources[i], "*") == 0)
                resource = REF_TRUE;
    } else {
        for (size_t i = 0; i < s->nresources; i++)
            resource = ref_or(resource, ref_resource_match(s->resources[i], r->resource, &vars));
    }

    /* 3. principal (top level and statement level) */
    int principal = ref_and(
        principal_matches(p->principal_kind, p->principals, p->nprincipals, r),
        principal_matches(s->principal_kind, s->principals, s->nprincipals, r));

    /* 4. condition (evaluated eagerly, to learn about unreadable values) */
    int cond = conditions_match(s, r, &vars, saw_unreadable);

    int m = ref_and(ref_and(action, resource), ref_and(principal, cond));
    if (unspec && m != REF_FALSE)
        m = REF_UNSPEC;
    return m;
}

int ref_statement_matches(const ref_policy *p, const ref_stmt *s, const ref_request *r)
{
    int unreadable = 0;
    return statement_matches(p, s, r, &unreadable);
}

static void evaluate_set(const ref_policy *const *policies, size_t count, const ref_request *r,
                         ref_decision *out)
{
    memset(out, 0, sizeof *out);
    /* The request itself. Bytes that are not printable UTF-8 anywhere in it:
     * rejecting the request is as right as evaluating it. */
    bool odd = !utf8(r->action) || (r->resource && !utf8(r->resource)) ||
               (r->owner_uin && !utf8(r->owner_uin)) || (r->principal && !utf8(r->principal));
    for (size_t i = 0; i < r->nctx; i++) {
        odd |= !utf8(r->ctx[i].key) || !all_utf8(r->ctx[i].values, r->ctx[i].count);
        for (size_t j = 0; j < r->ctx[i].count; j++)
            for (const char *c = r->ctx[i].values[j]; *c; c++)
                odd |= (unsigned char)*c < 0x20;
    }
    if (odd) {
        out->status = REF_UNSPEC;
        return;
    }
    /* The documented request limits (docs/semantics.md, Limits): over one
     * of them the request is an input error. */
    const char *strings[] = {r->action, r->resource, r->principal};
    for (size_t i = 0; i < 3; i++)
        if (strings[i] && strlen(strings[i]) > 65536) {
            out->status = REF_ERROR;
            return;
        }
    for (size_t i = 0; i < r->nctx; i++)
        if (strlen(r->ctx[i].key) > 65536) {
            out->status = REF_ERROR;
            return;
        }
    if (strlen(r->action) > 4096 || (r->owner_uin && strlen(r->owner_uin) > 256)) {
        out->status = REF_ERROR;
        return;
    }
    int av = ref_action_valid(r->action);
    if (av != REF_TRUE) {
        out->status = av == REF_FALSE ? REF_ERROR : REF_UNSPEC;
        return;
    }
    /* Section 5: the request names one concrete resource, or none. */
    bool catalog = ref_catalog_find(r->action) != NULL;
    bool none = !r->resource || strcmp(r->resource, "*") == 0;
    if (catalog && !none && strchr(r->resource, '*')) {
        out->status = REF_ERROR; /* a pattern mistaken for a resource */
        return;
    }
    if (none && !operation_level(r)) {
        out->status = REF_ERROR; /* resource level without a resource */
        return;
    }
    if (!none) { /* checked even where it is then ignored (operation level) */
        int rv = ref_resource_valid(r->resource);
        if (rv != REF_TRUE) {
            out->status = rv == REF_FALSE ? REF_ERROR : REF_UNSPEC;
            return;
        }
        if (!operation_level(r) && !r->owner_uin && account_uin_len(r->resource) > 256) {
            out->status = REF_ERROR; /* the owner taken from the resource: over 256 bytes */
            return;
        }
    }
    int deny_true = 0, deny_maybe = 0, allow_true = 0, any_unspec = 0, unreadable = 0;
    ref_decision denies, allows;
    memset(&denies, 0, sizeof denies);
    memset(&allows, 0, sizeof allows);
    for (size_t pi = 0; pi < count; pi++) {
        const ref_policy *p = policies[pi];
        for (size_t si = 0; si < p->nstmts; si++) {
            int m = statement_matches(p, &p->stmts[si], r, &unreadable);
            if (m == REF_UNSPEC)
                any_unspec = 1;
            if (m == REF_NOT_TRUE && !p->stmts[si].effect)
                deny_maybe = 1;
            if (m != REF_TRUE)
                continue;
            ref_decision *d = p->stmts[si].effect ? &allows : &denies;
            if (p->stmts[si].effect)
                allow_true = 1;
            else
                deny_true = 1;
            if (d->nmatches < REF_MAX_MATCHES) {
                d->policy_of[d->nmatches] = (unsigned)pi;
                d->stmt_of[d->nmatches] = (unsigned)si;
                d->nmatches++;
            }
        }
    }
    if (any_unspec) {
        out->status = REF_UNSPEC;
        return;
    }
    out->error_ok = unreadable;
    if (deny_true) {
        *out = denies;
        out->error_ok = unreadable;
        out->status = REF_TRUE;
        out->allow = 0;
        out->reason = 1; /* explicit deny */
    } else if (deny_maybe) {
        out->status = REF_NOT_TRUE;
    } else if (allow_true) {
        *out = allows;
        out->error_ok = unreadable;
        out->status = REF_TRUE;
        out->allow = 1;
        out->reason = 2;
    } else {
        out->status = REF_TRUE;
        out->allow = 0;
        out->reason = 0; /* implicit deny */
    }
}

void ref_evaluate(const ref_policy *const *policies, size_t count, const ref_policy *boundary,
                  const ref_request *r, ref_decision *out)
{
    evaluate_set(policies, count, r, out);
    if (!boundary || out->status != REF_TRUE)
        return;
    ref_decision b;
    evaluate_set(&boundary, 1, r, &b);
    if (b.status != REF_TRUE) {
        out->status = b.status;
        return;
    }
    /* Section 6.5: allow only if the policies allow and the boundary allows. */
    out->allow = out->allow && b.allow;
    out->error_ok |= b.error_ok;
    if (!out->allow && out->reason == 2)
        out->reason = -1; /* the reason of a boundary deny is not pinned */
}
