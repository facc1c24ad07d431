/* canonical.c: print a compiled policy in one canonical JSON form, so that
 * parse -> print -> parse -> print is a fixed point (the policy_parse fuzz
 * target's round-trip oracle relies on it). */
#include <stdbool.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "policy_internal.h"

/* Every cJSON call may run out of memory. A canonical form with a piece
 * missing would be a different policy, so one failure anywhere makes the
 * whole result NULL: add() adds item (NULL when its creation failed) under
 * name (NULL for an array element) and says whether it is in place. */
static bool add(cJSON *parent, const char *name, cJSON *item)
{
    if (!parent || !item) {
        cJSON_Delete(item);
        return false;
    }
    if (name ? cJSON_AddItemToObject(parent, name, item) : cJSON_AddItemToArray(parent, item))
        return true;
    cJSON_Delete(item);
    return false;
}

static cJSON *principal_json(const camsim_principal *pr)
{
    if (pr->any)
        return cJSON_CreateString("*");
    cJSON *obj = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(obj, "qcs");
    bool ok = list != NULL;
    for (uint32_t i = 0; ok && i < pr->count; i++)
        ok = add(list, NULL, cJSON_CreateString(pr->patterns[i]));
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *condition_json(const camsim_statement *st)
{
    cJSON *cond = cJSON_CreateObject();
    bool ok = cond != NULL;
    for (uint32_t i = 0; ok && i < st->condition_count; i++) {
        const camsim_condition *c = &st->conditions[i];
        cJSON *op = cJSON_GetObjectItemCaseSensitive(cond, c->op_text);
        if (!op)
            op = cJSON_AddObjectToObject(cond, c->op_text);
        cJSON *values = op ? cJSON_AddArrayToObject(op, c->key) : NULL;
        ok = values != NULL;
        for (uint32_t v = 0; ok && v < c->count; v++)
            ok = add(values, NULL, cJSON_CreateString(c->values[v].text));
    }
    if (!ok) {
        cJSON_Delete(cond);
        return NULL;
    }
    return cond;
}

static cJSON *statement_json(const camsim_policy *policy, const camsim_statement *st)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj && cJSON_AddStringToObject(obj, "effect",
                                             st->effect == CAMSIM_ALLOW ? "allow" : "deny");
    cJSON *actions = ok ? cJSON_AddArrayToObject(obj, "action") : NULL;
    ok = actions != NULL;
    for (uint32_t i = 0; ok && i < st->action_count; i++)
        ok = add(actions, NULL, cJSON_CreateString(policy->actions[st->action_ids[i]].text));
    cJSON *resources = ok ? cJSON_AddArrayToObject(obj, "resource") : NULL;
    ok = resources != NULL;
    for (uint32_t i = 0; ok && i < st->resource_count; i++)
        ok = add(resources, NULL, cJSON_CreateString(st->resources[i].text));
    if (ok && st->principal)
        ok = add(obj, "principal", principal_json(st->principal));
    if (ok && st->condition_count)
        ok = add(obj, "condition", condition_json(st));
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

char *camsim_policy_canonical(const camsim_policy *policy)
{
    if (!policy)
        return NULL;
    cJSON *root = cJSON_CreateObject();
    bool ok = root && cJSON_AddStringToObject(root, "version", "2.0");
    if (ok && policy->principal)
        ok = add(root, "principal", principal_json(policy->principal));
    cJSON *list = ok ? cJSON_AddArrayToObject(root, "statement") : NULL;
    ok = list != NULL;
    for (uint32_t i = 0; ok && i < policy->statement_count; i++)
        ok = add(list, NULL, statement_json(policy, &policy->statements[i]));
    /* cJSON allocates with malloc by default, so the caller's free() matches. */
    char *text = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return text;
}
