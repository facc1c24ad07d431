/* json_guard.h: what cJSON lets through and camsim must not. cJSON accepts
 * invalid UTF-8, raw control characters in strings, and decodes "\u0000"
 * into a NUL that silently truncates the string; it also nests up to 1000
 * levels. One linear pass over the raw bytes rejects all of these with a
 * byte offset before cJSON sees the document. */
#ifndef CAMSIM_JSON_GUARD_H
#define CAMSIM_JSON_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "error.h"

/**
 * Check raw JSON bytes: valid UTF-8 throughout, no NUL byte, no raw control
 * character and no "\u0000" escape inside strings, nesting at most
 * max_depth. Returns true when clean; otherwise fills err (CAMSIM_E_JSON or
 * CAMSIM_E_LIMIT, with offset) and returns false. Does not check the JSON
 * grammar itself (cJSON does).
 */
bool camsim_json_guard(const char *json, size_t len, unsigned max_depth, camsim_error *err);

/** Length of the valid UTF-8 sequence starting at s (at most n bytes), or 0 when invalid. */
size_t camsim_utf8_sequence(const unsigned char *s, size_t n);

/** True when s[0..n) is entirely valid UTF-8 without NUL bytes. */
bool camsim_utf8_valid(const char *s, size_t n);

/**
 * Check one parsed object: at most CAMSIM_MAX_OBJECT_MEMBERS members and no
 * member name twice (cJSON keeps duplicates; CAM documents must not have
 * them). path points at the object; err gets the offending member's path.
 */
bool camsim_json_check_object(const cJSON *obj, camsim_path *path, camsim_error *err);

#endif
