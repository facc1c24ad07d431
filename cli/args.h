/* args.h: the small option parser every subcommand shares. Options are
 * long only ("--name VALUE" or "--name=VALUE"); an option may be declared
 * repeatable; "--" ends the options; "-" is an ordinary argument.
 * "--help"/"-h" is help only as the single argument (cli_wants_help). */
#ifndef CAMSIM_CLI_ARGS_H
#define CAMSIM_CLI_ARGS_H

#include <stddef.h>

#include "camsim_tools.h" /* CAMSIM_PRINTF */

typedef struct cli_option {
    const char *name;  /**< without the leading "--" */
    int takes_value;   /**< 1: "--name VALUE"; 0: a flag */
    int repeatable;    /**< 1: may be given several times */
} cli_option;

typedef struct cli_arg {
    size_t option;     /**< index into the option table */
    const char *value; /**< the value (borrowed from argv), or NULL for a flag */
} cli_arg;

typedef struct cli_args {
    const cli_option *options;
    size_t option_count;
    cli_arg *items;    /**< options in command-line order */
    size_t count;
    const char **positional;
    size_t positional_count;
} cli_args;

/**
 * Parse argv[1..argc) for subcommand cmd (argv[0] is the subcommand name).
 * On a usage error prints one line with a hint on stderr and returns -1;
 * *args is then empty. Release with cli_args_free.
 */
int cli_args_parse(cli_args *args, const char *cmd, const cli_option *options,
                   size_t option_count, int argc, char **argv);
void cli_args_free(cli_args *args);

/** How many times option name was given. */
size_t cli_args_count(const cli_args *args, const char *name);
/** The k-th value of option name (0-based), or NULL. */
const char *cli_args_value(const cli_args *args, const char *name, size_t k);
/** Collect every value of option name into a new array (free() it); *count receives the number. */
const char **cli_args_values(const cli_args *args, const char *name, size_t *count);

/**
 * True when argv[1..argc) is exactly "--help" or "-h": help is printed (exit
 * 0) only when it is the one argument. "--help"/"-h" where cli_args_parse
 * expects an option name among other arguments is a usage error (exit 2);
 * as the value of an option ("--principal -h") or after "--" it is an
 * ordinary argument.
 */
int cli_wants_help(int argc, char **argv);

/** Print "camsim CMD: message; run 'camsim CMD --help' for usage" on stderr. */
void cli_usage_error(const char *cmd, const char *fmt, ...) CAMSIM_PRINTF(2, 3);

#endif
