/* args.c: the shared option parser. */
#include "args.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

void cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "camsim %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "; run 'camsim %s --help' for usage\n", cmd);
    va_end(ap);
}

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

int cli_wants_help(int argc, char **argv)
{
    return argc == 2 && is_help(argv[1]);
}

static const cli_option *find_option(const cli_option *options, size_t n, const char *name,
                                     size_t len, size_t *index)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(options[i].name) == len && memcmp(options[i].name, name, len) == 0) {
            *index = i;
            return &options[i];
        }
    }
    return NULL;
}

int cli_args_parse(cli_args *args, const char *cmd, const cli_option *options,
                   size_t option_count, int argc, char **argv)
{
    memset(args, 0, sizeof *args);
    args->options = options;
    args->option_count = option_count;
    size_t slots = argc > 0 ? (size_t)argc : 1;
    args->items = cli_xcalloc(slots, sizeof *args->items);
    args->positional = cli_xcalloc(slots, sizeof *args->positional);
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            args->positional[args->positional_count++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (is_help(a)) {
            /* Help alone was handled by cli_wants_help. Among other arguments
             * it is a usage error: exit 0 means "allowed" or "clean", never
             * "printed help instead of doing what the rest asked". */
            cli_usage_error(cmd, "'%s' asks for help and cannot be combined with other arguments "
                            "(an argument that really is '%s' goes after '--')",
                            a, a);
            goto fail;
        }
        if (a[1] != '-') {
            cli_usage_error(cmd, "unknown option '%s' (options are long, e.g. --policy FILE)", a);
            goto fail;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        size_t index = 0;
        const cli_option *opt = find_option(options, option_count, name, len, &index);
        if (!opt) {
            cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
            goto fail;
        }
        const char *value = NULL;
        if (opt->takes_value) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                cli_usage_error(cmd, "option '--%s' needs a value", opt->name);
                goto fail;
            }
        } else if (eq) {
            cli_usage_error(cmd, "option '--%s' takes no value", opt->name);
            goto fail;
        }
        if (!opt->repeatable && cli_args_count(args, opt->name) > 0) {
            cli_usage_error(cmd, "option '--%s' given more than once", opt->name);
            goto fail;
        }
        args->items[args->count].option = index;
        args->items[args->count].value = value;
        args->count++;
    }
    return 0;
fail:
    cli_args_free(args);
    return -1;
}

void cli_args_free(cli_args *args)
{
    free(args->items);
    free(args->positional);
    args->items = NULL;
    args->positional = NULL;
    args->count = args->positional_count = 0;
}

size_t cli_args_count(const cli_args *args, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < args->count; i++)
        if (strcmp(args->options[args->items[i].option].name, name) == 0)
            n++;
    return n;
}

const char *cli_args_value(const cli_args *args, const char *name, size_t k)
{
    for (size_t i = 0; i < args->count; i++) {
        if (strcmp(args->options[args->items[i].option].name, name) == 0) {
            if (k == 0)
                return args->items[i].value;
            k--;
        }
    }
    return NULL;
}

const char **cli_args_values(const cli_args *args, const char *name, size_t *count)
{
    size_t n = cli_args_count(args, name);
    const char **out = cli_xcalloc(n ? n : 1, sizeof *out);
    for (size_t k = 0; k < n; k++)
        out[k] = cli_args_value(args, name, k);
    *count = n;
    return out;
}
