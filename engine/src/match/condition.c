#include "condition.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "camsim_tools.h"
#include "json_guard.h"
#include "variables.h"

/* ---- the operator table (semantics, section 4) ---------------------- */

typedef struct op_def {
    const char *name;
    size_t len; /* strlen(name): compiling compares lengths first */
    camsim_op_family family;
    camsim_compare compare;
    bool negated;
} op_def;

#define OP(name, family, compare, negated) {name, sizeof name - 1, family, compare, negated}
static const op_def OPS[] = {
    OP("string_equal", CAMSIM_FAMILY_STRING, CAMSIM_CMP_EQUAL, false),
    OP("string_not_equal", CAMSIM_FAMILY_STRING, CAMSIM_CMP_EQUAL, true),
    OP("string_equal_ignore_case", CAMSIM_FAMILY_STRING, CAMSIM_CMP_EQUAL_IGNORE_CASE, false),
    OP("string_not_equal_ignore_case", CAMSIM_FAMILY_STRING, CAMSIM_CMP_EQUAL_IGNORE_CASE, true),
    OP("string_like", CAMSIM_FAMILY_STRING, CAMSIM_CMP_LIKE, false),
    OP("string_not_like", CAMSIM_FAMILY_STRING, CAMSIM_CMP_LIKE, true),
    OP("numeric_equal", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_EQUAL, false),
    OP("numeric_not_equal", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_EQUAL, true),
    OP("numeric_less_than", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_LESS, false),
    OP("numeric_less_than_equal", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_LESS_EQUAL, false),
    OP("numeric_greater_than", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_GREATER, false),
    OP("numeric_greater_than_equal", CAMSIM_FAMILY_NUMERIC, CAMSIM_CMP_GREATER_EQUAL, false),
    OP("date_equal", CAMSIM_FAMILY_DATE, CAMSIM_CMP_EQUAL, false),
    OP("date_not_equal", CAMSIM_FAMILY_DATE, CAMSIM_CMP_EQUAL, true),
    OP("date_less_than", CAMSIM_FAMILY_DATE, CAMSIM_CMP_LESS, false),
    OP("date_less_than_equal", CAMSIM_FAMILY_DATE, CAMSIM_CMP_LESS_EQUAL, false),
    OP("date_greater_than", CAMSIM_FAMILY_DATE, CAMSIM_CMP_GREATER, false),
    OP("date_greater_than_equal", CAMSIM_FAMILY_DATE, CAMSIM_CMP_GREATER_EQUAL, false),
    OP("bool_equal", CAMSIM_FAMILY_BOOL, CAMSIM_CMP_EQUAL, false),
    OP("binary_equal", CAMSIM_FAMILY_BINARY, CAMSIM_CMP_EQUAL, false),
    OP("ip_equal", CAMSIM_FAMILY_IP, CAMSIM_CMP_EQUAL, false),
    OP("ip_not_equal", CAMSIM_FAMILY_IP, CAMSIM_CMP_EQUAL, true),
    OP("null_equal", CAMSIM_FAMILY_NULL, CAMSIM_CMP_EQUAL, false),
};

#undef OP

size_t camsim_operator_count(void)
{
    return sizeof OPS / sizeof OPS[0];
}

const char *camsim_operator_name(size_t i)
{
    return i < camsim_operator_count() ? OPS[i].name : NULL;
}

const char *camsim_family_expects(camsim_op_family f)
{
    switch (f) {
    case CAMSIM_FAMILY_STRING: return "a string";
    case CAMSIM_FAMILY_NUMERIC: return "a number or a numeric string such as \"10\"";
    case CAMSIM_FAMILY_DATE:
        return "an ISO 8601 UTC time such as \"2026-06-01T00:01:00Z\"";
    case CAMSIM_FAMILY_BOOL: return "\"true\" or \"false\"";
    case CAMSIM_FAMILY_BINARY: return "a string";
    case CAMSIM_FAMILY_IP: return "an IPv4 or IPv6 address or CIDR such as \"10.0.0.0/8\"";
    case CAMSIM_FAMILY_NULL: return "\"true\" (key absent) or \"false\" (key present)";
    }
    return "a value";
}

static bool starts_with(const char *s, size_t n, const char *prefix, size_t k)
{
    return n >= k && memcmp(s, prefix, k) == 0;
}

camsim_operator_status camsim_operator_parse(const char *text, camsim_operator_form *out)
{
    static const char any[] = "for_any_value:", all[] = "for_all_value:";
    const char *p = text;
    size_t n = strlen(text);
    out->qualifier = CAMSIM_QUALIFIER_NONE;
    if (starts_with(p, n, any, sizeof any - 1)) {
        out->qualifier = CAMSIM_QUALIFIER_ANY_VALUE;
        p += sizeof any - 1;
        n -= sizeof any - 1;
    } else if (starts_with(p, n, all, sizeof all - 1)) {
        out->qualifier = CAMSIM_QUALIFIER_ALL_VALUE;
        p += sizeof all - 1;
        n -= sizeof all - 1;
    }
    static const char suffix[] = "_if_exist";
    out->if_exist = n > sizeof suffix - 1 && strcmp(p + n - (sizeof suffix - 1), suffix) == 0;
    if (out->if_exist)
        n -= sizeof suffix - 1;
    out->base = p;
    out->base_len = n;
    out->index = -1;
    out->family = CAMSIM_FAMILY_STRING;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        if (OPS[i].len == n && memcmp(OPS[i].name, p, n) == 0) {
            out->index = (int)i;
            out->family = OPS[i].family;
            if (out->family == CAMSIM_FAMILY_NULL && (out->if_exist || out->qualifier))
                return CAMSIM_OPERATOR_NULL_QUALIFIED;
            return CAMSIM_OPERATOR_OK;
        }
    }
    return CAMSIM_OPERATOR_UNKNOWN;
}

/* Split "<qualifier:>operator<_if_exist>" into its parts. */
static bool parse_operator(const char *text, camsim_condition *c, camsim_error *err)
{
    camsim_operator_form form;
    switch (camsim_operator_parse(text, &form)) {
    case CAMSIM_OPERATOR_OK:
        c->qualifier = form.qualifier;
        c->if_exist = form.if_exist;
        c->family = OPS[form.index].family;
        c->compare = OPS[form.index].compare;
        c->negated = OPS[form.index].negated;
        return true;
    case CAMSIM_OPERATOR_NULL_QUALIFIED:
        camsim_error_set(err, CAMSIM_E_VALUE,
                         "operator \"%.200s\": null_equal takes no for_any_value:/"
                         "for_all_value: qualifier and no _if_exist suffix", text);
        return false;
    case CAMSIM_OPERATOR_UNKNOWN: break;
    }
    camsim_error_set(err, CAMSIM_E_VALUE,
                     "unknown condition operator \"%.200s\"; expected e.g. "
                     CAMSIM_OPERATOR_EXAMPLES
                     ", optionally with a for_any_value:/for_all_value: qualifier or _if_exist",
                     text);
    return false;
}

/* Text of a scalar policy value; booleans get canonical text, numbers the
 * exact text of their token (camsim_json_number_texts), never cJSON's double. */
static const char *value_text(const cJSON *item)
{
    if (cJSON_IsString(item) || cJSON_IsNumber(item))
        return item->valuestring;
    if (cJSON_IsBool(item))
        return cJSON_IsTrue(item) ? "true" : "false";
    return NULL;
}

bool camsim_family_takes_json(camsim_op_family f, const cJSON *item)
{
    if (cJSON_IsString(item))
        return true;
    if (cJSON_IsNumber(item))
        return f == CAMSIM_FAMILY_NUMERIC;
    if (cJSON_IsBool(item))
        return f == CAMSIM_FAMILY_BOOL || f == CAMSIM_FAMILY_NULL;
    return false;
}

/* Parse text as a value of the family into v. */
static bool parse_typed(camsim_op_family f, const char *s, size_t n, camsim_cond_value *v,
                        bool allow_prefix)
{
    switch (f) {
    case CAMSIM_FAMILY_STRING:
    case CAMSIM_FAMILY_BINARY: return true;
    case CAMSIM_FAMILY_NUMERIC: return camsim_decimal_parse(s, n, &v->v.number);
    case CAMSIM_FAMILY_DATE: return camsim_parse_date(s, n, &v->v.date);
    case CAMSIM_FAMILY_BOOL:
    case CAMSIM_FAMILY_NULL: return camsim_parse_bool(s, n, &v->v.boolean);
    case CAMSIM_FAMILY_IP: return camsim_parse_ip(s, n, allow_prefix, &v->v.ip);
    }
    return false;
}

bool camsim_family_value_valid(camsim_op_family f, const char *s, size_t n)
{
    camsim_cond_value v;
    return parse_typed(f, s, n, &v, true);
}

static bool compile_value(const camsim_condition *c, const cJSON *item, camsim_arena *arena,
                          camsim_path *path, camsim_cond_value *v, camsim_error *err)
{
    if (!camsim_family_takes_json(c->family, item)) {
        camsim_error_set(err, CAMSIM_E_GRAMMAR, "%s takes %s; got a JSON %s", c->op_text,
                         camsim_family_expects(c->family), camsim_json_type_name(item));
        camsim_error_at(err, path);
        return false;
    }
    const char *text = value_text(item);
    if (!text) { /* a number without its text: compiled only by camsim_policy_parse */
        return camsim_fail(err, path, CAMSIM_E_VALUE, "%s: a JSON number without its text",
                           c->op_text);
    }
    size_t n = strlen(text);
    if (n > CAMSIM_MAX_PATTERN_BYTES) {
        return camsim_fail(err, path, CAMSIM_E_LIMIT,
                           "condition value of %zu bytes exceeds %u (limit CAMSIM_MAX_PATTERN_BYTES)",
                           n, CAMSIM_MAX_PATTERN_BYTES);
    }
    if (!parse_typed(c->family, text, n, v, true)) {
        return camsim_fail(err, path, CAMSIM_E_VALUE, "%s value \"%.200s\" is not %s", c->op_text,
                           text, camsim_family_expects(c->family));
    }
    v->text = camsim_arena_strndup(arena, text, n);
    if (!v->text) {
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
        return false;
    }
    v->len = (uint32_t)n;
    if (c->family == CAMSIM_FAMILY_NUMERIC) /* point into the arena's copy, not the JSON's */
        camsim_decimal_parse(v->text, n, &v->v.number);
    /* Variables are substituted in every value that is text: the string
     * operators' and binary_equal's (docs/semantics.md, section 3). */
    v->has_var = (c->family == CAMSIM_FAMILY_STRING || c->family == CAMSIM_FAMILY_BINARY) &&
                 camsim_has_vars(text, n);
    return true;
}

static const char *const TAG_KEYS[] = {"qcs:resource_tag", "qcs:request_tag"};

/* Is key a per-tag-key form "qcs:resource_tag/<k>" (1) or "qcs:request_tag/<k>" (2)? */
static void classify_tag_key(camsim_condition *c)
{
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(TAG_KEYS[k]);
        if (c->key_len > n + 1 && memcmp(c->key, TAG_KEYS[k], n) == 0 && c->key[n] == '/') {
            c->tag_base = (uint8_t)(k + 1);
            c->tag_offset = (uint32_t)n + 1;
        }
    }
}

static bool compile_key(camsim_condition *c, const cJSON *values, camsim_arena *arena,
                        camsim_path *path, camsim_error *err)
{
    const cJSON *single = values;
    int count = 1;
    if (cJSON_IsArray(values)) {
        count = cJSON_GetArraySize(values);
        if (count == 0) {
            camsim_error_set(err, CAMSIM_E_GRAMMAR,
                             "empty value list for %s; give at least one value", c->op_text);
            camsim_error_at(err, path);
            return false;
        }
        if ((unsigned)count > CAMSIM_MAX_VALUES) {
            return camsim_fail(err, path, CAMSIM_E_LIMIT,
                               "%d values exceed %u (limit CAMSIM_MAX_VALUES)", count,
                               CAMSIM_MAX_VALUES);
        }
        single = values->child;
    }
    c->values = camsim_arena_alloc(arena, sizeof *c->values * (size_t)count);
    if (!c->values) {
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
        return false;
    }
    c->count = (uint32_t)count;
    int i = 0;
    for (const cJSON *item = single; item && i < count; item = item->next, i++) {
        size_t mark = cJSON_IsArray(values) ? camsim_path_push_index(path, (size_t)i) : path->len;
        if (!compile_value(c, item, arena, path, &c->values[i], err))
            return false;
        camsim_path_pop(path, mark);
    }
    return true;
}

bool camsim_conditions_compile(const cJSON *condition, camsim_arena *arena, camsim_path *path,
                               camsim_condition **out, uint32_t *count, camsim_error *err)
{
    if (!cJSON_IsObject(condition))
        return camsim_fail(err, path, CAMSIM_E_GRAMMAR, "%s",
                           "condition must be an object {\"operator\": {\"key\": value}}");
    if (!camsim_json_check_object(condition, path, err))
        return false;
    size_t total = 0;
    for (const cJSON *op = condition->child; op; op = op->next) {
        if (!cJSON_IsObject(op) || !op->child) {
            camsim_path_push_key(path, op->string);
            return camsim_fail(err, path, CAMSIM_E_GRAMMAR, "%s",
                               "a condition operator takes a non-empty object {\"key\": value}");
        }
        size_t mark = camsim_path_push_key(path, op->string);
        if (!camsim_json_check_object(op, path, err))
            return false;
        camsim_path_pop(path, mark);
        total += (size_t)cJSON_GetArraySize(op);
    }
    if (total == 0)
        return camsim_fail(err, path, CAMSIM_E_GRAMMAR, "%s",
                           "condition is empty; remove it or give {\"operator\": {\"key\": value}}");
    camsim_condition *conds = camsim_arena_alloc(arena, sizeof *conds * total);
    if (!conds) {
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
        return false;
    }
    size_t i = 0;
    for (const cJSON *op = condition->child; op; op = op->next) {
        size_t op_mark = camsim_path_push_key(path, op->string);
        camsim_condition proto = {0};
        proto.op_text = camsim_arena_strndup(arena, op->string, strlen(op->string));
        if (!proto.op_text) {
            camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
            return false;
        }
        if (!parse_operator(op->string, &proto, err)) {
            camsim_error_at(err, path);
            return false;
        }
        for (const cJSON *key = op->child; key; key = key->next, i++) {
            size_t key_mark = camsim_path_push_key(path, key->string);
            size_t klen = strlen(key->string);
            if (klen == 0 || klen > CAMSIM_MAX_PATTERN_BYTES)
                return camsim_fail(err, path, klen ? CAMSIM_E_LIMIT : CAMSIM_E_GRAMMAR, "%s",
                                   klen ? "condition key too long (limit CAMSIM_MAX_PATTERN_BYTES)"
                                        : "empty condition key");
            conds[i] = proto; /* the operator; the key's own fields follow */
            conds[i].key = camsim_arena_strndup(arena, key->string, klen);
            conds[i].key_len = (uint32_t)klen;
            if (!conds[i].key) {
                camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
                return false;
            }
            classify_tag_key(&conds[i]);
            if (!cJSON_IsArray(key) && !cJSON_IsString(key) && !cJSON_IsNumber(key) &&
                !cJSON_IsBool(key))
                return camsim_fail(err, path, CAMSIM_E_GRAMMAR, "%s",
                                   "a condition value is a string, number, boolean or an array of them");
            if (!compile_key(&conds[i], key, arena, path, err))
                return false;
            camsim_path_pop(path, key_mark);
        }
        camsim_path_pop(path, op_mark);
    }
    *out = conds;
    *count = (uint32_t)total;
    return true;
}

/* ---- evaluation ------------------------------------------------------ */

const camsim_context_entry *camsim_context_find(const camsim_condition_env *env, const char *key,
                                                size_t key_len)
{
    const camsim_context_entry *context = env->context;
    for (size_t i = 0; i < env->context_count; i++) {
        if (context[i].count == 0)
            continue;
        if (env->key_lens ? env->key_lens[i] == key_len &&
                                memcmp(context[i].key, key, key_len) == 0
                          : strncmp(context[i].key, key, key_len) == 0 &&
                                context[i].key[key_len] == '\0')
            return &context[i];
    }
    return NULL;
}

/* The request values of one key: the entry itself, plus, for
 * "qcs:resource_tag/<k>" and "qcs:request_tag/<k>", the values "<k>&v" of
 * the combined tag key, yielded as "v". */
typedef struct value_iter {
    const camsim_context_entry *direct;
    const camsim_context_entry *tags;
    const char *tag;
    size_t tag_len;
    size_t i, j;
} value_iter;

static void iter_init(value_iter *it, const camsim_condition *c, const camsim_condition_env *env)
{
    memset(it, 0, sizeof *it);
    it->direct = camsim_context_find(env, c->key, c->key_len);
    if (c->tag_base) {
        const char *base = TAG_KEYS[c->tag_base - 1];
        it->tags = camsim_context_find(env, base, c->tag_offset - 1);
        it->tag = c->key + c->tag_offset;
        it->tag_len = c->key_len - c->tag_offset;
    }
}

static bool iter_next(value_iter *it, const char **v, size_t *n)
{
    if (it->direct && it->i < it->direct->count) {
        *v = it->direct->values[it->i++];
        *n = strlen(*v);
        return true;
    }
    while (it->tags && it->j < it->tags->count) {
        const char *t = it->tags->values[it->j++];
        if (strncmp(t, it->tag, it->tag_len) == 0 && t[it->tag_len] == '&') {
            *v = t + it->tag_len + 1;
            *n = strlen(*v);
            return true;
        }
    }
    return false;
}

static bool ascii_iequal(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (camsim_ascii_lower((unsigned char)a[i]) != camsim_ascii_lower((unsigned char)b[i]))
            return false;
    return true;
}

/* Does "request <cmp> policy" hold, given the sign of request - policy? */
static bool ordered(camsim_compare cmp, int sign)
{
    switch (cmp) {
    case CAMSIM_CMP_LESS: return sign < 0;
    case CAMSIM_CMP_LESS_EQUAL: return sign <= 0;
    case CAMSIM_CMP_GREATER: return sign > 0;
    case CAMSIM_CMP_GREATER_EQUAL: return sign >= 0;
    default: return sign == 0;
    }
}

/* Does the request value equal/like/compare to policy value p (before negation)?
 * Returns 1/0, or -1 when substitution overflows. */
static int compare_string(const camsim_condition *c, const camsim_cond_value *p, const char *s,
                          size_t n, const camsim_condition_env *env, camsim_error *err)
{
    const char *pt = p->text;
    size_t pn = p->len;
    char buf[CAMSIM_MAX_EXPANDED_BYTES];
    if (p->has_var) {
        int r = camsim_expand_vars(p->text, p->len, env->vars, c->compare == CAMSIM_CMP_LIKE,
                                   buf, sizeof buf, &pn);
        if (r == 0)
            return 0; /* an unsupplied variable matches nothing */
        if (r == -2) {
            camsim_error_set(err, CAMSIM_E_REQUEST,
                             "a policy variable's request value contains '*', which would widen "
                             "the string_like pattern \"%.200s\"", p->text);
            return -1;
        }
        if (r < 0) {
            camsim_error_set(err, CAMSIM_E_LIMIT,
                             "condition value longer than %u bytes after substituting policy "
                             "variables (limit CAMSIM_MAX_EXPANDED_BYTES)",
                             CAMSIM_MAX_EXPANDED_BYTES);
            return -1;
        }
        pt = buf;
    }
    switch (c->compare) {
    case CAMSIM_CMP_EQUAL_IGNORE_CASE: return ascii_iequal(pt, pn, s, n);
    case CAMSIM_CMP_LIKE: return camsim_glob_match(pt, pn, s, n, false);
    default: return pn == n && memcmp(pt, s, n) == 0;
    }
}

/* Does one request value satisfy the operator, negation included? */
static int satisfies(const camsim_condition *c, const char *s, size_t n,
                     const camsim_condition_env *env, camsim_error *err)
{
    camsim_cond_value req;
    if (!parse_typed(c->family, s, n, &req, false)) {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "request value \"%.200s\" of key %.200s is not %s (operator %s)", s,
                         c->key, c->family == CAMSIM_FAMILY_IP ? "an IPv4 or IPv6 address"
                                                                : camsim_family_expects(c->family),
                         c->op_text);
        return -1;
    }
    /* After a hit, values with policy variables are still expanded, so that
     * an expansion error does not depend on the order of the values. */
    bool any = false;
    for (uint32_t i = 0; i < c->count; i++) {
        const camsim_cond_value *p = &c->values[i];
        if (any && !p->has_var)
            continue;
        int hit = 0;
        switch (c->family) {
        case CAMSIM_FAMILY_STRING:
        case CAMSIM_FAMILY_BINARY:
            hit = compare_string(c, p, s, n, env, err);
            if (hit < 0)
                return -1;
            break;
        case CAMSIM_FAMILY_NUMERIC:
            hit = ordered(c->compare, camsim_decimal_cmp(&req.v.number, &p->v.number));
            break;
        case CAMSIM_FAMILY_DATE:
            hit = ordered(c->compare, (req.v.date > p->v.date) - (req.v.date < p->v.date));
            break;
        case CAMSIM_FAMILY_BOOL: hit = req.v.boolean == p->v.boolean; break;
        case CAMSIM_FAMILY_IP: hit = camsim_ip_contains(&p->v.ip, &req.v.ip); break;
        case CAMSIM_FAMILY_NULL: break;
        }
        any |= hit != 0;
    }
    return c->negated ? !any : any;
}

int camsim_condition_eval(const camsim_condition *c, const camsim_condition_env *env,
                          camsim_error *err)
{
    value_iter it;
    iter_init(&it, c, env);
    const char *v;
    size_t n;
    if (c->family == CAMSIM_FAMILY_NULL) {
        bool present = iter_next(&it, &v, &n);
        for (uint32_t i = 0; i < c->count; i++)
            if (c->values[i].v.boolean != present)
                return 1; /* "true" asks for absence, "false" for presence */
        return 0;
    }
    size_t seen = 0, hits = 0;
    while (iter_next(&it, &v, &n)) {
        if (n > CAMSIM_MAX_REQUEST_STRING) {
            camsim_error_set(err, CAMSIM_E_LIMIT, "request value of key %.200s longer than %u "
                             "bytes (limit CAMSIM_MAX_REQUEST_STRING)", c->key,
                             CAMSIM_MAX_REQUEST_STRING);
            return -1;
        }
        int r = satisfies(c, v, n, env, err);
        if (r < 0)
            return -1;
        seen++;
        hits += (size_t)r;
    }
    if (seen == 0)
        return c->if_exist ? 1 : 0;
    if (c->qualifier == CAMSIM_QUALIFIER_ALL_VALUE)
        return hits == seen;
    return hits > 0;
}
