/* catalog_index.h: the lookup index behind camsim_catalog_index(), generated
 * by tools/gen_catalog.c into catalog_data.c next to camsim_catalog_table.
 *
 * camsim_catalog_keys holds every catalog entry's "service:name" in ASCII
 * lowercase, sorted in byte order (strcmp), so that the keys sharing a
 * prefix are adjacent (policy_index.c finds an action pattern's run by a
 * binary search); names are found through a hash table
 * (camsim_catalog_slots). Everything here is immutable. */
#ifndef CAMSIM_CATALOG_INDEX_H
#define CAMSIM_CATALOG_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "ascii.h"

typedef struct camsim_catalog_key {
    const char *key; /**< lowercase "service:name", NUL-terminated */
    size_t index;    /**< position in camsim_catalog_table */
    size_t len;      /**< strlen(key) */
    uint64_t bytes;  /**< camsim_byte_bit of every byte of key, OR-ed */
} camsim_catalog_key;

/** A bit standing for byte c (several bytes share one): a key can only
 * match a pattern whose literal bytes' bits it has, so most keys are ruled
 * out without running the glob (a pattern with many `*` is otherwise
 * globbed against every key of its run). */
static inline uint64_t camsim_byte_bit(unsigned char c)
{
    return 1ull << (c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0')
                                                                         : 36 + c % 28);
}

extern const camsim_catalog_key camsim_catalog_keys[];

/** Row k (camsim_catalog_mask_words words): the camsim_catalog_table bits
 * of camsim_catalog_keys[0 .. k), for k up to the table size. The keys of
 * a run [first, end) are row end less row first: an action pattern such as
 * "trtc:*" resolves to its run's bits in one step per word. */
extern const uint64_t camsim_catalog_key_prefix_bits[];

/** Hash of a name, ASCII case folded, from its length and its first and
 * last eight bytes: a few instructions, distinct enough for the catalog. */
static inline uint64_t camsim_catalog_hash(const char *s, size_t n)
{
    uint64_t first = 0, last = 0;
    if (n >= 8) {
        first = camsim_ascii_lower_word(camsim_load_le64(s));
        last = camsim_ascii_lower_word(camsim_load_le64(s + n - 8));
    } else {
        for (size_t i = 0; i < n; i++)
            first |= (uint64_t)camsim_ascii_lower((unsigned char)s[i]) << (8 * i);
    }
    uint64_t h = (first ^ (last * 0x9E3779B97F4A7C15ull) ^ n) * 0xD6E8FEB86659FD93ull;
    return h >> 32; /* a product's high half depends on every input bit */
}

/** Open addressing over camsim_catalog_hash (linear probing): slot i holds
 * 1 + an index into camsim_catalog_keys, 0 when empty. */
extern const uint16_t camsim_catalog_slots[];
/** Slot count - 1 (a power of two, at least four times the catalog: few probes). */
extern const size_t camsim_catalog_slot_mask;

/** Words in a bitset over camsim_catalog_table (64 actions a word). */
extern const size_t camsim_catalog_mask_words;
/** Bit i set when camsim_catalog_table[i] is operation level. */
extern const uint64_t camsim_catalog_operation_level[];

#endif
