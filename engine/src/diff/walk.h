/* walk.h: the depth-first walk over the representatives of each dimension
 * (docs/diff.md, "Search"). Each dimension (the resource, the principal,
 * one context key) offers options; for each kept statement an option makes
 * the statement's atoms on that dimension true, false, or unreadable (the
 * engine would reject the value). The walk fixes one dimension at a time
 * and stops descending as soon as the outcome is settled: a new deny
 * already applies, no allow of a new layer can still apply, or every old
 * layer surely allows. Among the options of a dimension only one per
 * distinct effect on the statements still in play is tried. Each complete
 * choice is handed to leaf(), which asks the engine itself. */
#ifndef CAMSIM_DIFF_WALK_H
#define CAMSIM_DIFF_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anchor.h"

enum { DIFF_ATOM_FALSE = 0, DIFF_ATOM_TRUE = 1, DIFF_ATOM_UNREADABLE = 2 };

typedef struct diff_dim {
    size_t nopts;
    uint8_t *truth; /**< nopts x nkept: the option's effect on each kept statement */
    bool *reads;    /**< per kept statement: has atoms on this dimension */
} diff_dim;

typedef struct diff_walk {
    const diff_sref *const *kept;
    size_t nkept;
    bool layers[2][2]; /**< [side][layer]: the layer exists */
    diff_dim *dims;
    size_t ndims;
    size_t max_nodes;
    /** 1: a witness (stop); 0: go on; -1: out of memory. */
    int (*leaf)(void *ctx, const size_t *choice);
    void *ctx;
} diff_walk;

/** 1 witness found, 0 none exists, 2 node bound reached, -1 out of memory. */
int diff_walk_run(const diff_walk *w, size_t *nodes);

#endif
