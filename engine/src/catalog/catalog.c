/* catalog.c: the built-in action catalog (docs/catalog.md) and its lookups.
 *
 * The table and its index are generated from corpus/catalog/actions.json by
 * tools/gen_catalog.c (catalog_data.c). Lookups read only immutable data:
 * they allocate nothing and are safe from any number of threads. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "action.h"
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

/* text (any case) equals a lowercase key of the same length: eight bytes
 * at a time, folded on the way. */
static bool same_name(const char *text, const char *key, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (camsim_ascii_lower_word(camsim_load_le64(text + i)) != camsim_load_le64(key + i))
            return false;
    for (; i < n; i++)
        if (camsim_ascii_lower((unsigned char)text[i]) != (unsigned char)key[i])
            return false;
    return true;
}

int camsim_catalog_index(const char *action, size_t len)
{
    if (!action)
        return -1;
    size_t mask = camsim_catalog_slot_mask;
#ifdef CAMSIM_HASH_COLLISIONS
    /* The generated slots are placed by the real hash: walk every key, as a
     * lookup whose hash collided with all of them would. */
    for (size_t k = 0; k <= mask; k++) {
        unsigned slot = camsim_catalog_slots[k];
        const camsim_catalog_key *key = slot ? &camsim_catalog_keys[slot - 1] : NULL;
        if (key && key->len == len && same_name(action, key->key, len))
            return (int)key->index;
    }
    return -1;
#else
    /* Every evaluation comes here: one hash, usually one compare. */
    for (size_t k = (size_t)camsim_catalog_hash(action, len) & mask;; k = (k + 1) & mask) {
        unsigned slot = camsim_catalog_slots[k];
        if (slot == 0)
            return -1;
        const camsim_catalog_key *key = &camsim_catalog_keys[slot - 1];
        if (key->len == len && same_name(action, key->key, len))
            return (int)key->index;
    }
#endif
}

const camsim_action_info *camsim_catalog_find(const char *action)
{
    if (!action)
        return NULL;
    size_t len = strlen(action);
    /* An optional "name/" prefix, in any case (docs/semantics.md, section 2). */
    camsim_action_strip_prefix(action, len, &action, &len);
    int i = camsim_catalog_index(action, len);
    return i < 0 ? NULL : &camsim_catalog_table[i];
}
