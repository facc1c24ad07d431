/* uaf_cached_policy.c: with the block cache on under AddressSanitizer, a use
 * after free of a policy is still reported. The policy's blocks go to the
 * cache when it is freed (poisoned, block_cache.c), so reading the freed
 * handle must stop the program with a use-after-poison report; ctest passes
 * this test when that report appears (asan preset only). */
#include <stdio.h>
#include <string.h>

#include "camsim/camsim.h"

int main(void)
{
    const char *doc = "{\"version\":\"2.0\",\"statement\":{\"effect\":\"allow\","
                      "\"action\":\"trtc:*\",\"resource\":\"*\"}}";
    camsim_policy *p = camsim_policy_parse(doc, strlen(doc), NULL);
    if (!p)
        return 1;
    camsim_policy_free(p);
    /* A use after free: must be reported before the line below prints. */
    printf("statements of a freed policy: %zu (the read was not reported)\n",
           camsim_policy_statement_count(p));
    return 0;
}
