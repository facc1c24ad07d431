/* gen.c: camsim_bench_gen, inputs for the end-to-end CLI benchmark
 * (bench/e2e_requests.sh).
 *
 *   camsim_bench_gen --policy PROFILE     the profile's policy document
 *   camsim_bench_gen --requests N         N request lines (JSONL, docs/cli.md),
 *                                         cycling through the 81 catalog
 *                                         requests with the benchmark context
 *   camsim_bench_gen --profiles           profile names, one per line */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profiles.h"
#include "requests.h"

static void put_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void put_request(FILE *out, const bench_request *r)
{
    fputs("{\"action\":", out);
    put_json_string(out, r->action);
    if (r->req.resource != NULL) {
        fputs(",\"resource\":", out);
        put_json_string(out, r->req.resource);
    }
    fputs(",\"context\":{", out);
    for (size_t k = 0; k < r->req.context_count; k++) {
        const camsim_context_entry *e = &r->req.context[k];
        if (k)
            fputc(',', out);
        put_json_string(out, e->key);
        fputc(':', out);
        if (e->count == 1) {
            put_json_string(out, e->values[0]);
            continue;
        }
        fputc('[', out);
        for (size_t v = 0; v < e->count; v++) {
            if (v)
                fputc(',', out);
            put_json_string(out, e->values[v]);
        }
        fputc(']', out);
    }
    fputs("}}\n", out);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--profiles") == 0) {
        for (size_t i = 0; i < bench_profile_count(); i++)
            puts(bench_profile_name(i));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--policy") == 0) {
        size_t len;
        char *json = bench_profile_json(argv[2], &len);
        if (json == NULL) {
            fprintf(stderr, "camsim_bench_gen: unknown profile '%s' (see --profiles)\n", argv[2]);
            return 2;
        }
        fwrite(json, 1, len, stdout);
        fputc('\n', stdout);
        free(json);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--requests") == 0) {
        char *end;
        unsigned long long n = strtoull(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0') {
            fprintf(stderr, "camsim_bench_gen: --requests needs a count, got '%s'\n", argv[2]);
            return 2;
        }
        static bench_requests set;
        if (bench_requests_init(&set) != 0)
            return 1;
        for (unsigned long long i = 0; i < n; i++)
            put_request(stdout, &set.r[i % set.count]);
        return 0;
    }
    fprintf(stderr, "usage: camsim_bench_gen --policy PROFILE | --requests N | --profiles\n");
    return 2;
}
