/* test_threads.c: two threads compile, evaluate and free policies at once.
 *
 * Each thread, over and over: compiles a policy of its own (small ones,
 * whose blocks go through the cache's lock-free slots, and now and then a
 * large one, whose blocks go through its mutex-guarded lists), evaluates
 * requests against it, against a compiled policy both threads share, and
 * against both together, checks every decision, and frees its policy. One
 * thread also gives the cache's memory back now and then
 * (camsim_release_memory) while the other takes and returns blocks. So a
 * block freed by one thread is often compiled into by the other.
 *
 * Run by every preset; under the tsan preset (label "threads",
 * TSAN_OPTIONS=halt_on_error=1) a data race in the cache, the arena or the
 * evaluator fails it, as does a wrong decision anywhere. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit_util.h"

#include "block_cache.h"
#include "camsim/camsim.h"

enum { ROUNDS = 400, LARGE_EVERY = 4, LARGE_STATEMENTS = 1500 };

/* Shared by both threads: allow trtc:* in account 100001 from 10.0.0.0/8,
 * but never DismissRoom in application 1400000002. */
static const char shared_doc[] =
    "{\"version\":\"2.0\",\"statement\":["
    "{\"effect\":\"allow\",\"action\":[\"trtc:*\"],"
    "\"resource\":[\"qcs::trtc::uin/100001:sdkappid/*\"],"
    "\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\"]}}},"
    "{\"effect\":\"deny\",\"action\":[\"trtc:DismissRoom\"],"
    "\"resource\":[\"qcs::trtc::uin/100001:sdkappid/1400000002\"]}]}";

static const camsim_policy *shared_policy;

typedef struct worker {
    int id;
    const char *large_doc; /* LARGE_STATEMENTS statements, built before the threads start */
    size_t large_len;
    char failure[640];     /* empty when every check passed */
} worker;

static bool failed(worker *w, int round, const char *what)
{
    snprintf(w->failure, sizeof w->failure, "thread %d, round %d: %s", w->id, round, what);
    return false;
}

/* One evaluation; true when it succeeded with the expected effect. */
static bool decide(const camsim_policy *const *set, size_t n, const char *action,
                   const char *resource, const char *ip, camsim_effect expect)
{
    const char *ips[] = {ip};
    camsim_context_entry ctx[] = {{"qcs:ip", ips, 1}};
    camsim_request req = {action, resource, NULL, NULL, ctx, ip ? 1 : 0};
    camsim_match matches[4];
    camsim_decision d = {.matches = matches, .match_capacity = 4};
    camsim_error err;
    return camsim_evaluate(set, n, NULL, &req, &d, &err) == CAMSIM_OK && d.decision == expect;
}

static const char app1[] = "qcs::trtc::uin/100001:sdkappid/1400000001";
static const char app2[] = "qcs::trtc::uin/100001:sdkappid/1400000002";
static const char other[] = "qcs::trtc::uin/200002:sdkappid/1400000001";

static bool one_round(worker *w, int round)
{
    bool large = round % LARGE_EVERY == LARGE_EVERY - 1;
    /* A small policy of this thread's own: allow one action, in the
     * application whose number depends on the thread and the round. */
    char doc[512];
    char app[64];
    snprintf(app, sizeof app, "qcs::trtc::uin/100001:sdkappid/%d", 1500000000 + w->id * 1000 + round);
    int len = snprintf(doc, sizeof doc,
                       "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\","
                       "\"action\":\"trtc:DescribeRoomInfo\",\"resource\":\"%s\"}}",
                       app);
    camsim_error err;
    camsim_policy *own = large ? camsim_policy_parse(w->large_doc, w->large_len, &err)
                               : camsim_policy_parse(doc, (size_t)len, &err);
    if (!own)
        return failed(w, round, err.message);

    const camsim_policy *shared[] = {shared_policy};
    const camsim_policy *mine[] = {own};
    const camsim_policy *both[] = {own, shared_policy};
    bool ok = true;
    /* The shared policy alone. */
    ok = ok && decide(shared, 1, "trtc:DismissRoom", app1, "10.1.2.3", CAMSIM_ALLOW);
    ok = ok && decide(shared, 1, "trtc:DismissRoom", app2, "10.1.2.3", CAMSIM_DENY);
    ok = ok && decide(shared, 1, "trtc:DismissRoom", app1, "11.1.2.3", CAMSIM_DENY);
    ok = ok && decide(shared, 1, "trtc:DismissRoom", other, "10.1.2.3", CAMSIM_DENY);
    if (!ok)
        return failed(w, round, "a decision of the shared policy is wrong");
    /* This thread's own policy alone, then with the shared one. */
    if (large) {
        /* Statement i allows trtc:DescribeRoomInfo in application 1600000000 + i. */
        ok = ok && decide(mine, 1, "trtc:DescribeRoomInfo",
                          "qcs::trtc::uin/100001:sdkappid/1600000007", NULL, CAMSIM_ALLOW);
        ok = ok && decide(mine, 1, "trtc:DescribeRoomInfo",
                          "qcs::trtc::uin/100001:sdkappid/1600001499", NULL, CAMSIM_ALLOW);
        ok = ok && decide(mine, 1, "trtc:DescribeRoomInfo",
                          "qcs::trtc::uin/100001:sdkappid/1600001500", NULL, CAMSIM_DENY);
    } else {
        ok = ok && decide(mine, 1, "trtc:DescribeRoomInfo", app, NULL, CAMSIM_ALLOW);
        ok = ok && decide(mine, 1, "trtc:DismissRoom", app, NULL, CAMSIM_DENY);
        ok = ok && decide(mine, 1, "trtc:DescribeRoomInfo", app1, NULL, CAMSIM_DENY);
        ok = ok && decide(both, 2, "trtc:DescribeRoomInfo", app, NULL, CAMSIM_ALLOW);
    }
    ok = ok && decide(both, 2, "trtc:DismissRoom", app2, "10.1.2.3", CAMSIM_DENY);
    ok = ok && decide(both, 2, "trtc:DismissRoom", app1, "10.1.2.3", CAMSIM_ALLOW);
    if (!ok) {
        camsim_policy_free(own);
        return failed(w, round, large ? "a decision of the large policy is wrong"
                                    : "a decision of the thread's own policy is wrong");
    }
    camsim_policy_free(own);
    /* Thread 0 empties the cache now and then while thread 1 uses it. */
    if (w->id == 0 && round % 50 == 49)
        camsim_release_memory();
    return true;
}

static void *run(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS; round++)
        if (!one_round(w, round))
            break;
    return NULL;
}

static char *large_document(size_t *len)
{
    size_t cap = 200 + (size_t)LARGE_STATEMENTS * 160;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, "{\"version\":\"2.0\",\"statement\":[");
    for (int i = 0; i < LARGE_STATEMENTS; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              "%s{\"effect\":\"allow\",\"action\":\"trtc:DescribeRoomInfo\","
                              "\"resource\":\"qcs::trtc::uin/100001:sdkappid/%d\"}",
                              i ? "," : "", 1600000000 + i);
    n += (size_t)snprintf(s + n, cap - n, "]}");
    assert_true(n < cap);
    *len = n;
    return s;
}

static void test_two_threads_compile_and_evaluate(void **state)
{
    (void)state;
    camsim_error err;
    camsim_policy *shared = camsim_policy_parse(shared_doc, sizeof shared_doc - 1, &err);
    if (!shared)
        print_error("shared policy: %s\n", err.message);
    assert_non_null(shared);
    shared_policy = shared;
    size_t large_len;
    char *large = large_document(&large_len);
    /* The large policy's blocks are bigger than the lock-free slots take. */
    camsim_policy *probe = camsim_policy_parse(large, large_len, &err);
    assert_non_null(probe);
    assert_true(camsim_policy_memory(probe) > 64 * 1024);
    camsim_policy_free(probe);

    worker w[2] = {{.id = 0, .large_doc = large, .large_len = large_len},
                   {.id = 1, .large_doc = large, .large_len = large_len}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, run, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < 2; i++) {
        if (w[i].failure[0])
            print_error("%s\n", w[i].failure);
        assert_string_equal(w[i].failure, "");
    }
    camsim_policy_free(shared);
    free(large);
    camsim_release_memory();
    assert_int_equal(camsim_block_cache_bytes(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_threads_compile_and_evaluate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
