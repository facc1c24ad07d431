/*
 * camsim_tools.h: the engine's one internal interface for tools (README.md,
 * Architecture).
 *
 * The `camsim` command line (cli/) sees the engine through
 * include/camsim/camsim.h and this header only: its folder is the only one
 * on the include path of the CMake target camsim_tools, which camsim_cli
 * links. The catalog generator (tools/gen_catalog.c) uses its header-only
 * parts, besides catalog/catalog_index.h (the hashing it shares with the
 * engine). It is not installed and not exported from the shared library
 * (engine/camsim.map): tools link the static camsim_engine.
 *
 * Everything here is declared here once. The engine's stage headers
 * (support/error.h is gone; match/resource.h, match/action.h,
 * match/condition.h, document/json_guard.h, support/ascii.h) include this
 * header for what they share with tools instead of declaring it again, so a
 * new operator, value kind or message text is a change in the engine alone.
 * Keep it small: add a declaration only when a tool needs it. What each
 * tool uses: cli/lint.c the operator table and value checks, glob, action
 * matching, resource splitting, JSON pointers, the guard and tree;
 * cli/request_json.c the guard, tree and error filling; cli/io.c UTF-8
 * sequences; cli/suggest.c ASCII case; cli/lint.c and cli/policy_set.c
 * line and column; tools/gen_catalog.c (header-only parts) UTF-8
 * validation and line and column. The engine itself uses all of it.
 */
#ifndef CAMSIM_TOOLS_H
#define CAMSIM_TOOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"

#if defined(__GNUC__)
#define CAMSIM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CAMSIM_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------------
 * Text (header-only: the catalog generator, which runs before the engine is
 * built, uses these too)
 * ---------------------------------------------------------------------- */

/** ASCII lowercase of one byte. */
static inline unsigned char camsim_ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/** Length of the valid UTF-8 sequence starting at s (at most n bytes, n > 0), or 0 when
 *  invalid: no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF. */
static inline size_t camsim_utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;      /* no overlong forms */
        if (c == 0xED) hi = 0x9F;      /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;      /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need;
}

/** True when s[0..n) is entirely valid UTF-8 without NUL bytes. */
static inline bool camsim_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] == 0)
            return false;
        size_t k = camsim_utf8_sequence(p + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

/** 1-based line and column (in characters: UTF-8 continuation bytes do not
 *  count) of byte offset in text[0..len), for a camsim_error's offset. */
static inline void camsim_line_col(const char *text, size_t len, size_t offset, size_t *line,
                                   size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* ------------------------------------------------------------------------
 * Errors and JSON pointers (support/error.c)
 * ---------------------------------------------------------------------- */

/** Fill err (which may be NULL) with code and a formatted message; clears path and offset.
 *  Returns code, so a failing function can `return camsim_error_set(...)`. */
camsim_code camsim_error_set(camsim_error *err, camsim_code code, const char *fmt, ...)
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

/** Format path into err->path (err may be NULL; a NULL path leaves it as it is). */
void camsim_error_at(camsim_error *err, const camsim_path *path);

/** camsim_error_set(err, code, fmt, ...), then the JSON pointer of path (none
 *  when NULL) into err->path; the value is false, so a failing check can
 *  `return camsim_fail(...)`. err and path are evaluated twice. */
#define camsim_fail(err, path, code, ...) \
    (camsim_error_set((err), (code), __VA_ARGS__), camsim_error_at((err), (path)), false)

/* ------------------------------------------------------------------------
 * JSON documents (document/)
 * ---------------------------------------------------------------------- */

/** The message prefix of an error for bytes after the document's value. */
#define CAMSIM_JSON_TRAILING_TEXT "unexpected text after the JSON value"

/**
 * Validate raw JSON bytes as one strict RFC 8259 document within every
 * count limit, in one pass without recursion or allocation (the rules:
 * document/json_guard.h). Returns true when valid; otherwise fills err:
 * CAMSIM_E_JSON (offset of the offending byte, no path) or CAMSIM_E_LIMIT
 * (offset, and the JSON pointer of the container over its count).
 */
bool camsim_json_guard(const char *json, size_t len, unsigned max_depth, camsim_error *err);

/**
 * The cJSON tree of json[0..len), which camsim_json_guard accepted: a
 * leading byte-order mark skipped, every number given its token's exact
 * text as valuestring. NULL means out of memory (err gets CAMSIM_E_NOMEM).
 * Free with cJSON_Delete.
 */
cJSON *camsim_json_tree(const char *json, size_t len, camsim_error *err);

/** "string", "number", "boolean", "null", "array" or "object". */
const char *camsim_json_type_name(const cJSON *item);

/* ------------------------------------------------------------------------
 * Patterns: the glob, actions, resources (match/)
 * ---------------------------------------------------------------------- */

/**
 * Match subject against pattern, where `*` matches any run of bytes
 * (possibly empty) and every other byte is literal. Runs in time linear in
 * plen + slen, without recursion or allocation. Neither string needs to be
 * NUL-terminated.
 *
 * @param fold_case  compare ASCII letters case-insensitively (actions).
 */
bool camsim_glob_match(const char *pattern, size_t plen, const char *subject, size_t slen,
                       bool fold_case);

/**
 * Strip an optional "name/" prefix (any case) from an action or action
 * pattern and return the remainder through *rest / *rest_len (borrowed from
 * text). Never fails.
 */
void camsim_action_strip_prefix(const char *text, size_t len, const char **rest, size_t *rest_len);

/**
 * Does an action pattern (as written in a policy) match an action (as
 * written in a request)? Applies the "name/" rule, `*` and `*:*`, and ASCII
 * case-insensitivity. Invalid inputs match nothing. (Evaluation matches
 * through the compiled policy's index instead; lint asks this per catalog
 * action.)
 */
bool camsim_action_matches(const char *pattern, const char *action);

enum { CAMSIM_SEG_QCS, CAMSIM_SEG_PROJECT, CAMSIM_SEG_SERVICE, CAMSIM_SEG_REGION,
       CAMSIM_SEG_ACCOUNT, CAMSIM_SEG_RESOURCE, CAMSIM_SEGMENTS };

/** A resource split into its six segments; the pointers borrow the text. */
typedef struct camsim_resource_view {
    const char *seg[CAMSIM_SEGMENTS];
    size_t len[CAMSIM_SEGMENTS];
} camsim_resource_view;

/**
 * Split text into six segments on the first five ':'. Requires the first
 * segment to be "qcs" and the second to be empty. Returns false (and fills
 * err without a path) when the text is not a six-segment description.
 */
bool camsim_resource_split(const char *text, size_t len, camsim_resource_view *out,
                           camsim_error *err);

/* ------------------------------------------------------------------------
 * Condition operators (match/condition.c: the one operator table)
 * ---------------------------------------------------------------------- */

/** What kind of value an operator compares. */
typedef enum camsim_op_family {
    CAMSIM_FAMILY_STRING,
    CAMSIM_FAMILY_NUMERIC,
    CAMSIM_FAMILY_DATE,
    CAMSIM_FAMILY_BOOL,
    CAMSIM_FAMILY_BINARY,
    CAMSIM_FAMILY_IP,
    CAMSIM_FAMILY_NULL
} camsim_op_family;

typedef enum camsim_qualifier {
    CAMSIM_QUALIFIER_NONE,      /**< behaves as for_any_value for multi-valued keys */
    CAMSIM_QUALIFIER_ANY_VALUE, /**< for_any_value: */
    CAMSIM_QUALIFIER_ALL_VALUE  /**< for_all_value: */
} camsim_qualifier;

/** Operators to name in a message about an unknown one. */
#define CAMSIM_OPERATOR_EXAMPLES \
    "string_equal, numeric_less_than, date_greater_than, ip_equal, bool_equal, null_equal"

/** Number of base operators ("string_equal", ... "null_equal"). */
size_t camsim_operator_count(void);

/** Base operator i (0 <= i < camsim_operator_count()), e.g. "string_not_like". */
const char *camsim_operator_name(size_t i);

/** An operator as written, "[for_any_value:|for_all_value:]base[_if_exist]", taken apart. */
typedef struct camsim_operator_form {
    const char *base;           /**< the base name, within the text */
    size_t base_len;
    camsim_qualifier qualifier;
    bool if_exist;
    int index;                  /**< the base operator's table index, or -1 when unknown */
    camsim_op_family family;    /**< when index >= 0 */
} camsim_operator_form;

typedef enum camsim_operator_status {
    CAMSIM_OPERATOR_OK,
    CAMSIM_OPERATOR_UNKNOWN,       /**< the base name is not an operator */
    CAMSIM_OPERATOR_NULL_QUALIFIED /**< null_equal with a qualifier or _if_exist */
} camsim_operator_status;

/** Take a NUL-terminated operator text apart and look its base name up. */
camsim_operator_status camsim_operator_parse(const char *text, camsim_operator_form *out);

/** What a value of the family must be, e.g. "an ISO 8601 UTC time such as ...". */
const char *camsim_family_expects(camsim_op_family family);

/** May a policy value of this JSON type stand under the family? (Strings
 *  always; numbers for numeric; booleans for bool and null.) */
bool camsim_family_takes_json(camsim_op_family family, const cJSON *item);

/** Is s[0..n) a valid policy value of the family (an IP value may be a
 *  CIDR; a numeric value is an exact decimal; a date ISO 8601; a bool
 *  "true"/"false")? */
bool camsim_family_value_valid(camsim_op_family family, const char *s, size_t n);

#endif
