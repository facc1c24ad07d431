/* strbuf.h: a growable byte buffer for generating policy documents. */
#ifndef CAMSIM_BENCH_STRBUF_H
#define CAMSIM_BENCH_STRBUF_H

#include <stddef.h>

typedef struct bench_strbuf {
    char *data; /* NUL-terminated; owned */
    size_t len;
    size_t cap;
} bench_strbuf;

/** Append text; aborts with a message when memory runs out. */
void bench_sb_puts(bench_strbuf *sb, const char *text);
/** Append formatted text; aborts with a message when memory runs out. */
void bench_sb_printf(bench_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Hand the string to the caller (free() it) and reset sb. */
char *bench_sb_take(bench_strbuf *sb, size_t *len);

#endif
