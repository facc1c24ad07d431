/* profiles.c: the policy documents the benchmarks evaluate (profiles.h). */
#include "profiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h" /* cli_buf, the command line's growable buffer */

#define UIN "100001"
#define TRTC_APP(sb, id) cli_buf_printf((sb), "\"qcs::trtc::uin/" UIN ":sdkappid/%lu\"", (id))

static const char *const profile_names[] = {
    "trtc_full_access", "trtc_read_only", "per_app",     "ip_and_tag",
    "tcmpp_platform",   "stmts_1000",     "stmts_10000", "adversarial_wildcards",
};

size_t bench_profile_count(void)
{
    return sizeof profile_names / sizeof profile_names[0];
}

const char *bench_profile_name(size_t i)
{
    return i < bench_profile_count() ? profile_names[i] : NULL;
}

static void open_doc(cli_buf *sb)
{
    cli_buf_puts(sb, "{\"version\":\"2.0\",\"statement\":[");
}

static char *close_doc(cli_buf *sb, size_t *len)
{
    cli_buf_puts(sb, "]}");
    *len = sb->len;
    return sb->data; /* the caller frees it */
}

static void stmt(cli_buf *sb, int first, const char *effect, const char *actions,
                 const char *resources, const char *condition)
{
    cli_buf_printf(sb, "%s{\"effect\":\"%s\",\"action\":[%s],\"resource\":[%s]", first ? "" : ",",
                    effect, actions, resources);
    if (condition != NULL)
        cli_buf_printf(sb, ",\"condition\":%s", condition);
    cli_buf_puts(sb, "}");
}

static char *full_access(size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    stmt(&sb, 1, "allow", "\"trtc:*\"", "\"*\"", NULL);
    return close_doc(&sb, len);
}

static char *read_only(size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    stmt(&sb, 1, "allow", "\"trtc:Describe*\",\"trtc:Get*\",\"trtc:HardDescribe*\"", "\"*\"", NULL);
    return close_doc(&sb, len);
}

/* Sixteen applications, each with its own grant; operation-level reads on
 * `*`; a deny of destructive actions on the application the requests use,
 * and a full deny on another. */
static char *per_app(size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    for (unsigned long k = 0; k < 16; k++) {
        cli_buf_printf(&sb, "%s{\"effect\":\"allow\",\"action\":[\"trtc:Describe*\","
                             "\"trtc:Modify*\",\"trtc:Create*\",\"trtc:Start*\",\"trtc:Stop*\"],"
                             "\"resource\":[", k ? "," : "");
        TRTC_APP(&sb, 1400000000ul + k);
        cli_buf_puts(&sb, "]}");
    }
    stmt(&sb, 0, "allow",
         "\"trtc:DescribeTrtcStatistic\",\"trtc:GetUserList\",\"trtc:GetUserInfo\","
         "\"trtc:DescribeDetailEvent\"",
         "\"*\"", NULL);
    stmt(&sb, 0, "deny", "\"trtc:Delete*\",\"trtc:DismissRoom*\",\"trtc:RemoveUser*\"",
         "\"qcs::trtc::uin/" UIN ":sdkappid/1400000001\"", NULL);
    stmt(&sb, 0, "deny", "\"trtc:*\"", "\"qcs::trtc::uin/" UIN ":sdkappid/1400000009\"", NULL);
    return close_doc(&sb, len);
}

/* Conditions on the source IP, tags, a date, and an _if_exist key. */
static char *ip_and_tag(size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    stmt(&sb, 1, "allow", "\"trtc:*\"", "\"qcs::trtc::uin/" UIN ":sdkappid/*\"",
         "{\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/8\",\"192.168.0.0/16\",\"2001:db8::/32\"]}}");
    stmt(&sb, 0, "allow", "\"tcmpp:*\"", "\"*\"",
         "{\"for_any_value:string_equal\":{\"qcs:resource_tag\":[\"env&prod\",\"env&staging\"]}}");
    stmt(&sb, 0, "allow", "\"trtc:Describe*\",\"trtc:Get*\"", "\"*\"",
         "{\"string_equal_if_exist\":{\"vpc:region\":[\"ap-guangzhou\"]},"
         "\"date_less_than\":{\"qcs:current_time\":\"2030-01-01T00:00:00Z\"}}");
    stmt(&sb, 0, "deny", "\"trtc:Modify*\",\"trtc:Delete*\"", "\"*\"",
         "{\"ip_not_equal\":{\"qcs:ip\":[\"10.1.0.0/16\"]}}");
    stmt(&sb, 0, "deny", "\"tcmpp:Remove*\"", "\"*\"",
         "{\"string_equal\":{\"qcs:resource_tag/env\":[\"prod\"]}}");
    return close_doc(&sb, len);
}

/* Per-PlatformId grants: reads on 32 platforms in one region, writes on 8
 * platforms in every region, and a deny of removals. */
static char *tcmpp_platform(size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    for (unsigned p = 1; p <= 32; p++)
        cli_buf_printf(&sb, "%s{\"effect\":\"allow\",\"action\":[\"tcmpp:Describe*\"],"
                             "\"resource\":[\"qcs::tcmpp:ap-guangzhou:uin/:Limit/plat-%u\"]}",
                        p == 1 ? "" : ",", p);
    for (unsigned p = 1; p <= 8; p++)
        cli_buf_printf(&sb, ",{\"effect\":\"allow\",\"action\":[\"tcmpp:Create*\","
                             "\"tcmpp:Modify*\",\"tcmpp:Configure*\",\"tcmpp:Process*\","
                             "\"tcmpp:Release*\",\"tcmpp:Rollback*\",\"tcmpp:Enable*\","
                             "\"tcmpp:Disable*\"],\"resource\":["
                             "\"qcs::tcmpp:*:uin/:Limit/plat-%u\","
                             "\"qcs::tcmpp::uin/:Limit/plat-%u*\"]}",
                        p, p);
    stmt(&sb, 0, "deny", "\"tcmpp:RemoveMNP\",\"tcmpp:Delete*\"", "\"*\"", NULL);
    return close_doc(&sb, len);
}

char *bench_statements_json(size_t n, size_t *len)
{
    cli_buf sb = {0};
    open_doc(&sb);
    for (size_t k = 0; k < n; k++) {
        const char *sep = k ? "," : "";
        unsigned long app = 1400000000ul + (unsigned long)k;
        if (k % 100 == 99)
            cli_buf_printf(&sb, "%s{\"effect\":\"deny\",\"action\":[\"trtc:Delete*\","
                                 "\"trtc:Remove*\"],\"resource\":[\"qcs::trtc::uin/" UIN
                                 ":sdkappid/%lu\"]}", sep, app);
        else if (k % 10 == 9)
            cli_buf_printf(&sb, "%s{\"effect\":\"allow\",\"action\":[\"trtc:*Watermark*\","
                                 "\"trtc:*Spear*\"],\"resource\":[\"qcs::trtc::uin/" UIN
                                 ":sdkappid/14*%zu\"]}", sep, k);
        else if (k % 7 == 3)
            cli_buf_printf(&sb, "%s{\"effect\":\"allow\",\"action\":[\"tcmpp:Describe*\"],"
                                 "\"resource\":[\"qcs::tcmpp:ap-guangzhou:uin/:Limit/plat-%zu\"]}",
                            sep, k);
        else
            cli_buf_printf(&sb, "%s{\"effect\":\"allow\",\"action\":[\"trtc:Describe*\","
                                 "\"trtc:Modify*\",\"trtc:Create*\",\"trtc:DismissRoom\"],"
                                 "\"resource\":[\"qcs::trtc::uin/" UIN ":sdkappid/%lu\"]}",
                            sep, app);
    }
    return close_doc(&sb, len);
}

/* Patterns with many stars and a byte that never occurs, followed by a
 * final star (so no literal-suffix check rejects them early): the case that
 * makes naive backtracking globs exponential or quadratic. */
static char *adversarial(size_t *len)
{
    static const char *const actions[] = {
        "trtc:*a*a*a*a*a*b*", "*:*e*e*e*e*e*e*Z*", "trtc:*D*e*s*c*r*i*b*e*Q*", "*r*t*c:*o*o*o*o*X*",
        "tcmpp:*M*N*P*M*N*P*M*N*P*9*", "*:*i*i*i*i*i*i*i*!*", "t*c*:*S*S*S*S*S*S*~*",
        "*p*p*:*n*n*n*n*n*n*n*#*",
    };
    static const char *const resources[] = {
        "qcs::trtc::uin/1*0*0*0*0*1*9*:sdkappid/*1*4*0*0*0*0*0*0*0*1*x*",
        "qcs::*:*:uin/*:*a*a*a*a*a*a*b*",
        "qcs::t*c*:*:*:*d*d*d*d*/*0*0*0*0*0*0*7*",
        "qcs::tcmpp:*g*u*a*n*g*z*h*o*u*X*:uin/*:Limit/*p*l*a*t*-*1*Y*",
        "qcs::*:*-*-*-*:uin/*0*0*0*0*0*0*0*0*5*:*",
        "qcs::trtc::*:sdkappid/*1*1*1*1*1*1*1*1*2*",
        "qcs::*:*:uin/1*0*0*0*0*1:*:*:*:*:*:*:*:*;*",
        "qcs::tcmpp:*:*:Limit/*l*l*l*l*l*l*l*l*Z*",
    };
    cli_buf sb = {0};
    open_doc(&sb);
    for (unsigned k = 0; k < 64; k++)
        cli_buf_printf(&sb, "%s{\"effect\":\"%s\",\"action\":[\"%s\",\"%s\"],"
                             "\"resource\":[\"%s\",\"%s\"]}",
                        k ? "," : "", k % 16 == 15 ? "deny" : "allow", actions[k % 8],
                        actions[(k / 8 + 3) % 8], resources[(k / 8) % 8], resources[(k + 5) % 8]);
    /* A catch-all grant, so decisions are allows that still scan every deny. */
    stmt(&sb, 0, "allow", "\"trtc:*\",\"tcmpp:*\"", "\"*\"", NULL);
    return close_doc(&sb, len);
}

char *bench_profile_json(const char *name, size_t *len)
{
    if (strcmp(name, "trtc_full_access") == 0)
        return full_access(len);
    if (strcmp(name, "trtc_read_only") == 0)
        return read_only(len);
    if (strcmp(name, "per_app") == 0)
        return per_app(len);
    if (strcmp(name, "ip_and_tag") == 0)
        return ip_and_tag(len);
    if (strcmp(name, "tcmpp_platform") == 0)
        return tcmpp_platform(len);
    if (strcmp(name, "stmts_1000") == 0)
        return bench_statements_json(1000, len);
    if (strcmp(name, "stmts_10000") == 0)
        return bench_statements_json(10000, len);
    if (strcmp(name, "adversarial_wildcards") == 0)
        return adversarial(len);
    return NULL;
}

int bench_profile_load(const char *name, bench_profile *out)
{
    memset(out, 0, sizeof *out);
    out->name = name;
    out->json = bench_profile_json(name, &out->len);
    if (out->json == NULL) {
        fprintf(stderr, "bench: unknown profile '%s'\n", name);
        return 1;
    }
    camsim_error err;
    memset(&err, 0, sizeof err);
    out->policy = camsim_policy_parse(out->json, out->len, &err);
    if (out->policy == NULL) {
        fprintf(stderr, "bench: profile '%s' (%zu bytes) does not compile: %s at %s (offset %zu): %s\n",
                name, out->len, camsim_code_name(err.code), err.path, err.offset, err.message);
        return 1;
    }
    return 0;
}

void bench_profile_release(bench_profile *p)
{
    camsim_policy_free(p->policy);
    free(p->json);
    memset(p, 0, sizeof *p);
}
