/* consumer.c: a program outside the project, built against the installed
 * camsim only (its header and library), as a user's service would be. */
#include <camsim/camsim.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    static const char policy_json[] =
        "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":\"trtc:*\","
        "\"resource\":\"qcs::trtc::uin/100001:sdkappid/1400000001\"}]}";
    camsim_error err;
    camsim_policy *policy = camsim_policy_parse(policy_json, strlen(policy_json), &err);
    if (!policy) {
        fprintf(stderr, "consumer: parse failed: %s\n", err.message);
        return 1;
    }
    const camsim_policy *set[] = {policy};
    camsim_request request = {0};
    request.action = "trtc:DismissRoom";
    request.resource = "qcs::trtc::uin/100001:sdkappid/1400000001";
    camsim_decision decision = {0};
    camsim_code code = camsim_evaluate(set, 1, NULL, &request, &decision, &err);
    camsim_policy_free(policy);
    if (code != CAMSIM_OK || decision.decision != CAMSIM_ALLOW) {
        fprintf(stderr, "consumer: expected allow, got %s\n", camsim_code_name(code));
        return 1;
    }
    printf("consumer: %s (%zu catalog actions)\n", camsim_effect_name(decision.decision),
           camsim_catalog_count());
    return 0;
}
