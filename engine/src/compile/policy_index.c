/* policy_index.c: building the index of a compiled policy (described in
 * policy_internal.h) and looking keys up in it.
 *
 * Building is four steps, each reading only what the earlier ones made:
 *   1. resolve each distinct action pattern to the catalog actions it names;
 *   2. plan: decide which statements are keyed, and the key lengths the
 *      tail and head tables hold, then the key each pattern of a keyed
 *      statement is filed under;
 *   3. fill the key tables from the plan;
 *   4. list the other statements, with the bitset of each catalog action. */
#include "policy_index.h"

#include <string.h>

#include "catalog_index.h"
#include "catalog_table.h"
#include "camsim_tools.h"
#include "hash.h"
#include "plant.h"

static void set_bit(uint64_t *set, size_t i)
{
    set[i / 64] |= 1ull << (i % 64);
}

/* ---- 1. action patterns ---------------------------------------------- */

/* Catalog key k's first n bytes against head: <0, 0 (k starts with head)
 * or >0, in the keys' byte order. */
static int compare_prefix(const camsim_catalog_key *k, const char *head, size_t n)
{
    int c = memcmp(k->key, head, k->len < n ? k->len : n);
    return c ? c : k->len < n ? -1 : 0;
}

/* The first catalog key from `from` on whose first n bytes are not below
 * head (past: above head): the keys starting with head are
 * [first_key(0, false), first_key(that, true)). A binary search. */
static size_t first_key(size_t from, const char *head, size_t n, bool past)
{
    size_t lo = from, hi = camsim_catalog_table_size;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_prefix(&camsim_catalog_keys[mid], head, n);
        if (c < 0 || (past && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Set in mask the catalog actions pattern a names. A literal names at
 * most one. With a `*`, the candidates are the keys starting with the
 * pattern's literal head (the text before its first `*`): one run, the
 * keys being sorted. A pattern whose only `*` ends it names the whole run,
 * read off the prefix rows; otherwise the glob decides each key of the run
 * that has every byte of the pattern's literals. */
static void resolve_action(const camsim_action_pattern *a, uint64_t *mask)
{
    const char *star = memchr(a->text, '*', a->len);
    if (!star) {
        int i = camsim_catalog_index(a->text, a->len);
        if (i >= 0)
            set_bit(mask, (size_t)i);
        return;
    }
    size_t head = (size_t)(star - a->text);
    size_t first = first_key(0, a->text, head, false);
    size_t end = first_key(first, a->text, head, true);
    if (head + 1 == a->len) {
        const size_t words = camsim_catalog_mask_words;
        const uint64_t *below_first = &camsim_catalog_key_prefix_bits[first * words];
        const uint64_t *below_end = &camsim_catalog_key_prefix_bits[end * words];
        for (size_t w = 0; w < words; w++)
            mask[w] |= below_end[w] & ~below_first[w];
        return;
    }
    uint64_t needs = 0;
    for (size_t i = head; i < a->len; i++)
        if (a->text[i] != '*')
            needs |= camsim_byte_bit((unsigned char)a->text[i]);
    for (size_t k = first; k < end; k++) {
        const camsim_catalog_key *key = &camsim_catalog_keys[k];
        if (!(needs & ~key->bytes) &&
            camsim_glob_match(a->text, a->len, key->key, key->len, false))
            set_bit(mask, key->index);
    }
}

static bool resolve_actions(camsim_policy *p)
{
    p->mask_words = (uint32_t)camsim_catalog_mask_words;
    p->action_masks = camsim_arena_alloc(&p->arena, sizeof(uint64_t) * p->mask_words *
                                                        ((size_t)p->action_count + 1));
    if (!p->action_masks)
        return false;
    for (uint32_t id = 0; id < p->action_count; id++)
        resolve_action(&p->actions[id], &p->action_masks[(size_t)id * p->mask_words]);
    return true;
}

/* The catalog actions statement st can apply to, word w of the bitset:
 * those its action patterns name, less the operation-level ones unless it
 * lists the resource "*" (the only resource they meet). */
static uint64_t statement_actions(const camsim_policy *p, const camsim_statement *st, size_t w)
{
    uint64_t word = 0;
    for (uint32_t i = 0; i < st->action_count; i++)
        word |= p->action_masks[(size_t)st->action_ids[i] * p->mask_words + w];
    if (!st->resource_has_star)
        word &= ~camsim_catalog_operation_level[w];
    return word;
}

/* ---- keys ------------------------------------------------------------ */

/* A slice of a pattern's sixth segment, as a key of the table `kind`. */
typedef struct pattern_key {
    camsim_key_kind kind;
    const char *text;
    size_t len;
} pattern_key;

static const char *service_of(const camsim_resource_pattern *r)
{
    return r->text + r->service.off;
}

/* Pattern r's slice for a table of this kind: its whole sixth segment
 * (exact), what follows its last `*` (tail) or what precedes its first
 * (head). A request matching r has that slice at the same place. */
static pattern_key key_slice(const camsim_resource_pattern *r, camsim_key_kind kind)
{
    const char *seg = r->text + r->resource.off;
    size_t len = r->resource.len;
    if (kind == CAMSIM_KEY_TAIL) {
        size_t k = len;
        while (k > 0 && seg[k - 1] != '*')
            k--;
        return (pattern_key){kind, seg + k, len - k};
    }
    if (kind == CAMSIM_KEY_HEAD) {
        const char *star = memchr(seg, '*', len);
        return (pattern_key){kind, seg, star ? (size_t)(star - seg) : len};
    }
    return (pattern_key){kind, seg, len};
}

/* The keys pattern r could be filed under, in order of preference, into
 * keys; returns how many (0 to 2). None when its service is not literal or
 * its sixth segment has a policy variable (nor for "*"); its whole sixth
 * segment when that is literal; otherwise its tail and its head, those
 * that are not empty. */
static int candidate_keys(const camsim_resource_pattern *r, pattern_key keys[2])
{
    if (r->any || r->service.any || memchr(service_of(r), '*', r->service.len) ||
        r->resource.has_var)
        return 0;
    if (!memchr(r->text + r->resource.off, '*', r->resource.len)) {
        keys[0] = key_slice(r, CAMSIM_KEY_EXACT);
        return 1;
    }
    int n = 0;
    for (camsim_key_kind kind = CAMSIM_KEY_TAIL; kind <= CAMSIM_KEY_HEAD; kind++) {
        keys[n] = key_slice(r, kind);
        n += keys[n].len > 0;
    }
    return n;
}

static bool holds_length(const camsim_key_lengths *l, size_t n)
{
    for (uint32_t i = 0; i < l->count; i++)
        if (l->len[i] == n)
            return true;
    return false;
}

/* Does a table with these lengths take a key of length n: the exact table
 * takes any; tail and head tables the lengths they hold, and new ones while
 * they have room (added here). */
static bool take_length(camsim_key_lengths *l, camsim_key_kind kind, size_t n)
{
    if (kind == CAMSIM_KEY_EXACT || holds_length(l, n))
        return true;
    if (l->count == CAMSIM_MAX_KEY_LENGTHS)
        return false;
    l->len[l->count++] = (uint16_t)n;
    return true;
}

/* ---- 2. the plan ----------------------------------------------------- */

/* One pattern of a keyed statement and the key it is filed under. */
typedef struct filing {
    uint32_t statement;
    const camsim_resource_pattern *pattern;
    pattern_key key;
    uint32_t slot; /* its bucket, once placed (step 3) */
} filing;

typedef struct index_plan {
    bool *keyed; /* per statement */
    camsim_key_lengths lengths[CAMSIM_KEY_KINDS]; /* tail and head tables */
    filing *filings; /* every pattern of the keyed statements, in statement order */
    size_t filing_count;
    size_t per_table[CAMSIM_KEY_KINDS]; /* filings per key table */
} index_plan;

/* Can statement st be keyed: does each of its patterns have a candidate
 * key whose table takes its length? The lengths it needs are added to
 * `lengths` only when the answer is yes. */
static bool key_statement(camsim_key_lengths lengths[CAMSIM_KEY_KINDS],
                          const camsim_statement *st)
{
    camsim_key_lengths trial[CAMSIM_KEY_KINDS];
    memcpy(trial, lengths, sizeof trial);
    for (uint32_t i = 0; i < st->resource_count; i++) {
        pattern_key keys[2];
        int n = candidate_keys(&st->resources[i], keys), k = 0;
        while (k < n && !take_length(&trial[keys[k].kind], keys[k].kind, keys[k].len))
            k++;
        if (k == n)
            return false;
    }
    memcpy(lengths, trial, sizeof trial);
    return true;
}

/* The key a pattern of a keyed statement is filed under: its first
 * candidate whose table holds the length. That is the one key_statement
 * took: a table's lengths only grow, and only while it has room, so a
 * length it could not take then is not there now. */
static pattern_key filed_key(const camsim_key_lengths lengths[CAMSIM_KEY_KINDS],
                             const camsim_resource_pattern *r)
{
    pattern_key keys[2];
    int n = candidate_keys(r, keys), k = 0;
    while (k + 1 < n && keys[k].kind != CAMSIM_KEY_EXACT &&
           !holds_length(&lengths[keys[k].kind], keys[k].len))
        k++;
    return keys[k];
}

static bool plan_index(const camsim_policy *p, camsim_arena *scratch, index_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    plan->keyed = camsim_arena_alloc(scratch, (size_t)p->statement_count + 1);
    if (!plan->keyed)
        return false;
    size_t patterns = 0;
    for (uint32_t s = 0; s < p->statement_count; s++) {
        plan->keyed[s] = key_statement(plan->lengths, &p->statements[s]);
        if (plan->keyed[s])
            patterns += p->statements[s].resource_count;
    }
    plan->filings = camsim_arena_alloc(scratch, sizeof *plan->filings * (patterns + 1));
    if (!plan->filings)
        return false;
    for (uint32_t s = 0; s < p->statement_count; s++) {
        const camsim_statement *st = &p->statements[s];
        for (uint32_t i = 0; plan->keyed[s] && i < st->resource_count; i++) {
            filing *f = &plan->filings[plan->filing_count++];
            *f = (filing){s, &st->resources[i], filed_key(plan->lengths, &st->resources[i]), 0};
            plan->per_table[f->key.kind]++;
        }
    }
    return true;
}

/* ---- 3. key tables --------------------------------------------------- */

/* Hash of a (service, key) pair, as the key tables store it. */
static uint64_t key_hash(const char *service, size_t service_len, const char *key, size_t key_len)
{
    return camsim_hash_mix(camsim_hash_mix(0x243F6A8885A308D3ull, service, service_len), key,
                           key_len);
}

/* Is (service, key) the key of bucket owner r in a table of this kind? */
static bool same_key(const camsim_resource_pattern *r, camsim_key_kind kind, const char *service,
                     size_t service_len, const char *key, size_t key_len)
{
    pattern_key own = key_slice(r, kind);
    return r->service.len == service_len && own.len == key_len &&
           memcmp(service_of(r), service, service_len) == 0 && memcmp(own.text, key, key_len) == 0;
}

/* The bucket of filing f: the slot whose owner has f's key, or the empty
 * slot where probing ends (f's pattern becomes its owner). */
static uint32_t place(camsim_key_table *t, const filing *f)
{
    const camsim_resource_pattern *r = f->pattern;
    uint64_t h = key_hash(service_of(r), r->service.len, f->key.text, f->key.len);
    for (uint32_t slot = (uint32_t)h & t->mask;; slot = (slot + 1) & t->mask) {
        camsim_key_bucket *b = &t->buckets[slot];
        if (!b->owner) {
            b->owner = r;
            return slot;
        }
        if (same_key(b->owner, f->key.kind, service_of(r), r->service.len, f->key.text,
                     f->key.len))
            return slot;
    }
}

/* Key table `kind` from the plan: each filing placed in its bucket (and
 * counted there), the buckets laid out one after the other in items, then
 * each statement stored in its buckets, in statement order. A statement
 * filing two patterns under one key is stored once. */
static bool fill_key_table(camsim_policy *p, camsim_key_kind kind, index_plan *plan)
{
    camsim_key_table *t = &p->keys[kind];
    size_t n = plan->per_table[kind];
    t->lengths = plan->lengths[kind];
    if (n == 0)
        return true;
    uint32_t cap = 16;
    while (cap < n + n / 2)
        cap *= 2;
    t->mask = cap - 1;
    t->buckets = camsim_arena_alloc(&p->arena, sizeof *t->buckets * cap);
    t->items = camsim_arena_alloc(&p->arena, sizeof *t->items * n);
    t->actions = camsim_arena_alloc(&p->arena, sizeof *t->actions * p->mask_words);
    if (!t->buckets || !t->items || !t->actions)
        return false;
    for (size_t i = 0; i < plan->filing_count; i++) {
        filing *f = &plan->filings[i];
        if (f->key.kind != kind)
            continue;
        f->slot = place(t, f);
        t->buckets[f->slot].count++;
        for (size_t w = 0; w < p->mask_words; w++)
            t->actions[w] |= statement_actions(p, &p->statements[f->statement], w);
    }
    uint32_t total = 0;
    for (uint32_t i = 0; i < cap; i++) {
        t->buckets[i].start = total;
        total += t->buckets[i].count;
        t->buckets[i].count = 0;
    }
    for (size_t i = 0; i < plan->filing_count; i++) {
        const filing *f = &plan->filings[i];
        if (f->key.kind != kind)
            continue;
        camsim_key_bucket *b = &t->buckets[f->slot];
        uint32_t *items = &t->items[b->start];
        if (b->count == 0 || items[b->count - 1] != f->statement)
            items[b->count++] = f->statement;
    }
    return true;
}

void camsim_key_table_lookup(const camsim_policy *p, camsim_key_kind kind, const char *service,
                             size_t service_len, const char *key, size_t key_len,
                             const uint32_t **items, uint32_t *count)
{
    const camsim_key_table *t = &p->keys[kind];
    *count = 0;
    if (!t->buckets)
        return;
    uint64_t hash = key_hash(service, service_len, key, key_len);
    for (uint32_t slot = (uint32_t)hash & t->mask;; slot = (slot + 1) & t->mask) {
        const camsim_key_bucket *b = &t->buckets[slot];
        if (!b->owner)
            return;
        if (CAMSIM_PLANTED(1) || same_key(b->owner, kind, service, service_len, key, key_len)) {
            *items = &t->items[b->start];
            *count = b->count;
            return;
        }
    }
}

/* ---- 4. listed statements ------------------------------------------- */

/* The statements that are not keyed, in order (listed), and per catalog
 * action the bitset of those it can apply to (listed_by_action). */
static bool fill_listed(camsim_policy *p, const index_plan *plan)
{
    uint32_t count = 0;
    for (uint32_t s = 0; s < p->statement_count; s++)
        count += !plan->keyed[s];
    size_t words = ((size_t)count + 63) / 64;
    p->listed_count = count;
    p->listed_words = (uint32_t)words;
    p->listed = camsim_arena_alloc(&p->arena, sizeof *p->listed * ((size_t)count + 1));
    p->listed_by_action = camsim_arena_alloc(
        &p->arena, sizeof *p->listed_by_action * (camsim_catalog_table_size * words + 1));
    if (!p->listed || !p->listed_by_action)
        return false;
    uint32_t j = 0;
    for (uint32_t s = 0; s < p->statement_count; s++) {
        if (plan->keyed[s])
            continue;
        for (size_t w = 0; w < p->mask_words; w++)
            for (uint64_t bits = statement_actions(p, &p->statements[s], w); bits;
                 bits &= bits - 1) {
                size_t a = w * 64 + (size_t)__builtin_ctzll(bits);
                set_bit(&p->listed_by_action[a * words], j);
            }
        p->listed[j++] = s;
    }
    return true;
}

/* ---- the build ------------------------------------------------------- */

static bool build_index(camsim_policy *p, camsim_arena *scratch)
{
    index_plan plan;
    if (!resolve_actions(p) || !plan_index(p, scratch, &plan))
        return false;
    for (camsim_key_kind kind = 0; kind < CAMSIM_KEY_KINDS; kind++)
        if (!fill_key_table(p, kind, &plan))
            return false;
    return fill_listed(p, &plan);
}

bool camsim_policy_build_index(camsim_policy *p, camsim_arena *scratch, camsim_error *err)
{
    if (!build_index(p, scratch) && !CAMSIM_PLANTED(5)) {
        camsim_error_set(err, CAMSIM_E_NOMEM, "out of memory while indexing the policy");
        return false;
    }
    return true;
}
