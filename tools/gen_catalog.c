/*
 * gen_catalog.c: turn corpus/catalog/actions.json into catalog_data.c.
 *
 * Usage: camsim_gen_catalog actions.json out.c
 *
 * The JSON file is the single source of truth for the action catalog. This
 * host tool validates it strictly (every field present with the right type
 * and an allowed value, no unknown or duplicate keys, no duplicate
 * service:name) and writes a C file defining camsim_catalog_table (see
 * engine/src/catalog/catalog_table.h) and the lookup index of
 * engine/src/catalog/catalog_index.h: the lowercase "service:name" keys with a hash
 * table over them, so that camsim_catalog_index() is one hash and usually
 * one compare, with no allocation and no mutable state; the keys are in
 * byte order, so the compiler finds the keys sharing a prefix as one run.
 *
 * Every problem found is reported on stderr as
 *   actions.json: actions[12] (trtc:DismissRoom): field "granularity": ...
 * and the tool exits with status 1 without writing the output.
 */
#include <cjson/cJSON.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camsim_tools.h"   /* camsim_utf8_valid, camsim_line_col, CAMSIM_PRINTF */
#include "catalog_index.h" /* camsim_byte_bit, camsim_catalog_hash, camsim_catalog_key */

/* The JSON document is small; refuse anything absurd. */
#define MAX_INPUT_BYTES (4u * 1024u * 1024u)
/* Most entries the index can address (uint16_t). */
#define MAX_ACTIONS 65535u
/* Longest "service:name" key accepted. */
#define MAX_KEY_BYTES 255u

typedef struct gen {
    const char *input;  /* file name used in messages */
    unsigned errors;
} gen;

static void fail(gen *g, const char *fmt, ...) CAMSIM_PRINTF(2, 3);

static void fail(gen *g, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", g->input);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    g->errors++;
}

/* ------------------------------------------------------------------------
 * Reading the input
 * ---------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_INPUT_BYTES) {
                fprintf(stderr, "%s: larger than %u bytes\n", path, MAX_INPUT_BYTES);
                free(buf);
                fclose(f);
                return NULL;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                fprintf(stderr, "%s: read error: %s\n", path, strerror(errno));
                free(buf);
                fclose(f);
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    /* NUL-terminate: cJSON 1.7.15 wants the terminator inside the length it
     * is given when require_null_terminated is set. */
    char *done = realloc(buf, len + 1);
    if (!done) {
        fprintf(stderr, "%s: out of memory\n", path);
        free(buf);
        return NULL;
    }
    done[len] = '\0';
    *len_out = len;
    return done;
}

/* ------------------------------------------------------------------------
 * Checks shared by every object
 * ---------------------------------------------------------------------- */

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* Every key of obj must be in allowed, once; every allowed key must be present. */
static void check_keys(gen *g, const cJSON *obj, const char *const *allowed, const char *where)
{
    for (const cJSON *a = obj->child; a; a = a->next) {
        if (!in_list(a->string, allowed))
            fail(g, "%s: unknown field \"%s\"", where, a->string);
        for (const cJSON *b = a->next; b; b = b->next)
            if (strcmp(a->string, b->string) == 0)
                fail(g, "%s: duplicate field \"%s\"", where, a->string);
    }
    for (size_t i = 0; allowed[i]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(obj, allowed[i]))
            fail(g, "%s: missing field \"%s\"", where, allowed[i]);
}

/* Is s valid UTF-8 without control characters (so it is one line of text)? */
static bool clean_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    if (!camsim_utf8_valid(s, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] == 0x7f || (p[i] == 0xC2 && p[i + 1] <= 0x9F))
            return false; /* C0 controls, DEL, C1 controls (U+0080..U+009F: C2 80..C2 9F) */
    return true;
}

/*
 * The string value of field key of obj, or NULL (after reporting) when it is
 * absent or not a clean one-line string. Absence is already reported by
 * check_keys, so it is silent here.
 */
static const char *get_string(gen *g, const cJSON *obj, const char *key, const char *where)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!item)
        return NULL;
    if (!cJSON_IsString(item) || !item->valuestring) {
        fail(g, "%s: field \"%s\" must be a string", where, key);
        return NULL;
    }
    if (!clean_text(item->valuestring)) {
        fail(g, "%s: field \"%s\" must be valid UTF-8 without control characters (one line)",
             where, key);
        return NULL;
    }
    return item->valuestring;
}

/* Like get_string, and the value must be one of allowed (NULL-terminated). */
static const char *get_enum(gen *g, const cJSON *obj, const char *key, const char *const *allowed,
                            const char *where)
{
    const char *s = get_string(g, obj, key, where);
    if (!s)
        return NULL;
    if (!in_list(s, allowed)) {
        char expected[256] = "";
        size_t used = 0;
        for (size_t i = 0; allowed[i]; i++) {
            int n = snprintf(expected + used, sizeof expected - used, "%s\"%s\"",
                             i ? (allowed[i + 1] ? ", " : " or ") : "", allowed[i]);
            if (n < 0 || (size_t)n >= sizeof expected - used)
                break;
            used += (size_t)n;
        }
        fail(g, "%s: field \"%s\" must be %s, not \"%s\"", where, key, expected, s);
        return NULL;
    }
    return s;
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_ascii_alnum(char c)
{
    return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}


/* The parameters a template may name (catalog.md, "Rendering"). */
static const char *const template_params[] = {"uin", "SdkAppId", "Region", "PlatformId", "MNPId",
                                              "Platform", NULL};

/*
 * A resource template: six segments (the first five ':' split it), "qcs",
 * empty project, the service as third segment, and every "${" opening a
 * known parameter name closed by "}". Returns a reason, or NULL when valid.
 */
static const char *template_problem(const char *t, const char *service)
{
    size_t colons = 0;
    const char *seg3 = NULL, *seg3_end = NULL;
    if (strncmp(t, "qcs::", 5) != 0)
        return "must start with \"qcs::\" (qcs, empty project)";
    for (const char *p = t; *p; p++) {
        if (*p == '$' && p[1] == '{') {
            const char *close = strchr(p + 2, '}');
            if (!close)
                return "has \"${\" without a closing \"}\"";
            size_t n = (size_t)(close - (p + 2));
            bool known = false;
            for (size_t i = 0; template_params[i]; i++)
                if (strlen(template_params[i]) == n && memcmp(template_params[i], p + 2, n) == 0)
                    known = true;
            if (!known)
                return "names a parameter other than uin, SdkAppId, Region, PlatformId, MNPId, "
                       "Platform";
            p = close;
            continue;
        }
        if (*p == ':' && colons < 5) {
            colons++;
            if (colons == 2)
                seg3 = p + 1;
            if (colons == 3)
                seg3_end = p;
        }
    }
    if (colons < 5)
        return "must have six ':'-separated segments";
    if (service && (size_t)(seg3_end - seg3) != strlen(service))
        return "third segment must be the action's service";
    if (service && memcmp(seg3, service, strlen(service)) != 0)
        return "third segment must be the action's service";
    return NULL;
}

/* ------------------------------------------------------------------------
 * Products
 * ---------------------------------------------------------------------- */

static const char *const product_fields[] = {"product",          "abbreviation",   "console_access",
                                             "tag_authorization", "granularity",    "ip_restriction",
                                             "resource_templates", "note",          NULL};
static const char *const support_values[] = {"supported", "not supported", "not documented", NULL};
static const char *const product_granularities[] = {"service", "operation", "resource", NULL};
static const char *const services[] = {"trtc", "tcmpp", NULL};

static void check_products(gen *g, const cJSON *products)
{
    if (!cJSON_IsObject(products)) {
        fail(g, "products: must be an object");
        return;
    }
    check_keys(g, products, services, "products");
    for (const cJSON *p = products->child; p; p = p->next) {
        char where[128];
        snprintf(where, sizeof where, "products.%s", p->string);
        if (!in_list(p->string, services))
            continue; /* reported by check_keys */
        if (!cJSON_IsObject(p)) {
            fail(g, "%s: must be an object", where);
            continue;
        }
        check_keys(g, p, product_fields, where);
        const char *name = get_string(g, p, "product", where);
        if (name && !*name)
            fail(g, "%s: field \"product\" must not be empty", where);
        const char *abbr = get_string(g, p, "abbreviation", where);
        if (abbr && strcmp(abbr, p->string) != 0)
            fail(g, "%s: field \"abbreviation\" must be \"%s\", not \"%s\"", where, p->string,
                 abbr);
        get_enum(g, p, "console_access", support_values, where);
        get_enum(g, p, "tag_authorization", support_values, where);
        get_enum(g, p, "ip_restriction", support_values, where);
        get_enum(g, p, "granularity", product_granularities, where);
        get_string(g, p, "note", where);
        const cJSON *tpls = cJSON_GetObjectItemCaseSensitive(p, "resource_templates");
        if (tpls && !cJSON_IsArray(tpls)) {
            fail(g, "%s: field \"resource_templates\" must be an array of strings", where);
        } else if (tpls) {
            size_t i = 0;
            for (const cJSON *t = tpls->child; t; t = t->next, i++) {
                if (!cJSON_IsString(t) || !t->valuestring || !clean_text(t->valuestring)) {
                    fail(g, "%s: resource_templates[%zu] must be a one-line string", where, i);
                    continue;
                }
                const char *why = template_problem(t->valuestring, p->string);
                if (why)
                    fail(g, "%s: resource_templates[%zu] \"%s\" %s", where, i, t->valuestring,
                         why);
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * Actions
 * ---------------------------------------------------------------------- */

typedef struct action {
    const char *service, *name, *api_kind, *category, *description, *granularity,
        *resource_template, *restriction, *successor, *legacy_note;
    int ip_restriction;
    char key[MAX_KEY_BYTES + 1]; /* lowercase "service:name" */
    size_t key_len;
    size_t index;
} action;

static const char *const action_fields[] = {
    "service",           "name",           "api_kind",    "category",  "description",
    "granularity",       "resource_template", "ip_restriction", "restriction", "successor",
    "legacy_note",       NULL};
static const char *const trtc_kinds[] = {"server", "console", NULL};
static const char *const tcmpp_kinds[] = {"write", "read", "list", NULL};
static const char *const granularities[] = {"resource", "operation", NULL};

static bool valid_action_name(const char *s)
{
    if (!(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    for (const char *p = s; *p; p++)
        if (!is_ascii_alnum(*p))
            return false;
    return true;
}

/* Validate actions[i] into *a; returns false when anything is wrong. */
static bool check_action(gen *g, const cJSON *obj, size_t i, action *a)
{
    unsigned before = g->errors;
    char where[160];
    snprintf(where, sizeof where, "actions[%zu]", i);
    if (!cJSON_IsObject(obj)) {
        fail(g, "%s: must be an object", where);
        return false;
    }
    /* Name the action in every message once its name is known. */
    const cJSON *svc_item = cJSON_GetObjectItemCaseSensitive(obj, "service");
    const cJSON *name_item = cJSON_GetObjectItemCaseSensitive(obj, "name");
    if (cJSON_IsString(svc_item) && cJSON_IsString(name_item))
        snprintf(where, sizeof where, "actions[%zu] (%.40s:%.80s)", i, svc_item->valuestring,
                 name_item->valuestring);

    check_keys(g, obj, action_fields, where);
    memset(a, 0, sizeof *a);
    a->index = i;
    a->service = get_enum(g, obj, "service", services, where);
    a->name = get_string(g, obj, "name", where);
    if (a->name && !valid_action_name(a->name))
        fail(g, "%s: field \"name\" must be an ASCII letter A-Z then letters and digits, not \"%s\"",
             where, a->name);
    if (a->service) {
        bool trtc = strcmp(a->service, "trtc") == 0;
        a->api_kind = get_enum(g, obj, "api_kind", trtc ? trtc_kinds : tcmpp_kinds, where);
    }
    a->category = get_string(g, obj, "category", where);
    a->description = get_string(g, obj, "description", where);
    if (a->description && !*a->description)
        fail(g, "%s: field \"description\" must not be empty", where);
    a->granularity = get_enum(g, obj, "granularity", granularities, where);
    a->resource_template = get_string(g, obj, "resource_template", where);
    a->restriction = get_string(g, obj, "restriction", where);
    a->successor = get_string(g, obj, "successor", where);
    a->legacy_note = get_string(g, obj, "legacy_note", where);

    const cJSON *ip = cJSON_GetObjectItemCaseSensitive(obj, "ip_restriction");
    if (ip) {
        double v = cJSON_IsNumber(ip) ? ip->valuedouble : 0.0;
        if (!cJSON_IsNumber(ip) || !(v == -1.0 || v == 0.0 || v == 1.0))
            fail(g, "%s: field \"ip_restriction\" must be the number 1 (supported), 0 (not "
                    "supported) or -1 (not documented)", where);
        else
            a->ip_restriction = (int)v;
    }

    /* Consistency between fields. */
    if (a->service && a->api_kind && a->category && strcmp(a->service, "tcmpp") == 0) {
        const char *want = strcmp(a->api_kind, "write") == 0  ? "Write operations"
                           : strcmp(a->api_kind, "read") == 0 ? "Read operations"
                                                              : "List Operations";
        if (strcmp(a->category, want) != 0)
            fail(g, "%s: field \"category\" of a tcmpp %s action must be \"%s\", not \"%s\"",
                 where, a->api_kind, want, a->category);
    }
    if (a->service && a->api_kind && a->category && strcmp(a->api_kind, "server") == 0 &&
        !*a->category)
        fail(g, "%s: field \"category\" of a trtc server action must not be empty", where);
    if (a->granularity && a->resource_template) {
        bool resource = strcmp(a->granularity, "resource") == 0;
        if (resource) {
            const char *why = a->resource_template[0]
                                  ? template_problem(a->resource_template, a->service)
                                  : "must not be empty for a resource-level action";
            if (why)
                fail(g, "%s: field \"resource_template\" \"%s\" %s", where, a->resource_template,
                     why);
        } else if (*a->resource_template) {
            fail(g, "%s: field \"resource_template\" must be \"\" for an operation-level action",
                 where);
        }
    }
    if (a->granularity && a->restriction) {
        bool resource = strcmp(a->granularity, "resource") == 0;
        if (resource && *a->restriction)
            fail(g, "%s: field \"restriction\" must be \"\" for a resource-level action", where);
        if (!resource && !*a->restriction)
            fail(g, "%s: field \"restriction\" must give the documented reason for an "
                    "operation-level action", where);
    }
    if (a->successor && *a->successor) {
        if (!valid_action_name(a->successor))
            fail(g, "%s: field \"successor\" must be \"\" or an action name, not \"%s\"", where,
                 a->successor);
        else if (a->name && strcmp(a->successor, a->name) == 0)
            fail(g, "%s: field \"successor\" must differ from the action's own name", where);
        if (a->legacy_note && !*a->legacy_note)
            fail(g, "%s: field \"legacy_note\" must explain a legacy name that has a successor",
                 where);
    }

    if (g->errors != before)
        return false;
    int n = snprintf(a->key, sizeof a->key, "%s:%s", a->service, a->name);
    if (n < 0 || (size_t)n >= sizeof a->key) {
        fail(g, "%s: \"service:name\" is longer than %u bytes", where, MAX_KEY_BYTES);
        return false;
    }
    a->key_len = (size_t)n;
    for (size_t k = 0; k < a->key_len; k++)
        a->key[k] = (char)camsim_ascii_lower((unsigned char)a->key[k]);
    return true;
}

/* Byte order alone (strcmp compares as unsigned char): the keys sharing a
 * prefix are then one run. */
static int text_order(const void *pa, const void *pb)
{
    const action *a = *(const action *const *)pa;
    const action *b = *(const action *const *)pb;
    return strcmp(a->key, b->key);
}


/* ------------------------------------------------------------------------
 * Writing the C file
 * ---------------------------------------------------------------------- */

/* A C string literal. '?' is escaped against trigraphs; non-printable and
 * non-ASCII bytes become three-digit octal escapes. */
static void put_literal(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        if (c == '"' || c == '\\' || c == '?')
            fprintf(out, "\\%c", (int)c);
        else if (c >= 0x20 && c < 0x7f)
            fputc((int)c, out);
        else
            fprintf(out, "\\%03o", c);
    }
    fputc('"', out);
}

/* The hash table over camsim_catalog_keys (catalog_index.h). */
static bool put_slots(FILE *out, const action *const *keys, size_t count)
{
    size_t slots = 16;
    while (slots < 4 * count)
        slots *= 2;
    uint16_t *table = calloc(slots, sizeof *table);
    if (!table || count >= UINT16_MAX) {
        fprintf(stderr, "out of memory or too many actions for the hash table\n");
        free(table);
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        size_t k = (size_t)camsim_catalog_hash(keys[i]->key, keys[i]->key_len) & (slots - 1);
        while (table[k])
            k = (k + 1) & (slots - 1);
        table[k] = (uint16_t)(i + 1);
    }
    fprintf(out, "const size_t camsim_catalog_slot_mask = %zu;\n\n", slots - 1);
    fprintf(out, "const uint16_t camsim_catalog_slots[] = {");
    for (size_t i = 0; i < slots; i++)
        fprintf(out, "%s%u,", i % 16 == 0 ? "\n   " : "", (unsigned)table[i]);
    fprintf(out, "\n};\n\n");
    free(table);
    return true;
}

static void put_keys(FILE *out, const char *name, const action *const *keys, size_t count)
{
    fprintf(out, "const camsim_catalog_key %s[] = {\n", name);
    for (size_t i = 0; i < count; i++) {
        fputs("    {", out);
        put_literal(out, keys[i]->key);
        uint64_t bytes = 0;
        for (size_t k = 0; k < keys[i]->key_len; k++)
            bytes |= camsim_byte_bit((unsigned char)keys[i]->key[k]);
        fprintf(out, ", %zu, %zu, 0x%016llxull},\n", keys[i]->index, keys[i]->key_len,
                (unsigned long long)bytes);
    }
    fprintf(out, "};\n\n");
}

/* Row k: the table bits of the first k keys in byte order (catalog_index.h).
 * False when out of memory. */
static bool put_key_prefixes(FILE *out, const action *const *keys, size_t count, size_t words)
{
    uint64_t *row = calloc(words, sizeof *row);
    if (!row)
        return false;
    fprintf(out, "const uint64_t camsim_catalog_key_prefix_bits[] = {");
    for (size_t k = 0; k <= count; k++) {
        fputs("\n   ", out);
        for (size_t w = 0; w < words; w++)
            fprintf(out, " 0x%016llxull,", (unsigned long long)row[w]);
        if (k < count)
            row[keys[k]->index / 64] |= 1ull << (keys[k]->index % 64);
    }
    fprintf(out, "\n};\n\n");
    free(row);
    return true;
}

/* The lookup index of catalog_index.h over the table: the names in byte
 * order with their hash table, and the operation-level bitset. False when
 * out of memory. */
static bool put_index(FILE *out, const action *actions, size_t count)
{
    size_t words = (count + 63) / 64;
    const action **sorted = malloc(count * sizeof *sorted);
    bool ok = sorted != NULL;
    for (size_t i = 0; ok && i < count; i++)
        sorted[i] = &actions[i];
    if (ok) {
        qsort(sorted, count, sizeof *sorted, text_order);
        put_keys(out, "camsim_catalog_keys", sorted, count);
        ok = put_key_prefixes(out, sorted, count, words) && put_slots(out, sorted, count);
    }
    /* The operation-level actions as a bitset by table index, so compiled
     * policies can filter with a mask instead of reading every entry. */
    fprintf(out, "const size_t camsim_catalog_mask_words = %zu;\n\n", words);
    fprintf(out, "const uint64_t camsim_catalog_operation_level[] = {");
    for (size_t w = 0; w < words; w++) {
        unsigned long long bits = 0;
        for (size_t i = w * 64; i < count && i < w * 64 + 64; i++)
            if (strcmp(actions[i].granularity, "operation") == 0)
                bits |= 1ull << (i % 64);
        fprintf(out, "%s0x%016llxull", w ? ", " : "", bits);
    }
    fprintf(out, "};\n\n");
    free(sorted);
    return ok;
}

static bool write_output(const char *path, const char *input, action *actions, size_t count)
{
    size_t path_len = strlen(path);
    char *tmp = malloc(path_len + 5);
    if (!tmp) {
        fprintf(stderr, "out of memory\n");
        return false;
    }
    memcpy(tmp, path, path_len);
    memcpy(tmp + path_len, ".tmp", 5);
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fprintf(stderr, "%s: cannot create: %s\n", tmp, strerror(errno));
        free(tmp);
        return false;
    }

    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    fprintf(out, "/* catalog_data.c: generated by tools/gen_catalog.c from ");
    /* keep the comment well formed whatever the file name is */
    for (const char *p = base; *p; p++)
        if (*p != '*' && *p != '/' && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
            fputc(*p, out);
    fprintf(out, ".\n * Do not edit: change corpus/catalog/actions.json instead. */\n");
    fprintf(out, "#include <stddef.h>\n#include <stdint.h>\n\n");
    fprintf(out, "#include \"camsim/camsim.h\"\n#include \"catalog_index.h\"\n"
                 "#include \"catalog_table.h\"\n\n");

    fprintf(out, "const camsim_action_info camsim_catalog_table[] = {\n");
    for (size_t i = 0; i < count; i++) {
        const action *a = &actions[i];
        fprintf(out, "    /* %zu */ {", i);
        put_literal(out, a->service);
        fputs(", ", out);
        put_literal(out, a->name);
        fputs(", ", out);
        put_literal(out, a->api_kind);
        fputs(",\n        ", out);
        put_literal(out, a->category);
        fputs(",\n        ", out);
        put_literal(out, a->description);
        fprintf(out, ",\n        %s, ",
                strcmp(a->granularity, "resource") == 0 ? "CAMSIM_RESOURCE_LEVEL"
                                                         : "CAMSIM_OPERATION_LEVEL");
        put_literal(out, a->resource_template);
        fprintf(out, ", %d,\n        ", a->ip_restriction);
        put_literal(out, a->restriction);
        fputs(",\n        ", out);
        put_literal(out, a->successor);
        fputs(", ", out);
        put_literal(out, a->legacy_note);
        fputs("},\n", out);
    }
    fprintf(out, "};\n\nconst size_t camsim_catalog_table_size = %zu;\n\n", count);

    bool ok = put_index(out, actions, count);
    ok = !ferror(out) && ok;
    if (fclose(out) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "%s: write error or out of memory\n", tmp);
        remove(tmp);
        free(tmp);
        return false;
    }
    if (rename(tmp, path) != 0) {
        fprintf(stderr, "%s: cannot rename to %s: %s\n", tmp, path, strerror(errno));
        remove(tmp);
        free(tmp);
        return false;
    }
    free(tmp);
    return true;
}

/* ------------------------------------------------------------------------
 * main
 * ---------------------------------------------------------------------- */

static const char *const top_fields[] = {"schema", "products", "actions", NULL};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s actions.json out.c\n", argc > 0 ? argv[0] : "camsim_gen_catalog");
        return 2;
    }
    gen g = {argv[1], 0};
    size_t len = 0;
    char *text = read_file(argv[1], &len);
    if (!text)
        return 1;
    if (memchr(text, '\0', len)) {
        fail(&g, "contains a NUL byte");
        free(text);
        return 1;
    }
    const char *end = NULL;
    /* len + 1 includes the terminator (see read_file); trailing garbage fails. */
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
    if (!root) {
        size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        size_t line, col;
        camsim_line_col(text, len, off, &line, &col);
        fail(&g, "line %zu, column %zu: not valid JSON", line, col);
        free(text);
        return 1;
    }

    action *actions = NULL;
    size_t count = 0;
    if (!cJSON_IsObject(root)) {
        fail(&g, "the top level must be an object {\"schema\", \"products\", \"actions\"}");
    } else {
        check_keys(&g, root, top_fields, "top level");
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
        if (schema && (!cJSON_IsNumber(schema) || schema->valuedouble != 1.0))
            fail(&g, "top level: field \"schema\" must be the number 1");
        const cJSON *products = cJSON_GetObjectItemCaseSensitive(root, "products");
        if (products)
            check_products(&g, products);
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "actions");
        if (list && !cJSON_IsArray(list)) {
            fail(&g, "top level: field \"actions\" must be an array");
        } else if (list) {
            int n = cJSON_GetArraySize(list);
            if (n <= 0)
                fail(&g, "top level: field \"actions\" must not be empty");
            else if ((unsigned)n > MAX_ACTIONS)
                fail(&g, "top level: more than %u actions", MAX_ACTIONS);
            else if (!(actions = calloc((size_t)n, sizeof *actions)))
                fail(&g, "out of memory");
            if (actions) {
                size_t i = 0;
                for (const cJSON *item = list->child; item; item = item->next, i++) {
                    if (check_action(&g, item, i, &actions[count]))
                        count++;
                }
                /* Duplicate service:name (case-insensitive, as lookups are). */
                for (size_t x = 0; x < count; x++)
                    for (size_t y = x + 1; y < count; y++)
                        if (strcmp(actions[x].key, actions[y].key) == 0)
                            fail(&g,
                                 "actions[%zu] (%s:%s): duplicates actions[%zu] (%s:%s) "
                                 "(service:name must be unique, ignoring ASCII case)",
                                 actions[y].index, actions[y].service, actions[y].name,
                                 actions[x].index, actions[x].service, actions[x].name);
            }
        }
    }

    int status = 1;
    if (g.errors == 0 && count > 0)
        status = write_output(argv[2], argv[1], actions, count) ? 0 : 1;
    else if (g.errors)
        fprintf(stderr, "%s: %u error%s; %s not written\n", argv[1], g.errors,
                g.errors == 1 ? "" : "s", argv[2]);
    free(actions);
    cJSON_Delete(root);
    free(text);
    return status;
}
