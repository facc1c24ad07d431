/* suggest.h: the nearest known name to a misspelt one (case-insensitive
 * Levenshtein distance), for "did you mean ...?" messages. */
#ifndef CAMSIM_CLI_SUGGEST_H
#define CAMSIM_CLI_SUGGEST_H

#include <stddef.h>

/** Longest name compared at all: a longer a or b is "farther than cap", so a
 * suggestion costs at most CLI_SUGGEST_MAX_LEN squared per candidate. */
#define CLI_SUGGEST_MAX_LEN 128u

/** Case-insensitive (ASCII) edit distance between a and b; stops counting at
 * cap (and returns cap + 1 when either is longer than CLI_SUGGEST_MAX_LEN). */
size_t cli_edit_distance(const char *a, const char *b, size_t cap);

/**
 * The catalog action ("service:Name") nearest to action (which may carry a
 * "name/" prefix), written into buf; returns 1 when one is close enough to
 * suggest (distance at most a third of the length, and at least 2 allowed).
 */
int cli_suggest_action(const char *action, char *buf, size_t cap);

/** The entry of names[0..n) nearest to word (case-sensitive candidates
 * compared case-insensitively), or NULL when none is close enough. */
const char *cli_suggest_word(const char *word, const char *const *names, size_t n);

#endif
