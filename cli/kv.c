/* kv.c: KEY=VALUE arguments grouped by key. */
#include "kv.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "io.h"

int cli_kv_parse(cli_kv *kv, const char *cmd, const char *option, const char *const *items,
                 size_t n)
{
    memset(kv, 0, sizeof *kv);
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(items[i], '=');
        if (!eq) {
            cli_usage_error(cmd, "--%s '%s' has no '=': expected KEY=VALUE, e.g. --%s %s", option,
                            items[i], option,
                            strcmp(option, "param") == 0 ? "SdkAppId=1400000001"
                                                         : "qcs:ip=10.0.0.1");
            return -1;
        }
        if (eq == items[i]) {
            cli_usage_error(cmd, "--%s '%s' has an empty key: expected KEY=VALUE", option,
                            items[i]);
            return -1;
        }
        bytes += (size_t)(eq - items[i]) + 1;
    }
    kv->storage = cli_xmalloc(bytes ? bytes : 1);
    kv->names = cli_xcalloc(n ? n : 1, sizeof *kv->names);
    kv->values = cli_xcalloc(n ? n : 1, sizeof *kv->values);
    kv->entries = cli_xcalloc(n ? n : 1, sizeof *kv->entries);
    kv->pair_count = n;
    char *p = kv->storage;
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(items[i], '=');
        size_t len = (size_t)(eq - items[i]);
        memcpy(p, items[i], len);
        p[len] = '\0';
        kv->names[i] = p;
        p += len + 1;
    }
    /* Group by key: values of one key sit together in kv->values, in the
     * order given, keys in first-appearance order. */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t e = 0; e < kv->count; e++)
            if (strcmp(kv->entries[e].key, kv->names[i]) == 0)
                seen = 1;
        if (seen)
            continue;
        camsim_context_entry *entry = &kv->entries[kv->count++];
        entry->key = kv->names[i];
        entry->values = &kv->values[out];
        for (size_t j = i; j < n; j++) {
            if (strcmp(kv->names[j], kv->names[i]) == 0) {
                kv->values[out++] = strchr(items[j], '=') + 1;
                entry->count++;
            }
        }
    }
    /* Regroup names the same way, so names[i] and values[i] stay a pair. */
    out = 0;
    for (size_t e = 0; e < kv->count; e++)
        for (size_t k = 0; k < kv->entries[e].count; k++)
            kv->names[out++] = kv->entries[e].key;
    return 0;
}

void cli_kv_free(cli_kv *kv)
{
    free(kv->entries);
    free(kv->names);
    free(kv->values);
    free(kv->storage);
    memset(kv, 0, sizeof *kv);
}
