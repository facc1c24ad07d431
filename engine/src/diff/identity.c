/* identity.c: statement identity classes (identity.h), by a hash table
 * over a canonical byte string of each statement. */
#include "identity.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct entry {
    char *text;
    size_t len;
    uint64_t hash;
} entry;

struct diff_identity {
    entry *entries;
    size_t count;
    uint32_t *slots; /* 1 + entry index; 0 empty */
    size_t mask;
    char *buf;
    size_t len, cap;
};

diff_identity *diff_identity_new(void)
{
    diff_identity *t = diff_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->mask = 1023;
    t->slots = diff_calloc(t->mask + 1, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void diff_identity_free(diff_identity *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        free(t->entries[i].text);
    free(t->entries);
    free(t->slots);
    free(t->buf);
    free(t);
}

static bool put(diff_identity *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *b = diff_realloc(t->buf, cap);
        if (!b)
            return false;
        t->buf = b;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len++] = '\x1f'; /* a separator no parsed text ends with */
    return true;
}

static bool put_principal(diff_identity *t, const camsim_principal *p)
{
    if (!p)
        return put(t, "-", 1);
    if (p->any)
        return put(t, "*any*", 5);
    bool ok = put(t, "list", 4);
    for (uint32_t i = 0; i < p->count; i++)
        ok &= put(t, p->patterns[i], p->lens[i]);
    return ok;
}

static bool canonical(diff_identity *t, const camsim_policy *pol, const camsim_statement *st)
{
    t->len = 0;
    bool ok = put(t, st->effect == CAMSIM_ALLOW ? "allow" : "deny", st->effect ? 5 : 4);
    for (uint32_t i = 0; i < st->action_count; i++)
        ok &= put(t, pol->actions[st->action_ids[i]].text, pol->actions[st->action_ids[i]].len);
    ok &= put(t, "\x1e", 1);
    for (uint32_t i = 0; i < st->resource_count; i++)
        ok &= put(t, st->resources[i].text, st->resources[i].len);
    ok &= put(t, "\x1e", 1);
    ok &= put_principal(t, pol->principal) && put_principal(t, st->principal);
    for (uint32_t c = 0; c < st->condition_count; c++) {
        const camsim_condition *cond = &st->conditions[c];
        ok &= put(t, "\x1e", 1) && put(t, cond->op_text, strlen(cond->op_text)) &&
              put(t, cond->key, cond->key_len);
        for (uint32_t v = 0; v < cond->count; v++)
            ok &= put(t, cond->values[v].text, cond->values[v].len);
    }
    return ok;
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static bool grow(diff_identity *t)
{
    size_t mask = t->mask * 2 + 1;
    uint32_t *slots = diff_calloc(mask + 1, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        size_t k = t->entries[i].hash & mask;
        while (slots[k])
            k = (k + 1) & mask;
        slots[k] = (uint32_t)i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->mask = mask;
    return true;
}

uint32_t diff_identity_of(diff_identity *t, const camsim_policy *pol, const camsim_statement *st)
{
    if (!canonical(t, pol, st))
        return UINT32_MAX;
    uint64_t h = hash(t->buf, t->len);
    size_t k = h & t->mask;
    for (; t->slots[k]; k = (k + 1) & t->mask) {
        const entry *e = &t->entries[t->slots[k] - 1];
        if (e->hash == h && e->len == t->len && memcmp(e->text, t->buf, t->len) == 0)
            return t->slots[k] - 1;
    }
    if ((t->count & (t->count + 1)) == 0 || t->count == 0) {
        entry *g = diff_realloc(t->entries, sizeof *g * (t->count * 2 + 2));
        if (!g)
            return UINT32_MAX;
        t->entries = g;
    }
    char *copy = diff_malloc(t->len);
    if (!copy)
        return UINT32_MAX;
    memcpy(copy, t->buf, t->len);
    t->entries[t->count] = (entry){copy, t->len, h};
    t->slots[k] = (uint32_t)++t->count;
    if (t->count * 2 > t->mask && !grow(t))
        return UINT32_MAX;
    return (uint32_t)t->count - 1;
}
