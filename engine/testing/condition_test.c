/* condition_test.c: one condition operator in isolation, through the same
 * compiler and evaluator the engine uses. */
#include "condition_test.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "condition.h"
#include "camsim_tools.h"

int camsim_condition_test(const char *op, const char *key, const char *const *policy_values,
                          size_t policy_count, const char *const *request_values,
                          size_t request_count, camsim_error *err)
{
    if (!op || !key || (policy_count && !policy_values) || (request_count && !request_values)) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT, "NULL argument");
        return -1;
    }
    cJSON *cond = cJSON_CreateObject();
    cJSON *ops = cJSON_AddObjectToObject(cond, op);
    cJSON *values = cJSON_AddArrayToObject(ops, key);
    for (size_t i = 0; values && i < policy_count; i++)
        cJSON_AddItemToArray(values, cJSON_CreateString(policy_values[i]));
    camsim_arena arena;
    camsim_arena_init(&arena, 0);
    camsim_path path;
    camsim_path_init(&path);
    camsim_path_push_key(&path, "condition");
    camsim_condition *conds = NULL;
    uint32_t count = 0;
    int result = -1;
    if (!values) {
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory");
    } else if (camsim_conditions_compile(cond, &arena, &path, &conds, &count, err)) {
        camsim_context_entry entry = {key, request_values, request_count};
        camsim_resource_vars vars = {NULL, NULL, NULL};
        camsim_condition_env env = {&entry, 1, NULL, &vars};
        result = camsim_condition_eval(&conds[0], &env, err);
    }
    camsim_arena_free(&arena);
    cJSON_Delete(cond);
    return result;
}
