/* table.c: aligned text tables. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

static size_t display_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

void cli_table_init(cli_table *t, size_t columns, const char *const *header)
{
    memset(t, 0, sizeof *t);
    t->columns = columns;
    cli_table_add(t, header);
}

void cli_table_add(cli_table *t, const char *const *cells)
{
    if (t->rows == t->cap_rows) {
        t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 64;
        t->cells = cli_xrealloc(t->cells, t->cap_rows * t->columns * sizeof *t->cells);
    }
    for (size_t c = 0; c < t->columns; c++) {
        size_t n = strlen(cells[c]) + 1;
        char *copy = cli_xmalloc(n);
        memcpy(copy, cells[c], n);
        t->cells[t->rows * t->columns + c] = copy;
    }
    t->rows++;
}

void cli_table_render(const cli_table *t, cli_buf *out)
{
    size_t *width = cli_xcalloc(t->columns, sizeof *width);
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->columns; c++) {
            size_t w = display_width(t->cells[r * t->columns + c]);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * t->columns + c];
            cli_buf_puts(out, cell);
            if (c + 1 < t->columns) {
                size_t pad = width[c] - display_width(cell) + 2;
                for (size_t i = 0; i < pad; i++)
                    cli_buf_putc(out, ' ');
            }
        }
        cli_buf_putc(out, '\n');
    }
    free(width);
}

void cli_table_free(cli_table *t)
{
    for (size_t i = 0; i < t->rows * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
