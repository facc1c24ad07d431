#include "policy_index.h"

#include <stdlib.h>
#include <string.h>

#include "catalog_index.h"
#include "catalog_table.h"
#include "error.h"
#include "glob.h"

/* ---- action masks ----------------------------------------------------- */

/* Resolve each distinct action pattern against the catalog once. */
static void build_masks(camsim_policy *p)
{
    for (uint32_t id = 0; id < p->action_count; id++) {
        const camsim_action_pattern *a = &p->actions[id];
        uint64_t *m = &p->action_masks[(size_t)id * p->mask_words];
        if (!a->any && !memchr(a->text, '*', a->len)) {
            int i = camsim_catalog_index_lower(a->text, a->len); /* a literal names one action */
            if (i >= 0)
                m[i / 64] |= 1ull << (i % 64);
            continue;
        }
        /* Patterns and keys are both lowercase, so no case folding is needed. */
        for (size_t k = 0; k < camsim_catalog_table_size; k++) {
            const camsim_catalog_key *key = &camsim_catalog_keys[k];
            if (a->any || camsim_glob_match(a->text, a->len, key->key, strlen(key->key), false))
                m[key->index / 64] |= 1ull << (key->index % 64);
        }
    }
}

/* ---- resource buckets ------------------------------------------------- */

/* Eight bytes at a time: this runs once per evaluation on the request. */
static uint64_t mix_words(uint64_t h, const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w ^ ((uint64_t)n << 56)) * k;
    return h ^ (h >> 29);
}

uint64_t camsim_resource_key_hash(const char *service, size_t service_len, const char *resource,
                                  size_t resource_len)
{
    return mix_words(mix_words(0x243F6A8885A308D3ull, service, service_len), resource,
                     resource_len);
}

/* A pattern can be indexed when a request can only match it with exactly
 * this service and sixth segment; the rest is checked by full matching. */
static bool literal_pattern(const camsim_resource_pattern *r)
{
    return !r->any && !r->service.any && !memchr(r->text + r->service.off, '*', r->service.len) &&
           !r->resource.has_var && !memchr(r->text + r->resource.off, '*', r->resource.len);
}

static bool indexable(const camsim_statement *st)
{
    for (uint32_t i = 0; i < st->resource_count; i++)
        if (!literal_pattern(&st->resources[i]))
            return false;
    return true;
}

static const char *service_of(const camsim_resource_pattern *r)
{
    return r->text + r->service.off;
}

static const char *resource_of(const camsim_resource_pattern *r)
{
    return r->text + r->resource.off;
}

static bool same_key(const camsim_resource_pattern *r, const char *service, size_t service_len,
                     const char *resource, size_t resource_len)
{
    return r->service.len == service_len && r->resource.len == resource_len &&
           memcmp(service_of(r), service, service_len) == 0 &&
           memcmp(resource_of(r), resource, resource_len) == 0;
}

/* Does statement s list a literal pattern with this key? */
static bool statement_has_key(const camsim_policy *p, uint32_t s, const char *service,
                              size_t service_len, const char *resource, size_t resource_len)
{
    const camsim_statement *st = &p->statements[s];
    for (uint32_t i = 0; i < st->resource_count; i++)
        if (same_key(&st->resources[i], service, service_len, resource, resource_len))
            return true;
    return false;
}

/* The bucket for pattern r while building; owner[] (scratch) remembers one
 * pattern per bucket to compare keys with. */
static uint32_t bucket_slot(camsim_policy *p, const camsim_resource_pattern **owner,
                            const camsim_resource_pattern *r)
{
    uint64_t h = camsim_resource_key_hash(service_of(r), r->service.len, resource_of(r),
                                          r->resource.len);
    for (uint32_t slot = (uint32_t)h & p->bucket_mask;; slot = (slot + 1) & p->bucket_mask) {
        const camsim_resource_pattern *o = owner[slot];
        if (!o) {
            owner[slot] = r;
            p->buckets[slot].hash = (uint32_t)h;
            return slot;
        }
        if (p->buckets[slot].hash == (uint32_t)h &&
            same_key(o, service_of(r), r->service.len, resource_of(r), r->resource.len))
            return slot;
    }
}

/* Two passes over the indexable statements: count per bucket, then fill.
 * last[] (scratch) keeps a statement listing two patterns with one key
 * from appearing twice in that bucket. */
static bool build_buckets(camsim_policy *p, const bool *indexed, size_t patterns)
{
    uint32_t cap = 16;
    while (cap < patterns + patterns / 2)
        cap *= 2;
    p->bucket_mask = cap - 1;
    p->buckets = camsim_arena_alloc(&p->arena, sizeof *p->buckets * cap);
    uint32_t *last = malloc(sizeof *last * cap);
    const camsim_resource_pattern **owner = calloc(cap, sizeof *owner);
    bool ok = p->buckets && last && owner;
    for (int pass = 0; ok && pass < 2; pass++) {
        memset(last, 0xff, sizeof *last * cap);
        for (uint32_t s = 0; s < p->statement_count; s++) {
            if (!indexed[s])
                continue;
            const camsim_statement *st = &p->statements[s];
            for (uint32_t i = 0; i < st->resource_count; i++) {
                uint32_t slot = bucket_slot(p, owner, &st->resources[i]);
                camsim_resource_bucket *b = &p->buckets[slot];
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
            ok = p->bucket_items != NULL;
        }
    }
    free(last);
    free(owner);
    return ok;
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
        if (b->count == 0)
            return;
        if (b->hash == (uint32_t)hash &&
            statement_has_key(p, p->bucket_items[b->start], service, service_len, resource,
                              resource_len)) {
            *items = &p->bucket_items[b->start];
            *count = b->count;
            return;
        }
    }
}

/* ---- per-action scan lists -------------------------------------------- */

/* Scan lists, built in two passes over the statements that are not found
 * through the buckets: count per action, then fill (statements stay in
 * ascending order within each list). An operation-level action only ever
 * meets statements that list the literal "*". */
static bool build_scan_lists(camsim_policy *p, const bool *indexed)
{
    size_t actions = camsim_catalog_table_size;
    p->scan_start = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * (actions + 1));
    uint32_t *fill = calloc(actions + 1, sizeof *fill);
    if (!p->scan_start || !fill) {
        free(fill);
        return false;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t s = 0; s < p->statement_count; s++) {
            if (indexed[s])
                continue;
            for (uint32_t w = 0; w < p->mask_words; w++) {
                uint64_t word = 0;
                for (uint32_t i = 0; i < p->statements[s].action_count; i++)
                    word |= p->action_masks[(size_t)p->statements[s].action_ids[i] * p->mask_words + w];
                for (uint64_t bits = word; bits; bits &= bits - 1) {
                    size_t a = w * 64 + (size_t)__builtin_ctzll(bits);
                    if (camsim_catalog_table[a].granularity == CAMSIM_OPERATION_LEVEL &&
                        !p->statements[s].resource_has_star)
                        continue;
                    if (pass == 1)
                        p->scan[fill[a]] = s;
                    fill[a]++;
                }
            }
        }
        if (pass == 0) {
            uint32_t total = 0;
            for (size_t a = 0; a < actions; a++) {
                p->scan_start[a] = total;
                total += fill[a];
                fill[a] = p->scan_start[a];
            }
            p->scan_start[actions] = total;
            p->scan = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * (total + 1));
            if (!p->scan) {
                free(fill);
                return false;
            }
        }
    }
    free(fill);
    return true;
}

bool camsim_policy_build_index(camsim_policy *p, camsim_error *err)
{
    p->mask_words = (uint32_t)((camsim_catalog_table_size + 63) / 64);
    p->action_masks = camsim_arena_alloc(&p->arena, sizeof(uint64_t) * p->mask_words *
                                                        ((size_t)p->action_count + 1));
    bool *indexed = calloc((size_t)p->statement_count + 1, sizeof *indexed);
    bool ok = p->action_masks && indexed;
    if (ok)
        build_masks(p);
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
