#include "decimal.h"

#include "plant.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool camsim_decimal_parse(const char *s, size_t n, camsim_decimal *out)
{
    size_t i = 0;
    if (n > INT32_MAX)
        return false;
    *out = (camsim_decimal){0};
    if (i < n && s[i] == '-') {
        out->negative = true;
        i++;
    }
    size_t int_start = i;
    while (i < n && is_digit(s[i]))
        i++;
    size_t int_end = i, frac_start = i, frac_end = i;
    if (int_end == int_start || (int_end - int_start > 1 && s[int_start] == '0'))
        return false;
    if (i < n && s[i] == '.') {
        frac_start = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        frac_end = i;
        if (frac_end == frac_start)
            return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            out->exp_negative = s[i++] == '-';
        size_t e = i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == e)
            return false;
        out->exp = s + e;
        out->exp_len = (uint32_t)(i - e);
    }
    if (i != n)
        return false;

    /* The first and last significant digits, and the power of ten of the
     * first one in the mantissa as written. */
    size_t first = int_start;
    while (first < frac_end && (s[first] == '0' || s[first] == '.'))
        first++;
    if (first == frac_end) { /* zero, whatever the sign and exponent */
        out->negative = false;
        out->exp = NULL;
        out->exp_len = 0;
        out->exp_negative = false;
        return true;
    }
    size_t last = frac_end - 1;
    while (s[last] == '0' || s[last] == '.')
        last--;
    out->digits = s + first;
    out->shift = first < int_end ? (int32_t)(int_end - first - 1)
                                 : -(int32_t)(first - frac_start + 1);
    out->ndigits = (uint32_t)(last - first + 1);
    if (first < int_end && last >= frac_start)
        out->ndigits--; /* the '.' between them */
    return true;
}

/* Sign of (shift_a + exp_a) - (shift_b + exp_b), exactly, for exponents of
 * any length: the difference of the two exponents is accumulated digit by
 * digit (Horner, from the most significant digit, the shorter one padded
 * with leading zeros) and held at +-CAP once it gets there: from then on
 * |10 * d + step| >= |d| keeps it there with its sign, and CAP exceeds any
 * difference of shifts (|shift| <= INT32_MAX), so the sign is exact. */
static int cmp_magnitude_exponent(const camsim_decimal *a, const camsim_decimal *b)
{
    const int64_t CAP = (int64_t)1 << 40;
    uint32_t la = a->exp_len, lb = b->exp_len, len = la > lb ? la : lb;
    int64_t d = 0;
    for (uint32_t k = 0; k < len; k++) {
        int da = k + la >= len ? a->exp[k + la - len] - '0' : 0;
        int db = k + lb >= len ? b->exp[k + lb - len] - '0' : 0;
        d = d * 10 + (a->exp_negative ? -da : da) - (b->exp_negative ? -db : db);
        d = d > CAP ? CAP : d < -CAP ? -CAP : d;
    }
    d += (int64_t)a->shift - (int64_t)b->shift;
    return (d > 0) - (d < 0);
}

/* Compare the significant digits as written, skipping the '.'. */
static int cmp_digits(const camsim_decimal *a, const camsim_decimal *b)
{
    const char *p = a->digits, *q = b->digits;
    uint32_t n = a->ndigits < b->ndigits ? a->ndigits : b->ndigits;
    if (CAMSIM_PLANTED(4) && n > 15) /* a double's precision: digits past the 15th ignored */
        return 0;
    for (uint32_t k = 0; k < n; k++, p++, q++) {
        if (*p == '.')
            p++;
        if (*q == '.')
            q++;
        if (*p != *q)
            return *p < *q ? -1 : 1;
    }
    /* Equal so far: more digits (the last one nonzero) is more. */
    return (a->ndigits > b->ndigits) - (a->ndigits < b->ndigits);
}

int camsim_decimal_cmp(const camsim_decimal *a, const camsim_decimal *b)
{
    int sa = a->ndigits == 0 ? 0 : a->negative ? -1 : 1;
    int sb = b->ndigits == 0 ? 0 : b->negative ? -1 : 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int m = cmp_magnitude_exponent(a, b);
    if (m == 0)
        m = cmp_digits(a, b);
    return sa * m;
}
