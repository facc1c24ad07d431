/* policy_internal.h: the compiled, immutable form of a policy document,
 * shared by the compiler (policy.c), the evaluator (eval.c) and the
 * canonical printer (canonical.c). Everything lives in one arena. */
#ifndef CAMSIM_POLICY_INTERNAL_H
#define CAMSIM_POLICY_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "camsim/camsim.h"
#include "condition.h"
#include "resource.h"

/** An action pattern, "name/" stripped and lowercased. */
typedef struct camsim_action_pattern {
    const char *text;
    uint32_t len;
    bool any; /**< "*" or "*:*" */
} camsim_action_pattern;

/** A principal element: absent, "*", or a list of glob patterns. */
typedef struct camsim_principal {
    bool present;
    bool any;
    uint32_t count;
    const char **patterns;
    uint32_t *lens;
} camsim_principal;

typedef struct camsim_statement {
    camsim_effect effect;
    bool resource_has_star; /**< lists the literal "*": applies to operation-level actions */
    uint32_t action_count;
    camsim_action_pattern *actions;
    uint32_t resource_count;
    camsim_resource_pattern *resources;
    const char **resource_texts;
    camsim_principal principal;
    uint32_t condition_count;
    camsim_condition *conditions;
} camsim_statement;

struct camsim_policy {
    camsim_arena arena;
    camsim_principal principal; /**< top-level principal element */
    bool statement_was_object;  /**< "statement" was a single object, not an array */
    uint32_t statement_count;
    camsim_statement *statements;
    /* The index (policy_index.c). Statements whose resource patterns all
     * have a literal service and sixth segment are found through
     * resource_buckets; the others are "scanned": for catalog action a
     * they are scan[scan_start[a] .. scan_start[a+1]). action_masks holds,
     * per statement, the bitset of catalog actions its patterns match. */
    uint32_t mask_words;
    uint64_t *action_masks;
    uint32_t *scan_start;
    uint32_t *scan;
    uint32_t bucket_mask;  /* bucket count - 1; buckets is NULL when no statement is indexed */
    struct camsim_resource_bucket *buckets;
    uint32_t *bucket_items;
};

#endif
