/* The glob splits the pattern at each `*` into literal chunks. The first
 * chunk must be a prefix of the subject, the last a suffix, and the middle
 * chunks must occur in order in between; taking the leftmost occurrence of
 * each middle chunk is always safe, because it leaves the most room for the
 * rest. With a linear substring search this is O(plen + slen), with no
 * backtracking and no recursion, whatever the pattern. */
#define _GNU_SOURCE /* memmem */
#include "camsim_tools.h"

#include <string.h>

#include "ascii.h"

static bool bytes_equal(const char *a, const char *b, size_t n, bool fold_case)
{
    if (!fold_case)
        return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (camsim_ascii_lower((unsigned char)a[i]) != camsim_ascii_lower((unsigned char)b[i]))
            return false;
    return true;
}

/* Leftmost occurrence of needle in hay, or NULL. Case-folded search is only
 * used for short action names, where a plain scan is fastest. */
static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen,
                        bool fold_case)
{
    if (nlen > hlen)
        return NULL;
    if (!fold_case)
        return memmem(hay, hlen, needle, nlen);
    for (size_t i = 0; i + nlen <= hlen; i++)
        if (bytes_equal(hay + i, needle, nlen, true))
            return hay + i;
    return NULL;
}

bool camsim_glob_match(const char *pattern, size_t plen, const char *subject, size_t slen,
                       bool fold_case)
{
    const char *first_star = memchr(pattern, '*', plen);
    if (!first_star)
        return plen == slen && bytes_equal(pattern, subject, slen, fold_case);

    size_t head = (size_t)(first_star - pattern);
    const char *last_star = first_star;
    for (const char *p = pattern + plen; p > first_star; p--)
        if (p[-1] == '*') {
            last_star = p - 1;
            break;
        }
    size_t tail = (size_t)(pattern + plen - (last_star + 1));
    if (head + tail > slen || !bytes_equal(pattern, subject, head, fold_case) ||
        !bytes_equal(last_star + 1, subject + slen - tail, tail, fold_case))
        return false;

    /* Middle chunks, in order, inside the window left between head and tail. */
    const char *s = subject + head;
    const char *s_end = subject + slen - tail;
    const char *p = first_star + 1;
    while (p < last_star) {
        const char *star = memchr(p, '*', (size_t)(last_star - p));
        if (!star)
            star = last_star;
        size_t n = (size_t)(star - p);
        if (n > 0) {
            const char *hit = find(s, (size_t)(s_end - s), p, n, fold_case);
            if (!hit)
                return false;
            s = hit + n;
        }
        p = star + 1;
    }
    return true;
}
