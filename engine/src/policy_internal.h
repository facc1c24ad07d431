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

struct camsim_resource_bucket;

/* The key tables that find statements by the request's service and sixth
 * segment (policy_index.c): patterns whose sixth segment is literal by that
 * segment, the others by their literal tail (after the last `*`) or head
 * (before the first). A statement is in the tables, under each of its
 * patterns, when all of them can be. Tail and head keys come in at most
 * CAMSIM_MAX_KEY_LENGTHS lengths, so a request probes a bounded number of
 * slices. */
enum { CAMSIM_KEY_EXACT, CAMSIM_KEY_TAIL, CAMSIM_KEY_HEAD, CAMSIM_KEY_KINDS };
enum { CAMSIM_MAX_KEY_LENGTHS = 16, CAMSIM_KEY_ACTION_WORDS = 2, CAMSIM_FEW_SCANNED = 8 };

typedef struct camsim_key_table {
    uint32_t mask; /**< bucket count - 1 */
    struct camsim_resource_bucket *buckets; /**< NULL when no statement uses this table */
    uint32_t *items;
    uint32_t length_count;
    uint16_t lengths[CAMSIM_MAX_KEY_LENGTHS]; /**< distinct key lengths (tail and head tables) */
    /** Union of the catalog actions of the table's statements (all ones when the
     * catalog outgrows it): a request for another action skips the table. */
    uint64_t actions[CAMSIM_KEY_ACTION_WORDS];
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
    /* The index (policy_index.c): statements found through the key tables,
     * and the others, "scanned". With up to CAMSIM_FEW_SCANNED of them
     * (scan_few), scan lists them all and scan_masks holds the catalog
     * actions of each (mask_words words apiece); otherwise the scanned
     * statements of catalog action a are scan[scan_start[a] + i] for
     * i < scan_len[a]. Both ascending. */
    camsim_key_table keys[CAMSIM_KEY_KINDS];
    uint32_t scan_few;
    uint64_t *scan_masks;
    uint32_t *scan_start;
    uint32_t *scan_len;
    uint32_t *scan;
};

#endif
