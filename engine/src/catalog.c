/* catalog.c: the built-in action catalog (docs/catalog.md) and its lookups.
 *
 * The table and its index are generated from corpus/catalog/actions.json by
 * tools/gen_catalog.c (catalog_data.c). Lookups read only immutable data:
 * they allocate nothing and are safe from any number of threads. */
#include <stddef.h>
#include <string.h>

#include "camsim/camsim.h"
#include "catalog_index.h"
#include "catalog_table.h"

size_t camsim_catalog_count(void)
{
    return camsim_catalog_table_size;
}

const camsim_action_info *camsim_catalog_at(size_t i)
{
    return i < camsim_catalog_table_size ? &camsim_catalog_table[i] : NULL;
}

static unsigned char ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Compare len bytes of text, lowercased, with a lowercase key. */
static int compare_key(const char *text, const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = ascii_lower((unsigned char)text[i]);
        unsigned char b = (unsigned char)key[i];
        if (a != b)
            return a < b ? -1 : 1;
    }
    return 0;
}

/* Only keys of exactly this length can match: binary search that bucket
 * (the case-folding lookup; the evaluator's lowercase one hashes). */
static int search(const char *action, size_t len)
{
    if (!action || len == 0 || len > camsim_catalog_key_max)
        return -1;
    size_t lo = camsim_catalog_len_start[len];
    size_t hi = camsim_catalog_len_start[len + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(action, camsim_catalog_keys[mid].key, len);
        if (c == 0)
            return (int)camsim_catalog_keys[mid].index;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

int camsim_catalog_index(const char *action, size_t len)
{
    return search(action, len);
}

int camsim_catalog_index_lower(const char *action, size_t len)
{
    /* The hot path (every evaluation): one hash, usually one compare. */
    size_t mask = camsim_catalog_slot_mask;
    for (size_t k = (size_t)camsim_catalog_hash(action, len) & mask;; k = (k + 1) & mask) {
        unsigned slot = camsim_catalog_slots[k];
        if (slot == 0)
            return -1;
        const camsim_catalog_key *key = &camsim_catalog_keys[slot - 1];
        if (key->len == len && memcmp(key->key, action, len) == 0)
            return (int)key->index;
    }
}

const camsim_action_info *camsim_catalog_find(const char *action)
{
    if (!action)
        return NULL;
    size_t len = strlen(action);
    /* An optional "name/" prefix, in any case (docs/semantics.md, section 2). */
    if (len >= 5 && compare_key(action, "name/", 5) == 0) {
        action += 5;
        len -= 5;
    }
    int i = camsim_catalog_index(action, len);
    return i < 0 ? NULL : &camsim_catalog_table[i];
}
