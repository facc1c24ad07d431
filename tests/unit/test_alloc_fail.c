/* test_alloc_fail.c: every allocation of a parse, one at a time, fails (the
 * SQLite habit; engine/src/support/fault.h). For each representative document and
 * each N from 1 to the number of allocations a clean parse makes, the parse
 * with allocation N failing must return NULL with CAMSIM_E_NOMEM; with N one
 * past the end it must give the clean result again. The same for
 * camsim_policy_canonical (NULL when an allocation fails). Leaks are the
 * asan preset's to report. Built only with CAMSIM_FAULT_INJECTION (ON in
 * sanitizer and fuzz builds). cJSON's allocations are counted too: this
 * test, like the fuzz harness, installs cJSON hooks (the engine never does). */
#include <stdbool.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "fault.h"
#include "io.h" /* cli_read_file */
#include "unit_util.h"

static void *counted_malloc(size_t n)
{
    return camsim_fault_malloc(n);
}

static int install_hooks(void **state)
{
    (void)state;
    cJSON_Hooks hooks = {counted_malloc, free};
    cJSON_InitHooks(&hooks);
    return 0;
}

/* Parse json failing each allocation in turn; returns the clean result's code. */
static camsim_code check_parse(const char *json, size_t len)
{
    camsim_error err;
    camsim_fault_set(0);
    camsim_policy *clean = camsim_policy_parse(json, len, &err);
    size_t calls = camsim_fault_count();
    camsim_code code = clean ? CAMSIM_OK : err.code;
    assert_int_not_equal(code, CAMSIM_E_NOMEM);
    assert_true(calls > 0);
    for (size_t n = 1; n <= calls + 1; n++) {
        memset(&err, 0, sizeof err);
        camsim_fault_set(n);
        camsim_policy *p = camsim_policy_parse(json, len, &err);
        bool fired = camsim_fault_fired();
        camsim_fault_set(0);
        if (n <= calls) {
            if (!fired || p || err.code != CAMSIM_E_NOMEM)
                print_error("allocation %zu of %zu: %s (%s)\n", n, calls,
                            p ? "a policy" : camsim_code_name(err.code), err.message);
            assert_true(fired);
            assert_null(p);
            assert_int_equal(err.code, CAMSIM_E_NOMEM);
        } else {
            assert_false(fired);
            assert_int_equal(p ? CAMSIM_OK : err.code, code);
        }
        camsim_policy_free(p);
    }

    if (clean) {
        camsim_fault_set(0);
        char *text = camsim_policy_canonical(clean);
        size_t ccalls = camsim_fault_count();
        assert_non_null(text);
        for (size_t n = 1; n <= ccalls + 1; n++) {
            camsim_fault_set(n);
            char *t = camsim_policy_canonical(clean);
            bool fired = camsim_fault_fired();
            camsim_fault_set(0);
            if (n <= ccalls) {
                assert_true(fired);
                assert_null(t);
            } else {
                assert_non_null(t);
                assert_string_equal(t, text);
            }
            free(t);
        }
        free(text);

        /* Evaluation allocates nothing (camsim.h), so nothing can fail. */
        camsim_request req = {0};
        req.action = "trtc:DismissRoom";
        req.resource = "qcs::trtc::uin/100001:sdkappid/1400000001";
        camsim_decision d = {0};
        const camsim_policy *set[] = {clean};
        camsim_fault_set(1);
        (void)camsim_evaluate(set, 1, NULL, &req, &d, &err);
        assert_int_equal(camsim_fault_count(), 0);
        camsim_fault_set(0);
    }
    camsim_policy_free(clean);
    return code;
}

static void test_corpus_policies(void **state)
{
    (void)state;
    static const char *const files[] = {
        "corpus/policies/trtc-full-access.json", "corpus/policies/trtc-ip-restricted.json",
        "corpus/policies/trtc-tag-conditions.json", "corpus/policies/tcmpp-per-platform.json",
        "corpus/policies/boundary-no-secrets.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        cli_buf json = {0};
        assert_int_equal(cli_read_file(files[i], &json), 0);
        assert_int_equal(check_parse(json.data, json.len), CAMSIM_OK);
        cli_buf_free(&json);
    }
}

static void test_inline_documents(void **state)
{
    (void)state;
    /* Valid: every section kind (principal, conditions with several
     * operators and values, action and resource lists, name/ prefixes). */
    static const char valid[] =
        "{\"version\":\"2.0\",\"principal\":{\"qcs\":[\"qcs::cam::uin/100001:uin/200002\"]},"
        "\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/trtc:*\",\"tcmpp:Describe*\"],"
        "\"resource\":[\"*\",\"qcs::trtc::uin/100001:sdkappid/*\"],"
        "\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\",\"2001:db8::/32\"]},"
        "\"string_like\":{\"qcs:resource_tag\":[\"env&*\"]},"
        "\"numeric_greater_than_if_exist\":{\"count\":[\"2.5\"]}}},"
        "{\"effect\":\"deny\",\"action\":\"trtc:DismissRoom\",\"resource\":\"*\"}]}";
    assert_int_equal(check_parse(valid, sizeof valid - 1), CAMSIM_OK);
    /* Invalid after allocations have been made: failures before the error
     * is found are NOMEM, and the clean parse reports the error itself. */
    static const char grammar[] =
        "{\"version\":\"2.0\",\"statement\":{\"effect\":\"defy\",\"action\":\"*\",\"resource\":\"*\"}}";
    assert_int_equal(check_parse(grammar, sizeof grammar - 1), CAMSIM_E_GRAMMAR);
    static const char value[] =
        "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\",\"action\":\"*\",\"resource\":\"*\","
        "\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/33\"]}}}}";
    assert_int_equal(check_parse(value, sizeof value - 1), CAMSIM_E_VALUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_policies),
        cmocka_unit_test(test_inline_documents),
    };
    return cmocka_run_group_tests(tests, install_hooks, NULL);
}
