/* search_internal.h: what the files of one anchor's witness search share
 * (search.c and the files it draws on: where.c, fragment.c,
 * classes_resource.c, classes_principal.c, classes_keys.c, witness.c).
 * Every stage fills in the one search state, so it is declared here once,
 * with the functions that cross files. Private to those files. */
#ifndef CAMSIM_DIFF_SEARCH_INTERNAL_H
#define CAMSIM_DIFF_SEARCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "anchor.h"
#include "lang.h"
#include "values.h"

/* ---- the search state --------------------------------------------------------- */

typedef struct res_option {
    char *resource;
    char *owner;
} res_option;

typedef struct key_option {
    char **values;
    size_t count; /* 0: the key is absent */
} key_option;

typedef struct key_dim {
    const char *key;
    uint32_t key_len;
    const camsim_condition **conds; /* every kept condition on the key */
    const diff_sref **owners;       /* the statement of each */
    size_t nconds;
    diff_strlist reps;
    key_option *opts;
    size_t nopts, cap_opts;
} key_dim;

typedef struct search {
    const diff_context *cx;
    const diff_sref *anchor;
    const diff_sref **kept;
    size_t nkept;
    res_option *res;
    size_t nres, cap_res;
    diff_strlist principals;
    bool principal_absent;
    key_dim *keys;
    size_t nkeys;
    bool incomplete;
    camsim_diff_where where;
    bool nomem;
    bool owner_bound; /* some kept resource pattern is owner-bound */
    /* The walk, run once per resource region as the regions are found. */
    struct resource_walk *rw;
} search;

/* What diff_visit_region reads: the search and the owner binding mode of
 * the regions being walked. */
typedef struct region_visit {
    search *s;
    int mode;
} region_visit;


/* ---- where.c: locations ----------------------------------------------------------- */

/* Record the first reason the search is not exact (at st, at condition c
 * when given, else at the JSON path suffix); later ones are ignored. */
void diff_mark_incomplete(search *s, const diff_sref *st, const camsim_condition *c,
                          const char *suffix, const char *reason);

/* ---- fragment.c: the kept statements and the exact fragment ---------------------- */

/* False only when no resource can match both statements. */
bool diff_may_meet(const diff_context *cx, const camsim_statement *a, const camsim_statement *b);
/* Mark the search incomplete at the first kept construct outside the exact fragment. */
void diff_check_fragment(search *s);

/* ---- classes_resource.c: the resource dimension ------------------------------------ */

/* Add a resource representative (with its owner for the binding mode). */
void diff_add_res(search *s, const char *resource, int mode);
/* Walk every resource region as it is found; 1 when a witness was found. */
int diff_build_resources(search *s);

/* ---- classes_principal.c: the principal dimension ---------------------------------- */

/* The principal element p (NULL: none) accepts value (NULL: absent). */
bool diff_principal_ok(const camsim_principal *p, const char *value);
/* Room for n languages, zeroed, for diff_regions_of; NULL (and s->nomem)
 * when out of memory. */
diff_lang *diff_langs_new(search *s, size_t n);
/* The regions n languages split strings into (frees the languages and the
 * langs array): 0 with *found set, 1 at a bound, -1 out of memory. */
int diff_regions_of(search *s, diff_lang *langs, size_t n, char ***found, size_t *count);
void diff_build_principals(search *s);

/* ---- classes_keys.c: the context keys ---------------------------------------------- */

/* Condition c on the key's values: 1 true, 0 false, -1 the engine rejects them. */
int diff_eval_on(const camsim_condition *c, const char *const *values, size_t count);
void diff_build_keys(search *s);

/* ---- witness.c ------------------------------------------------------------------- */

/* Deep-copy a request into a witness; false on no memory (w then needs freeing). */
bool diff_make_witness(const camsim_request *r, camsim_diff_witness *w);

/* ---- search.c ------------------------------------------------------------------- */

/* diff_regions' visitor: walk the other dimensions for one resource region. */
int diff_visit_region(void *ctx, const char *resource);

#endif
