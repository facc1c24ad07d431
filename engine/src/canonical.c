/* canonical.c: print a compiled policy in one canonical JSON form, so that
 * parse -> print -> parse -> print is a fixed point (the policy_parse fuzz
 * target's round-trip oracle relies on it). */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "policy_internal.h"

static cJSON *principal_json(const camsim_principal *pr)
{
    if (pr->any)
        return cJSON_CreateString("*");
    cJSON *obj = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(obj, "qcs");
    for (uint32_t i = 0; list && i < pr->count; i++)
        cJSON_AddItemToArray(list, cJSON_CreateString(pr->patterns[i]));
    return obj;
}

static cJSON *condition_json(const camsim_statement *st)
{
    cJSON *cond = cJSON_CreateObject();
    for (uint32_t i = 0; cond && i < st->condition_count; i++) {
        const camsim_condition *c = &st->conditions[i];
        cJSON *op = cJSON_GetObjectItemCaseSensitive(cond, c->op_text);
        if (!op)
            op = cJSON_AddObjectToObject(cond, c->op_text);
        cJSON *values = cJSON_AddArrayToObject(op, c->key);
        for (uint32_t v = 0; values && v < c->count; v++)
            cJSON_AddItemToArray(values, cJSON_CreateString(c->values[v].text));
    }
    return cond;
}

static cJSON *statement_json(const camsim_policy *policy, const camsim_statement *st)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "effect", st->effect == CAMSIM_ALLOW ? "allow" : "deny");
    cJSON *actions = cJSON_AddArrayToObject(obj, "action");
    for (uint32_t i = 0; actions && i < st->action_count; i++)
        cJSON_AddItemToArray(actions, cJSON_CreateString(policy->actions[st->action_ids[i]].text));
    cJSON *resources = cJSON_AddArrayToObject(obj, "resource");
    for (uint32_t i = 0; resources && i < st->resource_count; i++)
        cJSON_AddItemToArray(resources, cJSON_CreateString(st->resources[i].text));
    if (st->principal)
        cJSON_AddItemToObject(obj, "principal", principal_json(st->principal));
    if (st->condition_count)
        cJSON_AddItemToObject(obj, "condition", condition_json(st));
    return obj;
}

char *camsim_policy_canonical(const camsim_policy *policy)
{
    if (!policy)
        return NULL;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "version", "2.0");
    if (policy->principal)
        cJSON_AddItemToObject(root, "principal", principal_json(policy->principal));
    cJSON *list = cJSON_AddArrayToObject(root, "statement");
    for (uint32_t i = 0; list && i < policy->statement_count; i++)
        cJSON_AddItemToArray(list, statement_json(policy, &policy->statements[i]));
    /* cJSON allocates with malloc by default, so the caller's free() matches. */
    char *text = root ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return text;
}
