/* test_action.c: action names and patterns (docs/semantics.md section 2). */
#include <stdbool.h>

#include "unit_util.h"

#include "action.h"

static bool valid(const char *pattern)
{
    camsim_error err;
    memset(&err, 0, sizeof err);
    bool ok = camsim_action_pattern_valid(pattern, strlen(pattern), &err);
    if (!ok) {
        assert_int_not_equal(err.code, CAMSIM_OK);
        assert_true(err.message[0] != '\0');
    }
    return ok;
}

static void test_strip_prefix(void **state)
{
    (void)state;
    const char *rest = NULL;
    size_t len = 0;
    const char *a = "name/trtc:DismissRoom";
    camsim_action_strip_prefix(a, strlen(a), &rest, &len);
    assert_ptr_equal(rest, a + 5);
    assert_int_equal(len, strlen("trtc:DismissRoom"));

    const char *b = "trtc:DismissRoom";
    camsim_action_strip_prefix(b, strlen(b), &rest, &len);
    assert_ptr_equal(rest, b);
    assert_int_equal(len, strlen(b));

    const char *c = "NAME/trtc:x";
    camsim_action_strip_prefix(c, strlen(c), &rest, &len);
    assert_ptr_equal(rest, c + 5);
    assert_int_equal(len, 6);

    const char *d = "name";
    camsim_action_strip_prefix(d, strlen(d), &rest, &len);
    assert_ptr_equal(rest, d);
    assert_int_equal(len, 4);

    /* Only one prefix is stripped. */
    const char *e = "name/name/trtc:x";
    camsim_action_strip_prefix(e, strlen(e), &rest, &len);
    assert_ptr_equal(rest, e + 5);
    assert_int_equal(len, strlen("name/trtc:x"));
}

static void test_valid_patterns(void **state)
{
    (void)state;
    assert_true(valid("*"));
    assert_true(valid("*:*"));
    assert_true(valid("trtc:*"));
    assert_true(valid("trtc:DismissRoom"));
    assert_true(valid("name/trtc:DismissRoom"));
    assert_true(valid("name/trtc:Describe*"));
    assert_true(valid("*:Describe*"));
    assert_true(valid("tr*:Dismiss*"));
    assert_true(valid("TCMPP:describemnp"));
    assert_true(valid("name/*"));
    assert_true(valid("trtc:Dismiss?oom"));
}

static void test_invalid_patterns(void **state)
{
    (void)state;
    assert_false(valid("trtc"));
    assert_false(valid(":x"));
    assert_false(valid("x:"));
    assert_false(valid(":"));
    assert_false(valid(""));
    assert_false(valid("name/"));
    assert_false(valid("name/trtc"));
    assert_false(valid("name/:x"));
    assert_false(valid("name/x:"));
}

static void test_valid_len_bounded(void **state)
{
    (void)state;
    camsim_error err;
    /* Only len bytes are read. */
    assert_true(camsim_action_pattern_valid("trtc:xGARBAGE", 6, &err));
    assert_false(camsim_action_pattern_valid("trtc:x", 4, &err));
    assert_false(camsim_action_pattern_valid("trtc:x", 5, NULL));
}

static void test_matches_exact_and_prefix(void **state)
{
    (void)state;
    assert_true(camsim_action_matches("trtc:DismissRoom", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("name/trtc:DismissRoom", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("trtc:DismissRoom", "name/trtc:DismissRoom"));
    assert_true(camsim_action_matches("name/trtc:DismissRoom", "name/trtc:DismissRoom"));
    assert_false(camsim_action_matches("trtc:DismissRoom", "trtc:DismissRoomByStrRoomId"));
    assert_false(camsim_action_matches("trtc:DismissRoomByStrRoomId", "trtc:DismissRoom"));
    assert_false(camsim_action_matches("trtc:DismissRoom", "tcmpp:DismissRoom"));
    /* A leading '*' is the "every action" shortcut only when it is all the pattern is. */
    assert_false(camsim_action_matches("*:DismissRoom", "trtc:DescribeRoomInformation"));
    assert_false(camsim_action_matches("*Room", "trtc:DescribeUserInformation"));
    assert_true(camsim_action_matches("*:DismissRoom", "trtc:DismissRoom"));
}

static void test_matches_wildcards(void **state)
{
    (void)state;
    assert_true(camsim_action_matches("*", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("*", "tcmpp:DescribeMNP"));
    assert_true(camsim_action_matches("*:*", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("*:*", "tcmpp:DescribeMNP"));
    assert_true(camsim_action_matches("name/*", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("trtc:*", "trtc:DismissRoom"));
    assert_false(camsim_action_matches("trtc:*", "tcmpp:DescribeMNP"));
    assert_true(camsim_action_matches("trtc:Describe*", "trtc:DescribeRoomInformation"));
    assert_true(camsim_action_matches("trtc:Describe*", "trtc:Describe"));
    assert_false(camsim_action_matches("trtc:Describe*", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("*:Describe*", "tcmpp:DescribeMNP"));
    /* A leading '*' is a glob like any other, not "everything". */
    assert_false(camsim_action_matches("*:Describe*", "trtc:DismissRoom"));
    assert_false(camsim_action_matches("*:DismissRoom", "trtc:DismissRoomByStrRoomId"));
    assert_true(camsim_action_matches("trtc:*Room", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("trtc:*Room*", "trtc:DismissRoomByStrRoomId"));
    assert_true(camsim_action_matches("t*:Dismiss*", "trtc:DismissRoom"));
    assert_false(camsim_action_matches("t*:Dismiss*", "tcmpp:DescribeMNP"));
    /* Without a colon the pattern is malformed (action.h), so it matches nothing. */
    assert_false(camsim_action_matches("*Room", "trtc:DismissRoom"));
}

static void test_matches_question_literal(void **state)
{
    (void)state;
    assert_false(camsim_action_matches("trtc:Dismiss?oom", "trtc:DismissRoom"));
    assert_false(camsim_action_matches("trtc:DismissRoo?", "trtc:DismissRoom"));
}

static void test_matches_case_insensitive(void **state)
{
    (void)state;
    assert_true(camsim_action_matches("TRTC:DismissRoom", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("trtc:dismissroom", "trtc:DismissRoom"));
    assert_true(camsim_action_matches("trtc:DISMISSROOM", "TrTc:dIsMiSsRoOm"));
    assert_true(camsim_action_matches("Name/TRTC:describe*", "trtc:DescribeRoomInformation"));
    assert_true(camsim_action_matches("trtc:DismissRoom", "NAME/TRTC:DISMISSROOM"));
    assert_true(camsim_action_matches("ES:*", "es:CreateIndex"));
}

static void test_matches_invalid_match_nothing(void **state)
{
    (void)state;
    assert_false(camsim_action_matches("trtc", "trtc"));
    assert_false(camsim_action_matches(":x", ":x"));
    assert_false(camsim_action_matches("x:", "x:"));
    assert_false(camsim_action_matches("", ""));
    assert_false(camsim_action_matches("*", "trtc"));
    assert_false(camsim_action_matches("*", ""));
    assert_false(camsim_action_matches("*:*", ":x"));
}

/* The word-at-a-time lowercasing against a byte loop: every byte value in
 * every position of strings of every length up to three words. */
static void check_lower(const char *src, size_t n)
{
    char got[32], want[32];
    size_t colons = 0, first = 0;
    bool star = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        want[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (c == ':' && colons++ == 0)
            first = i;
        star |= c == '*';
    }
    camsim_action_shape shape;
    camsim_action_lower(src, n, got, &shape);
    assert_memory_equal(got, want, n);
    assert_int_equal(shape.colons, colons < 2 ? colons : 2);
    if (colons)
        assert_int_equal(shape.first_colon, first);
    assert_int_equal(shape.star, star);
}

static void test_lower_every_byte(void **state)
{
    (void)state;
    char buf[32];
    for (size_t n = 1; n <= 24; n++)
        for (size_t at = 0; at < n; at++)
            for (unsigned c = 0; c < 256; c++) {
                for (size_t i = 0; i < n; i++)
                    buf[i] = (char)("Trtc:DescribeRoom*:xYz@["[i % 24]);
                buf[at] = (char)c;
                check_lower(buf, n);
            }
    check_lower("", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strip_prefix),
        cmocka_unit_test(test_valid_patterns),
        cmocka_unit_test(test_invalid_patterns),
        cmocka_unit_test(test_valid_len_bounded),
        cmocka_unit_test(test_matches_exact_and_prefix),
        cmocka_unit_test(test_matches_wildcards),
        cmocka_unit_test(test_matches_question_literal),
        cmocka_unit_test(test_matches_case_insensitive),
        cmocka_unit_test(test_matches_invalid_match_nothing),
        cmocka_unit_test(test_lower_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
