/* anchor.h: what the analyzer knows about one statement, and the search
 * for a witness among the requests one "anchor" statement applies to
 * (docs/diff.md, "Method"). */
#ifndef CAMSIM_DIFF_ANCHOR_H
#define CAMSIM_DIFF_ANCHOR_H

#include <stdbool.h>
#include <stdint.h>

#include "diff.h"
#include "policy_internal.h"

/** A statement in its place: which side, layer, document and index. */
typedef struct diff_sref {
    const camsim_policy *pol;
    const camsim_statement *st;
    uint8_t side;    /**< 0 old (from), 1 new (to) */
    uint8_t layer;   /**< 0 policies, 1 boundary */
    uint32_t policy; /**< document index; the side's count for its boundary */
    uint32_t index;  /**< statement index in the document */
    uint32_t id;     /**< identity class: equal ids, equal statements */
} diff_sref;

/** Everything one action's search reads. */
typedef struct diff_context {
    const camsim_diff_set *sets[2]; /**< [0] old, [1] new */
    const camsim_diff_limits *limits;
    size_t action;                  /**< catalog index */
    const char *action_name;        /**< "service:Name" */
    bool operation_level;
    const diff_sref *rel;           /**< statements relevant to the action */
    size_t nrel;
    bool failed;                    /**< a search ended with DIFF_NOMEM: no answer at all */
} diff_context;

/** Outcome of one anchor's search. */
typedef enum diff_outcome { DIFF_NONE, DIFF_FOUND, DIFF_INCOMPLETE, DIFF_NOMEM } diff_outcome;

/**
 * Search every request anchor applies to for one the new set allows and
 * the old set does not. DIFF_FOUND fills *w (confirmed by the engine);
 * DIFF_INCOMPLETE fills *where (the search could not cover every region);
 * DIFF_NONE proves there is none.
 */
diff_outcome diff_search_anchor(const diff_context *cx, const diff_sref *anchor,
                                camsim_diff_witness *w, camsim_diff_where *where,
                                size_t *candidates);

/** Fill where with the statement's location and a JSON path suffix. */
void diff_where_set(camsim_diff_where *where, const diff_sref *s, const char *suffix,
                    const char *reason);

void diff_witness_free(camsim_diff_witness *w);

/** Copy a witness for another action (same request otherwise); false on no memory. */
bool diff_witness_clone(const camsim_diff_witness *from, const char *action,
                        camsim_diff_witness *to);

#endif
