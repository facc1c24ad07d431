/* lang.c: glob languages and the region enumeration (lang.h).
 *
 * The enumeration is a breadth-first subset construction over the position
 * automata of all the languages of a query at once. A state is the set of
 * (language, position) pairs reachable by the string read so far; two
 * strings reaching the same state are indistinguishable by every language,
 * so visiting each state once visits every behaviour. The alphabet is the
 * code points the globs name, ':' (segment stars stop there), and one
 * fresh code point that stands for all others: no language tells those
 * apart. */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static bool grow(diff_lang *l)
{
    if (l->n < l->cap)
        return true;
    uint32_t cap = l->cap ? l->cap * 2 : 16;
    diff_tok *t = diff_realloc(l->toks, sizeof *t * cap);
    if (!t) {
        l->dead = true;
        l->cap = UINT32_MAX; /* marks the failure */
        return false;
    }
    l->toks = t;
    l->cap = cap;
    return true;
}

static void push(diff_lang *l, uint8_t kind, bool fold, uint32_t cp)
{
    if (l->cap == UINT32_MAX || !grow(l))
        return;
    l->toks[l->n++] = (diff_tok){kind, fold, cp};
}

bool diff_lang_failed(const diff_lang *l)
{
    return l->cap == UINT32_MAX;
}

void diff_lang_free(diff_lang *l)
{
    free(l->toks);
    memset(l, 0, sizeof *l);
}

/* Decode one UTF-8 code point (input is valid UTF-8; stray bytes pass as themselves). */
static uint32_t decode(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra && *i + (size_t)extra >= n) {
        (*i)++;
        return c;
    }
    uint32_t cp = extra ? (uint32_t)(c & (0x3F >> extra)) : c;
    for (int k = 1; k <= extra; k++)
        cp = (cp << 6) | (s[*i + (size_t)k] & 0x3F);
    *i += (size_t)extra + 1;
    return cp;
}

void diff_lang_lit(diff_lang *l, const char *s, size_t n, bool fold)
{
    for (size_t i = 0; i < n;)
        push(l, DIFF_TOK_LIT, fold, decode((const unsigned char *)s, n, &i));
}

void diff_lang_glob(diff_lang *l, const char *s, size_t n, diff_tok_kind star)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = decode((const unsigned char *)s, n, &i);
        if (cp == '*')
            push(l, (uint8_t)star, false, 0);
        else
            push(l, DIFF_TOK_LIT, false, cp);
    }
}

void diff_lang_star(diff_lang *l, diff_tok_kind star)
{
    push(l, (uint8_t)star, false, 0);
}

static uint32_t lower(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool lit_matches(const diff_tok *t, uint32_t c)
{
    return t->cp == c || (t->fold && lower(t->cp) == lower(c));
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- the subset construction --------------------------------------------- */

typedef struct state {
    uint32_t off, len; /* its positions, in the pool */
    uint64_t hash;
    int32_t parent;
    uint32_t sym;
} state;

typedef struct search {
    const diff_lang **langs; /* atoms, all, any, none, in that order */
    size_t nlangs, first_all, first_any, first_none;
    uint32_t *base, *lang_of;
    uint32_t npos;
    uint32_t *stamp, gen;  /* closure de-duplication */
    uint32_t *scratch;
    size_t nscratch;
    uint32_t *pool;
    size_t pool_len, pool_cap;
    state *states;
    size_t nstates, cap_states;
    int32_t *table;  /* open addressing over states */
    size_t table_mask;
    uint64_t *sigs;  /* signatures found, sig_words each */
    size_t nsigs, sig_words, sig_cap;
    int32_t *sig_table; /* open addressing over sigs, grown like table */
    size_t sig_mask;
    uint32_t *alphabet;
    size_t nalpha;
    bool *alive;      /* scratch: language has a position in the state */
    bool *accepting;  /* scratch: language accepts */
} search;

static uint64_t hash_words(const uint32_t *w, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static uint64_t hash_sig(const uint64_t *w, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static void add_pos(search *s, uint32_t lang, uint32_t p)
{
    const diff_lang *l = s->langs[lang];
    for (;;) {
        uint32_t g = s->base[lang] + p;
        if (s->stamp[g] == s->gen)
            return;
        s->stamp[g] = s->gen;
        s->scratch[s->nscratch++] = g;
        if (p < l->n && l->toks[p].kind != DIFF_TOK_LIT)
            p++; /* a star may match nothing */
        else
            return;
    }
}

/* Sort v[0..n) ascending, so that a state's positions have one form. An
 * insertion sort: step and diff_regions add positions almost always in
 * ascending order already (the previous state's, each followed by its
 * chain of stars, which stops at the first position already added), so
 * this is one pass over them, where qsort cost a call per comparison. */
static void sort_positions(uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The hash of entry i of an open-addressing table's list. */
typedef uint64_t (*entry_hash)(const search *s, size_t i);

static uint64_t state_hash(const search *s, size_t i)
{
    return s->states[i].hash;
}

static uint64_t signature_hash(const search *s, size_t i)
{
    return hash_sig(s->sigs + i * s->sig_words, s->sig_words);
}

/* Double *table (its size *mask + 1) and place its n entries again: the
 * state table and the signature table both grow this way. False when out
 * of memory (the table is then unchanged). */
static bool grow_table(const search *s, int32_t **table, size_t *mask, size_t n, entry_hash hash)
{
    size_t size = (*mask + 1) * 2;
    int32_t *t = diff_malloc(sizeof *t * size);
    if (!t)
        return false;
    memset(t, 0xff, sizeof *t * size);
    for (size_t i = 0; i < n; i++) {
        size_t k = hash(s, i) & (size - 1);
        while (t[k] >= 0)
            k = (k + 1) & (size - 1);
        t[k] = (int32_t)i;
    }
    free(*table);
    *table = t;
    *mask = size - 1;
    return true;
}

/* Intern the state in scratch; returns its index, -1 when known, -2 on no memory. */
static int32_t intern(search *s, int32_t parent, uint32_t sym)
{
    sort_positions(s->scratch, s->nscratch);
    uint64_t h = hash_words(s->scratch, s->nscratch);
    size_t k = h & s->table_mask;
    for (; s->table[k] >= 0; k = (k + 1) & s->table_mask) {
        const state *o = &s->states[s->table[k]];
        if (o->hash == h && o->len == s->nscratch &&
            (s->nscratch == 0 ||
             memcmp(s->pool + o->off, s->scratch, sizeof *s->scratch * s->nscratch) == 0))
            return -1;
    }
    if (s->pool_len + s->nscratch > s->pool_cap) {
        size_t cap = (s->pool_cap + s->nscratch) * 2;
        uint32_t *p = diff_realloc(s->pool, sizeof *p * cap);
        if (!p)
            return -2;
        s->pool = p;
        s->pool_cap = cap;
    }
    if (s->nstates == s->cap_states) {
        size_t cap = s->cap_states ? s->cap_states * 2 : 256;
        state *st = diff_realloc(s->states, sizeof *st * cap);
        if (!st)
            return -2;
        s->states = st;
        s->cap_states = cap;
    }
    if (s->nscratch) /* the empty state has no positions (and the pool may not exist yet) */
        memcpy(s->pool + s->pool_len, s->scratch, sizeof *s->scratch * s->nscratch);
    s->states[s->nstates] = (state){(uint32_t)s->pool_len, (uint32_t)s->nscratch, h, parent, sym};
    s->pool_len += s->nscratch;
    s->table[k] = (int32_t)s->nstates;
    s->nstates++;
    if (s->nstates * 2 > s->table_mask &&
        !grow_table(s, &s->table, &s->table_mask, s->nstates, state_hash))
        return -2;
    return (int32_t)(s->nstates - 1);
}

static bool in_alphabet(const search *s, uint32_t c)
{
    for (size_t i = 0; i < s->nalpha; i++)
        if (s->alphabet[i] == c)
            return true;
    return false;
}

/* Add c unless the alphabet holds it. False only when the alphabet is
 * full, which its size rules out (build_alphabet); a false still fails the
 * search, never drops a symbol. */
static bool alpha_add(search *s, uint32_t c, size_t cap)
{
    if (in_alphabet(s, c))
        return true;
    if (s->nalpha >= cap)
        return false;
    s->alphabet[s->nalpha++] = c;
    return true;
}

/* The symbols the languages name (a folded letter names both cases), ':',
 * and one fresh symbol standing for every character none of them names:
 * at most two per literal token plus two, within cap = 2 * npos + 4. */
static bool build_alphabet(search *s, bool no_star)
{
    size_t cap = 2 * s->npos + 4;
    s->alphabet = diff_malloc(sizeof *s->alphabet * cap);
    if (!s->alphabet)
        return false;
    bool ok = true;
    for (size_t j = 0; j < s->nlangs; j++) {
        const diff_lang *l = s->langs[j];
        for (uint32_t p = 0; p < l->n; p++) {
            const diff_tok *t = &l->toks[p];
            if (t->kind != DIFF_TOK_LIT || (no_star && t->cp == '*'))
                continue;
            ok &= alpha_add(s, t->cp, cap);
            if (t->fold && lower(t->cp) != t->cp)
                ok &= alpha_add(s, lower(t->cp), cap);
            if (t->fold && t->cp >= 'a' && t->cp <= 'z')
                ok &= alpha_add(s, t->cp - 32, cap);
        }
    }
    ok &= alpha_add(s, ':', cap);
    /* The fresh symbol: the first of these the languages do not name, so
     * that witnesses stay readable, else the first code point from U+4E00 on
     * that they do not name. */
    static const char readable[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-.";
    uint32_t fresh = 0x4E00;
    for (const char *f = readable; *f; f++)
        if (!in_alphabet(s, (uint32_t)*f)) {
            fresh = (uint32_t)*f;
            break;
        }
    while (in_alphabet(s, fresh))
        fresh++;
    return ok && alpha_add(s, fresh, cap);
}

/* Mark which languages are alive and accepting in state i. */
static void inspect(search *s, size_t i)
{
    memset(s->alive, 0, s->nlangs);
    memset(s->accepting, 0, s->nlangs);
    const state *st = &s->states[i];
    for (uint32_t k = 0; k < st->len; k++) {
        uint32_t g = s->pool[st->off + k], l = s->lang_of[g];
        s->alive[l] = true;
        if (g - s->base[l] == s->langs[l]->n)
            s->accepting[l] = true;
    }
}

static bool range_any(const bool *v, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++)
        if (v[j])
            return true;
    return false;
}

static bool range_all(const bool *v, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++)
        if (!v[j])
            return false;
    return true;
}

/* Can a string through this state still satisfy the constraints? */
static bool viable(const search *s)
{
    if (!range_all(s->alive, s->first_all, s->first_any))
        return false;
    return s->first_any == s->first_none || range_any(s->alive, s->first_any, s->first_none);
}

static bool satisfied(const search *s)
{
    if (!range_all(s->accepting, s->first_all, s->first_any))
        return false;
    if (s->first_any != s->first_none && !range_any(s->accepting, s->first_any, s->first_none))
        return false;
    return !range_any(s->accepting, s->first_none, s->nlangs);
}

static char *spell(const search *s, size_t i)
{
    size_t len = 0;
    for (int32_t k = (int32_t)i; s->states[k].parent >= 0; k = s->states[k].parent)
        len++;
    uint32_t *cps = diff_malloc(sizeof *cps * (len + 1));
    char *out = diff_malloc(4 * len + 1);
    if (!cps || !out) {
        free(cps);
        free(out);
        return NULL;
    }
    size_t n = len;
    for (int32_t k = (int32_t)i; s->states[k].parent >= 0; k = s->states[k].parent)
        cps[--n] = s->states[k].sym;
    size_t o = 0;
    for (size_t j = 0; j < len; j++)
        o += encode(cps[j], out + o);
    out[o] = '\0';
    free(cps);
    return out;
}

/* Room for one more signature: the list and, at half load, its table
 * (both start small: most searches find a few regions, and a table sized
 * for max_regions cost every search a large allocation to clear). */
static bool sigs_reserve(search *s)
{
    if (s->nsigs == s->sig_cap) {
        size_t cap = s->sig_cap * 2;
        uint64_t *w = diff_realloc(s->sigs, sizeof *w * s->sig_words * cap);
        if (!w)
            return false;
        s->sigs = w;
        s->sig_cap = cap;
    }
    return (s->nsigs + 1) * 2 <= s->sig_mask ||
           grow_table(s, &s->sig_table, &s->sig_mask, s->nsigs, signature_hash);
}

/* Record the state's signature; 1 when new, 0 when seen, -1 on no memory. */
static int new_signature(search *s)
{
    if (!sigs_reserve(s))
        return -1;
    uint64_t sig[64];
    uint64_t *w = s->sig_words <= 64 ? sig : diff_calloc(s->sig_words, sizeof *w);
    if (!w)
        return -1;
    memset(w, 0, sizeof *w * s->sig_words);
    for (size_t j = 0; j < s->first_all; j++)
        if (s->accepting[j])
            w[j / 64] |= 1ull << (j % 64);
    uint64_t h = hash_sig(w, s->sig_words);
    size_t k = h & s->sig_mask;
    int r = 1;
    for (; s->sig_table[k] >= 0; k = (k + 1) & s->sig_mask) {
        if (memcmp(s->sigs + (size_t)s->sig_table[k] * s->sig_words, w,
                   sizeof *w * s->sig_words) == 0) {
            r = 0;
            break;
        }
    }
    if (r == 1) {
        memcpy(s->sigs + s->nsigs * s->sig_words, w, sizeof *w * s->sig_words);
        s->sig_table[k] = (int32_t)s->nsigs++;
    }
    if (w != sig)
        free(w);
    return r;
}

static void search_free(search *s)
{
    free(s->langs);
    free(s->base);
    free(s->lang_of);
    free(s->stamp);
    free(s->scratch);
    free(s->pool);
    free(s->states);
    free(s->table);
    free(s->sigs);
    free(s->sig_table);
    free(s->alphabet);
    free(s->alive);
    free(s->accepting);
}

static bool search_init(search *s, const diff_region_query *q)
{
    memset(s, 0, sizeof *s);
    s->nlangs = q->natoms + q->nall + q->nany + q->nnone;
    s->first_all = q->natoms;
    s->first_any = s->first_all + q->nall;
    s->first_none = s->first_any + q->nany;
    s->langs = diff_malloc(sizeof *s->langs * (s->nlangs + 1));
    s->base = diff_malloc(sizeof *s->base * (s->nlangs + 1));
    s->alive = diff_malloc(s->nlangs + 1);
    s->accepting = diff_malloc(s->nlangs + 1);
    if (!s->langs || !s->base || !s->alive || !s->accepting)
        return false;
    size_t j = 0;
    for (size_t i = 0; i < q->natoms; i++) s->langs[j++] = q->atoms[i];
    for (size_t i = 0; i < q->nall; i++) s->langs[j++] = q->all[i];
    for (size_t i = 0; i < q->nany; i++) s->langs[j++] = q->any[i];
    for (size_t i = 0; i < q->nnone; i++) s->langs[j++] = q->none[i];
    for (j = 0; j < s->nlangs; j++) {
        s->base[j] = s->npos;
        s->npos += s->langs[j]->n + 1;
    }
    s->lang_of = diff_malloc(sizeof *s->lang_of * (s->npos + 1));
    s->stamp = diff_calloc(s->npos + 1, sizeof *s->stamp);
    s->scratch = diff_malloc(sizeof *s->scratch * (s->npos + 1));
    s->table = diff_malloc(sizeof *s->table * 1024);
    s->sig_words = (q->natoms + 63) / 64 + 1;
    s->sig_cap = 16;
    s->sigs = diff_malloc(sizeof *s->sigs * s->sig_words * s->sig_cap);
    s->sig_table = diff_malloc(sizeof *s->sig_table * 64);
    if (!s->lang_of || !s->stamp || !s->scratch || !s->table || !s->sigs || !s->sig_table)
        return false;
    memset(s->table, 0xff, sizeof *s->table * 1024);
    s->table_mask = 1023;
    memset(s->sig_table, 0xff, sizeof *s->sig_table * 64);
    s->sig_mask = 63;
    for (j = 0; j < s->nlangs; j++)
        for (uint32_t p = 0; p <= s->langs[j]->n; p++)
            s->lang_of[s->base[j] + p] = (uint32_t)j;
    return build_alphabet(s, q->no_star);
}

/* Successor of state i on symbol c into scratch. */
static void step(search *s, size_t i, uint32_t c)
{
    s->gen++;
    s->nscratch = 0;
    const state *st = &s->states[i];
    for (uint32_t k = 0; k < st->len; k++) {
        uint32_t g = s->pool[st->off + k], l = s->lang_of[g], p = g - s->base[l];
        const diff_lang *lang = s->langs[l];
        if (p >= lang->n)
            continue;
        const diff_tok *t = &lang->toks[p];
        if (t->kind == DIFF_TOK_LIT) {
            if (lit_matches(t, c))
                add_pos(s, l, p + 1);
        } else if (t->kind == DIFF_TOK_STAR_ANY || c != ':') {
            add_pos(s, l, p);
        }
    }
}

static int collect(search *s, const diff_region_query *q, char ***out, size_t *count)
{
    size_t cap = 8, n = 0;
    char **res = diff_malloc(sizeof *res * cap);
    if (!res)
        return -1;
    for (size_t i = 0; i < s->nstates; i++) {
        inspect(s, i);
        if (!viable(s))
            continue;
        if (satisfied(s)) {
            int r = new_signature(s);
            if (r < 0)
                goto nomem;
            if (r == 1 && q->visit) {
                char *str = spell(s, i);
                int v = str ? q->visit(q->visit_ctx, str) : -1;
                free(str);
                if (v != 0) {
                    diff_strings_free(res, n);
                    return v < 0 ? -1 : 2;
                }
                if (s->nsigs > q->max_regions) {
                    diff_strings_free(res, n);
                    return 1;
                }
            } else if (r == 1) {
                if (n == cap) {
                    char **g = diff_realloc(res, sizeof *res * (cap *= 2));
                    if (!g)
                        goto nomem;
                    res = g;
                }
                if (!(res[n] = spell(s, i)))
                    goto nomem;
                n++;
                if (n > q->max_regions) {
                    diff_strings_free(res, n);
                    return 1;
                }
            }
        }
        for (size_t a = 0; a < s->nalpha; a++) {
            step(s, i, s->alphabet[a]);
            if (intern(s, (int32_t)i, s->alphabet[a]) == -2)
                goto nomem;
            if (s->nstates > q->max_states) {
                diff_strings_free(res, n);
                return 1;
            }
        }
    }
    *out = res;
    *count = n;
    return 0;
nomem:
    diff_strings_free(res, n);
    return -1;
}

int diff_regions(const diff_region_query *q, char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    search s;
    int r = -1;
    if (search_init(&s, q)) {
        s.gen++;
        s.nscratch = 0;
        for (size_t j = 0; j < s.nlangs; j++)
            if (!s.langs[j]->dead)
                add_pos(&s, (uint32_t)j, 0);
        if (intern(&s, -1, 0) >= 0)
            r = collect(&s, q, out, count);
    }
    search_free(&s);
    return r;
}

void diff_strings_free(char **s, size_t count)
{
    if (!s)
        return;
    for (size_t i = 0; i < count; i++)
        free(s[i]);
    free(s);
}
