/* run_conformance.c: table-driven conformance cases (the tests/conformance JSON files)
 * run through the library and through the `camsim eval` command line.
 *
 * Each file is an array of cases:
 *   {"name", "spec", "policies": [policy object | raw policy text ...],
 *    "boundary": optional, "request": {"action", "resource", "context",
 *    "owner_uin", "principal"},
 *    "expect": {"decision", "reason", "matched": [[policy, statement]...]}
 *           or {"error": "policy"|"request", "path": optional JSON pointer}}
 *
 * Usage: run_conformance [--no-cli] [--cli PATH] [NAME-SUBSTRING]
 * A failing case prints its name, spec rule, policies and request in full.
 * The last line is "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "io.h" /* cli_buf, cli_read_file: the command line's own */

#ifndef CAMSIM_SOURCE_DIR
#define CAMSIM_SOURCE_DIR "."
#endif
#ifndef CAMSIM_CLI_PATH
#define CAMSIM_CLI_PATH ""
#endif

#define MAX_POLICIES 16
#define MAX_CONTEXT 64
#define MAX_VALUES 64
#define MAX_MATCHES 64

static bool write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(text, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* ---- one case ----------------------------------------------------------- */

/* A policy as text: raw strings are used verbatim (invalid-policy cases),
 * objects are serialized with cJSON_PrintUnformatted. Caller frees. */
static char *policy_text(const cJSON *item)
{
    if (cJSON_IsString(item))
        return strdup(item->valuestring);
    return cJSON_PrintUnformatted(item);
}

/* Context value text: string as is, number as integer text. */
static bool value_text(const cJSON *v, char *buf, size_t cap)
{
    if (cJSON_IsString(v)) {
        snprintf(buf, cap, "%s", v->valuestring);
        return true;
    }
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d == floor(d) && fabs(d) < 9e15)
            snprintf(buf, cap, "%lld", (long long)d);
        else
            snprintf(buf, cap, "%.17g", d);
        return true;
    }
    return false;
}

typedef struct context_store {
    camsim_context_entry entries[MAX_CONTEXT];
    const char *values[MAX_CONTEXT][MAX_VALUES];
    char *owned[MAX_CONTEXT * MAX_VALUES];
    size_t owned_count;
    size_t count;
} context_store;

static void context_free(context_store *cs)
{
    for (size_t i = 0; i < cs->owned_count; i++)
        free(cs->owned[i]);
    cs->owned_count = 0;
    cs->count = 0;
}

static bool context_build(const cJSON *ctx, context_store *cs, cli_buf *why)
{
    memset(cs, 0, sizeof *cs);
    if (!ctx)
        return true;
    if (!cJSON_IsObject(ctx)) {
        cli_buf_printf(why, "  case error: request.context is not an object\n");
        return false;
    }
    const cJSON *kv;
    cJSON_ArrayForEach(kv, ctx)
    {
        if (cs->count == MAX_CONTEXT) {
            cli_buf_printf(why, "  case error: too many context keys\n");
            return false;
        }
        camsim_context_entry *e = &cs->entries[cs->count];
        e->key = kv->string;
        e->values = cs->values[cs->count];
        size_t n = 0;
        const cJSON *one = kv;
        bool array = cJSON_IsArray(kv);
        const cJSON *it = array ? kv->child : one;
        for (; it; it = array ? it->next : NULL) {
            char buf[1024];
            if (n == MAX_VALUES || !value_text(it, buf, sizeof buf)) {
                cli_buf_printf(why, "  case error: bad context value for \"%s\"\n", kv->string);
                return false;
            }
            char *copy = strdup(buf);
            cs->owned[cs->owned_count++] = copy;
            cs->values[cs->count][n++] = copy;
        }
        e->count = n;
        cs->count++;
    }
    return true;
}

typedef struct expectation {
    bool is_error;
    const char *error_kind;  /* "policy" or "request" */
    const char *error_path;  /* NULL: not checked */
    const char *decision;
    const char *reason;
    const cJSON *matched;    /* NULL: not checked */
} expectation;

static bool expectation_read(const cJSON *e, expectation *x, cli_buf *why)
{
    memset(x, 0, sizeof *x);
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(e, "error");
    if (cJSON_IsString(err)) {
        x->is_error = true;
        x->error_kind = err->valuestring;
        const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
        x->error_path = cJSON_IsString(path) ? path->valuestring : NULL;
        return true;
    }
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "decision");
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "reason");
    if (!cJSON_IsString(d) || !cJSON_IsString(r)) {
        cli_buf_printf(why, "  case error: expect needs decision and reason, or error\n");
        return false;
    }
    x->decision = d->valuestring;
    x->reason = r->valuestring;
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "matched");
    x->matched = cJSON_IsArray(m) ? m : NULL;
    return true;
}

/* Is (policy, statement) among the expected matched pairs? */
static bool expected_pair(const cJSON *matched, long policy, long statement)
{
    const cJSON *pair;
    cJSON_ArrayForEach(pair, matched)
    {
        const cJSON *p = cJSON_GetArrayItem(pair, 0);
        const cJSON *s = cJSON_GetArrayItem(pair, 1);
        if (cJSON_IsNumber(p) && cJSON_IsNumber(s) && (long)p->valuedouble == policy &&
            (long)s->valuedouble == statement)
            return true;
    }
    return false;
}

/* Compare observed pairs (as a set) with the expected ones. */
static bool pairs_equal(const cJSON *matched, const long (*pairs)[2], size_t n)
{
    if ((size_t)cJSON_GetArraySize(matched) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!expected_pair(matched, pairs[i][0], pairs[i][1]))
            return false;
    return true;
}

static void pairs_print(cli_buf *sb, const long (*pairs)[2], size_t n)
{
    cli_buf_printf(sb, "[");
    for (size_t i = 0; i < n; i++)
        cli_buf_printf(sb, "%s[%ld,%ld]", i ? "," : "", pairs[i][0], pairs[i][1]);
    cli_buf_printf(sb, "]");
}

typedef struct test_case {
    const char *name;
    const cJSON *policies;
    const cJSON *boundary;
    const cJSON *request;
    expectation expect;
    const char *action, *resource, *owner_uin, *principal;
    const cJSON *context;
} test_case;

static const char *opt_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- (a) the library ---------------------------------------------------- */

static bool run_library(const test_case *tc, cli_buf *why)
{
    camsim_policy *pols[MAX_POLICIES] = {0};
    camsim_policy *boundary = NULL;
    size_t n = 0;
    bool ok = false;
    context_store *cs = calloc(1, sizeof *cs);
    if (!cs)
        abort();
    const expectation *x = &tc->expect;

    size_t total = (size_t)cJSON_GetArraySize(tc->policies) + (tc->boundary ? 1 : 0);
    for (size_t i = 0; i < total; i++) {
        bool is_boundary = i == (size_t)cJSON_GetArraySize(tc->policies);
        const cJSON *item = is_boundary ? tc->boundary : cJSON_GetArrayItem(tc->policies, (int)i);
        char *text = policy_text(item);
        camsim_error err;
        memset(&err, 0, sizeof err);
        camsim_policy *p = text ? camsim_policy_parse(text, strlen(text), &err) : NULL;
        free(text);
        if (!p) {
            if (x->is_error && strcmp(x->error_kind, "policy") == 0) {
                if (x->error_path && strcmp(err.path, x->error_path) != 0) {
                    cli_buf_printf(why, "  [lib] %s %zu rejected at path \"%s\", expected \"%s\" (%s: %s)\n",
                              is_boundary ? "boundary" : "policy", i, err.path, x->error_path,
                              camsim_code_name(err.code), err.message);
                    goto done;
                }
                if (err.message[0] == '\0') {
                    cli_buf_printf(why, "  [lib] policy error without a message\n");
                    goto done;
                }
                ok = true;
                goto done;
            }
            cli_buf_printf(why, "  [lib] %s %zu rejected: %s at \"%s\": %s\n",
                      is_boundary ? "boundary" : "policy", i, camsim_code_name(err.code), err.path,
                      err.message);
            goto done;
        }
        if (is_boundary)
            boundary = p;
        else
            pols[n++] = p;
    }
    if (x->is_error && strcmp(x->error_kind, "policy") == 0) {
        cli_buf_printf(why, "  [lib] every policy was accepted; expected a policy error%s%s\n",
                  x->error_path ? " at " : "", x->error_path ? x->error_path : "");
        goto done;
    }

    if (!context_build(tc->context, cs, why))
        goto done;
    camsim_request req;
    memset(&req, 0, sizeof req);
    req.action = tc->action;
    req.resource = tc->resource;
    req.owner_uin = tc->owner_uin;
    req.principal = tc->principal;
    req.context = cs->entries;
    req.context_count = cs->count;

    camsim_match matches[MAX_MATCHES];
    camsim_decision d;
    memset(&d, 0, sizeof d);
    d.matches = matches;
    d.match_capacity = MAX_MATCHES;
    camsim_error err;
    memset(&err, 0, sizeof err);
    const camsim_policy *cp[MAX_POLICIES];
    for (size_t i = 0; i < n; i++)
        cp[i] = pols[i];
    camsim_code rc = camsim_evaluate(cp, n, boundary, &req, &d, &err);

    if (x->is_error) {
        if (rc == CAMSIM_OK) {
            cli_buf_printf(why, "  [lib] evaluated to %s/%s; expected a request error\n",
                      camsim_effect_name(d.decision), camsim_reason_name(d.reason));
            goto done;
        }
        if (rc != CAMSIM_E_REQUEST) {
            cli_buf_printf(why, "  [lib] error %s, expected request (%s)\n", camsim_code_name(rc),
                      err.message);
            goto done;
        }
        if (d.decision != CAMSIM_DENY) {
            cli_buf_printf(why, "  [lib] error but decision allow\n");
            goto done;
        }
        if (x->error_path && strcmp(err.path, x->error_path) != 0) {
            cli_buf_printf(why, "  [lib] request error path \"%s\", expected \"%s\"\n", err.path,
                      x->error_path);
            goto done;
        }
        ok = true;
        goto done;
    }
    if (rc != CAMSIM_OK) {
        cli_buf_printf(why, "  [lib] evaluate failed: %s at \"%s\": %s\n", camsim_code_name(rc), err.path,
                  err.message);
        goto done;
    }
    const char *dec = camsim_effect_name(d.decision);
    const char *rea = camsim_reason_name(d.reason);
    long pairs[MAX_MATCHES][2];
    size_t np = d.match_count < MAX_MATCHES ? d.match_count : MAX_MATCHES;
    for (size_t i = 0; i < np; i++) {
        pairs[i][0] = (long)matches[i].policy;
        pairs[i][1] = (long)matches[i].statement;
    }
    bool good = strcmp(dec, x->decision) == 0 && strcmp(rea, x->reason) == 0;
    if (good && x->matched)
        good = d.match_count <= MAX_MATCHES && pairs_equal(x->matched, (const long(*)[2])pairs, np);
    /* Every stored match has the effect that decided. */
    for (size_t i = 0; good && i < np; i++)
        if (matches[i].effect != (d.reason == CAMSIM_REASON_EXPLICIT_DENY ? CAMSIM_DENY : CAMSIM_ALLOW))
            good = false;
    if (!good) {
        cli_buf_printf(why, "  [lib] observed %s/%s matched ", dec, rea);
        pairs_print(why, (const long(*)[2])pairs, np);
        cli_buf_printf(why, " (match_count %zu)\n", d.match_count);
        goto done;
    }
    ok = true;
done:
    context_free(cs);
    free(cs);
    for (size_t i = 0; i < n; i++)
        camsim_policy_free(pols[i]);
    camsim_policy_free(boundary);
    return ok;
}

/* ---- (b) the command line ---------------------------------------------- */

typedef struct cli_env {
    const char *binary;
    char dir[256];
} cli_env;

typedef struct argv_list {
    char *v[512];
    size_t n;
} argv_list;

static void argv_push(argv_list *a, const char *s)
{
    if (a->n + 1 < sizeof a->v / sizeof a->v[0])
        a->v[a->n++] = strdup(s);
    a->v[a->n] = NULL;
}

static void argv_free(argv_list *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    a->n = 0;
}

static int spawn(const argv_list *a, const char *out_path, const char *err_path)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || in < 0)
            _exit(127);
        dup2(in, 0);
        dup2(o, 1);
        dup2(e, 2);
        execv(a->v[0], a->v);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void cmdline_print(cli_buf *sb, const argv_list *a)
{
    cli_buf_printf(sb, "  [cli] command:");
    for (size_t i = 0; i < a->n; i++)
        cli_buf_printf(sb, " '%s'", a->v[i]);
    cli_buf_printf(sb, "\n");
}

/* Returns 1 pass, 0 fail, -1 skipped (the case cannot be expressed). */
static int run_cli(const cli_env *env, const test_case *tc, cli_buf *why)
{
    const expectation *x = &tc->expect;
    size_t np = (size_t)cJSON_GetArraySize(tc->policies);
    if (np == 0)
        return -1; /* `camsim eval` needs at least one --policy */
    argv_list a = {0};
    argv_push(&a, env->binary);
    argv_push(&a, "eval");
    char names[MAX_POLICIES + 1][64];
    char path[sizeof env->dir + sizeof names[0] + 2];
    for (size_t i = 0; i <= np; i++) {
        const cJSON *item = i < np ? cJSON_GetArrayItem(tc->policies, (int)i) : tc->boundary;
        if (!item)
            continue;
        if (i < np)
            snprintf(names[i], sizeof names[i], "f%zu.json", i);
        else
            snprintf(names[i], sizeof names[i], "boundary.json");
        int w = snprintf(path, sizeof path, "%s/%s", env->dir, names[i]);
        if (w < 0 || (size_t)w >= sizeof path) {
            cli_buf_printf(why, "  [cli] temp path too long\n");
            argv_free(&a);
            return 0;
        }
        char *text = policy_text(item);
        if (!text || !write_file(path, text, strlen(text))) {
            free(text);
            cli_buf_printf(why, "  [cli] cannot write %s\n", path);
            argv_free(&a);
            return 0;
        }
        free(text);
        argv_push(&a, i < np ? "--policy" : "--boundary");
        argv_push(&a, path);
    }
    argv_push(&a, "--action");
    argv_push(&a, tc->action);
    if (tc->resource) {
        argv_push(&a, "--resource");
        argv_push(&a, tc->resource);
    }
    if (tc->context) {
        const cJSON *kv;
        cJSON_ArrayForEach(kv, tc->context)
        {
            bool array = cJSON_IsArray(kv);
            for (const cJSON *it = array ? kv->child : kv; it; it = array ? it->next : NULL) {
                char val[1024], arg[2048];
                if (!value_text(it, val, sizeof val))
                    continue;
                snprintf(arg, sizeof arg, "%s=%s", kv->string, val);
                argv_push(&a, "--context");
                argv_push(&a, arg);
            }
        }
    }
    if (tc->owner_uin) {
        argv_push(&a, "--owner-uin");
        argv_push(&a, tc->owner_uin);
    }
    if (tc->principal) {
        argv_push(&a, "--principal");
        argv_push(&a, tc->principal);
    }

    char out_path[512], err_path[512];
    snprintf(out_path, sizeof out_path, "%s/stdout", env->dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", env->dir);
    int code = spawn(&a, out_path, err_path);
    cli_buf out_buf = {0}, err_buf = {0};
    char *out = cli_read_file(out_path, &out_buf) == 0 ? out_buf.data : NULL;
    char *errs = cli_read_file(err_path, &err_buf) == 0 ? err_buf.data : NULL;
    int ok = 0;

    if (x->is_error) {
        if (code != 2) {
            cli_buf_printf(why, "  [cli] exit %d, expected 2 (a %s error)\n", code, x->error_kind);
            goto fail;
        }
        if (out && out[0] != '\0') {
            cli_buf_printf(why, "  [cli] error exit but stdout is not empty\n");
            goto fail;
        }
        if (!errs || errs[0] == '\0') {
            cli_buf_printf(why, "  [cli] error exit without a message on stderr\n");
            goto fail;
        }
        if (strcmp(x->error_kind, "policy") == 0) {
            if (!strstr(errs, ".json")) {
                cli_buf_printf(why, "  [cli] stderr does not name the policy file\n");
                goto fail;
            }
            if (x->error_path && x->error_path[0] && !strstr(errs, x->error_path)) {
                cli_buf_printf(why, "  [cli] stderr does not name the JSON path %s\n", x->error_path);
                goto fail;
            }
        }
        ok = 1;
        goto done;
    }

    int want_code = strcmp(x->decision, "allow") == 0 ? 0 : 1;
    cJSON *j = out ? cJSON_Parse(out) : NULL;
    if (!j || !cJSON_IsObject(j)) {
        cli_buf_printf(why, "  [cli] exit %d; stdout is not one JSON object\n", code);
        cJSON_Delete(j);
        goto fail;
    }
    const char *dec = opt_string(j, "decision");
    const char *rea = opt_string(j, "reason");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "matched");
    long pairs[MAX_MATCHES][2];
    size_t n = 0;
    bool good = code == want_code && dec && rea && strcmp(dec, x->decision) == 0 &&
                strcmp(rea, x->reason) == 0 && cJSON_IsArray(m);
    const char *want_effect = strcmp(x->reason, "explicit_deny") == 0 ? "deny" : "allow";
    if (cJSON_IsArray(m)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, m)
        {
            const char *file = opt_string(it, "policy");
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(it, "statement");
            const char *eff = opt_string(it, "effect");
            long idx = -1;
            for (size_t i = 0; file && i <= np; i++)
                if ((i < np || tc->boundary) && strcmp(base_name(file), names[i]) == 0)
                    idx = (long)i;
            if (idx < 0 || !cJSON_IsNumber(st) || !eff || strcmp(eff, want_effect) != 0)
                good = false;
            if (n < MAX_MATCHES) {
                pairs[n][0] = idx;
                pairs[n][1] = cJSON_IsNumber(st) ? (long)st->valuedouble : -1;
                n++;
            }
        }
    }
    if (good && x->matched)
        good = pairs_equal(x->matched, (const long(*)[2])pairs, n);
    if (!good) {
        cli_buf_printf(why, "  [cli] exit %d (expected %d); observed %s/%s matched ", code, want_code,
                  dec ? dec : "?", rea ? rea : "?");
        pairs_print(why, (const long(*)[2])pairs, n);
        cli_buf_printf(why, "\n");
        cJSON_Delete(j);
        goto fail;
    }
    cJSON_Delete(j);
    ok = 1;
    goto done;
fail:
    cmdline_print(why, &a);
    cli_buf_printf(why, "  [cli] stdout: %s\n  [cli] stderr: %s\n", out ? out : "", errs ? errs : "");
done:
    cli_buf_free(&out_buf);
    cli_buf_free(&err_buf);
    argv_free(&a);
    return ok;
}

/* ---- driver -------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void print_case(const cJSON *c, const char *file)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
    const cJSON *spec = cJSON_GetObjectItemCaseSensitive(c, "spec");
    printf("FAIL %s (%s)\n", cJSON_IsString(name) ? name->valuestring : "?", file);
    printf("  spec: %s\n", cJSON_IsString(spec) ? spec->valuestring : "?");
    const char *keys[] = {"policies", "boundary", "request", "expect"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, keys[i]);
        if (!v)
            continue;
        if (strcmp(keys[i], "policies") == 0) {
            int k = 0;
            const cJSON *p;
            cJSON_ArrayForEach(p, v)
            {
                char *t = policy_text(p);
                printf("  policy %d: %s\n", k++, t ? t : "?");
                free(t);
            }
            continue;
        }
        char *t = cJSON_PrintUnformatted(v);
        printf("  %s: %s\n", keys[i], t ? t : "?");
        free(t);
    }
}

int main(int argc, char **argv)
{
    bool use_cli = true;
    const char *filter = NULL;
    const char *cli_path = CAMSIM_CLI_PATH;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-cli") == 0)
            use_cli = false;
        else if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
            cli_path = argv[++i];
        else
            filter = argv[i];
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    env.binary = cli_path;
    if (use_cli && (cli_path[0] == '\0' || access(cli_path, X_OK) != 0)) {
        printf("NOTE: CLI half skipped: the camsim binary does not exist at \"%s\" "
               "(build target `camsim` first)\n",
               cli_path);
        use_cli = false;
    }
    if (use_cli) {
        const char *tmp = getenv("TMPDIR");
        snprintf(env.dir, sizeof env.dir, "%s/camsim-conf-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(env.dir)) {
            printf("cannot create a temporary directory: %s\n", strerror(errno));
            return 2;
        }
    }

    const char *dir_path = CAMSIM_SOURCE_DIR "/tests/conformance";
    DIR *dir = opendir(dir_path);
    if (!dir) {
        printf("cannot open %s: %s\n", dir_path, strerror(errno));
        return 2;
    }
    char *files[256];
    size_t nfiles = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL && nfiles < 256) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0)
            files[nfiles++] = strdup(de->d_name);
    }
    closedir(dir);
    qsort(files, nfiles, sizeof files[0], cmp_str);

    size_t passed = 0, failed = 0, lib_fail = 0, cli_fail = 0, cli_run = 0, cli_skipped = 0;
    for (size_t f = 0; f < nfiles; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir_path, files[f]);
        cli_buf text = {0};
        cJSON *root = cli_read_file(path, &text) == 0 ? cJSON_ParseWithLength(text.data, text.len)
                                                      : NULL;
        cli_buf_free(&text);
        if (!cJSON_IsArray(root)) {
            printf("FAIL %s: not a JSON array of cases\n", files[f]);
            failed++;
            cJSON_Delete(root);
            continue;
        }
        const cJSON *c;
        cJSON_ArrayForEach(c, root)
        {
            cli_buf why = {0};
            test_case tc;
            memset(&tc, 0, sizeof tc);
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
            tc.name = cJSON_IsString(name) ? name->valuestring : "?";
            if (filter && !strstr(tc.name, filter))
                continue;
            tc.policies = cJSON_GetObjectItemCaseSensitive(c, "policies");
            tc.boundary = cJSON_GetObjectItemCaseSensitive(c, "boundary");
            tc.request = cJSON_GetObjectItemCaseSensitive(c, "request");
            bool ok = cJSON_IsArray(tc.policies) && cJSON_IsObject(tc.request) &&
                      cJSON_GetArraySize(tc.policies) <= MAX_POLICIES &&
                      expectation_read(cJSON_GetObjectItemCaseSensitive(c, "expect"), &tc.expect, &why);
            if (ok) {
                tc.action = opt_string(tc.request, "action");
                tc.resource = opt_string(tc.request, "resource");
                tc.owner_uin = opt_string(tc.request, "owner_uin");
                tc.principal = opt_string(tc.request, "principal");
                tc.context = cJSON_GetObjectItemCaseSensitive(tc.request, "context");
                if (!tc.action) {
                    cli_buf_printf(&why, "  case error: request.action missing\n");
                    ok = false;
                }
            } else if (why.len == 0) {
                cli_buf_printf(&why, "  case error: malformed case\n");
            }
            if (ok && !run_library(&tc, &why)) {
                ok = false;
                lib_fail++;
            }
            if (use_cli && tc.action && cJSON_IsArray(tc.policies)) {
                int r = run_cli(&env, &tc, &why);
                if (r < 0) {
                    cli_skipped++;
                } else {
                    cli_run++;
                    if (r == 0) {
                        ok = false;
                        cli_fail++;
                    }
                }
            }
            if (ok) {
                passed++;
            } else {
                failed++;
                print_case(c, files[f]);
                printf("%s", (why.data ? why.data : ""));
            }
            cli_buf_free(&why);
        }
        cJSON_Delete(root);
    }
    for (size_t f = 0; f < nfiles; f++)
        free(files[f]);
    if (use_cli) {
        const char *leftovers[] = {"stdout", "stderr", "boundary.json"};
        char path[512];
        for (size_t i = 0; i < sizeof leftovers / sizeof leftovers[0]; i++) {
            snprintf(path, sizeof path, "%s/%s", env.dir, leftovers[i]);
            unlink(path);
        }
        for (int i = 0; i < MAX_POLICIES; i++) {
            snprintf(path, sizeof path, "%s/f%d.json", env.dir, i);
            unlink(path);
        }
        rmdir(env.dir);
        printf("library failures: %zu; CLI: %zu run, %zu failed, %zu not expressible "
               "(no --policy)\n",
               lib_fail, cli_run, cli_fail, cli_skipped);
    } else {
        printf("library failures: %zu; CLI half skipped\n", lib_fail);
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
