#include "camsim_tools.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *camsim_code_name(camsim_code code)
{
    switch (code) {
    case CAMSIM_OK: return "ok";
    case CAMSIM_E_JSON: return "json";
    case CAMSIM_E_GRAMMAR: return "grammar";
    case CAMSIM_E_VALUE: return "value";
    case CAMSIM_E_LIMIT: return "limit";
    case CAMSIM_E_REQUEST: return "request";
    case CAMSIM_E_NOMEM: return "nomem";
    case CAMSIM_E_ARGUMENT: return "argument";
    }
    return "unknown";
}

camsim_code camsim_error_set(camsim_error *err, camsim_code code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->offset = 0;
    err->path[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

/* Output with truncation marked by "...", so a cut path is never mistaken
 * for a complete one. */
typedef struct pointer_out {
    char *text;
    size_t cap, len; /* cap >= 4 */
    bool cut;
} pointer_out;

static void put(pointer_out *o, const char *s, size_t n)
{
    if (o->cut)
        return;
    if (n > o->cap - 1 - o->len) {
        o->cut = true;
        o->len = o->cap - 1;
        memcpy(o->text + o->len - 3, "...", 3);
        return;
    }
    memcpy(o->text + o->len, s, n);
    o->len += n;
}

static void put_step(pointer_out *o, const camsim_path_step *step)
{
    put(o, "/", 1);
    if (!step->key) {
        char buf[24];
        size_t n = sizeof buf, index = step->index;
        do {
            buf[--n] = (char)('0' + index % 10);
            index /= 10;
        } while (index);
        put(o, buf + n, sizeof buf - n);
        return;
    }
    for (const char *p = step->key; *p; p++)
        put(o, *p == '~' ? "~0" : *p == '/' ? "~1" : p, *p == '~' || *p == '/' ? 2 : 1);
}

void camsim_path_format(const camsim_path *path, char *out, size_t cap)
{
    char spare[4];
    pointer_out o = {cap >= sizeof spare ? out : spare, cap >= sizeof spare ? cap : sizeof spare,
                     0, false};
    for (size_t i = 0; i < path->len && i < CAMSIM_PATH_DEPTH; i++)
        put_step(&o, &path->steps[i]);
    if (path->len > CAMSIM_PATH_DEPTH)
        put(&o, "/...", 4);
    o.text[o.len] = '\0';
    if (o.text == spare && cap) {
        memcpy(out, spare, cap - 1);
        out[cap - 1] = '\0';
    }
}

void camsim_error_at(camsim_error *err, const camsim_path *path)
{
    if (err && path)
        camsim_path_format(path, err->path, sizeof err->path);
}
