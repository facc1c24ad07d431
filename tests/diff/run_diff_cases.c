/* run_diff_cases.c: the diff conformance cases (tests/diff/cases.json).
 * Each case gives an old and a new policy set (optional boundaries) and the
 * expected verdict of camsim_diff (the question "what does new allow that
 * old does not"), optionally of the reverse question ("removed") and of
 * single actions, and for "unknown" the JSON path reported. For every case
 * the runner also checks that every witness is allowed by the new set and
 * denied by the old one (engine), and that each set compared with itself
 * has no new access. In allocation-failure builds (CAMSIM_FAULT_INJECTION,
 * the asan preset) every allocation of each case's diff fails in turn, and
 * each failure must give NULL with CAMSIM_E_NOMEM: never a verdict, since
 * a swallowed failure could read as "no new access". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "diff.h"
#include "fault.h"

static int failures;

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "FAIL [%s]: ", name);                                                      \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        failures++;                                                                                \
    } while (0)

typedef struct set {
    camsim_policy *policies[8];
    size_t count;
    camsim_policy *boundary;
} set;

static camsim_policy *compile(const cJSON *doc, const char *name)
{
    char *text = cJSON_PrintUnformatted(doc);
    camsim_error err;
    camsim_policy *p = text ? camsim_policy_parse(text, strlen(text), &err) : NULL;
    if (!p)
        fprintf(stderr, "FAIL [%s]: policy does not compile: %s %s\n", name, err.path, err.message);
    free(text);
    return p;
}

static bool load_set(const cJSON *c, const char *list, const char *boundary, set *s,
                     const char *name)
{
    memset(s, 0, sizeof *s);
    const cJSON *doc;
    cJSON_ArrayForEach(doc, cJSON_GetObjectItemCaseSensitive(c, list))
    {
        if (s->count == 8 || !(s->policies[s->count] = compile(doc, name)))
            return false;
        s->count++;
    }
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(c, boundary);
    if (b && !(s->boundary = compile(b, name)))
        return false;
    return true;
}

static void free_set(set *s)
{
    for (size_t i = 0; i < s->count; i++)
        camsim_policy_free(s->policies[i]);
    camsim_policy_free(s->boundary);
}

static camsim_diff_set view(const set *s)
{
    return (camsim_diff_set){(const camsim_policy *const *)s->policies, s->count, s->boundary};
}

static const char *verdict_name(camsim_diff_verdict v)
{
    return v == CAMSIM_DIFF_NEW_ACCESS ? "new_access" : v == CAMSIM_DIFF_UNKNOWN ? "unknown"
                                                                                 : "no_new_access";
}

static int decide(const camsim_diff_set *s, const camsim_request *r)
{
    camsim_decision d = {0};
    camsim_error err;
    if (camsim_evaluate(s->policies, s->count, s->boundary, r, &d, &err) != CAMSIM_OK)
        return -1;
    return d.decision == CAMSIM_ALLOW;
}

static camsim_diff_result *run(const char *name, const camsim_diff_set *from,
                               const camsim_diff_set *to)
{
    camsim_error err;
    camsim_diff_result *r = camsim_diff(from, to, NULL, &err);
    if (!r) {
        FAIL("camsim_diff failed: %s", err.message);
        return NULL;
    }
    for (size_t i = 0; i < r->count; i++) {
        const camsim_diff_action *a = &r->actions[i];
        if (a->verdict == CAMSIM_DIFF_NEW_ACCESS &&
            (decide(to, &a->witness.request) != 1 || decide(from, &a->witness.request) != 0))
            FAIL("witness for %s not confirmed by the engine", a->witness.action);
    }
    return r;
}

static void check_self(const char *name, const set *s)
{
    camsim_diff_set v = view(s);
    camsim_diff_result *r = run(name, &v, &v);
    if (r && r->verdict != CAMSIM_DIFF_NO_NEW_ACCESS)
        FAIL("a set compared with itself: %s", verdict_name(r->verdict));
    camsim_diff_result_free(r);
}

static const camsim_diff_action *find_action(const camsim_diff_result *r, const char *action)
{
    const camsim_action_info *info = camsim_catalog_find(action);
    for (size_t i = 0; info && i < r->count; i++)
        if (camsim_catalog_at(r->actions[i].catalog_index) == info)
            return &r->actions[i];
    return NULL;
}

static void check_expectations(const cJSON *c, const char *name, const camsim_diff_result *r)
{
    const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "expect"));
    if (want && strcmp(want, verdict_name(r->verdict)) != 0)
        FAIL("verdict %s, want %s", verdict_name(r->verdict), want);
    const cJSON *kv;
    cJSON_ArrayForEach(kv, cJSON_GetObjectItemCaseSensitive(c, "actions"))
    {
        const camsim_diff_action *a = find_action(r, kv->string);
        if (!a)
            FAIL("no catalog action %s", kv->string);
        else if (strcmp(verdict_name(a->verdict), cJSON_GetStringValue(kv)) != 0)
            FAIL("%s: %s, want %s", kv->string, verdict_name(a->verdict), cJSON_GetStringValue(kv));
    }
    const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "unknown_path"));
    for (size_t i = 0; path && i < r->count; i++)
        if (r->actions[i].verdict == CAMSIM_DIFF_UNKNOWN &&
            strcmp(r->actions[i].where.path, path) != 0)
            FAIL("unknown at %s, want %s", r->actions[i].where.path, path);
    cJSON_ArrayForEach(kv, cJSON_GetObjectItemCaseSensitive(c, "witness_resource"))
    {
        const camsim_diff_action *a = find_action(r, kv->string);
        if (!a || a->verdict != CAMSIM_DIFF_NEW_ACCESS || !a->witness.resource ||
            strcmp(a->witness.resource, cJSON_GetStringValue(kv)) != 0)
            FAIL("%s: witness resource %s, want %s", kv->string,
                 a && a->verdict == CAMSIM_DIFF_NEW_ACCESS && a->witness.resource
                     ? a->witness.resource : "(none)",
                 cJSON_GetStringValue(kv));
    }
    const char *side = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "unknown_side"));
    for (size_t i = 0; side && i < r->count; i++)
        if (r->actions[i].verdict == CAMSIM_DIFF_UNKNOWN &&
            strcmp(r->actions[i].where.side ? "new" : "old", side) != 0)
            FAIL("unknown in the %s set, want the %s set", r->actions[i].where.side ? "new" : "old",
                 side);
}

/* Allocation n of camsim_diff(from, to) fails, for every n the clean run
 * makes: the answer is NULL with CAMSIM_E_NOMEM each time; one past the
 * end, the clean verdict again. */
static void check_alloc_failures(const char *name, const camsim_diff_set *from,
                                 const camsim_diff_set *to)
{
#if CAMSIM_FAULT_INJECTION
    camsim_error err;
    camsim_fault_set(0);
    camsim_diff_result *clean = camsim_diff(from, to, NULL, &err);
    size_t calls = camsim_fault_count();
    if (!clean || calls == 0) {
        FAIL("%s", clean ? "no allocation counted: the diff bypasses fault injection"
                         : "camsim_diff failed with no allocation failing");
        camsim_diff_result_free(clean);
        return;
    }
    for (size_t n = 1; n <= calls + 1; n++) {
        memset(&err, 0, sizeof err);
        camsim_fault_set(n);
        camsim_diff_result *r = camsim_diff(from, to, NULL, &err);
        bool fired = camsim_fault_fired();
        camsim_fault_set(0);
        if (n <= calls && (!fired || r || err.code != CAMSIM_E_NOMEM))
            FAIL("allocation %zu of %zu failing: %s", n, calls,
                 r ? verdict_name(r->verdict) : camsim_code_name(err.code));
        if (n > calls && (fired || !r || r->verdict != clean->verdict))
            FAIL("no allocation failing, yet not the clean verdict");
        camsim_diff_result_free(r);
    }
    camsim_diff_result_free(clean);
#else
    (void)name, (void)from, (void)to;
#endif
}

static void run_case(const cJSON *c)
{
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    set old, new;
    if (load_set(c, "old", "old_boundary", &old, name) &&
        load_set(c, "new", "new_boundary", &new, name)) {
        camsim_diff_set o = view(&old), n = view(&new);
        camsim_diff_result *r = run(name, &o, &n);
        if (r)
            check_expectations(c, name, r);
        camsim_diff_result_free(r);
        check_alloc_failures(name, &o, &n);
        const char *removed =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "removed"));
        if (removed) {
            r = run(name, &n, &o);
            if (r && strcmp(removed, verdict_name(r->verdict)) != 0)
                FAIL("removed: %s, want %s", verdict_name(r->verdict), removed);
            camsim_diff_result_free(r);
        }
        check_self(name, &old);
        check_self(name, &new);
    } else {
        failures++;
    }
    free_set(&old);
    free_set(&new);
}

/* Sets larger than any case: 2,000 distinct statements, so that the table
 * of statement identities grows twice (diff/identity.c; with these texts a
 * probe reaches the last slot, so a table one slot short is an ASan report).
 * The new set adds one application; only that statement is an anchor. */
static camsim_policy *many_statements(size_t n, bool extra)
{
    size_t cap = 64 + (n + 1) * 128;
    char *doc = malloc(cap);
    if (!doc)
        return NULL;
    size_t k = (size_t)snprintf(doc, cap, "{\"version\":\"2.0\",\"statement\":[");
    for (size_t i = 0; i < n + extra; i++)
        k += (size_t)snprintf(doc + k, cap - k,
                              "%s{\"effect\":\"allow\",\"action\":\"trtc:DismissRoom\",\"resource\":"
                              "\"qcs::trtc::uin/100001:sdkappid/%zu\"}",
                              i ? "," : "", 1400000000 + i);
    snprintf(doc + k, cap - k, "]}");
    camsim_error err;
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), &err);
    free(doc);
    return p;
}

static void run_many_statements(void)
{
    const char *name = "many_statements";
    camsim_policy *old = many_statements(2000, false), *new = many_statements(2000, true);
    if (!old || !new) {
        FAIL("the generated policies do not compile");
    } else {
        camsim_diff_set o = {(const camsim_policy *const *)&old, 1, NULL};
        camsim_diff_set n = {(const camsim_policy *const *)&new, 1, NULL};
        camsim_diff_result *r = run(name, &o, &n);
        const camsim_diff_action *a = r ? find_action(r, "trtc:DismissRoom") : NULL;
        if (r && (r->verdict != CAMSIM_DIFF_NEW_ACCESS || !a ||
                  a->verdict != CAMSIM_DIFF_NEW_ACCESS || !a->witness.resource ||
                  strcmp(a->witness.resource, "qcs::trtc::uin/100001:sdkappid/1400002000") != 0))
            FAIL("want new access for trtc:DismissRoom on application 1400002000");
        camsim_diff_result_free(r);
        r = run(name, &n, &o);
        if (r && r->verdict != CAMSIM_DIFF_NO_NEW_ACCESS)
            FAIL("removed: %s, want no_new_access", verdict_name(r->verdict));
        camsim_diff_result_free(r);
    }
    camsim_policy_free(old);
    camsim_policy_free(new);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/diff/cases.json";
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 2;
    }
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    cJSON *cases = cJSON_Parse(buf);
    if (!cJSON_IsArray(cases)) {
        fprintf(stderr, "%s: not a JSON array\n", path);
        return 2;
    }
    int count = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cases)
    {
        run_case(c);
        count++;
    }
    cJSON_Delete(cases);
    run_many_statements();
    count++;
    printf("%d diff cases, %d failures\n", count, failures);
    return failures ? 1 : 0;
}
