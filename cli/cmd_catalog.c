/* cmd_catalog.c: `camsim catalog`, the built-in action catalog. */
#include <string.h>

#include "args.h"
#include "camsim/camsim.h"
#include "commands.h"
#include "io.h"
#include "table.h"

void cli_help_catalog(FILE *out)
{
    fputs("usage: camsim catalog [--service trtc|tcmpp] [--format table|json]\n"
          "\n"
          "List the built-in catalog of TRTC and TCMPP CAM actions (81).\n"
          "--format table (default) prints aligned columns; --format json prints one array\n"
          "with an object per action carrying every catalog field: service, name, api_kind,\n"
          "category, description, granularity (resource|operation), resource_template,\n"
          "ip_restriction (supported|not supported|not documented), restriction, successor,\n"
          "legacy_note.\n"
          "\n"
          "options:\n"
          "  --service trtc|tcmpp   only this service's actions\n"
          "  --format table|json    output format (default table)\n"
          "  --help                 this text (only as the one argument)\n",
          out);
}

static const char *ip_name(int ip)
{
    return ip > 0 ? "supported" : ip == 0 ? "not supported" : "not documented";
}

static const char *granularity_name(camsim_granularity g)
{
    return g == CAMSIM_OPERATION_LEVEL ? "operation" : "resource";
}

static void json_field(cli_buf *out, const char *name, const char *value, int first)
{
    if (!first)
        cli_buf_putc(out, ',');
    cli_buf_json_string(out, name);
    cli_buf_putc(out, ':');
    cli_buf_json_string(out, value);
}

static void action_json(cli_buf *out, const camsim_action_info *a)
{
    cli_buf_putc(out, '{');
    json_field(out, "service", a->service, 1);
    json_field(out, "name", a->name, 0);
    json_field(out, "api_kind", a->api_kind, 0);
    json_field(out, "category", a->category, 0);
    json_field(out, "description", a->description, 0);
    json_field(out, "granularity", granularity_name(a->granularity), 0);
    json_field(out, "resource_template", a->resource_template, 0);
    json_field(out, "ip_restriction", ip_name(a->ip_restriction), 0);
    json_field(out, "restriction", a->restriction, 0);
    json_field(out, "successor", a->successor, 0);
    json_field(out, "legacy_note", a->legacy_note, 0);
    cli_buf_putc(out, '}');
}

static const cli_option catalog_options[] = {{"service", 1, 0}, {"format", 1, 0}};

int cli_cmd_catalog(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help_catalog(stdout);
        return 0;
    }
    cli_args args;
    if (cli_args_parse(&args, "catalog", catalog_options,
                       sizeof catalog_options / sizeof catalog_options[0], argc, argv) != 0)
        return 2;
    const char *service = cli_args_value(&args, "service", 0);
    const char *format = cli_args_value(&args, "format", 0);
    int status = 2;
    if (args.positional_count) {
        cli_usage_error("catalog", "unexpected argument '%s'", args.positional[0]);
        goto out;
    }
    if (service && strcmp(service, "trtc") != 0 && strcmp(service, "tcmpp") != 0) {
        cli_usage_error("catalog", "unknown service '%s'; expected trtc or tcmpp", service);
        goto out;
    }
    if (!format)
        format = "table";
    int json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "table") != 0) {
        cli_usage_error("catalog", "unknown format '%s'; expected table or json", format);
        goto out;
    }
    cli_buf buf = {0};
    cli_table table;
    static const char *const header[] = {"service", "action",     "api_kind", "category",
                                         "granularity", "ip", "resource_template"};
    if (json)
        cli_buf_putc(&buf, '[');
    else
        cli_table_init(&table, sizeof header / sizeof header[0], header);
    size_t shown = 0;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (!a || (service && strcmp(a->service, service) != 0))
            continue;
        if (json) {
            cli_buf_puts(&buf, shown ? ",\n  " : "\n  ");
            action_json(&buf, a);
        } else {
            const char *row[] = {a->service,
                                 a->name,
                                 a->api_kind,
                                 a->category,
                                 granularity_name(a->granularity),
                                 ip_name(a->ip_restriction),
                                 a->resource_template[0] ? a->resource_template : "-"};
            cli_table_add(&table, row);
        }
        shown++;
    }
    if (json) {
        cli_buf_puts(&buf, shown ? "\n]\n" : "]\n");
    } else {
        cli_table_render(&table, &buf);
        cli_table_free(&table);
    }
    status = cli_write_stdout(&buf) == 0 ? 0 : 2;
    cli_buf_free(&buf);
out:
    cli_args_free(&args);
    return status;
}
