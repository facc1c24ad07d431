/* ref_catalog.c: the reference's own transcription of shared/spec/catalog.md
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
