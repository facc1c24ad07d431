/* policy_internal.h: the compiled, immutable form of a policy document,
 * shared by the compiler (policy.c), the index (policy_index.c), the
 * evaluator (eval.c) and the canonical printer (canonical.c). Everything
 * lives in one arena; the layout is kept small because a large policy set
 * is mostly statements (docs/performance.md). */
#ifndef CAMSIM_POLICY_INTERNAL_H
#define CAMSIM_POLICY_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "camsim/camsim.h"
#include "condition.h"
#include "resource.h"

/** An action pattern, "name/" stripped and lowercased; stored once per distinct text. */
typedef struct camsim_action_pattern {
    const char *text;
    uint32_t len;
    bool any; /**< "*" or "*:*" */
} camsim_action_pattern;

/** A principal element: "*" or a list of glob patterns. */
typedef struct camsim_principal {
    bool any;
    uint32_t count;
    const char **patterns;
    uint32_t *lens;
} camsim_principal;

typedef struct camsim_statement {
    uint8_t effect;          /**< camsim_effect */
    bool resource_has_star;  /**< lists the literal "*": applies to operation-level actions */
    uint16_t action_count;   /**< <= CAMSIM_MAX_VALUES */
    uint16_t resource_count; /**< <= CAMSIM_MAX_VALUES */
    uint32_t condition_count;
    uint32_t *action_ids;    /**< into camsim_policy.actions */
    camsim_resource_pattern *resources;
    const camsim_principal *principal; /**< NULL when the statement has none */
    camsim_condition *conditions;
} camsim_statement;

struct camsim_key_bucket;

/* ---- the index (policy_index.c) ----------------------------------------
 *
 * Each statement is found by evaluation in one of two ways:
 *
 *  - keyed: through the key tables, under each of its resource patterns.
 *    Every pattern of a keyed statement has a literal service, no policy
 *    variable, and a key: its whole sixth segment when that is literal
 *    (the exact table), else its literal tail after the last `*` (the tail
 *    table) or its literal head before the first `*` (the head table). A
 *    request looks up its own sixth segment, its suffixes and its prefixes
 *    of the lengths the tail and head tables hold (at most
 *    CAMSIM_MAX_KEY_LENGTHS each), and meets each statement filed under one
 *    of those keys.
 *  - listed: every other statement, among them every statement that lists
 *    the resource "*" (no key can stand for it): the only statements an
 *    operation-level action, which has no resource to look up, can meet.
 *    Each catalog action has the bitset of the listed statements it can
 *    meet.
 *
 * Requests for an action the catalog does not know check every statement.
 */

/** Which key table: the slice of a pattern's sixth segment it is keyed on. */
typedef enum camsim_key_kind {
    CAMSIM_KEY_EXACT, /**< the whole segment (literal) */
    CAMSIM_KEY_TAIL,  /**< the literal text after the last `*` */
    CAMSIM_KEY_HEAD,  /**< the literal text before the first `*` */
    CAMSIM_KEY_KINDS
} camsim_key_kind;

enum { CAMSIM_MAX_KEY_LENGTHS = 16 };

/** The distinct key lengths of a tail or head table: a request probes one
 * key of each. */
typedef struct camsim_key_lengths {
    uint32_t count;
    uint16_t len[CAMSIM_MAX_KEY_LENGTHS];
} camsim_key_lengths;

typedef struct camsim_key_table {
    struct camsim_key_bucket *buckets; /**< NULL when no statement is filed here */
    uint32_t mask;                     /**< bucket count - 1 */
    uint32_t *items;                   /**< the buckets' statements (policy_index.h) */
    camsim_key_lengths lengths;        /**< tail and head tables only */
    /** The catalog actions of the statements filed here (mask_words words):
     * a request for another action skips the table. */
    uint64_t *actions;
} camsim_key_table;

struct camsim_policy {
    camsim_arena arena;
    const camsim_principal *principal; /**< top-level principal element, or NULL */
    bool uses_vars; /**< some resource pattern or condition value has a policy variable */
    uint32_t statement_count;
    camsim_statement *statements;
    /* Distinct action patterns, and per pattern the bitset (mask_words
     * words) of the catalog actions it matches. */
    uint32_t action_count;
    camsim_action_pattern *actions;
    uint32_t mask_words;
    uint64_t *action_masks;
    /* The index (above). The listed statements are listed[0 ..
     * listed_count), ascending; those of catalog action a are listed[j]
     * for each bit j set in its bitset, listed_by_action[a * listed_words
     * ...] (listed_words words). */
    camsim_key_table keys[CAMSIM_KEY_KINDS];
    uint32_t listed_count;
    uint32_t listed_words;
    uint32_t *listed;
    uint64_t *listed_by_action;
};

/** Is bit i of a bitset set? */
static inline bool camsim_bit(const uint64_t *set, size_t i)
{
    return (set[i / 64] >> (i % 64)) & 1;
}

#endif
