/* json_guard: the strict RFC 8259 pass every document and request line goes
 * through before cJSON. One table row per rule: what must be accepted, what
 * must be rejected, with which code and at which byte. Then the count limits
 * (with the JSON pointer of the container) and the value budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_guard.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

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

/* Every byte value where the guard classifies bytes by table: alone in a
 * string (taken as it is only when printable ASCII other than '"' and '\\',
 * DEL included; a lone byte from 0x80 up is not UTF-8) and before, between
 * and after tokens (only space, tab, LF and CR). The expectations are
 * written from RFC 8259, not read off the table. */
static void test_every_byte(void **state)
{
    (void)state;
    for (int b = 0; b < 256; b++) {
        bool plain = b >= 0x20 && b <= 0x7f && b != '"' && b != '\\';
        bool space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
        const char in_string[] = {'"', (char)b, '"'};
        const char *const around[] = {"{_}", "_[]", "[]_", "[1,_true]"}; /* b in place of _ */
        camsim_error err;
        if (camsim_json_guard(in_string, sizeof in_string, 16, &err) != plain)
            fail_msg("byte 0x%02x alone in a string: %s", b, plain ? "rejected" : "accepted");
        for (size_t k = 0; k < N(around); k++) {
            char doc[16];
            size_t len = strlen(around[k]);
            memcpy(doc, around[k], len);
            *(char *)memchr(doc, '_', len) = (char)b;
            if (camsim_json_guard(doc, len, 16, &err) != space)
                fail_msg("byte 0x%02x as the _ of %s: %s", b, around[k],
                         space ? "rejected" : "accepted");
        }
    }
}

/* Every byte value at every place of a longer string, where the guard
 * reads the string eight bytes at a time: each place of a word, the first
 * byte after one, and the last few bytes before the end of the document.
 * The byte is taken as it is when printable ASCII other than '"' and '\\',
 * and otherwise rejected at its own offset ('"' ends the string there, and
 * '\\' before the closing quote escapes it: their errors come later). */
static void test_every_byte_in_a_long_string(void **state)
{
    (void)state;
    enum { BODY = 21 };
    for (int b = 0; b < 256; b++) {
        bool plain = b >= 0x20 && b <= 0x7f && b != '"' && b != '\\';
        for (size_t at = 0; at < BODY; at++) {
            char doc[BODY + 2];
            memset(doc, 'a', sizeof doc);
            doc[0] = '"';
            doc[BODY + 1] = '"';
            doc[1 + at] = (char)b;
            camsim_error err;
            bool ok = camsim_json_guard(doc, sizeof doc, 16, &err);
            if (ok != plain)
                fail_msg("byte 0x%02x at string offset %zu: %s", b, at,
                         plain ? "rejected" : "accepted");
            if (!ok && b != '"' && b != '\\' && err.offset != 1 + at)
                fail_msg("byte 0x%02x at string offset %zu reported at byte %zu", b, at,
                         err.offset);
        }
    }
}

/* Documents that must pass, one or more per rule. */
static const char *const accepted[] = {
    /* any value at the top */
    "{}", "[]", "\"\"", "0", "-0", "true", "false", "null", " \t\r\n{} \t\r\n",
    /* the eight two-character escapes, and \u in both cases */
    "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]", "[\"\\u0041\\u00e9\\u00E9\\u20AC\\uFFFF\"]",
    "\"\\u0001\"", /* an escaped control character is fine, only NUL is not */
    /* surrogate pairs: lowest, highest, both cases */
    "[\"\\ud800\\udc00\", \"\\uDBFF\\uDFFF\", \"\\uD83D\\uDE00\"]",
    /* numbers */
    "[0, -0, 1, -1, 10, 0.5, -0.5, 1.25, 1e5, 1E5, 1e+5, 1e-5, 0e0, -0.0e-0, 123456789012345678901234567890]",
    "[1.7976931348623157e308, 1e999, -1e999, 5e-324, 1e-400]",
    /* UTF-8 forms: 2, 3 and 4 bytes, the edges of each range */
    "\"\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf \xf0\x90\x80\x80 "
    "\xf4\x8f\xbf\xbf\"",
    /* DEL and every printable byte */
    "\"\x7f !#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~\"",
    /* a leading byte-order mark is ignored */
    "\xef\xbb\xbf{\"a\":1}", "\xef\xbb\xbf[]",
    /* the same member name twice is the caller's check (camsim_json_check_object) */
    "{\"a\":1,\"a\":2}",
    "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"trtc:*\"],"
    "\"resource\":\"*\",\"condition\":{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\"]}}}]}",
};

static void test_accepted(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(accepted); i++) {
        camsim_error err;
        if (!camsim_json_guard(accepted[i], strlen(accepted[i]), CAMSIM_MAX_NESTING, &err))
            fail_msg("rejected %s: %s", accepted[i], err.message);
    }
}

typedef struct rejected_case {
    const char *doc;
    size_t len;      /* 0: strlen(doc) */
    size_t offset;   /* the byte the error names */
    const char *has; /* a piece of the message */
} rejected_case;

static const rejected_case rejected[] = {
    /* hole 2: an invalid \u escape must never truncate the string */
    {"{\"action\":\"trtc:*\\uqqqqDescribeRoomInformation\"}", 0, 17, "four hex digits"},
    {"\"\\u12\"", 0, 1, "four hex digits"},
    {"\"\\u123\"", 0, 1, "four hex digits"},
    {"\"\\u12", 0, 1, "four hex digits"},
    {"\"\\U0041\"", 0, 1, "invalid escape"},
    {"\"\\x41\"", 0, 1, "invalid escape"},
    {"\"\\a\"", 0, 1, "invalid escape"},
    {"\"\\'\"", 0, 1, "invalid escape"},
    {"\"\\0\"", 0, 1, "invalid escape"},
    {"\"\\", 0, 0, "not terminated"},
    {"\"\\q", 0, 1, "invalid escape"}, /* the document's last two bytes */
    {"[\"a\\u0000b\"]", 0, 3, "\\u0000"},
    /* surrogates: lone, mis-ordered, followed by something else */
    {"\"\\ud800\"", 0, 1, "high surrogate"},
    {"\"\\ud800x\"", 0, 1, "high surrogate"},
    {"\"\\ud800\\n\"", 0, 1, "high surrogate"},
    {"\"\\ud800\\u0041\"", 0, 1, "high surrogate"},
    {"\"\\ud800\\ud800\"", 0, 1, "high surrogate"},
    {"\"\\udc00\"", 0, 1, "low surrogate"},
    {"\"\\udc00\\ud800\"", 0, 1, "low surrogate"},
    {"\"a\\uDFFF\"", 0, 2, "low surrogate"},
    /* hole 3: only space, tab, LF, CR are whitespace */
    {"{\"a\":\x01" "1}", 0, 5, "control character 0x01"},
    {"\x0b[]", 0, 0, "control character 0x0b"},
    {"[]\x0c", 0, 2, "control character 0x0c"},
    {"[1,\x1f" "2]", 0, 3, "control character 0x1f"},
    {"[\x00]", 3, 1, "NUL"},
    {"[1]\x00", 4, 3, "NUL"},
    {"\xc2\xa0[]", 0, 0, "expected a JSON value"}, /* U+00A0 is not whitespace */
    /* raw control bytes and NUL inside strings */
    {"[\"a\tb\"]", 0, 3, "raw control character"},
    {"[\"a\nb\"]", 0, 3, "raw control character"},
    {"[\"a\x00" "b\"]", 6, 3, "NUL"},
    /* numbers */
    {"[01]", 0, 1, "leading zero"},
    {"[-01]", 0, 2, "leading zero"},
    {"[00]", 0, 1, "leading zero"},
    {"[1.]", 0, 2, "'.' not between digits"},
    {"[1.e5]", 0, 2, "'.' not between digits"},
    {"[.5]", 0, 1, "must start with '-' or a digit"},
    {"[+1]", 0, 1, "must start with '-' or a digit"},
    {"[-]", 0, 2, "without digits after '-'"},
    {"[-a]", 0, 2, "without digits after '-'"},
    {"[1e]", 0, 2, "exponent without digits"},
    {"[1e+]", 0, 2, "exponent without digits"},
    {"[1E-x]", 0, 2, "exponent without digits"},
    {"[1.5.3]", 0, 4, "',' or ']'"},
    {"[0x10]", 0, 2, "',' or ']'"},
    {"[NaN]", 0, 1, "expected a JSON value"},
    {"[Infinity]", 0, 1, "expected a JSON value"},
    {"['a']", 0, 1, "double quotes"},
    {"[zebra]", 0, 1, "double quotes"}, /* both ends of each letter range */
    {"[apple]", 0, 1, "double quotes"},
    {"[Zebra]", 0, 1, "double quotes"},
    {"[Apple]", 0, 1, "double quotes"},
    {"[-Infinity]", 0, 2, "without digits after '-'"},
    /* literals */
    {"[True]", 0, 1, "lowercase"},
    {"[nul]", 0, 1, "lowercase"},
    {"[truex]", 0, 5, "',' or ']'"},
    /* grammar */
    {"", 0, 0, "end of the document"},
    {"   ", 0, 3, "end of the document"},
    {"\xef\xbb\xbf", 0, 3, "end of the document"},
    {"\xef\xbb\xbf\xef\xbb\xbf[]", 0, 3, "expected a JSON value"}, /* one mark only */
    {" \xef\xbb\xbf[]", 0, 1, "expected a JSON value"},          /* only leading */
    {"{", 0, 1, "member name"},
    {"{\"a\"}", 0, 4, "':'"},
    {"{\"a\":}", 0, 5, "a JSON value"},
    {"{\"a\":1,}", 0, 7, "member name"},
    {"{,}", 0, 1, "member name"},
    {"{a:1}", 0, 1, "member name"},
    {"{'a':1}", 0, 1, "member name"},
    {"{\"a\" 1}", 0, 5, "':'"},
    {"{\"a\":1 \"b\":2}", 0, 7, "',' or '}'"},
    {"[1,]", 0, 3, "a JSON value"},
    {"[,1]", 0, 1, "a JSON value"},
    {"[1 2]", 0, 3, "',' or ']'"},
    {"[1}", 0, 2, "',' or ']'"},
    {"{\"a\":1]", 0, 6, "',' or '}'"},
    {"[", 0, 1, "end of the document"},
    {"[1", 0, 2, "end of the document"},
    {"\"abc", 0, 0, "not terminated"},
    {"{} {}", 0, 3, CAMSIM_JSON_TRAILING_TEXT},
    {"[]]", 0, 2, CAMSIM_JSON_TRAILING_TEXT},
    {"[] x", 0, 3, CAMSIM_JSON_TRAILING_TEXT},
    {"/* c */ []", 0, 0, "expected a JSON value"},
    /* UTF-8: stray continuation, overlong, surrogate, above U+10FFFF, truncated */
    {"\"\x80\"", 0, 1, "UTF-8"},
    {"\"\xc0\xaf\"", 0, 1, "UTF-8"},
    {"\"\xc1\xbf\"", 0, 1, "UTF-8"},
    {"\"\xe0\x80\xaf\"", 0, 1, "UTF-8"},
    {"\"\xed\xa0\x80\"", 0, 1, "UTF-8"},
    {"\"\xf0\x80\x80\xaf\"", 0, 1, "UTF-8"},
    {"\"\xf4\x90\x80\x80\"", 0, 1, "UTF-8"},
    {"\"\xf5\x80\x80\x80\"", 0, 1, "UTF-8"},
    {"\"\xe2\x82\"", 0, 1, "UTF-8"},
    {"\"\xe2\x82", 0, 1, "UTF-8"},
    {"\xff[]", 0, 0, "UTF-8"},
    {"[1]\xff", 0, 3, "UTF-8"},
    {"\xef\xbb[]", 0, 0, "UTF-8"}, /* a broken byte-order mark */
};

static void test_rejected(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(rejected); i++) {
        const rejected_case *c = &rejected[i];
        size_t len = c->len ? c->len : strlen(c->doc);
        camsim_error err;
        memset(&err, 0, sizeof err);
        if (camsim_json_guard(c->doc, len, CAMSIM_MAX_NESTING, &err))
            fail_msg("case %zu accepted: %s", i, c->doc);
        if (err.code != CAMSIM_E_JSON || err.offset != c->offset || !strstr(err.message, c->has) ||
            err.path[0])
            fail_msg("case %zu (%s): code %s offset %zu path '%s' message '%s'; want json at "
                     "byte %zu saying '%s'", i, c->doc, camsim_code_name(err.code), err.offset,
                     err.path, err.message, c->offset, c->has);
        char at[48];
        snprintf(at, sizeof at, "at byte %zu", c->offset);
        if (!strstr(err.message, at))
            fail_msg("case %zu: message '%s' does not name the byte", i, err.message);
    }
}

/* Every prefix of a valid document is rejected (or is itself a value), and
 * the guard never reads past len. */
static void test_prefixes(void **state)
{
    (void)state;
    const char *doc = accepted[N(accepted) - 1];
    size_t n = strlen(doc);
    for (size_t len = 0; len < n; len++) {
        char *copy = malloc(len ? len : 1); /* exact size: ASan sees any over-read */
        assert_non_null(copy);
        memcpy(copy, doc, len);
        camsim_error err;
        if (camsim_json_guard(copy, len, CAMSIM_MAX_NESTING, &err))
            fail_msg("prefix of %zu bytes accepted", len);
        assert_int_equal(err.code, CAMSIM_E_JSON);
        assert_true(err.offset <= len);
        free(copy);
    }
}

/* The longest number cJSON reads whole; one more character is a limit. */
static void test_number_length(void **state)
{
    (void)state;
    char doc[128];
    doc[0] = '[';
    memset(doc + 1, '1', CAMSIM_MAX_NUMBER_CHARS);
    strcpy(doc + 1 + CAMSIM_MAX_NUMBER_CHARS, "]");
    camsim_error err;
    assert_true(camsim_json_guard(doc, strlen(doc), CAMSIM_MAX_NESTING, &err));
    memset(doc + 1, '1', CAMSIM_MAX_NUMBER_CHARS + 1);
    strcpy(doc + 2 + CAMSIM_MAX_NUMBER_CHARS, "]");
    assert_false(camsim_json_guard(doc, strlen(doc), CAMSIM_MAX_NESTING, &err));
    assert_int_equal(err.code, CAMSIM_E_LIMIT);
    assert_int_equal(err.offset, 1);
    assert_non_null(strstr(err.message, "CAMSIM_MAX_NUMBER_CHARS"));
}

static void test_nesting(void **state)
{
    (void)state;
    char doc[64];
    for (unsigned depth = 1; depth <= CAMSIM_MAX_NESTING + 1; depth++) {
        memset(doc, '[', depth);
        memset(doc + depth, ']', depth);
        camsim_error err;
        bool ok = camsim_json_guard(doc, 2 * depth, CAMSIM_MAX_NESTING, &err);
        assert_int_equal(ok, depth <= CAMSIM_MAX_NESTING);
        if (!ok) {
            assert_int_equal(err.code, CAMSIM_E_LIMIT);
            assert_int_equal(err.offset, CAMSIM_MAX_NESTING);
            assert_non_null(strstr(err.message, "CAMSIM_MAX_NESTING"));
        }
    }
    /* A smaller limit asked by the caller. */
    camsim_error err;
    assert_false(camsim_json_guard("[[[]]]", 6, 2, &err));
    assert_int_equal(err.offset, 2);
}

/* A document with n copies of item inside prefix/suffix (malloc'd). */
static char *repeat(const char *prefix, const char *item, size_t n, const char *suffix, size_t *len)
{
    size_t pl = strlen(prefix), il = strlen(item), sl = strlen(suffix);
    char *doc = malloc(pl + n * (il + 1) + sl + 1);
    assert_non_null(doc);
    size_t k = pl;
    memcpy(doc, prefix, pl);
    for (size_t i = 0; i < n; i++) {
        if (i)
            doc[k++] = ',';
        memcpy(doc + k, item, il);
        k += il;
    }
    memcpy(doc + k, suffix, sl + 1);
    *len = k + sl;
    return doc;
}

static void expect_limit(const char *doc, size_t len, const char *path, const char *constant)
{
    camsim_error err;
    if (camsim_json_guard(doc, len, CAMSIM_MAX_NESTING, &err))
        fail_msg("over-limit document accepted (%s)", constant);
    if (err.code != CAMSIM_E_LIMIT || strcmp(err.path, path) != 0 ||
        !strstr(err.message, constant) || !strstr(err.message, "at byte") || err.offset >= len)
        fail_msg("code %s path '%s' message '%s' offset %zu; want limit at '%s' naming %s",
                 camsim_code_name(err.code), err.path, err.message, err.offset, path, constant);
}

static void expect_ok(const char *doc, size_t len)
{
    camsim_error err;
    if (!camsim_json_guard(doc, len, CAMSIM_MAX_NESTING, &err))
        fail_msg("rejected: %s", err.message);
}

static void test_count_limits(void **state)
{
    (void)state;
    size_t len;
    char *doc;
    /* Without an error record the verdict is the same. */
    doc = repeat("[", "0", CAMSIM_MAX_VALUES + 1, "]", &len);
    assert_false(camsim_json_guard(doc, len, CAMSIM_MAX_NESTING, NULL));
    free(doc);
    /* Member names in the pointer are decoded: \u escapes of two, three and
     * four UTF-8 bytes (a surrogate pair). */
    doc = repeat("{\"\\u00e9\\u20ac\\ud83d\\ude00\":[", "0", CAMSIM_MAX_VALUES + 1, "]}", &len);
    expect_limit(doc, len, "/\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "CAMSIM_MAX_VALUES");
    free(doc);
    /* The first and last surrogate pairs: U+10FFFF and U+10000. */
    doc = repeat("{\"\\udbff\\udfff\\ud800\\udc00\":[", "0", CAMSIM_MAX_VALUES + 1, "]}", &len);
    expect_limit(doc, len, "/\xf4\x8f\xbf\xbf\xf0\x90\x80\x80", "CAMSIM_MAX_VALUES");
    free(doc);
    /* A long member name is shown by its first 127 bytes. */
    {
        char head[300], want[140];
        memset(want, 0, sizeof want);
        want[0] = '/';
        memset(want + 1, 'k', 127);
        snprintf(head, sizeof head, "{\"%0200d\":[", 0);
        memset(head + 2, 'k', 200);
        doc = repeat(head, "0", CAMSIM_MAX_VALUES + 1, "]}", &len);
        expect_limit(doc, len, want, "CAMSIM_MAX_VALUES");
        free(doc);
    }
    /* values per array, with the pointer of the array */
    doc = repeat("{\"statement\":[{\"action\":[", "\"a\"", CAMSIM_MAX_VALUES, "]}]}", &len);
    expect_ok(doc, len);
    free(doc);
    doc = repeat("{\"statement\":[{\"action\":[", "\"a\"", CAMSIM_MAX_VALUES + 1, "]}]}", &len);
    expect_limit(doc, len, "/statement/0/action", "CAMSIM_MAX_VALUES");
    free(doc);
    /* members per object; a member name with escapes and '/' in the pointer */
    doc = repeat("{\"condition\":{\"a\\/b\\u0021\":{", "\"k\":1", CAMSIM_MAX_OBJECT_MEMBERS,
                 "}}}", &len);
    expect_ok(doc, len);
    free(doc);
    doc = repeat("{\"condition\":{\"a\\/b\\u0021\":{", "\"k\":1", CAMSIM_MAX_OBJECT_MEMBERS + 1,
                 "}}}", &len);
    expect_limit(doc, len, "/condition/a~1b!", "CAMSIM_MAX_OBJECT_MEMBERS");
    free(doc);
    /* the root object's "statement" array may hold more than CAMSIM_MAX_VALUES ... */
    doc = repeat("{\"version\":\"2.0\",\"statement\":[", "{}", CAMSIM_MAX_VALUES * 4, "]}", &len);
    expect_ok(doc, len);
    free(doc);
    doc = repeat("{\"st\\u0061tement\":[", "{}", CAMSIM_MAX_VALUES * 4, "]}", &len);
    expect_ok(doc, len); /* the name is compared decoded, as the compiler sees it */
    free(doc);
    /* ... but no other array does, nor a "statement" array deeper down */
    doc = repeat("{\"statements\":[", "{}", CAMSIM_MAX_VALUES + 1, "]}", &len);
    expect_limit(doc, len, "/statements", "CAMSIM_MAX_VALUES");
    free(doc);
    doc = repeat("{\"a\":{\"statement\":[", "{}", CAMSIM_MAX_VALUES + 1, "]}}", &len);
    expect_limit(doc, len, "/a/statement", "CAMSIM_MAX_VALUES");
    free(doc);
    doc = repeat("[", "{}", CAMSIM_MAX_VALUES + 1, "]", &len);
    expect_limit(doc, len, "", "CAMSIM_MAX_VALUES");
    free(doc);
    /* array indexes in the pointer */
    doc = repeat("[[],[[1],[", "0", CAMSIM_MAX_VALUES + 1, "]]]", &len);
    expect_limit(doc, len, "/1/1", "CAMSIM_MAX_VALUES");
    free(doc);
}

static void test_statement_limit(void **state)
{
    (void)state;
    size_t len;
    /* eight bytes per statement keep the value budget out of the way */
    char *doc = repeat("{\"statement\":[", "0       ", CAMSIM_MAX_STATEMENTS, "]}", &len);
    expect_ok(doc, len);
    free(doc);
    doc = repeat("{\"statement\":[", "0       ", CAMSIM_MAX_STATEMENTS + 1, "]}", &len);
    expect_limit(doc, len, "/statement", "CAMSIM_MAX_STATEMENTS");
    free(doc);
}

/* Dense values: the budget CAMSIM_JSON_VALUE_BASE + len / CAMSIM_JSON_BYTES_PER_VALUE. */
static void test_value_budget(void **state)
{
    (void)state;
    assert_int_equal(camsim_json_value_budget(0), CAMSIM_JSON_VALUE_BASE);
    assert_int_equal(camsim_json_value_budget(800), CAMSIM_JSON_VALUE_BASE + 100);
    /* 64 arrays of 1024 zeros: 2 bytes per value, over the budget */
    size_t len;
    char *inner = repeat("[", "0", CAMSIM_MAX_VALUES, "]", &len);
    char *doc = repeat("[", inner, 64, "]", &len);
    camsim_error err;
    assert_false(camsim_json_guard(doc, len, CAMSIM_MAX_NESTING, &err));
    assert_int_equal(err.code, CAMSIM_E_LIMIT);
    assert_non_null(strstr(err.message, "CAMSIM_JSON_BYTES_PER_VALUE"));
    /* the error comes when the budget runs out, not at the end */
    size_t budget = camsim_json_value_budget(len);
    assert_true(err.offset < len);
    assert_true(err.offset >= 2 * (budget - 64) && err.offset <= 2 * budget + 64 * 4);
    free(doc);
    /* the same values with enough bytes around them pass */
    char *spaced = repeat("[", "0       ", CAMSIM_MAX_VALUES, "]", &len);
    doc = repeat("[", spaced, 64, "]", &len);
    expect_ok(doc, len);
    free(doc);
    free(spaced);
    free(inner);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_byte_at_every_offset),
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_every_byte_in_a_long_string),
        cmocka_unit_test(test_accepted),
        cmocka_unit_test(test_rejected),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_number_length),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_count_limits),
        cmocka_unit_test(test_statement_limit),
        cmocka_unit_test(test_value_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
