#include "json_guard.h"

#include <stdint.h>
#include <string.h>

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

/* Bytes that need a look inside a string: controls (NUL included), the
 * quote, the backslash and every non-ASCII byte. Everything else is skipped
 * in a tight loop, which is where a document spends most of its bytes. */
static bool string_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

/* Does any of eight bytes need a look (string_special)? Bit tricks on a
 * word: "has a byte below 0x20", "has a zero byte" after XOR with '"' and
 * '\\', and the high bits for non-ASCII. */
static bool word_has_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t below = (w - ones * 0x20) & ~w & highs;
    uint64_t is_quote = (quote - ones) & ~quote & highs;
    uint64_t is_backslash = (backslash - ones) & ~backslash & highs;
    return (below | is_quote | is_backslash | (w & highs)) != 0;
}

/* Index of the first byte at or after i that string_special accepts, or len. */
static size_t skip_string_bytes(const unsigned char *p, size_t i, size_t len)
{
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (word_has_special(w))
            break;
    }
    while (i < len && !string_special(p[i]))
        i++;
    return i;
}

bool camsim_json_guard(const char *json, size_t len, unsigned max_depth, camsim_error *err)
{
    const unsigned char *p = (const unsigned char *)json;
    bool in_string = false;
    unsigned depth = 0;
    for (size_t i = 0; i < len;) {
        if (in_string)
            i = skip_string_bytes(p, i, len);
        if (i >= len)
            break;
        unsigned char c = p[i];
        if (c == 0)
            return fail(err, CAMSIM_E_JSON, i, "NUL byte in the document");
        if (c >= 0x80) {
            size_t k = camsim_utf8_sequence(p + i, len - i);
            if (k == 0)
                return fail(err, CAMSIM_E_JSON, i, "invalid UTF-8");
            i += k;
            continue;
        }
        if (in_string) {
            if (c < 0x20)
                return fail(err, CAMSIM_E_JSON, i,
                            "raw control character in a string (escape it as \\uXXXX)");
            if (c == '\\') {
                if (i + 1 < len && is_escaped_nul(p + i + 1, len - i - 1))
                    return fail(err, CAMSIM_E_JSON, i,
                                "\\u0000 in a string (NUL characters are not allowed)");
                i += 2; /* the escaped byte is ASCII if valid; cJSON checks the rest */
                continue;
            }
            if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if ((c == '0' || c == '.' || c == 'e' || c == 'E') && number_problem(p, i, len)) {
            return fail(err, CAMSIM_E_JSON, i, number_problem(p, i, len));
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                camsim_error_set(err, CAMSIM_E_LIMIT,
                                 "nesting deeper than %u levels at byte %zu (limit "
                                 "CAMSIM_MAX_NESTING)", max_depth, i);
                if (err)
                    err->offset = i;
                return false;
            }
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
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
