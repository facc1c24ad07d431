/* unit_util.h: small helpers shared by the cmocka unit suites. */
#ifndef CAMSIM_UNIT_UTIL_H
#define CAMSIM_UNIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* Fail at the call site, naming both strings, unless needle occurs in hay
 * (ASCII case-insensitively, so "effect" is found in "Effect ..."). */
#define assert_contains(hay, needle) \
    unit_assert_contains((hay), (needle), __FILE__, __LINE__)

static inline int unit_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static inline void unit_assert_contains(const char *hay, const char *needle, const char *file,
                                        int line)
{
    size_t hn = strlen(hay);
    size_t nn = strlen(needle);
    for (size_t i = 0; nn <= hn && i + nn <= hn; i++) {
        size_t j = 0;
        while (j < nn && unit_lower((unsigned char)hay[i + j]) == unit_lower((unsigned char)needle[j]))
            j++;
        if (j == nn)
            return;
    }
    print_error("%s:%d: expected \"%s\" to contain \"%s\"\n", file, line, hay, needle);
    _fail(file, line);
}

#endif
