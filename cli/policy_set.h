/* policy_set.h: the --policy and --boundary files of one command, parsed and
 * compiled once, with the file names used to report deciding statements and
 * one matches buffer large enough for every statement. */
#ifndef CAMSIM_CLI_POLICY_SET_H
#define CAMSIM_CLI_POLICY_SET_H

#include <stddef.h>

#include "camsim/camsim.h"

typedef struct cli_policy_set {
    camsim_policy **policies;
    const char **names;        /**< file names as given on the command line */
    size_t count;
    camsim_policy *boundary;   /**< NULL when no --boundary */
    const char *boundary_name;
    camsim_match *matches;     /**< room for every statement of every document */
    size_t match_capacity;
} cli_policy_set;

/**
 * Load and compile files[0..n) and the optional boundary file. On error
 * prints "camsim: FILE: /json/path: message" (or "FILE: line L, column C:
 * message" for JSON syntax errors) and returns -1; the set is then empty.
 */
int cli_policy_set_load(cli_policy_set *set, const char *const *files, size_t n,
                        const char *boundary_file);
void cli_policy_set_free(cli_policy_set *set);

/** Evaluate a request, storing the deciding statements in set->matches. */
camsim_code cli_policy_set_eval(cli_policy_set *set, const camsim_request *request,
                                camsim_decision *out, camsim_error *err);

/** The file name a match refers to, and whether it is the boundary. */
const char *cli_policy_set_match_name(const cli_policy_set *set, const camsim_match *m,
                                      int *is_boundary);

/** Print a policy load or parse error for file (text is the document, may be NULL). */
void cli_print_document_error(const char *file, const char *text, size_t len,
                              const camsim_error *err);

#endif
