/* cmd_simulate.c: `camsim simulate`, one policy set against every catalog
 * action. Every row is computed before anything is printed, so an error
 * (a missing --param, an invalid request) leaves stdout empty. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "decision_json.h"
#include "io.h"
#include "kv.h"
#include "policy_set.h"
#include "table.h"

void cli_help_simulate(FILE *out)
{
    fputs("usage: camsim simulate --policy FILE [--policy FILE ...] [--boundary FILE]\n"
          "                       [--param NAME=VALUE ...] [--context KEY=VALUE ...]\n"
          "                       [--format table|json|csv] [--service trtc|tcmpp]\n"
          "                       [--owner-uin UIN] [--principal QRN]\n"
          "\n"
          "Evaluate the policies against every catalog action (81), one row each, in catalog\n"
          "order: service, action, granularity, resource, decision, reason, matched.\n"
          "Resource-level actions get their resource by rendering the catalog template with\n"
          "the --param values (uin, SdkAppId, Region, PlatformId, MNPId, Platform); a template\n"
          "that needs a parameter not given is an error (exit 2, nothing printed).\n"
          "Operation-level actions have no resource ('-' in the table, null in JSON, empty in\n"
          "CSV). 'matched' lists the deciding statements as FILE#N (FILE#N[boundary] for the\n"
          "permission boundary); JSON gives them as objects like `camsim eval`.\n"
          "\n"
          "options:\n"
          "  --policy FILE         a policy document (repeatable)\n"
          "  --boundary FILE       a permission boundary document\n"
          "  --param NAME=VALUE    a template parameter (repeatable), e.g. --param uin=100001\n"
          "  --context KEY=VALUE   context for every request (repeatable; a repeated key is\n"
          "                        multi-valued)\n"
          "  --owner-uin UIN       owner account for every request\n"
          "  --principal QRN       caller principal for every request\n"
          "  --service trtc|tcmpp  only this service's actions\n"
          "  --format table|json|csv  output format (default table)\n"
          "  --help                this text (only as the one argument)\n",
          out);
}

typedef struct sim_row {
    const camsim_action_info *info;
    char *resource; /* NULL for operation-level actions */
    camsim_effect decision;
    camsim_reason reason;
    char *matched_text;
    char *matched_json;
} sim_row;

static char *take(cli_buf *b)
{
    char *s = b->data ? b->data : cli_xcalloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* "uin, SdkAppId" from the ${...} placeholders of a template; *missing lists
 * those not among the given names. */
static void template_params(const char *tpl, const cli_kv *params, cli_buf *all, cli_buf *missing)
{
    for (const char *p = strstr(tpl, "${"); p; p = strstr(p, "${")) {
        const char *name = p + 2;
        const char *close = strchr(name, '}');
        if (!close)
            break;
        size_t len = (size_t)(close - name);
        if (all->len)
            cli_buf_puts(all, ", ");
        cli_buf_append(all, name, len);
        int given = 0;
        for (size_t i = 0; i < params->pair_count; i++)
            if (strlen(params->names[i]) == len && memcmp(params->names[i], name, len) == 0)
                given = 1;
        if (!given) {
            if (missing->len)
                cli_buf_puts(missing, ", ");
            cli_buf_append(missing, name, len);
        }
        p = close + 1;
    }
}

/* Render every resource-level row's resource; on missing parameters print
 * one error per distinct template and return -1. */
/* Add each name of a ", "-separated list to set unless already there. */
static void add_names(cli_buf *set, const char *list)
{
    const char *p = list;
    while (*p) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int seen = 0;
        for (const char *q = set->data; q && *q;) {
            const char *qe = strstr(q, ", ");
            size_t ql = qe ? (size_t)(qe - q) : strlen(q);
            if (ql == len && memcmp(q, p, len) == 0)
                seen = 1;
            q = qe ? qe + 2 : q + ql;
        }
        if (!seen) {
            if (set->len)
                cli_buf_puts(set, ", ");
            cli_buf_append(set, p, len);
        }
        p = end ? end + 2 : p + len;
    }
}

static int render_rows(sim_row *rows, size_t n, const cli_kv *params)
{
    int failed = 0;
    cli_buf every_missing = {0};
    char buf[CAMSIM_MAX_EXPANDED_BYTES + 1];
    for (size_t i = 0; i < n; i++) {
        const camsim_action_info *a = rows[i].info;
        if (a->granularity == CAMSIM_OPERATION_LEVEL)
            continue;
        camsim_error err;
        memset(&err, 0, sizeof err);
        camsim_code code = camsim_render_resource(a, params->names, params->values,
                                                  params->pair_count, buf, sizeof buf, &err);
        if (code == CAMSIM_OK) {
            size_t len = strlen(buf) + 1;
            rows[i].resource = cli_xmalloc(len);
            memcpy(rows[i].resource, buf, len);
            continue;
        }
        /* Report each template once, with how many actions share the problem. */
        int reported = 0;
        size_t same = 0;
        for (size_t j = 0; j < n; j++) {
            if (rows[j].info->granularity == CAMSIM_OPERATION_LEVEL ||
                strcmp(rows[j].info->resource_template, a->resource_template) != 0)
                continue;
            if (j < i)
                reported = 1;
            else if (j > i)
                same++;
        }
        failed = 1;
        if (reported)
            continue;
        cli_buf all = {0}, missing = {0};
        template_params(a->resource_template, params, &all, &missing);
        if (missing.len)
            add_names(&every_missing, missing.data);
        if (code == CAMSIM_E_REQUEST && missing.len) {
            cli_error("simulate: %s:%s: resource template %s needs parameters %s; missing %s "
                      "(give --param NAME=VALUE)",
                      a->service, a->name, a->resource_template, all.data, missing.data);
        } else {
            cli_error("simulate: %s:%s: cannot render resource template %s: %s", a->service,
                      a->name, a->resource_template, err.message);
        }
        if (same)
            fprintf(stderr, "camsim: simulate: (%zu more action%s use%s the same template)\n",
                    same, same == 1 ? "" : "s", same == 1 ? "s" : "");
        cli_buf_free(&all);
        cli_buf_free(&missing);
    }
    if (every_missing.len)
        cli_error("simulate: give --param NAME=VALUE for each of %s (or choose the rows with "
                  "--service trtc|tcmpp)",
                  every_missing.data);
    cli_buf_free(&every_missing);
    return failed ? -1 : 0;
}

static int evaluate_rows(sim_row *rows, size_t n, cli_policy_set *set, const cli_kv *ctx,
                         const char *owner_uin, const char *principal)
{
    char action[256];
    for (size_t i = 0; i < n; i++) {
        const camsim_action_info *a = rows[i].info;
        snprintf(action, sizeof action, "%s:%s", a->service, a->name);
        camsim_request req = {
            .action = action,
            .resource = rows[i].resource,
            .owner_uin = owner_uin,
            .principal = principal,
            .context = ctx->count ? ctx->entries : NULL,
            .context_count = ctx->count,
        };
        camsim_decision d;
        camsim_error err;
        memset(&err, 0, sizeof err);
        if (cli_policy_set_eval(set, &req, &d, &err) != CAMSIM_OK) {
            cli_error("simulate: %s%s%s: %s", action, err.path[0] ? ": " : "", err.path,
                      err.message);
            return -1;
        }
        rows[i].decision = d.decision;
        rows[i].reason = d.reason;
        cli_buf text = {0}, json = {0};
        cli_matches_text(&text, set, &d);
        cli_matches_json(&json, set, &d);
        rows[i].matched_text = take(&text);
        rows[i].matched_json = take(&json);
    }
    return 0;
}

static const char *granularity_name(camsim_granularity g)
{
    return g == CAMSIM_OPERATION_LEVEL ? "operation" : "resource";
}

static void print_json(cli_buf *out, const sim_row *rows, size_t n)
{
    cli_buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        const sim_row *r = &rows[i];
        cli_buf_puts(out, i ? ",\n  {\"service\":" : "\n  {\"service\":");
        cli_buf_json_string(out, r->info->service);
        cli_buf_puts(out, ",\"action\":");
        cli_buf_json_string(out, r->info->name);
        cli_buf_printf(out, ",\"granularity\":\"%s\",\"resource\":",
                       granularity_name(r->info->granularity));
        if (r->resource)
            cli_buf_json_string(out, r->resource);
        else
            cli_buf_puts(out, "null");
        cli_buf_printf(out, ",\"decision\":\"%s\",\"reason\":\"%s\",\"matched\":%s}",
                       camsim_effect_name(r->decision), camsim_reason_name(r->reason),
                       r->matched_json);
    }
    cli_buf_puts(out, n ? "\n]\n" : "]\n");
}

static void print_csv(cli_buf *out, const sim_row *rows, size_t n)
{
    cli_buf_puts(out, "service,action,granularity,resource,decision,reason,matched\n");
    for (size_t i = 0; i < n; i++) {
        const sim_row *r = &rows[i];
        const char *cells[] = {r->info->service,
                               r->info->name,
                               granularity_name(r->info->granularity),
                               r->resource ? r->resource : "",
                               camsim_effect_name(r->decision),
                               camsim_reason_name(r->reason),
                               r->matched_text};
        for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
            if (c)
                cli_buf_putc(out, ',');
            cli_buf_csv_field(out, cells[c]);
        }
        cli_buf_putc(out, '\n');
    }
}

static void print_table(cli_buf *out, const sim_row *rows, size_t n)
{
    static const char *const header[] = {"service",  "action", "granularity", "resource",
                                         "decision", "reason", "matched"};
    cli_table t;
    cli_table_init(&t, sizeof header / sizeof header[0], header);
    for (size_t i = 0; i < n; i++) {
        const sim_row *r = &rows[i];
        const char *cells[] = {r->info->service,
                               r->info->name,
                               granularity_name(r->info->granularity),
                               r->resource ? r->resource : "-",
                               camsim_effect_name(r->decision),
                               camsim_reason_name(r->reason),
                               r->matched_text[0] ? r->matched_text : "-"};
        cli_table_add(&t, cells);
    }
    cli_table_render(&t, out);
    cli_table_free(&t);
}

static const cli_option simulate_options[] = {
    {"policy", 1, 1},  {"boundary", 1, 0},  {"param", 1, 1},     {"context", 1, 1},
    {"format", 1, 0},  {"service", 1, 0},   {"owner-uin", 1, 0}, {"principal", 1, 0},
};

int cli_cmd_simulate(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help_simulate(stdout);
        return 0;
    }
    cli_args args;
    if (cli_args_parse(&args, "simulate", simulate_options,
                       sizeof simulate_options / sizeof simulate_options[0], argc, argv) != 0)
        return 2;
    int status = 2;
    cli_kv params = {0}, ctx = {0};
    cli_policy_set set;
    int have_set = 0;
    sim_row *rows = NULL;
    size_t nrows = 0;
    const char *format = cli_args_value(&args, "format", 0);
    const char *service = cli_args_value(&args, "service", 0);
    if (!format)
        format = "table";
    if (args.positional_count) {
        cli_usage_error("simulate", "unexpected argument '%s'", args.positional[0]);
        goto out;
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0 &&
        strcmp(format, "csv") != 0) {
        cli_usage_error("simulate", "unknown format '%s'; expected table, json or csv", format);
        goto out;
    }
    if (service && strcmp(service, "trtc") != 0 && strcmp(service, "tcmpp") != 0) {
        cli_usage_error("simulate", "unknown service '%s'; expected trtc or tcmpp", service);
        goto out;
    }
    if (cli_args_count(&args, "policy") == 0) {
        cli_usage_error("simulate", "needs at least one --policy FILE");
        goto out;
    }
    size_t n = 0;
    const char **items = cli_args_values(&args, "param", &n);
    int rc = cli_kv_parse(&params, "simulate", "param", items, n);
    free(items);
    if (rc != 0)
        goto out;
    items = cli_args_values(&args, "context", &n);
    rc = cli_kv_parse(&ctx, "simulate", "context", items, n);
    free(items);
    if (rc != 0)
        goto out;

    const char **files = cli_args_values(&args, "policy", &n);
    rc = cli_policy_set_load(&set, files, n, cli_args_value(&args, "boundary", 0));
    free(files);
    if (rc != 0)
        goto out;
    have_set = 1;

    rows = cli_xcalloc(camsim_catalog_count(), sizeof *rows);
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (a && (!service || strcmp(a->service, service) == 0))
            rows[nrows++].info = a;
    }
    if (render_rows(rows, nrows, &params) != 0)
        goto out;
    if (evaluate_rows(rows, nrows, &set, &ctx, cli_args_value(&args, "owner-uin", 0),
                      cli_args_value(&args, "principal", 0)) != 0)
        goto out;

    cli_buf buf = {0};
    if (strcmp(format, "json") == 0)
        print_json(&buf, rows, nrows);
    else if (strcmp(format, "csv") == 0)
        print_csv(&buf, rows, nrows);
    else
        print_table(&buf, rows, nrows);
    status = cli_write_stdout(&buf) == 0 ? 0 : 2;
    cli_buf_free(&buf);
out:
    for (size_t i = 0; i < nrows; i++) {
        free(rows[i].resource);
        free(rows[i].matched_text);
        free(rows[i].matched_json);
    }
    free(rows);
    if (have_set)
        cli_policy_set_free(&set);
    cli_kv_free(&params);
    cli_kv_free(&ctx);
    cli_args_free(&args);
    return status;
}
