/* request_json.c: one JSON request object for `camsim eval --requests`.
 *
 * The raw bytes go through camsim_json_guard (strict RFC 8259, nesting and
 * count limits, before any tree exists), then cJSON, then a strict walk: known members only,
 * each once, with exact types. Everything the request points to lives in
 * one allocation (out->storage): context entries, value pointers, then the
 * strings. */
#include "request_json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "camsim_tools.h"


static const char *const member_names[] = {"action", "resource", "context", "owner_uin",
                                           "principal"};
enum { M_ACTION, M_RESOURCE, M_CONTEXT, M_OWNER_UIN, M_PRINCIPAL, M_COUNT };

/* Render a JSON number the way a condition reads it: integers without a
 * fraction or exponent, anything else with 17 significant digits. */
/* Where in the request an element sits; the JSON pointer is built only when
 * something is wrong, so valid lines pay nothing for it. */
typedef struct where {
    const char *member; /* "action", "context", ... or NULL for the root */
    const char *key;    /* context key, or NULL */
    long index;         /* index in a context value array, or -1 */
} where;

static camsim_code fail(camsim_error *err, const where *at, camsim_code code, const char *msg,
                        const char *detail)
{
    camsim_error_set(err, code, "%s%s", msg, detail ? detail : "");
    camsim_path path;
    camsim_path_init(&path);
    if (at && at->member)
        camsim_path_push_key(&path, at->member);
    if (at && at->key)
        camsim_path_push_key(&path, at->key);
    if (at && at->index >= 0)
        camsim_path_push_index(&path, (size_t)at->index);
    camsim_error_at(err, &path);
    return code;
}

static camsim_code check_string(const cJSON *item, const where *at, camsim_error *err,
                                size_t *bytes, const char *what)
{
    if (!cJSON_IsString(item) || !item->valuestring) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s must be a JSON string", what);
        return fail(err, at, CAMSIM_E_REQUEST, msg, NULL);
    }
    size_t n = strlen(item->valuestring);
    if (n > CAMSIM_MAX_REQUEST_STRING) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s is %zu bytes, over the %u-byte limit", what, n,
                 CAMSIM_MAX_REQUEST_STRING);
        return fail(err, at, CAMSIM_E_LIMIT, msg, " (CAMSIM_MAX_REQUEST_STRING)");
    }
    *bytes += n + 1;
    return CAMSIM_OK;
}

/* A context value: a string or a finite number. */
static camsim_code check_scalar(const cJSON *item, const where *at, camsim_error *err,
                                size_t *bytes)
{
    if (cJSON_IsNumber(item)) { /* its exact text (camsim_json_number_texts), never the double */
        *bytes += strlen(item->valuestring) + 1;
        return CAMSIM_OK;
    }
    if (cJSON_IsString(item))
        return check_string(item, at, err, bytes, "a context value");
    return fail(err, at, CAMSIM_E_REQUEST,
                "a context value must be a string, a number, or an array of them", NULL);
}

static int duplicate_before(const cJSON *first, const cJSON *item)
{
    for (const cJSON *p = first; p && p != item; p = p->next)
        if (strcmp(p->string, item->string) == 0)
            return 1;
    return 0;
}

/* First pass over "context": validate and count. */
static camsim_code check_context(const cJSON *ctx, camsim_error *err, size_t *keys,
                                 size_t *values, size_t *bytes)
{
    where at = {"context", NULL, -1};
    if (!cJSON_IsObject(ctx))
        return fail(err, &at, CAMSIM_E_REQUEST,
                    "context must be an object of KEY: value or KEY: [values]", NULL);
    for (const cJSON *kv = ctx->child; kv; kv = kv->next) {
        at.key = kv->string;
        at.index = -1;
        if (++*keys > CAMSIM_MAX_OBJECT_MEMBERS)
            return fail(err, &at, CAMSIM_E_LIMIT, "context has too many keys",
                        " (CAMSIM_MAX_OBJECT_MEMBERS)");
        if (kv->string[0] == '\0')
            return fail(err, &at, CAMSIM_E_REQUEST, "a context key must not be empty", NULL);
        if (*keys > 1 && duplicate_before(ctx->child, kv))
            return fail(err, &at, CAMSIM_E_REQUEST,
                        "duplicate context key; give several values as an array", NULL);
        camsim_code rc;
        size_t klen = strlen(kv->string);
        if (klen > CAMSIM_MAX_REQUEST_STRING)
            return fail(err, &at, CAMSIM_E_LIMIT, "context key over the length limit",
                        " (CAMSIM_MAX_REQUEST_STRING)");
        *bytes += klen + 1;
        if (cJSON_IsArray(kv)) {
            long i = 0;
            for (const cJSON *v = kv->child; v; v = v->next, i++) {
                at.index = i;
                if (i >= (long)CAMSIM_MAX_VALUES)
                    return fail(err, &at, CAMSIM_E_LIMIT, "too many values for one context key",
                                " (CAMSIM_MAX_VALUES)");
                if ((rc = check_scalar(v, &at, err, bytes)) != CAMSIM_OK)
                    return rc;
            }
            *values += (size_t)i;
        } else {
            if ((rc = check_scalar(kv, &at, err, bytes)) != CAMSIM_OK)
                return rc;
            *values += 1;
        }
    }
    return CAMSIM_OK;
}

typedef struct filler {
    char *chars;
} filler;

static const char *put_string(filler *f, const char *s)
{
    size_t n = strlen(s) + 1;
    char *dst = f->chars;
    memcpy(dst, s, n);
    f->chars += n;
    return dst;
}

static const char *put_scalar(filler *f, const cJSON *v)
{
    return put_string(f, v->valuestring); /* a string, or a number's exact text */
}

camsim_code camsim_parse_request_json(const char *text, size_t len, camsim_parsed_request *out,
                                      camsim_error *err)
{
    if (!out || (!text && len)) {
        camsim_error_set(err, CAMSIM_E_ARGUMENT, "NULL argument to camsim_parse_request_json");
        return CAMSIM_E_ARGUMENT;
    }
    camsim_error local;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    if (!text)
        text = "";
    size_t blank = 0;
    while (blank < len && (text[blank] == ' ' || text[blank] == '\t' || text[blank] == '\r' ||
                           text[blank] == '\n'))
        blank++;
    if (blank == len) {
        camsim_error_set(err, CAMSIM_E_JSON, "empty line: expected one JSON request object");
        err->offset = len;
        return CAMSIM_E_JSON;
    }
    /* The guard checks the line completely (strict RFC 8259 and every count
     * limit) before cJSON builds anything. */
    if (!camsim_json_guard(text, len, CAMSIM_MAX_NESTING, err)) {
        size_t n = sizeof CAMSIM_JSON_TRAILING_TEXT - 1;
        if (err->code == CAMSIM_E_JSON && strncmp(err->message, CAMSIM_JSON_TRAILING_TEXT, n) == 0) {
            size_t at = err->offset;
            camsim_error_set(err, CAMSIM_E_JSON, "unexpected text after the request object at "
                             "byte %zu; put one request per line", at);
            err->offset = at;
        }
        return err->code;
    }

    cJSON *root = camsim_json_tree(text, len, err);
    if (!root)
        return CAMSIM_E_NOMEM;
    camsim_code rc = CAMSIM_OK;
    const cJSON *members[M_COUNT] = {0};
    size_t keys = 0, values = 0, bytes = 0;
    if (!cJSON_IsObject(root)) {
        rc = fail(err, NULL, CAMSIM_E_REQUEST,
                  "a request must be a JSON object such as {\"action\":\"trtc:DismissRoom\"}",
                  NULL);
        goto done;
    }
    for (const cJSON *m = root->child; m; m = m->next) {
        where at = {m->string, NULL, -1};
        size_t which = M_COUNT;
        for (size_t k = 0; k < M_COUNT; k++)
            if (strcmp(m->string, member_names[k]) == 0)
                which = k;
        if (which == M_COUNT) {
            rc = fail(err, &at, CAMSIM_E_REQUEST,
                      "unknown member; a request has action, resource, context, owner_uin and "
                      "principal",
                      NULL);
            goto done;
        }
        if (members[which]) {
            rc = fail(err, &at, CAMSIM_E_REQUEST, "duplicate member", NULL);
            goto done;
        }
        members[which] = m;
        if (which == M_CONTEXT)
            rc = check_context(m, err, &keys, &values, &bytes);
        else
            rc = check_string(m, &at, err, &bytes, member_names[which]);
        if (rc != CAMSIM_OK)
            goto done;
    }
    if (!members[M_ACTION]) {
        rc = fail(err, NULL, CAMSIM_E_REQUEST,
                  "missing member \"action\", e.g. {\"action\":\"trtc:DismissRoom\"}", NULL);
        goto done;
    }

    /* Second pass: one allocation, pointer arrays first (aligned), then chars. */
    size_t head = keys * sizeof(camsim_context_entry) + values * sizeof(const char *);
    char *block = malloc(head + bytes + 1);
    if (!block) {
        rc = fail(err, NULL, CAMSIM_E_NOMEM, "out of memory reading a request", NULL);
        goto done;
    }
    camsim_context_entry *entries = (camsim_context_entry *)(void *)block;
    const char **vals = (const char **)(void *)(block + keys * sizeof(camsim_context_entry));
    filler f = {block + head};
    camsim_request *req = &out->request;
    req->action = put_string(&f, members[M_ACTION]->valuestring);
    if (members[M_RESOURCE])
        req->resource = put_string(&f, members[M_RESOURCE]->valuestring);
    if (members[M_OWNER_UIN])
        req->owner_uin = put_string(&f, members[M_OWNER_UIN]->valuestring);
    if (members[M_PRINCIPAL])
        req->principal = put_string(&f, members[M_PRINCIPAL]->valuestring);
    if (members[M_CONTEXT]) {
        size_t e = 0, v = 0;
        for (const cJSON *kv = members[M_CONTEXT]->child; kv; kv = kv->next, e++) {
            entries[e].key = put_string(&f, kv->string);
            entries[e].values = &vals[v];
            entries[e].count = 0;
            if (cJSON_IsArray(kv)) {
                for (const cJSON *x = kv->child; x; x = x->next) {
                    vals[v++] = put_scalar(&f, x);
                    entries[e].count++;
                }
            } else {
                vals[v++] = put_scalar(&f, kv);
                entries[e].count = 1;
            }
        }
        req->context = keys ? entries : NULL;
        req->context_count = keys;
    }
    out->storage = block;
done:
    cJSON_Delete(root);
    if (rc != CAMSIM_OK)
        memset(out, 0, sizeof *out);
    return rc;
}

void camsim_parsed_request_free(camsim_parsed_request *req)
{
    if (!req)
        return;
    free(req->storage);
    memset(req, 0, sizeof *req);
}
