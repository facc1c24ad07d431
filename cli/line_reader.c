/* line_reader.c: buffered line reading. */
#include "line_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "camsim/camsim.h"
#include "io.h"

enum { CHUNK = 1 << 20 };

void cli_line_reader_init(cli_line_reader *r, FILE *file, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    /* A request line is one JSON object: no caller may make the reader hold
     * more than CAMSIM_MAX_REQUEST_LINE_BYTES of one. */
    r->max_line = max_line < CAMSIM_MAX_REQUEST_LINE_BYTES ? max_line
                                                           : CAMSIM_MAX_REQUEST_LINE_BYTES;
    r->cap = CHUNK;
    r->buf = cli_xmalloc(r->cap);
}

void cli_line_reader_free(cli_line_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Read more bytes after r->end, moving unread bytes to the front first and
 * growing the buffer when it is full. Returns the number of bytes read. */
static size_t fill(cli_line_reader *r)
{
    if (r->eof)
        return 0;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        r->cap *= 2;
        r->buf = cli_xrealloc(r->buf, r->cap);
    }
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->file);
    r->end += got;
    if (got == 0) {
        if (ferror(r->file))
            r->error = errno ? errno : EIO;
        r->eof = 1;
    }
    return got;
}

cli_line_status cli_line_next(cli_line_reader *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes after start already known to hold no '\n' */
    int skipping = 0;   /* the line is over max_line: its bytes are being dropped */
    for (;;) {
        char *nl = memchr(r->buf + r->start + scanned, '\n', r->end - r->start - scanned);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->start));
            *line = r->buf + r->start;
            *len = n;
            r->start += n + 1;
            return skipping || n > r->max_line ? CLI_LINE_TOO_LONG : CLI_LINE_OK;
        }
        scanned = r->end - r->start;
        if (scanned > r->max_line) {
            /* Drop what we have of the over-long line and keep looking for its
             * end: the buffer never holds more than about 2 * max_line. */
            skipping = 1;
            r->start = r->end = 0;
            scanned = 0;
        }
        if (fill(r) == 0) {
            if (r->error)
                return CLI_LINE_ERROR;
            if (r->end > r->start || skipping) {
                *line = r->buf + r->start;
                *len = r->end - r->start;
                r->start = r->end;
                return skipping || *len > r->max_line ? CLI_LINE_TOO_LONG : CLI_LINE_OK;
            }
            return CLI_LINE_END;
        }
    }
}
