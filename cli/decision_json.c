/* decision_json.c: rendering decisions for eval and simulate. */
#include "decision_json.h"

/* Append an unsigned decimal without going through printf (hot in batch mode). */
static void put_uint(cli_buf *out, unsigned long v)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    cli_buf_append(out, digits + sizeof digits - n, n);
}

static size_t stored_matches(const camsim_decision *d)
{
    return d->match_count < d->match_capacity ? d->match_count : d->match_capacity;
}

void cli_matches_json(cli_buf *out, const cli_policy_set *set, const camsim_decision *d)
{
    cli_buf_putc(out, '[');
    size_t n = stored_matches(d);
    for (size_t i = 0; i < n; i++) {
        const camsim_match *m = &d->matches[i];
        int boundary = 0;
        const char *name = cli_policy_set_match_name(set, m, &boundary);
        if (i)
            cli_buf_putc(out, ',');
        cli_buf_puts(out, "{\"policy\":");
        cli_buf_json_string(out, name);
        cli_buf_puts(out, ",\"statement\":");
        put_uint(out, m->statement);
        cli_buf_puts(out, m->effect == CAMSIM_ALLOW ? ",\"effect\":\"allow\""
                                                    : ",\"effect\":\"deny\"");
        cli_buf_puts(out, boundary ? ",\"boundary\":true}" : "}");
    }
    cli_buf_putc(out, ']');
}

void cli_decision_json(cli_buf *out, const cli_policy_set *set, const camsim_decision *d)
{
    cli_buf_puts(out, "{\"decision\":\"");
    cli_buf_puts(out, camsim_effect_name(d->decision));
    cli_buf_puts(out, "\",\"reason\":\"");
    cli_buf_puts(out, camsim_reason_name(d->reason));
    cli_buf_puts(out, "\",\"matched\":");
    cli_matches_json(out, set, d);
    cli_buf_putc(out, '}');
}

void cli_matches_text(cli_buf *out, const cli_policy_set *set, const camsim_decision *d)
{
    size_t n = stored_matches(d);
    for (size_t i = 0; i < n; i++) {
        const camsim_match *m = &d->matches[i];
        int boundary = 0;
        const char *name = cli_policy_set_match_name(set, m, &boundary);
        if (i)
            cli_buf_putc(out, ',');
        cli_buf_printf(out, "%s#%lu%s", name, (unsigned long)m->statement,
                       boundary ? "[boundary]" : "");
    }
}
