#include "resource.h"

#include <string.h>

#include "ascii.h"
#include "camsim_tools.h"
#include "plant.h"
#include "variables.h"

static const char *const SEGMENT_NAMES[CAMSIM_SEGMENTS] = {
    "qcs", "project_id", "service_type", "region", "account", "resource"};

bool camsim_resource_split(const char *text, size_t len, camsim_resource_view *out,
                           camsim_error *err)
{
    /* One pass to the fifth ':', eight bytes at a time (segments are
     * short: five memchr calls, or a byte loop, cost more). */
    size_t start = 0, i = 0;
    int seg = 0;
    for (; seg < CAMSIM_SEGMENTS - 1 && i + 8 <= len; i += 8) {
        uint64_t colons = camsim_word_bytes_equal(camsim_load_le64(text + i), ':');
        for (; colons && seg < CAMSIM_SEGMENTS - 1; colons &= colons - 1, seg++) {
            size_t at = i + camsim_first_byte(colons);
            out->seg[seg] = text + start;
            out->len[seg] = at - start;
            start = at + 1;
        }
    }
    for (; seg < CAMSIM_SEGMENTS - 1 && i < len; i++) {
        if (text[i] == ':') {
            out->seg[seg] = text + start;
            out->len[seg] = i - start;
            start = i + 1;
            seg++;
        }
    }
    if (seg < CAMSIM_SEGMENTS - 1) {
        camsim_error_set(err, CAMSIM_E_VALUE,
                         "resource \"%.*s\" has %d segment(s); expected six, "
                         "qcs:project_id:service_type:region:account:resource, or \"*\"",
                         (int)(len > 200 ? 200 : len), text, seg + 1);
        return false;
    }
    out->seg[CAMSIM_SEG_RESOURCE] = text + start;
    out->len[CAMSIM_SEG_RESOURCE] = len - start;
    if (out->len[CAMSIM_SEG_QCS] != 3 || memcmp(out->seg[CAMSIM_SEG_QCS], "qcs", 3) != 0) {
        camsim_error_set(err, CAMSIM_E_VALUE,
                         "resource \"%.*s\" must start with \"qcs:\" (segment %s)",
                         (int)(len > 200 ? 200 : len), text, SEGMENT_NAMES[CAMSIM_SEG_QCS]);
        return false;
    }
    if (out->len[CAMSIM_SEG_PROJECT] != 0) {
        camsim_error_set(err, CAMSIM_E_VALUE,
                         "resource \"%.*s\": the project_id segment must be empty (qcs::service...)",
                         (int)(len > 200 ? 200 : len), text);
        return false;
    }
    return true;
}

static camsim_segment_pattern segment(const char *text, const camsim_resource_view *v, int seg,
                                      bool empty_is_any)
{
    const char *s = v->seg[seg];
    size_t n = v->len[seg];
    camsim_segment_pattern p = {(uint16_t)(s - text), (uint16_t)n, false, false};
    p.any = (empty_is_any && n == 0) || (n == 1 && s[0] == '*');
    p.has_var = camsim_has_vars(s, n);
    return p;
}

bool camsim_resource_compile(const char *text, size_t len, camsim_resource_pattern *out,
                             camsim_error *err)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    out->len = (uint32_t)len;
    if (len > CAMSIM_MAX_PATTERN_BYTES) {
        camsim_error_set(err, CAMSIM_E_LIMIT, "resource pattern longer than %u bytes "
                         "(limit CAMSIM_MAX_PATTERN_BYTES)", CAMSIM_MAX_PATTERN_BYTES);
        return false;
    }
    if (len == 1 && text[0] == '*') {
        out->any = true;
        return true;
    }
    camsim_resource_view v;
    if (!camsim_resource_split(text, len, &v, err))
        return false;
    out->service = segment(text, &v, CAMSIM_SEG_SERVICE, true);
    out->region = segment(text, &v, CAMSIM_SEG_REGION, true);
    out->account = segment(text, &v, CAMSIM_SEG_ACCOUNT, false);
    out->resource = segment(text, &v, CAMSIM_SEG_RESOURCE, false);
    /* Variables are substituted in the sixth segment only (semantics, section 3). */
    out->service.has_var = out->region.has_var = out->account.has_var = false;
    size_t alen = v.len[CAMSIM_SEG_ACCOUNT];
    out->owner_bound = alen == 0 || (alen == 4 && memcmp(v.seg[CAMSIM_SEG_ACCOUNT], "uin/", 4) == 0);
    return true;
}

bool camsim_request_resource_prepare(const char *resource, size_t len, const char *owner_uin,
                                     camsim_request_resource *out, camsim_error *err)
{
    if (!camsim_resource_split(resource, len, &out->view, err))
        return false;
    const char *acct = out->view.seg[CAMSIM_SEG_ACCOUNT];
    size_t alen = out->view.len[CAMSIM_SEG_ACCOUNT];
    bool is_uin = alen >= 4 && memcmp(acct, "uin/", 4) == 0;
    out->account_is_owner = alen == 0 || (is_uin && alen == 4);
    if (owner_uin) {
        out->owner = owner_uin;
        out->owner_len = strlen(owner_uin);
    } else if (is_uin && alen > 4) {
        out->owner = acct + 4;
        out->owner_len = alen - 4;
    } else {
        out->owner = NULL;
        out->owner_len = 0;
    }
    return true;
}

/* Glob one segment, substituting variables into a stack buffer first when
 * the segment uses them. */
static int segment_match(const char *text, const camsim_segment_pattern *p, const char *s,
                         size_t n, const camsim_resource_vars *vars, camsim_error *err)
{
    if (p->any)
        return 1;
    if (!p->has_var)
        return camsim_glob_match(text + p->off, p->len, s, n, CAMSIM_PLANTED(6));
    char buf[CAMSIM_MAX_EXPANDED_BYTES];
    size_t blen;
    int r = camsim_expand_vars(text + p->off, p->len, vars, true, buf, sizeof buf, &blen);
    if (r == -2) {
        camsim_error_set(err, CAMSIM_E_REQUEST,
                         "a policy variable's request value contains '*', which would widen the "
                         "resource pattern \"%.200s\"", text);
        return -1;
    }
    if (r < 0) {
        camsim_error_set(err, CAMSIM_E_LIMIT,
                         "resource pattern longer than %u bytes after substituting policy "
                         "variables (limit CAMSIM_MAX_EXPANDED_BYTES)",
                         CAMSIM_MAX_EXPANDED_BYTES);
        return -1;
    }
    return r == 0 ? 0 : camsim_glob_match(buf, blen, s, n, false);
}

/* The account segment with owner binding (semantics, section 3). */
static int account_match(const camsim_resource_pattern *p, const camsim_request_resource *r)
{
    if (p->owner_bound) {
        if (r->account_is_owner)
            return 1;
        const char *acct = r->view.seg[CAMSIM_SEG_ACCOUNT];
        size_t alen = r->view.len[CAMSIM_SEG_ACCOUNT];
        return r->owner && alen == 4 + r->owner_len && memcmp(acct, "uin/", 4) == 0 &&
               memcmp(acct + 4, r->owner, r->owner_len) == 0;
    }
    if (r->account_is_owner) {
        /* "uin/" in the request is the owner's account: match as uin/<owner>. */
        if (!r->owner || r->owner_len > CAMSIM_MAX_UIN_BYTES)
            return 0;
        char buf[4 + CAMSIM_MAX_UIN_BYTES];
        memcpy(buf, "uin/", 4);
        memcpy(buf + 4, r->owner, r->owner_len);
        return camsim_glob_match(p->text + p->account.off, p->account.len, buf,
                                 4 + r->owner_len, false);
    }
    return camsim_glob_match(p->text + p->account.off, p->account.len,
                             r->view.seg[CAMSIM_SEG_ACCOUNT],
                             r->view.len[CAMSIM_SEG_ACCOUNT], false);
}

int camsim_resource_pattern_match(const camsim_resource_pattern *p,
                                  const camsim_request_resource *r,
                                  const camsim_resource_vars *vars, camsim_error *err)
{
    if (p->any)
        return 1;
    const camsim_resource_view *v = &r->view;
    if (segment_match(p->text, &p->service, v->seg[CAMSIM_SEG_SERVICE],
                      v->len[CAMSIM_SEG_SERVICE], vars, err) != 1 ||
        segment_match(p->text, &p->region, v->seg[CAMSIM_SEG_REGION], v->len[CAMSIM_SEG_REGION],
                      vars, err) != 1 ||
        !account_match(p, r))
        return 0;
    return segment_match(p->text, &p->resource, v->seg[CAMSIM_SEG_RESOURCE],
                         v->len[CAMSIM_SEG_RESOURCE], vars, err);
}
