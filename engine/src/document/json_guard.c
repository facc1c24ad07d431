#include "json_guard.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "plant.h"

/* ---------------------------------------------------------------------
 * The validator: RFC 8259 in one forward pass, no recursion, no
 * allocation. The containers currently open are an explicit stack of at
 * most CAMSIM_MAX_NESTING frames; the pass alternates between "a value is
 * expected here" and "a value just ended" (then the innermost container
 * says what may follow).
 * ------------------------------------------------------------------- */

typedef struct frame {
    bool object;
    size_t count;    /* members or elements so far */
    size_t limit;    /* most members or elements allowed */
    size_t key_at;   /* object: offset of the current member name's first byte */
    size_t key_end;  /* object: offset of its closing quote */
} frame;

typedef struct scanner {
    const unsigned char *p;
    size_t len;
    camsim_error *err;
    frame stack[CAMSIM_MAX_NESTING];
    unsigned depth;     /* frames in use */
    unsigned max_depth; /* at most CAMSIM_MAX_NESTING */
    size_t values;      /* values seen so far */
    size_t budget;      /* most values allowed */
} scanner;

static bool fail(camsim_error *err, camsim_code code, size_t offset, const char *what)
{
    camsim_error_set(err, code, "%s at byte %zu", what, offset);
    if (err)
        err->offset = offset;
    return false;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* What the two loops that see every byte need to know of it, one table
 * lookup per byte instead of a chain of comparisons: STRING_PLAIN for a
 * byte that a string body takes as it is (printable ASCII other than '"'
 * and '\\'), JSON_SPACE for the four whitespace bytes RFC 8259 allows. */
enum { STRING_PLAIN = 1, JSON_SPACE = 2 };
#define P STRING_PLAIN
#define W JSON_SPACE
static const unsigned char byte_class[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, W, W, 0, 0, W, 0, 0, /* \t \n \r */
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ W | P, P, 0, P, P, P, P, P, P, P, P, P, P, P, P, P, /* space, '"' */
    /* 0x30 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 0x40 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 0x50 */ P, P, P, P, P, P, P, P, P, P, P, P, 0, P, P, P, /* '\\' */
    /* 0x60 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 0x70 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 0x80 and above: 0 (UTF-8, checked sequence by sequence) */
};
#undef P
#undef W

static bool is_space(unsigned char c)
{
    return (byte_class[c] & JSON_SPACE) || (CAMSIM_PLANTED(3) && c > 0 && c < 0x20);
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The four hex digits at p[0..4) as a code unit, or -1 when they are not
 * four hex digits (or the input ends first). */
static long hex4(const unsigned char *p, size_t left)
{
    if (left < 4)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hex_value(p[k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decode the already validated string body p[from..to) into out (cap bytes,
 * NUL-terminated, truncated when it does not fit). Returns the decoded
 * length, also when truncated. */
static size_t decode_string(const unsigned char *p, size_t from, size_t to, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = from; i < to;) {
        unsigned char buf[4];
        size_t k = 1;
        unsigned long cp;
        if (p[i] != '\\') {
            buf[0] = p[i++];
        } else if (p[i + 1] != 'u') {
            static const char from_c[] = "\"\\/bfnrt", to_c[] = "\"\\/\b\f\n\r\t";
            buf[0] = (unsigned char)to_c[strchr(from_c, p[i + 1]) - from_c];
            i += 2;
        } else {
            cp = (unsigned long)hex4(p + i + 2, 4);
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)hex4(p + i + 2, 4) - 0xDC00);
                i += 6;
            }
            if (cp < 0x80) {
                buf[0] = (unsigned char)cp;
            } else if (cp < 0x800) {
                buf[0] = (unsigned char)(0xC0 | cp >> 6);
                buf[1] = (unsigned char)(0x80 | (cp & 0x3F));
                k = 2;
            } else if (cp < 0x10000) {
                buf[0] = (unsigned char)(0xE0 | cp >> 12);
                buf[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
                buf[2] = (unsigned char)(0x80 | (cp & 0x3F));
                k = 3;
            } else {
                buf[0] = (unsigned char)(0xF0 | cp >> 18);
                buf[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
                buf[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
                buf[3] = (unsigned char)(0x80 | (cp & 0x3F));
                k = 4;
            }
        }
        for (size_t j = 0; j < k; j++, n++)
            if (n + 1 < cap)
                out[n] = (char)buf[j];
    }
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* A count limit exceeded in the container at stack[d]: CAMSIM_E_LIMIT with
 * the byte offset and the JSON pointer of that container. */
static bool limit_at(scanner *s, unsigned d, size_t at, const char *msg)
{
    camsim_error *err = s->err;
    camsim_error_set(err, CAMSIM_E_LIMIT, "%s", msg);
    if (!err)
        return false;
    err->offset = at;
    /* Container d is the value of the current member (or last element) of
     * container d - 1, and so on up to the root. */
    char keys[CAMSIM_MAX_NESTING][128];
    camsim_path path;
    camsim_path_init(&path);
    for (unsigned k = 0; k < d; k++) {
        const frame *f = &s->stack[k];
        if (f->object) {
            decode_string(s->p, f->key_at, f->key_end, keys[k], sizeof keys[k]);
            camsim_path_push_key(&path, keys[k]);
        } else {
            camsim_path_push_index(&path, f->count - 1);
        }
    }
    camsim_error_at(err, &path);
    return false;
}

/* Where the first byte among the eight at p that a string body does not
 * take as it is (not STRING_PLAIN) stands: 0 to 7, or 8 when all eight are
 * plain. One test for eight bytes, so strings are not read a byte at a
 * time. (w - ONES * 0x20) & ~w marks the bytes below 0x20: a borrow only
 * carries out of such a byte, so no byte before the first of them is
 * marked wrongly, and the lowest mark is exact. */
static unsigned first_special8(const unsigned char *p)
{
    const uint64_t ONES = 0x0101010101010101ull, HIGH = 0x8080808080808080ull;
    uint64_t w = camsim_load_le64((const char *)p);
    uint64_t control = (w - ONES * 0x20) & ~w & HIGH;
    uint64_t marks = control | camsim_word_bytes_equal(w, '"') |
                     camsim_word_bytes_equal(w, '\\') | (w & HIGH); /* and 0x80 up */
    return marks ? camsim_first_byte(marks) : 8;
}

/* The string whose opening quote is at p[i]: fills *end with the offset of
 * its closing quote. Checks every escape, surrogate pair, control byte and
 * UTF-8 sequence. */
static bool scan_string(scanner *s, size_t i, size_t *end)
{
    const unsigned char *p = s->p;
    const size_t len = s->len, open = i;
    for (i++; i < len;) {
        if (len - i >= 8) {
            unsigned k = first_special8(p + i);
            i += k;
            if (k == 8)
                continue;
        } else if (byte_class[p[i]] & STRING_PLAIN) {
            i++;
            continue;
        }
        unsigned char c = p[i];
        if (c == '"') {
            *end = i;
            return true;
        }
        if (c == '\\') {
            if (i + 1 >= len)
                break;
            unsigned char e = p[i + 1];
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                e == 'r' || e == 't') {
                i += 2;
                continue;
            }
            if (e != 'u')
                return fail(s->err, CAMSIM_E_JSON, i, "invalid escape in a string (RFC 8259 "
                            "allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u with four hex digits)");
            long u = hex4(p + i + 2, len - i - 2);
            if (u < 0 && CAMSIM_PLANTED(2)) {
                i += 2;
                continue;
            }
            if (u < 0)
                return fail(s->err, CAMSIM_E_JSON, i,
                            "\\u in a string not followed by four hex digits");
            if (u == 0)
                return fail(s->err, CAMSIM_E_JSON, i,
                            "\\u0000 in a string (NUL characters are not allowed)");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail(s->err, CAMSIM_E_JSON, i, "UTF-16 low surrogate escape without a "
                            "high surrogate before it (invalid Unicode)");
            if (u >= 0xD800 && u <= 0xDBFF) {
                long lo = i + 7 < len && p[i + 6] == '\\' && p[i + 7] == 'u'
                              ? hex4(p + i + 8, len - i - 8) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(s->err, CAMSIM_E_JSON, i, "UTF-16 high surrogate escape not "
                                "followed by a low surrogate escape (invalid Unicode)");
                i += 6;
            }
            i += 6;
            continue;
        }
        if (c == 0)
            return fail(s->err, CAMSIM_E_JSON, i, "NUL byte in the document");
        if (c < 0x20)
            return fail(s->err, CAMSIM_E_JSON, i,
                        "raw control character in a string (escape it as \\uXXXX)");
        size_t k = camsim_utf8_sequence(p + i, len - i);
        if (k == 0)
            return fail(s->err, CAMSIM_E_JSON, i, "invalid UTF-8");
        i += k;
    }
    return fail(s->err, CAMSIM_E_JSON, open, "string not terminated (no closing '\"') "
                "starting");
}

/* The number starting at p[i] ('-' or a digit): fills *end with the offset
 * after it. RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool scan_number(scanner *s, size_t i, size_t *end)
{
    const unsigned char *p = s->p;
    const size_t len = s->len, start = i;
    if (p[i] == '-')
        i++;
    if (i >= len || !is_digit(p[i]))
        return fail(s->err, CAMSIM_E_JSON, i, "number without digits after '-'");
    if (p[i] == '0') {
        i++;
        if (i < len && is_digit(p[i]))
            return fail(s->err, CAMSIM_E_JSON, i - 1,
                        "number with a leading zero (RFC 8259 forbids it)");
    } else {
        while (i < len && is_digit(p[i]))
            i++;
    }
    if (i < len && p[i] == '.') {
        if (i + 1 >= len || !is_digit(p[i + 1]))
            return fail(s->err, CAMSIM_E_JSON, i,
                        "number with a '.' not between digits (RFC 8259 forbids it)");
        for (i++; i < len && is_digit(p[i]); i++)
            ;
    }
    if (i < len && (p[i] == 'e' || p[i] == 'E')) {
        size_t e = i++;
        if (i < len && (p[i] == '+' || p[i] == '-'))
            i++;
        if (i >= len || !is_digit(p[i]))
            return fail(s->err, CAMSIM_E_JSON, e,
                        "number with an exponent without digits (RFC 8259 forbids it)");
        while (i < len && is_digit(p[i]))
            i++;
    }
    if (i - start > CAMSIM_MAX_NUMBER_CHARS) {
        camsim_error_set(s->err, CAMSIM_E_LIMIT, "number of %zu characters at byte %zu; at most "
                         "%u (limit CAMSIM_MAX_NUMBER_CHARS)", i - start, start,
                         CAMSIM_MAX_NUMBER_CHARS);
        if (s->err)
            s->err->offset = start;
        return false;
    }
    *end = i;
    return true;
}

static size_t skip_space(const unsigned char *p, size_t i, size_t len)
{
    while (i < len && is_space(p[i]))
        i++;
    return i;
}

/* What stands at p[i] where a token was expected, when it is not one. */
static bool unexpected(scanner *s, size_t i, const char *expected)
{
    const unsigned char *p = s->p;
    char msg[200];
    if (i >= s->len) {
        snprintf(msg, sizeof msg, "unexpected end of the document (expected %s)", expected);
        return fail(s->err, CAMSIM_E_JSON, i, msg);
    }
    if (p[i] == 0)
        return fail(s->err, CAMSIM_E_JSON, i, "NUL byte in the document");
    if (p[i] < 0x20) {
        snprintf(msg, sizeof msg, "control character 0x%02x outside a string (JSON whitespace "
                 "is only space, tab, LF and CR)", p[i]);
        return fail(s->err, CAMSIM_E_JSON, i, msg);
    }
    if (p[i] >= 0x80 && camsim_utf8_sequence(p + i, s->len - i) == 0)
        return fail(s->err, CAMSIM_E_JSON, i, "invalid UTF-8");
    snprintf(msg, sizeof msg, "expected %s", expected);
    return fail(s->err, CAMSIM_E_JSON, i, msg);
}

/* Is the current member name of the root object "statement"? */
static bool root_key_is_statement(const scanner *s)
{
    if (s->depth != 1) /* stack[0] is not set up before the first push */
        return false;
    const frame *f = &s->stack[0];
    char name[16];
    return f->object &&
           decode_string(s->p, f->key_at, f->key_end, name, sizeof name) == 9 &&
           memcmp(name, "statement", 9) == 0;
}

/* Open a container at p[i]. */
static bool push(scanner *s, size_t i, bool object)
{
    if (s->depth >= s->max_depth) {
        camsim_error_set(s->err, CAMSIM_E_LIMIT,
                         "nesting deeper than %u levels at byte %zu (limit CAMSIM_MAX_NESTING)",
                         s->max_depth, i);
        if (s->err)
            s->err->offset = i;
        return false;
    }
    size_t limit = object ? CAMSIM_MAX_OBJECT_MEMBERS
                   : root_key_is_statement(s) ? CAMSIM_MAX_STATEMENTS : CAMSIM_MAX_VALUES;
    s->stack[s->depth++] = (frame){object, 0, limit, 0, 0};
    return true;
}

/* One more member or element in the innermost container, starting at p[i]. */
static bool count_item(scanner *s, size_t i)
{
    frame *f = &s->stack[s->depth - 1];
    if (++f->count <= f->limit)
        return true;
    char msg[160];
    if (f->object)
        snprintf(msg, sizeof msg, "object has more than %zu members at byte %zu "
                 "(limit CAMSIM_MAX_OBJECT_MEMBERS)", f->limit, i);
    else if (f->limit == CAMSIM_MAX_STATEMENTS)
        snprintf(msg, sizeof msg, "more than %zu statements at byte %zu "
                 "(limit CAMSIM_MAX_STATEMENTS)", f->limit, i);
    else
        snprintf(msg, sizeof msg, "array has more than %zu values at byte %zu "
                 "(limit CAMSIM_MAX_VALUES)", f->limit, i);
    return limit_at(s, s->depth - 1, i, msg);
}

/* A member name at p[i] (after '{' or ','), then ':'. Returns the offset
 * where the member's value should start, or 0 after an error (a value
 * never starts at byte 0 inside an object). */
static size_t scan_member_name(scanner *s, size_t i)
{
    i = skip_space(s->p, i, s->len);
    if (i >= s->len || s->p[i] != '"')
        return unexpected(s, i, "'\"' to start a member name"), 0;
    if (!count_item(s, i))
        return 0;
    size_t close;
    if (!scan_string(s, i, &close))
        return 0;
    frame *f = &s->stack[s->depth - 1];
    f->key_at = i + 1;
    f->key_end = close;
    i = skip_space(s->p, close + 1, s->len);
    if (i >= s->len || s->p[i] != ':')
        return unexpected(s, i, "':' after a member name"), 0;
    return i + 1;
}

size_t camsim_json_bom_length(const char *json, size_t len)
{
    return len >= 3 && memcmp(json, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

size_t camsim_json_value_budget(size_t len)
{
    return CAMSIM_JSON_VALUE_BASE + len / CAMSIM_JSON_BYTES_PER_VALUE;
}

bool camsim_json_guard(const char *json, size_t len, unsigned max_depth, camsim_error *err)
{
    scanner s;
    s.p = (const unsigned char *)json;
    s.len = len;
    s.err = err;
    s.depth = 0;
    s.max_depth = max_depth < CAMSIM_MAX_NESTING ? max_depth : CAMSIM_MAX_NESTING;
    s.values = 0;
    s.budget = camsim_json_value_budget(len);
    const unsigned char *p = s.p;
    size_t i = camsim_json_bom_length(json, len); /* a leading byte-order mark is ignored */

    for (;;) {
        /* A value is expected at p[i] (after optional whitespace). */
        i = skip_space(p, i, len);
        if (i >= len)
            return unexpected(&s, i, "a JSON value");
        if (++s.values > s.budget) {
            camsim_error_set(err, CAMSIM_E_LIMIT, "more than %zu JSON values in a document of "
                             "%zu bytes at byte %zu (limit CAMSIM_JSON_VALUE_BASE + bytes / "
                             "CAMSIM_JSON_BYTES_PER_VALUE)", s.budget, len, i);
            if (err)
                err->offset = i;
            return false;
        }
        unsigned char c = p[i];
        size_t end;
        if (c == '{' || c == '[') {
            if (!push(&s, i, c == '{'))
                return false;
            size_t k = skip_space(p, i + 1, len);
            if (k < len && p[k] == (c == '{' ? '}' : ']')) {
                s.depth--;
                i = k + 1;
            } else if (c == '{') {
                if ((i = scan_member_name(&s, k)) == 0)
                    return false;
                continue;
            } else {
                if (!count_item(&s, k))
                    return false;
                i = k;
                continue;
            }
        } else if (c == '"') {
            if (!scan_string(&s, i, &end))
                return false;
            i = end + 1;
        } else if (c == '-' || is_digit(c)) {
            if (!scan_number(&s, i, &end))
                return false;
            i = end;
        } else if (c == 't' || c == 'f' || c == 'n') {
            const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            size_t n = strlen(word);
            if (len - i < n || memcmp(p + i, word, n) != 0)
                return unexpected(&s, i, "a JSON value (true, false and null are lowercase "
                                  "and unquoted)");
            i += n;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'') {
            return unexpected(&s, i, "a JSON value (true, false and null are lowercase and "
                              "unquoted; strings take double quotes)");
        } else if (c == '+' || c == '.') {
            return fail(err, CAMSIM_E_JSON, i,
                        "number must start with '-' or a digit (RFC 8259 forbids it)");
        } else {
            return unexpected(&s, i, "a JSON value");
        }

        /* A value ended before p[i]: close containers until one continues. */
        for (;;) {
            i = skip_space(p, i, len);
            if (s.depth == 0) {
                if (i >= len)
                    return true;
                if (p[i] < 0x20 || (p[i] >= 0x80 && camsim_utf8_sequence(p + i, len - i) == 0))
                    return unexpected(&s, i, "the end of the document");
                return fail(err, CAMSIM_E_JSON, i, CAMSIM_JSON_TRAILING_TEXT);
            }
            frame *f = &s.stack[s.depth - 1];
            if (i < len && p[i] == ',') {
                if (f->object) {
                    if ((i = scan_member_name(&s, i + 1)) == 0)
                        return false;
                } else {
                    size_t k = skip_space(p, i + 1, len);
                    if (!count_item(&s, k))
                        return false;
                    i = k;
                }
                break; /* a value follows */
            }
            if (i < len && p[i] == (f->object ? '}' : ']')) {
                s.depth--;
                i++;
                continue;
            }
            return unexpected(&s, i, f->object ? "',' or '}' after an object member"
                                               : "',' or ']' after an array element");
        }
    }
}

bool camsim_json_check_object(const cJSON *obj, camsim_path *path, camsim_error *err)
{
    size_t n = 0;
    for (const cJSON *a = obj->child; a; a = a->next) {
        if (++n > CAMSIM_MAX_OBJECT_MEMBERS) {
            camsim_error_set(err, CAMSIM_E_LIMIT, "object has more than %u members "
                             "(limit CAMSIM_MAX_OBJECT_MEMBERS)", CAMSIM_MAX_OBJECT_MEMBERS);
            camsim_error_at(err, path);
            return false;
        }
        for (const cJSON *b = obj->child; b != a; b = b->next)
            if (strcmp(a->string, b->string) == 0) {
                size_t mark = camsim_path_push_key(path, a->string);
                camsim_error_set(err, CAMSIM_E_JSON, "duplicate key \"%.200s\" in one object",
                                 a->string);
                camsim_error_at(err, path);
                camsim_path_pop(path, mark);
                return false;
            }
    }
    return true;
}
