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

/** A JSON pointer under construction; truncation is marked with "...". */
typedef struct camsim_path {
    char text[sizeof(((camsim_error *)0)->path)];
    size_t len;
} camsim_path;

/** Start an empty path (the document root, ""). */
void camsim_path_init(camsim_path *path);
/** Append "/key" (RFC 6901 escaped) and return the previous length for camsim_path_pop. */
size_t camsim_path_push_key(camsim_path *path, const char *key);
/** Append "/index" and return the previous length for camsim_path_pop. */
size_t camsim_path_push_index(camsim_path *path, size_t index);
/** Truncate back to a length returned by a push. */
void camsim_path_pop(camsim_path *path, size_t len);
/** Copy path into err->path (err may be NULL). */
void camsim_error_at(camsim_error *err, const camsim_path *path);

#endif
