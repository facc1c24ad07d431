#include "action.h"

#include <string.h>

#include "error.h"
#include "glob.h"

void camsim_action_strip_prefix(const char *text, size_t len, const char **rest, size_t *rest_len)
{
    static const char prefix[] = "name/";
    const size_t n = sizeof prefix - 1;
    if (len >= n) {
        bool same = true;
        for (size_t i = 0; i < n && same; i++) {
            char c = text[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            same = c == prefix[i];
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
