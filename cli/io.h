/* io.h: reading inputs and writing outputs for the camsim command line: a
 * growable byte buffer, whole-file reads with the document size limit, JSON
 * string escaping, and the "camsim: ..." error line on stderr. */
#ifndef CAMSIM_CLI_IO_H
#define CAMSIM_CLI_IO_H

#include <stddef.h>
#include <stdio.h>

#include "camsim_tools.h" /* CAMSIM_PRINTF */

/** A growable byte buffer; always NUL-terminated once anything was appended. */
typedef struct cli_buf {
    char *data;
    size_t len;
    size_t cap;
} cli_buf;

/** malloc/realloc that end the process with "camsim: out of memory" (exit 2). */
void *cli_xmalloc(size_t size);
void *cli_xrealloc(void *ptr, size_t size);
void *cli_xcalloc(size_t count, size_t size);

void cli_buf_free(cli_buf *buf);
/** Make room for extra more bytes plus a terminating NUL. */
void cli_buf_reserve(cli_buf *buf, size_t extra);
void cli_buf_append(cli_buf *buf, const char *bytes, size_t len);
void cli_buf_puts(cli_buf *buf, const char *text);
void cli_buf_putc(cli_buf *buf, char c);
void cli_buf_printf(cli_buf *buf, const char *fmt, ...) CAMSIM_PRINTF(2, 3);
/**
 * Append text as a quoted JSON string ("..." with escapes), valid JSON
 * whatever the bytes: '"', '\\' and control characters are escaped, valid
 * UTF-8 is copied as is, and every byte that is not part of a valid UTF-8
 * sequence (stray continuation bytes, overlong forms, surrogates, bytes
 * 0xF5-0xFF, truncated sequences) becomes \ufffd, one per byte.
 */
void cli_buf_json_string(cli_buf *buf, const char *text);
/** Append text as one RFC 4180 CSV field (quoted only when needed). */
void cli_buf_csv_field(cli_buf *buf, const char *text);

/**
 * Read a whole file ("-" means stdin) into out, NUL-terminated, refusing
 * more than CAMSIM_MAX_DOCUMENT_BYTES. On failure prints
 * "camsim: PATH: reason" on stderr and returns -1.
 */
int cli_read_file(const char *path, cli_buf *out);

/** Print "camsim: " + message + "\n" on stderr. */
void cli_error(const char *fmt, ...) CAMSIM_PRINTF(1, 2);

/** Write the whole buffer to stdout; returns -1 (and says so) on a write error. */
int cli_write_stdout(const cli_buf *buf);

#endif
