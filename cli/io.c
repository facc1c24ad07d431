/* io.c: buffers, file reading and error lines for the command line. */
#include "io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "camsim_tools.h"

static void out_of_memory(void)
{
    fputs("camsim: out of memory\n", stderr);
    exit(2);
}

void *cli_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *cli_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *cli_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void cli_buf_free(cli_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

void cli_buf_reserve(cli_buf *buf, size_t extra)
{
    if (extra >= (size_t)-1 - buf->len - 1)
        out_of_memory();
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return;
    size_t cap = buf->cap ? buf->cap : 256;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    buf->data = cli_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void cli_buf_append(cli_buf *buf, const char *bytes, size_t len)
{
    cli_buf_reserve(buf, len);
    if (len)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void cli_buf_puts(cli_buf *buf, const char *text)
{
    cli_buf_append(buf, text, strlen(text));
}

void cli_buf_putc(cli_buf *buf, char c)
{
    cli_buf_reserve(buf, 1);
    buf->data[buf->len++] = c;
    buf->data[buf->len] = '\0';
}

void cli_buf_printf(cli_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        cli_buf_append(buf, small, (size_t)n);
        return;
    }
    cli_buf_reserve(buf, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
}

void cli_buf_json_string(cli_buf *buf, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    cli_buf_reserve(buf, n + 2);
    buf->data[buf->len++] = '"';
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = camsim_utf8_sequence(s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        }
        cli_buf_append(buf, text + run, i - run);
        i++;
        run = i;
        switch (c) {
        case '"': cli_buf_append(buf, "\\\"", 2); break;
        case '\\': cli_buf_append(buf, "\\\\", 2); break;
        case '\n': cli_buf_append(buf, "\\n", 2); break;
        case '\r': cli_buf_append(buf, "\\r", 2); break;
        case '\t': cli_buf_append(buf, "\\t", 2); break;
        default:
            if (c >= 0x80) {
                /* A byte outside any valid UTF-8 sequence. */
                cli_buf_append(buf, "\\ufffd", 6);
            } else {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                cli_buf_append(buf, esc, sizeof esc);
            }
        }
    }
    cli_buf_append(buf, text + run, n - run);
    cli_buf_putc(buf, '"');
}

void cli_buf_csv_field(cli_buf *buf, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        cli_buf_puts(buf, text);
        return;
    }
    cli_buf_putc(buf, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            cli_buf_putc(buf, '"');
        cli_buf_putc(buf, *p);
    }
    cli_buf_putc(buf, '"');
}

int cli_read_file(const char *path, cli_buf *out)
{
    const int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    out->len = 0;
    cli_buf_reserve(out, 64 * 1024);
    for (;;) {
        if (out->cap - out->len - 1 == 0)
            cli_buf_reserve(out, out->cap);
        size_t room = out->cap - out->len - 1;
        size_t got = fread(out->data + out->len, 1, room, f);
        out->len += got;
        if (out->len > CAMSIM_MAX_DOCUMENT_BYTES) {
            cli_error("%s: larger than the %u-byte document limit (CAMSIM_MAX_DOCUMENT_BYTES); "
                      "split it into smaller documents",
                      path, CAMSIM_MAX_DOCUMENT_BYTES);
            if (!is_stdin)
                fclose(f);
            return -1;
        }
        if (got < room) {
            if (ferror(f)) {
                cli_error("%s: cannot read: %s", path, strerror(errno));
                if (!is_stdin)
                    fclose(f);
                return -1;
            }
            break;
        }
    }
    out->data[out->len] = '\0';
    if (!is_stdin)
        fclose(f);
    return 0;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("camsim: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_write_stdout(const cli_buf *buf)
{
    if (buf->len && fwrite(buf->data, 1, buf->len, stdout) != buf->len) {
        cli_error("cannot write to stdout: %s", strerror(errno));
        return -1;
    }
    return 0;
}
