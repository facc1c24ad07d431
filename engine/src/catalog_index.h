/* catalog_index.h: the lookup index behind camsim_catalog_index(), generated
 * by tools/gen_catalog.c into catalog_data.c next to camsim_catalog_table.
 *
 * camsim_catalog_keys holds every catalog entry's "service:name" in ASCII
 * lowercase, sorted by length and then byte order (unsigned). The keys of
 * length L are camsim_catalog_keys[camsim_catalog_len_start[L]] up to (not
 * including) camsim_catalog_keys[camsim_catalog_len_start[L + 1]], for
 * 0 <= L <= camsim_catalog_key_max. Everything here is immutable. */
#ifndef CAMSIM_CATALOG_INDEX_H
#define CAMSIM_CATALOG_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct camsim_catalog_key {
    const char *key; /**< lowercase "service:name", NUL-terminated */
    size_t index;    /**< position in camsim_catalog_table */
    size_t len;      /**< strlen(key) */
    uint64_t bytes;  /**< camsim_byte_bit of every byte of key, OR-ed */
} camsim_catalog_key;

/** A bit standing for byte c (several bytes share one): a key can only
 * match a pattern whose literal bytes' bits it has, so most keys are ruled
 * out without running the glob. */
static inline uint64_t camsim_byte_bit(unsigned char c)
{
    return 1ull << (c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0')
                                                                         : 36 + c % 28);
}

extern const camsim_catalog_key camsim_catalog_keys[];
/** The same keys in byte order only: keys sharing a prefix are adjacent
 * (how compiling finds the actions a pattern like "trtc:describe*" names). */
extern const camsim_catalog_key camsim_catalog_keys_by_text[];
/** Row i (camsim_catalog_mask_words words) is the XOR of the bits of
 * camsim_catalog_keys_by_text[0 .. i); the actions of the run [a, b) are
 * row a XOR row b. */
extern const uint64_t camsim_catalog_run_bits[];
/** Length of the longest key. */
extern const size_t camsim_catalog_key_max;
/** camsim_catalog_key_max + 2 bucket bounds, indexed by key length. */
extern const uint16_t camsim_catalog_len_start[];

/** Eight bytes as a little-endian number, whatever the host (the generator
 * and the engine may be built for different ones); one load on x86-64. */
static inline uint64_t camsim_load_le64(const char *s)
{
    const unsigned char *b = (const unsigned char *)s;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
           (uint64_t)b[7] << 56;
}

/** Hash of a key from its length and its first and last eight bytes: a few
 * instructions, and distinct enough for a table of catalog names. */
static inline uint64_t camsim_catalog_hash(const char *s, size_t n)
{
    uint64_t first = 0, last = 0;
    if (n >= 8) {
        first = camsim_load_le64(s);
        last = camsim_load_le64(s + n - 8);
    } else {
        for (size_t i = 0; i < n; i++)
            first |= (uint64_t)(unsigned char)s[i] << (8 * i);
    }
    uint64_t h = (first ^ (last * 0x9E3779B97F4A7C15ull) ^ n) * 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

/** Open addressing over camsim_catalog_hash (linear probing): slot i holds
 * 1 + an index into camsim_catalog_keys, 0 when empty. */
extern const uint16_t camsim_catalog_slots[];
/** Slot count - 1 (a power of two, at least twice the catalog). */
extern const size_t camsim_catalog_slot_mask;

/** Words in a bitset over camsim_catalog_table (64 actions a word). */
extern const size_t camsim_catalog_mask_words;
/** Bit i set when camsim_catalog_table[i] is operation level. */
extern const uint64_t camsim_catalog_operation_level[];

#endif
