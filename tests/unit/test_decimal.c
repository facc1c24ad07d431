/* test_decimal.c: exact decimal numbers (engine/src/match/decimal.c), the value
 * type of the numeric condition operators (docs/semantics.md section 4). */
#include "unit_util.h"

#include <stdlib.h>

#include "decimal.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool parses(const char *s)
{
    camsim_decimal d;
    return camsim_decimal_parse(s, strlen(s), &d);
}

/* Sign of a - b; both must parse. */
static int cmp(const char *a, const char *b)
{
    camsim_decimal x, y;
    if (!camsim_decimal_parse(a, strlen(a), &x) || !camsim_decimal_parse(b, strlen(b), &y)) {
        print_error("does not parse: %s or %s\n", a, b);
        fail();
    }
    int r = camsim_decimal_cmp(&x, &y);
    int back = camsim_decimal_cmp(&y, &x);
    if (r != -back) {
        print_error("not antisymmetric: %s vs %s gives %d and %d\n", a, b, r, back);
        fail();
    }
    return r;
}

#define EQ(a, b) assert_int_equal(cmp(a, b), 0)
#define LT(a, b) assert_int_equal(cmp(a, b), -1)

static void test_syntax(void **state)
{
    (void)state;
    const char *good[] = {"0", "-0", "1", "-1", "10", "0.5", "-0.5", "1.0", "1e5", "1E5",
                          "1e+5", "1e-5", "1.5e-05", "0e0", "0.000", "123456789012345678901234567890",
                          "1e999999999", "1e99999999999999999999999999", "-0.0e-0"};
    const char *bad[] = {"", "-", "+1", "01", "-01", "00", ".5", "5.", "1.e5", "1e", "1e+",
                         "1e-", " 1", "1 ", "0x10", "inf", "-inf", "nan", "NaN", "1,5", "1..5",
                         "1e5.5", "--1", "1-", "e5", "1_000", "١"};
    for (size_t i = 0; i < N(good); i++)
        if (!parses(good[i])) {
            print_error("rejected %s\n", good[i]);
            fail();
        }
    for (size_t i = 0; i < N(bad); i++)
        if (parses(bad[i])) {
            print_error("accepted \"%s\"\n", bad[i]);
            fail();
        }
    /* The length is the caller's: an embedded NUL or a prefix is not a number. */
    camsim_decimal d;
    assert_false(camsim_decimal_parse("1\0" "2", 3, &d));
    assert_true(camsim_decimal_parse("12", 1, &d));
    assert_int_equal(d.ndigits, 1);
}

static void test_equal_spellings(void **state)
{
    (void)state;
    EQ("1", "1.0");
    EQ("1", "10e-1");
    EQ("1", "0.1e1");
    EQ("1", "1E0");
    EQ("1", "1e+0");
    EQ("1", "100e-2");
    EQ("1", "0.00001e5");
    EQ("1.5", "1.50");
    EQ("1.5", "15e-1");
    EQ("1500", "1.5e3");
    EQ("1500", "1.5000e+003");
    EQ("-2.5", "-25e-1");
    EQ("0", "-0");
    EQ("0", "0.0");
    EQ("0", "-0.000e99999999999999999999");
    EQ("0", "0e-5");
    EQ("123456789012345678901234567890", "1.23456789012345678901234567890e29");
    EQ("1e999999999", "10e999999998");
    EQ("1e-999999999", "0.1e-999999998");
    EQ("1e99999999999999999999", "0.001e100000000000000000002");
}

static void test_order(void **state)
{
    (void)state;
    /* Beyond a double's 53 bits. */
    LT("9007199254740992", "9007199254740993");
    LT("9007199254740993", "9007199254740994");
    LT("0.1", "0.10000000000000001");
    LT("0.99999999999999999999", "1");
    LT("1", "1.0000000000000000000000000000001");
    LT("12345678901234567890", "12345678901234567891");
    LT("-12345678901234567891", "-12345678901234567890");
    /* Exponents beyond a double's range, and beyond 64 bits. */
    LT("1e399", "1e400");
    LT("0", "1e-400");
    LT("-1e-400", "0");
    LT("-1e400", "-1e399");
    LT("1e999999999", "2e999999999");
    LT("9e999999998", "1e999999999");
    LT("1e-999999999", "1e-999999998");
    LT("1e18446744073709551615", "1e18446744073709551616");
    LT("1e99999999999999999999", "1e100000000000000000000");
    LT("1e-100000000000000000000", "1e-99999999999999999999");
    LT("123e99999999999999999997", "1.24e99999999999999999999");
    LT("9.99e99999999999999999999", "1e100000000000000000000");
    LT("1e-99999999999999999999", "1");
    LT("-1", "1e-99999999999999999999");
    LT("1", "1e99999999999999999999");
    /* Signs first, then magnitude. */
    LT("-1", "0");
    LT("-1e999999999", "-1");
    LT("-1", "1e-5");
    LT("-0.5", "-0.49999999999999999999");
    /* Digits: a longer run is more when the shorter is its prefix. */
    LT("1.1", "1.10000000000000000001");
    LT("2", "10");
    LT("9.9", "10");
    LT("0.09", "0.1");
}

/* Long texts within the engine's limits (CAMSIM_MAX_REQUEST_STRING). */
static void test_long(void **state)
{
    (void)state;
    size_t n = 60000;
    char *a = malloc(n + 1), *b = malloc(n + 1);
    assert_non_null(a);
    assert_non_null(b);
    a[0] = b[0] = '1';
    a[1] = b[1] = '.';
    memset(a + 2, '0', n - 2);
    memset(b + 2, '0', n - 2);
    a[n] = b[n] = '\0';
    b[n - 1] = '1';
    LT(a, b);
    EQ(a, "1");
    /* An exponent of 59998 digits. */
    memcpy(a, "1e", 2);
    memset(a + 2, '9', n - 2);
    memcpy(b, "1e", 2);
    memset(b + 2, '9', n - 2);
    b[n - 1] = '8';
    LT(b, a);
    EQ(a, a);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_equal_spellings),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
