/* json_number_text.c: cJSON keeps a JSON number only as a double, and
 * numeric conditions compare exact decimal values (docs/semantics.md,
 * Conditions): "9007199254740993" and "1.00000000000000000001" must not be
 * rounded. The number tokens of the raw bytes come in document order, which
 * is the order of a depth-first walk of cJSON's tree (children keep their
 * order), so the k-th number node gets the k-th token. The bytes passed
 * camsim_json_guard, so this scan only has to skip strings. */
#include "json_number_text.h"

#include <string.h>

#include "camsim/camsim.h"
#include "json_guard.h"

static bool number_byte(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The next number token at or after *pos: [*start, *pos). */
static bool next_number(const char *json, size_t len, size_t *pos, size_t *start)
{
    size_t i = *pos;
    while (i < len) {
        char c = json[i];
        if (c == '"') { /* a string (a key or a value): no token inside */
            for (i++; i < len && json[i] != '"'; i++)
                if (json[i] == '\\')
                    i++;
            i++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            *start = i;
            while (i < len && number_byte(json[i]))
                i++;
            *pos = i;
            return true;
        } else {
            i++;
        }
    }
    *pos = i;
    return false;
}

bool camsim_json_number_texts(cJSON *root, const char *json, size_t len)
{
    cJSON *stack[CAMSIM_MAX_NESTING + 2];
    size_t depth = 0, pos = 0;
    cJSON *node = root;
    while (node) {
        if (cJSON_IsNumber(node)) {
            size_t start;
            if (!next_number(json, len, &pos, &start))
                return true; /* cannot happen for guarded input: keep the double */
            char *text = cJSON_malloc(pos - start + 1);
            if (!text)
                return false;
            memcpy(text, json + start, pos - start);
            text[pos - start] = '\0';
            node->valuestring = text;
        }
        /* Depth first: the first child, else the next sibling, else the
         * next sibling of the nearest ancestor that has one. */
        if (node->child && depth < sizeof stack / sizeof stack[0]) {
            stack[depth++] = node;
            node = node->child;
            continue;
        }
        while (!node->next && depth > 0)
            node = stack[--depth];
        node = node == root ? NULL : node->next;
    }
    return true;
}

cJSON *camsim_json_tree(const char *json, size_t len, camsim_error *err)
{
    size_t bom = camsim_json_bom_length(json, len);
    cJSON *root = cJSON_ParseWithLengthOpts(json + bom, len - bom, NULL, 0);
    if (root && !camsim_json_number_texts(root, json + bom, len - bom)) {
        cJSON_Delete(root);
        root = NULL;
    }
    if (!root)
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory building the JSON tree");
    return root;
}

const char *camsim_json_type_name(const cJSON *item)
{
    if (cJSON_IsString(item)) return "string";
    if (cJSON_IsNumber(item)) return "number";
    if (cJSON_IsBool(item)) return "boolean";
    if (cJSON_IsNull(item)) return "null";
    if (cJSON_IsArray(item)) return "array";
    return "object";
}
