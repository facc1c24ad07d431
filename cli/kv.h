/* kv.h: KEY=VALUE command-line arguments (--context, --param). A key given
 * several times collects several values, in command-line order. */
#ifndef CAMSIM_CLI_KV_H
#define CAMSIM_CLI_KV_H

#include <stddef.h>

#include "camsim/camsim.h"

typedef struct cli_kv {
    camsim_context_entry *entries; /**< one per distinct key, first-appearance order */
    size_t count;
    const char **names;            /**< names[i]=values[i] for every argument, grouped by key */
    const char **values;           /**< entries[].values point in here */
    size_t pair_count;
    char *storage;                 /**< private: copies of the keys */
} cli_kv;

/**
 * Split every "KEY=VALUE" in items[0..n) at its first '='. On a malformed
 * item prints "camsim CMD: --OPTION 'item': ..." with a hint and returns -1.
 * Release with cli_kv_free (also after a failure).
 */
int cli_kv_parse(cli_kv *kv, const char *cmd, const char *option, const char *const *items,
                 size_t n);
void cli_kv_free(cli_kv *kv);

#endif
