/* condition.h: compiled condition blocks (docs/semantics.md, section 4). */
#ifndef CAMSIM_CONDITION_H
#define CAMSIM_CONDITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "camsim/camsim.h"
#include "camsim_tools.h" /* operator families, qualifiers, paths */
#include "resource.h"
#include "value.h"

/** How one request value is compared with one policy value. */
typedef enum camsim_compare {
    CAMSIM_CMP_EQUAL,
    CAMSIM_CMP_EQUAL_IGNORE_CASE,
    CAMSIM_CMP_LIKE,
    CAMSIM_CMP_LESS,
    CAMSIM_CMP_LESS_EQUAL,
    CAMSIM_CMP_GREATER,
    CAMSIM_CMP_GREATER_EQUAL
} camsim_compare;

/** One policy value, parsed for its operator's family; text kept for output. */
typedef struct camsim_cond_value {
    const char *text;
    uint32_t len;
    bool has_var; /**< string family only: contains a policy variable */
    union {
        camsim_decimal number; /**< points into text (in the arena) */
        int64_t date;
        bool boolean;
        camsim_ip ip;
    } v;
} camsim_cond_value;

/** One (operator, key) pair of a condition block. */
typedef struct camsim_condition {
    const char *op_text;  /**< operator as written, e.g. "for_all_value:string_equal_if_exist" */
    const char *key;
    uint32_t key_len;
    camsim_op_family family;
    camsim_compare compare;
    camsim_qualifier qualifier;
    bool negated;
    bool if_exist;
    uint8_t tag_base;     /**< 1: key is "qcs:resource_tag/<k>", 2: "qcs:request_tag/<k>", 0: neither */
    uint32_t tag_offset;  /**< where <k> starts in key */
    uint32_t count;
    camsim_cond_value *values;
} camsim_condition;

/** What conditions read from a request. */
typedef struct camsim_condition_env {
    const camsim_context_entry *context;
    size_t context_count;
    const uint32_t *key_lens; /**< strlen of each context key, or NULL when not measured */
    const camsim_resource_vars *vars;
} camsim_condition_env;

/**
 * Compile a "condition" object into *out (count in *count), allocating in
 * arena. path points at the condition element and is extended for errors.
 * Returns false with err filled (path included) on any invalid operator,
 * key or value.
 */
bool camsim_conditions_compile(const cJSON *condition, camsim_arena *arena, camsim_path *path,
                               camsim_condition **out, uint32_t *count, camsim_error *err);

/**
 * Evaluate one compiled condition. Every request value is parsed (not only
 * until the first hit), so a malformed value is an error whatever the
 * order of values. Returns 1 true, 0 false, -1 error (err filled).
 */
int camsim_condition_eval(const camsim_condition *cond, const camsim_condition_env *env,
                          camsim_error *err);

/** Find a context entry with values by exact key, or NULL. */
const camsim_context_entry *camsim_context_find(const camsim_condition_env *env, const char *key,
                                                size_t key_len);

#endif
