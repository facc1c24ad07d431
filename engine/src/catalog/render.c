/* render.c: turning an action's resource template and NAME=VALUE parameters
 * into a request resource (docs/catalog.md, "Rendering a request from a
 * template").
 *
 * - "${Name}" is replaced by the value of parameter Name (exact case).
 * - An empty account, i.e. a fifth ':'-separated segment that is exactly
 *   "uin/", is the owner's account: it becomes "uin/<uin>" when parameter
 *   uin is given and stays "uin/" otherwise.
 * - A placeholder without a parameter is an error that lists what the
 *   template needs and what is missing. Parameters the template does not
 *   use are ignored; a name given twice is an error (which one would win is
 *   not obvious). Text like "${" with no closing "}" is literal.
 *
 * Allocates nothing; writes only inside the caller's buffer. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "camsim/camsim.h"
#include "camsim_tools.h"

/* At most this many distinct placeholders in one template (catalog ones use two). */
#define RENDER_MAX_PLACEHOLDERS 16u

typedef struct span {
    const char *text;
    size_t len;
} span;

/* Output that counts every byte and stores those that fit. */
typedef struct sink {
    char *buf;
    size_t cap;
    size_t len;
} sink;

static void put(sink *s, const char *text, size_t n)
{
    if (s->len < s->cap) {
        size_t room = s->cap - s->len;
        memcpy(s->buf + s->len, text, n < room ? n : room);
    }
    s->len += n;
}

/* If t starts a "${Name}" placeholder, return Name through *name and the
 * placeholder's full length; 0 otherwise. */
static size_t placeholder_at(const char *t, span *name)
{
    if (t[0] != '$' || t[1] != '{')
        return 0;
    const char *close = strchr(t + 2, '}');
    if (!close)
        return 0;
    name->text = t + 2;
    name->len = (size_t)(close - (t + 2));
    return name->len + 3;
}

/* The value of parameter name (exact case), or NULL. */
static const char *param(const char *const *names, const char *const *values, size_t count,
                         const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        if (strncmp(names[i], name, len) == 0 && names[i][len] == '\0')
            return values[i];
    return NULL;
}

/* Append ", name" (or "name" first) to a message fragment, truncating safely. */
static void list_add(char *list, size_t cap, const char *name, size_t len)
{
    size_t used = strlen(list);
    const char *sep = used ? ", " : "";
    size_t seplen = strlen(sep);
    if (used + seplen + len + 1 > cap)
        return;
    memcpy(list + used, sep, seplen);
    memcpy(list + used + seplen, name, len);
    list[used + seplen + len] = '\0';
}

camsim_code camsim_render_resource(const camsim_action_info *info, const char *const *names,
                                   const char *const *values, size_t count, char *buf,
                                   size_t cap, camsim_error *err)
{
    if (!info || !info->resource_template || !info->service || !info->name) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT, "render: no catalog entry given");
        return CAMSIM_E_ARGUMENT;
    }
    if (!buf) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT, "render: no output buffer given");
        return CAMSIM_E_ARGUMENT;
    }
    if (cap > 0)
        buf[0] = '\0';
    if (count > 0 && (!names || !values)) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT,
                         "render: %zu parameters announced but names or values is NULL", count);
        return CAMSIM_E_ARGUMENT;
    }
    for (size_t i = 0; i < count; i++) {
        if (!names[i] || !values[i]) {
            camsim_error_set(err, CAMSIM_E_ARGUMENT, "render: parameter %zu has a NULL %s", i,
                             names[i] ? "value" : "name");
            return CAMSIM_E_ARGUMENT;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(names[i], names[j]) == 0) {
                camsim_error_set(err, CAMSIM_E_REQUEST,
                                 "parameter %.64s is given more than once; give it once", names[i]);
                return CAMSIM_E_REQUEST;
            }
        }
    }

    const char *tpl = info->resource_template;
    if (info->granularity != CAMSIM_RESOURCE_LEVEL || tpl[0] == '\0') {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "action %s:%s is operation level: it has no resource template and no "
                         "resource to render (its statements apply only with resource \"*\")",
                         info->service, info->name);
        return CAMSIM_E_REQUEST;
    }

    /* The placeholders the template needs, in order of first appearance. */
    span needed[RENDER_MAX_PLACEHOLDERS];
    size_t n_needed = 0;
    char need_list[200] = "", missing_list[200] = "";
    for (const char *p = tpl; *p; p++) {
        span name;
        size_t skip = placeholder_at(p, &name);
        if (!skip)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n_needed; k++)
            if (needed[k].len == name.len && memcmp(needed[k].text, name.text, name.len) == 0)
                seen = true;
        if (!seen) {
            if (n_needed == RENDER_MAX_PLACEHOLDERS) {
                camsim_error_set(err, CAMSIM_E_LIMIT,
                                 "action %s:%s: template has more than %u parameters",
                                 info->service, info->name, RENDER_MAX_PLACEHOLDERS);
                return CAMSIM_E_LIMIT;
            }
            needed[n_needed++] = name;
            list_add(need_list, sizeof need_list, name.text, name.len);
            if (!param(names, values, count, name.text, name.len))
                list_add(missing_list, sizeof missing_list, name.text, name.len);
        }
        p += skip - 1;
    }
    if (missing_list[0]) {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "action %s:%s template %s needs parameters %s; missing: %s",
                         info->service, info->name, tpl, need_list, missing_list);
        return CAMSIM_E_REQUEST;
    }

    /* Substitute. Colons are counted outside placeholders to find the
     * account (fifth) segment. */
    sink out = {buf, cap, 0};
    const char *uin = param(names, values, count, "uin", 3);
    size_t colons = 0;
    bool at_segment_start = false;
    for (const char *p = tpl; *p;) {
        if (at_segment_start && colons == 4 && uin && strncmp(p, "uin/", 4) == 0 &&
            (p[4] == ':' || p[4] == '\0')) {
            put(&out, "uin/", 4);
            put(&out, uin, strlen(uin));
            p += 4;
            at_segment_start = false;
            continue;
        }
        at_segment_start = false;
        span name;
        size_t skip = placeholder_at(p, &name);
        if (skip) {
            const char *v = param(names, values, count, name.text, name.len);
            put(&out, v, strlen(v));
            p += skip;
            continue;
        }
        if (*p == ':') {
            colons++;
            at_segment_start = true;
        }
        put(&out, p, 1);
        p++;
    }
    if (out.len >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        camsim_error_set(err, CAMSIM_E_LIMIT,
                         "the resource rendered for action %s:%s needs %zu bytes with its "
                         "terminator; the buffer holds %zu",
                         info->service, info->name, out.len + 1, cap);
        return CAMSIM_E_LIMIT;
    }
    buf[out.len] = '\0';
    return CAMSIM_OK;
}
