/* line_reader.h: reading a stream one line at a time into one reused
 * buffer (no allocation per line), for `camsim eval --requests`. */
#ifndef CAMSIM_CLI_LINE_READER_H
#define CAMSIM_CLI_LINE_READER_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_line_reader {
    FILE *file;
    char *buf;
    size_t cap;
    size_t start;     /* first unread byte */
    size_t end;       /* one past the last byte read */
    size_t max_line;  /* longer lines are reported, not stored (at most
                         CAMSIM_MAX_REQUEST_LINE_BYTES whatever the caller asks) */
    int eof;
    int error;        /* errno of a read error, or 0 */
} cli_line_reader;

typedef enum cli_line_status {
    CLI_LINE_OK,       /* the line and its length are stored, without its '\n' */
    CLI_LINE_TOO_LONG, /* the line was longer than max_line and was skipped */
    CLI_LINE_END,      /* no more lines */
    CLI_LINE_ERROR     /* read error (reader->error) */
} cli_line_status;

/** max_line: the longest line returned as CLI_LINE_OK, in bytes without its
 *  '\n'; capped at CAMSIM_MAX_REQUEST_LINE_BYTES. The buffer stays within
 *  about twice that, however long a line is. */
void cli_line_reader_init(cli_line_reader *r, FILE *file, size_t max_line);
void cli_line_reader_free(cli_line_reader *r);
/** The next line; the pointer stays valid until the next call. */
cli_line_status cli_line_next(cli_line_reader *r, const char **line, size_t *len);

#endif
