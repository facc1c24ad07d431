/* json_guard.h: strict RFC 8259 before cJSON. cJSON is lenient (any byte
 * below 0x21 is whitespace to it, an invalid "\uqqqq" decodes to a NUL that
 * truncates the string, invalid UTF-8 passes, it nests 1000 deep) and it
 * builds the whole tree before camsim can count anything. One linear pass
 * over the raw bytes checks the complete grammar and every count limit, so
 * cJSON only ever sees documents that are valid and small enough. */
#ifndef CAMSIM_JSON_GUARD_H
#define CAMSIM_JSON_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "camsim_tools.h"

/*
 * camsim_json_guard (declared in camsim_tools.h) validates raw JSON bytes
 * as one strict RFC 8259 document, in one pass without recursion or
 * allocation:
 * - grammar: one value (any type), optionally preceded by a UTF-8 byte-order
 *   mark (ignored, as cJSON skips it) and surrounded by whitespace, which is
 *   only space, tab, LF and CR;
 * - strings: no byte below 0x20, valid UTF-8, escapes only \" \\ \/ \b
 *   \f \n \r \t and \u with four hex digits, UTF-16 surrogates only as a
 *   high-low pair, no \u0000;
 * - numbers: RFC 8259 syntax, at most CAMSIM_MAX_NUMBER_CHARS characters;
 * - no NUL byte anywhere;
 * - counts: nesting at most max_depth (capped at CAMSIM_MAX_NESTING), at
 *   most CAMSIM_MAX_OBJECT_MEMBERS members per object, CAMSIM_MAX_VALUES
 *   elements per array except CAMSIM_MAX_STATEMENTS for the array under the
 *   root object's "statement", and camsim_json_value_budget(len) values in
 *   all. Duplicate member names are not checked here (camsim_json_check_object).
 * It returns true when valid. Otherwise it fills err and returns false:
 * CAMSIM_E_JSON (offset of the offending byte, no path) or CAMSIM_E_LIMIT
 * (offset, and the JSON pointer of the container over its count).
 */

/** 3 when json starts with a UTF-8 byte-order mark, else 0. The guard skips
 *  it; callers must skip it before cJSON too, which skips one only in
 *  documents of five bytes or more. */
size_t camsim_json_bom_length(const char *json, size_t len);

/** Most JSON values a document of len bytes may hold:
 *  CAMSIM_JSON_VALUE_BASE + len / CAMSIM_JSON_BYTES_PER_VALUE. */
size_t camsim_json_value_budget(size_t len);

/**
 * Check one parsed object: at most CAMSIM_MAX_OBJECT_MEMBERS members and no
 * member name twice (cJSON keeps duplicates; CAM documents must not have
 * them). path points at the object; err gets the offending member's path.
 */
bool camsim_json_check_object(const cJSON *obj, camsim_path *path, camsim_error *err);

#endif
