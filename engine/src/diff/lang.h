/* lang.h: the string languages the analyzer reasons about (docs/diff.md).
 *
 * Every string predicate of a policy is a `*`-glob: action, resource and
 * principal patterns, string_like, and (with no star) string_equal,
 * string_equal_ignore_case and binary_equal. A glob is a regular language,
 * so the Boolean combinations the analyzer needs are decided exactly by a
 * subset construction over the globs' position automata. Strings are
 * sequences of Unicode code points: policy text is valid UTF-8, and a byte
 * glob over valid UTF-8 matches exactly when the code-point glob does. */
#ifndef CAMSIM_DIFF_LANG_H
#define CAMSIM_DIFF_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum diff_tok_kind {
    DIFF_TOK_LIT,      /**< one code point (case-folded when fold) */
    DIFF_TOK_STAR_ANY, /**< any run of code points */
    DIFF_TOK_STAR_SEG  /**< any run without ':' (a resource segment's star) */
} diff_tok_kind;

typedef struct diff_tok {
    uint8_t kind;
    bool fold;
    uint32_t cp;
} diff_tok;

/** A glob language; dead languages match nothing. */
typedef struct diff_lang {
    diff_tok *toks;
    uint32_t n, cap;
    bool dead;
} diff_lang;

void diff_lang_free(diff_lang *l);
/** Append literal UTF-8 text (each code point literal; fold: ASCII case-insensitive). */
void diff_lang_lit(diff_lang *l, const char *s, size_t n, bool fold);
/** Append a glob: `*` becomes star (DIFF_TOK_STAR_ANY or _SEG), other code points literal. */
void diff_lang_glob(diff_lang *l, const char *s, size_t n, diff_tok_kind star);
void diff_lang_star(diff_lang *l, diff_tok_kind star);
/** Did an allocation fail while building (the lang is then unusable)? */
bool diff_lang_failed(const diff_lang *l);

/** A query: one representative string for every non-empty Venn region of
 * atoms[] among the strings that every lang in all[] matches, at least one
 * lang of any[] matches (when nany > 0), and no lang of none[] matches. */
typedef struct diff_region_query {
    const diff_lang *const *atoms;
    size_t natoms;
    const diff_lang *const *all;
    size_t nall;
    const diff_lang *const *any;
    size_t nany;
    const diff_lang *const *none;
    size_t nnone;
    bool no_star;      /**< the strings may not contain '*' (request resources) */
    size_t max_states; /**< bound on automaton states explored */
    size_t max_regions;
    /** When set, each region's string is handed to visit (shortest first)
     * instead of being returned; visit returns 0 to go on, 1 to stop, -1
     * when memory ran out. */
    int (*visit)(void *ctx, const char *s);
    void *visit_ctx;
} diff_region_query;

/**
 * Enumerate the regions. On success returns 0 and sets *out (malloc'd
 * array of malloc'd UTF-8 strings, *count of them; free with
 * diff_strings_free). Returns 1 when a bound was reached (the answer would
 * be incomplete: nothing is returned), 2 when visit asked to stop, -1 when
 * memory ran out.
 */
int diff_regions(const diff_region_query *q, char ***out, size_t *count);
void diff_strings_free(char **s, size_t count);

#endif
