/* diff.h: policy change review (docs/diff.md). Does one policy set allow a
 * request another set does not? Answered per catalog action, exactly for
 * the fragment docs/diff.md describes, with a request the engine confirms
 * for every "new access" answer and the JSON path of the construct for
 * every "unknown". */
#ifndef CAMSIM_DIFF_H
#define CAMSIM_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "camsim/camsim.h"

/** One side of the comparison: policies and an optional boundary (borrowed). */
typedef struct camsim_diff_set {
    const camsim_policy *const *policies;
    size_t count;
    const camsim_policy *boundary;
} camsim_diff_set;

typedef enum camsim_diff_verdict {
    CAMSIM_DIFF_NO_NEW_ACCESS = 0,
    CAMSIM_DIFF_NEW_ACCESS = 1,
    CAMSIM_DIFF_UNKNOWN = 2
} camsim_diff_verdict;

/** One context key of a witness, with its values (owned by the result). */
typedef struct camsim_diff_key {
    char *key;
    char **values;
    size_t count;
} camsim_diff_key;

/** A request the new set allows and the old set does not. */
typedef struct camsim_diff_witness {
    char *action;     /**< "service:Name" as the catalog spells it */
    char *resource;   /**< NULL for operation-level actions */
    char *owner_uin;  /**< NULL when absent */
    char *principal;  /**< NULL when absent */
    camsim_diff_key *context;
    size_t context_count;
    camsim_request request; /**< the same, as an engine request */
    camsim_context_entry *entries;
    camsim_reason old_reason; /**< how the old set refused it */
    bool old_error;           /**< the old set rejected the request as invalid */
} camsim_diff_witness;

/** Where an undecided construct is. */
typedef struct camsim_diff_where {
    int side;            /**< 0 old, 1 new */
    size_t policy;       /**< index in that side's policies; == count for the boundary */
    size_t statement;
    char path[256];      /**< JSON pointer inside that document */
    char reason[256];
} camsim_diff_where;

typedef struct camsim_diff_action {
    size_t catalog_index;
    camsim_diff_verdict verdict;
    camsim_diff_witness witness; /**< when NEW_ACCESS */
    camsim_diff_where where;     /**< when UNKNOWN */
    size_t candidates;           /**< requests the search evaluated */
} camsim_diff_action;

typedef struct camsim_diff_result {
    camsim_diff_verdict verdict; /**< NEW_ACCESS if any action has it, else UNKNOWN if any, else none */
    size_t count;                /**< catalog actions (81) */
    camsim_diff_action *actions;
} camsim_diff_result;

/** Bounds of the search; exceeding one makes the action "unknown". */
typedef struct camsim_diff_limits {
    size_t max_states;     /**< automaton states per string dimension */
    size_t max_regions;    /**< regions per string dimension */
    size_t max_candidates; /**< requests evaluated per anchor statement */
} camsim_diff_limits;

/** The bounds camsim diff uses. */
camsim_diff_limits camsim_diff_default_limits(void);

/**
 * Compare: what does to (the new set) allow that from (the old set) does
 * not? Returns a result (free with camsim_diff_result_free), or NULL when
 * memory ran out (err filled).
 */
camsim_diff_result *camsim_diff(const camsim_diff_set *from, const camsim_diff_set *to,
                                const camsim_diff_limits *limits, camsim_error *err);

void camsim_diff_result_free(camsim_diff_result *r);

#endif
