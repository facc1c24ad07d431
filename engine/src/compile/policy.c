/* policy.c: from document bytes to a compiled camsim_policy
 * (docs/semantics.md, section 1). Every rejection names a JSON path. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "action.h"
#include "catalog_table.h"
#include "camsim_tools.h"
#include "hash.h"
#include "json_guard.h"
#include "json_number_text.h"
#include "policy_index.h"
#include "policy_internal.h"

/* Distinct action patterns seen so far (in the scratch arena): statements
 * keep 4-byte ids, and each distinct pattern is resolved against the
 * catalog once. */
typedef struct interner {
    camsim_action_pattern *items;
    size_t count, cap;
    uint32_t *slots; /* id + 1, 0 when empty */
    size_t slot_cap;
} interner;

typedef struct compiler {
    camsim_policy *policy;
    camsim_path path;
    camsim_error *err;
    interner actions;
    camsim_arena scratch; /* compile-time tables, released when compiling ends */
} compiler;

static bool check_object(compiler *c, const cJSON *obj)
{
    return camsim_json_check_object(obj, &c->path, c->err);
}

/* Report member m, which is not in `allowed`, pointing out capitalised names. */
static bool unknown_member(compiler *c, const cJSON *m, const char *const *allowed, size_t n,
                           const char *where)
{
    const char *lower = NULL;
    for (size_t i = 0; i < n && !lower; i++)
        if (strcasecmp(m->string, allowed[i]) == 0)
            lower = allowed[i];
    size_t mark = camsim_path_push_key(&c->path, m->string);
    if (lower) {
        camsim_error_set(c->err, CAMSIM_E_GRAMMAR,
                         "element names are lowercase: write \"%s\", not \"%.100s\"", lower,
                         m->string);
    } else {
        char list[160] = "";
        for (size_t i = 0; i < n; i++) {
            strcat(list, i ? ", " : "");
            strcat(list, allowed[i]);
        }
        camsim_error_set(c->err, CAMSIM_E_GRAMMAR, "unknown element \"%.100s\" in %s; allowed: %s",
                         m->string, where, list);
    }
    camsim_error_at(c->err, &c->path);
    camsim_path_pop(&c->path, mark);
    return false;
}

/* strcmp for the short element names, without a call. */
static bool same_name(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* One pass over an object's members: slots[i] receives the member named
 * allowed[i] (or NULL). A duplicate key anywhere in the object is reported
 * before an unknown name, whatever their order. */
static bool take_members(compiler *c, const cJSON *obj, const char *const *allowed, size_t n,
                         const char *where, const cJSON **slots)
{
    for (size_t i = 0; i < n; i++)
        slots[i] = NULL;
    for (const cJSON *m = obj->child; m; m = m->next) {
        size_t i = 0;
        while (i < n && !same_name(m->string, allowed[i]))
            i++;
        if (i < n && !slots[i]) {
            slots[i] = m;
            continue;
        }
        if (!check_object(c, obj))
            return false; /* the duplicate (or over-size) report */
        return unknown_member(c, m, allowed, n, where);
    }
    return true;
}

/* A string or non-empty array of non-empty strings: call each(c, item, index). */
typedef bool (*string_fn)(compiler *c, const char *s, size_t len, size_t index, void *ctx);

static bool string_list(compiler *c, const cJSON *item, const char *what, string_fn each,
                        void *ctx, size_t *count)
{
    if (cJSON_IsString(item)) {
        *count = 1;
    } else if (cJSON_IsArray(item)) {
        int n = cJSON_GetArraySize(item);
        if (n == 0)
            return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                               "%s is an empty array; give at least one value", what);
        if ((unsigned)n > CAMSIM_MAX_VALUES)
            return camsim_fail(c->err, &c->path, CAMSIM_E_LIMIT, "%s has more than %u entries "
                               "(limit CAMSIM_MAX_VALUES)", what, CAMSIM_MAX_VALUES);
        *count = (size_t)n;
    } else {
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "%s must be a string or an array of strings; got a JSON %s", what,
                           camsim_json_type_name(item));
    }
    const cJSON *first = cJSON_IsArray(item) ? item->child : item;
    size_t i = 0;
    for (const cJSON *e = first; e && i < *count; e = e->next, i++) {
        size_t mark = cJSON_IsArray(item) ? camsim_path_push_index(&c->path, i) : c->path.len;
        if (!cJSON_IsString(e)) {
            return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                               "each %s entry must be a string; got a JSON %s", what,
                               camsim_json_type_name(e));
        }
        size_t len = strlen(e->valuestring);
        if (len == 0)
            return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR, "empty string in %s", what);
        if (len > CAMSIM_MAX_PATTERN_BYTES)
            return camsim_fail(c->err, &c->path, CAMSIM_E_LIMIT, "%s entry longer than %u bytes "
                               "(limit CAMSIM_MAX_PATTERN_BYTES)", what, CAMSIM_MAX_PATTERN_BYTES);
        if (!each(c, e->valuestring, len, i, ctx))
            return false;
        camsim_path_pop(&c->path, mark);
    }
    return true;
}

/* ---- action ---------------------------------------------------------- */

/* Outgrown tables stay in the scratch arena until compiling ends: at most
 * as much again as the last ones. */
static bool interner_grow(interner *in, camsim_arena *scratch)
{
    size_t cap = in->slot_cap ? in->slot_cap * 2 : 16;
    uint32_t *slots = camsim_arena_alloc(scratch, cap * sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < in->count; i++) {
        size_t k = (size_t)camsim_hash_mix(0, in->items[i].text, in->items[i].len) & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = (uint32_t)i + 1;
    }
    in->slots = slots;
    in->slot_cap = cap;
    return true;
}

/* The id of a lowercase pattern, adding it (copied into the arena) when new. */
static bool intern_action(compiler *c, const char *low, size_t n, uint32_t *id)
{
    interner *in = &c->actions;
    if ((in->count + 1) * 2 > in->slot_cap && !interner_grow(in, &c->scratch))
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    size_t k = (size_t)camsim_hash_mix(0, low, n) & (in->slot_cap - 1);
    for (; in->slots[k]; k = (k + 1) & (in->slot_cap - 1)) {
        const camsim_action_pattern *a = &in->items[in->slots[k] - 1];
        if (a->len == n && memcmp(a->text, low, n) == 0) {
            *id = in->slots[k] - 1;
            return true;
        }
    }
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 8;
        camsim_action_pattern *items = camsim_arena_alloc(&c->scratch, cap * sizeof *items);
        if (!items)
            return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
        if (in->count)
            memcpy(items, in->items, in->count * sizeof *items);
        in->items = items;
        in->cap = cap;
    }
    char *text = camsim_arena_strndup(&c->policy->arena, low, n);
    if (!text)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    in->items[in->count] = (camsim_action_pattern){
        .text = text,
        .len = (uint32_t)n,
        .any = (n == 1 && low[0] == '*') || (n == 3 && memcmp(low, "*:*", 3) == 0),
    };
    *id = (uint32_t)in->count;
    in->slots[k] = (uint32_t)++in->count;
    return true;
}

static bool add_action(compiler *c, const char *s, size_t len, size_t i, void *ctx)
{
    camsim_statement *st = ctx;
    const char *rest;
    size_t n = 0;
    camsim_action_strip_prefix(s, len, &rest, &n);
    char low[CAMSIM_MAX_PATTERN_BYTES];
    camsim_action_shape shape;
    camsim_action_lower(rest, n, low, &shape);
    /* The shape settles validity; the validator words the error. */
    bool valid = (n == 1 && rest[0] == '*') ||
                 (shape.colons == 1 && shape.first_colon > 0 && shape.first_colon + 1 < n);
    if (!valid && !camsim_action_pattern_valid(s, len, c->err)) {
        camsim_error_at(c->err, &c->path);
        return false;
    }
    return intern_action(c, low, n, &st->action_ids[i]);
}

/* The interned patterns move into the policy's arena once compiling is done. */
static bool finish_actions(compiler *c)
{
    camsim_policy *p = c->policy;
    p->action_count = (uint32_t)c->actions.count;
    p->actions = camsim_arena_alloc(&p->arena, sizeof *p->actions * (c->actions.count + 1));
    if (!p->actions)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    if (c->actions.count)
        memcpy(p->actions, c->actions.items, sizeof *p->actions * c->actions.count);
    return true;
}

/* ---- resource -------------------------------------------------------- */

static bool add_resource(compiler *c, const char *s, size_t len, size_t i, void *ctx)
{
    camsim_statement *st = ctx;
    char *copy = camsim_arena_strndup(&c->policy->arena, s, len);
    if (!copy)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    if (!camsim_resource_compile(copy, len, &st->resources[i], c->err)) {
        camsim_error_at(c->err, &c->path);
        return false;
    }
    if (st->resources[i].any)
        st->resource_has_star = true;
    c->policy->uses_vars |= st->resources[i].resource.has_var;
    return true;
}

/* ---- principal ------------------------------------------------------- */

static bool add_principal(compiler *c, const char *s, size_t len, size_t i, void *ctx)
{
    camsim_principal *p = ctx;
    p->patterns[i] = camsim_arena_strndup(&c->policy->arena, s, len);
    if (!p->patterns[i])
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    p->lens[i] = (uint32_t)len;
    return true;
}

static bool compile_principal(compiler *c, const cJSON *item, const camsim_principal **result)
{
    size_t mark = camsim_path_push_key(&c->path, "principal");
    camsim_principal *out = camsim_arena_alloc(&c->policy->arena, sizeof *out);
    if (!out)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    *result = out;
    if (cJSON_IsString(item) && strcmp(item->valuestring, "*") == 0) {
        out->any = true;
        camsim_path_pop(&c->path, mark);
        return true;
    }
    if (!cJSON_IsObject(item))
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "principal must be \"*\" or {\"qcs\": [...]}");
    static const char *const allowed[] = {"qcs"};
    const cJSON *qcs;
    if (!take_members(c, item, allowed, 1, "principal", &qcs))
        return false;
    if (!qcs)
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR, "principal needs a \"qcs\" list");
    camsim_path_push_key(&c->path, "qcs");
    size_t n = cJSON_IsArray(qcs) ? (size_t)cJSON_GetArraySize(qcs) : 1;
    out->patterns = camsim_arena_alloc(&c->policy->arena, sizeof(char *) * (n ? n : 1));
    out->lens = camsim_arena_alloc(&c->policy->arena, sizeof(uint32_t) * (n ? n : 1));
    if (!out->patterns || !out->lens)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    size_t count = 0;
    if (!string_list(c, qcs, "principal qcs", add_principal, out, &count))
        return false;
    out->count = (uint32_t)count;
    camsim_path_pop(&c->path, mark);
    return true;
}

/* ---- statement ------------------------------------------------------- */

static const char *const STATEMENT_ELEMENTS[] = {"effect", "action", "resource", "condition",
                                                 "principal"};

static size_t list_size(const cJSON *item)
{
    return cJSON_IsArray(item) ? (size_t)cJSON_GetArraySize(item) : 1;
}

static bool compile_statement(compiler *c, const cJSON *obj, camsim_statement *st)
{
    if (!cJSON_IsObject(obj))
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "a statement must be an object; got a JSON %s",
                           camsim_json_type_name(obj));
    const cJSON *m[5];
    if (!take_members(c, obj, STATEMENT_ELEMENTS, 5, "a statement", m))
        return false;
    const cJSON *effect = m[0], *action = m[1], *resource = m[2], *condition = m[3],
                *principal = m[4];
    const char *missing = !effect ? "effect" : !action ? "action" : !resource ? "resource" : NULL;
    if (missing)
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "statement is missing the required element \"%s\"", missing);

    size_t mark = camsim_path_push_key(&c->path, "effect");
    if (!cJSON_IsString(effect) ||
        (strcmp(effect->valuestring, "allow") != 0 && strcmp(effect->valuestring, "deny") != 0))
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "effect must be \"allow\" or \"deny\" (lowercase)");
    st->effect = (uint8_t)(effect->valuestring[0] == 'a' ? CAMSIM_ALLOW : CAMSIM_DENY);
    camsim_path_pop(&c->path, mark);

    camsim_arena *arena = &c->policy->arena;
    size_t n = 0;
    camsim_path_push_key(&c->path, "action");
    st->action_ids = camsim_arena_alloc(arena, sizeof *st->action_ids * list_size(action));
    if (!st->action_ids)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    if (!string_list(c, action, "action", add_action, st, &n))
        return false;
    st->action_count = (uint16_t)n;
    camsim_path_pop(&c->path, mark);

    camsim_path_push_key(&c->path, "resource");
    st->resources = camsim_arena_alloc(arena, sizeof *st->resources * list_size(resource));
    if (!st->resources)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    if (!string_list(c, resource, "resource", add_resource, st, &n))
        return false;
    st->resource_count = (uint16_t)n;
    camsim_path_pop(&c->path, mark);

    if (principal && !compile_principal(c, principal, &st->principal))
        return false;
    if (condition) {
        camsim_path_push_key(&c->path, "condition");
        if (!camsim_conditions_compile(condition, arena, &c->path, &st->conditions,
                                       &st->condition_count, c->err))
            return false;
        for (uint32_t k = 0; k < st->condition_count; k++)
            for (uint32_t v = 0; v < st->conditions[k].count; v++)
                c->policy->uses_vars |= st->conditions[k].values[v].has_var;
        camsim_path_pop(&c->path, mark);
    }
    return true;
}

/* ---- document -------------------------------------------------------- */

static const char *const ROOT_ELEMENTS[] = {"version", "statement", "principal"};

static bool compile_document(compiler *c, const cJSON *root)
{
    camsim_policy *p = c->policy;
    if (!cJSON_IsObject(root))
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "a policy must be a JSON object; got a JSON %s",
                           camsim_json_type_name(root));
    const cJSON *m[3];
    if (!take_members(c, root, ROOT_ELEMENTS, 3, "the policy", m))
        return false;
    const cJSON *version = m[0], *statement = m[1], *principal = m[2];
    if (!version)
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "the policy is missing \"version\" (use \"2.0\")");
    size_t mark = camsim_path_push_key(&c->path, "version");
    if (!cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0)
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "version must be the string \"2.0\"");
    camsim_path_pop(&c->path, mark);
    if (principal && !compile_principal(c, principal, &p->principal))
        return false;
    if (!statement)
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "the policy is missing \"statement\"");
    camsim_path_push_key(&c->path, "statement");
    size_t n = 1;
    if (cJSON_IsArray(statement)) {
        n = (size_t)cJSON_GetArraySize(statement);
        if (n == 0)
            return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                               "statement is an empty array; give at least one " "statement");
        if (n > CAMSIM_MAX_STATEMENTS)
            return camsim_fail(c->err, &c->path, CAMSIM_E_LIMIT, "more than %u statements (limit "
                               "CAMSIM_MAX_STATEMENTS)", CAMSIM_MAX_STATEMENTS);
    } else if (!cJSON_IsObject(statement)) {
        return camsim_fail(c->err, &c->path, CAMSIM_E_GRAMMAR,
                           "statement must be an object or an array of objects; " "got a JSON %s",
                           camsim_json_type_name(statement));
    }
    p->statements = camsim_arena_alloc(&p->arena, sizeof *p->statements * n);
    if (!p->statements)
        return camsim_fail(c->err, NULL, CAMSIM_E_NOMEM, "out of memory");
    p->statement_count = (uint32_t)n;
    const cJSON *first = cJSON_IsArray(statement) ? statement->child : statement;
    size_t i = 0;
    for (const cJSON *s = first; s && i < n; s = s->next, i++) {
        size_t smark = cJSON_IsArray(statement) ? camsim_path_push_index(&c->path, i) : c->path.len;
        if (!compile_statement(c, s, &p->statements[i]))
            return false;
        camsim_path_pop(&c->path, smark);
    }
    camsim_path_pop(&c->path, mark);
    return finish_actions(c) && camsim_policy_build_index(p, &c->scratch, c->err);
}

/* The policy lives in its own arena, so it is one block for a small document. */
static camsim_policy *new_policy(size_t len)
{
    camsim_arena arena;
    /* The compiled form is typically smaller than the text: reserving the
     * text's size up front makes most policies a single block. */
    camsim_arena_init(&arena, len + sizeof(camsim_policy));
    camsim_policy *p = camsim_arena_alloc(&arena, sizeof *p);
    if (!p) {
        camsim_arena_free(&arena);
        return NULL;
    }
    p->arena = arena;
    return p;
}

camsim_policy *camsim_policy_parse(const char *json, size_t len, camsim_error *err)
{
    if (!json) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT, "no document (NULL)");
        return NULL;
    }
    if (len > CAMSIM_MAX_DOCUMENT_BYTES) {
        camsim_error_set(err, CAMSIM_E_LIMIT,
                         "document of %zu bytes exceeds %u (limit CAMSIM_MAX_DOCUMENT_BYTES)", len,
                         CAMSIM_MAX_DOCUMENT_BYTES);
        return NULL;
    }
    /* The guard checks the complete RFC 8259 grammar and every count limit
     * (nesting, members, values, statements, the value budget) before cJSON
     * builds a tree, so cJSON's tree stays a small multiple of len. */
    if (!camsim_json_guard(json, len, CAMSIM_MAX_NESTING, err))
        return NULL;
    cJSON *root = camsim_json_tree(json, len, err);
    if (!root)
        return NULL;
    camsim_policy *p = new_policy(len);
    if (!p) {
        cJSON_Delete(root);
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
        return NULL;
    }
    compiler c = {.policy = p, .err = err};
    /* A small policy's compile-time tables fit on the stack. */
    union {
        unsigned char bytes[4096];
        uint64_t align;
    } scratch;
    camsim_arena_init_with(&c.scratch, &scratch, sizeof scratch);
    camsim_path_init(&c.path);
    bool ok = compile_document(&c, root);
    camsim_arena_free(&c.scratch);
    cJSON_Delete(root);
    if (!ok) {
        camsim_policy_free(p);
        return NULL;
    }
    return p;
}

void camsim_policy_free(camsim_policy *policy)
{
    if (!policy)
        return;
    camsim_arena arena = policy->arena; /* policy itself is inside it */
    camsim_arena_free(&arena);
}

size_t camsim_policy_statement_count(const camsim_policy *policy)
{
    return policy ? policy->statement_count : 0;
}

size_t camsim_policy_memory(const camsim_policy *policy)
{
    return policy ? policy->arena.total : 0;
}
