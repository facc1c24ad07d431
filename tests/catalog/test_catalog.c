/*
 * test_catalog.c: the built-in action catalog against its source of truth
 * (corpus/catalog/actions.json) and against the seed documents themselves
 * (docs/catalog.md), plus lookups and template rendering.
 *
 * The seed documents are not part of the repository. The cross-check reads
 * them at run time from the directory named by the environment variable
 * CAMSIM_SEEDS_DIR, so a catalog entry that drifts from the text Tencent
 * published fails here, naming the entry. When the variable is unset or
 * empty, or names no directory, the seed checks are skipped with the reason
 * printed; every other check still runs.
 */
#define _POSIX_C_SOURCE 200809L /* stat() */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <cjson/cJSON.h>

#include "camsim/camsim.h"
#include "catalog_index.h"
#include "catalog_table.h"
#include "io.h" /* cli_read_file */

#define TRTC_SEED "trtc-cam-resources-and-actions.txt"
#define TCMPP_SEED "tcmpp-cam-resources-and-actions.txt"
#define ACTIONS_JSON CAMSIM_SOURCE_DIR "/corpus/catalog/actions.json"

/* ------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------- */

/* Fail at the call site with a formatted message naming the input. */
#define check(cond, ...)                                                  \
    do {                                                                  \
        if (!(cond)) {                                                    \
            print_error("%s:%d: check failed: %s\n  ", __FILE__, __LINE__, #cond); \
            print_error(__VA_ARGS__);                                     \
            print_error("\n");                                            \
            _fail(__FILE__, __LINE__);                                    \
        }                                                                 \
    } while (0)

/* The whole file, NUL-terminated (free() it); a missing file fails the test. */
static char *read_text(const char *path)
{
    cli_buf text = {0};
    if (cli_read_file(path, &text) != 0) {
        fail_msg("cannot read %s", path);
        abort(); /* not reached */
    }
    return text.data;
}

/* The path of one seed document in $CAMSIM_SEEDS_DIR (static storage: the
 * test is single-threaded and each caller reads it at once). Without the
 * seeds the calling test is skipped, saying why. */
static const char *seed_path(const char *file)
{
    static char path[4096];
    const char *dir = getenv("CAMSIM_SEEDS_DIR");
    struct stat st;
    const char *why = NULL;
    if (!dir || !*dir)
        why = "CAMSIM_SEEDS_DIR is not set";
    else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        why = "CAMSIM_SEEDS_DIR names no directory";
    if (why) {
        print_message("[     SKIP ] seed cross-check: %s%s%s%s; the seed documents are not part "
                      "of the repository (set CAMSIM_SEEDS_DIR to the directory holding %s)\n",
                      why, dir && *dir ? " (" : "", dir && *dir ? dir : "", dir && *dir ? ")" : "",
                      file);
        skip();
    }
    int n = snprintf(path, sizeof path, "%s/%s", dir, file);
    check(n > 0 && (size_t)n < sizeof path, "CAMSIM_SEEDS_DIR is too long: %s", dir);
    return path;
}

/* A text split into lines (the text is modified in place; "\r" dropped). */
typedef struct lines {
    char *text;
    char **line;
    size_t count;
} lines;

static lines read_lines(const char *path)
{
    lines l = {read_text(path), NULL, 0};
    size_t cap = 1;
    for (const char *p = l.text; *p; p++)
        cap += *p == '\n';
    l.line = calloc(cap + 1, sizeof *l.line);
    assert_non_null(l.line);
    char *p = l.text;
    while (*p || p == l.text) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        l.line[l.count++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return l;
}

static void free_lines(lines *l)
{
    free(l->line);
    free(l->text);
}

/* Index of the only line equal to s; fails unless exactly one matches. */
static size_t unique_line(const lines *l, const char *s, const char *who)
{
    size_t found = SIZE_MAX, hits = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->line[i], s) == 0) {
            found = i;
            hits++;
        }
    }
    check(hits == 1, "%s: expected exactly one seed line \"%s\", found %zu", who, s, hits);
    return found;
}

static size_t find_line(const lines *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->line[i], s) == 0)
            return i;
    fail_msg("seed has no line \"%s\"", s);
    return SIZE_MAX;
}

static const camsim_action_info *entry(const char *service, const char *name)
{
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (strcmp(a->service, service) == 0 && strcmp(a->name, name) == 0)
            return a;
    }
    fail_msg("catalog has no %s:%s", service, name);
    abort(); /* not reached: fail_msg does not return */
}

/* ------------------------------------------------------------------------
 * Counts
 * ---------------------------------------------------------------------- */

static size_t count_where(const char *service, const char *kind, int granularity)
{
    size_t n = 0;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if ((!service || strcmp(a->service, service) == 0) &&
            (!kind || strcmp(a->api_kind, kind) == 0) &&
            (granularity < 0 || (int)a->granularity == granularity))
            n++;
    }
    return n;
}

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(camsim_catalog_count(), 81);
    assert_int_equal(camsim_catalog_table_size, 81);
    assert_int_equal(count_where("trtc", NULL, -1), 49);
    assert_int_equal(count_where("tcmpp", NULL, -1), 32);
    assert_int_equal(count_where("trtc", NULL, CAMSIM_RESOURCE_LEVEL), 35);
    assert_int_equal(count_where("trtc", NULL, CAMSIM_OPERATION_LEVEL), 14);
    assert_int_equal(count_where("trtc", "server", CAMSIM_RESOURCE_LEVEL), 14);
    assert_int_equal(count_where("trtc", "console", CAMSIM_RESOURCE_LEVEL), 21);
    assert_int_equal(count_where("trtc", "server", CAMSIM_OPERATION_LEVEL), 4);
    assert_int_equal(count_where("trtc", "console", CAMSIM_OPERATION_LEVEL), 10);
    assert_int_equal(count_where("tcmpp", "write", CAMSIM_RESOURCE_LEVEL), 16);
    assert_int_equal(count_where("tcmpp", "read", CAMSIM_RESOURCE_LEVEL), 13);
    assert_int_equal(count_where("tcmpp", "list", CAMSIM_RESOURCE_LEVEL), 3);
    assert_int_equal(count_where("tcmpp", NULL, CAMSIM_OPERATION_LEVEL), 0);

    assert_null(camsim_catalog_at(81));
    assert_null(camsim_catalog_at(SIZE_MAX));
    assert_non_null(camsim_catalog_at(0));
    assert_string_equal(camsim_catalog_at(0)->name, "DismissRoom");
    assert_string_equal(camsim_catalog_at(80)->name, "DescribeMNPSensitiveAPIPermissionList");
}

/* Order: TRTC server/console resource level, server/console operation
 * level, then TCMPP write, read, list (docs/catalog.md). */
static void test_order(void **state)
{
    (void)state;
    static const struct {
        size_t first, count;
        const char *service, *kind;
        camsim_granularity g;
    } blocks[] = {
        {0, 14, "trtc", "server", CAMSIM_RESOURCE_LEVEL},
        {14, 21, "trtc", "console", CAMSIM_RESOURCE_LEVEL},
        {35, 4, "trtc", "server", CAMSIM_OPERATION_LEVEL},
        {39, 10, "trtc", "console", CAMSIM_OPERATION_LEVEL},
        {49, 16, "tcmpp", "write", CAMSIM_RESOURCE_LEVEL},
        {65, 13, "tcmpp", "read", CAMSIM_RESOURCE_LEVEL},
        {78, 3, "tcmpp", "list", CAMSIM_RESOURCE_LEVEL},
    };
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        for (size_t i = blocks[b].first; i < blocks[b].first + blocks[b].count; i++) {
            const camsim_action_info *a = camsim_catalog_at(i);
            check(strcmp(a->service, blocks[b].service) == 0 &&
                      strcmp(a->api_kind, blocks[b].kind) == 0 && a->granularity == blocks[b].g,
                  "entry %zu (%s:%s) is out of order", i, a->service, a->name);
        }
    }
}

/* Every entry's fields are consistent with docs/catalog.md. */
static void test_field_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        const char *who = a->name;
        check(a->service && a->name && a->api_kind && a->category && a->description &&
                  a->resource_template && a->restriction && a->successor && a->legacy_note,
              "%s: a NULL string", who);
        check(a->description[0] != '\0', "%s: empty description", who);
        if (strcmp(a->service, "trtc") == 0) {
            check(a->ip_restriction == -1, "%s: TRTC documents no IP restriction", who);
            if (a->granularity == CAMSIM_RESOURCE_LEVEL) {
                assert_string_equal(a->resource_template,
                                    "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}");
                assert_string_equal(a->restriction, "");
            } else {
                assert_string_equal(a->resource_template, "");
                check(a->restriction[0] != '\0', "%s: no restriction reason", who);
            }
        } else {
            check(a->ip_restriction == 1, "%s: TCMPP supports IP restriction", who);
            assert_string_equal(a->restriction, "");
            assert_string_equal(a->successor, "");
            assert_string_equal(a->legacy_note, "");
            check(strncmp(a->resource_template, "qcs::tcmpp:", 11) == 0, "%s: template %s", who,
                  a->resource_template);
        }
    }
}

static void test_legacy_names(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"DescribeAbnormalEvent", "DescribeUnusualEvent"},
        {"DescribeCallDetail", "DescribeCallDetailInfo"},
        {"DescribeHistoryScale", "DescribeScaleInfo"},
        {"DescribeRoomInformation", "DescribeRoomInfo"},
        {"DescribeUserInformation", "DescribeUserInfo"},
        {"DescribeDetailEvent", "DescribeUserEvent"},
    };
    size_t with_successor = 0, with_note = 0;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        with_successor += camsim_catalog_at(i)->successor[0] != '\0';
        with_note += camsim_catalog_at(i)->legacy_note[0] != '\0';
    }
    assert_int_equal(with_successor, 6);
    assert_int_equal(with_note, 6 + 1 + 4);
    for (size_t i = 0; i < 6; i++) {
        const camsim_action_info *a = entry("trtc", pairs[i][0]);
        assert_string_equal(a->successor, pairs[i][1]);
        char note[160];
        snprintf(note, sizeof note, "replaced by %s in Tencent's current TRTC API (2023)",
                 pairs[i][1]);
        assert_string_equal(a->legacy_note, note);
    }
    assert_string_equal(entry("trtc", "CreateTroubleInfo")->successor, "");
    assert_string_equal(entry("trtc", "CreateTroubleInfo")->legacy_note,
                        "no successor in Tencent's current TRTC API");
    static const char *const mcu[] = {"StartMCUMixTranscode", "StopMCUMixTranscode",
                                      "StartMCUMixTranscodeByStrRoomId",
                                      "StopMCUMixTranscodeByStrRoomId"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(entry("trtc", mcu[i])->successor, "");
        assert_string_equal(entry("trtc", mcu[i])->legacy_note,
                            "removed from the international API in 2022");
    }
}

/* ------------------------------------------------------------------------
 * actions.json == the built-in table
 * ---------------------------------------------------------------------- */

static const char *json_str(const cJSON *obj, const char *key, size_t i)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    check(cJSON_IsString(v), "actions[%zu]: \"%s\" is not a string", i, key);
    return v->valuestring;
}

static void test_json_matches_table(void **state)
{
    (void)state;
    char *text = read_text(ACTIONS_JSON);
    cJSON *root = cJSON_Parse(text);
    check(root != NULL, "%s is not valid JSON", ACTIONS_JSON);
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    assert_true(cJSON_IsNumber(schema) && schema->valuedouble == 1.0);
    const cJSON *actions = cJSON_GetObjectItemCaseSensitive(root, "actions");
    assert_true(cJSON_IsArray(actions));
    assert_int_equal((size_t)cJSON_GetArraySize(actions), camsim_catalog_count());

    size_t i = 0;
    for (const cJSON *o = actions->child; o; o = o->next, i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        check(cJSON_GetArraySize(o) == 11, "actions[%zu] has %d fields, want 11", i,
              cJSON_GetArraySize(o));
#define SAME(field)                                                                   \
    check(strcmp(json_str(o, #field, i), a->field) == 0,                              \
          "actions[%zu] (%s:%s) " #field ": json \"%s\", table \"%s\"", i, a->service, a->name, \
          json_str(o, #field, i), a->field)
        SAME(service);
        SAME(name);
        SAME(api_kind);
        SAME(category);
        SAME(description);
        SAME(resource_template);
        SAME(restriction);
        SAME(successor);
        SAME(legacy_note);
#undef SAME
        const char *g = json_str(o, "granularity", i);
        check(strcmp(g, a->granularity == CAMSIM_RESOURCE_LEVEL ? "resource" : "operation") == 0,
              "actions[%zu] (%s) granularity: json \"%s\", table %d", i, a->name, g,
              (int)a->granularity);
        const cJSON *ip = cJSON_GetObjectItemCaseSensitive(o, "ip_restriction");
        check(cJSON_IsNumber(ip) && ip->valueint == a->ip_restriction,
              "actions[%zu] (%s) ip_restriction: table %d", i, a->name, a->ip_restriction);
    }

    /* The product-line facts recorded beside the actions. */
    const cJSON *products = cJSON_GetObjectItemCaseSensitive(root, "products");
    const cJSON *tcmpp = cJSON_GetObjectItemCaseSensitive(products, "tcmpp");
    const cJSON *trtc = cJSON_GetObjectItemCaseSensitive(products, "trtc");
    assert_non_null(tcmpp);
    assert_non_null(trtc);
    assert_string_equal(json_str(tcmpp, "abbreviation", 0), "tcmpp");
    assert_string_equal(json_str(tcmpp, "product", 0), "Tencent Cloud Super App as a Service");
    assert_string_equal(json_str(tcmpp, "console_access", 0), "supported");
    /* The seed's product row: authorization by tag is not supported. */
    assert_string_equal(json_str(tcmpp, "tag_authorization", 0), "not supported");
    assert_string_equal(json_str(tcmpp, "granularity", 0), "operation");
    assert_string_equal(json_str(tcmpp, "ip_restriction", 0), "supported");
    assert_string_equal(json_str(trtc, "abbreviation", 0), "trtc");
    assert_string_equal(json_str(trtc, "granularity", 0), "resource");
    assert_string_equal(json_str(trtc, "ip_restriction", 0), "not documented");

    cJSON_Delete(root);
    free(text);
}

/* The product-line row the tcmpp product facts come from. */
static void test_tcmpp_product_line(void **state)
{
    (void)state;
    lines l = read_lines(seed_path(TCMPP_SEED));
    size_t h = find_line(&l, "Product Abbreviation in CAM Console Authorization by Tag "
                             "Authorization Granularity IP Restriction");
    /* Columns: product, abbreviation, console, tag, granularity, IP. */
    assert_string_equal(l.line[h + 1], "Tencent Cloud Super App as a Service tcmpp Supported "
                                       "not supported Operation level Supported");
    free_lines(&l);
}

/* ------------------------------------------------------------------------
 * Every entry against the seed documents
 * ---------------------------------------------------------------------- */

static bool is_trtc_name(const char *s)
{
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (strcmp(a->service, "trtc") == 0 && strcmp(a->name, s) == 0)
            return true;
    }
    return false;
}

/* Does a seed line look like an API name ("DescribeSig": CamelCase, no spaces)? */
static bool looks_like_api_name(const char *s)
{
    if (!(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    bool inner_upper = false, lower = false;
    for (const char *p = s; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            lower = true;
        else if (*p >= 'A' && *p <= 'Z')
            inner_upper = inner_upper || p != s;
        else if (!(*p >= '0' && *p <= '9'))
            return false;
    }
    return inner_upper && lower;
}

/* Is line i inside a row-ending or section line? */
static bool row_boundary(const char *s)
{
    return is_trtc_name(s) || strcmp(s, "Note:") == 0 || strcmp(s, "Server API actions") == 0 ||
           strcmp(s, "Console API actions") == 0 ||
           strcmp(s, "APIs Not Supporting Resource-Level Authorization") == 0;
}

static void test_trtc_against_seed(void **state)
{
    (void)state;
    lines l = read_lines(seed_path(TRTC_SEED));
    size_t marker = unique_line(&l, "APIs Not Supporting Resource-Level Authorization", "seed");
    size_t server1 = find_line(&l, "Server API actions");
    size_t console1 = find_line(&l, "Console API actions");
    assert_true(server1 < console1 && console1 < marker);
    size_t note = SIZE_MAX;
    for (size_t i = marker; i < l.count; i++)
        if (strcmp(l.line[i], "Note:") == 0) {
            note = i;
            break;
        }
    assert_true(note != SIZE_MAX);

    for (size_t n = 0; n < camsim_catalog_count(); n++) {
        const camsim_action_info *a = camsim_catalog_at(n);
        if (strcmp(a->service, "trtc") != 0)
            continue;
        const char *who = a->name;
        bool resource = a->granularity == CAMSIM_RESOURCE_LEVEL;

        if (resource && strcmp(a->api_kind, "server") == 0) {
            /* Listed by description only: "category" line, then "description" line. */
            size_t d = unique_line(&l, a->description, who);
            check(d > server1 && d < console1, "%s: description \"%s\" is not in the "
                  "resource-level server table", who, a->description);
            check(strcmp(l.line[d - 1], a->category) == 0,
                  "%s: seed category \"%s\", catalog \"%s\"", who, l.line[d - 1], a->category);
            continue;
        }

        size_t at = unique_line(&l, a->name, who);
        check((at < marker) == resource, "%s: seed row %zu is %s the \"APIs Not Supporting "
              "Resource-Level Authorization\" heading, but the catalog says %s level",
              who, at + 1, at < marker ? "before" : "after", resource ? "resource" : "operation");
        check(at < note, "%s: after the closing note", who);
        /* Which table: the nearest heading above. */
        const char *table = NULL;
        for (size_t i = at; i-- > 0;) {
            if (strcmp(l.line[i], "Server API actions") == 0) {
                table = "server";
                break;
            }
            if (strcmp(l.line[i], "Console API actions") == 0) {
                table = "console";
                break;
            }
        }
        check(table && strcmp(table, a->api_kind) == 0, "%s: in the %s table, catalog says %s",
              who, table ? table : "no", a->api_kind);

        /* The row: non-empty lines up to the next API name or heading. */
        const char *row[8];
        size_t rn = 0;
        for (size_t i = at + 1; i < l.count && !row_boundary(l.line[i]); i++) {
            if (l.line[i][0] == '\0')
                continue;
            check(rn < 8, "%s: row too long", who);
            row[rn++] = l.line[i];
        }
        size_t tail = resource ? 1 : 2; /* description [, restriction] */
        check(rn >= tail, "%s: row has %zu lines", who, rn);
        check(strcmp(row[rn - tail], a->description) == 0,
              "%s: seed description \"%s\", catalog \"%s\"", who, row[rn - tail], a->description);
        if (!resource)
            check(strcmp(row[rn - 1], a->restriction) == 0,
                  "%s: seed restriction \"%s\", catalog \"%s\"", who, row[rn - 1], a->restriction);
        /* The category: the cell lines before the description, joined by spaces. */
        char cat[256] = "";
        for (size_t i = 0; i + tail < rn; i++) {
            if (i)
                strcat(cat, " ");
            check(strlen(cat) + strlen(row[i]) < sizeof cat, "%s: long category", who);
            strcat(cat, row[i]);
        }
        check(strcmp(cat, a->category) == 0, "%s: seed category \"%s\", catalog \"%s\"", who, cat,
              a->category);
    }

    /* Completeness: every API-name line in the tables is in the catalog,
     * and every description row of the server table is. */
    size_t names = 0;
    for (size_t i = server1; i < note; i++) {
        if (looks_like_api_name(l.line[i])) {
            check(is_trtc_name(l.line[i]), "seed API %s is not in the catalog", l.line[i]);
            names++;
        }
    }
    assert_int_equal(names, 49 - 14);
    size_t header = server1;
    while (strcmp(l.line[header], "Description") != 0)
        header++;
    size_t cells = 0;
    for (size_t i = header + 1; i < console1; i++)
        cells += l.line[i][0] != '\0';
    assert_int_equal(cells, 2 * 14);
    free_lines(&l);
}

/* The 14 resource-level server actions are named nowhere in the seed: their
 * names come from docs/catalog.md. Pinned so that a new seed that names them
 * is noticed. */
static void test_trtc_server_names_not_in_seed(void **state)
{
    (void)state;
    char *text = read_text(seed_path(TRTC_SEED));
    for (size_t i = 0; i < 14; i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        assert_string_equal(a->api_kind, "server");
        check(strstr(text, a->name) == NULL, "%s now appears in the seed", a->name);
    }
    free(text);
}

static void test_tcmpp_against_seed(void **state)
{
    (void)state;
    lines l = read_lines(seed_path(TCMPP_SEED));
    for (size_t n = 0; n < camsim_catalog_count(); n++) {
        const camsim_action_info *a = camsim_catalog_at(n);
        if (strcmp(a->service, "tcmpp") != 0)
            continue;
        const char *who = a->name;
        size_t nlen = strlen(a->name), hits = 0, at = 0;
        for (size_t i = 0; i < l.count; i++) {
            if (strncmp(l.line[i], a->name, nlen) == 0 && l.line[i][nlen] == ' ') {
                at = i;
                hits++;
            }
        }
        check(hits == 1, "%s: %zu seed rows start with the name", who, hits);
        /* The row is: API, description, granularity, template, IP restriction. */
        char want[1024];
        snprintf(want, sizeof want, "%s %s %s %s %s", a->name, a->description,
                 a->granularity == CAMSIM_RESOURCE_LEVEL ? "Resource level" : "Operation level",
                 a->resource_template, a->ip_restriction == 1 ? "Supported" : "Not supported");
        check(strcmp(l.line[at], want) == 0, "%s:\n  seed    %s\n  catalog %s", who, l.line[at],
              want);
        check(strstr(l.line[at], a->resource_template) != NULL, "%s: template", who);
        check(strstr(l.line[at], " Resource level ") != NULL, "%s: granularity", who);
        /* The section heading above the row is the category. */
        size_t h = at;
        while (h > 0 && strcmp(l.line[h], "Write operations") != 0 &&
               strcmp(l.line[h], "Read operations") != 0 &&
               strcmp(l.line[h], "List Operations") != 0)
            h--;
        check(strcmp(l.line[h], a->category) == 0, "%s: under \"%s\", catalog says \"%s\"", who,
              l.line[h], a->category);
    }
    /* Completeness: every row with a six-segment template is in the catalog. */
    size_t rows = 0;
    for (size_t i = 0; i < l.count; i++) {
        if (strstr(l.line[i], " level qcs:")) {
            char name[128];
            size_t k = strcspn(l.line[i], " ");
            assert_true(k < sizeof name);
            memcpy(name, l.line[i], k);
            name[k] = '\0';
            check(entry("tcmpp", name) != NULL, "%s", name);
            rows++;
        }
    }
    assert_int_equal(rows, 32);
    free_lines(&l);
}

/* The three template quirks are kept verbatim. */
static void test_tcmpp_quirks(void **state)
{
    (void)state;
    assert_string_equal(entry("tcmpp", "CreateMNPVersion")->resource_template,
                        "qcs::tcmpp::uin/:Limit/${PlatformId}${MNPId}");
    assert_string_equal(entry("tcmpp", "ReleaseMNPVersion")->resource_template,
                        "qcs::tcmpp::uin/${uin}:Limit/${PlatformId}");
    assert_string_equal(entry("tcmpp", "DescribeMNPSensitiveAPIPermissionList")->resource_template,
                        "qcs::tcmpp:${Region}:uin/:Limit/${Platform}");
    size_t plain = 0;
    for (size_t i = 0; i < camsim_catalog_count(); i++)
        plain += strcmp(camsim_catalog_at(i)->resource_template,
                        "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}") == 0;
    assert_int_equal(plain, 29);
}

/* ------------------------------------------------------------------------
 * Lookup
 * ---------------------------------------------------------------------- */

static void set_case(char *s, bool upper)
{
    for (; *s; s++) {
        if (upper && *s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
        if (!upper && *s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
    }
}

static void test_find_every_entry(void **state)
{
    (void)state;
    static const char *const prefixes[] = {"", "name/", "NAME/", "Name/", "nAmE/"};
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        for (size_t p = 0; p < 5; p++) {
            for (int variant = 0; variant < 3; variant++) {
                char key[160], text[200];
                snprintf(key, sizeof key, "%s:%s", a->service, a->name);
                if (variant)
                    set_case(key, variant == 1);
                snprintf(text, sizeof text, "%s%s", prefixes[p], key);
                check(camsim_catalog_find(text) == a, "find(\"%s\") should give entry %zu", text,
                      i);
                check(camsim_catalog_index(key, strlen(key)) == (int)i,
                      "index(\"%s\") should be %zu", key, i);
            }
        }
        /* Not NUL-terminated: only len bytes count. */
        char longer[200];
        int len = snprintf(longer, sizeof longer, "%s:%sXYZ", a->service, a->name);
        assert_int_equal(camsim_catalog_index(longer, (size_t)len - 3), (int)i);
        assert_int_equal(camsim_catalog_index(longer, (size_t)len), -1);
        assert_int_equal(camsim_catalog_index(longer, (size_t)len - 4), -1);
    }
}

static void test_find_misses(void **state)
{
    (void)state;
    static const char *const misses[] = {
        "",
        "name/",
        "trtc:",
        ":DismissRoom",
        "trtc",
        "DismissRoom",
        "trtc:DismissRoo",
        "trtc:DismissRoomX",
        "tcmpp:DismissRoom",
        "trtc:DescribeMNP",
        "name/name/trtc:DismissRoom",
        "names/trtc:DismissRoom",
        "nam/trtc:DismissRoom",
        " trtc:DismissRoom",
        "trtc:DismissRoom ",
        "trtc :DismissRoom",
        "trtc:*",
        "*",
        "*:*",
        "trtc:Dismiss*",
        "trtc:DescribeUnusualEvent",
        "trtc/DismissRoom",
        "qcs::trtc:DismissRoom",
        "tcmpp:DescribeMNPSensitiveAPIPermissionApprovalListX",
        "tcmpp:DescribeMNPSensitiveAPIPermissionApprovalListXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    };
    for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++)
        check(camsim_catalog_find(misses[i]) == NULL, "find(\"%s\") should miss", misses[i]);
    assert_null(camsim_catalog_find(NULL));
    assert_int_equal(camsim_catalog_index(NULL, 5), -1);
    assert_int_equal(camsim_catalog_index("trtc:DismissRoom", 0), -1);
    /* A NUL inside the counted bytes never matches. */
    assert_int_equal(camsim_catalog_index("trtc:Dismiss\0oom", 16), -1);
    /* Non-ASCII bytes are not case-folded into ASCII. */
    assert_null(camsim_catalog_find("trtc:D\xc4\xb1smissRoom"));
    assert_ptr_equal(camsim_catalog_find("TRTC:DISMISSROOM"), camsim_catalog_at(0));
    assert_ptr_equal(camsim_catalog_find("name/tcmpp:describemnp"),
                     entry("tcmpp", "DescribeMNP"));
}

/* The generated prefix rows: row k holds the table bits of the first k keys
 * in byte order, the keys are in strict byte order, and together they name
 * every entry once (policy_index.c resolves "trtc:*" from two rows). */
static void test_key_prefix_rows(void **state)
{
    (void)state;
    const size_t n = camsim_catalog_table_size, words = camsim_catalog_mask_words;
    assert_int_equal(words, (n + 63) / 64);
    uint64_t want[4] = {0};
    assert_true(words <= 4);
    for (size_t k = 0; k <= n; k++) {
        for (size_t w = 0; w < words; w++)
            check(camsim_catalog_key_prefix_bits[k * words + w] == want[w],
                  "prefix row %zu word %zu", k, w);
        if (k == n)
            break;
        const camsim_catalog_key *key = &camsim_catalog_keys[k];
        if (k > 0)
            check(strcmp(camsim_catalog_keys[k - 1].key, key->key) < 0,
                  "keys %zu and %zu are not in byte order", k - 1, k);
        assert_true(key->index < n);
        check(!(want[key->index / 64] >> (key->index % 64) & 1), "entry %zu keyed twice",
              key->index);
        want[key->index / 64] |= 1ull << (key->index % 64);
    }
    for (size_t i = 0; i < n; i++)
        check(want[i / 64] >> (i % 64) & 1, "entry %zu has no key", i);
}

/* ------------------------------------------------------------------------
 * Rendering
 * ---------------------------------------------------------------------- */

typedef struct param_set {
    const char *names[8];
    const char *values[8];
    size_t count;
} param_set;

static param_set params(const char *spec)
{
    /* "a=1 b=2": static storage is fine for the test's single thread. */
    static char store[4][512];
    static int which = 0;
    char *buf = store[which++ & 3];
    param_set ps;
    memset(&ps, 0, sizeof ps);
    snprintf(buf, 512, "%s", spec);
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
        char *eq = strchr(tok, '=');
        assert_non_null(eq);
        *eq = '\0';
        assert_true(ps.count < 8);
        ps.names[ps.count] = tok;
        ps.values[ps.count] = eq + 1;
        ps.count++;
    }
    return ps;
}

static camsim_code render(const camsim_action_info *a, const char *spec, char *buf, size_t cap,
                          camsim_error *err)
{
    param_set ps = params(spec);
    memset(err, 0, sizeof *err);
    return camsim_render_resource(a, ps.names, ps.values, ps.count, buf, cap, err);
}

static void expect_render(const char *service, const char *name, const char *spec,
                          const char *want)
{
    char buf[256];
    camsim_error err;
    camsim_code c = render(entry(service, name), spec, buf, sizeof buf, &err);
    check(c == CAMSIM_OK, "%s:%s with %s: %s", service, name, spec, err.message);
    check(strcmp(buf, want) == 0, "%s:%s with %s:\n  got  %s\n  want %s", service, name, spec, buf,
          want);
}

static void expect_render_error(const char *service, const char *name, const char *spec,
                                camsim_code code, const char *message)
{
    char buf[256];
    camsim_error err;
    memset(buf, 'x', sizeof buf);
    camsim_code c = render(entry(service, name), spec, buf, sizeof buf, &err);
    check(c == code, "%s:%s with %s: code %d, want %d (%s)", service, name, spec, (int)c,
          (int)code, err.message);
    assert_int_equal(err.code, code);
    assert_string_equal(buf, "");
    if (message)
        check(strcmp(err.message, message) == 0, "%s:%s with %s:\n  got  %s\n  want %s", service,
              name, spec, err.message, message);
}

static void test_render_trtc(void **state)
{
    (void)state;
    expect_render("trtc", "DismissRoom", "uin=100001 SdkAppId=1400000001",
                  "qcs::trtc::uin/100001:sdkappid/1400000001");
    expect_render("trtc", "DescribeAppStatList", "SdkAppId=1400000001 uin=100001 Region=x",
                  "qcs::trtc::uin/100001:sdkappid/1400000001");
    expect_render("trtc", "DismissRoom", "uin=100001 SdkAppId=*",
                  "qcs::trtc::uin/100001:sdkappid/*");
    expect_render_error("trtc", "DismissRoom", "uin=100001", CAMSIM_E_REQUEST,
                        "action trtc:DismissRoom template "
                        "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId} needs parameters uin, "
                        "SdkAppId; missing: SdkAppId");
    expect_render_error("trtc", "DismissRoom", "", CAMSIM_E_REQUEST,
                        "action trtc:DismissRoom template "
                        "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId} needs parameters uin, "
                        "SdkAppId; missing: uin, SdkAppId");
    /* Parameter names are case-sensitive. */
    expect_render_error("trtc", "DismissRoom", "uin=1 sdkappid=2", CAMSIM_E_REQUEST,
                        "action trtc:DismissRoom template "
                        "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId} needs parameters uin, "
                        "SdkAppId; missing: SdkAppId");
}

static void test_render_tcmpp(void **state)
{
    (void)state;
    /* The empty account stays empty without uin and is filled with it. */
    expect_render("tcmpp", "DescribeMNP", "Region=ap-guangzhou PlatformId=plat1",
                  "qcs::tcmpp:ap-guangzhou:uin/:Limit/plat1");
    expect_render("tcmpp", "DescribeMNP", "Region=ap-guangzhou PlatformId=plat1 uin=100001",
                  "qcs::tcmpp:ap-guangzhou:uin/100001:Limit/plat1");
    expect_render_error("tcmpp", "DescribeMNP", "PlatformId=plat1 uin=100001", CAMSIM_E_REQUEST,
                        "action tcmpp:DescribeMNP template "
                        "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId} needs parameters Region, "
                        "PlatformId; missing: Region");
    /* CreateMNPVersion: no region, two placeholders run together. */
    expect_render("tcmpp", "CreateMNPVersion", "PlatformId=p1 MNPId=m1",
                  "qcs::tcmpp::uin/:Limit/p1m1");
    expect_render("tcmpp", "CreateMNPVersion", "PlatformId=p1 MNPId=m1 uin=7 Region=r",
                  "qcs::tcmpp::uin/7:Limit/p1m1");
    expect_render_error("tcmpp", "CreateMNPVersion", "PlatformId=p1", CAMSIM_E_REQUEST,
                        "action tcmpp:CreateMNPVersion template "
                        "qcs::tcmpp::uin/:Limit/${PlatformId}${MNPId} needs parameters "
                        "PlatformId, MNPId; missing: MNPId");
    /* ReleaseMNPVersion: explicit ${uin}, which is then required. */
    expect_render("tcmpp", "ReleaseMNPVersion", "uin=100001 PlatformId=p1",
                  "qcs::tcmpp::uin/100001:Limit/p1");
    expect_render_error("tcmpp", "ReleaseMNPVersion", "PlatformId=p1", CAMSIM_E_REQUEST,
                        "action tcmpp:ReleaseMNPVersion template "
                        "qcs::tcmpp::uin/${uin}:Limit/${PlatformId} needs parameters uin, "
                        "PlatformId; missing: uin");
    /* DescribeMNPSensitiveAPIPermissionList: Platform, not PlatformId. */
    expect_render("tcmpp", "DescribeMNPSensitiveAPIPermissionList", "Region=r Platform=android",
                  "qcs::tcmpp:r:uin/:Limit/android");
    expect_render_error("tcmpp", "DescribeMNPSensitiveAPIPermissionList",
                        "Region=r PlatformId=android", CAMSIM_E_REQUEST,
                        "action tcmpp:DescribeMNPSensitiveAPIPermissionList template "
                        "qcs::tcmpp:${Region}:uin/:Limit/${Platform} needs parameters Region, "
                        "Platform; missing: Platform");
    /* Values are inserted as they are, never expanded again. */
    expect_render("tcmpp", "DescribeMNP", "Region=${uin} PlatformId=${Region} uin=5",
                  "qcs::tcmpp:${uin}:uin/5:Limit/${Region}");
    /* An empty value is a value. */
    expect_render("tcmpp", "DescribeMNP", "Region= PlatformId=p", "qcs::tcmpp::uin/:Limit/p");
}

static void test_render_operation_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < camsim_catalog_count(); i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        char buf[256];
        camsim_error err;
        camsim_code c = render(a, "uin=1 SdkAppId=2 Region=r PlatformId=p MNPId=m Platform=q",
                               buf, sizeof buf, &err);
        if (a->granularity == CAMSIM_OPERATION_LEVEL) {
            check(c == CAMSIM_E_REQUEST, "%s rendered", a->name);
            check(strstr(err.message, a->name) && strstr(err.message, "operation level"),
                  "%s: %s", a->name, err.message);
            assert_string_equal(buf, "");
        } else {
            check(c == CAMSIM_OK, "%s: %s", a->name, err.message);
            check(strstr(buf, "${") == NULL, "%s: %s", a->name, buf);
            char head[32];
            snprintf(head, sizeof head, "qcs::%s:", a->service);
            check(strncmp(buf, head, strlen(head)) == 0, "%s: %s", a->name, buf);
            /* The account is always filled when uin is given. */
            check(strstr(buf, ":uin/1:") != NULL, "%s: %s", a->name, buf);
        }
    }
}

static void test_render_buffer(void **state)
{
    (void)state;
    const camsim_action_info *a = entry("trtc", "DismissRoom");
    const char *want = "qcs::trtc::uin/100001:sdkappid/1400000001";
    size_t len = strlen(want);
    char buf[128];
    camsim_error err;
    assert_int_equal(render(a, "uin=100001 SdkAppId=1400000001", buf, len + 1, &err), CAMSIM_OK);
    assert_string_equal(buf, want);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(render(a, "uin=100001 SdkAppId=1400000001", buf, len, &err), CAMSIM_E_LIMIT);
    assert_int_equal(err.code, CAMSIM_E_LIMIT);
    assert_string_equal(buf, "");
    check(strstr(err.message, "42") != NULL, "%s", err.message); /* bytes needed */
    buf[0] = 'x';
    assert_int_equal(render(a, "uin=100001 SdkAppId=1400000001", buf, 0, &err), CAMSIM_E_LIMIT);
    assert_int_equal(buf[0], 'x'); /* cap 0: not a byte written */
    assert_int_equal(render(a, "uin=100001 SdkAppId=1400000001", buf, 1, &err), CAMSIM_E_LIMIT);
}

static void test_render_arguments(void **state)
{
    (void)state;
    char buf[64];
    camsim_error err;
    const camsim_action_info *a = entry("trtc", "DismissRoom");
    const char *names[] = {"uin", "SdkAppId"};
    const char *values[] = {"1", "2"};
    assert_int_equal(camsim_render_resource(NULL, names, values, 2, buf, sizeof buf, &err),
                     CAMSIM_E_ARGUMENT);
    assert_int_equal(camsim_render_resource(a, names, values, 2, NULL, 10, &err),
                     CAMSIM_E_ARGUMENT);
    assert_int_equal(camsim_render_resource(a, NULL, values, 2, buf, sizeof buf, &err),
                     CAMSIM_E_ARGUMENT);
    const char *null_value[] = {"1", NULL};
    assert_int_equal(camsim_render_resource(a, names, null_value, 2, buf, sizeof buf, &err),
                     CAMSIM_E_ARGUMENT);
    /* err may be NULL. */
    assert_int_equal(camsim_render_resource(a, names, values, 1, buf, sizeof buf, NULL),
                     CAMSIM_E_REQUEST);
    assert_int_equal(camsim_render_resource(a, names, values, 2, buf, sizeof buf, NULL),
                     CAMSIM_OK);
    assert_string_equal(buf, "qcs::trtc::uin/1:sdkappid/2");
    /* A name given twice is refused rather than silently resolved. */
    assert_int_equal(render(a, "uin=1 SdkAppId=2 uin=3", buf, sizeof buf, &err),
                     CAMSIM_E_REQUEST);
    check(strstr(err.message, "uin") != NULL, "%s", err.message);
}

/* The empty-account rule applies to the fifth segment only, exactly "uin/". */
static void test_render_account_rule(void **state)
{
    (void)state;
    camsim_action_info fake = {"x", "Y", "read", "", "d", CAMSIM_RESOURCE_LEVEL,
                               "qcs::x::uin/:res/uin/", 1, "", "", ""};
    char buf[128];
    camsim_error err;
    assert_int_equal(render(&fake, "uin=7", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x::uin/7:res/uin/");
    fake.resource_template = "qcs::x:r:uin/";
    assert_int_equal(render(&fake, "uin=7", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x:r:uin/7");
    fake.resource_template = "qcs::x:r:uin/5:res/a";
    assert_int_equal(render(&fake, "uin=7", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x:r:uin/5:res/a");
    fake.resource_template = "qcs::x:uin/:uin/:a";
    assert_int_equal(render(&fake, "uin=7", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x:uin/:uin/7:a");
    fake.resource_template = "qcs::x::uin/:a/${b";
    assert_int_equal(render(&fake, "uin=7", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x::uin/7:a/${b");
}

/* A placeholder used twice is one parameter: named once in "needs" and in
 * "missing", filled in both places, and counted once against the limit. */
static void test_render_repeated_placeholder(void **state)
{
    (void)state;
    camsim_action_info fake = {"x", "Y", "read", "", "d", CAMSIM_RESOURCE_LEVEL,
                               "qcs::x::uin/:a/${p}/${q}/${p}", 1, "", "", ""};
    char buf[128];
    camsim_error err;
    assert_int_equal(render(&fake, "q=2", buf, sizeof buf, &err), CAMSIM_E_REQUEST);
    assert_string_equal(err.message, "action x:Y template qcs::x::uin/:a/${p}/${q}/${p} needs "
                                     "parameters p, q; missing: p");
    assert_int_equal(render(&fake, "p=1 q=2", buf, sizeof buf, &err), CAMSIM_OK);
    assert_string_equal(buf, "qcs::x::uin/:a/1/2/1");
}

/* A resource-level action whose template is empty has nothing to render:
 * the same request error as an operation-level action, never "". */
static void test_render_empty_template(void **state)
{
    (void)state;
    camsim_action_info fake = {"x", "Y", "read", "", "d", CAMSIM_RESOURCE_LEVEL, "", 1, "", "", ""};
    char buf[16];
    camsim_error err;
    assert_int_equal(render(&fake, "uin=1", buf, sizeof buf, &err), CAMSIM_E_REQUEST);
    check(strstr(err.message, "operation level") != NULL, "%s", err.message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_field_rules),
        cmocka_unit_test(test_legacy_names),
        cmocka_unit_test(test_json_matches_table),
        cmocka_unit_test(test_tcmpp_product_line),
        cmocka_unit_test(test_trtc_against_seed),
        cmocka_unit_test(test_trtc_server_names_not_in_seed),
        cmocka_unit_test(test_tcmpp_against_seed),
        cmocka_unit_test(test_tcmpp_quirks),
        cmocka_unit_test(test_find_every_entry),
        cmocka_unit_test(test_find_misses),
        cmocka_unit_test(test_key_prefix_rows),
        cmocka_unit_test(test_render_trtc),
        cmocka_unit_test(test_render_tcmpp),
        cmocka_unit_test(test_render_operation_level),
        cmocka_unit_test(test_render_buffer),
        cmocka_unit_test(test_render_arguments),
        cmocka_unit_test(test_render_account_rule),
        cmocka_unit_test(test_render_repeated_placeholder),
        cmocka_unit_test(test_render_empty_template),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
