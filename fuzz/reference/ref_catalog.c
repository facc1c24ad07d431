/* ref_catalog.c: the reference's own transcription of the catalog (docs/catalog.md)
 * (81 actions: TRTC 49, TCMPP 32), kept apart from the engine's generated
 * table on purpose: the fuzz targets check the two agree. */
#include "reference.h"

#include <string.h>
#include <strings.h>

const ref_action_info ref_catalog[] = {
    {"trtc", "DismissRoom", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "RemoveUser", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "RemoveUserByStrRoomId", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DismissRoomByStrRoomId", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "StartMCUMixTranscode", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "StopMCUMixTranscode", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "StartMCUMixTranscodeByStrRoomId", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "StopMCUMixTranscodeByStrRoomId", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "CreateTroubleInfo", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeAbnormalEvent", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeCallDetail", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeHistoryScale", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeRoomInformation", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeUserInformation", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeAppStatList", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeSdkAppInfo", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ModifyAppInfo", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ChangeSecretKeyFlag", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "CreateWatermark", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DeleteWatermark", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ModifyWatermark", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeWatermark", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "CreateSecret", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ToggleSecretVersion", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeSecret", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeTrtcAppAndAccountInfo", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "CreateSecretUserSig", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeSig", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "VerifySecretUserSig", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "VerifySig", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "CreateSpearConf", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DeleteSpearConf", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ModifySpearConf", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeSpearConf", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "ToggleSpearScheme", 0, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}"},
    {"trtc", "DescribeDetailEvent", 1, ""},
    {"trtc", "DescribeRecordStatistic", 1, ""},
    {"trtc", "DescribeTrtcInteractiveTime", 1, ""},
    {"trtc", "DescribeTrtcMcuTranscodeTime", 1, ""},
    {"trtc", "DescribeTrtcStatistic", 1, ""},
    {"trtc", "DescribeDurationPackages", 1, ""},
    {"trtc", "GetUserList", 1, ""},
    {"trtc", "GetUserInfo", 1, ""},
    {"trtc", "GetCommState", 1, ""},
    {"trtc", "GetElasticSearchData", 1, ""},
    {"trtc", "CreateTrtcApp", 1, ""},
    {"trtc", "HardDescribeMixConf", 1, ""},
    {"trtc", "ModifyMixConf", 1, ""},
    {"trtc", "RemindBalance", 1, ""},
    {"tcmpp", "ConfigureMNPPreview", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateApplicationSensitiveAPI", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateGlobalDomainACL", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateMNPApproval", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateMNPDomainACL", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateMNPSensitiveAPIPermissionApproval", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "CreateMNPVersion", 0, "qcs::tcmpp::uin/:Limit/${PlatformId}${MNPId}"},
    {"tcmpp", "DeleteApplicationSensitiveAPI", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DisableApplicationSensitiveAPI", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "EnableApplicationSensitiveAPI", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "ModifyMNPDomain", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "ProcessMNPApproval", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "ProcessMNPSensitiveAPIPermissionApproval", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "ReleaseMNPVersion", 0, "qcs::tcmpp::uin/${uin}:Limit/${PlatformId}"},
    {"tcmpp", "RemoveMNP", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "RollbackMNPVersion", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeApplicationConfigFile", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeGlobalDomainACL", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNP", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPAllStageVersions", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPApprovalList", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPCategory", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPDomainACL", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPOfflinePackageURL", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPPreview", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPReleasedVersionHistory", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPSensitiveAPIPermissionApproval", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPVersion", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeUser", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeApplicationSensitiveAPIList", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPSensitiveAPIPermissionApprovalList", 0, "qcs::tcmpp:${Region}:uin/:Limit/${PlatformId}"},
    {"tcmpp", "DescribeMNPSensitiveAPIPermissionList", 0, "qcs::tcmpp:${Region}:uin/:Limit/${Platform}"},
};
const size_t ref_catalog_count = sizeof ref_catalog / sizeof ref_catalog[0];

const ref_action_info *ref_catalog_find(const char *action)
{
    const char *a = ref_action_strip(action);
    const char *colon = strchr(a, ':');
    if (!colon)
        return NULL;
    size_t sn = (size_t)(colon - a);
    for (size_t i = 0; i < ref_catalog_count; i++)
        if (strlen(ref_catalog[i].service) == sn &&
            strncasecmp(ref_catalog[i].service, a, sn) == 0 &&
            strcasecmp(ref_catalog[i].name, colon + 1) == 0)
            return &ref_catalog[i];
    return NULL;
}

/* catalog.md, "Rendering a request from a template", transcribed segment by
 * segment: the template is cut on ':'; a fifth segment that is exactly "uin/"
 * becomes "uin/<uin>" when parameter uin is given; in every segment "${Name}"
 * becomes the value of parameter Name (exact case); "${" without a closing
 * "}" is literal. REF_TRUE with the text in out (cap >= 1, truncated if it
 * does not fit; *len gets the full length), REF_ERROR when a placeholder has
 * no parameter or the template is empty (operation level), REF_UNSPEC when a
 * name is given twice (the spec does not say which one wins). */
static const char *ref_param(const char *const *names, const char *const *values, size_t n,
                             const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return values[i];
    return NULL;
}

static void ref_put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, (*len)++)
        if (*len + 1 < cap)
            out[*len] = s[i];
}

int ref_render(const char *tpl, const char *const *names, const char *const *values, size_t n,
               char *out, size_t cap, size_t *len)
{
    *len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return REF_UNSPEC;
    if (!tpl[0])
        return REF_ERROR;
    for (const char *p = strstr(tpl, "${"); p; p = strstr(p, "${")) {
        const char *close = strchr(p + 2, '}');
        if (!close)
            break;
        if (!ref_param(names, values, n, p + 2, (size_t)(close - p - 2)))
            return REF_ERROR;
        p = close + 1;
    }
    const char *uin = ref_param(names, values, n, "uin", 3);
    size_t segment = 0;
    const char *s = tpl;
    for (;;) {
        /* The segment ends at the first ':' outside a placeholder. */
        const char *e = s;
        while (*e && *e != ':') {
            const char *close = e[0] == '$' && e[1] == '{' ? strchr(e + 2, '}') : NULL;
            e = close ? close + 1 : e + 1;
        }
        size_t sl = (size_t)(e - s);
        if (segment == 4 && uin && sl == 4 && memcmp(s, "uin/", 4) == 0) {
            ref_put(out, cap, len, "uin/", 4);
            ref_put(out, cap, len, uin, strlen(uin));
        } else {
            for (const char *q = s; q < e;) {
                const char *close = q[0] == '$' && q[1] == '{' ? strchr(q + 2, '}') : NULL;
                if (close && close < e) {
                    const char *v = ref_param(names, values, n, q + 2, (size_t)(close - q - 2));
                    ref_put(out, cap, len, v, strlen(v));
                    q = close + 1;
                } else {
                    ref_put(out, cap, len, q, 1);
                    q++;
                }
            }
        }
        if (!*e)
            break;
        ref_put(out, cap, len, ":", 1);
        s = e + 1;
        segment++;
    }
    out[*len < cap ? *len : cap - 1] = '\0';
    return REF_TRUE;
}
