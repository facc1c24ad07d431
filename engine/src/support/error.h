/* error.h: filling camsim_error and building JSON pointer paths. */
#ifndef CAMSIM_ERROR_H
#define CAMSIM_ERROR_H

#include <stddef.h>

#include "camsim/camsim.h"

#if defined(__GNUC__)
#define CAMSIM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CAMSIM_PRINTF(f, a)
#endif

/** Fill err (which may be NULL) with code and a formatted message; clears path and offset. */
void camsim_error_set(camsim_error *err, camsim_code code, const char *fmt, ...)
    CAMSIM_PRINTF(3, 4);

/** One step of a path: an object member (key) or, when key is NULL, an array index. */
typedef struct camsim_path_step {
    const char *key;
    size_t index;
} camsim_path_step;

enum { CAMSIM_PATH_DEPTH = 24 }; /* deeper than CAMSIM_MAX_NESTING allows documents */

/**
 * A JSON pointer under construction. Steps are recorded, not formatted:
 * compiling pushes one for every element, and the text is only needed when
 * something fails. A key must stay valid while its step is on the path.
 */
typedef struct camsim_path {
    camsim_path_step steps[CAMSIM_PATH_DEPTH];
    size_t len; /**< steps pushed (those beyond CAMSIM_PATH_DEPTH print as "...") */
} camsim_path;

/* Inline: compiling pushes and pops a step for nearly every JSON element. */

/** Start an empty path (the document root, ""). */
static inline void camsim_path_init(camsim_path *path)
{
    path->len = 0;
}

/** Append member key (not copied) and return the previous length for camsim_path_pop. */
static inline size_t camsim_path_push_key(camsim_path *path, const char *key)
{
    if (path->len < CAMSIM_PATH_DEPTH)
        path->steps[path->len] = (camsim_path_step){key, 0};
    return path->len++;
}

/** Append an array index and return the previous length for camsim_path_pop. */
static inline size_t camsim_path_push_index(camsim_path *path, size_t index)
{
    if (path->len < CAMSIM_PATH_DEPTH)
        path->steps[path->len] = (camsim_path_step){NULL, index};
    return path->len++;
}

/** Truncate back to a length returned by a push. */
static inline void camsim_path_pop(camsim_path *path, size_t len)
{
    if (len < path->len)
        path->len = len;
}
/** Write path as an RFC 6901 pointer into out (cap bytes, NUL-terminated);
 * a pointer that does not fit ends in "...". */
void camsim_path_format(const camsim_path *path, char *out, size_t cap);
/** Format path into err->path (err may be NULL). */
void camsim_error_at(camsim_error *err, const camsim_path *path);

#endif
