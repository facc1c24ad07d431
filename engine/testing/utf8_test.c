/* utf8_test.c: whole-string UTF-8 validation with the engine's
 * camsim_utf8_sequence. */
#include "utf8_test.h"

#include "camsim_tools.h"

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
