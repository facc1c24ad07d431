/* value.h: typed condition values (IP, number, date, bool), parsed strictly
 * so that anything ambiguous is an error rather than a guess. */
#ifndef CAMSIM_VALUE_H
#define CAMSIM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decimal.h"

/** An IPv4 (family 4) or IPv6 (family 6) network; a bare address has a full prefix. */
typedef struct camsim_ip {
    uint8_t family;
    uint8_t prefix;      /**< 0..32 or 0..128 */
    uint8_t addr[16];    /**< network byte order; IPv4 uses the first 4 */
} camsim_ip;

/**
 * Parse dotted-quad IPv4 (no leading zeros, as inet_pton) or RFC 4291 IPv6
 * text (with "::" and a trailing dotted quad), optionally followed by
 * "/prefix" when allow_prefix. Bits below the prefix are ignored when
 * comparing. Returns false when the text is not exactly that.
 */
bool camsim_parse_ip(const char *s, size_t n, bool allow_prefix, camsim_ip *out);

/** True when addr (a bare address) lies in net; families never cross. */
bool camsim_ip_contains(const camsim_ip *net, const camsim_ip *addr);

/**
 * Parse an ISO 8601 UTC time: "YYYY-MM-DDTHH:MM:SS" or with a space for
 * 'T', followed by nothing (UTC), "Z", or an offset "+HH:MM"/"-HH:MM".
 * Produces seconds since 1970-01-01T00:00:00Z. Fields are range-checked
 * (the day against the month, leap years included; seconds 00..59).
 */
bool camsim_parse_date(const char *s, size_t n, int64_t *out);

/** "true" or "false", exactly. */
bool camsim_parse_bool(const char *s, size_t n, bool *out);

#endif
