#include "value.h"

#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Dotted quad into out[0..3]; no leading zeros, each part 0..255. */
static bool parse_ipv4(const char *s, size_t n, uint8_t out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
        size_t start = i;
        unsigned v = 0;
        while (i < n && is_digit(s[i]) && i - start < 3)
            v = v * 10 + (unsigned)(s[i++] - '0');
        size_t len = i - start;
        if (len == 0 || v > 255 || (len > 1 && s[start] == '0'))
            return false;
        out[part] = (uint8_t)v;
    }
    return i == n;
}

/* RFC 4291 text form, as glibc's inet_pton accepts it. */
static bool parse_ipv6(const char *s, size_t n, uint8_t out[16])
{
    uint8_t buf[16] = {0};
    size_t o = 0, i = 0;
    long gap = -1; /* where "::" stands, in bytes */
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && s[0] == ':') {
        return false;
    }
    while (i < n) {
        if (o >= 16)
            return false;
        /* A trailing dotted quad fills the last four bytes. */
        const char *dot = memchr(s + i, '.', n - i);
        const char *colon = memchr(s + i, ':', n - i);
        if (dot && !colon) {
            if (o + 4 > 16 || !parse_ipv4(s + i, n - i, buf + o))
                return false;
            o += 4;
            i = n;
            break;
        }
        size_t start = i;
        unsigned v = 0;
        while (i < n && hex_value(s[i]) >= 0 && i - start < 4)
            v = (v << 4) | (unsigned)hex_value(s[i++]);
        if (i == start || (i < n && s[i] != ':'))
            return false;
        buf[o++] = (uint8_t)(v >> 8);
        buf[o++] = (uint8_t)v;
        if (i < n) { /* at ':' */
            i++;
            if (i < n && s[i] == ':') {
                if (gap >= 0)
                    return false;
                gap = (long)o;
                i++;
            } else if (i == n) {
                return false; /* trailing single ':' */
            }
        }
    }
    if (gap >= 0) {
        if (o == 16)
            return false; /* "::" must stand for at least one group */
        size_t tail = o - (size_t)gap;
        memmove(buf + 16 - tail, buf + gap, tail);
        memset(buf + gap, 0, 16 - tail - (size_t)gap);
    } else if (o != 16) {
        return false;
    }
    memcpy(out, buf, 16);
    return true;
}

bool camsim_parse_ip(const char *s, size_t n, bool allow_prefix, camsim_ip *out)
{
    memset(out, 0, sizeof *out);
    const char *slash = memchr(s, '/', n);
    size_t alen = slash ? (size_t)(slash - s) : n;
    if (slash && !allow_prefix)
        return false;
    if (memchr(s, ':', alen)) {
        if (!parse_ipv6(s, alen, out->addr))
            return false;
        out->family = 6;
        out->prefix = 128;
    } else {
        if (!parse_ipv4(s, alen, out->addr))
            return false;
        out->family = 4;
        out->prefix = 32;
    }
    if (slash) {
        const char *p = slash + 1;
        size_t plen = n - alen - 1;
        unsigned v = 0;
        if (plen == 0 || plen > 3 || (plen > 1 && p[0] == '0'))
            return false;
        for (size_t i = 0; i < plen; i++) {
            if (!is_digit(p[i]))
                return false;
            v = v * 10 + (unsigned)(p[i] - '0');
        }
        if (v > out->prefix)
            return false;
        out->prefix = (uint8_t)v;
    }
    return true;
}

bool camsim_ip_contains(const camsim_ip *net, const camsim_ip *addr)
{
    if (net->family != addr->family)
        return false;
    unsigned bits = net->prefix, full = bits / 8, rest = bits % 8;
    if (memcmp(net->addr, addr->addr, full) != 0)
        return false;
    if (rest == 0)
        return true;
    uint8_t mask = (uint8_t)(0xFF << (8 - rest));
    return (net->addr[full] & mask) == (addr->addr[full] & mask);
}

static bool digits(const char *s, int count, int *out)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool camsim_parse_date(const char *s, size_t n, int64_t *out)
{
    int y, mo, d, h, mi, se;
    if (n < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':' || !digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
        !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) ||
        !digits(s + 17, 2, &se))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59)
        return false;
    int64_t offset = 0;
    const char *z = s + 19;
    size_t zl = n - 19;
    if (zl == 1 && z[0] == 'Z') {
        offset = 0;
    } else if (zl == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':') {
        int oh, om;
        if (!digits(z + 1, 2, &oh) || !digits(z + 4, 2, &om) || oh > 23 || om > 59)
            return false;
        offset = (z[0] == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
    } else if (zl != 0) {
        return false;
    }
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
    return true;
}

bool camsim_parse_bool(const char *s, size_t n, bool *out)
{
    if (n == 4 && memcmp(s, "true", 4) == 0) {
        *out = true;
        return true;
    }
    if (n == 5 && memcmp(s, "false", 5) == 0) {
        *out = false;
        return true;
    }
    return false;
}
