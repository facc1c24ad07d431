/* asan.h: telling AddressSanitizer about memory the engine manages itself
 * (the block cache, the arenas), so that what it would report between two
 * malloc'd objects it also reports there. Without ASan the macros vanish. */
#ifndef CAMSIM_ASAN_H
#define CAMSIM_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define CAMSIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CAMSIM_ASAN 1
#endif
#endif

#ifdef CAMSIM_ASAN
#include <sanitizer/asan_interface.h>
/** Any access to [p, p + n) is now a report (use-after-poison). */
#define CAMSIM_ASAN_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
/** [p, p + n) may be used again. */
#define CAMSIM_ASAN_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define CAMSIM_ASAN_POISON(p, n) ((void)(p), (void)(n))
#define CAMSIM_ASAN_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#endif
