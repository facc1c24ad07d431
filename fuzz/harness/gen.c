/* gen.c: structured decoding from a vocabulary, and JSON rendering. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- comparisons
 * The generators compare vocabulary with vocabulary, never with input bytes,
 * so libFuzzer learns nothing from them; but libc's strcmp family is
 * intercepted and every call is traced (__sanitizer_weak_hook_strncmp), which
 * made render() alone 3-5% of an eval execution. These loops are not
 * intercepted (and this file is not instrumented for coverage). */
static int gen_strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        if (!*a)
            return 0;
    }
    return 0;
}

static int gen_strcmp(const char *a, const char *b)
{
    return gen_strncmp(a, b, (size_t)-1);
}

static const char *gen_strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (*hay == *needle && gen_strncmp(hay, needle, n) == 0)
            return hay;
    return *needle ? NULL : hay;
}

/* ---------------------------------------------------------------- vocabulary */

static const char *const uins[] = {"100001", "100002", "200002"};
static const char *const appids[] = {"1400000001", "1400000002"};
static const char *const regions[] = {"ap-guangzhou", "ap-shanghai", "ap-singapore"};
static const char *const platform_ids[] = {"1", "2", "100001"};
static const char *const mnp_ids[] = {"mnp1", "x"};
static const char *const principals[] = {
    "qcs::cam::uin/100001:uin/200002", "qcs::cam::uin/100001:roleName/dev",
    "qcs::cam::uin/100002:uin/300003", "qcs::cam::anonymous"};
static const char *const principal_patterns[] = {
    "qcs::cam::uin/100001:uin/200002", "qcs::cam::uin/100001:*", "*",
    "qcs::cam::uin/*:roleName/dev", "qcs::cam::uin/100002:uin/300003"};

static const char *const action_patterns[] = {
    "*", "*:*", "trtc:*", "tcmpp:*", "name/trtc:*", "trtc:Describe*", "tcmpp:Describe*",
    "trtc:*Room*", "tcmpp:*MNP*", "TRTC:dismissroom", "trtc:*Secret*", "tcmpp:Create*",
    "cvm:*", "trtc:NoSuchAction", "*:Describe*", "trtc:Get*", "tcmpp:*Version",
    "trtc:?ismissRoom"};
static const char *const unknown_actions[] = {"trtc:NoSuchAction", "cvm:RunInstances",
                                              "tcmpp:DescribeNothing"};

static const char *const res_services[] = {"", "*", "trtc", "tcmpp", "tr*", "cvm"};
static const char *const res_regions[] = {"", "*", "ap-guangzhou", "ap-*", "ap-shanghai"};
static const char *const res_accounts[] = {"", "uin/", "uin/100001", "uin/100002", "uin/*",
                                           "uin/1000*"};
static const char *const res_tails[] = {
    "*", "sdkappid/1400000001", "sdkappid/*", "sdkappid/14*", "Limit/1", "Limit/*",
    "Limit/1*", "sdkappid/${app_id}", "Limit/${owner_uin}", "*/${uin}", "Limit/1mnp1",
    "sdkappid/1400000002"};

static const struct {
    const char *key;
    ref_family family;
    const char *values[5];
} keys[] = {
    {"qcs:ip", REF_F_IP, {"10.1.2.3", "192.168.0.1", "2001:db8::1", "10.0.0.1", "172.16.0.9"}},
    {"qcs:current_time", REF_F_DATE,
     {"2026-06-01T00:01:00Z", "2026-06-01 00:00:00", "2026-06-01T08:01:00+08:00",
      "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z"}},
    {"qcs:resource_tag", REF_F_STRING, {"env&prod", "env&dev", "team&a", "env&prod", "x&y"}},
    {"qcs:request_tag", REF_F_STRING, {"env&prod", "owner&bob", "team&a", "env&dev", "a&b"}},
    {"qcs:resource_tag/env", REF_F_STRING, {"prod", "dev", "PROD", "test", "prod"}},
    {"qcs:uin", REF_F_STRING, {"200002", "100001", "300003", "200002", "100002"}},
    {"qcs:owner_uin", REF_F_STRING, {"100001", "100002", "100001", "100001", "100002"}},
    {"qcs:app_id", REF_F_STRING, {"1400000001", "1400000002", "1400000001", "1", "2"}},
    {"vpc:region", REF_F_STRING_CI, {"ap-guangzhou", "AP-Guangzhou", "ap-shanghai", "x", ""}},
    {"mfa", REF_F_BOOL, {"true", "false", "true", "false", "true"}},
    {"count", REF_F_NUMERIC, {"1", "10", "2.5", "-3", "1e2"}},
    {"data", REF_F_BINARY, {"AAEC", "abc", "AAEC", "", "=="}},
};

static const struct {
    ref_family family;
    const char *values[8];
} family_values[] = {
    {REF_F_STRING, {"env&prod", "prod", "200002", "100001", "${uin}", "${owner_uin}", "1400000001", "ap-guangzhou"}},
    {REF_F_STRING_CI, {"AP-GUANGZHOU", "prod", "Env&Prod", "ap-shanghai", "x", "PROD", "dev", "true"}},
    {REF_F_LIKE, {"env&*", "*prod", "*", "2000*", "ap-*", "*&*", "${uin}*", "p*d"}},
    {REF_F_NUMERIC, {"1", "10", "2.5", "-3", "100", "0", "1.0", "1e2"}},
    {REF_F_DATE, {"2026-06-01T00:01:00Z", "2026-06-01 00:01:00", "2026-06-01T08:01:00+08:00",
                  "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-06-01T00:00:00Z",
                  "2026-05-31T23:59:59-01:00", "2030-01-01 00:00:00"}},
    {REF_F_BOOL, {"true", "false", "true", "false", "true", "false", "true", "false"}},
    {REF_F_BINARY, {"AAEC", "abc", "", "==", "${uin}", "x", "abc", "AAEC"}},
    {REF_F_IP, {"10.0.0.0/8", "192.168.0.0/16", "10.1.2.3", "2001:db8::/32", "0.0.0.0/0",
                "172.16.0.0/12", "::/0", "10.1.2.0/24"}},
    {REF_F_NULL, {"true", "false", "true", "false", "true", "false", "true", "false"}},
};

static const struct {
    const char *name;
    ref_family family;
} base_ops[] = {
    {"string_equal", REF_F_STRING},          {"string_not_equal", REF_F_STRING},
    {"string_equal_ignore_case", REF_F_STRING_CI}, {"string_not_equal_ignore_case", REF_F_STRING_CI},
    {"string_like", REF_F_LIKE},             {"string_not_like", REF_F_LIKE},
    {"numeric_equal", REF_F_NUMERIC},        {"numeric_not_equal", REF_F_NUMERIC},
    {"numeric_less_than", REF_F_NUMERIC},    {"numeric_less_than_equal", REF_F_NUMERIC},
    {"numeric_greater_than", REF_F_NUMERIC}, {"numeric_greater_than_equal", REF_F_NUMERIC},
    {"date_equal", REF_F_DATE},              {"date_not_equal", REF_F_DATE},
    {"date_less_than", REF_F_DATE},          {"date_less_than_equal", REF_F_DATE},
    {"date_greater_than", REF_F_DATE},       {"date_greater_than_equal", REF_F_DATE},
    {"bool_equal", REF_F_BOOL},              {"binary_equal", REF_F_BINARY},
    {"ip_equal", REF_F_IP},                  {"ip_not_equal", REF_F_IP},
    {"null_equal", REF_F_NULL},
};

const char *const fz_breakages[] = {
    "capitalised element Effect", "unknown element sid", "version 1.0", "effect Allow",
    "empty action list", "resource with four segments", "unknown operator string_equals",
    "bad CIDR 10.0.0.0/33", "bad date 2026-13-45", "non-numeric number abc",
    "null_equal_if_exist", "missing version", "duplicate key effect", "empty statement list",
    "resource project id set", "action without service"};
const size_t fz_breakage_count = sizeof fz_breakages / sizeof fz_breakages[0];

/* ---------------------------------------------------------------- helpers */

static const char **list(fz_arena *a, size_t n)
{
    return fz_alloc(a, (n ? n : 1) * sizeof(const char *));
}

/* Either a vocabulary word (most of the time) or a raw fuzz string. */
static const char *word_or_raw(fz_provider *p, const char *const *vocab, size_t n)
{
    uint8_t b = fz_u8(p);
    if (b >= 250)
        return fz_string(p, 64);
    return vocab[b % n];
}
#define WORD(p, arr) word_or_raw((p), (arr), sizeof(arr) / sizeof((arr)[0]))

static char *flip_case(fz_provider *p, const char *s)
{
    char *out = fz_strdup(p->arena, s);
    uint8_t mode = fz_u8(p) % 4;
    for (char *c = out; *c; c++) {
        if (mode == 1 && *c >= 'a' && *c <= 'z')
            *c = (char)(*c - 32);
        else if (mode == 2 && *c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    }
    return out;
}

/* ---------------------------------------------------------------- actions */

const char *fz_gen_action(fz_provider *p)
{
    uint8_t kind = fz_u8(p);
    const char *a;
    if (kind < 200) {
        const ref_action_info *info = &ref_catalog[fz_range(p, ref_catalog_count)];
        a = fz_printf(p->arena, "%s:%s", info->service, info->name);
    } else if (kind < 240) {
        a = FZ_PICK(p, unknown_actions);
    } else {
        return fz_string(p, 64);
    }
    if (fz_u8(p) < 40)
        a = flip_case(p, a);
    if (fz_u8(p) < 30)
        a = fz_printf(p->arena, "%s%s", fz_bool(p) ? "name/" : "NAME/", a);
    return a;
}

const char *fz_gen_action_pattern(fz_provider *p)
{
    uint8_t kind = fz_u8(p);
    if (kind < 100)
        return fz_gen_action(p);
    const char *a = WORD(p, action_patterns);
    if (fz_u8(p) < 20)
        a = flip_case(p, a);
    return a;
}

/* ---------------------------------------------------------------- resources */

/* Render a catalog template with vocabulary parameters (catalog.md,
 * "Rendering a request from a template"). */
static const char *render(fz_provider *p, const char *tmpl)
{
    const char *uin = FZ_PICK(p, uins);
    const struct {
        const char *name, *value;
    } params[] = {
        {"${uin}", uin},
        {"${SdkAppId}", FZ_PICK(p, appids)},
        {"${Region}", FZ_PICK(p, regions)},
        {"${PlatformId}", FZ_PICK(p, platform_ids)},
        {"${MNPId}", FZ_PICK(p, mnp_ids)},
        {"${Platform}", FZ_PICK(p, platform_ids)},
    };
    fz_buf b = {0};
    for (const char *c = tmpl; *c;) {
        bool done = false;
        for (size_t i = 0; *c == '$' && i < sizeof params / sizeof params[0] && !done; i++)
            if (gen_strncmp(c, params[i].name, strlen(params[i].name)) == 0) {
                fz_buf_puts(&b, params[i].value);
                c += strlen(params[i].name);
                done = true;
            }
        if (done)
            continue;
        if (gen_strncmp(c, "uin/:", 5) == 0) { /* the owner's account, uin given */
            fz_buf_printf(&b, "uin/%s:", uin);
            c += 5;
            continue;
        }
        fz_buf_put(&b, c, 1);
        c++;
    }
    return fz_buf_finish(&b, p->arena);
}

const char *fz_gen_resource(fz_provider *p)
{
    uint8_t kind = fz_u8(p);
    if (kind < 220) {
        const ref_action_info *info = &ref_catalog[fz_range(p, ref_catalog_count)];
        if (info->operation_level)
            return render(p, "qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}");
        return render(p, info->resource_template);
    }
    if (kind < 245)
        return fz_printf(p->arena, "qcs::cvm:%s:uin/%s:instance/ins-%u", FZ_PICK(p, regions),
                         FZ_PICK(p, uins), fz_u8(p));
    return fz_string(p, 96);
}

const char *fz_gen_resource_pattern(fz_provider *p)
{
    uint8_t kind = fz_u8(p);
    if (kind < 25)
        return "*";
    if (kind < 80) {
        /* A catalog template rendered, possibly with a wildcard tail. */
        const char *r = fz_gen_resource(p);
        if (fz_bool(p)) {
            char *c = fz_strdup(p->arena, r);
            char *slash = strrchr(c, '/');
            if (slash && slash[1])
                slash[1] = '*', slash[2] = '\0';
            return c;
        }
        return r;
    }
    if (kind < 245)
        return fz_printf(p->arena, "qcs::%s:%s:%s:%s", WORD(p, res_services), WORD(p, res_regions),
                         WORD(p, res_accounts), WORD(p, res_tails));
    return fz_string(p, 96);
}

/* ---------------------------------------------------------------- subjects on the edges
 * cedar-spec's habit: derive the subject from the pattern, then push it onto
 * the boundaries a matcher's off-by-one lives on. A '*' is filled with the
 * usual words most of the time, otherwise with nothing (the chunks on either
 * side touch), with a proper prefix of the literal chunk that follows,
 * repeated (a chunk search must restart inside it: "RoRoo" before "Room"),
 * with that chunk itself (it then occurs early as well as where it belongs)
 * or with a long run. Afterwards the subject may lose or gain one or two
 * bytes right at a chunk boundary, at its head or at its tail, so that head
 * and tail overlap or a window is one byte too short or too long. */

enum { FZ_MAX_MARKS = 64 };

/* The literal chunk of pattern text starting at rest: up to the next
 * wildcard or segment separator. */
static size_t chunk_len(const char *rest)
{
    return strcspn(rest, "*?:$");
}

static void star_fill(fz_provider *p, fz_buf *b, const char *rest, const char *const *fills,
                      size_t nfills)
{
    uint8_t k = fz_u8(p);
    size_t clen = chunk_len(rest);
    if (k < 150) {
        fz_buf_puts(b, fills[k % nfills]);
    } else if (k < 175) {
        /* nothing: the chunks on either side touch */
    } else if (k < 205 && clen > 1) {
        size_t cut = 1 + fz_range(p, clen - 1); /* 1 .. clen-1 bytes of the next chunk */
        size_t times = 1 + fz_range(p, 3);
        for (size_t i = 0; i < times; i++)
            fz_buf_put(b, rest, cut);
    } else if (k < 225 && clen) {
        size_t times = 1 + fz_range(p, 2);
        for (size_t i = 0; i < times; i++)
            fz_buf_put(b, rest, clen);
    } else if (k < 240) {
        fz_buf_puts(b, fills[k % nfills]);
    } else if (k < 245) {
        /* Long, but not too long: the reference matchers are quadratic. A
         * run in the account segment can take a uin past CAMSIM_MAX_UIN_BYTES. */
        size_t n = (size_t)32 << fz_range(p, 4); /* 32 .. 256 bytes */
        char c = clen ? rest[fz_range(p, clen)] : 'a';
        for (size_t i = 0; i < n; i++)
            fz_buf_put(b, &c, 1);
    } else {
        fz_buf_puts(b, fz_string(p, 16));
    }
}

/* One or two bytes fewer or more at a boundary the derivation marked (or at
 * the head or the tail): most subjects are left alone. */
static void edge_shift(fz_provider *p, fz_buf *b, const size_t *marks, size_t nmarks)
{
    uint8_t e = fz_u8(p);
    if (e < 192 || !b->s)
        return;
    size_t at = nmarks ? marks[fz_range(p, nmarks)] : 0;
    if (fz_u8(p) & 1)
        at = fz_bool(p) ? 0 : b->len; /* the head or the tail */
    if (at > b->len)
        at = b->len;
    if (e < 216 || e >= 248) {
        /* one (e < 216) or two bytes fewer, before or after the boundary */
        size_t n = e < 216 ? 1 : 2;
        size_t from = fz_bool(p) && at >= n ? at - n : at;
        if (from + n > b->len)
            n = b->len - from;
        memmove(b->s + from, b->s + from + n, b->len - from - n + 1);
        b->len -= n;
    } else {
        /* one byte more: a copy of a neighbour (the chunk grows) or another */
        char c = at < b->len ? b->s[at] : at ? b->s[at - 1] : 'a';
        static const char others[] = {'a', ':', '/', '*', 'x'};
        if (e >= 236)
            c = FZ_PICK(p, others);
        char tail[1] = {c};
        fz_buf_put(b, tail, 1); /* room and NUL */
        memmove(b->s + at + 1, b->s + at, b->len - at - 1);
        b->s[at] = c;
        b->s[b->len] = '\0';
    }
}

size_t fz_gen_limit_length(fz_provider *p, size_t limit)
{
    return limit - 1 + fz_range(p, 3);
}

char *fz_to_length(fz_provider *p, const char *s, size_t len)
{
    size_t n = strlen(s);
    if (n >= len)
        return fz_strndup(p->arena, s, len);
    /* Grow the last segment (after the last ':' or '/'), before any '*' or
     * '?' it ends with, with copies of one of its letters. */
    size_t at = n;
    while (at > 0 && (s[at - 1] == '*' || s[at - 1] == '?'))
        at--;
    size_t seg = at;
    while (seg > 0 && s[seg - 1] != ':' && s[seg - 1] != '/')
        seg--;
    char fill = 'a';
    for (size_t i = seg; i < at; i++)
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
            fill = s[i];
    if (fz_bool(p))
        fill = 'a';
    char *out = fz_alloc(p->arena, len + 1);
    memcpy(out, s, at);
    memset(out + at, fill, len - n);
    memcpy(out + at + (len - n), s + at, n - at);
    out[len] = '\0';
    return out;
}

char *fz_gen_digits(fz_provider *p, size_t len)
{
    char *out = fz_alloc(p->arena, len + 1);
    for (size_t i = 0; i < len; i++)
        out[i] = (char)('0' + (i == 0 ? 1 + fz_range(p, 9) : fz_range(p, 10)));
    return out;
}

char *fz_subject_from_pattern(fz_provider *p, const char *pattern, bool fold_case,
                              const ref_vars *vars, bool six_segments)
{
    static const char *const fills[] = {"", "a", "Room", "1400000001", "x:y/z", "Describe",
                                        "MNP", "100001", "ap-"};
    fz_buf b = {0};
    int seg = 0;
    const char *c = pattern;
    size_t marks[FZ_MAX_MARKS], nmarks = 0;
    if (six_segments && gen_strcmp(pattern, "*") == 0)
        return fz_strdup(p->arena, "qcs::trtc::uin/100001:sdkappid/1400000001");
    while (*c) {
        /* Empty service/region/account or bare "uin/" in a pattern: fill. */
        if (six_segments && (c == pattern || c[-1] == ':') && seg >= 2 && seg <= 4 &&
            (*c == ':' || gen_strncmp(c, "uin/:", 5) == 0)) {
            if (seg == 2)
                fz_buf_puts(&b, fz_bool(p) ? "trtc" : "tcmpp");
            else if (seg == 3)
                fz_buf_puts(&b, fz_bool(p) ? "" : "ap-guangzhou");
            else
                fz_buf_printf(&b, "uin/%s", vars && vars->owner_uin ? vars->owner_uin : "100001");
            if (*c != ':')
                c += 4; /* skip "uin/", the ':' is handled next */
        }
        if (*c == ':') {
            seg++;
            fz_buf_put(&b, c, 1);
            c++;
            continue;
        }
        if (*c == '*') {
            if (nmarks < FZ_MAX_MARKS)
                marks[nmarks++] = b.len;
            if (six_segments && (seg == 2 || seg == 3) && (c[1] == ':' || c[1] == '\0'))
                fz_buf_puts(&b, seg == 2 ? "trtc" : "ap-shanghai");
            else
                star_fill(p, &b, c + 1, fills, sizeof fills / sizeof fills[0]);
            if (nmarks < FZ_MAX_MARKS)
                marks[nmarks++] = b.len;
            c++;
            continue;
        }
        if (six_segments && seg >= 5 && *c == '$') {
            const char *names[] = {"${uin}", "${owner_uin}", "${app_id}"};
            const char *vals[] = {vars ? vars->uin : NULL, vars ? vars->owner_uin : NULL,
                                  vars ? vars->app_id : NULL};
            bool done = false;
            for (int k = 0; k < 3 && !done; k++)
                if (gen_strncmp(c, names[k], strlen(names[k])) == 0) {
                    fz_buf_puts(&b, vals[k] ? vals[k] : "");
                    c += strlen(names[k]);
                    done = true;
                }
            if (done)
                continue;
        }
        char ch = *c++;
        if (fold_case && fz_u8(p) < 30)
            ch = (ch >= 'a' && ch <= 'z') ? (char)(ch - 32) : ch;
        fz_buf_put(&b, &ch, 1);
    }
    edge_shift(p, &b, marks, nmarks);
    return fz_buf_finish(&b, p->arena);
}

/* ---------------------------------------------------------------- conditions */

const char *fz_gen_operator(fz_provider *p, ref_family *family)
{
    size_t i = fz_range(p, sizeof base_ops / sizeof base_ops[0]);
    *family = base_ops[i].family;
    return base_ops[i].name;
}

const char *fz_gen_key(fz_provider *p)
{
    return keys[fz_range(p, sizeof keys / sizeof keys[0])].key;
}

/* Numbers that tell exact decimals from doubles (section 4): digit runs
 * longer than a double holds and differing past the 16th digit, exponents
 * beyond a double's range and beyond 64 bits, zeros with signs, and one
 * value in several spellings (1, 1.0, 10e-1, 0.1E+1, ...): the mantissa
 * times a power of ten, with the point placed anywhere and the exponent
 * adjusted to match. */
static const char *gen_number(fz_provider *p)
{
    static const char *const mantissas[] = {
        "1", "15", "25", "3", "0", "9007199254740992", "9007199254740993",
        "9007199254740994", "12345678901234567890", "12345678901234567891",
        "10000000000000001", "1000000000000000000001", "99999999999999999999",
        "100000000000000000000", "5"};
    static const long long exps[] = {0, 0, 0, 0, 1, -1, 2, -16, -20, 400, -400, 999999999,
                                     -999999999};
    static const char *const huge[] = {"99999999999999999999", "100000000000000000000",
                                       "-99999999999999999999", "18446744073709551616"};
    const char *m = FZ_PICK(p, mantissas);
    const char *sign = fz_u8(p) < 60 ? "-" : "";
    uint8_t mode = fz_u8(p);
    if (mode < 16) /* an exponent beyond 64 bits */
        return fz_printf(p->arena, "%s%se%s", sign, m, FZ_PICK(p, huge));
    long long e = exps[fz_range(p, sizeof exps / sizeof exps[0])];
    size_t len = strlen(m);
    size_t zeros = fz_range(p, 4); /* trailing zeros after the point */
    const char *echar = fz_u8(p) < 200 ? "e" : "E";
    char body[96];
    long long written;
    if (mode < 48) { /* "0.00ddd" */
        size_t lead = fz_range(p, 3);
        snprintf(body, sizeof body, "0.%.*s%s%.*s", (int)lead, "000", m, (int)zeros, "000");
        written = e + (long long)len + (long long)lead;
    } else { /* the point after k digits, or none */
        size_t k = 1 + fz_range(p, len);
        if (k == len && zeros == 0)
            snprintf(body, sizeof body, "%s", m);
        else
            snprintf(body, sizeof body, "%.*s.%s%.*s", (int)k, m, m + k, (int)zeros, "000");
        written = e + (long long)(len - k);
    }
    if (written == 0 && fz_u8(p) < 160)
        return fz_printf(p->arena, "%s%s", sign, body);
    const char *plus = written >= 0 && fz_u8(p) < 60 ? "+" : "";
    return fz_printf(p->arena, "%s%s%s%s%lld", sign, body, echar, plus, written);
}

const char *fz_gen_value(fz_provider *p, ref_family f)
{
    uint8_t b = fz_u8(p);
    if (b >= 245)
        return fz_string(p, 48);
    if (f == REF_F_NUMERIC && b < 140)
        return gen_number(p);
    for (size_t i = 0; i < sizeof family_values / sizeof family_values[0]; i++)
        if (family_values[i].family == f)
            return family_values[i].values[b % 8];
    return "x";
}

const char *fz_gen_request_value(fz_provider *p, const char *key, ref_family f)
{
    uint8_t b = fz_u8(p);
    if (b >= 250)
        return fz_string(p, 48);
    if (b < 150)
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (gen_strcmp(keys[i].key, key) == 0)
                return keys[i].values[b % 5];
    /* A value of the family, made readable as a request value. */
    const char *v = fz_gen_value(p, f);
    if (f == REF_F_IP && strchr(v, '/'))
        return fz_strndup(p->arena, v, (size_t)(strchr(v, '/') - v));
    return v;
}

static void gen_condition(fz_provider *p, ref_cond *c)
{
    ref_family fam;
    const char *key = fz_gen_key(p);
    const char *op = NULL;
    /* Mostly an operator whose family suits the key. */
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (gen_strcmp(keys[i].key, key) == 0 && fz_u8(p) < 200) {
            fam = keys[i].family;
            size_t start = fz_range(p, sizeof base_ops / sizeof base_ops[0]);
            for (size_t k = 0; k < sizeof base_ops / sizeof base_ops[0]; k++) {
                size_t j = (start + k) % (sizeof base_ops / sizeof base_ops[0]);
                bool like = fam == REF_F_STRING &&
                            (base_ops[j].family == REF_F_LIKE || base_ops[j].family == REF_F_STRING_CI ||
                             base_ops[j].family == REF_F_NULL);
                if (base_ops[j].family == fam || like) {
                    op = base_ops[j].name;
                    fam = base_ops[j].family;
                    break;
                }
            }
        }
    if (!op)
        op = fz_gen_operator(p, &fam);
    uint8_t q = fz_u8(p);
    const char *qual = q < 20 ? "for_any_value:" : q < 40 ? "for_all_value:" : "";
    const char *ifx = (fz_u8(p) < 30) ? "_if_exist" : "";
    if (fam == REF_F_NULL)
        qual = ifx = "";
    c->op = fz_printf(p->arena, "%s%s%s", qual, op, ifx);
    c->key = key;
    c->count = 1 + fz_range(p, 3);
    c->values = list(p->arena, c->count);
    for (size_t i = 0; i < c->count; i++)
        c->values[i] = fz_gen_value(p, fam);
}

/* ---------------------------------------------------------------- statements */

void fz_gen_statement(fz_provider *p, ref_stmt *s, int effect)
{
    s->effect = effect;
    s->nactions = 1 + fz_range(p, 3);
    s->actions = list(p->arena, s->nactions);
    for (size_t i = 0; i < s->nactions; i++)
        s->actions[i] = fz_gen_action_pattern(p);
    s->nresources = 1 + fz_range(p, 3);
    s->resources = list(p->arena, s->nresources);
    for (size_t i = 0; i < s->nresources; i++)
        s->resources[i] = fz_gen_resource_pattern(p);
    uint8_t pk = fz_u8(p);
    s->principal_kind = pk < 20 ? 1 : pk < 45 ? 2 : 0;
    if (s->principal_kind == 2) {
        s->nprincipals = 1 + fz_range(p, 2);
        s->principals = list(p->arena, s->nprincipals);
        for (size_t i = 0; i < s->nprincipals; i++)
            s->principals[i] = FZ_PICK(p, principal_patterns);
    }
    size_t want = fz_u8(p) < 110 ? 1 + fz_range(p, 3) : 0;
    s->conds = fz_alloc(p->arena, (want ? want : 1) * sizeof *s->conds);
    s->nconds = 0;
    for (size_t i = 0; i < want; i++) {
        ref_cond c;
        gen_condition(p, &c);
        bool dup = false; /* one key once per operator: JSON forbids duplicate keys */
        for (size_t j = 0; j < s->nconds; j++)
            if (gen_strcmp(s->conds[j].op, c.op) == 0 && gen_strcmp(s->conds[j].key, c.key) == 0)
                dup = true;
        if (!dup)
            s->conds[s->nconds++] = c;
    }
}

void fz_gen_policy(fz_provider *p, ref_policy *out, bool may_break)
{
    memset(out, 0, sizeof *out);
    out->nstmts = 1 + fz_range(p, 4);
    out->stmts = fz_alloc(p->arena, out->nstmts * sizeof *out->stmts);
    for (size_t i = 0; i < out->nstmts; i++)
        fz_gen_statement(p, &out->stmts[i], fz_u8(p) < 170);
    uint8_t pk = fz_u8(p);
    if (pk < 15) {
        bool any_stmt_principal = false;
        for (size_t i = 0; i < out->nstmts; i++)
            any_stmt_principal |= out->stmts[i].principal_kind != 0;
        if (!any_stmt_principal) {
            out->principal_kind = 2;
            out->nprincipals = 1;
            out->principals = list(p->arena, 1);
            out->principals[0] = FZ_PICK(p, principal_patterns);
        }
    }
    if (may_break && fz_u8(p) < 12)
        out->invalid = fz_breakages[fz_range(p, fz_breakage_count)];
}

/* ---------------------------------------------------------------- requests */

void fz_gen_request(fz_provider *p, ref_request *r)
{
    memset(r, 0, sizeof *r);
    r->action = fz_gen_action(p);
    const ref_action_info *info = ref_catalog_find(r->action);
    uint8_t rk = fz_u8(p);
    if (info && info->operation_level)
        r->resource = rk < 245 ? NULL : fz_gen_resource(p);
    else if (info && rk < 200)
        r->resource = render(p, info->resource_template);
    else
        r->resource = rk < 245 ? fz_gen_resource(p) : NULL;
    uint8_t ok = fz_u8(p);
    /* Rarely a uin at CAMSIM_MAX_UIN_BYTES, one byte under or over it. */
    r->owner_uin = ok < 150 ? NULL : ok < 248 ? FZ_PICK(p, uins)
                 : fz_gen_digits(p, fz_gen_limit_length(p, CAMSIM_MAX_UIN_BYTES));
    r->principal = fz_u8(p) < 100 ? NULL : FZ_PICK(p, principals);
    size_t want = fz_range(p, 5);
    r->ctx = fz_alloc(p->arena, (want ? want : 1) * sizeof *r->ctx);
    for (size_t i = 0; i < want; i++) {
        size_t k = fz_range(p, sizeof keys / sizeof keys[0]);
        bool dup = false;
        for (size_t j = 0; j < r->nctx; j++)
            dup |= gen_strcmp(r->ctx[j].key, keys[k].key) == 0;
        if (dup)
            continue;
        ref_ctx *c = &r->ctx[r->nctx++];
        c->key = keys[k].key;
        c->count = fz_u8(p) < 200 ? 1 : 1 + fz_range(p, 3);
        c->values = list(p->arena, c->count);
        for (size_t j = 0; j < c->count; j++)
            c->values[j] = fz_gen_request_value(p, c->key, keys[k].family);
    }
}

/* ---------------------------------------------------------------- JSON */

/* Is s exactly an RFC 8259 number (so it may be written as a JSON number)? */
static bool looks_number(const char *s)
{
#define DIGIT(c) ((c) >= '0' && (c) <= '9')
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (DIGIT(*s))
        while (DIGIT(*s))
            s++;
    else
        return false;
    if (*s == '.') {
        if (!DIGIT(s[1]))
            return false;
        for (s++; DIGIT(*s); s++)
            ;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!DIGIT(*s))
            return false;
        while (DIGIT(*s))
            s++;
    }
    return *s == '\0';
#undef DIGIT
}

static void emit_list(fz_buf *b, const char *const *items, size_t n, bool allow_scalar)
{
    if (n == 1 && allow_scalar) {
        fz_buf_json_string(b, items[0]);
        return;
    }
    fz_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            fz_buf_puts(b, ",");
        fz_buf_json_string(b, items[i]);
    }
    fz_buf_puts(b, "]");
}

static void emit_principal(fz_buf *b, int kind, const char *const *list_, size_t n)
{
    fz_buf_puts(b, "\"principal\":");
    if (kind == 1) {
        fz_buf_puts(b, "\"*\"");
    } else {
        fz_buf_puts(b, "{\"qcs\":");
        emit_list(b, list_, n, false);
        fz_buf_puts(b, "}");
    }
}

static void emit_value(fz_buf *b, const char *op, const char *v, unsigned style)
{
    bool numeric = gen_strstr(op, "numeric_") != NULL;
    bool boolean = gen_strstr(op, "bool_equal") || gen_strstr(op, "null_equal");
    if ((style & 8) && numeric && looks_number(v) && strlen(v) <= CAMSIM_MAX_NUMBER_CHARS)
        fz_buf_puts(b, v); /* a JSON number: the engine keeps its exact text */
    else if ((style & 8) && boolean && (gen_strcmp(v, "true") == 0 || gen_strcmp(v, "false") == 0))
        fz_buf_puts(b, v); /* a JSON boolean */
    else
        fz_buf_json_string(b, v);
}

static void emit_conditions(fz_buf *b, const ref_stmt *s, unsigned style, const char *broken)
{
    fz_buf_puts(b, ",\"condition\":{");
    bool first_op = true;
    for (size_t i = 0; i < s->nconds; i++) {
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen |= gen_strcmp(s->conds[j].op, s->conds[i].op) == 0;
        if (seen)
            continue;
        if (!first_op)
            fz_buf_puts(b, ",");
        first_op = false;
        fz_buf_json_string(b, s->conds[i].op);
        fz_buf_puts(b, ":{");
        bool first_key = true;
        for (size_t j = i; j < s->nconds; j++) {
            const ref_cond *c = &s->conds[j];
            if (gen_strcmp(c->op, s->conds[i].op) != 0)
                continue;
            if (!first_key)
                fz_buf_puts(b, ",");
            first_key = false;
            fz_buf_json_string(b, c->key);
            fz_buf_puts(b, ":");
            if (c->count == 1 && (style & 4)) {
                emit_value(b, c->op, c->values[0], style);
            } else {
                fz_buf_puts(b, "[");
                for (size_t k = 0; k < c->count; k++) {
                    if (k)
                        fz_buf_puts(b, ",");
                    emit_value(b, c->op, c->values[k], style);
                }
                fz_buf_puts(b, "]");
            }
        }
        fz_buf_puts(b, "}");
    }
    if (broken) {
        if (!first_op)
            fz_buf_puts(b, ",");
        fz_buf_puts(b, broken);
    }
    fz_buf_puts(b, "}");
}

static void emit_statement(fz_buf *b, const ref_stmt *s, unsigned style, const char *breakage)
{
#define BROKEN(name) (breakage && gen_strcmp(breakage, name) == 0)
    fz_buf_puts(b, "{");
    if (BROKEN("capitalised element Effect"))
        fz_buf_puts(b, "\"Effect\":");
    else
        fz_buf_puts(b, "\"effect\":");
    if (BROKEN("effect Allow"))
        fz_buf_puts(b, s->effect ? "\"Allow\"" : "\"Deny\"");
    else
        fz_buf_puts(b, s->effect ? "\"allow\"" : "\"deny\"");
    if (BROKEN("duplicate key effect"))
        fz_buf_puts(b, s->effect ? ",\"effect\":\"allow\"" : ",\"effect\":\"deny\"");
    if (BROKEN("unknown element sid"))
        fz_buf_puts(b, ",\"sid\":\"s1\"");
    fz_buf_puts(b, ",\"action\":");
    if (BROKEN("empty action list"))
        fz_buf_puts(b, "[]");
    else if (BROKEN("action without service"))
        fz_buf_puts(b, "[\"DismissRoom\"]");
    else
        emit_list(b, s->actions, s->nactions, style & 2);
    fz_buf_puts(b, ",\"resource\":");
    if (BROKEN("resource with four segments"))
        fz_buf_puts(b, "\"qcs::trtc:uin/100001\"");
    else if (BROKEN("resource project id set"))
        fz_buf_puts(b, "\"qcs:7:trtc::uin/100001:sdkappid/1\"");
    else
        emit_list(b, s->resources, s->nresources, style & 2);
    if (s->principal_kind) {
        fz_buf_puts(b, ",");
        emit_principal(b, s->principal_kind, s->principals, s->nprincipals);
    }
    const char *bad_cond =
        BROKEN("unknown operator string_equals")   ? "\"string_equals\":{\"qcs:uin\":\"1\"}"
        : BROKEN("bad CIDR 10.0.0.0/33")            ? "\"ip_equal\":{\"qcs:ip\":[\"10.0.0.0/33\"]}"
        : BROKEN("bad date 2026-13-45")             ? "\"date_less_than\":{\"qcs:current_time\":\"2026-13-45T00:00:00Z\"}"
        : BROKEN("non-numeric number abc")          ? "\"numeric_equal\":{\"count\":\"abc\"}"
        : BROKEN("null_equal_if_exist")             ? "\"null_equal_if_exist\":{\"mfa\":\"true\"}"
                                                    : NULL;
    if (s->nconds || bad_cond) {
        /* A broken operator must not collide with a generated one. */
        bool collide = false;
        for (size_t i = 0; bad_cond && i < s->nconds; i++)
            collide |= gen_strncmp(bad_cond + 1, s->conds[i].op, strlen(s->conds[i].op)) == 0 &&
                       bad_cond[1 + strlen(s->conds[i].op)] == '"';
        if (collide) {
            ref_stmt copy = *s;
            copy.nconds = 0;
            emit_conditions(b, &copy, style, bad_cond);
        } else {
            emit_conditions(b, s, style, bad_cond);
        }
    }
    fz_buf_puts(b, "}");
#undef BROKEN
}

char *fz_policy_json(fz_arena *a, const ref_policy *p, unsigned style, const size_t *order)
{
    fz_buf b = {0};
    const char *breakage = p->invalid;
    fz_buf_puts(&b, "{");
    if (breakage && gen_strcmp(breakage, "missing version") == 0)
        ;
    else if (breakage && gen_strcmp(breakage, "version 1.0") == 0)
        fz_buf_puts(&b, "\"version\":\"1.0\",");
    else
        fz_buf_puts(&b, "\"version\":\"2.0\",");
    if (p->principal_kind) {
        emit_principal(&b, p->principal_kind, p->principals, p->nprincipals);
        fz_buf_puts(&b, ",");
    }
    fz_buf_puts(&b, "\"statement\":");
    if (breakage && gen_strcmp(breakage, "empty statement list") == 0) {
        fz_buf_puts(&b, "[]}");
        return fz_buf_finish(&b, a);
    }
    bool single = p->nstmts == 1 && (style & 1);
    if (!single)
        fz_buf_puts(&b, "[");
    for (size_t i = 0; i < p->nstmts; i++) {
        size_t k = order ? order[i] : i;
        if (i)
            fz_buf_puts(&b, ",");
        emit_statement(&b, &p->stmts[k], style, k == 0 ? breakage : NULL);
    }
    if (!single)
        fz_buf_puts(&b, "]");
    fz_buf_puts(&b, "}");
    return fz_buf_finish(&b, a);
}

char *fz_request_json(fz_arena *a, const ref_request *r)
{
    fz_buf b = {0};
    fz_buf_puts(&b, "{\"action\":");
    fz_buf_json_string(&b, r->action);
    if (r->resource) {
        fz_buf_puts(&b, ",\"resource\":");
        fz_buf_json_string(&b, r->resource);
    }
    if (r->nctx) {
        fz_buf_puts(&b, ",\"context\":{");
        for (size_t i = 0; i < r->nctx; i++) {
            if (i)
                fz_buf_puts(&b, ",");
            fz_buf_json_string(&b, r->ctx[i].key);
            fz_buf_puts(&b, ":");
            emit_list(&b, r->ctx[i].values, r->ctx[i].count, r->ctx[i].count == 1);
        }
        fz_buf_puts(&b, "}");
    }
    if (r->owner_uin) {
        fz_buf_puts(&b, ",\"owner_uin\":");
        fz_buf_json_string(&b, r->owner_uin);
    }
    if (r->principal) {
        fz_buf_puts(&b, ",\"principal\":");
        fz_buf_json_string(&b, r->principal);
    }
    fz_buf_puts(&b, "}");
    return fz_buf_finish(&b, a);
}

void fz_request_to_camsim(const ref_request *r, camsim_request *out, camsim_context_entry *entries)
{
    memset(out, 0, sizeof *out);
    out->action = r->action;
    out->resource = r->resource;
    out->owner_uin = r->owner_uin;
    out->principal = r->principal;
    for (size_t i = 0; i < r->nctx; i++) {
        entries[i].key = r->ctx[i].key;
        entries[i].values = r->ctx[i].values;
        entries[i].count = r->ctx[i].count;
    }
    out->context = entries;
    out->context_count = r->nctx;
}
