/* values.c: representative values for numeric, date, IP and bool keys (values.h). */
#include "values.h"

#include "alloc.h"
#include "plant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diff_strlist_take(diff_strlist *l, char *s)
{
    if (!s) {
        l->failed = true;
        return;
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **g = diff_realloc(l->items, sizeof *g * cap);
        if (!g) {
            free(s);
            l->failed = true;
            return;
        }
        l->items = g;
        l->cap = cap;
    }
    l->items[l->count++] = s;
}

void diff_strlist_add(diff_strlist *l, const char *s)
{
    size_t n = strlen(s);
    char *c = diff_malloc(n + 1);
    if (c)
        memcpy(c, s, n + 1);
    diff_strlist_take(l, c);
}

void diff_strlist_free(diff_strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* ---- numbers ------------------------------------------------------------
 * A value d1.d2...dn * 10^E is written as the integer N = value * 10^F,
 * F one more than the most fractional digits of any value; then N +/- 1
 * lies strictly between the value and every other listed value. */

enum { MAX_EXPONENT = 300 };

static bool exponent_of(const camsim_decimal *d, long *e)
{
    long x = 0;
    if (d->exp) {
        if (d->exp_len > 6)
            return false;
        for (uint32_t i = 0; i < d->exp_len; i++)
            x = x * 10 + (d->exp[i] - '0');
        if (d->exp_negative)
            x = -x;
    }
    *e = x + d->shift;
    return *e <= MAX_EXPONENT && *e >= -MAX_EXPONENT && d->ndigits <= 2 * MAX_EXPONENT;
}

/* The significant digits, '.' skipped. */
static void digits_of(const camsim_decimal *d, char *out)
{
    uint32_t k = 0;
    for (const char *p = d->digits; k < d->ndigits; p++)
        if (*p >= '0' && *p <= '9')
            out[k++] = *p;
}

/* Magnitude +/- 1 on a decimal digit string (most significant first), in place;
 * buf has one spare byte in front. Returns the new start. */
static char *add_one(char *start, size_t *len, int delta)
{
    size_t i = *len;
    if (delta > 0) {
        while (i > 0 && start[i - 1] == '9')
            start[--i] = '0';
        if (i == 0) {
            *--start = '1';
            (*len)++;
        } else {
            start[i - 1]++;
        }
    } else {
        while (i > 0 && start[i - 1] == '0')
            start[--i] = '9';
        start[i - 1]--;
    }
    while (*len > 1 && start[0] == '0') {
        start++;
        (*len)--;
    }
    return start;
}

/* Format sign * mag / 10^F as number text. */
static char *format_fixed(bool negative, const char *mag, size_t len, long F)
{
    size_t int_len = len > (size_t)F ? len - (size_t)F : 0;
    char *out = diff_malloc(len + (size_t)F + 4);
    if (!out)
        return NULL;
    size_t o = 0;
    bool zero = len == 1 && mag[0] == '0';
    if (negative && !zero)
        out[o++] = '-';
    if (int_len == 0) {
        out[o++] = '0';
    } else {
        memcpy(out + o, mag, int_len);
        o += int_len;
    }
    out[o++] = '.';
    for (long k = (long)len; k < F; k++)
        out[o++] = '0';
    memcpy(out + o, mag + int_len, len - int_len);
    o += len - int_len;
    out[o] = '\0';
    return out;
}

/* The value's neighbours value +/- 10^-F. */
static void number_neighbours(const camsim_decimal *d, long E, long F, diff_strlist *out)
{
    /* N = digits * 10^(E - (n-1) + F), zero when the value is zero. */
    size_t n = d->ndigits;
    long zeros = n ? E - (long)(n - 1) + F : 0;
    size_t len = n ? n + (size_t)zeros : 1;
    char *buf = diff_malloc(len + 2);
    if (!buf) {
        out->failed = true;
        return;
    }
    for (int delta = -1; delta <= (CAMSIM_DIFF_PLANTED(3) ? -1 : 1); delta += 2) {
        char *mag = buf + 1;
        if (n) {
            digits_of(d, mag);
            memset(mag + n, '0', (size_t)zeros);
        } else {
            mag[0] = '0';
        }
        size_t mlen = len;
        /* Signed N + delta: the magnitude grows when delta has N's sign. */
        bool negative = d->negative;
        bool zero = n == 0;
        if (zero) {
            mag[0] = '1';
            negative = delta < 0;
        } else if ((delta > 0) != negative) {
            mag = add_one(mag, &mlen, 1);
        } else {
            mag = add_one(mag, &mlen, -1);
        }
        diff_strlist_take(out, format_fixed(negative, mag, mlen, F));
    }
    free(buf);
}

static bool number_reps(const camsim_condition *const *conds, size_t n, diff_strlist *out)
{
    long F = 1;
    for (size_t i = 0; i < n; i++)
        for (uint32_t v = 0; v < conds[i]->count; v++) {
            const camsim_decimal *d = &conds[i]->values[v].v.number;
            long E;
            if (!exponent_of(d, &E))
                return false;
            long frac = (long)d->ndigits - 1 - E;
            if (d->ndigits && frac + 1 > F)
                F = frac + 1;
        }
    diff_strlist_add(out, "0");
    for (size_t i = 0; i < n; i++)
        for (uint32_t v = 0; v < conds[i]->count; v++) {
            const camsim_cond_value *cv = &conds[i]->values[v];
            long E = 0;
            exponent_of(&cv->v.number, &E);
            diff_strlist_add(out, cv->text);
            number_neighbours(&cv->v.number, E, F, out);
        }
    return true;
}

/* ---- dates ---------------------------------------------------------------- */

/* Howard Hinnant's civil_from_days. */
static void civil(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool format_date(int64_t t, diff_strlist *out)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t y;
    int m, d;
    civil(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return false;
    char buf[40];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, m, d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    diff_strlist_add(out, buf);
    return true;
}

static bool date_reps(const camsim_condition *const *conds, size_t n, diff_strlist *out)
{
    diff_strlist_add(out, "2026-01-01T00:00:00Z");
    for (size_t i = 0; i < n; i++)
        for (uint32_t v = 0; v < conds[i]->count; v++) {
            int64_t t = conds[i]->values[v].v.date;
            for (int64_t k = -1; k <= 1; k++)
                if (!format_date(t + k, out))
                    return false;
        }
    return true;
}

/* ---- IP addresses ---------------------------------------------------------- */

static void format_ip(uint8_t family, const uint8_t *a, diff_strlist *out)
{
    char buf[64];
    if (family == 4) {
        snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    } else {
        snprintf(buf, sizeof buf, "%x:%x:%x:%x:%x:%x:%x:%x", a[0] << 8 | a[1], a[2] << 8 | a[3],
                 a[4] << 8 | a[5], a[6] << 8 | a[7], a[8] << 8 | a[9], a[10] << 8 | a[11],
                 a[12] << 8 | a[13], a[14] << 8 | a[15]);
    }
    diff_strlist_add(out, buf);
}

/* Add delta (+1/-1) to a big-endian address; false on wrap-around. */
static bool bump(uint8_t *a, int bytes, int delta)
{
    for (int i = bytes - 1; i >= 0; i--) {
        if (delta > 0 ? a[i] != 0xff : a[i] != 0) {
            a[i] = (uint8_t)(a[i] + delta);
            return true;
        }
        a[i] = delta > 0 ? 0 : 0xff;
    }
    return false;
}

static void net_reps(const camsim_ip *net, diff_strlist *out)
{
    int bytes = net->family == 4 ? 4 : 16;
    uint8_t first[16], last[16];
    for (int i = 0; i < bytes; i++) {
        int keep = net->prefix - 8 * i; /* bits of this byte inside the prefix */
        uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
        first[i] = net->addr[i] & mask;
        last[i] = (uint8_t)(first[i] | (uint8_t)~mask);
    }
    format_ip(net->family, first, out);
    format_ip(net->family, last, out);
    if (bump(first, bytes, -1))
        format_ip(net->family, first, out);
    if (bump(last, bytes, 1))
        format_ip(net->family, last, out);
}

static void ip_reps(const camsim_condition *const *conds, size_t n, diff_strlist *out)
{
    diff_strlist_add(out, "0.0.0.0");
    diff_strlist_add(out, "0:0:0:0:0:0:0:0");
    for (size_t i = 0; i < n; i++)
        for (uint32_t v = 0; v < conds[i]->count; v++)
            net_reps(&conds[i]->values[v].v.ip, out);
}

bool diff_typed_reps(camsim_op_family fam, const camsim_condition *const *conds, size_t n,
                     diff_strlist *out)
{
    diff_strlist_add(out, "x");
    switch (fam) {
    case CAMSIM_FAMILY_NUMERIC: return number_reps(conds, n, out);
    case CAMSIM_FAMILY_DATE: return date_reps(conds, n, out);
    case CAMSIM_FAMILY_IP: ip_reps(conds, n, out); return true;
    case CAMSIM_FAMILY_BOOL:
        diff_strlist_add(out, "true");
        diff_strlist_add(out, "false");
        return true;
    default: return true;
    }
}
