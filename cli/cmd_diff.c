/* cmd_diff.c: `camsim diff`, policy change review (docs/diff.md): does the
 * new policy set allow any request the old one does not? Every witness is
 * printed as a `camsim eval --requests` line, and that very line is parsed
 * back and evaluated on both sets before it is printed: a witness the
 * engine does not confirm is an internal error, never output. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "diff.h"
#include "io.h"
#include "policy_set.h"
#include "request_json.h"

void cli_help_diff(FILE *out)
{
    fputs("usage: camsim diff --old FILE [--old FILE ...] --new FILE [--new FILE ...]\n"
          "                   [--boundary FILE | --old-boundary FILE --new-boundary FILE]\n"
          "                   [--removed] [--format text|json|sarif]\n"
          "\n"
          "Policy change review: for every catalog action, is there any request (resource,\n"
          "principal, context) that the new set allows and the old set does not? Each\n"
          "\"new access\" comes with one such request, confirmed by the engine and printed\n"
          "as a `camsim eval --requests` line. --removed asks the other way round: what\n"
          "the old set allowed that the new one does not. docs/diff.md describes the\n"
          "method and the exact fragment; outside it the answer is \"unknown\" with the\n"
          "JSON path of the construct.\n"
          "\n"
          "Exit status: 0 no new access, 1 new access found, 2 bad usage or invalid input,\n"
          "3 unknown (some action could not be decided and none has new access).\n"
          "\n"
          "options:\n"
          "  --old FILE            a policy of the old set (repeatable)\n"
          "  --new FILE            a policy of the new set (repeatable)\n"
          "  --boundary FILE       a permission boundary applied to both sets\n"
          "  --old-boundary FILE   the old set's boundary\n"
          "  --new-boundary FILE   the new set's boundary\n"
          "  --removed             report access the old set granted that the new one does not\n"
          "  --format FMT          text (default), json or sarif\n"
          "  --help                this text (only as the one argument)\n",
          out);
}

static const cli_option diff_options[] = {
    {"old", 1, 1}, {"new", 1, 1}, {"boundary", 1, 0}, {"old-boundary", 1, 0},
    {"new-boundary", 1, 0}, {"removed", 0, 0}, {"format", 1, 0},
};

typedef struct diff_run {
    cli_policy_set sets[2]; /* [0] old, [1] new as loaded */
    cli_policy_set *from, *to; /* the question's direction */
    int removed;
    const char *format;
    camsim_diff_result *result;
} diff_run;

static const char *verdict_name(camsim_diff_verdict v)
{
    return v == CAMSIM_DIFF_NEW_ACCESS ? "new_access" : v == CAMSIM_DIFF_UNKNOWN ? "unknown"
                                                                                 : "no_new_access";
}

/* ---- the witness line, and its confirmation ----------------------------------- */

static void witness_json(cli_buf *b, const camsim_diff_witness *w)
{
    cli_buf_puts(b, "{\"action\":");
    cli_buf_json_string(b, w->action);
    if (w->resource) {
        cli_buf_puts(b, ",\"resource\":");
        cli_buf_json_string(b, w->resource);
    }
    if (w->context_count) {
        cli_buf_puts(b, ",\"context\":{");
        for (size_t i = 0; i < w->context_count; i++) {
            const camsim_diff_key *k = &w->context[i];
            if (i)
                cli_buf_putc(b, ',');
            cli_buf_json_string(b, k->key);
            cli_buf_putc(b, ':');
            if (k->count == 1) {
                cli_buf_json_string(b, k->values[0]);
                continue;
            }
            cli_buf_putc(b, '[');
            for (size_t v = 0; v < k->count; v++) {
                if (v)
                    cli_buf_putc(b, ',');
                cli_buf_json_string(b, k->values[v]);
            }
            cli_buf_putc(b, ']');
        }
        cli_buf_putc(b, '}');
    }
    if (w->owner_uin) {
        cli_buf_puts(b, ",\"owner_uin\":");
        cli_buf_json_string(b, w->owner_uin);
    }
    if (w->principal) {
        cli_buf_puts(b, ",\"principal\":");
        cli_buf_json_string(b, w->principal);
    }
    cli_buf_putc(b, '}');
}

/* Parse the printed line back and evaluate it as `camsim eval --requests`
 * would: the "to" set must allow it and the "from" set must not. */
static int confirm(diff_run *run, const char *line, const char **why)
{
    camsim_parsed_request req;
    camsim_error err;
    memset(&err, 0, sizeof err);
    if (camsim_parse_request_json(line, strlen(line), &req, &err) != CAMSIM_OK) {
        *why = "the witness line does not parse as a request";
        return 0;
    }
    camsim_decision to, from;
    int ok = 1;
    if (cli_policy_set_eval(run->to, &req.request, &to, &err) != CAMSIM_OK ||
        to.decision != CAMSIM_ALLOW) {
        *why = "the set said to allow it does not";
        ok = 0;
    } else if (cli_policy_set_eval(run->from, &req.request, &from, &err) ==
                   CAMSIM_OK &&
               from.decision == CAMSIM_ALLOW) {
        *why = "the set said to refuse it allows it";
        ok = 0;
    }
    camsim_parsed_request_free(&req);
    return ok;
}

/* ---- output -------------------------------------------------------------------- */

static const char *where_file(const diff_run *run, const camsim_diff_where *w)
{
    /* where->side is 0 for the question's "from" set, 1 for its "to" set. */
    const cli_policy_set *set = w->side ? run->to : run->from;
    if (w->policy < set->count)
        return set->names[w->policy];
    return set->boundary_name ? set->boundary_name : "?";
}

static const char *old_outcome(const camsim_diff_witness *w)
{
    return w->old_error ? "error (rejects the request)" : camsim_reason_name(w->old_reason);
}

static void counts(const camsim_diff_result *r, size_t n[3])
{
    n[0] = n[1] = n[2] = 0;
    for (size_t i = 0; i < r->count; i++)
        n[r->actions[i].verdict]++;
}

static void action_name(cli_buf *b, const camsim_diff_action *a)
{
    const camsim_action_info *info = camsim_catalog_at(a->catalog_index);
    cli_buf_printf(b, "%s:%s", info->service, info->name);
}

static void print_text(cli_buf *b, diff_run *run, char **lines)
{
    const camsim_diff_result *r = run->result;
    const char *what = run->removed ? "removed access" : "new access";
    for (size_t i = 0; i < r->count; i++) {
        const camsim_diff_action *a = &r->actions[i];
        if (a->verdict == CAMSIM_DIFF_NO_NEW_ACCESS)
            continue;
        action_name(b, a);
        if (a->verdict == CAMSIM_DIFF_NEW_ACCESS) {
            cli_buf_printf(b, ": %s\n  request: %s\n  %s set: allow; %s set: %s\n", what,
                           lines[i], run->removed ? "old" : "new", run->removed ? "new" : "old",
                           old_outcome(&a->witness));
        } else {
            cli_buf_printf(b, ": unknown\n  at: %s %s: %s\n", where_file(run, &a->where),
                           a->where.path, a->where.reason);
        }
    }
    size_t n[3];
    counts(r, n);
    cli_buf_printf(b, "%s: %s (%zu actions: %zu %s, %zu unknown, %zu unchanged)\n",
                   run->removed ? "removed" : "verdict",
                   r->verdict == CAMSIM_DIFF_NEW_ACCESS ? what
                   : r->verdict == CAMSIM_DIFF_UNKNOWN  ? "unknown"
                   : run->removed                       ? "no removed access"
                                                        : "no new access",
                   r->count, n[1], what, n[2], n[0]);
}

static void print_json(cli_buf *b, diff_run *run, char **lines)
{
    const camsim_diff_result *r = run->result;
    size_t n[3];
    counts(r, n);
    cli_buf_printf(b, "{\"direction\":\"%s\",\"verdict\":\"%s\",\"summary\":{\"actions\":%zu,"
                      "\"new_access\":%zu,\"unknown\":%zu,\"no_new_access\":%zu},\"changes\":[",
                   run->removed ? "removed" : "new", verdict_name(r->verdict), r->count, n[1],
                   n[2], n[0]);
    int first = 1;
    for (size_t i = 0; i < r->count; i++) {
        const camsim_diff_action *a = &r->actions[i];
        if (a->verdict == CAMSIM_DIFF_NO_NEW_ACCESS)
            continue;
        cli_buf_puts(b, first ? "{\"action\":\"" : ",{\"action\":\"");
        first = 0;
        action_name(b, a);
        cli_buf_printf(b, "\",\"verdict\":\"%s\"", verdict_name(a->verdict));
        if (a->verdict == CAMSIM_DIFF_NEW_ACCESS) {
            cli_buf_printf(b, ",\"request\":%s,\"refused_by_other_set\":\"%s\"", lines[i],
                           a->witness.old_error ? "error" : camsim_reason_name(a->witness.old_reason));
        } else {
            cli_buf_puts(b, ",\"file\":");
            cli_buf_json_string(b, where_file(run, &a->where));
            cli_buf_puts(b, ",\"path\":");
            cli_buf_json_string(b, a->where.path);
            cli_buf_puts(b, ",\"reason\":");
            cli_buf_json_string(b, a->where.reason);
        }
        cli_buf_putc(b, '}');
    }
    cli_buf_puts(b, "]}\n");
}

static void print_sarif(cli_buf *b, diff_run *run, char **lines)
{
    const camsim_diff_result *r = run->result;
    cli_buf_puts(b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                    "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"camsim diff\","
                    "\"rules\":[{\"id\":\"new-access\"},{\"id\":\"unknown\"}]}},\"results\":[");
    int first = 1;
    for (size_t i = 0; i < r->count; i++) {
        const camsim_diff_action *a = &r->actions[i];
        if (a->verdict == CAMSIM_DIFF_NO_NEW_ACCESS)
            continue;
        cli_buf msg = {0};
        action_name(&msg, a);
        if (a->verdict == CAMSIM_DIFF_NEW_ACCESS)
            cli_buf_printf(&msg, ": %s; request %s", run->removed ? "removed access" : "new access",
                           lines[i]);
        else
            cli_buf_printf(&msg, ": unknown at %s: %s", a->where.path, a->where.reason);
        cli_buf_printf(b, "%s{\"ruleId\":\"%s\",\"level\":\"%s\",\"message\":{\"text\":",
                       first ? "" : ",", a->verdict == CAMSIM_DIFF_NEW_ACCESS ? "new-access" : "unknown",
                       a->verdict == CAMSIM_DIFF_NEW_ACCESS ? "error" : "warning");
        first = 0;
        cli_buf_json_string(b, msg.data);
        cli_buf_free(&msg);
        const char *file = a->verdict == CAMSIM_DIFF_UNKNOWN ? where_file(run, &a->where)
                                                            : run->to->names[0];
        cli_buf_puts(b, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        cli_buf_json_string(b, file);
        cli_buf_puts(b, "}}");
        if (a->verdict == CAMSIM_DIFF_UNKNOWN) {
            cli_buf_puts(b, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
            cli_buf_json_string(b, a->where.path);
            cli_buf_puts(b, "}]");
        }
        cli_buf_puts(b, "}]}");
    }
    cli_buf_puts(b, "]}]}\n");
}

/* ---- the command ------------------------------------------------------------------ */

static int load(diff_run *run, const cli_args *args)
{
    const char *both = cli_args_value(args, "boundary", 0);
    const char *bounds[2] = {cli_args_value(args, "old-boundary", 0),
                             cli_args_value(args, "new-boundary", 0)};
    if (both && (bounds[0] || bounds[1])) {
        cli_usage_error("diff", "give --boundary (both sets) or --old-boundary/--new-boundary, "
                                "not both");
        return -1;
    }
    static const char *const opt[2] = {"old", "new"};
    for (int side = 0; side < 2; side++) {
        size_t n = 0;
        const char **files = cli_args_values(args, opt[side], &n);
        int rc = cli_policy_set_load(&run->sets[side], files, n, both ? both : bounds[side]);
        free(files);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static camsim_diff_set engine_set(const cli_policy_set *s)
{
    return (camsim_diff_set){(const camsim_policy *const *)s->policies, s->count, s->boundary};
}

static int report(diff_run *run)
{
    const camsim_diff_result *r = run->result;
    char **lines = cli_xcalloc(r->count, sizeof *lines);
    int status = r->verdict == CAMSIM_DIFF_NEW_ACCESS ? 1 : r->verdict == CAMSIM_DIFF_UNKNOWN ? 3 : 0;
    for (size_t i = 0; i < r->count && status != 2; i++) {
        if (r->actions[i].verdict != CAMSIM_DIFF_NEW_ACCESS)
            continue;
        cli_buf line = {0};
        witness_json(&line, &r->actions[i].witness);
        lines[i] = line.data;
        const char *why = "";
        if (!confirm(run, line.data, &why)) {
            cli_error("diff: internal error: the witness %s for %s was not confirmed (%s); "
                      "please report this",
                      line.data, r->actions[i].witness.action, why);
            status = 2;
        }
    }
    if (status != 2) {
        cli_buf out = {0};
        if (strcmp(run->format, "json") == 0)
            print_json(&out, run, lines);
        else if (strcmp(run->format, "sarif") == 0)
            print_sarif(&out, run, lines);
        else
            print_text(&out, run, lines);
        if (cli_write_stdout(&out) != 0)
            status = 2;
        cli_buf_free(&out);
    }
    for (size_t i = 0; i < r->count; i++)
        free(lines[i]);
    free(lines);
    return status;
}

static int check_usage(const cli_args *args, const char **format)
{
    if (args->positional_count) {
        cli_usage_error("diff", "unexpected argument '%s'", args->positional[0]);
        return -1;
    }
    if (!cli_args_count(args, "old") || !cli_args_count(args, "new")) {
        cli_usage_error("diff", "needs at least one --old FILE and one --new FILE");
        return -1;
    }
    *format = cli_args_value(args, "format", 0);
    if (!*format)
        *format = "text";
    if (strcmp(*format, "text") && strcmp(*format, "json") && strcmp(*format, "sarif")) {
        cli_usage_error("diff", "--format '%s': expected text, json or sarif", *format);
        return -1;
    }
    return 0;
}

int cli_cmd_diff(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help_diff(stdout);
        return 0;
    }
    cli_args args;
    if (cli_args_parse(&args, "diff", diff_options, sizeof diff_options / sizeof diff_options[0],
                       argc, argv) != 0)
        return 2;
    diff_run run;
    memset(&run, 0, sizeof run);
    int status = 2;
    if (check_usage(&args, &run.format) != 0 || load(&run, &args) != 0)
        goto out;
    run.removed = cli_args_count(&args, "removed") > 0;
    run.from = &run.sets[run.removed ? 1 : 0];
    run.to = &run.sets[run.removed ? 0 : 1];
    camsim_diff_set from = engine_set(run.from), to = engine_set(run.to);
    camsim_error err;
    memset(&err, 0, sizeof err);
    run.result = camsim_diff(&from, &to, NULL, &err);
    if (!run.result) {
        cli_error("diff: %s", err.message);
        goto out;
    }
    status = report(&run);
out:
    camsim_diff_result_free(run.result);
    cli_policy_set_free(&run.sets[0]);
    cli_policy_set_free(&run.sets[1]);
    cli_args_free(&args);
    return status;
}
