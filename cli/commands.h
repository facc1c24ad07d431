/* commands.h: the camsim subcommands. Each takes the argument vector that
 * starts at its own name (argv[0] == "eval", ...) and returns the process
 * exit status; each has a help printer used by "--help" and "camsim help". */
#ifndef CAMSIM_CLI_COMMANDS_H
#define CAMSIM_CLI_COMMANDS_H

#include <stdio.h>

int cli_cmd_eval(int argc, char **argv);
int cli_cmd_simulate(int argc, char **argv);
int cli_cmd_lint(int argc, char **argv);
int cli_cmd_catalog(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);

void cli_help_eval(FILE *out);
void cli_help_simulate(FILE *out);
void cli_help_lint(FILE *out);
void cli_help_catalog(FILE *out);
void cli_help_diff(FILE *out);

#endif
