/* fixed.c: camsim_bench_fixed, a deterministic workload driver for the
 * instruction-count gate (bench/callgrind_gate.sh). Plain C, no Google
 * Benchmark, no timing: a fixed set of parses and evaluations whose cost
 * callgrind counts in instructions (Ir), which do not depend on machine load.
 *
 *   camsim_bench_fixed --list             workload names, one per line
 *   camsim_bench_fixed --workload NAME    run one workload
 *   camsim_bench_fixed                    run every workload (smoke test)
 *
 * Only the body of fixed_measured() is counted: the gate runs valgrind with
 * --collect-atstart=no --toggle-collect=fixed_measured, so generating and
 * compiling inputs (setup) is excluded. Each run prints a line with a
 * checksum of the decisions, so a gate run also shows results did not change. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "camsim_tools.h"
#include "plant.h"
#include "profiles.h"
#include "requests.h"

typedef enum { W_EVAL, W_PARSE, W_GLOB, W_ACTIONS } workload_kind;

typedef struct workload {
    const char *name;
    workload_kind kind;
    const char *profile; /* W_EVAL, W_PARSE */
    unsigned rounds;
} workload;

static const workload workloads[] = {
    {"eval/trtc_full_access", W_EVAL, "trtc_full_access", 200},
    {"eval/trtc_read_only", W_EVAL, "trtc_read_only", 200},
    {"eval/per_app", W_EVAL, "per_app", 100},
    {"eval/ip_and_tag", W_EVAL, "ip_and_tag", 100},
    {"eval/tcmpp_platform", W_EVAL, "tcmpp_platform", 50},
    {"eval/stmts_1000", W_EVAL, "stmts_1000", 4},
    {"eval/stmts_10000", W_EVAL, "stmts_10000", 1},
    {"eval/adversarial_wildcards", W_EVAL, "adversarial_wildcards", 10},
    {"parse/trtc_full_access", W_PARSE, "trtc_full_access", 500},
    {"parse/per_app", W_PARSE, "per_app", 100},
    {"parse/ip_and_tag", W_PARSE, "ip_and_tag", 100},
    {"parse/tcmpp_platform", W_PARSE, "tcmpp_platform", 50},
    {"parse/stmts_1000", W_PARSE, "stmts_1000", 5},
    {"parse/adversarial_wildcards", W_PARSE, "adversarial_wildcards", 20},
    {"match/glob_worst_64k", W_GLOB, NULL, 4},
    {"match/actions", W_ACTIONS, NULL, 200},
};
enum { WORKLOADS = sizeof workloads / sizeof workloads[0] };

typedef struct inputs {
    bench_requests *requests;
    bench_profile profile;
    char *subject; /* W_GLOB */
    size_t slen;
} inputs;

/* The measured region: callgrind counts only what runs inside this call. */
__attribute__((noinline)) unsigned long fixed_measured(const workload *w, const inputs *in);

unsigned long fixed_measured(const workload *w, const inputs *in)
{
    unsigned long sum = 0;
    size_t it = 0;
    switch (w->kind) {
    case W_EVAL: {
        const camsim_policy *const set[1] = {in->profile.policy};
        camsim_decision d;
        memset(&d, 0, sizeof d);
        for (unsigned r = 0; r < w->rounds; r++)
            for (size_t a = 0; a < in->requests->count; a++) {
                camsim_code c = bench_evaluate(it++, set, 1, &in->requests->r[a].req, &d);
                sum = sum * 31 + (c == CAMSIM_OK ? (unsigned long)d.reason + 1 : 0);
            }
        break;
    }
    case W_PARSE:
        for (unsigned r = 0; r < w->rounds; r++)
            sum += (unsigned long)bench_parse_once(it++, in->profile.json, in->profile.len);
        break;
    case W_GLOB: {
        static const char *const patterns[] = {
            "*a*a*a*a*a*a*a*a*b*",
            "*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab*",
        };
        for (unsigned r = 0; r < w->rounds; r++)
            for (size_t p = 0; p < 2; p++)
                sum = sum * 31 + camsim_glob_match(patterns[p], strlen(patterns[p]), in->subject,
                                                   in->slen, false);
        break;
    }
    case W_ACTIONS:
        for (unsigned r = 0; r < w->rounds; r++)
            for (size_t a = 0; a < in->requests->count; a++) {
                const char *action = in->requests->r[a].action;
                sum = sum * 31 + camsim_action_matches("trtc:Describe*", action);
                sum = sum * 31 + camsim_action_matches("*:*Sensitive*List", action);
                sum = sum * 31 + camsim_action_matches("name/TCMPP:describemnp*", action);
            }
        break;
    }
    return sum;
}

static int run(const workload *w, bench_requests *requests)
{
    inputs in;
    memset(&in, 0, sizeof in);
    in.requests = requests;
    if (w->profile != NULL && bench_profile_load(w->profile, &in.profile) != 0) {
        bench_profile_release(&in.profile);
        return 1;
    }
    if (w->kind == W_GLOB) {
        in.slen = 64 * 1024;
        in.subject = malloc(in.slen);
        if (in.subject == NULL) {
            fprintf(stderr, "camsim_bench_fixed: out of memory\n");
            return 1;
        }
        memset(in.subject, 'a', in.slen);
    }
    unsigned long sum = fixed_measured(w, &in);
    printf("%s rounds=%u checksum=%lx\n", w->name, w->rounds, sum);
    free(in.subject);
    bench_profile_release(&in.profile);
    return 0;
}

int main(int argc, char **argv)
{
    static bench_requests requests;
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < WORKLOADS; i++)
            puts(workloads[i].name);
        return 0;
    }
    if (bench_requests_init(&requests) != 0)
        return 1;
    if (argc == 1) {
        int rc = 0;
        for (size_t i = 0; i < WORKLOADS; i++)
            rc |= run(&workloads[i], &requests);
        return rc;
    }
    if (argc == 3 && strcmp(argv[1], "--workload") == 0) {
        for (size_t i = 0; i < WORKLOADS; i++)
            if (strcmp(workloads[i].name, argv[2]) == 0)
                return run(&workloads[i], &requests);
        fprintf(stderr, "camsim_bench_fixed: unknown workload '%s' (see --list)\n", argv[2]);
        return 2;
    }
    fprintf(stderr, "usage: camsim_bench_fixed [--list | --workload NAME]\n");
    return 2;
}
