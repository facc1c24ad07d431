/* test_request_json.c: the request-line parser of `camsim eval --requests`
 * (cli/request_json.h): accepted shapes, number rendering, and the
 * JSON path of every rejection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "request_json.h"

static camsim_code parse(const char *text, camsim_parsed_request *req, camsim_error *err)
{
    memset(err, 0, sizeof *err);
    return camsim_parse_request_json(text, strlen(text), req, err);
}

static void test_full_request(void **state)
{
    (void)state;
    camsim_parsed_request req;
    camsim_error err;
    const char *line =
        "{\"action\":\"trtc:DismissRoom\",\"resource\":\"qcs::trtc::uin/100001:sdkappid/1\","
        "\"context\":{\"qcs:ip\":\"10.1.2.3\",\"qcs:resource_tag\":[\"env&prod\",\"a&b\"],"
        "\"n\":[1,2.5,-0,1e3,12345678901234567890]},\"owner_uin\":\"100001\","
        "\"principal\":\"qcs::cam::uin/100001:uin/200002\"}";
    assert_int_equal(parse(line, &req, &err), CAMSIM_OK);
    assert_string_equal(req.request.action, "trtc:DismissRoom");
    assert_string_equal(req.request.resource, "qcs::trtc::uin/100001:sdkappid/1");
    assert_string_equal(req.request.owner_uin, "100001");
    assert_string_equal(req.request.principal, "qcs::cam::uin/100001:uin/200002");
    assert_int_equal(req.request.context_count, 3);
    assert_string_equal(req.request.context[0].key, "qcs:ip");
    assert_int_equal(req.request.context[0].count, 1);
    assert_string_equal(req.request.context[0].values[0], "10.1.2.3");
    assert_int_equal(req.request.context[1].count, 2);
    assert_string_equal(req.request.context[1].values[1], "a&b");
    const camsim_context_entry *n = &req.request.context[2];
    assert_int_equal(n->count, 5);
    /* Numbers keep their exact text (never cJSON's double). */
    assert_string_equal(n->values[0], "1");
    assert_string_equal(n->values[1], "2.5");
    assert_string_equal(n->values[2], "-0");
    assert_string_equal(n->values[3], "1e3");
    assert_string_equal(n->values[4], "12345678901234567890");
    camsim_parsed_request_free(&req);
}

static void test_minimal_and_empty_context(void **state)
{
    (void)state;
    camsim_parsed_request req;
    camsim_error err;
    assert_int_equal(parse(" {\"action\":\"tcmpp:DescribeMNP\"} \r\n", &req, &err), CAMSIM_OK);
    assert_string_equal(req.request.action, "tcmpp:DescribeMNP");
    assert_null(req.request.resource);
    assert_null(req.request.owner_uin);
    assert_null(req.request.principal);
    assert_int_equal(req.request.context_count, 0);
    camsim_parsed_request_free(&req);
    assert_int_equal(parse("{\"action\":\"a:b\",\"context\":{\"k\":[]}}", &req, &err), CAMSIM_OK);
    assert_int_equal(req.request.context_count, 1);
    assert_int_equal(req.request.context[0].count, 0);
    camsim_parsed_request_free(&req);
    camsim_parsed_request_free(&req); /* an emptied struct frees again safely */
}

typedef struct reject_case {
    const char *text;
    camsim_code code;
    const char *path;
} reject_case;

static void test_rejections(void **state)
{
    (void)state;
    static const reject_case cases[] = {
        {"", CAMSIM_E_JSON, ""},
        {"{", CAMSIM_E_JSON, ""},
        {"[]", CAMSIM_E_REQUEST, ""},
        {"{}", CAMSIM_E_REQUEST, ""},
        {"{\"action\":null}", CAMSIM_E_REQUEST, "/action"},
        {"{\"action\":\"a:b\",\"Action\":\"a:b\"}", CAMSIM_E_REQUEST, "/Action"},
        {"{\"action\":\"a:b\",\"action\":\"a:b\"}", CAMSIM_E_REQUEST, "/action"},
        {"{\"action\":\"a:b\",\"resource\":5}", CAMSIM_E_REQUEST, "/resource"},
        {"{\"action\":\"a:b\",\"context\":[]}", CAMSIM_E_REQUEST, "/context"},
        {"{\"action\":\"a:b\",\"context\":{\"k\":null}}", CAMSIM_E_REQUEST, "/context/k"},
        {"{\"action\":\"a:b\",\"context\":{\"a/b\":[\"x\",[1]]}}", CAMSIM_E_REQUEST,
         "/context/a~1b/1"},
        {"{\"action\":\"a:b\",\"context\":{\"k\":\"1\",\"k\":\"2\"}}", CAMSIM_E_REQUEST,
         "/context/k"},
        {"{\"action\":\"a:b\",\"context\":{\"\":\"1\"}}", CAMSIM_E_REQUEST, "/context/"},
        {"{\"action\":\"a\\u0000b\"}", CAMSIM_E_JSON, ""},
        {"{\"action\":\"a:b\"} {}", CAMSIM_E_JSON, ""},
        {"{\"action\":\"a\xc3\x28\"}", CAMSIM_E_JSON, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        camsim_parsed_request req;
        camsim_error err;
        camsim_code code = parse(cases[i].text, &req, &err);
        if (code != cases[i].code || strcmp(err.path, cases[i].path) != 0)
            fail_msg("case %zu %s: code %d path '%s' (%s); want code %d path '%s'", i,
                     cases[i].text, code, err.path, err.message, cases[i].code, cases[i].path);
        assert_true(err.message[0] != '\0');
        assert_null(req.storage);
    }
}

static void test_long_string(void **state)
{
    (void)state;
    size_t n = CAMSIM_MAX_REQUEST_STRING + 1;
    char *text = test_malloc(n + 64);
    strcpy(text, "{\"action\":\"");
    size_t at = strlen(text);
    memset(text + at, 'a', n);
    strcpy(text + at + n, "\"}");
    camsim_parsed_request req;
    camsim_error err;
    assert_int_equal(parse(text, &req, &err), CAMSIM_E_LIMIT);
    assert_string_equal(err.path, "/action");
    test_free(text);
}

static void test_not_nul_terminated(void **state)
{
    (void)state;
    const char text[] = "{\"action\":\"a:b\"}garbage";
    camsim_parsed_request req;
    camsim_error err;
    assert_int_equal(camsim_parse_request_json(text, 16, &req, &err), CAMSIM_OK);
    assert_string_equal(req.request.action, "a:b");
    camsim_parsed_request_free(&req);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_request),
        cmocka_unit_test(test_minimal_and_empty_context),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_not_nul_terminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
