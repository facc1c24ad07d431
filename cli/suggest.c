/* suggest.c: nearest-name suggestions. */
#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "camsim_tools.h"
#include "io.h"


size_t cli_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    /* Names worth suggesting are short; a long input is no typo of one, and
     * the table below costs la * lb. */
    if (la > CLI_SUGGEST_MAX_LEN || lb > CLI_SUGGEST_MAX_LEN)
        return cap + 1;
    size_t *row = cli_xmalloc((lb + 1) * sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = camsim_ascii_lower((unsigned char)a[i - 1]) ==
                                  camsim_ascii_lower((unsigned char)b[j - 1])
                              ? 0
                              : 1;
            size_t v = diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > cap) {
            free(row);
            return cap + 1;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

static size_t allowed_distance(size_t len)
{
    size_t d = len / 3;
    return d < 2 ? 2 : d;
}

int cli_suggest_action(const char *action, char *buf, size_t cap)
{
    if (strncmp(action, "name/", 5) == 0 || strncmp(action, "NAME/", 5) == 0)
        action += 5;
    size_t limit = allowed_distance(strlen(action));
    size_t best = limit + 1;
    char candidate[256];
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (!a)
            continue;
        snprintf(candidate, sizeof candidate, "%s:%s", a->service, a->name);
        size_t d = cli_edit_distance(action, candidate, best - 1 < limit ? best - 1 : limit);
        if (d < best) {
            best = d;
            snprintf(buf, cap, "%s", candidate);
        }
    }
    return best <= limit;
}

const char *cli_suggest_word(const char *word, const char *const *names, size_t n)
{
    size_t limit = allowed_distance(strlen(word));
    size_t best = limit + 1;
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t d = cli_edit_distance(word, names[i], limit);
        if (d < best) {
            best = d;
            found = names[i];
        }
    }
    return found;
}
