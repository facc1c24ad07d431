#include "policy_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_table.h"
#include "error.h"
#include "glob.h"

/* ---- action masks ----------------------------------------------------- */

/* Bitset of catalog actions an action pattern matches. Most statements
 * repeat a few patterns, so results are memoised per distinct text. */
typedef struct mask_cache {
    const camsim_action_pattern **keys;
    uint64_t *masks;
    size_t cap, words;
} mask_cache;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static const uint64_t *pattern_mask(mask_cache *mc, const camsim_action_pattern *a)
{
    size_t slot = (size_t)fnv(1469598103934665603ull, a->text, a->len) & (mc->cap - 1);
    while (mc->keys[slot]) {
        const camsim_action_pattern *k = mc->keys[slot];
        if (k->len == a->len && memcmp(k->text, a->text, a->len) == 0)
            return &mc->masks[slot * mc->words];
        slot = (slot + 1) & (mc->cap - 1);
    }
    mc->keys[slot] = a;
    uint64_t *m = &mc->masks[slot * mc->words];
    for (size_t i = 0; i < camsim_catalog_table_size; i++) {
        const camsim_action_info *info = &camsim_catalog_table[i];
        char name[256];
        int len = snprintf(name, sizeof name, "%s:%s", info->service, info->name);
        if (a->any || camsim_glob_match(a->text, a->len, name, (size_t)len, true))
            m[i / 64] |= 1ull << (i % 64);
    }
    return m;
}

static bool build_masks(camsim_policy *p)
{
    size_t patterns = 0;
    for (uint32_t s = 0; s < p->statement_count; s++)
        patterns += p->statements[s].action_count;
    mask_cache mc = {NULL, NULL, 16, p->mask_words};
    while (mc.cap < patterns * 2)
        mc.cap *= 2;
    /* Scratch memory, freed before returning; never part of the policy. */
    mc.keys = calloc(mc.cap, sizeof *mc.keys);
    mc.masks = calloc(mc.cap * mc.words, sizeof *mc.masks);
    bool ok = mc.keys && mc.masks;
    for (uint32_t s = 0; ok && s < p->statement_count; s++) {
        const camsim_statement *st = &p->statements[s];
        uint64_t *sm = &p->action_masks[(size_t)s * mc.words];
        for (uint32_t a = 0; a < st->action_count; a++) {
            const uint64_t *m = pattern_mask(&mc, &st->actions[a]);
            for (size_t w = 0; w < mc.words; w++)
                sm[w] |= m[w];
        }
    }
    free(mc.keys);
    free(mc.masks);
    return ok;
}

/* ---- resource buckets ------------------------------------------------- */

uint64_t camsim_resource_key_hash(const char *service, size_t service_len, const char *resource,
                                  size_t resource_len)
{
    uint64_t h = fnv(1469598103934665603ull, service, service_len);
    h = fnv(h ^ 0xff, resource, resource_len);
    return h ^ (h >> 29);
}

/* A pattern can be indexed when a request can only match it with exactly
 * this service and sixth segment; the rest is checked by full matching. */
static bool literal_pattern(const camsim_resource_pattern *r)
{
    return !r->any && !r->service.any && !memchr(r->service.text, '*', r->service.len) &&
           !r->resource.has_var && !memchr(r->resource.text, '*', r->resource.len);
}

static bool indexable(const camsim_statement *st)
{
    for (uint32_t i = 0; i < st->resource_count; i++)
        if (!literal_pattern(&st->resources[i]))
            return false;
    return true;
}

static camsim_resource_bucket *bucket_slot(camsim_policy *p, const camsim_resource_pattern *r)
{
    uint64_t h = camsim_resource_key_hash(r->service.text, r->service.len, r->resource.text,
                                          r->resource.len);
    for (uint32_t slot = (uint32_t)h & p->bucket_mask;; slot = (slot + 1) & p->bucket_mask) {
        camsim_resource_bucket *b = &p->buckets[slot];
        if (!b->service) {
            b->hash = h;
            b->service = r->service.text;
            b->service_len = r->service.len;
            b->resource = r->resource.text;
            b->resource_len = r->resource.len;
            return b;
        }
        if (b->hash == h && b->service_len == r->service.len &&
            b->resource_len == r->resource.len &&
            memcmp(b->service, r->service.text, r->service.len) == 0 &&
            memcmp(b->resource, r->resource.text, r->resource.len) == 0)
            return b;
    }
}

/* Two passes over the indexable statements: count per bucket, then fill.
 * last[] (scratch) keeps a statement listing two patterns with one key
 * from appearing twice in that bucket. */
static bool build_buckets(camsim_policy *p, const bool *indexed, size_t patterns)
{
    uint32_t cap = 16;
    while (cap < patterns * 2)
        cap *= 2;
    p->bucket_mask = cap - 1;
    p->buckets = camsim_arena_alloc(&p->arena, sizeof *p->buckets * cap);
    uint32_t *last = malloc(sizeof *last * cap);
    if (!p->buckets || !last) {
        free(last);
        return false;
    }
    for (int pass = 0; pass < 2; pass++) {
        memset(last, 0xff, sizeof *last * cap);
        for (uint32_t s = 0; s < p->statement_count; s++) {
            if (!indexed[s])
                continue;
            const camsim_statement *st = &p->statements[s];
            for (uint32_t i = 0; i < st->resource_count; i++) {
                camsim_resource_bucket *b = bucket_slot(p, &st->resources[i]);
                uint32_t slot = (uint32_t)(b - p->buckets);
                if (last[slot] == s)
                    continue;
                last[slot] = s;
                if (pass == 1)
                    p->bucket_items[b->start + b->count] = s;
                b->count++;
            }
        }
        if (pass == 0) {
            uint32_t total = 0;
            for (uint32_t i = 0; i < cap; i++) {
                p->buckets[i].start = total;
                total += p->buckets[i].count;
                p->buckets[i].count = 0;
            }
            p->bucket_items = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * (total + 1));
            if (!p->bucket_items) {
                free(last);
                return false;
            }
        }
    }
    free(last);
    return true;
}

void camsim_policy_bucket_lookup(const camsim_policy *p, uint64_t hash, const char *service,
                                 size_t service_len, const char *resource, size_t resource_len,
                                 const uint32_t **items, uint32_t *count)
{
    *count = 0;
    if (!p->buckets)
        return;
    for (uint32_t slot = (uint32_t)hash & p->bucket_mask;; slot = (slot + 1) & p->bucket_mask) {
        const camsim_resource_bucket *b = &p->buckets[slot];
        if (!b->service)
            return;
        if (b->hash == hash && b->service_len == service_len && b->resource_len == resource_len &&
            memcmp(b->service, service, service_len) == 0 &&
            memcmp(b->resource, resource, resource_len) == 0) {
            *items = &p->bucket_items[b->start];
            *count = b->count;
            return;
        }
    }
}

/* ---- per-action scan lists -------------------------------------------- */

/* Statement s is scanned for action a when it is not found through the
 * buckets and can apply: an operation-level action only ever meets
 * statements that list the literal "*". */
static bool scanned_for(const camsim_policy *p, const bool *indexed, uint32_t s, size_t a)
{
    if (indexed[s] || !camsim_statement_has_action(p, s, (int)a))
        return false;
    return camsim_catalog_table[a].granularity != CAMSIM_OPERATION_LEVEL ||
           p->statements[s].resource_has_star;
}

static bool build_scan_lists(camsim_policy *p, const bool *indexed)
{
    size_t actions = camsim_catalog_table_size, total = 0;
    p->scan_start = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * (actions + 1));
    if (!p->scan_start)
        return false;
    for (size_t a = 0; a < actions; a++) {
        p->scan_start[a] = (uint32_t)total;
        for (uint32_t s = 0; s < p->statement_count; s++)
            total += scanned_for(p, indexed, s, a);
    }
    p->scan_start[actions] = (uint32_t)total;
    p->scan = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * (total + 1));
    if (!p->scan)
        return false;
    for (size_t a = 0, k = 0; a < actions; a++)
        for (uint32_t s = 0; s < p->statement_count; s++)
            if (scanned_for(p, indexed, s, a))
                p->scan[k++] = s;
    return true;
}

bool camsim_policy_build_index(camsim_policy *p, camsim_error *err)
{
    p->mask_words = (uint32_t)((camsim_catalog_table_size + 63) / 64);
    p->action_masks = camsim_arena_alloc(&p->arena, sizeof(uint64_t) * p->mask_words *
                                                        ((size_t)p->statement_count + 1));
    bool *indexed = calloc((size_t)p->statement_count + 1, sizeof *indexed);
    bool ok = p->action_masks && indexed && build_masks(p);
    size_t patterns = 0;
    for (uint32_t s = 0; ok && s < p->statement_count; s++) {
        indexed[s] = indexable(&p->statements[s]);
        if (indexed[s])
            patterns += p->statements[s].resource_count;
    }
    if (ok && patterns)
        ok = build_buckets(p, indexed, patterns);
    ok = ok && build_scan_lists(p, indexed);
    free(indexed);
    if (!ok)
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory while indexing the policy");
    return ok;
}
