/* json_guard scans string bytes eight at a time: a control character or a
 * non-UTF-8 byte must be found wherever it falls inside or across words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "json_guard.h"

static void test_bad_byte_at_every_offset(void **state)
{
    (void)state;
    const unsigned char bad[] = {0x00, 0x01, 0x09, 0x0a, 0x1f, 0x80, 0xbf, 0xc0, 0xff};
    for (size_t k = 0; k < sizeof bad; k++) {
        for (size_t at = 0; at < 40; at++) {
            char doc[64];
            memset(doc, 'a', sizeof doc);
            doc[0] = '"';
            doc[50] = '"';
            doc[1 + at] = (char)bad[k];
            camsim_error err;
            if (camsim_json_guard(doc, 51, 16, &err))
                fail_msg("byte 0x%02x at string offset %zu was not caught", bad[k], at);
            assert_int_equal(err.code, CAMSIM_E_JSON);
            assert_int_equal(err.offset, 1 + at);
        }
    }
}

static void test_clean_strings_pass(void **state)
{
    (void)state;
    const char *docs[] = {"\"\"", "\"abcdefgh\"", "\"abcdefghijklmnopq\\\"rs\\\\tuv\"",
                          "{\"k\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 long enough text\"}",
                          "[\"~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\", \" !#$%&'()*+,-./0123456789\"]"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        camsim_error err;
        if (!camsim_json_guard(docs[i], strlen(docs[i]), 16, &err))
            fail_msg("%s rejected: %s", docs[i], err.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_bad_byte_at_every_offset),
                                       cmocka_unit_test(test_clean_strings_pass)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
