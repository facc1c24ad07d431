#include "policy_index.h"

#include <stdlib.h>
#include <string.h>

#include "catalog_index.h"
#include "catalog_table.h"
#include "error.h"
#include "glob.h"
#include "ascii.h"
#include "hash.h"
#include "plant.h"

/* ---- action masks ----------------------------------------------------- */

/* The first key in [lo, hi) whose word j, masked by keep, is at least h.
 * Keys in the range share their earlier words, so they are in order of
 * word j. */
static size_t first_key(size_t j, uint64_t keep, uint64_t h, size_t lo, size_t hi)
{
    const size_t stride = camsim_catalog_key_width / 8;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((camsim_catalog_key_words[mid * stride + j] & keep) < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* [*first, *end): the keys whose first n bytes are head. Eight bytes at a
 * time, comparing integers: the first key of the range by a search, its
 * end from the generated run table. */
static void keys_with_prefix(const char *head, size_t n, size_t *first, size_t *end)
{
    const size_t stride = camsim_catalog_key_width / 8;
    size_t lo = 0, hi = camsim_catalog_table_size;
    if (n >= camsim_catalog_key_width) /* longer than every key */
        lo = hi = 0;
    for (size_t j = 0; j * 8 < n && lo < hi; j++) {
        size_t take = n - j * 8 < 8 ? n - j * 8 : 8;
        uint64_t h = 0;
        for (size_t i = 0; i < take; i++) /* big-endian, zero-padded, like the key words */
            h |= (uint64_t)(unsigned char)head[j * 8 + i] << (56 - 8 * i);
        uint64_t keep = take == 8 ? ~0ull : ~(~0ull >> (8 * take));
        lo = first_key(j, keep, h, lo, hi);
        if (lo == hi || (camsim_catalog_key_words[lo * stride + j] & keep) != h)
            hi = lo; /* no key has the prefix */
        else
            hi = camsim_catalog_run_end[lo * camsim_catalog_key_width + j * 8 + take - 1];
    }
    *first = lo;
    *end = hi;
}

/* The catalog actions of a pattern with a `*`: the keys sharing its literal
 * head (before the first `*`) and ending with its literal tail (after the
 * last); with more than one `*` the glob decides the rest. */
static void wildcard_mask(const camsim_action_pattern *a, uint64_t *m, size_t words)
{
    const char *first = a->any ? a->text : memchr(a->text, '*', a->len);
    size_t head = a->any ? 0 : (size_t)(first - a->text), tail = 0;
    while (!a->any && a->text[a->len - 1 - tail] != '*')
        tail++;
    bool single_star = a->any || head + 1 + tail == a->len;
    size_t start, end;
    keys_with_prefix(a->text, head, &start, &end);
    if (single_star && tail == 0) { /* "trtc:*", "trtc:describe*": the whole run */
        for (size_t w = 0; w < words; w++)
            m[w] = camsim_catalog_run_bits[start * words + w] ^
                   camsim_catalog_run_bits[end * words + w];
        return;
    }
    uint64_t needs = 0; /* bytes the pattern's literals need */
    for (size_t i = 0; i < a->len; i++)
        if (a->text[i] != '*')
            needs |= camsim_byte_bit((unsigned char)a->text[i]);
    for (size_t k = start; k < end; k++) {
        const camsim_catalog_key *key = &camsim_catalog_keys[k];
        if ((needs & ~key->bytes) || key->len < head + tail ||
            memcmp(key->key + key->len - tail, a->text + a->len - tail, tail) != 0)
            continue;
        if (single_star || camsim_glob_match(a->text, a->len, key->key, key->len, false))
            m[key->index / 64] |= 1ull << (key->index % 64);
    }
}

/* Resolve each distinct action pattern against the catalog once. */
static void build_masks(camsim_policy *p)
{
    for (uint32_t id = 0; id < p->action_count; id++) {
        const camsim_action_pattern *a = &p->actions[id];
        uint64_t *m = &p->action_masks[(size_t)id * p->mask_words];
        if (a->any || memchr(a->text, '*', a->len)) {
            wildcard_mask(a, m, p->mask_words);
            continue;
        }
        int i = camsim_catalog_index(a->text, a->len); /* a literal names one action */
        if (i >= 0)
            m[i / 64] |= 1ull << (i % 64);
    }
}

/* ---- resource buckets ------------------------------------------------- */

/* Hash of a (service, key) pair, as the key tables store it. */
static uint64_t key_hash(const char *service, size_t service_len, const char *resource,
                         size_t resource_len)
{
    return camsim_hash_mix(camsim_hash_mix(0x243F6A8885A308D3ull, service, service_len),
                           resource, resource_len);
}

/* How a pattern is found: through one of the key tables (CAMSIM_KEY_*), or
 * by scanning; a statement is KEYED (all its patterns are in tables) or
 * scanned. */
enum { KIND_SCAN = CAMSIM_KEY_KINDS, KIND_KEYED };

static const char *service_of(const camsim_resource_pattern *r)
{
    return r->text + r->service.off;
}

static bool literal_service(const camsim_resource_pattern *r)
{
    return !r->any && !r->service.any && !memchr(service_of(r), '*', r->service.len);
}

/* The slice of r's sixth segment that a key of this kind covers: all of it
 * (exact), what follows the last `*` (tail), or what precedes the first
 * (head). A request matching r has that slice at the same place. */
static void key_slice(const camsim_resource_pattern *r, int kind, const char **s, size_t *n)
{
    const char *seg = r->text + r->resource.off;
    size_t len = r->resource.len;
    if (kind == CAMSIM_KEY_TAIL) {
        size_t k = len;
        while (k > 0 && seg[k - 1] != '*')
            k--;
        *s = seg + k;
        *n = len - k;
    } else if (kind == CAMSIM_KEY_HEAD) {
        const char *star = memchr(seg, '*', len);
        *s = seg;
        *n = star ? (size_t)(star - seg) : len;
    } else {
        *s = seg;
        *n = len;
    }
}

/* How pattern r is found: by exact key when its sixth segment is literal,
 * else by its literal tail, else its literal head, while the table has room
 * for that length; otherwise it is scanned. */
static int classify_pattern(camsim_policy *p, const camsim_resource_pattern *r)
{
    if (!literal_service(r) || r->resource.has_var)
        return KIND_SCAN;
    if (!memchr(r->text + r->resource.off, '*', r->resource.len))
        return CAMSIM_KEY_EXACT;
    for (int kind = CAMSIM_KEY_TAIL; kind <= CAMSIM_KEY_HEAD; kind++) {
        const char *slice;
        size_t n;
        key_slice(r, kind, &slice, &n);
        if (n == 0)
            continue;
        camsim_key_table *t = &p->keys[kind];
        for (uint32_t i = 0; i < t->length_count; i++)
            if (t->lengths[i] == n)
                return kind;
        if (t->length_count < CAMSIM_MAX_KEY_LENGTHS) {
            t->lengths[t->length_count++] = (uint16_t)n;
            return kind;
        }
    }
    return KIND_SCAN;
}

/* A statement is found through the key tables when every one of its
 * patterns is (each under its own key; a request matching two of them
 * meets the statement twice, and the evaluator skips the repeat);
 * otherwise it is scanned, and the lengths its patterns registered are
 * given back. pkinds receives each pattern's kind. */
static int classify(camsim_policy *p, const camsim_statement *st, uint8_t *pkinds)
{
    uint32_t tail = p->keys[CAMSIM_KEY_TAIL].length_count;
    uint32_t head = p->keys[CAMSIM_KEY_HEAD].length_count;
    for (uint32_t i = 0; i < st->resource_count; i++) {
        pkinds[i] = (uint8_t)classify_pattern(p, &st->resources[i]);
        if (pkinds[i] == KIND_SCAN) {
            p->keys[CAMSIM_KEY_TAIL].length_count = tail;
            p->keys[CAMSIM_KEY_HEAD].length_count = head;
            return KIND_SCAN;
        }
    }
    return KIND_KEYED;
}

static bool same_key(const camsim_resource_pattern *r, int kind, const char *service,
                     size_t service_len, const char *key, size_t key_len)
{
    const char *slice;
    size_t n;
    key_slice(r, kind, &slice, &n);
    return r->service.len == service_len && n == key_len &&
           memcmp(service_of(r), service, service_len) == 0 && memcmp(slice, key, key_len) == 0;
}

/* The bucket for pattern r while building: the slot whose owner has r's
 * key, or the empty slot where the probe ends (r becomes its owner). */
static uint32_t bucket_slot(camsim_key_table *t, int kind, const camsim_resource_pattern *r)
{
    const char *slice;
    size_t n;
    key_slice(r, kind, &slice, &n);
    uint64_t h = key_hash(service_of(r), r->service.len, slice, n);
    for (uint32_t slot = (uint32_t)h & t->mask;; slot = (slot + 1) & t->mask) {
        camsim_resource_bucket *b = &t->buckets[slot];
        if (!b->owner) {
            b->owner = r;
            return slot;
        }
        if (same_key(b->owner, kind, service_of(r), r->service.len, slice, n))
            return slot;
    }
}

/* Record in t->actions the catalog actions statement s can apply to. */
static void add_statement_actions(const camsim_policy *p, camsim_key_table *t, uint32_t s)
{
    if (p->mask_words > CAMSIM_KEY_ACTION_WORDS) {
        memset(t->actions, 0xff, sizeof t->actions);
        return;
    }
    const camsim_statement *st = &p->statements[s];
    for (uint32_t i = 0; i < st->action_count; i++)
        for (uint32_t w = 0; w < p->mask_words; w++)
            t->actions[w] |= p->action_masks[(size_t)st->action_ids[i] * p->mask_words + w];
}

/* The patterns of the keyed statements, for building the tables: kinds[s]
 * per statement, and pkinds[first[s] + i] for pattern i of statement s. */
typedef struct pattern_kinds {
    const uint8_t *kinds;
    const uint8_t *pkinds;
    const uint32_t *first;
} pattern_kinds;

/* Two passes over the patterns of this kind: count per bucket, then fill.
 * last[] (scratch) keeps a statement listing two patterns with one key
 * from appearing twice in that bucket. */
static bool build_table(camsim_policy *p, camsim_arena *scratch, int kind,
                        const pattern_kinds *pk, size_t patterns)
{
    camsim_key_table *t = &p->keys[kind];
    uint32_t cap = 16;
    while (cap < patterns + patterns / 2)
        cap *= 2;
    t->mask = cap - 1;
    t->buckets = camsim_arena_alloc(&p->arena, sizeof *t->buckets * cap);
    uint32_t *last = camsim_arena_alloc_uninit(scratch, sizeof *last * cap);
    bool ok = t->buckets && last;
    for (int pass = 0; ok && pass < 2; pass++) {
        memset(last, 0xff, sizeof *last * cap);
        for (uint32_t s = 0; s < p->statement_count; s++) {
            if (pk->kinds[s] != KIND_KEYED)
                continue;
            const camsim_statement *st = &p->statements[s];
            for (uint32_t i = 0; i < st->resource_count; i++) {
                if (pk->pkinds[pk->first[s] + i] != kind)
                    continue;
                uint32_t slot = bucket_slot(t, kind, &st->resources[i]);
                camsim_resource_bucket *b = &t->buckets[slot];
                if (last[slot] == s)
                    continue;
                last[slot] = s;
                if (pass == 1)
                    t->items[b->start + b->count] = s;
                b->count++;
            }
        }
        if (pass == 0) {
            uint32_t total = 0;
            for (uint32_t i = 0; i < cap; i++) {
                t->buckets[i].start = total;
                total += t->buckets[i].count;
                t->buckets[i].count = 0;
            }
            t->items = camsim_arena_alloc_uninit(&p->arena, sizeof(uint32_t) * (total + 1));
            ok = t->items != NULL;
        }
    }
    return ok;
}

void camsim_key_table_lookup(const camsim_policy *p, int kind, const char *service,
                             size_t service_len, const char *key, size_t key_len,
                             const uint32_t **items, uint32_t *count)
{
    const camsim_key_table *t = &p->keys[kind];
    *count = 0;
    if (!t->buckets)
        return;
    uint64_t hash = key_hash(service, service_len, key, key_len);
    for (uint32_t slot = (uint32_t)hash & t->mask;; slot = (slot + 1) & t->mask) {
        const camsim_resource_bucket *b = &t->buckets[slot];
        if (!b->owner)
            return;
        if (CAMSIM_PLANTED(1) || same_key(b->owner, kind, service, service_len, key, key_len)) {
            *items = &t->items[b->start];
            *count = b->count;
            return;
        }
    }
}

/* ---- per-action scan lists -------------------------------------------- */

/* The catalog actions scanned statement s applies to, word w. An
 * operation-level action only ever meets statements that list the literal "*". */
static uint64_t scan_word(const camsim_policy *p, const camsim_statement *st, uint32_t w)
{
    uint64_t word = 0;
    for (uint32_t i = 0; i < st->action_count; i++)
        word |= p->action_masks[(size_t)st->action_ids[i] * p->mask_words + w];
    if (!st->resource_has_star)
        word &= ~camsim_catalog_operation_level[w];
    return word;
}

/* One pass over the (catalog action, scanned statement) pairs, statements
 * ascending: count them into scan_len, or also store them (fill). */
static void scan_pass(camsim_policy *p, const uint8_t *kinds, bool fill)
{
    uint32_t *scan = p->scan, *len = p->scan_len;
    const uint32_t *start = p->scan_start;
    for (uint32_t s = 0; s < p->statement_count; s++) {
        if (kinds[s] != KIND_SCAN)
            continue;
        for (uint32_t w = 0; w < p->mask_words; w++)
            for (uint64_t bits = scan_word(p, &p->statements[s], w); bits; bits &= bits - 1) {
                size_t a = w * 64 + (size_t)__builtin_ctzll(bits);
                if (fill)
                    scan[start[a] + len[a]] = s;
                len[a]++;
            }
    }
}

/* A few scanned statements are kept as one list with the catalog actions
 * of each (scan_masks): the evaluator tests a bit per statement, and
 * compiling does no work per action. */
static bool build_few(camsim_policy *p, const uint8_t *kinds, uint32_t scanned)
{
    p->scan_few = scanned;
    p->scan = camsim_arena_alloc_uninit(&p->arena, sizeof(uint32_t) * (scanned + 1));
    p->scan_masks = camsim_arena_alloc_uninit(&p->arena,
                                       sizeof(uint64_t) * p->mask_words * (scanned + 1));
    if (!p->scan || !p->scan_masks)
        return false;
    uint32_t n = 0;
    for (uint32_t s = 0; s < p->statement_count; s++) {
        if (kinds[s] != KIND_SCAN)
            continue;
        for (uint32_t w = 0; w < p->mask_words; w++)
            p->scan_masks[(size_t)n * p->mask_words + w] = scan_word(p, &p->statements[s], w);
        p->scan[n++] = s;
    }
    return true;
}

/* Scan lists. With up to CAMSIM_FEW_SCANNED scanned statements, build_few;
 * otherwise for catalog action a, scan[scan_start[a] + i] for i <
 * scan_len[a], statements ascending: one pass counts, the other fills. */
static bool build_scan_lists(camsim_policy *p, const uint8_t *kinds, uint32_t scanned)
{
    if (scanned <= CAMSIM_FEW_SCANNED)
        return build_few(p, kinds, scanned);
    size_t actions = camsim_catalog_table_size;
    p->scan_len = camsim_arena_alloc(&p->arena, sizeof(uint32_t) * actions);
    p->scan_start = camsim_arena_alloc_uninit(&p->arena, sizeof(uint32_t) * actions);
    if (!p->scan_len || !p->scan_start)
        return false;
    scan_pass(p, kinds, false);
    uint32_t total = 0;
    for (size_t a = 0; a < actions; a++) {
        p->scan_start[a] = total;
        total += p->scan_len[a];
        p->scan_len[a] = 0;
    }
    p->scan = camsim_arena_alloc_uninit(&p->arena, sizeof(uint32_t) * (total + 1));
    if (!p->scan)
        return false;
    scan_pass(p, kinds, true);
    return true;
}

bool camsim_policy_build_index(camsim_policy *p, camsim_arena *scratch, camsim_error *err)
{
    p->mask_words = (uint32_t)camsim_catalog_mask_words;
    p->action_masks = camsim_arena_alloc(&p->arena, sizeof(uint64_t) * p->mask_words *
                                                        ((size_t)p->action_count + 1));
    uint8_t *kinds = camsim_arena_alloc_uninit(scratch, (size_t)p->statement_count + 1);
    uint32_t *first = camsim_arena_alloc_uninit(scratch, sizeof *first *
                                                             ((size_t)p->statement_count + 1));
    bool ok = p->action_masks && kinds && first;
    size_t total = 0;
    for (uint32_t s = 0; ok && s < p->statement_count; s++) {
        first[s] = (uint32_t)total;
        total += p->statements[s].resource_count;
    }
    uint8_t *pkinds = ok ? camsim_arena_alloc_uninit(scratch, total + 1) : NULL;
    ok = ok && pkinds;
    if (ok)
        build_masks(p);
    size_t patterns[CAMSIM_KEY_KINDS] = {0};
    uint32_t scanned = 0;
    for (uint32_t s = 0; ok && s < p->statement_count; s++) {
        kinds[s] = (uint8_t)classify(p, &p->statements[s], pkinds + first[s]);
        if (kinds[s] == KIND_SCAN) {
            scanned++;
            continue;
        }
        for (uint32_t i = 0; i < p->statements[s].resource_count; i++)
            patterns[pkinds[first[s] + i]]++;
    }
    pattern_kinds pk = {kinds, pkinds, first};
    for (int kind = 0; ok && kind < CAMSIM_KEY_KINDS; kind++)
        if (patterns[kind])
            ok = build_table(p, scratch, kind, &pk, patterns[kind]);
    for (uint32_t s = 0; ok && s < p->statement_count; s++)
        for (uint32_t i = 0; kinds[s] == KIND_KEYED && i < p->statements[s].resource_count; i++)
            add_statement_actions(p, &p->keys[pkinds[first[s] + i]], s);
    ok = ok && (build_scan_lists(p, kinds, scanned) || CAMSIM_PLANTED(5));
    if (!ok)
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory while indexing the policy");
    return ok;
}
