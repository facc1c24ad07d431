/* block_cache.h: the memory blocks arenas are made of, kept for reuse when a
 * policy is freed.
 *
 * Why: glibc gives the memory of a freed policy back to the kernel. Its
 * blocks coalesce past the trim threshold, and the consolidation that comes
 * with it also merges every small chunk malloc was holding (the previous
 * cJSON tree) into the top of the heap, which is then trimmed. A process that
 * compiles policy after policy (a reloading service, the benchmark) then
 * faults every page in again: half the parse time of a 10,000-statement set
 * (docs/performance.md). Blocks come in size classes (4 KiB to 32 MiB, two
 * per power of two) so a freed block fits the next policy's request; at most
 * CAMSIM_BLOCK_CACHE_BYTES are kept, the rest goes back to malloc.
 *
 * Thread-safe: one block of each small class sits in a slot taken and
 * filled with an atomic exchange, the rest in lists under one mutex (held
 * for a push or pop).
 *
 * On in every build, sanitizer and fuzz builds included: under
 * AddressSanitizer a cached block is poisoned, so a use after free of a
 * policy is still reported (use-after-poison) instead of reading a recycled
 * block; under MemorySanitizer its bytes count as uninitialized again. How
 * this keeps LeakSanitizer's verdict right, and why the cache is not
 * released at exit: block_cache.c. */
#ifndef CAMSIM_BLOCK_CACHE_H
#define CAMSIM_BLOCK_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/** Idle bytes the cache's lists keep at most (the small-class slots add at most 214 KiB). */
#define CAMSIM_BLOCK_CACHE_BYTES (16u * 1024u * 1024u)

/**
 * A block of at least *size bytes; *size is set to its real size (the size
 * class), which must be passed back to camsim_block_put. zeroed: the memory
 * is all zero bytes. NULL when memory runs out (*size is then unchanged).
 */
void *camsim_block_get(size_t *size, bool zeroed);

/** Give back a block from camsim_block_get with the size it reported. NULL is ignored. */
void camsim_block_put(void *block, size_t size);

/** Free every cached block (see camsim_release_memory in camsim.h). */
void camsim_block_cache_release(void);

/**
 * Bytes the cache holds now. An internal diagnostic, not API: this header is
 * not installed and the shared library does not export it (camsim.map). It
 * stays in the engine rather than in engine/testing because it reads the
 * cache's private state (the lists and slots are static to block_cache.c);
 * a test-only copy would need that state made visible to every file of the
 * library. The unit tests use it to see blocks enter and leave the cache.
 */
size_t camsim_block_cache_bytes(void);

#endif
