/* table.h: aligned text tables (header row, columns padded with spaces,
 * the last column unpadded). Cells are copied. */
#ifndef CAMSIM_CLI_TABLE_H
#define CAMSIM_CLI_TABLE_H

#include <stddef.h>

#include "io.h"

typedef struct cli_table {
    size_t columns;
    size_t rows;     /* including the header */
    char **cells;    /* rows * columns, row-major */
    size_t cap_rows;
} cli_table;

void cli_table_init(cli_table *t, size_t columns, const char *const *header);
/** Append one row of t->columns cells. */
void cli_table_add(cli_table *t, const char *const *cells);
/** Render into out. */
void cli_table_render(const cli_table *t, cli_buf *out);
void cli_table_free(cli_table *t);

#endif
