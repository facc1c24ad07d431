/* test_arena.c: the compiled policy's bump allocator (arena.h) and the block
 * cache behind it (block_cache.h). */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit_util.h"

#include "arena.h"
#include "block_cache.h"
#include "camsim/camsim.h"

#include "asan.h" /* CAMSIM_ASAN, and <sanitizer/asan_interface.h> with it */

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Every size around the block and large-request boundaries: aligned,
 * zeroed, writable in full, and not overlapping what came before. */
static void test_alloc_sizes(void **state)
{
    (void)state;
    camsim_arena a;
    /* The first request of an arena may be larger than its first block. */
    for (size_t n = CAMSIM_ARENA_LARGE - 40; n <= CAMSIM_ARENA_LARGE; n++) {
        camsim_arena_init(&a, 0);
        unsigned char *p = camsim_arena_alloc(&a, n);
        assert_non_null(p);
        memset(p, 0xAB, n);
        char *s = camsim_arena_strndup(&a, (const char *)p, n - 1);
        assert_non_null(s);
        camsim_arena_free(&a);
    }
    camsim_arena_init(&a, 0);
    unsigned char *prev = NULL;
    size_t prev_n = 0;
    for (size_t n = 0; n <= 2 * CAMSIM_ARENA_LARGE + 64; n += (n < 64 || n > 4000) ? 1 : 61) {
        unsigned char *p = camsim_arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % CAMSIM_ARENA_ALIGN, 0);
        assert_true(all_zero(p, n));
        memset(p, 0xAB, n);
        if (prev) /* the previous allocation is intact */
            for (size_t i = 0; i < prev_n; i++)
                assert_int_equal(prev[i], 0xAB);
        prev = p;
        prev_n = n;
    }
    assert_true(a.total > 0);
    camsim_arena_free(&a);
    assert_int_equal(a.total, 0);
}

static void test_strndup(void **state)
{
    (void)state;
    camsim_arena a;
    camsim_arena_init(&a, 100);
    char text[3 * CAMSIM_ARENA_LARGE];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + i % 26);
    for (size_t n = 0; n < sizeof text; n += n < 100 ? 1 : 997) {
        char *s = camsim_arena_strndup(&a, text, n);
        assert_non_null(s);
        assert_memory_equal(s, text, n);
        assert_int_equal(s[n], '\0');
    }
    camsim_arena_free(&a);
}

/* A borrowed first block is used, then left alone when the arena is freed. */
static void test_borrowed_buffer(void **state)
{
    (void)state;
    union {
        unsigned char bytes[512];
        uint64_t align;
    } buf;
    camsim_arena a;
    camsim_arena_init_with(&a, &buf, sizeof buf);
    unsigned char *p = camsim_arena_alloc(&a, 64);
    assert_true(p >= buf.bytes && p < buf.bytes + sizeof buf);
    assert_int_equal(a.total, 0); /* nothing of its own yet */
    for (int i = 0; i < 100; i++)
        assert_non_null(camsim_arena_alloc(&a, 100)); /* spills into cached blocks */
    assert_true(a.total > 0);
    camsim_arena_free(&a);
}

/* Freed blocks are kept for the next arena, up to the cache's bound, and
 * camsim_release_memory() gives them all back (in every build: sanitizer
 * builds keep the cache too). */
static void test_cache_reuse_and_release(void **state)
{
    (void)state;
    camsim_release_memory();
    assert_int_equal(camsim_block_cache_bytes(), 0);
    size_t size = 5000;
    void *b = camsim_block_get(&size, true);
    assert_non_null(b);
    assert_true(size >= 5000);
    assert_true(all_zero(b, size));
    memset(b, 0xCD, size);
    camsim_block_put(b, size);
    size_t cached = camsim_block_cache_bytes();
    assert_int_equal(cached, size);
    size_t again = 5000;
    void *c = camsim_block_get(&again, true); /* the same block, zeroed again */
    assert_ptr_equal(c, b);
    assert_int_equal(again, size);
    assert_true(all_zero(c, again));
    camsim_block_put(c, again);

    /* The bound: blocks beyond CAMSIM_BLOCK_CACHE_BYTES go back to malloc
     * (1 MiB blocks are above the small classes kept in lock-free slots). */
    camsim_release_memory();
    enum { N = 40 };
    void *blocks[N];
    size_t sizes[N];
    for (int i = 0; i < N; i++) {
        sizes[i] = 1024 * 1024;
        blocks[i] = camsim_block_get(&sizes[i], false);
        assert_non_null(blocks[i]);
    }
    for (int i = 0; i < N; i++)
        camsim_block_put(blocks[i], sizes[i]);
    assert_true(camsim_block_cache_bytes() <= CAMSIM_BLOCK_CACHE_BYTES);
    camsim_release_memory();
    assert_int_equal(camsim_block_cache_bytes(), 0);
}

/* The size classes (block_cache.c): 4 KiB, then each power of two and one
 * and a half times it, so a request is rounded up by at most a third. A
 * block of every class, the smallest too, is kept when given back, counted
 * by camsim_block_cache_bytes and handed out again. */
static void test_block_classes(void **state)
{
    (void)state;
    static const size_t asked[][2] = {
        {1, 4096},     {4096, 4096},   {4097, 6144},       {6144, 6144},
        {6145, 8192},  {8192, 8192},   {8193, 12288},      {12289, 16384},
        {1u << 20, 1u << 20},          {(1u << 20) + 1, 3u << 19},
    };
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
        camsim_release_memory();
        size_t size = asked[i][0];
        void *b = camsim_block_get(&size, false);
        assert_non_null(b);
        assert_int_equal(size, asked[i][1]);
        camsim_block_put(b, size);
        assert_int_equal(camsim_block_cache_bytes(), size);
        size_t again = asked[i][0];
        void *c = camsim_block_get(&again, false);
        assert_ptr_equal(c, b);
        assert_int_equal(again, size);
        camsim_block_put(c, again);
    }
    camsim_release_memory();
    assert_int_equal(camsim_block_cache_bytes(), 0);
}

/* A policy's blocks go to the cache when it is freed, and the next policy
 * takes them from there. */
static void test_policies_recycle_blocks(void **state)
{
    (void)state;
    camsim_release_memory();
    const char *doc = "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\","
                      "\"action\":\"trtc:*\",\"resource\":\"*\"}}";
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), NULL);
    assert_non_null(p);
    camsim_policy_free(p);
    size_t cached = camsim_block_cache_bytes();
    p = camsim_policy_parse(doc, strlen(doc), NULL);
    assert_non_null(p);
    assert_true(camsim_block_cache_bytes() <= cached);
    camsim_policy_free(p);
    assert_int_equal(camsim_block_cache_bytes(), cached);
    camsim_release_memory();
}

/* Under AddressSanitizer a cached block is poisoned but for its first word
 * (the cache's link, which LeakSanitizer must be able to follow), and
 * addressable again in full once it is taken out. A freed policy's handle
 * lives in such a block, so reading it is reported. Skipped elsewhere. */
static void test_cached_blocks_are_poisoned(void **state)
{
    (void)state;
#ifdef CAMSIM_ASAN
    camsim_release_memory();
    size_t size = 5000;
    unsigned char *b = camsim_block_get(&size, false);
    assert_non_null(b);
    assert_null(__asan_region_is_poisoned(b, size));
    memset(b, 0x5A, size);
    camsim_block_put(b, size);
    assert_false(__asan_address_is_poisoned(b));
    assert_ptr_equal(__asan_region_is_poisoned(b, size), b + sizeof(void *));
    assert_true(__asan_address_is_poisoned(b + size - 1));
    size_t again = 5000;
    unsigned char *c = camsim_block_get(&again, false);
    assert_ptr_equal(c, b);
    assert_null(__asan_region_is_poisoned(c, again));
    camsim_block_put(c, again);
    camsim_release_memory();

    const char *doc = "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\","
                      "\"action\":\"trtc:*\",\"resource\":\"*\"}}";
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), NULL);
    assert_non_null(p);
    assert_false(__asan_address_is_poisoned(p));
    camsim_policy_free(p);
    assert_true(camsim_block_cache_bytes() > 0);
    assert_true(__asan_address_is_poisoned(p)); /* only the shadow is read */
    camsim_policy *q = camsim_policy_parse(doc, strlen(doc), NULL);
    assert_non_null(q);
    assert_false(__asan_address_is_poisoned(q));
    assert_int_equal(camsim_policy_statement_count(q), 1);
    camsim_policy_free(q);
    camsim_release_memory();
#else
    skip();
#endif
}

/* Two threads compiling and freeing policies at once share the cache's
 * slots and lists; every policy they build must still decide correctly. */
static void *compile_many(void *arg)
{
    const char *doc = arg;
    for (int i = 0; i < 3000; i++) {
        camsim_policy *p = camsim_policy_parse(doc, strlen(doc), NULL);
        if (!p)
            return (void *)1;
        camsim_request req = {"trtc:DismissRoom", "qcs::trtc::uin/1:sdkappid/1400000001", NULL,
                              NULL, NULL, 0};
        camsim_decision d = {0};
        const camsim_policy *set[1] = {p};
        bool ok = camsim_evaluate(set, 1, NULL, &req, &d, NULL) == CAMSIM_OK &&
                  d.decision == CAMSIM_ALLOW;
        camsim_policy_free(p);
        if (!ok)
            return (void *)1;
    }
    return NULL;
}

static void test_threads_share_the_cache(void **state)
{
    (void)state;
    static char doc[] = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
                        "\"action\":[\"trtc:*\"],\"resource\":\"*\"}]}";
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, compile_many, doc), 0);
    for (int i = 0; i < 2; i++) {
        void *failed = NULL;
        assert_int_equal(pthread_join(t[i], &failed), 0);
        assert_null(failed);
    }
    camsim_release_memory();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_sizes),
        cmocka_unit_test(test_strndup),
        cmocka_unit_test(test_borrowed_buffer),
        cmocka_unit_test(test_cache_reuse_and_release),
        cmocka_unit_test(test_block_classes),
        cmocka_unit_test(test_policies_recycle_blocks),
        cmocka_unit_test(test_cached_blocks_are_poisoned),
        cmocka_unit_test(test_threads_share_the_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
