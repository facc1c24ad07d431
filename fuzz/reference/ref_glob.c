/* ref_glob.c: the reference glob. A textbook dynamic program:
 * m[i][j] = "pattern[0..i) matches subject[0..j)". Quadratic, obviously
 * correct, nothing clever (the engine's linear matcher is the clever one). */
#include "reference.h"

#include <stdlib.h>
#include <string.h>

int ref_and(int a, int b)
{
    if (a == REF_FALSE || b == REF_FALSE)
        return REF_FALSE;
    if (a == REF_UNSPEC || b == REF_UNSPEC)
        return REF_UNSPEC;
    if (a == REF_NOT_TRUE || b == REF_NOT_TRUE)
        return REF_NOT_TRUE;
    return REF_TRUE;
}

int ref_or(int a, int b)
{
    if (a == REF_TRUE || b == REF_TRUE)
        return REF_TRUE;
    if (a == REF_UNSPEC || b == REF_UNSPEC)
        return REF_UNSPEC;
    if (a == REF_NOT_TRUE || b == REF_NOT_TRUE)
        return REF_NOT_TRUE;
    return REF_FALSE;
}

static char fold(char c, bool fold_case)
{
    return (fold_case && c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int ref_glob(const char *pattern, const char *subject, bool fold_case)
{
    size_t plen = strlen(pattern), slen = strlen(subject);
    if ((plen + 1) * (slen + 1) > 64u * 1024u * 1024u)
        return REF_UNSPEC;
    /* Two rows of the table: prev = row i-1, cur = row i; on the stack for
     * the usual short subjects (a heap pair per call was a tenth of the
     * eval target's time under ASan). */
    enum { STACK_ROW = 256 };
    bool stack_rows[2][STACK_ROW];
    bool small = slen < STACK_ROW;
    bool *prev = small ? stack_rows[0] : malloc(slen + 1);
    bool *cur = small ? stack_rows[1] : malloc(slen + 1);
    if (!prev || !cur)
        abort();
    memset(prev, 0, slen + 1);
    prev[0] = true; /* empty pattern matches empty subject only */
    for (size_t i = 1; i <= plen; i++) {
        char pc = pattern[i - 1];
        cur[0] = pc == '*' && prev[0];
        for (size_t j = 1; j <= slen; j++) {
            if (pc == '*')
                cur[j] = prev[j] || cur[j - 1]; /* star matches nothing, or one more byte */
            else
                cur[j] = prev[j - 1] && fold(pc, fold_case) == fold(subject[j - 1], fold_case);
        }
        bool *t = prev;
        prev = cur;
        cur = t;
    }
    bool r = prev[slen];
    if (!small) {
        free(prev);
        free(cur);
    }
    return r ? REF_TRUE : REF_FALSE;
}
