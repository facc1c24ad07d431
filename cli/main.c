/* main.c: the `camsim` command: dispatch to a subcommand, global --help and
 * --version, and `camsim help CMD`. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

#ifndef CAMSIM_VERSION
#define CAMSIM_VERSION "0.0.0"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*help)(FILE *out);
    const char *summary;
} command;

static const command commands[] = {
    {"eval", cli_cmd_eval, cli_help_eval, "evaluate one request, or many JSON lines"},
    {"simulate", cli_cmd_simulate, cli_help_simulate,
     "evaluate policies against every catalog action"},
    {"lint", cli_cmd_lint, cli_help_lint, "check policy documents"},
    {"catalog", cli_cmd_catalog, cli_help_catalog, "list the TRTC and TCMPP action catalog"},
    {"diff", cli_cmd_diff, cli_help_diff, "what a new policy set allows that the old one does not"},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void usage(FILE *out)
{
    fputs("usage: camsim COMMAND [OPTIONS]\n"
          "\n"
          "Simulate Tencent Cloud CAM authorization for TRTC and TCMPP.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("  help CMD  the options of one command\n"
          "\n"
          "Exit status: 0 success (eval: allowed; diff: no new access, proved), 1 eval:\n"
          "denied / lint: error findings / diff: new access, 2 bad usage or invalid input,\n"
          "3 diff: some action unknown and none with new access.\n"
          "Run 'camsim COMMAND --help' for a command's options; --help/-h is help only as\n"
          "the one argument after the command (with other arguments it is a usage error).\n",
          out);
}

static const command *find(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    static char out_buffer[1 << 16];
    setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    if (argc < 2) {
        fputs("camsim: missing command; expected eval, simulate, lint, catalog or diff "
              "(run 'camsim --help')\n",
              stderr);
        return 2;
    }
    const char *name = argv[1];
    const int help = strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0;
    const int version = strcmp(name, "--version") == 0 || strcmp(name, "version") == 0;
    /* Help and version print something and exit 0, so they must stand alone:
     * exit 0 means "allowed" or "clean", never "printed help instead". */
    if ((help || version) && argc > 2) {
        fprintf(stderr, "camsim: '%s' takes no other arguments; run 'camsim help COMMAND' "
                        "for a command's options\n",
                name);
        return 2;
    }
    if (help) {
        usage(stdout);
        return 0;
    }
    if (version) {
        printf("camsim %s\n", CAMSIM_VERSION);
        return 0;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return 0;
        }
        if (argc > 3) {
            fprintf(stderr, "camsim: 'help' takes one command name; got extra argument '%s'\n",
                    argv[3]);
            return 2;
        }
        const command *c = find(argv[2]);
        if (!c) {
            fprintf(stderr, "camsim: unknown command '%s'; run 'camsim --help' for the list\n",
                    argv[2]);
            return 2;
        }
        c->help(stdout);
        return 0;
    }
    const command *c = find(name);
    if (!c) {
        fprintf(stderr, "camsim: unknown command '%s'; expected eval, simulate, lint, catalog or diff "
                        "(run 'camsim --help')\n",
                name);
        return 2;
    }
    int status = c->run(argc - 1, argv + 1);
    if (fflush(stdout) != 0 && status != 2) {
        fputs("camsim: cannot write to stdout\n", stderr);
        status = 2;
    }
    return status;
}
