/* ref_json.c: the independent JSON oracle. jansson shares no code with cJSON
 * or engine/src/document/json_guard.c, is strict about RFC 8259 by default (no
 * comments, no trailing commas, no single quotes, only the four whitespace
 * bytes, full UTF-8 and \u checking, surrogates paired), and says why it
 * rejects through json_error_code(). The adapter maps it onto camsim's JSON
 * profile (docs/semantics.md, policy document), stating every difference:
 *
 * - Any value at the top: JSON_DECODE_ANY (jansson wants an array or object).
 * - NUL, raw or "\u0000": camsim rejects it; so does jansson without
 *   JSON_ALLOW_NUL (json_error_null_character, json_error_null_byte_in_key),
 *   except a raw NUL after a complete value, which jansson takes for the end
 *   of input ("0\0" loads as 0): the adapter refuses any raw NUL itself.
 * - A leading UTF-8 byte-order mark: camsim ignores one; jansson rejects it,
 *   so the adapter skips one before jansson sees the bytes.
 * - Duplicate member names: valid RFC 8259, rejected by camsim (at any code).
 *   JSON_REJECT_DUPLICATES reports them; the bytes are then parsed again
 *   without the flag so that a later syntax error still counts as one.
 * - Numbers: JSON_DECODE_INT_AS_REAL turns every number into a double by
 *   strtod, as cJSON does, so integers of any length are not "too big".
 *   A number beyond the double range is valid RFC 8259 that jansson refuses
 *   (json_error_numeric_overflow): the adapter zeroes the digits of every
 *   exponent outside strings (1e999 -> 1e000, same grammar) and parses again
 *   for the verdict, and reports the values as not comparable.
 * - Depth: jansson stops at 2048 levels (json_error_stack_overflow), camsim
 *   at CAMSIM_MAX_NESTING: deeper than 2048 is unspecified here.
 */
#include <cjson/cJSON.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference.h"

enum { FLAGS = JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL };

/* A copy of data with every exponent's digits outside strings set to '0'. */
static char *zero_exponents(const char *data, size_t len)
{
    char *c = malloc(len ? len : 1);
    if (!c)
        abort();
    memcpy(c, data, len);
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        if (in_string) {
            if (c[i] == '\\')
                i++;
            else if (c[i] == '"')
                in_string = false;
        } else if (c[i] == '"') {
            in_string = true;
        } else if ((c[i] == 'e' || c[i] == 'E') && i > 0 && c[i - 1] >= '0' && c[i - 1] <= '9') {
            size_t k = i + 1;
            if (k < len && (c[k] == '+' || c[k] == '-'))
                k++;
            for (; k < len && c[k] >= '0' && c[k] <= '9'; k++)
                c[k] = '0';
            i = k - 1;
        }
    }
    return c;
}

int ref_json_parse(const char *data, size_t len, void **doc, char *why, size_t cap)
{
    *doc = NULL;
    if (why && cap)
        why[0] = '\0';
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (memchr(data, '\0', len)) {
        if (why)
            snprintf(why, cap, "adapter: raw NUL byte");
        return REF_FALSE;
    }
    json_error_t e;
    json_t *root = json_loadb(data, len, FLAGS | JSON_REJECT_DUPLICATES, &e);
    if (root) {
        *doc = root;
        return REF_TRUE;
    }
    if (why)
        snprintf(why, cap, "jansson: %s at byte %d", e.text, e.position);
    switch (json_error_code(&e)) {
    case json_error_duplicate_key: {
        json_t *again = json_loadb(data, len, FLAGS, &e);
        if (!again)
            return json_error_code(&e) == json_error_numeric_overflow ? REF_UNSPEC : REF_FALSE;
        json_decref(again);
        return REF_ERROR;
    }
    case json_error_numeric_overflow: {
        /* Valid or not with the exponents zeroed: the values are then not
         * jansson's to compare (*doc stays NULL). */
        char *copy = zero_exponents(data, len);
        json_t *again = json_loadb(copy, len, FLAGS | JSON_REJECT_DUPLICATES, &e);
        int code = json_error_code(&e);
        if (!again && code == json_error_duplicate_key) {
            again = json_loadb(copy, len, FLAGS, &e);
            code = again ? json_error_duplicate_key : json_error_code(&e);
            json_decref(again);
            again = NULL;
        }
        free(copy);
        if (again) {
            json_decref(again);
            return REF_TRUE;
        }
        if (code == json_error_duplicate_key)
            return REF_ERROR;
        if (code == json_error_numeric_overflow || code == json_error_stack_overflow ||
            code == json_error_out_of_memory)
            return REF_UNSPEC;
        return REF_FALSE;
    }
    case json_error_stack_overflow:
    case json_error_out_of_memory:
        return REF_UNSPEC;
    default:
        return REF_FALSE;
    }
}

void ref_json_free(void *doc)
{
    json_decref((json_t *)doc);
}

static const char *jtype(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return "number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

static bool compare(const cJSON *c, const json_t *j, char *where, size_t cap, size_t at)
{
#define DIFF(...)                                                                         \
    do {                                                                                  \
        if (at < cap)                                                                     \
            snprintf(where + at, cap - at, __VA_ARGS__);                                  \
        return false;                                                                     \
    } while (0)
    if (cJSON_IsString(c)) {
        if (!json_is_string(j))
            DIFF(": cJSON string, jansson %s", jtype(j));
        size_t n = strlen(c->valuestring);
        if (n != json_string_length(j) || memcmp(c->valuestring, json_string_value(j), n) != 0)
            DIFF(": cJSON string of %zu bytes \"%.80s\", jansson %zu bytes \"%.80s\"", n,
                 c->valuestring, json_string_length(j), json_string_value(j));
        return true;
    }
    if (cJSON_IsNumber(c)) {
        if (!json_is_real(j))
            DIFF(": cJSON number, jansson %s", jtype(j));
        double r = json_real_value(j);
        if (memcmp(&r, &c->valuedouble, sizeof r) != 0)
            DIFF(": cJSON number %.17g, jansson %.17g", c->valuedouble, r);
        return true;
    }
    if (cJSON_IsTrue(c) || cJSON_IsFalse(c) || cJSON_IsNull(c)) {
        bool same = cJSON_IsTrue(c) ? json_is_true(j) : cJSON_IsFalse(c) ? json_is_false(j)
                                                                         : json_is_null(j);
        if (!same)
            DIFF(": cJSON literal, jansson %s", jtype(j));
        return true;
    }
    if (cJSON_IsArray(c)) {
        if (!json_is_array(j))
            DIFF(": cJSON array, jansson %s", jtype(j));
        size_t n = (size_t)cJSON_GetArraySize(c);
        if (n != json_array_size(j))
            DIFF(": cJSON array of %zu, jansson %zu", n, json_array_size(j));
        size_t i = 0;
        for (const cJSON *e = c->child; e; e = e->next, i++) {
            int k = at < cap ? snprintf(where + at, cap - at, "/%zu", i) : 0;
            if (!compare(e, json_array_get(j, i), where, cap, at + (size_t)(k > 0 ? k : 0)))
                return false;
        }
        return true;
    }
    if (cJSON_IsObject(c)) {
        if (!json_is_object(j))
            DIFF(": cJSON object, jansson %s", jtype(j));
        size_t n = (size_t)cJSON_GetArraySize(c);
        if (n != json_object_size(j))
            DIFF(": cJSON object of %zu members, jansson %zu", n, json_object_size(j));
        for (const cJSON *e = c->child; e; e = e->next) {
            int k = at < cap ? snprintf(where + at, cap - at, "/%.60s", e->string) : 0;
            const json_t *v = json_object_get(j, e->string);
            if (!v)
                DIFF(": member only in cJSON");
            if (!compare(e, v, where, cap, at + (size_t)(k > 0 ? k : 0)))
                return false;
        }
        return true;
    }
    DIFF(": cJSON value of unknown type %d", c->type);
#undef DIFF
}

bool ref_json_same_tree(const void *cjson, const void *doc, char *where, size_t cap)
{
    if (cap)
        where[0] = '\0';
    return compare((const cJSON *)cjson, (const json_t *)doc, where, cap, 0);
}

const void *ref_json_member(const void *object, const char *key)
{
    return json_is_object((const json_t *)object) ? json_object_get((const json_t *)object, key)
                                                  : NULL;
}

int ref_json_scalar_equals(const void *value, const char *text)
{
    const json_t *j = value;
    if (!j || !text)
        return REF_FALSE;
    if (json_is_string(j))
        return json_string_length(j) == strlen(text) &&
                       memcmp(json_string_value(j), text, json_string_length(j)) == 0
                   ? REF_TRUE
                   : REF_FALSE;
    if (json_is_real(j)) {
        /* camsim keeps a number's token text: it reads back as jansson's double. */
        char *end;
        double d = strtod(text, &end);
        return *end == '\0' && d == json_real_value(j) ? REF_TRUE : REF_FALSE;
    }
    return REF_FALSE;
}

size_t ref_json_array_size(const void *value)
{
    return json_is_array((const json_t *)value) ? json_array_size((const json_t *)value) : 0;
}

const void *ref_json_array_get(const void *value, size_t i)
{
    return json_array_get((const json_t *)value, i);
}
