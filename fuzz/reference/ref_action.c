/* ref_action.c: spec section 2. "name/" is stripped (any case); `*` and
 * `*:*` mean every action; matching is ASCII case-insensitive; `?` literal. */
#include "reference.h"

#include <string.h>
#include <strings.h>

const char *ref_action_strip(const char *text)
{
    return strncasecmp(text, "name/", 5) == 0 ? text + 5 : text;
}

/* Bytes the spec clearly treats as ordinary name characters. Anything else
 * (spaces, control bytes, non-ASCII, '/') leaves validity unspecified. */
static bool plain_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == '*' || c == '?';
}

/* Shape of "service:name": REF_TRUE/REF_FALSE/REF_UNSPEC. */
static int shape(const char *s, bool allow_star)
{
    const char *colon = strchr(s, ':');
    if (!colon)
        return REF_FALSE;
    if (strchr(colon + 1, ':'))
        return REF_UNSPEC; /* "a:b:c": the spec says nothing */
    if (colon == s || colon[1] == '\0')
        return REF_FALSE; /* empty side */
    for (const char *c = s; *c; c++) {
        if (*c == ':')
            continue;
        if (!plain_name_char(*c))
            return REF_UNSPEC;
        if (*c == '*' && !allow_star)
            return REF_UNSPEC; /* a wildcard in a request action */
    }
    return REF_TRUE;
}

int ref_action_pattern_valid(const char *pattern)
{
    const char *p = ref_action_strip(pattern);
    if (strcmp(p, "*") == 0)
        return REF_TRUE;
    if (strlen(pattern) > 4096)
        return REF_UNSPEC;
    return shape(p, true);
}

int ref_action_valid(const char *action)
{
    if (strlen(action) > 4096)
        return REF_UNSPEC;
    return shape(ref_action_strip(action), false);
}

int ref_action_match(const char *pattern, const char *action)
{
    int pv = ref_action_pattern_valid(pattern), av = ref_action_valid(action);
    if (pv == REF_FALSE || av == REF_FALSE)
        return REF_FALSE; /* invalid inputs match nothing */
    if (pv == REF_UNSPEC || av == REF_UNSPEC)
        return REF_UNSPEC;
    const char *p = ref_action_strip(pattern), *a = ref_action_strip(action);
    if (strcmp(p, "*") == 0 || strcmp(p, "*:*") == 0)
        return REF_TRUE;
    return ref_glob(p, a, true);
}
