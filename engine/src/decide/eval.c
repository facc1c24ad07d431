/* eval.c: deny-overrides evaluation (docs/semantics.md, sections 5 and 6).
 * Nothing here allocates: the request is prepared into stack buffers and
 * the compiled policies are only read, so any number of threads may
 * evaluate against the same policies. */
#include <string.h>

#include "action.h"
#include "catalog_table.h"
#include "condition.h"
#include "camsim_tools.h"
#include "policy_index.h"
#include "policy_internal.h"

/* Requests with at most this many context keys have their key lengths
 * measured once per evaluation, so lookups compare lengths first. */
enum { CAMSIM_CONTEXT_MEASURED = 32 };

/* Everything about the request that statements are matched against. */
typedef struct prepared {
    char action[CAMSIM_MAX_PATTERN_BYTES]; /* an unknown action's "service:name", lowercased */
    size_t action_len;
    int catalog_index;        /* -1 when the catalog does not know the action */
    bool operation_level;
    camsim_request_resource resource;
    char owner[CAMSIM_MAX_UIN_BYTES + 1];
    char uin[CAMSIM_MAX_UIN_BYTES + 1]; /* ${uin} taken from the principal */
    camsim_resource_vars vars;
    const char *principal;
    size_t principal_len;
    camsim_condition_env env;
    uint32_t key_lens[CAMSIM_CONTEXT_MEASURED]; /* context key lengths, measured once */
} prepared;

const char *camsim_effect_name(camsim_effect effect)
{
    return effect == CAMSIM_ALLOW ? "allow" : "deny";
}

const char *camsim_reason_name(camsim_reason reason)
{
    switch (reason) {
    case CAMSIM_REASON_ALLOW: return "allow";
    case CAMSIM_REASON_EXPLICIT_DENY: return "explicit_deny";
    default: return "implicit_deny";
    }
}

static const char *first_value(const prepared *p, const char *key)
{
    const camsim_context_entry *e = camsim_context_find(&p->env, key, strlen(key));
    return e ? e->values[0] : NULL;
}

/* strlen, bounded by the request-string limit (*len is set either way). */
static camsim_code measure(const char *s, const char *what, size_t *len, camsim_error *err)
{
    *len = s ? strlen(s) : 0;
    if (*len > CAMSIM_MAX_REQUEST_STRING) {
        camsim_error_set(err, CAMSIM_E_LIMIT, "request %s longer than %u bytes "
                         "(limit CAMSIM_MAX_REQUEST_STRING)", what, CAMSIM_MAX_REQUEST_STRING);
        return CAMSIM_E_LIMIT;
    }
    return CAMSIM_OK;
}

/* A catalog action is found from the request's text as written (case
 * folded by the lookup) and needs nothing else: the catalog's names are
 * well formed, and only unknown actions are ever globbed. Those are
 * lowercased into p->action, their form checked on the way: exactly one
 * ':' with text on both sides, and no `*`. */
static camsim_code prepare_action(prepared *p, const char *action, size_t len, camsim_error *err)
{
    if (len > CAMSIM_MAX_PATTERN_BYTES)
        return camsim_error_set(err, CAMSIM_E_LIMIT, "request action longer than %u bytes (limit "
                                "CAMSIM_MAX_PATTERN_BYTES)", CAMSIM_MAX_PATTERN_BYTES);
    const char *rest;
    camsim_action_strip_prefix(action, len, &rest, &len);
    p->catalog_index = camsim_catalog_index(rest, len);
    p->operation_level = p->catalog_index >= 0 &&
        camsim_catalog_table[p->catalog_index].granularity == CAMSIM_OPERATION_LEVEL;
    p->action_len = 0;
    if (p->catalog_index >= 0)
        return CAMSIM_OK;
    camsim_action_shape shape;
    camsim_action_lower(rest, len, p->action, &shape);
    if (shape.colons != 1 || shape.first_colon == 0 || shape.first_colon + 1 == len ||
        shape.star) {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "request action \"%.200s\" is not of the form service:ActionName "
                         "(without wildcards)", action);
        return CAMSIM_E_REQUEST;
    }
    p->action_len = len;
    return CAMSIM_OK;
}

static camsim_code resource_needed(const prepared *p, const char *action, camsim_error *err)
{
    const camsim_action_info *info = &camsim_catalog_table[p->catalog_index];
    camsim_error_set(err, CAMSIM_E_REQUEST,
                     "action %.200s is resource level and needs a concrete resource rendered "
                     "from its template %s (camsim simulate renders it from --param values)",
                     action, info->resource_template);
    return CAMSIM_E_REQUEST;
}

/* The request's resource, by the rules of semantics section 5: a request
 * names one concrete resource, or none (no resource, or "*" alone). A `*`
 * anywhere else in a catalog action's resource is a pattern mistaken for a
 * resource. Unknown actions are operation level exactly when they name
 * none. A resource given to an operation-level action must still be well
 * formed; it is then ignored. */
static camsim_code prepare_resource(prepared *p, const camsim_request *r, size_t len,
                                    camsim_error *err)
{
    bool none = !r->resource || (len == 1 && r->resource[0] == '*');
    bool catalog = p->catalog_index >= 0;
    if (catalog && !none && memchr(r->resource, '*', len)) {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "request resource \"%.200s\" contains '*': a request names one concrete "
                         "resource, or \"*\" alone for none; a pattern is not a resource",
                         r->resource);
        return CAMSIM_E_REQUEST;
    }
    if (!catalog)
        p->operation_level = none;
    if (none)
        return p->operation_level ? CAMSIM_OK : resource_needed(p, r->action, err);
    if (!camsim_request_resource_prepare(r->resource, len, r->owner_uin, &p->resource, err)) {
        if (err)
            err->code = CAMSIM_E_REQUEST;
        return CAMSIM_E_REQUEST;
    }
    if (p->resource.owner_len > CAMSIM_MAX_UIN_BYTES)
        return camsim_error_set(err, CAMSIM_E_LIMIT, "resource account uin longer than %u bytes "
                                "(limit CAMSIM_MAX_UIN_BYTES)", CAMSIM_MAX_UIN_BYTES);
    return CAMSIM_OK;
}

static camsim_code prepare(prepared *p, const camsim_request *r, camsim_error *err)
{
    camsim_code code;
    if (!r->action)
        return camsim_error_set(err, CAMSIM_E_REQUEST, "the request has no action");
    for (size_t i = 0; i < r->context_count; i++) {
        if (!r->context[i].key || (r->context[i].count && !r->context[i].values))
            return camsim_error_set(err, CAMSIM_E_ARGUMENT, "context entry without key or values");
        size_t klen;
        if ((code = measure(r->context[i].key, "context key", &klen, err)) != CAMSIM_OK)
            return code;
        if (i < CAMSIM_CONTEXT_MEASURED)
            p->key_lens[i] = (uint32_t)klen;
        /* Values are measured where a condition reads them (condition.c). */
    }
    size_t action_len, resource_len;
    if ((code = measure(r->resource, "resource", &resource_len, err)) != CAMSIM_OK ||
        (code = measure(r->principal, "principal", &p->principal_len, err)) != CAMSIM_OK ||
        (code = measure(r->action, "action", &action_len, err)) != CAMSIM_OK ||
        (code = prepare_action(p, r->action, action_len, err)) != CAMSIM_OK)
        return code;
    if (r->owner_uin && strlen(r->owner_uin) > CAMSIM_MAX_UIN_BYTES)
        return camsim_error_set(err, CAMSIM_E_LIMIT, "owner uin longer than %u bytes (limit "
                                "CAMSIM_MAX_UIN_BYTES)", CAMSIM_MAX_UIN_BYTES);
    if ((code = prepare_resource(p, r, resource_len, err)) != CAMSIM_OK)
        return code;
    p->env.context = r->context;
    p->env.context_count = r->context_count;
    p->env.key_lens = r->context_count <= CAMSIM_CONTEXT_MEASURED ? p->key_lens : NULL;
    p->env.vars = &p->vars;
    p->vars.owner_uin = r->owner_uin;
    if (!r->owner_uin && !p->operation_level && p->resource.owner) {
        memcpy(p->owner, p->resource.owner, p->resource.owner_len);
        p->owner[p->resource.owner_len] = '\0';
        p->vars.owner_uin = p->owner;
    }
    p->principal = r->principal;
    return CAMSIM_OK;
}

/* ${uin}: the context key qcs:uin, or else the sub-account of the
 * request's principal, the last "uin/<n>" segment of
 * "qcs::cam::uin/<owner>:uin/<sub>" (semantics section 3). */
static camsim_code prepare_uin(prepared *p, camsim_error *err)
{
    p->vars.uin = first_value(p, "qcs:uin");
    if (p->vars.uin || !p->principal)
        return CAMSIM_OK;
    const char *s = p->principal, *found = NULL;
    size_t n = p->principal_len, found_len = 0;
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((i == 0 || s[i - 1] == ':') && memcmp(s + i, "uin/", 4) == 0) {
            const char *end = memchr(s + i + 4, ':', n - i - 4);
            size_t len = end ? (size_t)(end - (s + i + 4)) : n - i - 4;
            if (len > 0) {
                found = s + i + 4;
                found_len = len;
            }
        }
    }
    if (!found)
        return CAMSIM_OK;
    if (found_len > CAMSIM_MAX_UIN_BYTES)
        return camsim_error_set(err, CAMSIM_E_LIMIT, "principal sub-account uin longer than %u "
                                "bytes (limit CAMSIM_MAX_UIN_BYTES)", CAMSIM_MAX_UIN_BYTES);
    memcpy(p->uin, found, found_len);
    p->uin[found_len] = '\0';
    p->vars.uin = p->uin;
    return CAMSIM_OK;
}

static bool principal_matches(const camsim_principal *pr, const prepared *p)
{
    if (!pr)
        return true;
    if (!p->principal)
        return false; /* a request without a principal does not match [decision] */
    if (pr->any)
        return true;
    for (uint32_t i = 0; i < pr->count; i++)
        if (camsim_glob_match(pr->patterns[i], pr->lens[i], p->principal, p->principal_len, false))
            return true;
    return false;
}

static bool action_matches(const camsim_policy *pol, const camsim_statement *st,
                           const prepared *p)
{
    for (uint32_t i = 0; i < st->action_count; i++) {
        const camsim_action_pattern *a = &pol->actions[st->action_ids[i]];
        if (a->any || camsim_glob_match(a->text, a->len, p->action, p->action_len, false))
            return true;
    }
    return false;
}

static int resource_matches(const camsim_statement *st, const prepared *p, camsim_error *err)
{
    if (p->operation_level)
        return st->resource_has_star;
    /* After a match, patterns with policy variables are still expanded: one
     * of them may be an error, and errors must not depend on list order. */
    int matched = 0;
    for (uint32_t i = 0; i < st->resource_count; i++) {
        if (matched && !st->resources[i].resource.has_var)
            continue;
        int r = camsim_resource_pattern_match(&st->resources[i], &p->resource, &p->vars, err);
        if (r < 0)
            return -1;
        matched |= r;
    }
    return matched;
}

/* Conditions are AND-ed, but all are evaluated so that a malformed request
 * value is an error whatever the order of the operators. */
static int conditions_hold(const camsim_statement *st, const prepared *p, camsim_error *err)
{
    int all = 1;
    for (uint32_t i = 0; i < st->condition_count; i++) {
        int r = camsim_condition_eval(&st->conditions[i], &p->env, err);
        if (r < 0)
            return -1;
        all &= r;
    }
    return all;
}

/* 1 when the statement applies to the request, 0 when not, -1 on error. */
static int statement_matches(const camsim_policy *pol, const camsim_statement *st,
                             const prepared *p, bool check_action, camsim_error *err)
{
    if (check_action && !action_matches(pol, st, p))
        return 0;
    int r = resource_matches(st, p, err);
    if (r <= 0)
        return r;
    if (!principal_matches(pol->principal, p) || !principal_matches(st->principal, p))
        return 0;
    return conditions_hold(st, p, err);
}

/* Deciding statements are collected in one pass: allows until the first
 * deny, then only denies (deny overrides, so earlier allows are dropped). */
typedef struct collector {
    camsim_decision *out;
    bool deny;
    bool policies_allow;
    bool boundary_allow;
} collector;

static void record(collector *c, uint32_t policy, uint32_t statement, camsim_effect effect)
{
    if (effect == CAMSIM_DENY && !c->deny) {
        c->deny = true;
        c->out->match_count = 0;
    } else if (effect == CAMSIM_ALLOW && c->deny) {
        return;
    }
    if (c->out->match_count < c->out->match_capacity && c->out->matches) {
        camsim_match *m = &c->out->matches[c->out->match_count];
        m->policy = policy;
        m->statement = statement;
        m->effect = effect;
    }
    c->out->match_count++;
}

static int consider(const camsim_policy *pol, uint32_t index, uint32_t s, const prepared *p,
                    bool check_action, collector *c, bool *allowed, camsim_error *err)
{
    const camsim_statement *st = &pol->statements[s];
    int r = statement_matches(pol, st, p, check_action, err);
    if (r > 0) {
        *allowed |= st->effect == CAMSIM_ALLOW;
        record(c, index, s, st->effect);
    }
    return r;
}

/* The statements a request for a catalog action may meet, each source
 * ascending: the listed statements of the action (a bitset over
 * policy->listed, read a word at a time), and the key-table hits for the
 * request's sixth segment (one list per key looked up: the exact key, and
 * a tail and a head of each length the tables hold). */
typedef struct key_hits {
    const uint32_t *next, *end;
} key_hits;

typedef struct candidates {
    const uint32_t *listed;
    const uint64_t *word, *words_end; /* the action's bitset words still to read */
    uint64_t bits;                    /* the current word, less the statements taken */
    uint32_t base;                    /* index in listed of the current word's bit 0 */
    key_hits hits[1 + 2 * CAMSIM_MAX_KEY_LENGTHS];
    int hit_lists; /* lists in hits not yet read to their end */
} candidates;

/* The candidates of a request for catalog action a (policy_internal.h
 * describes the index). */
static void gather(const camsim_policy *pol, const prepared *p, candidates *c)
{
    size_t a = (size_t)p->catalog_index;
    c->listed = pol->listed;
    c->word = pol->listed_by_action + a * pol->listed_words;
    c->words_end = c->word + pol->listed_words;
    c->bits = 0;
    c->base = (uint32_t)-64;
    c->hit_lists = 0;
    /* An operation-level action has no resource to look up: the statements
     * it can meet list the resource "*", and those are all listed. */
    if (p->operation_level)
        return;
    const camsim_resource_view *v = &p->resource.view;
    const char *svc = v->seg[CAMSIM_SEG_SERVICE], *res = v->seg[CAMSIM_SEG_RESOURCE];
    size_t sn = v->len[CAMSIM_SEG_SERVICE], rn = v->len[CAMSIM_SEG_RESOURCE];
    for (camsim_key_kind kind = 0; kind < CAMSIM_KEY_KINDS; kind++) {
        const camsim_key_table *t = &pol->keys[kind];
        if (!t->buckets || !camsim_bit(t->actions, a))
            continue;
        /* The exact key is the whole segment; tails end it, heads start it. */
        uint32_t lengths = kind == CAMSIM_KEY_EXACT ? 1 : t->lengths.count;
        for (uint32_t i = 0; i < lengths; i++) {
            size_t k = kind == CAMSIM_KEY_EXACT ? rn : t->lengths.len[i];
            if (k > rn)
                continue;
            const char *key = kind == CAMSIM_KEY_TAIL ? res + rn - k : res;
            const uint32_t *items;
            uint32_t n;
            camsim_key_table_lookup(pol, kind, svc, sn, key, k, &items, &n);
            if (n > 0)
                c->hits[c->hit_lists++] = (key_hits){items, items + n};
        }
    }
}

/* The next listed statement of the action, or UINT32_MAX when none is left. */
static uint32_t next_listed(candidates *c)
{
    while (c->bits == 0) {
        if (c->word == c->words_end)
            return UINT32_MAX;
        c->bits = *c->word++;
        c->base += 64;
    }
    return c->listed[c->base + (uint32_t)__builtin_ctzll(c->bits)];
}

/* A catalog action: its candidates in statement order (each time the
 * smallest next statement of all sources), so that deciding statements
 * are reported in the order they are written. Key-table hits are checked
 * against the action (a table holds statements of every action); a
 * statement filed under two of the request's keys comes out twice in a
 * row, and the repeat is skipped. */
static int evaluate_candidates(const camsim_policy *pol, uint32_t index, const prepared *p,
                               collector *c, bool *allowed, camsim_error *err)
{
    candidates cand;
    gather(pol, p, &cand);
    uint32_t last = UINT32_MAX;
    for (;;) {
        uint32_t s = next_listed(&cand);
        key_hits *hit = NULL;
        for (int i = 0; i < cand.hit_lists; i++)
            if (*cand.hits[i].next < s) {
                hit = &cand.hits[i];
                s = *hit->next;
            }
        if (!hit) {
            if (s == UINT32_MAX)
                return 0;
            cand.bits &= cand.bits - 1; /* a listed statement: taken */
        } else {
            if (++hit->next == hit->end) /* read to its end: the last list takes its place */
                *hit = cand.hits[--cand.hit_lists];
            if (s == last || !camsim_statement_has_action(pol, s, (size_t)p->catalog_index))
                continue;
        }
        last = s;
        if (consider(pol, index, s, p, false, c, allowed, err) < 0)
            return -1;
    }
}

static int evaluate_policy(const camsim_policy *pol, uint32_t index, const prepared *p,
                           collector *c, bool *allowed, camsim_error *err)
{
    if (p->catalog_index >= 0)
        return evaluate_candidates(pol, index, p, c, allowed, err);
    /* An action the catalog does not know: every statement, actions checked. */
    for (uint32_t s = 0; s < pol->statement_count; s++)
        if (consider(pol, index, s, p, true, c, allowed, err) < 0)
            return -1;
    return 0;
}

camsim_code camsim_evaluate(const camsim_policy *const *policies, size_t policy_count,
                            const camsim_policy *boundary, const camsim_request *request,
                            camsim_decision *out, camsim_error *err)
{
    camsim_error local; /* internal failures report their code through an error */
    if (!err)
        err = &local;
    if (!out)
        return camsim_error_set(err, CAMSIM_E_ARGUMENT, "no decision output (NULL)");
    out->decision = CAMSIM_DENY;
    out->reason = CAMSIM_REASON_IMPLICIT_DENY;
    out->match_count = 0;
    if (!request || (policy_count && !policies))
        return camsim_error_set(err, CAMSIM_E_ARGUMENT, "no request or policies (NULL)");
    for (size_t i = 0; i < policy_count; i++)
        if (!policies[i])
            return camsim_error_set(err, CAMSIM_E_ARGUMENT, "a NULL policy in the policy array");

    prepared p;
    camsim_code code = prepare(&p, request, err);
    if (code != CAMSIM_OK)
        return code;
    /* ${uin} and ${app_id} are looked up only for policies that use variables. */
    bool vars = boundary && boundary->uses_vars;
    for (size_t i = 0; i < policy_count && !vars; i++)
        vars = policies[i]->uses_vars;
    if (vars && (code = prepare_uin(&p, err)) != CAMSIM_OK)
        return code;
    p.vars.app_id = vars ? first_value(&p, "qcs:app_id") : NULL;

    collector c = {out, false, false, false};
    for (size_t i = 0; i < policy_count; i++)
        if (evaluate_policy(policies[i], (uint32_t)i, &p, &c, &c.policies_allow, err) < 0)
            goto failed;
    if (boundary &&
        evaluate_policy(boundary, (uint32_t)policy_count, &p, &c, &c.boundary_allow, err) < 0)
        goto failed;

    if (c.deny) {
        out->reason = CAMSIM_REASON_EXPLICIT_DENY;
    } else if (c.policies_allow && (!boundary || c.boundary_allow)) {
        out->decision = CAMSIM_ALLOW;
        out->reason = CAMSIM_REASON_ALLOW;
    } else {
        out->match_count = 0;
    }
    return CAMSIM_OK;

failed:
    out->decision = CAMSIM_DENY;
    out->reason = CAMSIM_REASON_IMPLICIT_DENY;
    out->match_count = 0;
    return err->code;
}
