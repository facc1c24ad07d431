#include "action.h"

#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "camsim_tools.h"

void camsim_action_strip_prefix(const char *text, size_t len, const char **rest, size_t *rest_len)
{
    static const char prefix[] = "name/";
    const size_t n = sizeof prefix - 1;
    if (len >= n) {
        bool same = true;
        for (size_t i = 0; i < n && same; i++) {
            same = camsim_ascii_lower((unsigned char)text[i]) == (unsigned char)prefix[i];
        }
        if (same) {
            *rest = text + n;
            *rest_len = len - n;
            return;
        }
    }
    *rest = text;
    *rest_len = len;
}

enum { WORD = 8 };

void camsim_action_lower(const char *src, size_t n, char *dst, camsim_action_shape *shape)
{
    size_t colons = 0, first_colon = 0, i = 0;
    uint64_t stars = 0;
    for (; i + WORD <= n; i += WORD) {
        uint64_t w = camsim_load_le64(src + i);
        uint64_t colon_bits = camsim_word_bytes_equal(w, ':');
        if (colon_bits && colons == 0)
            first_colon = i + camsim_first_byte(colon_bits);
        if (colon_bits) /* no popcount: only "one" and "more" matter */
            colons += (colon_bits & (colon_bits - 1)) ? 2 : 1;
        stars |= camsim_word_bytes_equal(w, '*');
        w = camsim_ascii_lower_word(w);
        for (unsigned b = 0; b < WORD; b++) /* little-endian store, like the load */
            dst[i + b] = (char)(w >> (8 * b));
    }
    for (; i < n; i++) { /* the last few bytes */
        char c = src[i];
        if (c == ':' && colons++ == 0)
            first_colon = i;
        stars |= c == '*';
        dst[i] = (char)camsim_ascii_lower((unsigned char)c);
    }
    shape->colons = colons < 2 ? colons : 2;
    shape->first_colon = first_colon;
    shape->star = stars != 0;
}

bool camsim_action_pattern_valid(const char *pattern, size_t len, camsim_error *err)
{
    const char *p;
    size_t n;
    camsim_action_strip_prefix(pattern, len, &p, &n);
    if (n == 1 && p[0] == '*')
        return true;
    const char *colon = memchr(p, ':', n);
    if (!colon || colon == p || colon == p + n - 1 || memchr(colon + 1, ':', (size_t)(p + n - colon - 1))) {
        camsim_error_set(err, CAMSIM_E_VALUE,
                         "action \"%.*s\" is not of the form service:ActionName (or \"*\")",
                         (int)(len > 200 ? 200 : len), pattern);
        return false;
    }
    return true;
}

bool camsim_action_matches(const char *pattern, const char *action)
{
    size_t plen = strlen(pattern), alen = strlen(action);
    if (!camsim_action_pattern_valid(pattern, plen, NULL) ||
        !camsim_action_pattern_valid(action, alen, NULL) || memchr(action, '*', alen))
        return false;
    const char *p, *a;
    camsim_action_strip_prefix(pattern, plen, &p, &plen);
    camsim_action_strip_prefix(action, alen, &a, &alen);
    if (plen == 1 && p[0] == '*')
        return true;
    return camsim_glob_match(p, plen, a, alen, true);
}
