/* test_condition.c: condition operators in isolation through
 * camsim_condition_test (docs/semantics.md section 4). */
#include "unit_util.h"

#include "condition_test.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ct(op, policy values..., request values...): lists end with NULL. */
static int ct_impl(const char *op, const char *const *pv, const char *const *rv,
                   camsim_error *err)
{
    size_t pn = 0, rn = 0;
    while (pv[pn])
        pn++;
    while (rv[rn])
        rn++;
    memset(err, 0, sizeof *err);
    int r = camsim_condition_test(op, "k", pv, pn, rv, rn, err);
    if (r == -1) {
        assert_int_not_equal(err->code, CAMSIM_OK);
        assert_true(err->message[0] != '\0');
    }
    return r;
}

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

static int ct(const char *op, const char *const *pv, const char *const *rv)
{
    camsim_error err;
    return ct_impl(op, pv, rv, &err);
}

/* One value each side. */
static int c1(const char *op, const char *policy_value, const char *request_value)
{
    return ct(op, P(policy_value), P(request_value));
}

/* The key is absent from the request. */
static int absent(const char *op, const char *policy_value)
{
    return ct(op, P(policy_value), NONE);
}

static void test_string_equal(void **state)
{
    (void)state;
    assert_int_equal(c1("string_equal", "prod", "prod"), 1);
    assert_int_equal(c1("string_equal", "prod", "Prod"), 0);
    assert_int_equal(c1("string_equal", "prod", "prod "), 0);
    assert_int_equal(c1("string_equal", "", ""), 1);
    assert_int_equal(c1("string_equal", "a*", "abc"), 0);
    assert_int_equal(c1("string_equal", "a*", "a*"), 1);
    assert_int_equal(ct("string_equal", P("a", "b"), P("b")), 1);
    assert_int_equal(ct("string_equal", P("a", "b"), P("c")), 0);
}

static void test_string_not_equal(void **state)
{
    (void)state;
    assert_int_equal(c1("string_not_equal", "prod", "dev"), 1);
    assert_int_equal(c1("string_not_equal", "prod", "prod"), 0);
    assert_int_equal(c1("string_not_equal", "prod", "PROD"), 1);
    /* Negated: true when the request value matches none of the values. */
    assert_int_equal(ct("string_not_equal", P("a", "b"), P("a")), 0);
    assert_int_equal(ct("string_not_equal", P("a", "b"), P("b")), 0);
    assert_int_equal(ct("string_not_equal", P("a", "b"), P("c")), 1);
}

static void test_string_ignore_case(void **state)
{
    (void)state;
    assert_int_equal(c1("string_equal_ignore_case", "Prod", "pROD"), 1);
    assert_int_equal(c1("string_equal_ignore_case", "prod", "prd"), 0);
    assert_int_equal(c1("string_not_equal_ignore_case", "Prod", "pROD"), 0);
    assert_int_equal(c1("string_not_equal_ignore_case", "prod", "dev"), 1);
    assert_int_equal(ct("string_not_equal_ignore_case", P("A", "B"), P("b")), 0);
    assert_int_equal(ct("string_equal_ignore_case", P("A", "B"), P("b")), 1);
}

static void test_string_like(void **state)
{
    (void)state;
    assert_int_equal(c1("string_like", "ap-*", "ap-guangzhou"), 1);
    assert_int_equal(c1("string_like", "ap-*", "eu-frankfurt"), 0);
    assert_int_equal(c1("string_like", "*", ""), 1);
    assert_int_equal(c1("string_like", "*-prod-*", "team-prod-1"), 1);
    /* Case-sensitive; `?` literal. */
    assert_int_equal(c1("string_like", "AP-*", "ap-guangzhou"), 0);
    assert_int_equal(c1("string_like", "ap?", "apx"), 0);
    assert_int_equal(c1("string_like", "ap?", "ap?"), 1);
    assert_int_equal(ct("string_like", P("a*", "b*"), P("bz")), 1);
    assert_int_equal(c1("string_not_like", "ap-*", "eu-frankfurt"), 1);
    assert_int_equal(c1("string_not_like", "ap-*", "ap-guangzhou"), 0);
    assert_int_equal(ct("string_not_like", P("a*", "b*"), P("bz")), 0);
    assert_int_equal(ct("string_not_like", P("a*", "b*"), P("cz")), 1);
}

static void test_numeric(void **state)
{
    (void)state;
    assert_int_equal(c1("numeric_equal", "10", "10"), 1);
    assert_int_equal(c1("numeric_equal", "10", "10.0"), 1);
    assert_int_equal(c1("numeric_equal", "10", "11"), 0);
    assert_int_equal(c1("numeric_equal", "-3", "-3"), 1);
    assert_int_equal(c1("numeric_equal", "1.5", "1.50"), 1);
    assert_int_equal(c1("numeric_not_equal", "10", "11"), 1);
    assert_int_equal(c1("numeric_not_equal", "10", "10.0"), 0);
    assert_int_equal(ct("numeric_not_equal", P("1", "2"), P("2")), 0);
    assert_int_equal(ct("numeric_not_equal", P("1", "2"), P("3")), 1);
    /* request OP policy value, compared as numbers not text. */
    assert_int_equal(c1("numeric_less_than", "10", "9"), 1);
    assert_int_equal(c1("numeric_less_than", "10", "10"), 0);
    assert_int_equal(c1("numeric_less_than", "10", "11"), 0);
    assert_int_equal(c1("numeric_less_than", "0", "-1"), 1);
    assert_int_equal(c1("numeric_less_than", "2", "1.5"), 1);
    assert_int_equal(c1("numeric_less_than_equal", "10", "10"), 1);
    assert_int_equal(c1("numeric_less_than_equal", "10", "9"), 1);
    assert_int_equal(c1("numeric_less_than_equal", "10", "11"), 0);
    assert_int_equal(c1("numeric_greater_than", "10", "11"), 1);
    assert_int_equal(c1("numeric_greater_than", "10", "10"), 0);
    assert_int_equal(c1("numeric_greater_than", "9", "10"), 1);
    assert_int_equal(c1("numeric_greater_than", "10", "9"), 0);
    assert_int_equal(c1("numeric_greater_than_equal", "10", "10"), 1);
    assert_int_equal(c1("numeric_greater_than_equal", "10", "11"), 1);
    assert_int_equal(c1("numeric_greater_than_equal", "10", "9"), 0);
    assert_int_equal(ct("numeric_less_than", P("5", "20"), P("10")), 1);
}

static void test_numeric_invalid(void **state)
{
    (void)state;
    camsim_error err;
    assert_int_equal(ct_impl("numeric_equal", P("ten"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_equal", P(""), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_equal", P("10abc"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("+1"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("01"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P(".5"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("1."), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P(" 1"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("0x10"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("nan"), P("10"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("inf"), P("10"), &err), -1);
    /* A request value the operator cannot read is an error, never a match. */
    assert_int_equal(ct_impl("numeric_equal", P("10"), P("ten"), &err), -1);
    assert_int_equal(ct_impl("numeric_not_equal", P("10"), P("ten"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("10"), P("1e"), &err), -1);
    assert_int_equal(ct_impl("numeric_less_than", P("10"), P("+5"), &err), -1);
    assert_int_equal(ct_impl("for_all_value:numeric_less_than", P("10"), P("5", "x"), &err), -1);
}

/* Exact decimal values, never rounded to a double (section 4). */
static void test_numeric_exact(void **state)
{
    (void)state;
    assert_int_equal(c1("numeric_equal", "9007199254740993", "9007199254740992"), 0);
    assert_int_equal(c1("numeric_equal", "9007199254740993", "9007199254740993"), 1);
    assert_int_equal(c1("numeric_equal", "9007199254740993", "9007199254740993.000"), 1);
    assert_int_equal(c1("numeric_not_equal", "9007199254740993", "9007199254740992"), 1);
    assert_int_equal(c1("numeric_less_than", "9007199254740993", "9007199254740992"), 1);
    assert_int_equal(c1("numeric_greater_than", "0.1", "0.10000000000000001"), 1);
    assert_int_equal(c1("numeric_equal", "0.1", "0.10000000000000001"), 0);
    assert_int_equal(c1("numeric_less_than", "1", "0.99999999999999999999"), 1);
    assert_int_equal(c1("numeric_equal", "12345678901234567890", "12345678901234567891"), 0);
    /* Equal values written differently. */
    assert_int_equal(c1("numeric_equal", "1", "1.0"), 1);
    assert_int_equal(c1("numeric_equal", "1", "10e-1"), 1);
    assert_int_equal(c1("numeric_equal", "1", "0.1e1"), 1);
    assert_int_equal(c1("numeric_equal", "1E0", "1"), 1);
    assert_int_equal(c1("numeric_equal", "0", "-0"), 1);
    assert_int_equal(c1("numeric_equal", "-0.0", "0e10"), 1);
    /* Beyond a double's range. */
    assert_int_equal(c1("numeric_greater_than", "1e399", "1e400"), 1);
    assert_int_equal(c1("numeric_less_than", "1e400", "1e399"), 1);
    assert_int_equal(c1("numeric_equal", "1e400", "1e399"), 0);
    assert_int_equal(c1("numeric_greater_than", "0", "1e-400"), 1);
    assert_int_equal(c1("numeric_less_than", "0", "-1e-400"), 1);
    assert_int_equal(c1("numeric_equal", "0", "1e-400"), 0);
    assert_int_equal(c1("numeric_greater_than", "1e999999999", "1e9999999999"), 1);
    assert_int_equal(c1("numeric_less_than", "-1e999999999", "-1e9999999999"), 1);
    assert_int_equal(c1("numeric_equal", "1e99999999999999999999", "10e99999999999999999998"), 1);
    assert_int_equal(c1("numeric_greater_than_equal", "1e99999999999999999999",
                        "1e100000000000000000000"), 1);
    /* for_all_value over several exact values. */
    assert_int_equal(ct("for_all_value:numeric_less_than", P("9007199254740993"),
                        P("9007199254740992", "9007199254740992.9")), 1);
    assert_int_equal(ct("for_all_value:numeric_less_than", P("9007199254740993"),
                        P("9007199254740992", "9007199254740993")), 0);
}

#define T0 "2026-06-01T00:01:00Z"

static void test_date(void **state)
{
    (void)state;
    assert_int_equal(c1("date_equal", T0, T0), 1);
    assert_int_equal(c1("date_equal", T0, "2026-06-01 00:01:00"), 1);
    assert_int_equal(c1("date_equal", "2026-06-01 00:01:00", T0), 1);
    assert_int_equal(c1("date_equal", T0, "2026-06-01T08:01:00+08:00"), 1);
    assert_int_equal(c1("date_equal", "2026-05-31T19:01:00-05:00", T0), 1);
    assert_int_equal(c1("date_equal", T0, "2026-06-01T00:01:01Z"), 0);
    assert_int_equal(c1("date_not_equal", T0, "2026-06-01T00:01:01Z"), 1);
    assert_int_equal(c1("date_not_equal", T0, "2026-06-01T08:01:00+08:00"), 0);
    assert_int_equal(c1("date_less_than", T0, "2026-06-01T00:00:59Z"), 1);
    assert_int_equal(c1("date_less_than", T0, T0), 0);
    assert_int_equal(c1("date_less_than", T0, "2027-01-01T00:00:00Z"), 0);
    assert_int_equal(c1("date_less_than_equal", T0, T0), 1);
    assert_int_equal(c1("date_less_than_equal", T0, "2026-06-01T00:01:01Z"), 0);
    assert_int_equal(c1("date_greater_than", T0, "2026-06-01T00:01:01Z"), 1);
    assert_int_equal(c1("date_greater_than", T0, T0), 0);
    /* Offsets count: 07:00+08:00 is 23:00Z the day before. */
    assert_int_equal(c1("date_greater_than", T0, "2026-06-01T07:00:00+08:00"), 0);
    assert_int_equal(c1("date_greater_than_equal", T0, T0), 1);
    assert_int_equal(c1("date_greater_than_equal", T0, "2025-12-31 23:59:59"), 0);
    assert_int_equal(c1("date_greater_than_equal", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"), 1);
}

static void test_date_invalid(void **state)
{
    (void)state;
    camsim_error err;
    assert_int_equal(ct_impl("date_equal", P("yesterday"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P("2026-13-01T00:00:00Z"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P("2026-06-31T00:00:00Z"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P("2026-06-01T25:00:00Z"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P("2025-02-29T00:00:00Z"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P(""), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_less_than", P(T0), P("not a date"), &err), -1);
}

/* The calendar exactly: every month's last day is a date and the day after
 * it is not; leap years follow the Gregorian rule (1900 is not one, 2000
 * is); an offset counts its minutes; dates before year 1 of the era and
 * across 0000 compare in order. */
static void test_date_calendar(void **state)
{
    (void)state;
    static const int last[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    camsim_error err;
    for (int m = 1; m <= 12; m++) {
        char ok[32], bad[32];
        snprintf(ok, sizeof ok, "2026-%02d-%02dT00:00:00Z", m, last[m - 1]);
        snprintf(bad, sizeof bad, "2026-%02d-%02dT00:00:00Z", m, last[m - 1] + 1);
        assert_int_equal(c1("date_equal", ok, ok), 1);
        assert_int_equal(ct_impl("date_equal", P(bad), P(T0), &err), -1);
    }
    assert_int_equal(ct_impl("date_equal", P("1900-02-29T00:00:00Z"), P(T0), &err), -1);
    assert_int_equal(ct_impl("date_equal", P("2100-02-29T00:00:00Z"), P(T0), &err), -1);
    assert_int_equal(c1("date_equal", "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"), 1);
    assert_int_equal(c1("date_equal", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"), 1);
    /* 1900-03-01 is the day after 1900-02-28. */
    assert_int_equal(ct_impl("date_equal", P("1900-02-28T24:00:00Z"), P(T0), &err), -1);
    assert_int_equal(c1("date_equal", "1900-03-01T00:00:00Z", "1900-02-28T23:59:59-00:01"), 0);
    assert_int_equal(c1("date_equal", "1900-03-01T00:00:00Z", "1900-02-28T23:59:00-00:01"), 1);
    /* Minutes of the offset count: 05:30+05:30 is midnight UTC. */
    assert_int_equal(c1("date_equal", "2026-06-01T00:00:00Z", "2026-06-01T05:30:00+05:30"), 1);
    assert_int_equal(c1("date_equal", "2026-06-01T00:00:00Z", "2026-05-31T23:15:00-00:45"), 1);
    assert_int_equal(c1("date_equal", "2026-06-01T00:00:00Z", "2026-06-01T05:29:00+05:30"), 0);
    /* Years around 0000 (days_from_civil's era arithmetic). */
    assert_int_equal(c1("date_less_than", "0000-03-01T00:00:00Z", "0000-02-29T23:59:59Z"), 1);
    assert_int_equal(c1("date_equal", "0000-03-01T00:00:00Z", "0000-02-29T23:59:00-00:01"), 1);
    assert_int_equal(c1("date_less_than", "0001-01-01T00:00:00Z", "0000-12-31T23:59:59Z"), 1);
    assert_int_equal(c1("date_greater_than", "0400-03-01T00:00:00Z", "0400-03-01T00:00:01Z"), 1);
    assert_int_equal(c1("date_equal", "0400-03-01T00:00:00Z", "0400-02-29T23:00:00-01:00"), 1);
}

static void test_bool(void **state)
{
    (void)state;
    camsim_error err;
    assert_int_equal(c1("bool_equal", "true", "true"), 1);
    assert_int_equal(c1("bool_equal", "false", "false"), 1);
    assert_int_equal(c1("bool_equal", "true", "false"), 0);
    assert_int_equal(c1("bool_equal", "false", "true"), 0);
    assert_int_equal(ct_impl("bool_equal", P("yes"), P("true"), &err), -1);
    assert_int_equal(ct_impl("bool_equal", P(""), P("true"), &err), -1);
    assert_int_equal(ct_impl("bool_equal", P("true"), P("maybe"), &err), -1);
}

static void test_binary(void **state)
{
    (void)state;
    assert_int_equal(c1("binary_equal", "QUJD", "QUJD"), 1);
    assert_int_equal(c1("binary_equal", "QUJD", "qujd"), 0);
    assert_int_equal(c1("binary_equal", "QUJD", "QUJD "), 0);
    assert_int_equal(ct("binary_equal", P("QUJD", "REVG"), P("REVG")), 1);
}

static void test_ip(void **state)
{
    (void)state;
    assert_int_equal(c1("ip_equal", "10.0.0.0/8", "10.1.2.3"), 1);
    assert_int_equal(c1("ip_equal", "10.0.0.0/8", "11.1.2.3"), 0);
    assert_int_equal(c1("ip_equal", "10.1.2.3", "10.1.2.3"), 1);
    assert_int_equal(c1("ip_equal", "10.1.2.3", "10.1.2.4"), 0);
    assert_int_equal(c1("ip_equal", "10.1.2.3/32", "10.1.2.3"), 1);
    assert_int_equal(c1("ip_equal", "192.168.1.0/24", "192.168.1.255"), 1);
    assert_int_equal(c1("ip_equal", "192.168.1.0/24", "192.168.2.0"), 0);
    assert_int_equal(c1("ip_equal", "0.0.0.0/0", "203.0.113.9"), 1);
    assert_int_equal(c1("ip_equal", "2001:db8::/32", "2001:db8::1"), 1);
    assert_int_equal(c1("ip_equal", "2001:db8::/32", "2001:db9::1"), 0);
    assert_int_equal(c1("ip_equal", "::1", "::1"), 1);
    assert_int_equal(c1("ip_equal", "::1", "::2"), 0);
    assert_int_equal(c1("ip_equal", "2001:db8::1/128", "2001:db8:0:0:0:0:0:1"), 1);
    /* Families never match each other. */
    assert_int_equal(c1("ip_equal", "10.0.0.0/8", "::1"), 0);
    assert_int_equal(c1("ip_equal", "::/0", "10.1.2.3"), 0);
    assert_int_equal(ct("ip_equal", P("10.0.0.0/8", "192.168.0.0/16"), P("192.168.3.4")), 1);
    assert_int_equal(c1("ip_not_equal", "10.0.0.0/8", "11.1.2.3"), 1);
    assert_int_equal(c1("ip_not_equal", "10.0.0.0/8", "10.1.2.3"), 0);
    assert_int_equal(ct("ip_not_equal", P("10.0.0.0/8", "192.168.0.0/16"), P("192.168.3.4")), 0);
    assert_int_equal(ct("ip_not_equal", P("10.0.0.0/8", "192.168.0.0/16"), P("172.16.0.1")), 1);
}

static void test_ip_invalid(void **state)
{
    (void)state;
    camsim_error err;
    const char *bad[] = {"10.0.0.0/33", "300.1.1.1", "10.0.0", "10.0.0.0/", "10.0.0.0/-1",
                         "2001:db8::/129", "2001:db8:::1", "abc", "", "10.0.0.0/8x"};
    for (size_t i = 0; i < N(bad); i++) {
        if (ct_impl("ip_equal", P(bad[i]), P("10.1.2.3"), &err) != -1) {
            print_error("ip_equal accepted invalid policy value \"%s\"\n", bad[i]);
            fail();
        }
    }
    assert_int_equal(ct_impl("ip_equal", P("10.0.0.0/8"), P("not-an-ip"), &err), -1);
    assert_int_equal(ct_impl("ip_not_equal", P("10.0.0.0/8"), P("not-an-ip"), &err), -1);
}

static void test_null_equal(void **state)
{
    (void)state;
    camsim_error err;
    assert_int_equal(absent("null_equal", "true"), 1);
    assert_int_equal(c1("null_equal", "true", "x"), 0);
    assert_int_equal(absent("null_equal", "false"), 0);
    assert_int_equal(c1("null_equal", "false", "x"), 1);
    assert_int_equal(ct_impl("null_equal", P("maybe"), NONE, &err), -1);
    /* null_equal takes no _if_exist. */
    assert_int_equal(ct_impl("null_equal_if_exist", P("true"), NONE, &err), -1);
}

static const char *const every_op[] = {
    "string_equal", "string_not_equal", "string_equal_ignore_case",
    "string_not_equal_ignore_case", "string_like", "string_not_like",
    "numeric_equal", "numeric_not_equal", "numeric_less_than", "numeric_less_than_equal",
    "numeric_greater_than", "numeric_greater_than_equal",
    "date_equal", "date_not_equal", "date_less_than", "date_less_than_equal",
    "date_greater_than", "date_greater_than_equal",
    "bool_equal", "binary_equal", "ip_equal", "ip_not_equal"};

static const char *value_for(const char *op)
{
    if (strncmp(op, "numeric", 7) == 0)
        return "10";
    if (strncmp(op, "date", 4) == 0)
        return T0;
    if (strncmp(op, "bool", 4) == 0)
        return "true";
    if (strncmp(op, "ip", 2) == 0)
        return "10.0.0.0/8";
    return "x";
}

static void test_absent_key(void **state)
{
    (void)state;
    char buf[128];
    for (size_t i = 0; i < N(every_op); i++) {
        const char *v = value_for(every_op[i]);
        /* Absent key: false, for negated operators too. */
        if (absent(every_op[i], v) != 0) {
            print_error("%s with an absent key should be false\n", every_op[i]);
            fail();
        }
        /* ..._if_exist: true. */
        snprintf(buf, sizeof buf, "%s_if_exist", every_op[i]);
        if (absent(buf, v) != 1) {
            print_error("%s with an absent key should be true\n", buf);
            fail();
        }
        snprintf(buf, sizeof buf, "for_any_value:%s", every_op[i]);
        if (absent(buf, v) != 0) {
            print_error("%s with an absent key should be false\n", buf);
            fail();
        }
        snprintf(buf, sizeof buf, "for_all_value:%s", every_op[i]);
        if (absent(buf, v) != 0) {
            print_error("%s with an absent key should be false\n", buf);
            fail();
        }
        snprintf(buf, sizeof buf, "for_all_value:%s_if_exist", every_op[i]);
        if (absent(buf, v) != 1) {
            print_error("%s with an absent key should be true\n", buf);
            fail();
        }
        snprintf(buf, sizeof buf, "for_any_value:%s_if_exist", every_op[i]);
        if (absent(buf, v) != 1) {
            print_error("%s with an absent key should be true\n", buf);
            fail();
        }
    }
}

static void test_if_exist_present(void **state)
{
    (void)state;
    /* When the key is present, _if_exist behaves as the base operator. */
    assert_int_equal(c1("string_equal_if_exist", "a", "a"), 1);
    assert_int_equal(c1("string_equal_if_exist", "a", "b"), 0);
    assert_int_equal(c1("string_not_equal_if_exist", "a", "a"), 0);
    assert_int_equal(c1("ip_equal_if_exist", "10.0.0.0/8", "11.0.0.1"), 0);
    assert_int_equal(c1("ip_not_equal_if_exist", "10.0.0.0/8", "11.0.0.1"), 1);
    assert_int_equal(c1("numeric_less_than_if_exist", "10", "9"), 1);
    assert_int_equal(c1("date_less_than_if_exist", T0, "2027-01-01T00:00:00Z"), 0);
    assert_int_equal(c1("bool_equal_if_exist", "true", "false"), 0);
}

static void test_multi_valued(void **state)
{
    (void)state;
    /* Unqualified multi-valued key: for_any_value. */
    assert_int_equal(ct("string_equal", P("b"), P("a", "b")), 1);
    assert_int_equal(ct("string_equal", P("c"), P("a", "b")), 0);
    assert_int_equal(ct("string_not_equal", P("a"), P("a", "b")), 1);
    assert_int_equal(ct("string_not_equal", P("a", "b"), P("a", "b")), 0);
    assert_int_equal(ct("ip_equal", P("10.0.0.0/8"), P("11.0.0.1", "10.0.0.1")), 1);

    assert_int_equal(ct("for_any_value:string_equal", P("b"), P("a", "b")), 1);
    assert_int_equal(ct("for_any_value:string_equal", P("c"), P("a", "b")), 0);
    assert_int_equal(ct("for_any_value:string_not_equal", P("a"), P("a", "b")), 1);
    assert_int_equal(ct("for_any_value:string_not_equal", P("a", "b"), P("a", "b")), 0);
    assert_int_equal(ct("for_any_value:string_like", P("env&*"), P("team&x", "env&prod")), 1);

    assert_int_equal(ct("for_all_value:string_equal", P("a"), P("a", "b")), 0);
    assert_int_equal(ct("for_all_value:string_equal", P("a", "b"), P("a", "b")), 1);
    assert_int_equal(ct("for_all_value:string_equal", P("a", "b", "c"), P("b", "a")), 1);
    assert_int_equal(ct("for_all_value:string_equal", P("a"), P("a")), 1);
    assert_int_equal(ct("for_all_value:string_not_equal", P("a"), P("a", "b")), 0);
    assert_int_equal(ct("for_all_value:string_not_equal", P("c"), P("a", "b")), 1);
    assert_int_equal(ct("for_all_value:numeric_less_than", P("10"), P("1", "9")), 1);
    assert_int_equal(ct("for_all_value:numeric_less_than", P("10"), P("1", "10")), 0);
    assert_int_equal(ct("for_all_value:string_equal_if_exist", P("a", "b"), P("a", "b")), 1);
    assert_int_equal(ct("for_all_value:string_equal_if_exist", P("a"), P("a", "b")), 0);
    assert_int_equal(ct("for_any_value:string_equal_if_exist", P("b"), P("a", "b")), 1);
}

static void test_unknown_operators(void **state)
{
    (void)state;
    camsim_error err;
    const char *bad[] = {"", "string_equals", "StringEquals", "String_Equal", "STRING_EQUAL",
                         "string_equal_if_exists", "string_equal_if_exist_if_exist",
                         "if_exist", "_if_exist", "string_equal_ifexist",
                         "for_any_values:string_equal", "for_each_value:string_equal",
                         "For_Any_Value:string_equal", "for_any_value:", "for_all_value:",
                         "for_any_value:for_all_value:string_equal", "string_equal:for_any_value",
                         "numeric_not_less_than", "ip_like", "date_like", "bool_not_equal",
                         "binary_not_equal", "null_not_equal", "string_like_ignore_case",
                         "for_any_value:bogus"};
    for (size_t i = 0; i < N(bad); i++) {
        if (ct_impl(bad[i], P("x"), P("x"), &err) != -1) {
            print_error("operator \"%s\" was accepted\n", bad[i]);
            fail();
        }
    }
}

static void test_every_operator_known(void **state)
{
    (void)state;
    camsim_error err;
    char buf[128];
    for (size_t i = 0; i < N(every_op); i++) {
        const char *v = value_for(every_op[i]);
        const char *rv = strncmp(every_op[i], "ip", 2) == 0 ? "10.1.2.3" : v;
        if (ct_impl(every_op[i], P(v), P(rv), &err) == -1) {
            print_error("operator \"%s\" rejected: %s\n", every_op[i], err.message);
            fail();
        }
        snprintf(buf, sizeof buf, "for_all_value:%s_if_exist", every_op[i]);
        if (ct_impl(buf, P(v), P(rv), &err) == -1) {
            print_error("operator \"%s\" rejected: %s\n", buf, err.message);
            fail();
        }
    }
    assert_int_equal(ct_impl("null_equal", P("true"), NONE, &err), 1);
}

static void test_error_has_message(void **state)
{
    (void)state;
    camsim_error err;
    assert_int_equal(ct_impl("ip_equal", P("10.0.0.0/33"), P("10.0.0.1"), &err), -1);
    assert_true(err.code == CAMSIM_E_VALUE || err.code == CAMSIM_E_GRAMMAR);
    assert_int_equal(ct_impl("string_equals", P("a"), P("a"), &err), -1);
    assert_contains(err.message, "string_equals");
}

static void test_no_values_in_request_means_absent(void **state)
{
    (void)state;
    assert_int_equal(ct("string_not_equal", P("a"), NONE), 0);
    assert_int_equal(ct("string_not_equal_if_exist", P("a"), NONE), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_equal),
        cmocka_unit_test(test_string_not_equal),
        cmocka_unit_test(test_string_ignore_case),
        cmocka_unit_test(test_string_like),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_numeric_invalid),
        cmocka_unit_test(test_numeric_exact),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_calendar),
        cmocka_unit_test(test_bool),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_ip),
        cmocka_unit_test(test_ip_invalid),
        cmocka_unit_test(test_null_equal),
        cmocka_unit_test(test_absent_key),
        cmocka_unit_test(test_if_exist_present),
        cmocka_unit_test(test_multi_valued),
        cmocka_unit_test(test_unknown_operators),
        cmocka_unit_test(test_every_operator_known),
        cmocka_unit_test(test_error_has_message),
        cmocka_unit_test(test_no_values_in_request_means_absent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
