/* strbuf.c: a growable byte buffer for generating policy documents. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(bench_strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sb->data, cap);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory growing a buffer to %zu bytes\n", cap);
        abort();
    }
    sb->data = p;
    sb->cap = cap;
}

void bench_sb_puts(bench_strbuf *sb, const char *text)
{
    size_t n = strlen(text);
    reserve(sb, n);
    memcpy(sb->data + sb->len, text, n + 1);
    sb->len += n;
}

void bench_sb_printf(bench_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        fprintf(stderr, "bench: bad format '%s'\n", fmt);
        abort();
    }
    reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *bench_sb_take(bench_strbuf *sb, size_t *len)
{
    if (sb->data == NULL) {
        reserve(sb, 0);
        sb->data[0] = '\0';
    }
    char *out = sb->data;
    if (len != NULL)
        *len = sb->len;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return out;
}
