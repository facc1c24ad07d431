/* lint.h: static checks of one policy document (docs/cli.md, "lint").
 * Besides the engine's own verdict, lint reports what loads fine but cannot
 * do what its author meant: unknown or legacy actions, statements that can
 * never apply, resource patterns no catalog action can match, unknown
 * condition operators and keys, values of the wrong type, documents over
 * Tencent's size limit, ${...} placeholders where variables are not
 * substituted, and tag conditions on TCMPP actions. Time is linear in the
 * document: no work over pairs of patterns. */
#ifndef CAMSIM_CLI_LINT_H
#define CAMSIM_CLI_LINT_H

#include <stddef.h>

typedef enum cli_lint_severity {
    CLI_LINT_ERROR,
    CLI_LINT_WARNING,
    CLI_LINT_INFO
} cli_lint_severity;

typedef struct cli_lint_finding {
    cli_lint_severity severity;
    char *path;    /**< RFC 6901 JSON pointer ("" for the whole document) */
    char *message;
} cli_lint_finding;

typedef struct cli_lint_report {
    cli_lint_finding *items;
    size_t count;
    size_t cap;
} cli_lint_report;

/** "error", "warning" or "info". */
const char *cli_lint_severity_name(cli_lint_severity s);

/** Lint one document of len bytes, appending findings to report. */
void cli_lint_document(const char *text, size_t len, cli_lint_report *report);

void cli_lint_report_free(cli_lint_report *report);

#endif
