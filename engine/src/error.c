#include "error.h"

#include <stdarg.h>
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

void camsim_error_set(camsim_error *err, camsim_code code, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    err->offset = 0;
    err->path[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

void camsim_path_init(camsim_path *path)
{
    path->text[0] = '\0';
    path->len = 0;
}

/* Append bytes, marking truncation with "..." so a cut path is never mistaken
 * for a complete one. */
static void path_append(camsim_path *path, const char *s, size_t n)
{
    size_t cap = sizeof path->text - 1;
    if (path->len >= cap)
        return;
    if (n > cap - path->len) {
        n = cap - path->len;
        memcpy(path->text + path->len, s, n);
        path->len = cap;
        memcpy(path->text + cap - 3, "...", 3);
    } else {
        memcpy(path->text + path->len, s, n);
        path->len += n;
    }
    path->text[path->len] = '\0';
}

size_t camsim_path_push_key(camsim_path *path, const char *key)
{
    size_t old = path->len;
    path_append(path, "/", 1);
    for (const char *p = key; *p; p++) {
        if (*p == '~')
            path_append(path, "~0", 2);
        else if (*p == '/')
            path_append(path, "~1", 2);
        else
            path_append(path, p, 1);
    }
    return old;
}

size_t camsim_path_push_index(camsim_path *path, size_t index)
{
    /* Runs for every array element compiled: digits by hand, not snprintf. */
    char buf[24];
    size_t n = sizeof buf;
    do {
        buf[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    buf[--n] = '/';
    size_t old = path->len;
    path_append(path, buf + n, sizeof buf - n);
    return old;
}

void camsim_path_pop(camsim_path *path, size_t len)
{
    if (len < path->len) {
        path->len = len;
        path->text[len] = '\0';
    }
}

void camsim_error_at(camsim_error *err, const camsim_path *path)
{
    if (err)
        memcpy(err->path, path->text, path->len + 1);
}
