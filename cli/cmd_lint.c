/* cmd_lint.c: `camsim lint`, findings for policy documents. Every file is
 * read before anything is printed, so an unreadable file (exit 2) leaves
 * stdout empty. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "camsim/camsim.h"
#include "commands.h"
#include "io.h"
#include "lint.h"

void cli_help_lint(FILE *out)
{
    fputs("usage: camsim lint [--format text|json] FILE...\n"
          "\n"
          "Check policy documents. Each finding has a severity (error, warning, info), the\n"
          "file, the JSON pointer of the element, and a message:\n"
          "  text: FILE:/statement/0/action/1: error: unknown action trtc:DismisRoom; did you mean trtc:DismissRoom?\n"
          "  json: [{\"severity\":\"error\",\"file\":\"FILE\",\"path\":\"/statement/0/action/1\",\"message\":\"...\"}]\n"
          "\n"
          "Checks: the engine's own load errors; unknown actions (with the nearest catalog\n"
          "name); legacy TRTC action names; statements that allow or deny operation-level\n"
          "actions only on specific resources (they never apply); action and resource\n"
          "patterns that can never match; unknown condition operators and keys; condition\n"
          "values of the wrong type; documents over Tencent's ",
          out);
    fprintf(out, "%u", CAMSIM_TENCENT_POLICY_LIMIT);
    fputs("-character limit; ${...}\n"
          "placeholders where policy variables are not substituted (anywhere but a\n"
          "resource's sixth segment and condition values, and any name but ${uin},\n"
          "${owner_uin}, ${app_id}); tag conditions on TCMPP actions (TCMPP does not\n"
          "support authorization by tag).\n"
          "Lint time grows linearly with the document.\n"
          "\n"
          "Exit status: 0 no error findings, 1 at least one error finding, 2 bad usage or an\n"
          "unreadable file.\n"
          "\n"
          "options:\n"
          "  --format text|json   output format (default text)\n"
          "  --help               this text (only as the one argument)\n",
          out);
}

static const cli_option lint_options[] = {{"format", 1, 0}};

int cli_cmd_lint(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help_lint(stdout);
        return 0;
    }
    cli_args args;
    if (cli_args_parse(&args, "lint", lint_options, sizeof lint_options / sizeof lint_options[0],
                       argc, argv) != 0)
        return 2;
    int status = 2;
    const char *format = cli_args_value(&args, "format", 0);
    if (!format)
        format = "text";
    int json = strcmp(format, "json") == 0;
    cli_buf *texts = NULL;
    cli_lint_report *reports = NULL;
    size_t n = args.positional_count;
    if (!json && strcmp(format, "text") != 0) {
        cli_usage_error("lint", "unknown format '%s'; expected text or json", format);
        goto out;
    }
    if (n == 0) {
        cli_usage_error("lint", "needs at least one policy FILE");
        goto out;
    }
    size_t stdin_users = 0;
    for (size_t i = 0; i < n; i++)
        stdin_users += strcmp(args.positional[i], "-") == 0;
    if (stdin_users > 1) {
        cli_usage_error("lint", "stdin ('-') can be read only once");
        goto out;
    }
    texts = cli_xcalloc(n, sizeof *texts);
    reports = cli_xcalloc(n, sizeof *reports);
    for (size_t i = 0; i < n; i++)
        if (cli_read_file(args.positional[i], &texts[i]) != 0)
            goto out;
    int errors = 0;
    cli_buf buf = {0};
    if (json)
        cli_buf_putc(&buf, '[');
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        cli_lint_document(texts[i].data, texts[i].len, &reports[i]);
        for (size_t k = 0; k < reports[i].count; k++) {
            const cli_lint_finding *f = &reports[i].items[k];
            errors |= f->severity == CLI_LINT_ERROR;
            if (json) {
                cli_buf_puts(&buf, shown ? ",\n  {\"severity\":\"" : "\n  {\"severity\":\"");
                cli_buf_puts(&buf, cli_lint_severity_name(f->severity));
                cli_buf_puts(&buf, "\",\"file\":");
                cli_buf_json_string(&buf, args.positional[i]);
                cli_buf_puts(&buf, ",\"path\":");
                cli_buf_json_string(&buf, f->path);
                cli_buf_puts(&buf, ",\"message\":");
                cli_buf_json_string(&buf, f->message);
                cli_buf_putc(&buf, '}');
            } else {
                cli_buf_printf(&buf, "%s:%s: %s: %s\n", args.positional[i], f->path,
                               cli_lint_severity_name(f->severity), f->message);
            }
            shown++;
        }
    }
    if (json)
        cli_buf_puts(&buf, shown ? "\n]\n" : "]\n");
    status = cli_write_stdout(&buf) != 0 ? 2 : errors ? 1 : 0;
    cli_buf_free(&buf);
out:
    for (size_t i = 0; texts && i < n; i++) {
        cli_buf_free(&texts[i]);
        cli_lint_report_free(&reports[i]);
    }
    free(texts);
    free(reports);
    cli_args_free(&args);
    return status;
}
