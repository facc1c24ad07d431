#include "json_guard.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t camsim_utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;      /* no overlong forms */
        if (c == 0xED) hi = 0x9F;      /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;      /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need;
}

bool camsim_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] == 0)
            return false;
        size_t k = camsim_utf8_sequence(p + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

static bool fail(camsim_error *err, camsim_code code, size_t offset, const char *what)
{
    camsim_error_set(err, code, "%s at byte %zu", what, offset);
    if (err)
        err->offset = offset;
    return false;
}

/* "\u0000" spelled with any hex case. */
static bool is_escaped_nul(const unsigned char *p, size_t left)
{
    return left >= 5 && p[0] == 'u' && p[1] == '0' && p[2] == '0' && p[3] == '0' && p[4] == '0';
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* RFC 8259 number syntax that cJSON (via strtod) is looser about: no
 * leading zero ("01", "-01"), a digit on both sides of '.', and a digit
 * after an exponent's 'e' and optional sign ("1.", "1e"). Called for
 * bytes outside strings; p[i] is the byte being checked. */
static const char *number_problem(const unsigned char *p, size_t i, size_t len)
{
    unsigned char c = p[i];
    unsigned char prev = i > 0 ? p[i - 1] : ' ';
    unsigned char next = i + 1 < len ? p[i + 1] : ' ';
    if (c == '0' && is_digit(next) && !is_digit(prev) && prev != '.' && prev != 'e' &&
        prev != 'E' && prev != '+' && !(prev == '-' && i >= 2 && (p[i - 2] == 'e' || p[i - 2] == 'E')))
        return "number with a leading zero (RFC 8259 forbids it)";
    if (c == '.' && (!is_digit(prev) || !is_digit(next)))
        return "number with a '.' not between digits (RFC 8259 forbids it)";
    if ((c == 'e' || c == 'E') && is_digit(prev)) {
        size_t k = i + 1;
        if (k < len && (p[k] == '+' || p[k] == '-'))
            k++;
        if (k >= len || !is_digit(p[k]))
            return "number with an exponent without digits (RFC 8259 forbids it)";
    }
    return NULL;
}

/* What a byte means to the guard, in the high bits, and in the low two
 * bits whether it needs a look outside strings (1) and inside them (2).
 * Bytes without the bit of the current state are skipped in a tight loop:
 * that is where a document spends its bytes. */
enum {
    OUT = 1,
    IN = 2,
    PLAIN = 0,
    CONTROL = 1 << 2 | IN,              /* 0x01-0x1F: whitespace outside, an error inside */
    NUL_BYTE = 2 << 2 | OUT | IN,       /* 0x00 */
    HIGH = 3 << 2 | OUT | IN,           /* 0x80-0xFF: a UTF-8 sequence */
    QUOTE = 4 << 2 | OUT | IN,          /* '"' */
    BACKSLASH = 5 << 2 | IN,            /* '\\' */
    OPEN = 6 << 2 | OUT,                /* '{' '[' */
    CLOSE = 7 << 2 | OUT,               /* '}' ']' */
    NUMBER = 8 << 2 | OUT,              /* '0' '.' 'e' 'E': RFC 8259 is stricter than cJSON */
};

#define X16(k) k, k, k, k, k, k, k, k, k, k, k, k, k, k, k, k
#define P PLAIN
static const unsigned char byte_class[256] = {
    /* 0x00 */ NUL_BYTE, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL,
               CONTROL, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL, CONTROL,
    /* 0x10 */ X16(CONTROL),
    /* 0x20  ' ' ! " # $ % & ' ( ) * + , - . / */
               P, P, QUOTE, P, P, P, P, P, P, P, P, P, P, P, NUMBER, P,
    /* 0x30  0 1 ... 9 : ; < = > ? */
               NUMBER, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 0x40  @ A B C D E ... O */
               P, P, P, P, P, NUMBER, P, P, P, P, P, P, P, P, P, P,
    /* 0x50  P ... Z [ \\ ] ^ _ */
               P, P, P, P, P, P, P, P, P, P, P, OPEN, BACKSLASH, CLOSE, P, P,
    /* 0x60  ` a b c d e ... o */
               P, P, P, P, P, NUMBER, P, P, P, P, P, P, P, P, P, P,
    /* 0x70  p ... z { | } ~ DEL */
               P, P, P, P, P, P, P, P, P, P, P, OPEN, P, CLOSE, P, P,
    /* 0x80-0xFF */
               X16(HIGH), X16(HIGH), X16(HIGH), X16(HIGH),
               X16(HIGH), X16(HIGH), X16(HIGH), X16(HIGH),
};
#undef P
#undef X16

/* The first byte at or after i that needs a look in this state, or len. */
static size_t skip_plain(const unsigned char *p, size_t i, size_t len, unsigned state)
{
#if defined(__SSE2__)
    /* Strings are most of a document: sixteen bytes at a time, looking for
     * '"', '\\', and (one signed compare) bytes below 0x20 or above 0x7F. */
    if (state == IN) {
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                      space = _mm_set1_epi8(0x20);
        for (; i + 16 <= len; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i special = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                _mm_cmplt_epi8(v, space));
            unsigned mask = (unsigned)_mm_movemask_epi8(special);
            if (mask)
                return i + (size_t)__builtin_ctz(mask);
        }
    }
#endif
    while (i < len && !(byte_class[p[i]] & state))
        i++;
    return i;
}

static bool too_deep(camsim_error *err, size_t i, unsigned max_depth)
{
    camsim_error_set(err, CAMSIM_E_LIMIT,
                     "nesting deeper than %u levels at byte %zu (limit CAMSIM_MAX_NESTING)",
                     max_depth, i);
    if (err)
        err->offset = i;
    return false;
}

/* A byte both states treat alike: NUL, or the start of a UTF-8 sequence.
 * Returns the bytes it spans, or 0 after reporting the error. */
static size_t common_byte(const unsigned char *p, size_t i, size_t len, camsim_error *err)
{
    if (p[i] == 0) {
        fail(err, CAMSIM_E_JSON, i, "NUL byte in the document");
        return 0;
    }
    size_t k = camsim_utf8_sequence(p + i, len - i);
    if (k == 0)
        fail(err, CAMSIM_E_JSON, i, "invalid UTF-8");
    return k;
}

static const size_t GUARD_FAILED = SIZE_MAX;

/* The string starting at p[i] (after its opening quote): the index after
 * its closing quote (len when unterminated, which cJSON reports), or
 * GUARD_FAILED with err filled. */
static size_t guard_string(const unsigned char *p, size_t i, size_t len, camsim_error *err)
{
    for (;;) {
        i = skip_plain(p, i, len, IN);
        if (i >= len)
            return len;
        switch (byte_class[p[i]]) {
        case QUOTE:
            return i + 1;
        case BACKSLASH:
            if (i + 1 < len && is_escaped_nul(p + i + 1, len - i - 1)) {
                fail(err, CAMSIM_E_JSON, i, "\\u0000 in a string (NUL characters are not allowed)");
                return GUARD_FAILED;
            }
            i += 2; /* the escaped byte is ASCII if valid; cJSON checks the rest */
            break;
        case CONTROL:
            fail(err, CAMSIM_E_JSON, i, "raw control character in a string (escape it as \\uXXXX)");
            return GUARD_FAILED;
        default: { /* NUL_BYTE, HIGH */
            size_t k = common_byte(p, i, len, err);
            if (k == 0)
                return GUARD_FAILED;
            i += k;
        }
        }
    }
}

bool camsim_json_guard(const char *json, size_t len, unsigned max_depth, camsim_error *err)
{
    const unsigned char *p = (const unsigned char *)json;
    unsigned depth = 0;
    for (size_t i = 0; i < len;) {
        i = skip_plain(p, i, len, OUT);
        if (i >= len)
            break;
        switch (byte_class[p[i]]) {
        case QUOTE:
            i = guard_string(p, i + 1, len, err);
            if (i == GUARD_FAILED)
                return false;
            continue;
        case NUMBER: {
            const char *problem = number_problem(p, i, len);
            if (problem)
                return fail(err, CAMSIM_E_JSON, i, problem);
            break;
        }
        case OPEN:
            if (++depth > max_depth)
                return too_deep(err, i, max_depth);
            break;
        case CLOSE:
            if (depth > 0)
                depth--;
            break;
        default: { /* NUL_BYTE, HIGH */
            size_t k = common_byte(p, i, len, err);
            if (k == 0)
                return false;
            i += k;
            continue;
        }
        }
        i++;
    }
    return true;
}

bool camsim_json_check_object(const cJSON *obj, camsim_path *path, camsim_error *err)
{
    size_t n = 0;
    for (const cJSON *a = obj->child; a; a = a->next) {
        if (++n > CAMSIM_MAX_OBJECT_MEMBERS) {
            camsim_error_set(err, CAMSIM_E_LIMIT, "object has more than %u members "
                             "(limit CAMSIM_MAX_OBJECT_MEMBERS)", CAMSIM_MAX_OBJECT_MEMBERS);
            camsim_error_at(err, path);
            return false;
        }
        for (const cJSON *b = obj->child; b != a; b = b->next)
            if (strcmp(a->string, b->string) == 0) {
                size_t mark = camsim_path_push_key(path, a->string);
                camsim_error_set(err, CAMSIM_E_JSON, "duplicate key \"%.200s\" in one object",
                                 a->string);
                camsim_error_at(err, path);
                camsim_path_pop(path, mark);
                return false;
            }
    }
    return true;
}
