/* hash.h: the byte-string hash of the compiler's tables (interned action
 * patterns, resource keys). Eight bytes at a time: the resource keys are
 * hashed again on every evaluation. */
#ifndef CAMSIM_HASH_H
#define CAMSIM_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** Mix n bytes of s into h. */
static inline uint64_t camsim_hash_mix(uint64_t h, const char *s, size_t n)
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
    for (size_t i = 0; i < n; i++) /* a loop, not a memcpy of variable size (a call) */
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w ^ ((uint64_t)n << 56)) * k;
    h ^= h >> 29;
#ifdef CAMSIM_HASH_COLLISIONS
    h &= 3; /* fuzz builds: every key collides with a quarter of the others */
#endif
    return h;
}

#endif
