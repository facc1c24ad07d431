/* search.c: the witness search for one anchor statement (anchor.h).
 *
 * The requests an anchor applies to are split into finitely many classes:
 * per dimension (the resource with its owner binding, the principal, each
 * context key) the values that no atom of a kept statement can tell apart
 * form one class, and one representative per class is enough (docs/diff.md
 * says why, dimension by dimension). The search then evaluates every
 * combination of representatives with the engine itself, on both sets:
 * whatever it reports is a request the engine has just confirmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "glob.h"
#include "lang.h"
#include "plant.h"
#include "values.h"
#include "walk.h"

/* strdup is POSIX, not C11. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

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

/* ---- the search state --------------------------------------------------------- */

typedef struct res_option {
    char *resource;
    char *owner;
} res_option;

typedef struct key_option {
    char **values;
    size_t count; /* 0: the key is absent */
} key_option;

typedef struct key_dim {
    const char *key;
    uint32_t key_len;
    const camsim_condition **conds; /* every kept condition on the key */
    const diff_sref **owners;       /* the statement of each */
    size_t nconds;
    diff_strlist reps;
    key_option *opts;
    size_t nopts, cap_opts;
} key_dim;

typedef struct search {
    const diff_context *cx;
    const diff_sref *anchor;
    const diff_sref **kept;
    size_t nkept;
    res_option *res;
    size_t nres, cap_res;
    diff_strlist principals;
    bool principal_absent;
    key_dim *keys;
    size_t nkeys;
    bool incomplete;
    camsim_diff_where where;
    bool nomem;
    bool owner_bound; /* some kept resource pattern is owner-bound */
    /* The walk, run once per resource region as the regions are found. */
    struct resource_walk *rw;
} search;

static void mark_incomplete(search *s, const diff_sref *st, const camsim_condition *c,
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

static bool may_meet(const diff_context *cx, const camsim_statement *a, const camsim_statement *b)
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

static void check_fragment(search *s)
{
    for (size_t i = 0; i < s->nkept; i++) {
        const diff_sref *r = s->kept[i];
        const camsim_statement *st = r->st;
        for (uint32_t j = 0; !s->cx->operation_level && j < st->resource_count; j++) {
            if (st->resources[j].resource.has_var) {
                char suffix[64];
                snprintf(suffix, sizeof suffix, "/resource/%u", j);
                mark_incomplete(s, r, NULL, suffix,
                                "a policy variable in a resource pattern (outside the exact "
                                "fragment)");
            }
        }
        for (uint32_t c = 0; c < st->condition_count; c++) {
            const camsim_condition *cond = &st->conditions[c];
            if (cond->qualifier == CAMSIM_QUALIFIER_ALL_VALUE)
                mark_incomplete(s, r, cond, NULL,
                                "for_all_value: (outside the exact fragment)");
            for (uint32_t v = 0; v < cond->count; v++)
                if (cond->values[v].has_var)
                    mark_incomplete(s, r, cond, NULL,
                                    "a policy variable in a condition value (outside the exact "
                                    "fragment)");
        }
    }
}

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

static void add_res(search *s, const char *resource, int mode)
{
    if (s->nres == s->cap_res) {
        size_t cap = s->cap_res ? s->cap_res * 2 : 16;
        res_option *g = realloc(s->res, sizeof *g * cap);
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
    o->resource = copy_string(resource);
    o->owner = owner ? copy_string(owner) : NULL;
    if (!o->resource || (owner && !o->owner))
        s->nomem = true;
}

static int visit_region(void *ctx, const char *resource);

typedef struct region_visit {
    search *s;
    int mode;
} region_visit;

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
    const diff_lang **at = malloc(sizeof *at * (natoms + 1)), **any = malloc(sizeof *any * (nanchor + 1));
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
            .visit = visit_region,
            .visit_ctx = &rv,
        };
        char **none_returned;
        size_t n;
        int r = diff_regions(&q, &none_returned, &n);
        if (r < 0)
            s->nomem = true;
        else if (r == 1)
            mark_incomplete(s, s->anchor, NULL, "/resource",
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
static int build_resources(search *s)
{
    int found = 0;
    size_t natoms = 0;
    for (size_t i = 0; i < s->nkept; i++)
        natoms += s->kept[i]->st->resource_count;
    const camsim_statement *a = s->anchor->st;
    bool anchor_any = false;
    for (uint32_t j = 0; j < a->resource_count; j++)
        anchor_any |= a->resources[j].any;
    diff_lang *atoms = calloc(natoms + 1, sizeof *atoms);
    diff_lang *alangs = calloc((size_t)a->resource_count + 1, sizeof *alangs);
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

/* ---- the principal dimension --------------------------------------------------- */

static size_t principal_langs(const camsim_principal *p, diff_lang *out)
{
    if (!p || p->any)
        return 0;
    for (uint32_t i = 0; out && i < p->count; i++) {
        memset(&out[i], 0, sizeof out[i]);
        diff_lang_glob(&out[i], p->patterns[i], p->lens[i], DIFF_TOK_STAR_ANY);
    }
    return p->count;
}

static bool principal_ok(const camsim_principal *p, const char *value)
{
    if (!p)
        return true;
    if (!value)
        return false;
    if (p->any)
        return true;
    for (uint32_t i = 0; i < p->count; i++)
        if (camsim_glob_match(p->patterns[i], p->lens[i], value, strlen(value), false))
            return true;
    return false;
}

/* The regions n languages split strings into, within the search bounds:
 * diff_regions' result (0 with *found set, 1 at a bound, -1 out of memory,
 * which is recorded). The languages are freed either way. */
static int regions_of(search *s, diff_lang *langs, size_t n, char ***found, size_t *count)
{
    const diff_lang **at = calloc(n + 1, sizeof *at);
    int r = -1;
    if (at) {
        for (size_t i = 0; i < n; i++)
            at[i] = &langs[i];
        diff_region_query q = {.atoms = at, .natoms = n, .max_states = s->cx->limits->max_states,
                               .max_regions = s->cx->limits->max_regions};
        r = diff_regions(&q, found, count);
    }
    if (r < 0)
        s->nomem = true;
    for (size_t i = 0; i < n; i++)
        diff_lang_free(&langs[i]);
    free(langs);
    free(at);
    return r;
}

static void build_principals(search *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->nkept; i++)
        n += principal_langs(s->kept[i]->pol->principal, NULL) +
             principal_langs(s->kept[i]->st->principal, NULL);
    diff_lang *langs = calloc(n + 1, sizeof *langs);
    if (!langs) {
        s->nomem = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->nkept; i++) {
        k += principal_langs(s->kept[i]->pol->principal, langs + k);
        k += principal_langs(s->kept[i]->st->principal, langs + k);
    }
    char **found;
    size_t count;
    int r = regions_of(s, langs, n, &found, &count);
    if (r > 0)
        mark_incomplete(s, s->anchor, NULL, "", "principal regions exceed the search bound");
    const camsim_policy *pol = s->anchor->pol;
    const camsim_statement *st = s->anchor->st;
    for (size_t i = 0; r == 0 && i < count; i++)
        if (principal_ok(pol->principal, found[i]) && principal_ok(st->principal, found[i]))
            diff_strlist_add(&s->principals, found[i]);
    if (r == 0)
        diff_strings_free(found, count);
    s->principal_absent = !pol->principal && !st->principal;
}

/* ---- the context keys ------------------------------------------------------------ */

static key_dim *find_key(search *s, const camsim_condition *c)
{
    for (size_t i = 0; i < s->nkeys; i++)
        if (s->keys[i].key_len == c->key_len && memcmp(s->keys[i].key, c->key, c->key_len) == 0)
            return &s->keys[i];
    return NULL;
}

static bool collect_keys(search *s)
{
    size_t total = 0;
    for (size_t i = 0; i < s->nkept; i++)
        total += s->kept[i]->st->condition_count;
    s->keys = calloc(total + 1, sizeof *s->keys);
    if (!s->keys)
        return false;
    for (size_t i = 0; i < s->nkept; i++) {
        const camsim_statement *st = s->kept[i]->st;
        for (uint32_t c = 0; c < st->condition_count; c++) {
            const camsim_condition *cond = &st->conditions[c];
            key_dim *k = find_key(s, cond);
            if (!k) {
                k = &s->keys[s->nkeys++];
                k->key = cond->key;
                k->key_len = cond->key_len;
                k->conds = calloc(total, sizeof *k->conds);
                k->owners = calloc(total, sizeof *k->owners);
                if (!k->conds || !k->owners)
                    return false;
            }
            k->conds[k->nconds] = cond;
            k->owners[k->nconds++] = s->kept[i];
        }
    }
    return true;
}

/* A tag key "qcs:resource_tag/<k>" also reads the combined key: when both
 * forms are in play, keys are no longer independent. */
static void check_tag_keys(search *s)
{
    static const char *const bases[] = {"qcs:resource_tag", "qcs:request_tag"};
    for (size_t i = 0; i < s->nkeys; i++) {
        const camsim_condition *c = s->keys[i].conds[0];
        if (!c->tag_base)
            continue;
        const char *base = bases[c->tag_base - 1];
        for (size_t j = 0; j < s->nkeys; j++)
            if (s->keys[j].key_len == strlen(base) &&
                memcmp(s->keys[j].key, base, s->keys[j].key_len) == 0)
                mark_incomplete(s, s->keys[i].owners[0], c, NULL,
                                "a per-key tag condition together with a condition on the "
                                "combined tag key (outside the exact fragment)");
    }
}

static int eval_on(const camsim_condition *c, const char *const *values, size_t count)
{
    camsim_context_entry e = {c->key, values, count};
    camsim_resource_vars vars = {0};
    camsim_condition_env env = {&e, count ? 1 : 0, NULL, &vars};
    camsim_error err;
    return camsim_condition_eval(c, &env, &err);
}

static void string_reps(search *s, key_dim *k)
{
    size_t n = 0;
    for (size_t i = 0; i < k->nconds; i++)
        if (k->conds[i]->family == CAMSIM_FAMILY_STRING || k->conds[i]->family == CAMSIM_FAMILY_BINARY)
            n += k->conds[i]->count;
    diff_lang *langs = calloc(n + 1, sizeof *langs);
    if (!langs) {
        s->nomem = true;
        return;
    }
    size_t m = 0;
    for (size_t i = 0; i < k->nconds; i++) {
        const camsim_condition *c = k->conds[i];
        if (c->family != CAMSIM_FAMILY_STRING && c->family != CAMSIM_FAMILY_BINARY)
            continue;
        for (uint32_t v = 0; v < c->count; v++, m++) {
            if (c->compare == CAMSIM_CMP_LIKE)
                diff_lang_glob(&langs[m], c->values[v].text, c->values[v].len, DIFF_TOK_STAR_ANY);
            else
                diff_lang_lit(&langs[m], c->values[v].text, c->values[v].len,
                              c->compare == CAMSIM_CMP_EQUAL_IGNORE_CASE);
        }
    }
    char **found;
    size_t count;
    int r = regions_of(s, langs, n, &found, &count);
    if (r > 0)
        mark_incomplete(s, k->owners[0], k->conds[0], NULL,
                        "string regions of this key exceed the search bound");
    for (size_t i = 0; r == 0 && i < count; i++)
        diff_strlist_add(&k->reps, found[i]);
    if (r == 0)
        diff_strings_free(found, count);
}

/* The representatives of one key, one per class of values the key's
 * conditions tell apart. */
static void key_reps(search *s, key_dim *k)
{
    bool string = false;
    int typed = -1;
    for (size_t i = 0; i < k->nconds; i++) {
        camsim_op_family f = k->conds[i]->family;
        if (f == CAMSIM_FAMILY_STRING || f == CAMSIM_FAMILY_BINARY)
            string = true;
        else if (f != CAMSIM_FAMILY_NULL && typed < 0)
            typed = (int)f;
        else if (f != CAMSIM_FAMILY_NULL && typed != (int)f)
            mark_incomplete(s, k->owners[i], k->conds[i], NULL,
                            "one key compared by two value families (outside the exact fragment)");
        if (string && typed >= 0)
            mark_incomplete(s, k->owners[i], k->conds[i], NULL,
                            "one key compared as a string and as a typed value (outside the "
                            "exact fragment)");
    }
    if (string)
        string_reps(s, k);
    for (int f = CAMSIM_FAMILY_NUMERIC; f <= CAMSIM_FAMILY_IP; f++) {
        if (f == CAMSIM_FAMILY_BINARY)
            continue;
        const camsim_condition **fc = calloc(k->nconds + 1, sizeof *fc);
        size_t n = 0;
        if (!fc) {
            s->nomem = true;
            return;
        }
        for (size_t i = 0; i < k->nconds; i++)
            if ((int)k->conds[i]->family == f)
                fc[n++] = k->conds[i];
        if (n && !diff_typed_reps((camsim_op_family)f, fc, n, &k->reps))
            mark_incomplete(s, k->owners[0], fc[0], NULL,
                            "a value beyond the exact range (decimal exponent over 300, or a "
                            "date next to year 0000 or 9999)");
        free(fc);
    }
    if (k->reps.count == 0)
        diff_strlist_add(&k->reps, "x"); /* null_equal only: presence is all that counts */
    if (k->reps.failed)
        s->nomem = true;
}

/* Keep one representative per signature (the truth of every condition on the key). */
static void dedup_reps(search *s, key_dim *k)
{
    char *seen = malloc(k->reps.count * (k->nconds + 1) + 1);
    if (!seen) {
        s->nomem = true;
        return;
    }
    size_t kept = 0, w = k->nconds + 1;
    for (size_t r = 0; r < k->reps.count; r++) {
        char *sig = seen + kept * w;
        const char *v = k->reps.items[r];
        for (size_t i = 0; i < k->nconds; i++) {
            int e = eval_on(k->conds[i], &v, 1);
            sig[i] = (char)('1' + e);
        }
        sig[k->nconds] = '\0';
        bool dup = false;
        for (size_t j = 0; j < kept && !dup; j++)
            dup = memcmp(seen + j * w, sig, w) == 0;
        if (dup) {
            free(k->reps.items[r]);
        } else {
            k->reps.items[kept++] = k->reps.items[r];
        }
    }
    k->reps.count = kept;
    free(seen);
}

/* Conditions of statement st on key k that read a value (null_equal reads presence only). */
static size_t value_atoms(const camsim_statement *st, const key_dim *k)
{
    size_t n = 0;
    for (uint32_t c = 0; c < st->condition_count; c++) {
        const camsim_condition *cond = &st->conditions[c];
        n += cond->family != CAMSIM_FAMILY_NULL && cond->key_len == k->key_len &&
             memcmp(cond->key, k->key, k->key_len) == 0;
    }
    return n;
}

/* How many values a request needs on key k: one per value atom of each
 * statement that must apply (the anchor, and an allow of each other new
 * layer); with for_any_value semantics more values never help. */
static size_t values_needed(search *s, const key_dim *k)
{
    size_t need = value_atoms(s->anchor->st, k);
    bool new_boundary = s->cx->sets[1]->boundary != NULL;
    for (uint8_t layer = 0; layer <= (uint8_t)new_boundary; layer++) {
        if (s->anchor->side == 1 && s->anchor->layer == layer)
            continue;
        size_t most = 0;
        for (size_t i = 0; i < s->nkept; i++) {
            const diff_sref *r = s->kept[i];
            if (r->side == 1 && r->layer == layer && r->st->effect == CAMSIM_ALLOW) {
                size_t n = value_atoms(r->st, k);
                most = n > most ? n : most;
            }
        }
        need += most;
    }
    return need ? need : 1;
}

static bool anchor_accepts(const search *s, const key_dim *k, const key_option *o)
{
    const camsim_statement *st = s->anchor->st;
    for (uint32_t c = 0; c < st->condition_count; c++) {
        const camsim_condition *cond = &st->conditions[c];
        if (cond->key_len == k->key_len && memcmp(cond->key, k->key, k->key_len) == 0 &&
            eval_on(cond, (const char *const *)o->values, o->count) != 1)
            return false;
    }
    return true;
}

static void add_option(search *s, key_dim *k, const size_t *pick, size_t n)
{
    key_option o = {NULL, n};
    if (n) {
        o.values = malloc(sizeof *o.values * n);
        if (!o.values) {
            s->nomem = true;
            return;
        }
        for (size_t i = 0; i < n; i++)
            o.values[i] = k->reps.items[pick[i]];
    }
    if (!anchor_accepts(s, k, &o)) {
        free(o.values);
        return;
    }
    if (k->nopts == k->cap_opts) {
        size_t cap = k->cap_opts ? k->cap_opts * 2 : 16;
        key_option *g = realloc(k->opts, sizeof *g * cap);
        if (!g) {
            free(o.values);
            s->nomem = true;
            return;
        }
        k->opts = g;
        k->cap_opts = cap;
    }
    k->opts[k->nopts++] = o;
}

enum { MAX_VALUES_PER_KEY = 3, MAX_KEY_OPTIONS = 4096 };

/* Absent, then every set of 1..need representatives. */
static void key_options(search *s, key_dim *k)
{
    add_option(s, k, NULL, 0);
    size_t need = values_needed(s, k);
    if (need > MAX_VALUES_PER_KEY) {
        mark_incomplete(s, k->owners[0], k->conds[0], NULL,
                        "a request may need more values of this key than the search tries");
        need = MAX_VALUES_PER_KEY;
    }
    size_t r = k->reps.count, pick[MAX_VALUES_PER_KEY];
    for (size_t n = 1; n <= need && n <= r; n++) {
        for (size_t i = 0; i < n; i++)
            pick[i] = i;
        for (;;) {
            if (k->nopts >= MAX_KEY_OPTIONS) {
                mark_incomplete(s, k->owners[0], k->conds[0], NULL,
                                "value combinations of this key exceed the search bound");
                return;
            }
            add_option(s, k, pick, n);
            size_t i = n;
            while (i > 0 && pick[i - 1] == r - n + i - 1)
                i--;
            if (i == 0)
                break;
            pick[i - 1]++;
            for (size_t j = i; j < n; j++)
                pick[j] = pick[j - 1] + 1;
        }
    }
}

static void build_keys(search *s)
{
    if (!collect_keys(s)) {
        s->nomem = true;
        return;
    }
    check_tag_keys(s);
    for (size_t i = 0; i < s->nkeys && !s->nomem; i++) {
        key_reps(s, &s->keys[i]);
        if (!s->nomem)
            dedup_reps(s, &s->keys[i]);
        if (!s->nomem)
            key_options(s, &s->keys[i]);
    }
}

/* ---- witnesses ------------------------------------------------------------- */

static char *dup_or_null(const char *s, bool *nomem)
{
    if (!s)
        return NULL;
    char *c = copy_string(s);
    *nomem |= !c;
    return c;
}

static bool make_witness(const camsim_request *r, camsim_diff_witness *w)
{
    bool nomem = false;
    memset(w, 0, sizeof *w);
    w->action = dup_or_null(r->action, &nomem);
    w->resource = dup_or_null(r->resource, &nomem);
    w->owner_uin = dup_or_null(r->owner_uin, &nomem);
    w->principal = dup_or_null(r->principal, &nomem);
    w->context = calloc(r->context_count + 1, sizeof *w->context);
    w->entries = calloc(r->context_count + 1, sizeof *w->entries);
    if (!w->context || !w->entries)
        return false;
    for (size_t i = 0; i < r->context_count; i++) {
        camsim_diff_key *k = &w->context[w->context_count++];
        k->key = dup_or_null(r->context[i].key, &nomem);
        k->values = calloc(r->context[i].count + 1, sizeof *k->values);
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
    if (!make_witness(&r, to)) {
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

/* ---- the dimensions' truth tables ---------------------------------------------- */

static bool dim_alloc(diff_dim *d, size_t nopts, size_t nkept)
{
    d->nopts = nopts;
    d->truth = calloc(nopts * nkept + 1, 1);
    d->reads = calloc(nkept + 1, sizeof *d->reads);
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
            d->truth[o * s->nkept + i] = principal_ok(pol->principal, v) &&
                                         principal_ok(st->principal, v);
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
        int r = eval_on(cond, (const char *const *)o->values, o->count);
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
    if (!make_witness(&r, c->w)) {
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
        mark_incomplete(s, s->anchor, NULL, "", "the search exceeded its bound on steps");
    return rw->result == 0 ? 0 : rw->result == -1 ? -1 : 1;
}

static int visit_region(void *ctx, const char *resource)
{
    region_visit *rv = ctx;
    search *s = rv->s;
    add_res(s, resource, rv->mode);
    if (s->nomem || !resource_dim(s, s->nres - 1, &s->rw->walk.dims[0]))
        return -1;
    s->rw->lc.res_index = s->nres - 1;
    return run_walk(s);
}

static diff_outcome enumerate(search *s, camsim_diff_witness *w, size_t *candidates)
{
    size_t ndims = (s->cx->operation_level ? 0 : 1) + 1 + s->nkeys;
    diff_dim *dims = calloc(ndims, sizeof *dims);
    camsim_context_entry *entries = calloc(s->nkeys + 1, sizeof *entries);
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
            build_resources(s);
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
    s.kept = malloc(sizeof *s.kept * (cx->nrel + 1));
    if (!s.kept)
        return DIFF_NOMEM;
    for (size_t i = 0; i < cx->nrel; i++)
        if (may_meet(cx, anchor->st, cx->rel[i].st))
            s.kept[s.nkept++] = &cx->rel[i];
    check_fragment(&s);
    build_principals(&s);
    if (!s.nomem)
        build_keys(&s);
    diff_outcome out = s.nomem ? DIFF_NOMEM : enumerate(&s, w, candidates);
    if (out == DIFF_NONE && s.incomplete) {
        *where = s.where;
        out = DIFF_INCOMPLETE;
    }
    search_free(&s);
    return out;
}
