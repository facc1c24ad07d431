/* lint.c: the lint rules. The engine's parser gives the first hard error;
 * this file then walks the JSON itself (tolerating what the engine
 * rejected) to report everything else it can find. */
#include "lint.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "camsim_tools.h"
#include "io.h"
#include "suggest.h"

enum { FULL_NAME_MAX = 128 };

typedef struct lint_ctx {
    cli_lint_report *report;
    camsim_path path;
    int engine_failed;       /* the engine rejected the document */
    int engine_pending;      /* its finding is not yet in the report */
    char engine_path[sizeof(((camsim_error *)0)->path)];
    char engine_message[1024];
    size_t catalog_count;
    char (*full)[FULL_NAME_MAX]; /* "service:Name" per catalog entry */
} lint_ctx;

const char *cli_lint_severity_name(cli_lint_severity s)
{
    return s == CLI_LINT_ERROR ? "error" : s == CLI_LINT_WARNING ? "warning" : "info";
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = cli_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

static void add_at(cli_lint_report *r, cli_lint_severity s, const char *path, const char *msg)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->items = cli_xrealloc(r->items, r->cap * sizeof *r->items);
    }
    r->items[r->count].severity = s;
    r->items[r->count].path = dup_string(path);
    r->items[r->count].message = dup_string(msg);
    r->count++;
}

static void add(lint_ctx *c, cli_lint_severity s, const char *fmt, ...) CAMSIM_PRINTF(3, 4);
/* Is path at or below the JSON pointer prefix? */
static bool path_within(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void add(lint_ctx *c, cli_lint_severity s, const char *fmt, ...)
{
    char here[sizeof c->engine_path];
    camsim_path_format(&c->path, here, sizeof here);
    /* The engine's own error goes where the walk first reaches its element,
     * so findings stay in document order; an error of ours at the same
     * path would only repeat it. */
    if (c->engine_pending && c->engine_path[0] && path_within(here, c->engine_path)) {
        add_at(c->report, CLI_LINT_ERROR, c->engine_path, c->engine_message);
        c->engine_pending = 0;
    }
    if (s == CLI_LINT_ERROR && c->engine_failed && strcmp(here, c->engine_path) == 0)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    add_at(c->report, s, here, msg);
}

void cli_lint_report_free(cli_lint_report *report)
{
    for (size_t i = 0; i < report->count; i++) {
        free(report->items[i].path);
        free(report->items[i].message);
    }
    free(report->items);
    memset(report, 0, sizeof *report);
}


static bool equal_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (camsim_ascii_lower((unsigned char)*a) != camsim_ascii_lower((unsigned char)*b))
            return false;
    return *a == *b;
}

static int compare_ci(const char *a, size_t la, const char *b, size_t lb)
{
    size_t n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        int x = camsim_ascii_lower((unsigned char)a[i]), y = camsim_ascii_lower((unsigned char)b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* ---------------------------------------------------------------------
 * Size: characters outside whitespace (whitespace inside strings counts).
 * ------------------------------------------------------------------- */

static size_t policy_chars(const char *t, size_t n)
{
    size_t count = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t[i];
        if ((ch & 0xC0) == 0x80)
            continue; /* UTF-8 continuation: part of the previous character */
        if (in_string) {
            count++;
            if (ch == '\\' && i + 1 < n) {
                count++;
                i++;
            } else if (ch == '"') {
                in_string = false;
            }
        } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            continue;
        } else {
            count++;
            in_string = ch == '"';
        }
    }
    return count;
}

/* ---------------------------------------------------------------------
 * Glob intersection: is there a string both `*`-patterns match?
 * ------------------------------------------------------------------- */

static bool same_byte(char x, char y, bool fold)
{
    return fold ? camsim_ascii_lower((unsigned char)x) == camsim_ascii_lower((unsigned char)y) : x == y;
}

/* Row by row over a, two rows of b's length: O(la * lb) time, O(lb) memory.
 * Callers keep b short (a catalog template segment, at most a few dozen
 * bytes), so the cost is linear in the policy's own pattern. */
static bool globs_intersect(const char *a, size_t la, const char *b, size_t lb, bool fold)
{
    unsigned char *cur = cli_xcalloc(2 * (lb + 1), 1);
    unsigned char *next = cur + lb + 1;
    cur[0] = 1;
    for (size_t i = 0; i <= la; i++) {
        bool sa = i < la && a[i] == '*';
        memset(next, 0, lb + 1);
        for (size_t j = 0; j <= lb; j++) {
            if (!cur[j])
                continue;
            bool sb = j < lb && b[j] == '*';
            /* Moves within this row: b's star ends, or a's star eats b[j]. */
            if (sb || (sa && j < lb))
                cur[j + 1] = 1;
            if (i == la)
                continue;
            /* Moves to the next row: a's star ends, b's star eats a[i], or a
             * literal pair matches. */
            if (sa || sb)
                next[j] = 1;
            if (!sa && !sb && j < lb && same_byte(a[i], b[j], fold))
                next[j + 1] = 1;
        }
        if (i == la)
            break;
        unsigned char *t = cur;
        cur = next;
        next = t;
    }
    bool ok = cur[lb] != 0;
    free(cur < next ? cur : next);
    return ok;
}

/* Copy a segment, turning every "${...}" into '*'. */
static size_t globify(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
            const char *close = memchr(s + i, '}', n - i);
            if (close) {
                out[o++] = '*';
                i = (size_t)(close - s);
                continue;
            }
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    return o;
}

static bool segment_compatible(const char *p, size_t pl, const char *t, size_t tl, bool fold)
{
    char gp[CAMSIM_MAX_EXPANDED_BYTES], gt[CAMSIM_MAX_EXPANDED_BYTES];
    size_t lp = globify(p, pl, gp, sizeof gp);
    size_t lt = globify(t, tl, gt, sizeof gt);
    return globs_intersect(gp, lp, gt, lt, fold);
}

/* Could a resource pattern match some rendering of a catalog template? */
static bool template_compatible(const camsim_resource_view *pat, const char *tpl, bool fold)
{
    camsim_resource_view t;
    if (!camsim_resource_split(tpl, strlen(tpl), &t, NULL))
        return true; /* cannot judge */
    for (int s = CAMSIM_SEG_SERVICE; s <= CAMSIM_SEG_REGION; s++) {
        if (pat->len[s] == 0 || (pat->len[s] == 1 && pat->seg[s][0] == '*'))
            continue;
        if (!segment_compatible(pat->seg[s], pat->len[s], t.seg[s], t.len[s], fold))
            return false;
    }
    const char *pa = pat->seg[CAMSIM_SEG_ACCOUNT];
    size_t pal = pat->len[CAMSIM_SEG_ACCOUNT];
    if (!(pal == 0 || (pal == 4 && memcmp(pa, "uin/", 4) == 0))) {
        const char *ta = t.seg[CAMSIM_SEG_ACCOUNT];
        size_t tal = t.len[CAMSIM_SEG_ACCOUNT];
        bool owner = tal == 0 || (tal == 4 && memcmp(ta, "uin/", 4) == 0);
        if (owner ? !segment_compatible(pa, pal, "uin/*", 5, fold)
                  : !segment_compatible(pa, pal, ta, tal, fold))
            return false;
    }
    return segment_compatible(pat->seg[CAMSIM_SEG_RESOURCE], pat->len[CAMSIM_SEG_RESOURCE],
                              t.seg[CAMSIM_SEG_RESOURCE], t.len[CAMSIM_SEG_RESOURCE], fold);
}

/* ---------------------------------------------------------------------
 * Element names
 * ------------------------------------------------------------------- */

static void check_members(lint_ctx *c, const cJSON *obj, const char *const *known, size_t n,
                          const char *where)
{
    for (const cJSON *m = obj->child; m; m = m->next) {
        size_t mark = camsim_path_push_key(&c->path, m->string);
        bool exact = false, folded = false;
        const char *want = NULL;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(m->string, known[i]) == 0)
                exact = true;
            else if (equal_ci(m->string, known[i])) {
                folded = true;
                want = known[i];
            }
        }
        if (!exact && folded)
            add(c, CLI_LINT_ERROR, "element names are lowercase: write \"%s\", not \"%s\"", want,
                m->string);
        else if (!exact) {
            char list[256] = "";
            size_t used = 0;
            for (size_t i = 0; i < n && used < sizeof list; i++) {
                int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", known[i]);
                if (w < 0)
                    break;
                used += (size_t)w;
            }
            add(c, CLI_LINT_ERROR, "unknown element \"%s\" in %s; expected one of %s", m->string,
                where, list);
        }
        camsim_path_pop(&c->path, mark);
    }
}

static const cJSON *member_ci(const cJSON *obj, const char *name)
{
    for (const cJSON *m = obj->child; m; m = m->next)
        if (equal_ci(m->string, name))
            return m;
    return NULL;
}

/* ---------------------------------------------------------------------
 * ${...} placeholders: policy variables (${uin}, ${owner_uin}, ${app_id})
 * are substituted only in a resource's sixth segment and in condition
 * values; anywhere else, and for any other name, "${...}" is literal text,
 * usually a documentation template placeholder left in.
 * ------------------------------------------------------------------- */

/* The next "${...}" in s[from..n): its offset and length (through '}'). */
static bool next_placeholder(const char *s, size_t n, size_t from, size_t *at, size_t *len)
{
    while (from + 1 < n) {
        const char *d = memchr(s + from, '$', n - from - 1);
        if (!d)
            return false;
        size_t i = (size_t)(d - s);
        if (s[i + 1] != '{') {
            from = i + 1;
            continue;
        }
        const char *close = memchr(s + i + 2, '}', n - i - 2);
        if (!close)
            return false; /* no '}' later on either */
        *at = i;
        *len = (size_t)(close - (s + i)) + 1;
        return true;
    }
    return false;
}

static bool is_policy_variable(const char *p, size_t len)
{
    return (len == 6 && memcmp(p, "${uin}", 6) == 0) ||
           (len == 12 && memcmp(p, "${owner_uin}", 12) == 0) ||
           (len == 9 && memcmp(p, "${app_id}", 9) == 0);
}

/* The first placeholder in s[0..n) that is not substituted there (any, when
 * substituted is false; an unknown name, when true), printed into out. */
static bool literal_placeholder(const char *s, size_t n, bool substituted, char *out, size_t cap)
{
    size_t from = 0, at = 0, len = 0;
    while (next_placeholder(s, n, from, &at, &len)) {
        if (!substituted || !is_policy_variable(s + at, len)) {
            snprintf(out, cap, "%.*s", (int)(len < 64 ? len : 64), s + at);
            if (len > 64 && cap > 4)
                snprintf(out + strlen(out), cap - strlen(out), "...");
            return true;
        }
        from = at + len;
    }
    return false;
}

#define VARIABLES_RULE                                                                        \
    "(only ${uin}, ${owner_uin} and ${app_id} are substituted, and only in a resource's sixth " \
    "segment and in condition values; other ${...} text is literal)"

/* A finding for an element that is never substituted (action, condition
 * key, principal). */
static void check_literal_placeholder(lint_ctx *c, const char *what, const char *text)
{
    char ph[80];
    if (literal_placeholder(text, strlen(text), false, ph, sizeof ph))
        add(c, CLI_LINT_WARNING,
            "%s %s contains the template placeholder %s, which is not substituted here "
            VARIABLES_RULE ", so it never matches as intended; write the actual value",
            what, text, ph);
}

/* ---------------------------------------------------------------------
 * Statements: actions and resources
 * ------------------------------------------------------------------- */

typedef struct stmt {
    int effect;              /* 1 allow, 0 deny, -1 unknown */
    const cJSON *action;     /* string or array, or NULL */
    const char *action_key;  /* as written, for paths */
    const cJSON *resource;
    const char *resource_key;
    bool resource_known;     /* a string or an array of strings */
    bool resource_star;      /* contains the literal "*" */
    bool has_unknown;        /* an action outside the catalog's services */
    bool names_tcmpp;        /* an action whose service is literally tcmpp */
    bool *covered;           /* per catalog entry */
    struct service_index *services; /* built on the first resource that needs it */
} stmt;

/* Call fn for every string of a string-or-array element, with the path pushed. */
typedef void (*string_fn)(lint_ctx *c, stmt *s, const char *text);

static void for_each_string(lint_ctx *c, stmt *s, const cJSON *elem, string_fn fn)
{
    if (cJSON_IsString(elem)) {
        fn(c, s, elem->valuestring);
        return;
    }
    if (!cJSON_IsArray(elem))
        return;
    size_t i = 0;
    for (const cJSON *v = elem->child; v; v = v->next, i++) {
        if (!cJSON_IsString(v))
            continue;
        size_t mark = camsim_path_push_index(&c->path, i);
        fn(c, s, v->valuestring);
        camsim_path_pop(&c->path, mark);
    }
}

static bool is_catalog_service(const char *s, size_t n)
{
    return (n == 4 && strncmp(s, "trtc", 4) == 0) || (n == 5 && strncmp(s, "tcmpp", 5) == 0);
}

static void lower_copy(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0;
    for (; i < n && i + 1 < cap; i++)
        out[i] = (char)camsim_ascii_lower((unsigned char)s[i]);
    out[i] = '\0';
}

/* Names of up to four catalog entries in list (indices), "a, b, c, d, ...". */
static void list_names(const lint_ctx *c, const size_t *list, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && i < 4; i++) {
        int w = snprintf(out + used, cap - used, "%s%s", i ? ", " : "", c->full[list[i]]);
        if (w < 0 || (size_t)w >= cap - used)
            return;
        used += (size_t)w;
    }
    if (n > 4)
        snprintf(out + used, cap - used, ", ...");
}

static void check_unknown_literal(lint_ctx *c, stmt *s, const char *rest, size_t rlen,
                                  const char *colon)
{
    size_t slen = (size_t)(colon - rest);
    char service[64];
    lower_copy(rest, slen, service, sizeof service);
    const char *name = colon + 1;
    size_t nlen = rlen - slen - 1;
    /* The current TRTC name of a legacy action CAM still lists under the old name? */
    for (size_t i = 0; i < c->catalog_count; i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (a->successor[0] && strlen(a->successor) == nlen && strcmp(service, a->service) == 0) {
            char succ[FULL_NAME_MAX];
            lower_copy(name, nlen, succ, sizeof succ);
            char want[FULL_NAME_MAX];
            lower_copy(a->successor, strlen(a->successor), want, sizeof want);
            if (strcmp(succ, want) == 0) {
                add(c, CLI_LINT_WARNING,
                    "%.*s is the current TRTC API name, but CAM authorizes it under the legacy "
                    "action name %s; write that instead",
                    (int)rlen, rest, c->full[i]);
                return;
            }
        }
    }
    char near[FULL_NAME_MAX];
    char action[FULL_NAME_MAX * 2];
    snprintf(action, sizeof action, "%.*s", (int)rlen, rest);
    int have = cli_suggest_action(action, near, sizeof near);
    if (is_catalog_service(service, strlen(service))) {
        if (have)
            add(c, CLI_LINT_ERROR, "unknown action %s; did you mean %s?", action, near);
        else
            add(c, CLI_LINT_ERROR, "unknown action %s; see `camsim catalog --service %s`", action,
                service);
        return;
    }
    s->has_unknown = true;
    if (have)
        add(c, CLI_LINT_WARNING, "unknown action %s; did you mean %s?", action, near);
    else
        add(c, CLI_LINT_WARNING,
            "unknown action %s: service %s is not in the catalog (trtc, tcmpp), so camsim "
            "cannot check it",
            action, service);
}

static void check_action(lint_ctx *c, stmt *s, const char *text)
{
    const char *rest = NULL;
    size_t rlen = 0;
    camsim_action_strip_prefix(text, strlen(text), &rest, &rlen);
    const char *colon = memchr(rest, ':', rlen);
    bool star = memchr(rest, '*', rlen) != NULL;
    check_literal_placeholder(c, "action", text);
    if (colon && colon - rest == 5 && compare_ci(rest, 5, "tcmpp", 5) == 0)
        s->names_tcmpp = true;
    if (!colon && !(rlen == 1 && rest[0] == '*'))
        return; /* malformed: the engine reports it */
    size_t *hits = cli_xcalloc(c->catalog_count, sizeof *hits);
    size_t *ops = cli_xcalloc(c->catalog_count, sizeof *ops);
    size_t nhits = 0, nops = 0;
    for (size_t i = 0; i < c->catalog_count; i++) {
        if (!camsim_action_matches(text, c->full[i]))
            continue;
        hits[nhits++] = i;
        s->covered[i] = true;
        if (camsim_catalog_at(i)->granularity == CAMSIM_OPERATION_LEVEL)
            ops[nops++] = i;
    }
    if (!star) {
        if (nhits == 0) {
            check_unknown_literal(c, s, rest, rlen, colon);
        } else {
            const camsim_action_info *a = camsim_catalog_at(hits[0]);
            if (a->legacy_note[0])
                add(c, CLI_LINT_INFO,
                    "%s is a legacy TRTC API name: %s; CAM still lists and authorizes it under "
                    "this name",
                    c->full[hits[0]], a->legacy_note);
            else if (a->successor[0])
                add(c, CLI_LINT_INFO,
                    "%s is a legacy TRTC API name (current API: %s); CAM still lists and "
                    "authorizes it under this name",
                    c->full[hits[0]], a->successor);
        }
    } else if (nhits == 0) {
        char service[64];
        size_t slen = colon ? (size_t)(colon - rest) : rlen;
        snprintf(service, sizeof service, "%.*s", (int)slen, rest);
        if (camsim_glob_match(service, strlen(service), "trtc", 4, true) ||
            camsim_glob_match(service, strlen(service), "tcmpp", 5, true)) {
            add(c, CLI_LINT_WARNING,
                "action pattern %s matches no catalog action; it can never match a TRTC or "
                "TCMPP request",
                text);
        } else {
            s->has_unknown = true;
            add(c, CLI_LINT_INFO, "action pattern %s matches no TRTC or TCMPP action", text);
        }
    }
    if (nops > 0 && s->resource_known && !s->resource_star && s->effect >= 0) {
        const char *verb = s->effect ? "grants" : "denies";
        char names[512];
        list_names(c, ops, nops, names, sizeof names);
        if (!star)
            add(c, CLI_LINT_WARNING,
                "statement %s operation-level action %s only on specific resources, so it can "
                "never apply: an action without resource-level authorization is matched only "
                "by \"resource\": \"*\"",
                verb, c->full[ops[0]]);
        else if (nops == nhits)
            add(c, CLI_LINT_WARNING,
                "every action %s matches is operation-level (%s), and the statement names only "
                "specific resources, so it can never apply; use \"resource\": \"*\"",
                text, names);
        else
            add(c, CLI_LINT_INFO,
                "%s also matches %zu operation-level action%s (%s) that this statement never %s: "
                "%s matched only by \"resource\": \"*\"",
                text, nops, nops == 1 ? "" : "s", names, s->effect ? "grants" : "denies",
                nops == 1 ? "it is" : "they are");
    }
    free(hits);
    free(ops);
}

/* The services the statement's actions name, for "does any action belong
 * to the service of this resource?" in time linear in the resource: literal
 * services sorted for binary search; the few service patterns with '*'
 * matched one by one. Real service names are short identifiers; patterns
 * past the caps below make the question undecidable cheaply, and then the
 * check is skipped (no finding) rather than done pair by pair. */
enum { WILD_SERVICES_MAX = 16, WILD_SERVICE_BYTES_MAX = 64 };

typedef struct service_ref {
    const char *text;
    size_t len;
} service_ref;

typedef struct service_index {
    service_ref *literal;
    size_t literal_count;
    service_ref wild[WILD_SERVICES_MAX];
    size_t wild_count;
    bool any;       /* some action's service matches every service */
    bool undecided; /* too many or too long wildcard services */
} service_index;

static int compare_refs(const void *x, const void *y)
{
    const service_ref *a = x, *b = y;
    return compare_ci(a->text, a->len, b->text, b->len);
}

static void service_add(service_index *ix, const char *svc, size_t n)
{
    size_t stars = 0;
    for (size_t i = 0; i < n; i++)
        stars += svc[i] == '*';
    if (stars == 0) {
        ix->literal[ix->literal_count++] = (service_ref){svc, n};
        return;
    }
    if (stars == n) {
        ix->any = true;
        return;
    }
    for (size_t i = 0; i < ix->wild_count; i++)
        if (compare_ci(ix->wild[i].text, ix->wild[i].len, svc, n) == 0)
            return;
    if (ix->wild_count == WILD_SERVICES_MAX || n > WILD_SERVICE_BYTES_MAX) {
        ix->undecided = true;
        return;
    }
    ix->wild[ix->wild_count++] = (service_ref){svc, n};
}

static service_index *service_index_build(const stmt *s)
{
    service_index *ix = cli_xcalloc(1, sizeof *ix);
    const cJSON *list = s->action;
    const cJSON *single = cJSON_IsString(list) ? list : NULL;
    size_t n = single ? 1 : (size_t)cJSON_GetArraySize(list);
    ix->literal = cli_xcalloc(n ? n : 1, sizeof *ix->literal);
    const cJSON *v = single ? single : (cJSON_IsArray(list) ? list->child : NULL);
    for (; v; v = single ? NULL : v->next) {
        if (!cJSON_IsString(v))
            continue;
        const char *rest = NULL;
        size_t rlen = 0;
        camsim_action_strip_prefix(v->valuestring, strlen(v->valuestring), &rest, &rlen);
        const char *colon = memchr(rest, ':', rlen);
        service_add(ix, rest, colon ? (size_t)(colon - rest) : rlen);
    }
    qsort(ix->literal, ix->literal_count, sizeof *ix->literal, compare_refs);
    return ix;
}

static void service_index_free(service_index *ix)
{
    if (!ix)
        return;
    free(ix->literal);
    free(ix);
}

/* Could an action of the statement belong to literal service svc? Services
 * compare case-insensitively. True when it cannot be decided cheaply. */
static bool statement_has_service(stmt *s, const char *svc, size_t n)
{
    if (!s->services)
        s->services = service_index_build(s);
    const service_index *ix = s->services;
    if (ix->any || ix->undecided)
        return true;
    service_ref key = {svc, n};
    if (bsearch(&key, ix->literal, ix->literal_count, sizeof key, compare_refs))
        return true;
    for (size_t i = 0; i < ix->wild_count; i++)
        if (camsim_glob_match(ix->wild[i].text, ix->wild[i].len, svc, n, true))
            return true;
    return false;
}

/* Whether a resource pattern fits a catalog template, per distinct template:
 * many catalog actions share one template, so each resource is compared
 * with each distinct template once. */
enum { TEMPLATE_CACHE_MAX = 16 };

typedef struct template_verdicts {
    const char *tpl[TEMPLATE_CACHE_MAX];
    signed char exact[TEMPLATE_CACHE_MAX]; /* -1 unknown, 0 no, 1 yes */
    signed char folded[TEMPLATE_CACHE_MAX];
    size_t count;
} template_verdicts;

static bool template_fits(template_verdicts *tv, const camsim_resource_view *v, const char *tpl,
                          bool fold)
{
    size_t k = 0;
    while (k < tv->count && strcmp(tv->tpl[k], tpl) != 0)
        k++;
    if (k == tv->count) {
        if (k == TEMPLATE_CACHE_MAX)
            return template_compatible(v, tpl, fold);
        tv->tpl[k] = tpl;
        tv->exact[k] = tv->folded[k] = -1;
        tv->count++;
    }
    signed char *slot = fold ? &tv->folded[k] : &tv->exact[k];
    if (*slot < 0)
        *slot = template_compatible(v, tpl, fold) ? 1 : 0;
    return *slot == 1;
}

static void check_resource(lint_ctx *c, stmt *s, const char *text)
{
    if (strcmp(text, "*") == 0)
        return;
    camsim_resource_view v;
    if (!camsim_resource_split(text, strlen(text), &v, NULL))
        return; /* the engine reports it */
    static const char *const segment_names[] = {"qcs", "project", "service type", "region",
                                                "account", "sixth (resource)"};
    for (int seg = CAMSIM_SEG_QCS; seg <= CAMSIM_SEG_RESOURCE; seg++) {
        char ph[80];
        bool sixth = seg == CAMSIM_SEG_RESOURCE;
        if (!literal_placeholder(v.seg[seg], v.len[seg], sixth, ph, sizeof ph))
            continue;
        add(c, CLI_LINT_WARNING,
            "resource %s has a template placeholder left in: %s in the %s segment %s "
            VARIABLES_RULE ", so this resource never matches as intended; write the actual "
            "value%s",
            text, ph, segment_names[seg],
            sixth ? "is not a policy variable" : "is not substituted",
            seg == CAMSIM_SEG_ACCOUNT ? " (e.g. uin/100001, or uin/ for the policy owner's "
                                        "account)"
            : seg == CAMSIM_SEG_REGION ? " (e.g. ap-guangzhou), or leave the region empty"
                                       : " or *");
        break;
    }
    const char *svc = v.seg[CAMSIM_SEG_SERVICE];
    size_t sl = v.len[CAMSIM_SEG_SERVICE];
    if (s->action && sl > 0 && !memchr(svc, '*', sl) && !statement_has_service(s, svc, sl)) {
        add(c, CLI_LINT_WARNING,
            "resource %s names service %.*s, but no action of this statement belongs to %.*s, "
            "so it can never match",
            text, (int)sl, svc, (int)sl, svc);
        return;
    }
    if (s->has_unknown)
        return;
    size_t first = c->catalog_count, count = 0;
    bool case_only = false;
    template_verdicts tv;
    tv.count = 0;
    for (size_t i = 0; i < c->catalog_count; i++) {
        const camsim_action_info *a = camsim_catalog_at(i);
        if (!s->covered[i] || a->granularity != CAMSIM_RESOURCE_LEVEL)
            continue;
        if (first == c->catalog_count)
            first = i;
        count++;
        if (template_fits(&tv, &v, a->resource_template, false))
            return;
        if (template_fits(&tv, &v, a->resource_template, true))
            case_only = true;
    }
    if (count == 0)
        return; /* only operation-level actions: reported at the action */
    add(c, CLI_LINT_WARNING,
        "resource %s can never match: no resource-level action of this statement has a "
        "resource of that form (e.g. %s uses %s)%s",
        text, c->full[first], camsim_catalog_at(first)->resource_template,
        case_only ? "; resource descriptions are case-sensitive" : "");
}

/* ---------------------------------------------------------------------
 * Conditions
 * ------------------------------------------------------------------- */

/* Parse an operator name; returns its family or -1 (with a finding added). */
static int check_operator(lint_ctx *c, const char *text)
{
    camsim_operator_form form;
    switch (camsim_operator_parse(text, &form)) {
    case CAMSIM_OPERATOR_OK: return (int)form.family;
    case CAMSIM_OPERATOR_NULL_QUALIFIED:
        add(c, CLI_LINT_ERROR,
            "operator %s: null_equal takes no for_any_value:/for_all_value: qualifier "
            "and no _if_exist suffix",
            text);
        return -1;
    case CAMSIM_OPERATOR_UNKNOWN: break;
    }
    size_t count = camsim_operator_count();
    const char **names = cli_xcalloc(count, sizeof *names);
    for (size_t i = 0; i < count; i++)
        names[i] = camsim_operator_name(i);
    char base[128];
    size_t n = form.base_len;
    snprintf(base, sizeof base, "%.*s", (int)(n < 120 ? n : 120), form.base);
    const char *near = cli_suggest_word(base, names, count);
    if (near)
        add(c, CLI_LINT_ERROR, "unknown condition operator %s; did you mean %s%s%s?", text,
            form.qualifier ? "a qualified " : "", near, form.if_exist ? "_if_exist" : "");
    else
        add(c, CLI_LINT_ERROR,
            "unknown condition operator %s; expected e.g. " CAMSIM_OPERATOR_EXAMPLES, text);
    free(names);
    return -1;
}

static const char *const global_keys[] = {"qcs:ip",          "qcs:current_time",
                                          "qcs:resource_tag", "qcs:request_tag",
                                          "qcs:uin",          "qcs:owner_uin"};
enum { GLOBAL_KEY_COUNT = sizeof global_keys / sizeof global_keys[0] };

static void check_key(lint_ctx *c, const char *key)
{
    bool qcs_any_case = strlen(key) >= 4 && camsim_ascii_lower((unsigned char)key[0]) == 'q' &&
                        camsim_ascii_lower((unsigned char)key[1]) == 'c' &&
                        camsim_ascii_lower((unsigned char)key[2]) == 's' && key[3] == ':';
    if (strncmp(key, "qcs:", 4) == 0) {
        for (size_t i = 0; i < GLOBAL_KEY_COUNT; i++)
            if (strcmp(key, global_keys[i]) == 0)
                return;
        if ((strncmp(key, "qcs:resource_tag/", 17) == 0 && key[17]) ||
            (strncmp(key, "qcs:request_tag/", 16) == 0 && key[16]))
            return;
    } else if (!qcs_any_case) {
        if (!strchr(key, ':'))
            add(c, CLI_LINT_INFO,
                "condition key %s is neither a global qcs: key nor service-prefixed "
                "(service:key); camsim compares it as a plain string",
                key);
        return; /* a service key such as vpc:region: compared as a plain string */
    }
    const char *near = cli_suggest_word(key, global_keys, GLOBAL_KEY_COUNT);
    if (near)
        add(c, CLI_LINT_WARNING,
            "unknown global condition key %s; did you mean %s? (keys are case-sensitive)", key,
            near);
    else
        add(c, CLI_LINT_WARNING,
            "unknown global condition key %s; the global keys are qcs:ip, qcs:current_time, "
            "qcs:resource_tag, qcs:request_tag, qcs:uin, qcs:owner_uin",
            key);
}

static void check_value(lint_ctx *c, const char *op, camsim_op_family f, const cJSON *v)
{
    if (!camsim_family_takes_json(f, v)) {
        add(c, CLI_LINT_ERROR, "%s takes %s; got a JSON %s", op, camsim_family_expects(f),
            camsim_json_type_name(v));
        return;
    }
    if (!cJSON_IsString(v))
        return;
    const char *s = v->valuestring;
    if (!camsim_family_value_valid(f, s, strlen(s)))
        add(c, CLI_LINT_ERROR, "%s value \"%.200s\" is not %s", op, s, camsim_family_expects(f));
}

static bool is_tag_key(const char *key)
{
    return strcmp(key, "qcs:resource_tag") == 0 || strcmp(key, "qcs:request_tag") == 0 ||
           (strncmp(key, "qcs:resource_tag/", 17) == 0 && key[17]) ||
           (strncmp(key, "qcs:request_tag/", 16) == 0 && key[16]);
}

/* catalog.md: TCMPP does not support authorization by tag, so CAM supplies
 * no tags for its actions and a tag condition cannot restrict them. */
static void check_tag_service(lint_ctx *c, const stmt *s, const char *op, const char *key)
{
    size_t *tcmpp = cli_xcalloc(c->catalog_count ? c->catalog_count : 1, sizeof *tcmpp);
    size_t n = 0;
    for (size_t i = 0; i < c->catalog_count; i++)
        if (s->covered[i] && strcmp(camsim_catalog_at(i)->service, "tcmpp") == 0)
            tcmpp[n++] = i;
    if (n > 0) {
        char names[512];
        list_names(c, tcmpp, n, names, sizeof names);
        size_t ol = strlen(op);
        bool if_exist = ol > 9 && strcmp(op + ol - 9, "_if_exist") == 0;
        bool null_op = strstr(op, "null_equal") != NULL;
        add(c, s->names_tcmpp ? CLI_LINT_WARNING : CLI_LINT_INFO,
            "tag condition key %s on TCMPP action%s (%s): TCMPP does not support authorization "
            "by tag, so CAM supplies no tags for %s and this condition cannot restrict %s%s",
            key, n == 1 ? "" : "s", names, n == 1 ? "it" : "them", n == 1 ? "it" : "them",
            null_op    ? ""
            : if_exist ? " (with _if_exist it always holds, whatever the tags)"
            : n == 1   ? " (it never holds, so the statement never applies to it)"
                       : " (it never holds, so the statement never applies to them)");
    }
    free(tcmpp);
}

/* A condition value: unknown ${...} names stay literal. */
static void check_value_placeholder(lint_ctx *c, const cJSON *v)
{
    char ph[80];
    if (cJSON_IsString(v) &&
        literal_placeholder(v->valuestring, strlen(v->valuestring), true, ph, sizeof ph))
        add(c, CLI_LINT_WARNING,
            "condition value \"%.200s\" contains %s, which is not a policy variable "
            VARIABLES_RULE ", so it never matches as intended; it looks like a template "
            "placeholder left in",
            v->valuestring, ph);
}

static void check_condition(lint_ctx *c, const stmt *s, const cJSON *cond)
{
    if (!cJSON_IsObject(cond))
        return; /* the engine reports it */
    for (const cJSON *op = cond->child; op; op = op->next) {
        size_t op_mark = camsim_path_push_key(&c->path, op->string);
        int fam = check_operator(c, op->string);
        if (cJSON_IsObject(op)) {
            for (const cJSON *key = op->child; key; key = key->next) {
                size_t key_mark = camsim_path_push_key(&c->path, key->string);
                check_key(c, key->string);
                check_literal_placeholder(c, "condition key", key->string);
                if (is_tag_key(key->string))
                    check_tag_service(c, s, op->string, key->string);
                if (cJSON_IsArray(key)) {
                    size_t i = 0;
                    for (const cJSON *v = key->child; v; v = v->next, i++) {
                        size_t m = camsim_path_push_index(&c->path, i);
                        if (fam >= 0)
                            check_value(c, op->string, (camsim_op_family)fam, v);
                        check_value_placeholder(c, v);
                        camsim_path_pop(&c->path, m);
                    }
                } else {
                    if (fam >= 0)
                        check_value(c, op->string, (camsim_op_family)fam, key);
                    check_value_placeholder(c, key);
                }
                camsim_path_pop(&c->path, key_mark);
            }
        }
        camsim_path_pop(&c->path, op_mark);
    }
}

/* ---------------------------------------------------------------------
 * Walk
 * ------------------------------------------------------------------- */

/* A principal ("*" or {"qcs": [QRN, ...]}): never substituted. */
static void principal_string(lint_ctx *c, stmt *s, const char *text)
{
    (void)s;
    check_literal_placeholder(c, "principal", text);
}

static void check_principal(lint_ctx *c, const cJSON *principal)
{
    if (!principal)
        return;
    size_t mark = camsim_path_push_key(&c->path, principal->string);
    if (cJSON_IsObject(principal)) {
        for (const cJSON *m = principal->child; m; m = m->next) {
            size_t m_mark = camsim_path_push_key(&c->path, m->string);
            for_each_string(c, NULL, m, principal_string);
            camsim_path_pop(&c->path, m_mark);
        }
    }
    camsim_path_pop(&c->path, mark);
}

static void check_statement(lint_ctx *c, const cJSON *st)
{
    static const char *const known[] = {"effect", "action", "resource", "condition", "principal"};
    if (!cJSON_IsObject(st))
        return;
    check_members(c, st, known, sizeof known / sizeof known[0], "a statement");
    stmt s;
    memset(&s, 0, sizeof s);
    s.covered = cli_xcalloc(c->catalog_count, sizeof *s.covered);
    const cJSON *effect = member_ci(st, "effect");
    s.effect = -1;
    if (cJSON_IsString(effect))
        s.effect = equal_ci(effect->valuestring, "allow")  ? 1
                   : equal_ci(effect->valuestring, "deny") ? 0
                                                           : -1;
    s.action = member_ci(st, "action");
    s.resource = member_ci(st, "resource");
    if (cJSON_IsString(s.resource)) {
        s.resource_known = true;
        s.resource_star = strcmp(s.resource->valuestring, "*") == 0;
    } else if (cJSON_IsArray(s.resource) && s.resource->child) {
        s.resource_known = true;
        for (const cJSON *v = s.resource->child; v; v = v->next) {
            if (!cJSON_IsString(v))
                s.resource_known = false;
            else if (strcmp(v->valuestring, "*") == 0)
                s.resource_star = true;
        }
    }
    if (s.action) {
        size_t mark = camsim_path_push_key(&c->path, s.action->string);
        for_each_string(c, &s, s.action, check_action);
        camsim_path_pop(&c->path, mark);
    }
    if (s.resource) {
        size_t mark = camsim_path_push_key(&c->path, s.resource->string);
        for_each_string(c, &s, s.resource, check_resource);
        camsim_path_pop(&c->path, mark);
    }
    const cJSON *cond = member_ci(st, "condition");
    if (cond) {
        size_t mark = camsim_path_push_key(&c->path, cond->string);
        check_condition(c, &s, cond);
        camsim_path_pop(&c->path, mark);
    }
    check_principal(c, member_ci(st, "principal"));
    free(s.covered);
    service_index_free(s.services);
}

void cli_lint_document(const char *text, size_t len, cli_lint_report *report)
{
    lint_ctx c;
    memset(&c, 0, sizeof c);
    c.report = report;
    camsim_path_init(&c.path);

    camsim_error err;
    memset(&err, 0, sizeof err);
    size_t start = report->count;
    camsim_policy *policy = camsim_policy_parse(text, len, &err);
    if (policy) {
        camsim_policy_free(policy);
    } else {
        char msg[1024];
        if (err.code == CAMSIM_E_JSON && !err.path[0]) {
            size_t line = 0, col = 0;
            camsim_line_col(text, len, err.offset, &line, &col);
            snprintf(msg, sizeof msg, "%s (line %zu, column %zu)", err.message, line, col);
        } else {
            snprintf(msg, sizeof msg, "%s", err.message);
        }
        c.engine_failed = 1;
        snprintf(c.engine_path, sizeof c.engine_path, "%s", err.path);
        snprintf(c.engine_message, sizeof c.engine_message, "%s", msg);
        if (err.code == CAMSIM_E_JSON || !err.path[0]) {
            add_at(report, CLI_LINT_ERROR, err.path, msg);
        } else {
            c.engine_pending = 1;
        }
    }
    if (c.engine_failed && !c.engine_pending && err.code == CAMSIM_E_JSON)
        return;

    size_t chars = policy_chars(text, len);
    if (chars > CAMSIM_TENCENT_POLICY_LIMIT)
        add(&c, CLI_LINT_WARNING,
            "policy is %zu characters excluding whitespace, over Tencent's %u-character limit; "
            "CAM will refuse it (split it into several policies)",
            chars, CAMSIM_TENCENT_POLICY_LIMIT);

    if (!camsim_json_guard(text, len, CAMSIM_MAX_NESTING, NULL))
        goto done;
    cJSON *root = camsim_json_tree(text, len, NULL);
    if (!root)
        goto done;
    if (cJSON_IsObject(root)) {
        static const char *const known[] = {"version", "statement", "principal"};
        check_members(&c, root, known, sizeof known / sizeof known[0], "a policy");
        c.catalog_count = camsim_catalog_count();
        c.full = cli_xcalloc(c.catalog_count ? c.catalog_count : 1, sizeof *c.full);
        for (size_t i = 0; i < c.catalog_count; i++) {
            const camsim_action_info *a = camsim_catalog_at(i);
            snprintf(c.full[i], FULL_NAME_MAX, "%s:%s", a->service, a->name);
        }
        check_principal(&c, member_ci(root, "principal"));
        const cJSON *st = member_ci(root, "statement");
        if (st) {
            size_t mark = camsim_path_push_key(&c.path, st->string);
            if (cJSON_IsArray(st)) {
                size_t i = 0;
                for (const cJSON *s = st->child; s; s = s->next, i++) {
                    size_t m = camsim_path_push_index(&c.path, i);
                    check_statement(&c, s);
                    camsim_path_pop(&c.path, m);
                }
            } else {
                check_statement(&c, st);
            }
            camsim_path_pop(&c.path, mark);
        }
        free(c.full);
    }
    cJSON_Delete(root);
done:
    if (c.engine_pending) {
        /* The walk never reached the element: report the engine's error first. */
        add_at(report, CLI_LINT_ERROR, c.engine_path, c.engine_message);
        cli_lint_finding f = report->items[report->count - 1];
        memmove(&report->items[start + 1], &report->items[start],
                (report->count - 1 - start) * sizeof f);
        report->items[start] = f;
    }
}
