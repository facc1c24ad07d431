/* policy_index.h: the lookup structures built once per compiled policy so
 * that evaluation touches only the statements that can apply: per catalog
 * action, and per literal (service, resource) pair of the request. */
#ifndef CAMSIM_POLICY_INDEX_H
#define CAMSIM_POLICY_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy_internal.h"

/** Statements indexed under one key of a camsim_key_table. A lookup
 * compares its key with the key of `owner`, the first pattern filed here:
 * the hash only picks where to start looking, it never decides a match. */
typedef struct camsim_resource_bucket {
    const camsim_resource_pattern *owner; /**< NULL: empty slot */
    uint32_t start, count; /**< into bucket_items (ascending statement indices) */
} camsim_resource_bucket;

/** Build the index of a policy whose statements are compiled; temporary
 * tables go into scratch (the caller frees it). False only when out of memory. */
bool camsim_policy_build_index(camsim_policy *policy, camsim_arena *scratch, camsim_error *err);

/**
 * The statements of key table `kind` (CAMSIM_KEY_*) indexed under (service,
 * key): *items / *count, in ascending order (count 0 when none).
 */
void camsim_key_table_lookup(const camsim_policy *policy, int kind, const char *service,
                             size_t service_len, const char *key, size_t key_len,
                             const uint32_t **items, uint32_t *count);

/** Does statement s have an action pattern matching catalog action a? */
static inline bool camsim_statement_has_action(const camsim_policy *p, uint32_t s, int a)
{
    const camsim_statement *st = &p->statements[s];
    for (uint32_t i = 0; i < st->action_count; i++) {
        const uint64_t *mask = &p->action_masks[(size_t)st->action_ids[i] * p->mask_words];
        if ((mask[(unsigned)a / 64] >> ((unsigned)a % 64)) & 1)
            return true;
    }
    return false;
}

#endif
