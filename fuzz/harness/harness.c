/* harness.c: arena, input splitting, byte provider, text building, reporting. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "fault.h"
#include "json_guard.h"
#include "reference/reference.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define FZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FZ_ASAN 1
#endif
#endif
#ifdef FZ_ASAN
#include <sanitizer/asan_interface.h>
#define FZ_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define FZ_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define FZ_POISON(p, n) ((void)(p), (void)(n))
#define FZ_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* ---------------------------------------------------------------- arena */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("camsim-fuzz: out of memory in the harness\n", stderr);
        abort();
    }
    return q;
}

/* Small allocations are carved from 64 KiB chunks: one malloc per chunk
 * instead of one per string keeps the generators cheap under ASan (its
 * malloc, stack depot and quarantine were a third of an eval execution).
 * Under ASan every piece still has exact bounds: a chunk starts poisoned,
 * each piece is unpoisoned at exactly its size and is followed by at least
 * FZ_REDZONE poisoned bytes, so reading one byte past a string the harness
 * hands the engine is still reported. Large pieces get a malloc of their own. */
enum { FZ_CHUNK = 64 * 1024, FZ_LARGE = 2048, FZ_REDZONE = 16 };

typedef struct fz_chunk {
    struct fz_chunk *next;
    size_t size;
} fz_chunk;

static void remember(fz_arena *a, void *p)
{
    if (a->count == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->blocks = xrealloc(a->blocks, a->cap * sizeof *a->blocks);
    }
    a->blocks[a->count++] = p;
}

/* Chunks no arena owns: an arena's chunks come back here when it is freed
 * and serve the next input, so that a steady run takes no malloc (nor its
 * ASan fill, stack capture and page faults) for them. An idle chunk is
 * poisoned (all but its header): a pointer kept from an earlier input still
 * faults when it is used, as a use-after-poison report instead of a
 * heap-use-after-free. */
enum { FZ_IDLE_MAX = 16 };
static fz_chunk *idle_chunks;
static size_t idle_count;

static fz_chunk *chunk_get(void)
{
    fz_chunk *c = idle_chunks;
    if (c) {
        idle_chunks = c->next;
        idle_count--;
    } else {
        c = xrealloc(NULL, FZ_CHUNK);
        c->size = FZ_CHUNK;
    }
    FZ_POISON((unsigned char *)c + sizeof *c, FZ_CHUNK - sizeof *c);
    return c;
}

static void chunk_put(fz_chunk *c)
{
    if (idle_count >= FZ_IDLE_MAX) {
        FZ_UNPOISON(c, c->size);
        free(c);
        return;
    }
    c->next = idle_chunks;
    idle_chunks = c;
    idle_count++;
    /* The header stays addressable: LeakSanitizer skips poisoned words, so a
     * poisoned link would make every chunk behind it look leaked. */
    FZ_POISON((unsigned char *)c + sizeof *c, c->size - sizeof *c);
}

void *fz_alloc(fz_arena *a, size_t n)
{
    size_t need = n ? n : 1;
    if (need > FZ_LARGE) {
        void *p = xrealloc(NULL, need);
        memset(p, 0, need);
        remember(a, p);
        return p;
    }
    uintptr_t at = ((uintptr_t)a->cur + 15) & ~(uintptr_t)15;
    if (!a->cur || at + need + FZ_REDZONE > (uintptr_t)a->end) {
        fz_chunk *c = chunk_get();
        c->next = a->chunks;
        a->chunks = c;
        a->cur = (unsigned char *)c + sizeof(fz_chunk);
        a->end = (unsigned char *)c + FZ_CHUNK;
        at = ((uintptr_t)a->cur + 15) & ~(uintptr_t)15;
    }
    unsigned char *p = (unsigned char *)at;
    FZ_UNPOISON(p, need);
    memset(p, 0, need);
    a->cur = p + need + FZ_REDZONE;
    return p;
}

char *fz_strndup(fz_arena *a, const char *s, size_t n)
{
    char *p = fz_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *fz_strdup(fz_arena *a, const char *s)
{
    return fz_strndup(a, s, strlen(s));
}

char *fz_printf(fz_arena *a, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if ((size_t)n < sizeof small)
        return fz_strndup(a, small, (size_t)n);
    char *p = fz_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void fz_arena_free(fz_arena *a)
{
    for (size_t i = 0; i < a->count; i++)
        free(a->blocks[i]);
    free(a->blocks);
    while (a->chunks) {
        fz_chunk *next = a->chunks->next;
        chunk_put(a->chunks);
        a->chunks = next;
    }
    a->blocks = NULL;
    a->count = a->cap = 0;
    a->cur = a->end = NULL;
}

char *fz_out_buf(size_t cap)
{
    char *b = malloc(cap);
    if (!b && cap) {
        fputs("camsim-fuzz: out of memory in the harness\n", stderr);
        abort();
    }
    if (cap)
        memset(b, '#', cap);
    return b;
}

void fz_out_free(char *buf)
{
    free(buf);
}

/* ---------------------------------------------------------------- allocation failures */

/* Set by fz_fault_set: an allocation failure is armed and has not fired. */
static bool fault_armed;

#if CAMSIM_FAULT_INJECTION
static void *cjson_malloc(size_t n)
{
    return camsim_fault_malloc(n);
}
#endif

void fz_fault_init(void)
{
#if CAMSIM_FAULT_INJECTION
    /* free stays free(): what cJSON prints (camsim_policy_canonical) is
     * released by the caller with free(). */
    cJSON_Hooks hooks = {cjson_malloc, free};
    cJSON_InitHooks(&hooks);
#endif
}

/* ---------------------------------------------------------------- cJSON pool
 * Pieces are bump-allocated from FZ_CHUNK chunks. Each piece is
 *   [16-byte header: size, tag][size bytes][poisoned up to the next header]
 * Under ASan only the size bytes are addressable (the header, kept poisoned,
 * is the redzone of the piece before), and a freed piece is poisoned again
 * and never handed out twice within an input, so overflows and
 * use-after-free inside cJSON or the engine are still reported. Pieces larger
 * than FZ_POOL_LARGE, and every piece while an allocation failure is armed
 * (so that "the N-th allocation" keeps counting cJSON's), are real
 * mallocs. */
enum { FZ_POOL_LARGE = 4096, FZ_POOL_HEADER = 16 };
static const uintptr_t POOL_LIVE = 0x6c697665u, POOL_FREED = 0x66726565u;

static struct {
    fz_chunk *chunks; /* in use this input, newest first */
    unsigned char *cur, *end;
    size_t live;      /* allocations not yet freed, pool and heap */
    size_t counted;   /* pool pieces since the last fz_fault_set */
    bool installed;
} pool;

static bool in_pool(const void *p)
{
    for (const fz_chunk *c = pool.chunks; c; c = c->next)
        if ((const unsigned char *)p > (const unsigned char *)c &&
            (const unsigned char *)p < (const unsigned char *)c + c->size)
            return true;
    return false;
}

static void *pool_malloc(size_t n)
{
    size_t need = n ? n : 1;
    if (fault_armed || need > FZ_POOL_LARGE) {
        void *p = camsim_fault_malloc(need);
        if (p)
            pool.live++;
        return p;
    }
    uintptr_t at = ((uintptr_t)pool.cur + 15) & ~(uintptr_t)15;
    if (!pool.cur || at + FZ_POOL_HEADER + need + FZ_POOL_HEADER > (uintptr_t)pool.end) {
        fz_chunk *c = chunk_get();
        c->next = pool.chunks;
        pool.chunks = c;
        pool.cur = (unsigned char *)c + sizeof(fz_chunk);
        pool.end = (unsigned char *)c + FZ_CHUNK;
        at = ((uintptr_t)pool.cur + 15) & ~(uintptr_t)15;
    }
    uintptr_t *h = (uintptr_t *)at;
    FZ_UNPOISON(h, FZ_POOL_HEADER);
    h[0] = need;
    h[1] = POOL_LIVE;
    FZ_POISON(h, FZ_POOL_HEADER);
    unsigned char *p = (unsigned char *)at + FZ_POOL_HEADER;
    FZ_UNPOISON(p, need);
    pool.cur = p + need;
    pool.live++;
    pool.counted++;
    return p;
}

static void pool_free(void *p)
{
    if (!p)
        return;
    if (!in_pool(p)) {
        pool.live--;
        free(p);
        return;
    }
    uintptr_t *h = (uintptr_t *)((unsigned char *)p - FZ_POOL_HEADER);
    FZ_UNPOISON(h, FZ_POOL_HEADER);
    uintptr_t size = h[0], tag = h[1];
    h[1] = POOL_FREED;
    FZ_POISON(h, FZ_POOL_HEADER);
    if (tag != POOL_LIVE) {
        fprintf(stderr, "camsim-fuzz: cJSON freed %p %s\n", p,
                tag == POOL_FREED ? "twice (double free)" : "which it never allocated");
        abort();
    }
    FZ_POISON(p, size);
    pool.live--;
}

void fz_cjson_pool_init(void)
{
    cJSON_Hooks hooks = {pool_malloc, pool_free};
    cJSON_InitHooks(&hooks);
    pool.installed = true;
}

void fz_cjson_pool_end(const char *target)
{
    if (!pool.installed)
        return;
    if (pool.live != 0)
        fz_fail(target, "%zu cJSON allocation%s never freed in this input (a leaked cJSON "
                "tree or string)", pool.live, pool.live == 1 ? " was" : "s were");
    while (pool.chunks) {
        fz_chunk *next = pool.chunks->next;
        chunk_put(pool.chunks);
        pool.chunks = next;
    }
    pool.cur = pool.end = NULL;
}

bool fz_fault_available(void)
{
    return CAMSIM_FAULT_INJECTION != 0;
}

void fz_fault_set(size_t n)
{
#if CAMSIM_FAULT_INJECTION
    camsim_fault_set(n);
    fault_armed = n != 0;
    pool.counted = 0;
#else
    (void)n;
#endif
}

size_t fz_fault_count(void)
{
#if CAMSIM_FAULT_INJECTION
    return camsim_fault_count() + pool.counted;
#else
    return 0;
#endif
}

bool fz_fault_fired(void)
{
#if CAMSIM_FAULT_INJECTION
    return camsim_fault_fired();
#else
    return false;
#endif
}

/* ---------------------------------------------------------------- splitting */

size_t fz_split(fz_arena *a, const uint8_t *data, size_t size, char **fields, size_t *lens,
                size_t max)
{
    const size_t seplen = sizeof FZ_SEPARATOR - 1;
    size_t n = 0, start = 0;
    for (size_t i = 0; n + 1 < max && i + seplen <= size; i++) {
        if (memcmp(data + i, FZ_SEPARATOR, seplen) == 0) {
            fields[n] = fz_strndup(a, (const char *)data + start, i - start);
            lens[n++] = i - start;
            start = i + seplen;
            i = start - 1;
        }
    }
    fields[n] = fz_strndup(a, (const char *)data + start, size - start);
    lens[n++] = size - start;
    for (size_t i = n; i < max; i++) {
        fields[i] = fz_strdup(a, "");
        lens[i] = 0;
    }
    return n;
}

/* ---------------------------------------------------------------- provider */

void fz_provider_init(fz_provider *p, fz_arena *a, const uint8_t *data, size_t size)
{
    p->data = data;
    p->size = size;
    p->pos = 0;
    p->arena = a;
}

size_t fz_remaining(const fz_provider *p)
{
    return p->size - p->pos;
}

uint8_t fz_u8(fz_provider *p)
{
    return p->pos < p->size ? p->data[p->pos++] : 0;
}

uint16_t fz_u16(fz_provider *p)
{
    uint16_t hi = fz_u8(p);
    return (uint16_t)(hi << 8 | fz_u8(p));
}

uint32_t fz_u32(fz_provider *p)
{
    uint32_t hi = fz_u16(p);
    return hi << 16 | fz_u16(p);
}

bool fz_bool(fz_provider *p)
{
    return fz_u8(p) & 1;
}

size_t fz_range(fz_provider *p, size_t n)
{
    if (n <= 1) {
        return 0;
    }
    if (n <= 256)
        return fz_u8(p) % n;
    return fz_u16(p) % n;
}

char *fz_string(fz_provider *p, size_t max)
{
    char *out = fz_alloc(p->arena, max + 1);
    size_t n = 0;
    while (n < max && p->pos < p->size) {
        uint8_t c = p->data[p->pos++];
        if (c == '\\' && p->pos < p->size) {
            uint8_t d = p->data[p->pos++];
            if (d != '\\')
                break;
        }
        if (c != '\0')
            out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

/* ---------------------------------------------------------------- text building */

/* Builders' buffers are kept for the next builder (a handful, each at most
 * FZ_CHUNK bytes): most builders are short-lived (one resource, one policy
 * document) and would otherwise cost a malloc, a realloc or two and a free
 * each. An idle buffer is poisoned whole; the text a builder hands out is
 * always a copy (fz_buf_finish), so no caller ever holds a pointer into one. */
enum { FZ_BUF_IDLE = 8 };
static struct {
    char *s;
    size_t cap;
} idle_bufs[FZ_BUF_IDLE];
static size_t idle_buf_count;

void fz_buf_put(fz_buf *b, const char *s, size_t n)
{
    if (!b->s && idle_buf_count) {
        idle_buf_count--;
        b->s = idle_bufs[idle_buf_count].s;
        b->cap = idle_bufs[idle_buf_count].cap;
        b->len = 0;
        FZ_UNPOISON(b->s, b->cap);
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void fz_buf_puts(fz_buf *b, const char *s)
{
    fz_buf_put(b, s, strlen(s));
}

void fz_buf_printf(fz_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if ((size_t)n < sizeof small) {
        fz_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    fz_buf_put(b, big, (size_t)n);
    free(big);
}

void fz_buf_json_string(fz_buf *b, const char *s)
{
    fz_buf_put(b, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        /* A run of bytes that need no escaping is copied at once. */
        const unsigned char *run = c;
        while (*c >= 0x20 && *c != '"' && *c != '\\')
            c++;
        if (c > run)
            fz_buf_put(b, (const char *)run, (size_t)(c - run));
        if (!*c)
            break;
        switch (*c) {
        case '"': fz_buf_put(b, "\\\"", 2); break;
        case '\\': fz_buf_put(b, "\\\\", 2); break;
        case '\n': fz_buf_put(b, "\\n", 2); break;
        case '\r': fz_buf_put(b, "\\r", 2); break;
        case '\t': fz_buf_put(b, "\\t", 2); break;
        default:
            if (*c < 0x20)
                fz_buf_printf(b, "\\u%04x", *c);
            else
                fz_buf_put(b, (const char *)c, 1);
        }
    }
    fz_buf_put(b, "\"", 1);
}

char *fz_buf_finish(fz_buf *b, fz_arena *a)
{
    char *s = fz_strndup(a, b->s ? b->s : "", b->len);
    fz_buf_free(b);
    return s;
}

void fz_buf_free(fz_buf *b)
{
    if (b->s && idle_buf_count < FZ_BUF_IDLE && b->cap <= FZ_CHUNK) {
        FZ_POISON(b->s, b->cap);
        idle_bufs[idle_buf_count].s = b->s;
        idle_bufs[idle_buf_count].cap = b->cap;
        idle_buf_count++;
    } else {
        free(b->s);
    }
    b->s = NULL;
    b->len = b->cap = 0;
}

/* ---------------------------------------------------------------- reporting */

void fz_dump(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "  %s (%zu bytes): ", label, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            fputs("\\\\", stderr);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, stderr);
        else if (c == '\n')
            fputs("\\n", stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fputc('\n', stderr);
}

/* The notes of the input being run. Fuzz targets run one input at a time in
 * one thread, so a small fixed table is enough; it is reset per input. */
enum { FZ_MAX_NOTES = 64 };
static struct {
    const char *label;
    const char *text;
    const char *(*lazy)(const void *ctx);
    const void *ctx;
} notes[FZ_MAX_NOTES];
static size_t note_count;

void fz_note_reset(void)
{
    note_count = 0;
}

void fz_note(const char *label, const char *text)
{
    if (note_count < FZ_MAX_NOTES) {
        notes[note_count].label = label;
        notes[note_count].text = text ? text : "(null)";
        notes[note_count].lazy = NULL;
        note_count++;
    }
}

void fz_note_lazy(const char *label, const char *(*text)(const void *ctx), const void *ctx)
{
    if (note_count < FZ_MAX_NOTES) {
        notes[note_count].label = label;
        notes[note_count].text = NULL;
        notes[note_count].lazy = text;
        notes[note_count].ctx = ctx;
        note_count++;
    }
}

void fz_fail(const char *target, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "\n==== camsim-fuzz MISMATCH in %s: ", target);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    for (size_t i = 0; i < note_count; i++) {
        const char *text = notes[i].lazy ? notes[i].lazy(notes[i].ctx) : notes[i].text;
        if (!text)
            text = "(null)";
        fz_dump(notes[i].label, text, strlen(text));
    }
    fputs("==== end of camsim-fuzz report\n", stderr);
    fflush(stderr);
    abort();
}

bool fz_plain_text(const char *s)
{
    const unsigned char *c = (const unsigned char *)s;
    while (*c) {
        if (*c < 0x20 || *c == 0x7f)
            return false;
        if (*c < 0x80) {
            c++;
            continue;
        }
        size_t n = (*c & 0xe0) == 0xc0 ? 1 : (*c & 0xf0) == 0xe0 ? 2 : (*c & 0xf8) == 0xf0 ? 3 : 9;
        if (n == 9 || *c == 0xc0 || *c == 0xc1 || *c > 0xf4)
            return false;
        uint32_t cp = *c & (0x3f >> n);
        for (size_t i = 1; i <= n; i++) {
            if ((c[i] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (c[i] & 0x3f);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        c += n + 1;
    }
    return true;
}

int fz_json_layer(const char *target, const char *text, size_t size, void **doc,
                  bool *guard_ok, camsim_error *gerr)
{
    char why[256];
    *doc = NULL;
    int ref = ref_json_parse(text, size, doc, why, sizeof why);
    memset(gerr, 0, sizeof *gerr);
    *guard_ok = camsim_json_guard(text, size, CAMSIM_MAX_NESTING, gerr);
    fz_note("jansson", why[0] ? why : "accepts");
    fz_note("guard", *guard_ok ? "accepts" : gerr->message);
    if (ref == REF_FALSE && *guard_ok)
        fz_fail(target, "json_guard accepted what is not RFC 8259 JSON");
    /* Valid JSON (REF_ERROR: with a duplicate member name). */
    if ((ref == REF_TRUE || ref == REF_ERROR) && !*guard_ok && gerr->code == CAMSIM_E_JSON)
        fz_fail(target, "json_guard rejected valid JSON: %s", gerr->message);
    if (*guard_ok && ref == REF_TRUE && *doc) {
        size_t bom = camsim_json_bom_length(text, size);
        cJSON *tree = cJSON_ParseWithLengthOpts(text + bom, size - bom, NULL, 0);
        if (!tree)
            fz_fail(target, "cJSON rejects what json_guard and jansson accept");
        char where[512];
        if (!ref_json_same_tree(tree, *doc, where, sizeof where))
            fz_fail(target, "cJSON's tree differs from jansson's at %s", where);
        cJSON_Delete(tree);
    }
    return ref;
}
