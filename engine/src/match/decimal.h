/* decimal.h: exact decimal numbers for the numeric condition operators
 * (docs/semantics.md, section 4): RFC 8259 number text compared by its
 * exact value, never rounded to a double. */
#ifndef CAMSIM_DECIMAL_H
#define CAMSIM_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * A parsed number. It points into the text it was parsed from (no copy, no
 * allocation), so that text must outlive it: a compiled policy's numbers
 * point into their text in the policy's arena, a request's into the request.
 *
 * The value is (-1 if negative) * d1.d2...dn * 10^(shift + exponent):
 * d1..dn are the significant digits (no leading or trailing zeros; a '.'
 * between them is skipped), "exponent" is the explicit exponent as written
 * (any number of digits: it is never converted to an integer, so
 * "1e99999999999999999999" is exact too).
 */
typedef struct camsim_decimal {
    const char *digits;  /**< first significant digit; NULL when the value is zero */
    const char *exp;     /**< the explicit exponent's digits (after 'e' and sign), or NULL */
    uint32_t ndigits;    /**< significant digits, '.' not counted; 0 when zero */
    uint32_t exp_len;
    int32_t shift;       /**< power of ten of d1 before the explicit exponent */
    bool negative;       /**< never set for zero: -0 == 0 */
    bool exp_negative;
} camsim_decimal;

/**
 * Parse s[0..n) as an RFC 8259 number: optional '-', "0" or a digit run
 * without leading zero, optional '.' and digits, optional 'e'/'E', optional
 * sign and digits; nothing else (no spaces, '+', hex, inf, nan). Any length
 * up to INT32_MAX bytes (callers bound it: CAMSIM_MAX_PATTERN_BYTES for
 * policy values, CAMSIM_MAX_REQUEST_STRING for request values). Returns
 * false when the text is not exactly a number.
 */
bool camsim_decimal_parse(const char *s, size_t n, camsim_decimal *out);

/** Exact comparison: -1 when a < b, 0 when equal, 1 when a > b. */
int camsim_decimal_cmp(const camsim_decimal *a, const camsim_decimal *b);

#endif
