/* cmd_eval.c: `camsim eval`, one request from flags or many from JSON lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "decision_json.h"
#include "io.h"
#include "kv.h"
#include "line_reader.h"
#include "policy_set.h"
#include "request_json.h"

void cli_help_eval(FILE *out)
{
    fputs("usage: camsim eval --policy FILE [--policy FILE ...] [--boundary FILE]\n"
          "                   --action ACTION [--resource QRN] [--context KEY=VALUE ...]\n"
          "                   [--owner-uin UIN] [--principal QRN]\n"
          "       camsim eval --policy FILE [--policy FILE ...] [--boundary FILE]\n"
          "                   --requests FILE.jsonl|- [--line-buffered]\n"
          "\n"
          "Evaluate requests against policies (deny overrides allow; with a boundary, allow\n"
          "needs both the policies and the boundary).\n"
          "\n"
          "One request: prints one JSON line\n"
          "  {\"decision\":\"allow\"|\"deny\",\"reason\":\"allow\"|\"explicit_deny\"|\"implicit_deny\",\n"
          "   \"matched\":[{\"policy\":\"FILE\",\"statement\":N,\"effect\":\"allow\"|\"deny\"}]}\n"
          "and exits 0 when allowed, 1 when denied, 2 on bad input.\n"
          "\n"
          "Many requests (--requests): one JSON object per input line, e.g.\n"
          "  {\"action\":\"trtc:DismissRoom\",\"resource\":\"qcs::trtc::uin/100001:sdkappid/1400000001\",\n"
          "   \"context\":{\"qcs:ip\":\"10.1.2.3\"},\"owner_uin\":\"100001\",\"principal\":\"...\"}\n"
          "prints one line per input line, in order; a line that cannot be evaluated gives\n"
          "{\"line\":N,\"error\":\"...\"}. Exits 0 when every line was evaluated, 2 otherwise.\n"
          "\n"
          "options:\n"
          "  --policy FILE         a policy document (repeatable; '-' reads stdin)\n"
          "  --boundary FILE       a permission boundary document\n"
          "  --action ACTION       service:Action, e.g. trtc:DismissRoom\n"
          "  --resource QRN        six-segment resource, e.g. qcs::trtc::uin/100001:sdkappid/1400000001\n"
          "  --context KEY=VALUE   request context (repeatable; a repeated key has several values)\n"
          "  --owner-uin UIN       owner account (default: the uin in the resource)\n"
          "  --principal QRN       caller principal, for policies with a principal element\n"
          "  --requests FILE|-     JSON lines to evaluate in batch\n"
          "  --line-buffered       flush after every output line (batch mode)\n"
          "  --help                this text (only as the one argument)\n",
          out);
}

static const cli_option eval_options[] = {
    {"policy", 1, 1},    {"boundary", 1, 0},    {"action", 1, 0},  {"resource", 1, 0},
    {"context", 1, 1},   {"owner-uin", 1, 0},   {"principal", 1, 0}, {"requests", 1, 0},
    {"line-buffered", 0, 0},
};

static int eval_one(cli_policy_set *set, const cli_args *args)
{
    size_t nctx = 0;
    const char **ctx_items = cli_args_values(args, "context", &nctx);
    cli_kv ctx;
    int rc = cli_kv_parse(&ctx, "eval", "context", ctx_items, nctx);
    free(ctx_items);
    if (rc != 0) {
        cli_kv_free(&ctx);
        return 2;
    }
    camsim_request req = {
        .action = cli_args_value(args, "action", 0),
        .resource = cli_args_value(args, "resource", 0),
        .owner_uin = cli_args_value(args, "owner-uin", 0),
        .principal = cli_args_value(args, "principal", 0),
        .context = ctx.count ? ctx.entries : NULL,
        .context_count = ctx.count,
    };
    camsim_decision d;
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_code code = cli_policy_set_eval(set, &req, &d, &err);
    if (code != CAMSIM_OK) {
        cli_error("eval: request for %s: %s%s%s", req.action, err.path,
                  err.path[0] ? ": " : "", err.message);
        cli_kv_free(&ctx);
        return 2;
    }
    cli_buf out = {0};
    cli_decision_json(&out, set, &d);
    cli_buf_putc(&out, '\n');
    int wrc = cli_write_stdout(&out);
    cli_buf_free(&out);
    cli_kv_free(&ctx);
    if (wrc != 0)
        return 2;
    return d.decision == CAMSIM_ALLOW ? 0 : 1;
}

static int all_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return 0;
    return 1;
}

static void line_error(cli_buf *out, size_t line, const char *prefix, const char *message)
{
    cli_buf_printf(out, "{\"line\":%zu,\"error\":", line);
    if (prefix && prefix[0]) {
        cli_buf msg = {0};
        cli_buf_puts(&msg, prefix);
        cli_buf_puts(&msg, ": ");
        cli_buf_puts(&msg, message);
        cli_buf_json_string(out, msg.data);
        cli_buf_free(&msg);
    } else {
        cli_buf_json_string(out, message);
    }
    cli_buf_puts(out, "}\n");
}

static int eval_batch(cli_policy_set *set, const char *path, int line_buffered)
{
    const int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open requests: %s", path, strerror(errno));
        return 2;
    }
    enum { FLUSH_AT = 1 << 18 };
    cli_line_reader reader;
    cli_line_reader_init(&reader, f, CAMSIM_MAX_REQUEST_LINE_BYTES);
    cli_buf out = {0};
    cli_buf_reserve(&out, FLUSH_AT + 4096);
    int status = 0;
    size_t lineno = 0;
    const char *line = NULL;
    size_t len = 0;
    cli_line_status ls;
    while ((ls = cli_line_next(&reader, &line, &len)) == CLI_LINE_OK || ls == CLI_LINE_TOO_LONG) {
        lineno++;
        if (ls == CLI_LINE_TOO_LONG) {
            _Static_assert(CAMSIM_MAX_REQUEST_LINE_BYTES % (1024u * 1024u) == 0,
                           "the message below counts whole MiB");
            char msg[160];
            snprintf(msg, sizeof msg, "line longer than %u MiB, the request line limit "
                     "(CAMSIM_MAX_REQUEST_LINE_BYTES); one request per line",
                     CAMSIM_MAX_REQUEST_LINE_BYTES / (1024u * 1024u));
            line_error(&out, lineno, NULL, msg);
            status = 2;
        } else if (all_blank(line, len)) {
            line_error(&out, lineno, NULL, "empty line: expected one JSON request object");
            status = 2;
        } else {
            camsim_parsed_request req;
            camsim_error err;
            err.path[0] = '\0';
            camsim_code code = camsim_parse_request_json(line, len, &req, &err);
            if (code != CAMSIM_OK) {
                char where[64] = "";
                if (!err.path[0] && code == CAMSIM_E_JSON)
                    snprintf(where, sizeof where, "column %zu", err.offset + 1);
                line_error(&out, lineno, err.path[0] ? err.path : where, err.message);
                status = 2;
            } else {
                camsim_decision d;
                err.path[0] = '\0';
                code = cli_policy_set_eval(set, &req.request, &d, &err);
                if (code != CAMSIM_OK) {
                    line_error(&out, lineno, err.path, err.message);
                    status = 2;
                } else {
                    cli_decision_json(&out, set, &d);
                    cli_buf_putc(&out, '\n');
                }
                camsim_parsed_request_free(&req);
            }
        }
        if (out.len >= FLUSH_AT || line_buffered) {
            if (cli_write_stdout(&out) != 0) {
                status = 2;
                goto done;
            }
            if (line_buffered)
                fflush(stdout);
            out.len = 0;
        }
    }
    if (cli_write_stdout(&out) != 0)
        status = 2;
    if (ls == CLI_LINE_ERROR) {
        fflush(stdout);
        cli_error("%s: read error after line %zu: %s", path, lineno, strerror(reader.error));
        status = 2;
    }
done:
    cli_buf_free(&out);
    cli_line_reader_free(&reader);
    if (!is_stdin)
        fclose(f);
    return status;
}

int cli_cmd_eval(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help_eval(stdout);
        return 0;
    }
    cli_args args;
    if (cli_args_parse(&args, "eval", eval_options,
                       sizeof eval_options / sizeof eval_options[0], argc, argv) != 0)
        return 2;
    int status = 2;
    const char *requests = cli_args_value(&args, "requests", 0);
    const char *action = cli_args_value(&args, "action", 0);
    if (args.positional_count) {
        cli_usage_error("eval", "unexpected argument '%s'", args.positional[0]);
        goto out;
    }
    if (cli_args_count(&args, "policy") == 0) {
        cli_usage_error("eval", "needs at least one --policy FILE");
        goto out;
    }
    if (requests && action) {
        cli_usage_error("eval",
                        "give either --action (one request) or --requests (many), not both");
        goto out;
    }
    if (!requests && !action) {
        cli_usage_error("eval", "needs --action ACTION (one request) or --requests FILE (many)");
        goto out;
    }
    if (requests) {
        static const char *const single_only[] = {"resource", "context", "owner-uin", "principal"};
        for (size_t i = 0; i < sizeof single_only / sizeof single_only[0]; i++) {
            if (cli_args_count(&args, single_only[i])) {
                cli_usage_error("eval", "--%s applies to one request; with --requests put it in "
                                "each JSON line", single_only[i]);
                goto out;
            }
        }
    } else if (cli_args_count(&args, "line-buffered")) {
        cli_usage_error("eval", "--line-buffered applies to --requests only");
        goto out;
    }
    size_t npol = 0;
    const char **files = cli_args_values(&args, "policy", &npol);
    const char *boundary = cli_args_value(&args, "boundary", 0);
    if (requests && strcmp(requests, "-") == 0) {
        int conflict = boundary && strcmp(boundary, "-") == 0;
        for (size_t i = 0; i < npol; i++)
            conflict |= strcmp(files[i], "-") == 0;
        if (conflict) {
            free(files);
            cli_usage_error("eval", "stdin ('-') can be read only once: requests and a policy "
                            "cannot both come from it");
            goto out;
        }
    }
    cli_policy_set set;
    int loaded = cli_policy_set_load(&set, files, npol, boundary);
    free(files);
    if (loaded != 0)
        goto out;
    status = requests ? eval_batch(&set, requests, cli_args_count(&args, "line-buffered") > 0)
                      : eval_one(&set, &args);
    cli_policy_set_free(&set);
out:
    cli_args_free(&args);
    return status;
}
