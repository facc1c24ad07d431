/* ascii.h: ASCII case folding eight bytes at a time, for the names that are
 * matched case-insensitively on every evaluation (actions). Shared with the
 * catalog generator, so both sides hash names alike. */
#ifndef CAMSIM_ASCII_H
#define CAMSIM_ASCII_H

#include <stdint.h>

#include "camsim_tools.h" /* camsim_ascii_lower */

/** Eight bytes as a little-endian number, whatever the host (the generator
 * and the engine may be built for different ones); one load on x86-64. */
static inline uint64_t camsim_load_le64(const char *s)
{
    const unsigned char *b = (const unsigned char *)s;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
           (uint64_t)b[7] << 56;
}

/** The high bit of each byte of w that equals c, and no other bit (no
 * borrow runs between bytes, so the mask is exact). */
static inline uint64_t camsim_word_bytes_equal(uint64_t w, unsigned char c)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t x = w ^ (ones * c);
    return ~(((x & low7) + low7) | x | low7);
}

/** Index of the first byte (in memory order, for a word from
 * camsim_load_le64) whose high bit is set in mask; mask != 0. */
static inline unsigned camsim_first_byte(uint64_t mask)
{
    return (unsigned)__builtin_ctzll(mask) / 8;
}

/** camsim_ascii_lower of each byte of w: bytes 'A'..'Z' get 0x20 added. The
 * sums below stay under 0x100, so no byte carries into the next. */
static inline uint64_t camsim_ascii_lower_word(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full,
                   highs = 0x8080808080808080ull;
    uint64_t h = w & low7;
    uint64_t at_least_a = h + ones * (0x80 - 'A'), above_z = h + ones * (0x7F - 'Z');
    uint64_t upper = at_least_a & ~above_z & ~w & highs;
    return w | (upper >> 2);
}

#endif
