/* test_glob.c: the `*`-only glob of docs/semantics.md section 3. */
#include <stdbool.h>
#include <stdlib.h>

#include "unit_util.h"

#include "camsim_tools.h"

static bool gm(const char *pattern, const char *subject)
{
    return camsim_glob_match(pattern, strlen(pattern), subject, strlen(subject), false);
}

static bool gmi(const char *pattern, const char *subject)
{
    return camsim_glob_match(pattern, strlen(pattern), subject, strlen(subject), true);
}

static void test_literal(void **state)
{
    (void)state;
    assert_true(gm("abc", "abc"));
    assert_false(gm("abc", "abd"));
    assert_false(gm("abc", "ab"));
    assert_false(gm("abc", "abcd"));
    assert_false(gm("abc", "xabc"));
}

static void test_empty(void **state)
{
    (void)state;
    assert_true(gm("", ""));
    assert_false(gm("", "a"));
    assert_false(gm("a", ""));
    assert_true(gm("*", ""));
    assert_true(gm("**", ""));
    assert_true(gm("***", ""));
    assert_false(gm("*a", ""));
    assert_false(gm("a*", ""));
}

static void test_star_any_run(void **state)
{
    (void)state;
    assert_true(gm("*", "anything at all"));
    assert_true(gm("a*", "a"));
    assert_true(gm("a*", "abc"));
    assert_true(gm("*c", "c"));
    assert_true(gm("*c", "abc"));
    assert_true(gm("a*c", "ac"));
    assert_true(gm("a*c", "abbbc"));
    assert_false(gm("a*c", "abbbd"));
    assert_true(gm("a*b*c", "abc"));
    assert_true(gm("a*b*c", "aXbYc"));
    assert_true(gm("a*b*c", "abbbcbc"));
    assert_false(gm("a*b*c", "acb"));
    assert_true(gm("*a*", "a"));
    assert_true(gm("*a*", "bab"));
    assert_false(gm("*a*", "bbb"));
    assert_true(gm("a**b", "ab"));
    assert_true(gm("*ab", "aab"));
    assert_true(gm("*aab", "aaab"));
    assert_true(gm("*ab*ab", "abab"));
    assert_true(gm("*ab*ab", "xabyabzab"));
    assert_false(gm("*ab*ab", "xabyabza"));
}

static void test_star_crosses_separators(void **state)
{
    (void)state;
    assert_true(gm("sdkappid/*", "sdkappid/1400000001"));
    assert_true(gm("sdkappid/*", "sdkappid/a/b:c"));
    assert_true(gm("*", "a/b:c/d"));
    assert_true(gm("a*d", "a/b:c/d"));
    assert_true(gm("sdkappid/*", "sdkappid/"));
    assert_false(gm("sdkappid/*", "sdkappid"));
}

static void test_question_mark_literal(void **state)
{
    (void)state;
    assert_true(gm("a?c", "a?c"));
    assert_false(gm("a?c", "abc"));
    assert_false(gm("?", "x"));
    assert_true(gm("?", "?"));
    assert_true(gm("*?", "why?"));
    assert_false(gm("*?", "why"));
}

static void test_other_bytes_literal(void **state)
{
    (void)state;
    assert_true(gm("[abc]", "[abc]"));
    assert_false(gm("[abc]", "a"));
    assert_true(gm("a\\*", "a\\xyz"));
    assert_false(gm("a\\*", "a*"));
    assert_true(gm("${uin}", "${uin}"));
    assert_true(gm(".+", ".+"));
    assert_false(gm(".+", "ab"));
    assert_true(gm("\xe4\xb8\xad*", "\xe4\xb8\xad\xe6\x96\x87"));
    assert_false(gm("\xe4\xb8\xad", "\xe4\xb8\xae"));
}

static void test_case(void **state)
{
    (void)state;
    assert_false(gm("ABC", "abc"));
    assert_false(gm("abc", "ABC"));
    assert_true(gmi("ABC", "abc"));
    assert_true(gmi("abc", "ABC"));
    assert_true(gmi("trtc:Describe*", "TRTC:DESCRIBEROOMINFORMATION"));
    assert_false(gmi("trtc:Describe*", "trtc:Dismiss"));
    /* Folding is ASCII only: non-letters and high bytes stay literal. */
    assert_false(gmi("@", "`"));
    assert_false(gmi("[", "{"));
    assert_false(gmi("\xc3\xa9", "\xc3\x89"));
}

static void test_lengths_not_nul(void **state)
{
    (void)state;
    /* Only plen/slen bytes are read: no NUL terminator is needed. */
    const char pattern[] = {'a', '*', 'c', 'X'};
    const char subject[] = {'a', 'b', 'c', 'Y'};
    assert_true(camsim_glob_match(pattern, 3, subject, 3, false));
    assert_false(camsim_glob_match(pattern, 4, subject, 4, false));
    assert_true(camsim_glob_match("abc", 2, "abX", 2, false));
    /* NUL is an ordinary byte. */
    assert_true(camsim_glob_match("a\0*", 3, "a\0bc", 4, false));
    assert_false(camsim_glob_match("a\0b", 3, "a\0c", 3, false));
}

#define BIG (1024u * 1024u)

static void test_pathological(void **state)
{
    (void)state;
    char *subject = malloc(BIG + 1);
    assert_non_null(subject);
    memset(subject, 'a', BIG);
    subject[BIG] = '\0';
    /* Must finish (linear time); these would hang a backtracking matcher. */
    assert_false(gm("*a*a*a*a*b", subject));
    assert_false(gm("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", subject));
    assert_true(gm("*a*a*a*a*", subject));
    assert_false(gm("a*a*a*a*b*", subject));
    subject[BIG - 1] = 'b';
    assert_true(gm("*a*a*a*a*b", subject));
    assert_true(gm("a*a*a*a*b", subject));
    assert_false(gm("*a*a*a*a*ba", subject));
    subject[BIG - 1] = 'a';
    subject[BIG / 2] = 'b';
    assert_true(gm("*a*a*a*a*b*", subject));
    assert_false(gm("*a*a*a*a*b", subject));
    assert_true(gmi("*A*A*A*A*B*A", subject));
    free(subject);
}

static void test_long_pattern(void **state)
{
    (void)state;
    size_t n = 4096;
    char *pattern = malloc(2 * n + 1);
    char *subject = malloc(BIG + 1);
    assert_non_null(pattern);
    assert_non_null(subject);
    for (size_t i = 0; i < n; i++) {
        pattern[2 * i] = '*';
        pattern[2 * i + 1] = 'a';
    }
    pattern[2 * n] = '\0';
    memset(subject, 'a', BIG);
    subject[BIG] = '\0';
    assert_true(gm(pattern, subject));
    subject[BIG - 1] = 'b';
    assert_false(gm(pattern, subject));
    free(pattern);
    free(subject);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_star_any_run),
        cmocka_unit_test(test_star_crosses_separators),
        cmocka_unit_test(test_question_mark_literal),
        cmocka_unit_test(test_other_bytes_literal),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_lengths_not_nul),
        cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_long_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
