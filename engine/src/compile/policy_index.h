/* policy_index.h: the lookup structures built once per compiled policy so
 * that evaluation touches only the statements that can apply: per catalog
 * action, and per literal (service, resource) pair of the request (the
 * index is described in policy_internal.h). */
#ifndef CAMSIM_POLICY_INDEX_H
#define CAMSIM_POLICY_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy_internal.h"

/** The statements filed under one key of a camsim_key_table:
 * items[start .. start + count), ascending. The key is that of `owner`, the
 * first pattern filed here (its service, and its slice of the table's
 * kind); a lookup compares it with the key it looks for: the hash only
 * picks where to start probing, it never decides a match. */
typedef struct camsim_key_bucket {
    const camsim_resource_pattern *owner; /**< NULL: empty slot */
    uint32_t start, count;
} camsim_key_bucket;

/** Build the index of a policy whose statements are compiled; temporary
 * tables go into scratch (the caller frees it). False only when out of memory. */
bool camsim_policy_build_index(camsim_policy *policy, camsim_arena *scratch, camsim_error *err);

/**
 * The statements of key table `kind` filed under (service, key): *items /
 * *count, ascending (count 0 when none).
 */
void camsim_key_table_lookup(const camsim_policy *policy, camsim_key_kind kind,
                             const char *service, size_t service_len, const char *key,
                             size_t key_len, const uint32_t **items, uint32_t *count);

/** Does statement s have an action pattern matching catalog action a? */
static inline bool camsim_statement_has_action(const camsim_policy *p, uint32_t s, size_t a)
{
    const camsim_statement *st = &p->statements[s];
    for (uint32_t i = 0; i < st->action_count; i++)
        if (camsim_bit(&p->action_masks[(size_t)st->action_ids[i] * p->mask_words], a))
            return true;
    return false;
}

#endif
