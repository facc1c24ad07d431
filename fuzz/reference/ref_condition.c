/* ref_condition.c: spec section 4, built on libc: timegm for dates,
 * inet_pton for addresses; numbers compared exactly through a canonical
 * form with a big-integer exponent (schoolbook string arithmetic). */
#include "reference.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const struct {
    const char *name;
    ref_family family;
    ref_cmp cmp;
    bool negated;
} operators[] = {
    {"string_equal", REF_F_STRING, REF_EQ, false},
    {"string_not_equal", REF_F_STRING, REF_NE, true},
    {"string_equal_ignore_case", REF_F_STRING_CI, REF_EQ, false},
    {"string_not_equal_ignore_case", REF_F_STRING_CI, REF_NE, true},
    {"string_like", REF_F_LIKE, REF_EQ, false},
    {"string_not_like", REF_F_LIKE, REF_NE, true},
    {"numeric_equal", REF_F_NUMERIC, REF_EQ, false},
    {"numeric_not_equal", REF_F_NUMERIC, REF_NE, true},
    {"numeric_less_than", REF_F_NUMERIC, REF_LT, false},
    {"numeric_less_than_equal", REF_F_NUMERIC, REF_LE, false},
    {"numeric_greater_than", REF_F_NUMERIC, REF_GT, false},
    {"numeric_greater_than_equal", REF_F_NUMERIC, REF_GE, false},
    {"date_equal", REF_F_DATE, REF_EQ, false},
    {"date_not_equal", REF_F_DATE, REF_NE, true},
    {"date_less_than", REF_F_DATE, REF_LT, false},
    {"date_less_than_equal", REF_F_DATE, REF_LE, false},
    {"date_greater_than", REF_F_DATE, REF_GT, false},
    {"date_greater_than_equal", REF_F_DATE, REF_GE, false},
    {"bool_equal", REF_F_BOOL, REF_EQ, false},
    {"binary_equal", REF_F_BINARY, REF_EQ, false},
    {"ip_equal", REF_F_IP, REF_EQ, false},
    {"ip_not_equal", REF_F_IP, REF_NE, true},
    {"null_equal", REF_F_NULL, REF_EQ, false},
};

int ref_operator_parse(const char *name, ref_operator *op)
{
    memset(op, 0, sizeof *op);
    const char *p = name;
    if (strncmp(p, "for_any_value:", 14) == 0) {
        op->qualifier = 1;
        p += 14;
    } else if (strncmp(p, "for_all_value:", 14) == 0) {
        op->qualifier = 2;
        p += 14;
    }
    size_t n = strlen(p);
    if (n > 9 && strcmp(p + n - 9, "_if_exist") == 0) {
        op->if_exist = true;
        n -= 9;
    }
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if (strlen(operators[i].name) == n && strncmp(operators[i].name, p, n) == 0) {
            op->family = operators[i].family;
            op->cmp = operators[i].cmp;
            op->negated = operators[i].negated;
            if (op->family == REF_F_NULL && op->if_exist)
                return REF_ERROR; /* null_equal takes no _if_exist */
            if (op->family == REF_F_NULL && op->qualifier)
                return REF_UNSPEC; /* the table is silent on qualified null_equal */
            return REF_TRUE;
        }
    }
    /* Unknown. A near miss in case only ("String_Equal") is still unknown. */
    return REF_ERROR;
}

/* ---- numbers: the JSON number grammar (RFC 8259), compared exactly */
static bool json_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (isdigit((unsigned char)*p))
            p++;
    else
        return false;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

/* REF_TRUE (an RFC 8259 number, any length or exponent) or REF_ERROR:
 * section 4 pins the syntax, so "+1", " 1", "1.", "0x10", "inf" are errors. */
static int read_number(const char *s)
{
    return json_number(s) ? REF_TRUE : REF_ERROR;
}

/* Decimal big integers as magnitude strings without leading zeros ("0" for
 * zero) and a separate sign: schoolbook addition and subtraction. */
static int mag_cmp(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la < lb ? -1 : 1;
    int c = strcmp(a, b);
    return (c > 0) - (c < 0);
}

static char *mag_strip(char *m)
{
    size_t z = 0;
    while (m[z] == '0' && m[z + 1])
        z++;
    memmove(m, m + z, strlen(m + z) + 1);
    return m;
}

/* a + b, or a - b when subtract (then a >= b). malloc'd. */
static char *mag_addsub(const char *a, const char *b, bool subtract)
{
    size_t la = strlen(a), lb = strlen(b), n = (la > lb ? la : lb) + 1;
    char *out = malloc(n + 1);
    if (!out)
        abort();
    int carry = 0;
    for (size_t k = 0; k < n; k++) { /* k-th digit from the right */
        int x = k < la ? a[la - 1 - k] - '0' : 0;
        int y = k < lb ? b[lb - 1 - k] - '0' : 0;
        int d = subtract ? x - y - carry : x + y + carry;
        carry = subtract ? d < 0 : d > 9;
        d = subtract ? (d < 0 ? d + 10 : d) : d % 10;
        out[n - 1 - k] = (char)('0' + d);
    }
    out[n] = '\0';
    return mag_strip(out);
}

/* (sa, a) + (sb, b) for signs -1/+1; the result's sign in *sign. */
static char *big_add(int sa, const char *a, int sb, const char *b, int *sign)
{
    if (sa == sb) {
        *sign = sa;
        return mag_addsub(a, b, false);
    }
    int c = mag_cmp(a, b);
    *sign = c >= 0 ? sa : sb;
    return c >= 0 ? mag_addsub(a, b, true) : mag_addsub(b, a, true);
}

/* A number as sign (-1, 0, 1), its significant digits, and the power of
 * ten of the first of them as a big integer (sign, magnitude). */
typedef struct canon {
    int sign;
    char *digits;
    int exp_sign;
    char *exp;
} canon;

static void canonical(const char *s, canon *out)
{
    size_t n = strlen(s);
    char *all = malloc(n + 1), *exp = malloc(n + 2);
    if (!all || !exp)
        abort();
    size_t nd = 0, before_point = 0;
    bool point = false;
    const char *p = s;
    int sign = 1;
    if (*p == '-') {
        sign = -1;
        p++;
    }
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.')
            point = true;
        else {
            all[nd++] = *p;
            before_point += !point;
        }
    }
    all[nd] = '\0';
    int exp_sign = 1;
    strcpy(exp, "0");
    if (*p) {
        p++;
        if (*p == '+' || *p == '-')
            exp_sign = *p++ == '-' ? -1 : 1;
        strcpy(exp, p);
        mag_strip(exp);
    }
    size_t lead = 0;
    while (all[lead] == '0')
        lead++;
    if (lead == nd) { /* zero */
        out->sign = 0;
        out->digits = all;
        out->exp_sign = 1;
        out->exp = exp;
        all[0] = '\0';
        return;
    }
    /* The first significant digit stands at power before_point - 1 - lead
     * of the mantissa; the explicit exponent is added to that. */
    long long shift = (long long)before_point - 1 - (long long)lead;
    char small[32];
    snprintf(small, sizeof small, "%lld", shift < 0 ? -shift : shift);
    out->exp = big_add(exp_sign, exp, shift < 0 ? -1 : 1, small, &out->exp_sign);
    free(exp);
    memmove(all, all + lead, nd - lead + 1);
    size_t len = strlen(all);
    while (len > 0 && all[len - 1] == '0')
        all[--len] = '\0';
    out->sign = sign;
    out->digits = all;
}

/* a - b compared exactly: -1, 0 or 1. Both must be json_number text. */
static int number_cmp(const char *a, const char *b)
{
    canon x, y;
    canonical(a, &x);
    canonical(b, &y);
    int r;
    if (x.sign != y.sign || x.sign == 0) {
        r = (x.sign > y.sign) - (x.sign < y.sign);
    } else {
        /* Magnitudes: the leading power of ten, then the digits aligned on
         * the left (the shorter padded with zeros). */
        int e = x.exp_sign != y.exp_sign
                    ? (x.exp_sign > y.exp_sign ? 1 : -1)
                    : x.exp_sign * mag_cmp(x.exp, y.exp);
        if (strcmp(x.exp, "0") == 0 && strcmp(y.exp, "0") == 0)
            e = 0; /* +0 and -0 exponents */
        if (e == 0) {
            size_t lx = strlen(x.digits), ly = strlen(y.digits);
            for (size_t k = 0; e == 0 && (k < lx || k < ly); k++) {
                char dx = k < lx ? x.digits[k] : '0', dy = k < ly ? y.digits[k] : '0';
                e = (dx > dy) - (dx < dy);
            }
        }
        r = x.sign * e;
    }
    free(x.digits);
    free(x.exp);
    free(y.digits);
    free(y.exp);
    return r;
}

/* ---- dates: YYYY-MM-DDTHH:MM:SSZ, "YYYY-MM-DD HH:MM:SS", or an offset */
static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int read_date(const char *s, double *out)
{
    size_t n = strlen(s);
    bool shape = n >= 19 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
                 digits(s + 8, 2) && (s[10] == 'T' || s[10] == ' ') && digits(s + 11, 2) &&
                 s[13] == ':' && digits(s + 14, 2) && s[16] == ':' && digits(s + 17, 2);
    if (!shape) {
        /* "2026-06-01" or "2026-06-01T00:00" may be read by a lenient parser;
         * anything not starting like a date certainly is not one. */
        if (n >= 5 && digits(s, 4) && s[4] == '-')
            return REF_UNSPEC;
        return REF_ERROR;
    }
    long offset = 0;
    const char *zone = s + 19;
    if (strcmp(zone, "Z") == 0 && s[10] == 'T') {
        offset = 0;
    } else if (*zone == '\0' && s[10] == ' ') {
        offset = 0;
    } else if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 6 && digits(zone + 1, 2) &&
               zone[3] == ':' && digits(zone + 4, 2)) {
        int hh = num(zone + 1, 2), mm = num(zone + 4, 2);
        if (hh > 23 || mm > 59)
            return REF_UNSPEC;
        offset = (hh * 60L + mm) * 60L * (zone[0] == '-' ? -1 : 1);
    } else {
        return REF_UNSPEC; /* fractions, lowercase z, +0800: unpinned */
    }
    int year = num(s, 4), mon = num(s + 5, 2), day = num(s + 8, 2);
    int hour = num(s + 11, 2), min = num(s + 14, 2), sec = num(s + 17, 2);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (mon < 1 || mon > 12 || hour > 23 || min > 59)
        return REF_ERROR;
    if (sec == 60)
        return REF_UNSPEC; /* leap second */
    if (sec > 60 || day < 1 || day > mdays[mon - 1] + (mon == 2 && leap))
        return REF_ERROR;
    if (year < 1970)
        return REF_UNSPEC;
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    *out = (double)timegm(&tm) - (double)offset;
    return REF_TRUE;
}

/* ---- addresses: CIDR with inet_pton */
typedef struct cidr {
    int family; /* 4 or 6 */
    unsigned char addr[16];
    int prefix;
} cidr;

static int read_cidr(const char *s, cidr *out, bool allow_prefix)
{
    char host[64];
    const char *slash = strchr(s, '/');
    size_t hn = slash ? (size_t)(slash - s) : strlen(s);
    if (hn == 0 || hn >= sizeof host)
        return hn == 0 ? REF_ERROR : REF_UNSPEC;
    memcpy(host, s, hn);
    host[hn] = '\0';
    if (strchr(host, '%'))
        return REF_UNSPEC; /* scoped addresses */
    if (inet_pton(AF_INET, host, out->addr) == 1) {
        char back[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, out->addr, back, sizeof back);
        if (strcmp(back, host) != 0)
            return REF_UNSPEC; /* non-canonical dotted quad */
        out->family = 4;
        out->prefix = 32;
    } else if (inet_pton(AF_INET6, host, out->addr) == 1) {
        if (strchr(host, '.'))
            return REF_UNSPEC; /* embedded IPv4 notation */
        out->family = 6;
        out->prefix = 128;
    } else {
        return REF_ERROR; /* neither an IPv4 nor an IPv6 address */
    }
    if (slash) {
        if (!allow_prefix)
            return REF_UNSPEC;
        const char *d = slash + 1;
        size_t dn = strlen(d);
        if (dn == 0 || !digits(d, dn))
            return REF_ERROR;
        if (dn > 3 || (dn > 1 && d[0] == '0'))
            return REF_UNSPEC;
        int prefix = num(d, dn);
        if (prefix > (out->family == 4 ? 32 : 128))
            return REF_ERROR;
        out->prefix = prefix;
        /* Host bits set ("10.0.0.1/8"): the spec does not say; skip. */
        int bytes = out->family == 4 ? 4 : 16;
        for (int bit = prefix; bit < bytes * 8; bit++)
            if (out->addr[bit / 8] & (0x80 >> (bit % 8)))
                return REF_UNSPEC;
    }
    return REF_TRUE;
}

static bool cidr_contains(const cidr *net, const cidr *ip)
{
    if (net->family != ip->family)
        return false;
    for (int bit = 0; bit < net->prefix; bit++) {
        int m = 0x80 >> (bit % 8);
        if ((net->addr[bit / 8] & m) != (ip->addr[bit / 8] & m))
            return false;
    }
    return true;
}

static int read_bool(const char *s, bool *out)
{
    if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
        *out = s[0] == 't';
        return REF_TRUE;
    }
    if (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0)
        return REF_UNSPEC;
    return REF_ERROR;
}

static bool plain(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            return false;
    return true;
}

int ref_value_valid(ref_family f, const char *value)
{
    if (!plain(value) || strlen(value) > 4096)
        return REF_UNSPEC;
    double d;
    bool b;
    cidr c;
    switch (f) {
    case REF_F_NUMERIC: return read_number(value);
    case REF_F_DATE: return read_date(value, &d);
    case REF_F_BOOL:
    case REF_F_NULL: return read_bool(value, &b);
    case REF_F_IP: return read_cidr(value, &c, true);
    default: return REF_TRUE;
    }
}

/* Does the request value v satisfy "v <cmp> policy value pv" for the
 * non-negated reading of op (negation is applied by the caller)? */
static int test_one(const ref_operator *op, const char *v, const char *pv)
{
    double a, b;
    int r;
    switch (op->family) {
    case REF_F_STRING:
    case REF_F_BINARY: return strcmp(v, pv) == 0 ? REF_TRUE : REF_FALSE;
    case REF_F_STRING_CI: {
        if (strlen(v) != strlen(pv))
            return REF_FALSE;
        for (size_t i = 0; v[i]; i++) {
            char x = v[i], y = pv[i];
            if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
            if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
            if (x != y)
                return REF_FALSE;
        }
        return REF_TRUE;
    }
    case REF_F_LIKE: return ref_glob(pv, v, false);
    case REF_F_NUMERIC:
    case REF_F_DATE: {
        int c;
        if (op->family == REF_F_NUMERIC) {
            r = read_number(v);
            if (r == REF_ERROR)
                return REF_NOT_TRUE; /* a request value the operator cannot read */
            if (read_number(pv) != REF_TRUE)
                return REF_UNSPEC;
            c = number_cmp(v, pv);
        } else {
            r = read_date(v, &a);
            if (r == REF_ERROR)
                return REF_NOT_TRUE;
            if (r != REF_TRUE || read_date(pv, &b) != REF_TRUE)
                return REF_UNSPEC;
            c = (a > b) - (a < b);
        }
        switch (op->cmp) {
        case REF_EQ:
        case REF_NE: return c == 0 ? REF_TRUE : REF_FALSE;
        case REF_LT: return c < 0 ? REF_TRUE : REF_FALSE;
        case REF_LE: return c <= 0 ? REF_TRUE : REF_FALSE;
        case REF_GT: return c > 0 ? REF_TRUE : REF_FALSE;
        case REF_GE: return c >= 0 ? REF_TRUE : REF_FALSE;
        }
        return REF_UNSPEC;
    }
    case REF_F_BOOL: {
        bool x, y;
        r = read_bool(v, &x);
        if (r != REF_TRUE)
            return r == REF_ERROR ? REF_NOT_TRUE : REF_UNSPEC;
        if (read_bool(pv, &y) != REF_TRUE)
            return REF_UNSPEC;
        return x == y ? REF_TRUE : REF_FALSE;
    }
    case REF_F_IP: {
        cidr net, ip;
        r = read_cidr(v, &ip, false);
        if (r != REF_TRUE)
            return r == REF_ERROR ? REF_NOT_TRUE : REF_UNSPEC;
        if (read_cidr(pv, &net, true) != REF_TRUE)
            return REF_UNSPEC;
        return cidr_contains(&net, &ip) ? REF_TRUE : REF_FALSE;
    }
    case REF_F_NULL: return REF_UNSPEC;
    }
    return REF_UNSPEC;
}

static int not3(int r)
{
    return r == REF_TRUE ? REF_FALSE : r == REF_FALSE ? REF_TRUE : r;
}

/* One request value against the policy values: OR over the values, or for
 * a negated operator, "matches none of them" (rule 2). NULL policy values
 * (a missing variable) match nothing. */
static int satisfies(const ref_operator *op, const char *v, const char *const *pv, size_t pn)
{
    int any = REF_FALSE;
    for (size_t i = 0; i < pn; i++) {
        int t = pv[i] ? test_one(op, v, pv[i]) : REF_FALSE;
        if (t == REF_NOT_TRUE)
            return REF_NOT_TRUE; /* unreadable request value: never true */
        any = ref_or(any, t);
    }
    return op->negated ? not3(any) : any;
}

/* Can the operator read this request value? REF_TRUE/REF_ERROR/REF_UNSPEC. */
static int readable(ref_family f, const char *v)
{
    double d;
    bool b;
    cidr c;
    switch (f) {
    case REF_F_NUMERIC: return read_number(v);
    case REF_F_DATE: return read_date(v, &d);
    case REF_F_BOOL: return read_bool(v, &b);
    case REF_F_IP: return read_cidr(v, &c, false);
    default: return REF_TRUE;
    }
}

int ref_condition(const char *opname, const char *const *policy_values, size_t policy_count,
                  const char *const *request_values, size_t request_count)
{
    ref_operator op;
    int r = ref_operator_parse(opname, &op);
    if (r != REF_TRUE)
        return r;
    if (policy_count == 0 || policy_count > 1024 || request_count > 1024)
        return REF_UNSPEC;
    for (size_t i = 0; i < policy_count; i++) {
        if (!policy_values[i])
            continue;
        int v = ref_value_valid(op.family, policy_values[i]);
        if (v != REF_TRUE)
            return v; /* load-time error, or unpinned */
    }
    bool unreadable = false;
    for (size_t i = 0; i < request_count; i++) {
        if (!plain(request_values[i]) || strlen(request_values[i]) > 4096)
            return REF_UNSPEC;
        int rd = readable(op.family, request_values[i]);
        if (rd == REF_UNSPEC)
            return REF_UNSPEC;
        unreadable |= rd == REF_ERROR;
    }
    if (unreadable && op.family != REF_F_NULL)
        return REF_NOT_TRUE; /* a request value the operator cannot read */
    if (op.family == REF_F_NULL) {
        int res = REF_FALSE;
        for (size_t i = 0; i < policy_count; i++) {
            bool want_absent;
            if (!policy_values[i] || read_bool(policy_values[i], &want_absent) != REF_TRUE)
                return REF_UNSPEC;
            if (want_absent == (request_count == 0))
                res = REF_TRUE;
        }
        return res;
    }
    if (request_count == 0)
        return op.if_exist ? REF_TRUE : REF_FALSE; /* rule 3 */
    int res = op.qualifier == 2 ? REF_TRUE : REF_FALSE;
    for (size_t i = 0; i < request_count; i++) {
        int s = satisfies(&op, request_values[i], policy_values, policy_count);
        if (s == REF_NOT_TRUE) {
            unreadable = true;
            continue;
        }
        res = op.qualifier == 2 ? ref_and(res, s) : ref_or(res, s);
    }
    if (unreadable)
        return REF_NOT_TRUE;
    return res;
}
