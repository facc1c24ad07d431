/* classes_keys.c: the context keys' classes. Per key: the kept conditions
 * on it, one representative value per class those conditions tell apart
 * (string regions, typed representatives from values.c), and the options
 * the walk tries: the key absent, then every set of up to the values a
 * request needs, among those the anchor's own conditions accept. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "search_internal.h"

/* ---- the context keys ------------------------------------------------------------ */

static bool on_key(const camsim_condition *cond, const key_dim *k)
{
    return cond->key_len == k->key_len && memcmp(cond->key, k->key, k->key_len) == 0;
}

static key_dim *find_key(search *s, const camsim_condition *c)
{
    for (size_t i = 0; i < s->nkeys; i++)
        if (on_key(c, &s->keys[i]))
            return &s->keys[i];
    return NULL;
}

static bool collect_keys(search *s)
{
    size_t total = 0;
    for (size_t i = 0; i < s->nkept; i++)
        total += s->kept[i]->st->condition_count;
    s->keys = diff_calloc(total + 1, sizeof *s->keys);
    if (!s->keys)
        return false;
    for (size_t i = 0; i < s->nkept; i++) {
        const camsim_statement *st = s->kept[i]->st;
        for (uint32_t c = 0; c < st->condition_count; c++) {
            const camsim_condition *cond = &st->conditions[c];
            key_dim *k = find_key(s, cond);
            if (!k) {
                k = &s->keys[s->nkeys++];
                k->key = cond->key;
                k->key_len = cond->key_len;
                k->conds = diff_calloc(total, sizeof *k->conds);
                k->owners = diff_calloc(total, sizeof *k->owners);
                if (!k->conds || !k->owners)
                    return false;
            }
            k->conds[k->nconds] = cond;
            k->owners[k->nconds++] = s->kept[i];
        }
    }
    return true;
}

/* Something that keeps key k's search from being exact: reported at the
 * anchor's first condition on the key when it has one (the statement under
 * review), else at the first statement that reads the key. */
static void key_incomplete(search *s, const key_dim *k, const char *reason)
{
    const camsim_statement *st = s->anchor->st;
    for (uint32_t c = 0; c < st->condition_count; c++)
        if (on_key(&st->conditions[c], k)) {
            diff_mark_incomplete(s, s->anchor, &st->conditions[c], NULL, reason);
            return;
        }
    diff_mark_incomplete(s, k->owners[0], k->conds[0], NULL, reason);
}

/* A tag key "qcs:resource_tag/<k>" also reads the combined key: when both
 * forms are in play, keys are no longer independent. */
static void check_tag_keys(search *s)
{
    static const char *const bases[] = {"qcs:resource_tag", "qcs:request_tag"};
    for (size_t i = 0; i < s->nkeys; i++) {
        const camsim_condition *c = s->keys[i].conds[0];
        if (!c->tag_base)
            continue;
        const char *base = bases[c->tag_base - 1];
        for (size_t j = 0; j < s->nkeys; j++)
            if (s->keys[j].key_len == strlen(base) &&
                memcmp(s->keys[j].key, base, s->keys[j].key_len) == 0)
                key_incomplete(s, &s->keys[i], "a per-key tag condition together with a "
                               "condition on the combined tag key (outside the exact fragment)");
    }
}

int diff_eval_on(const camsim_condition *c, const char *const *values, size_t count)
{
    camsim_context_entry e = {c->key, values, count};
    camsim_resource_vars vars = {0};
    camsim_condition_env env = {&e, count ? 1 : 0, NULL, &vars};
    camsim_error err;
    return camsim_condition_eval(c, &env, &err);
}

static void string_reps(search *s, key_dim *k)
{
    size_t n = 0;
    for (size_t i = 0; i < k->nconds; i++)
        if (k->conds[i]->family == CAMSIM_FAMILY_STRING || k->conds[i]->family == CAMSIM_FAMILY_BINARY)
            n += k->conds[i]->count;
    diff_lang *langs = diff_langs_new(s, n);
    if (!langs)
        return;
    size_t m = 0;
    for (size_t i = 0; i < k->nconds; i++) {
        const camsim_condition *c = k->conds[i];
        if (c->family != CAMSIM_FAMILY_STRING && c->family != CAMSIM_FAMILY_BINARY)
            continue;
        for (uint32_t v = 0; v < c->count; v++, m++) {
            if (c->compare == CAMSIM_CMP_LIKE)
                diff_lang_glob(&langs[m], c->values[v].text, c->values[v].len, DIFF_TOK_STAR_ANY);
            else
                diff_lang_lit(&langs[m], c->values[v].text, c->values[v].len,
                              c->compare == CAMSIM_CMP_EQUAL_IGNORE_CASE);
        }
    }
    char **found;
    size_t count;
    int r = diff_regions_of(s, langs, n, &found, &count);
    if (r > 0)
        key_incomplete(s, k, "string regions of this key exceed the search bound");
    for (size_t i = 0; r == 0 && i < count; i++)
        diff_strlist_add(&k->reps, found[i]);
    if (r == 0)
        diff_strings_free(found, count);
}

/* Some condition of family f on key k has a value beyond the exact range:
 * reported at the first such condition, found by trying each alone. */
static void out_of_range(search *s, const key_dim *k, camsim_op_family f)
{
    size_t at = 0;
    for (size_t i = 0; i < k->nconds; i++) {
        if (k->conds[i]->family != f)
            continue;
        diff_strlist alone = {0};
        bool ok = diff_typed_reps(f, &k->conds[i], 1, &alone);
        diff_strlist_free(&alone);
        if (!ok) {
            at = i;
            break;
        }
    }
    diff_mark_incomplete(s, k->owners[at], k->conds[at], NULL,
                         "a value beyond the exact range (decimal exponent over 300, or a date "
                         "next to year 0000 or 9999)");
}

/* The representatives of one key, one per class of values the key's
 * conditions tell apart. */
static void key_reps(search *s, key_dim *k)
{
    bool string = false;
    int typed = -1;
    for (size_t i = 0; i < k->nconds; i++) {
        camsim_op_family f = k->conds[i]->family;
        if (f == CAMSIM_FAMILY_STRING || f == CAMSIM_FAMILY_BINARY)
            string = true;
        else if (f != CAMSIM_FAMILY_NULL && typed < 0)
            typed = (int)f;
        else if (f != CAMSIM_FAMILY_NULL && typed != (int)f)
            diff_mark_incomplete(s, k->owners[i], k->conds[i], NULL,
                                 "one key compared by two value families (outside the exact "
                                 "fragment)");
        if (string && typed >= 0)
            diff_mark_incomplete(s, k->owners[i], k->conds[i], NULL,
                                 "one key compared as a string and as a typed value (outside the "
                                 "exact fragment)");
    }
    if (string)
        string_reps(s, k);
    for (int f = CAMSIM_FAMILY_NUMERIC; f <= CAMSIM_FAMILY_IP; f++) {
        if (f == CAMSIM_FAMILY_BINARY)
            continue;
        const camsim_condition **fc = diff_calloc(k->nconds + 1, sizeof *fc);
        size_t n = 0;
        if (!fc) {
            s->nomem = true;
            return;
        }
        for (size_t i = 0; i < k->nconds; i++)
            if ((int)k->conds[i]->family == f)
                fc[n++] = k->conds[i];
        if (n && !diff_typed_reps((camsim_op_family)f, fc, n, &k->reps))
            out_of_range(s, k, (camsim_op_family)f);
        free(fc);
    }
    if (k->reps.count == 0)
        diff_strlist_add(&k->reps, "x"); /* null_equal only: presence is all that counts */
    if (k->reps.failed)
        s->nomem = true;
}

/* Keep one representative per signature (the truth of every condition on the key). */
static void dedup_reps(search *s, key_dim *k)
{
    char *seen = diff_malloc(k->reps.count * (k->nconds + 1) + 1);
    if (!seen) {
        s->nomem = true;
        return;
    }
    size_t kept = 0, w = k->nconds + 1;
    for (size_t r = 0; r < k->reps.count; r++) {
        char *sig = seen + kept * w;
        const char *v = k->reps.items[r];
        for (size_t i = 0; i < k->nconds; i++) {
            int e = diff_eval_on(k->conds[i], &v, 1);
            sig[i] = (char)('1' + e);
        }
        sig[k->nconds] = '\0';
        bool dup = false;
        for (size_t j = 0; j < kept && !dup; j++)
            dup = memcmp(seen + j * w, sig, w) == 0;
        if (dup) {
            free(k->reps.items[r]);
        } else {
            k->reps.items[kept++] = k->reps.items[r];
        }
    }
    k->reps.count = kept;
    free(seen);
}

/* Conditions of statement st on key k that read a value (null_equal reads presence only). */
static size_t value_atoms(const camsim_statement *st, const key_dim *k)
{
    size_t n = 0;
    for (uint32_t c = 0; c < st->condition_count; c++)
        n += st->conditions[c].family != CAMSIM_FAMILY_NULL && on_key(&st->conditions[c], k);
    return n;
}

/* How many values a request needs on key k: one per value atom of each
 * statement that must apply (the anchor, and an allow of each other new
 * layer); with for_any_value semantics more values never help. */
static size_t values_needed(search *s, const key_dim *k)
{
    size_t need = value_atoms(s->anchor->st, k);
    bool new_boundary = s->cx->sets[1]->boundary != NULL;
    for (uint8_t layer = 0; layer <= (uint8_t)new_boundary; layer++) {
        if (s->anchor->side == 1 && s->anchor->layer == layer)
            continue;
        size_t most = 0;
        for (size_t i = 0; i < s->nkept; i++) {
            const diff_sref *r = s->kept[i];
            if (r->side == 1 && r->layer == layer && r->st->effect == CAMSIM_ALLOW) {
                size_t n = value_atoms(r->st, k);
                most = n > most ? n : most;
            }
        }
        need += most;
    }
    return need ? need : 1;
}

static bool anchor_accepts(const search *s, const key_dim *k, const key_option *o)
{
    const camsim_statement *st = s->anchor->st;
    for (uint32_t c = 0; c < st->condition_count; c++) {
        const camsim_condition *cond = &st->conditions[c];
        if (on_key(cond, k) && diff_eval_on(cond, (const char *const *)o->values, o->count) != 1)
            return false;
    }
    return true;
}

static void add_option(search *s, key_dim *k, const size_t *pick, size_t n)
{
    key_option o = {NULL, n};
    if (n) {
        o.values = diff_malloc(sizeof *o.values * n);
        if (!o.values) {
            s->nomem = true;
            return;
        }
        for (size_t i = 0; i < n; i++)
            o.values[i] = k->reps.items[pick[i]];
    }
    if (!anchor_accepts(s, k, &o)) {
        free(o.values);
        return;
    }
    if (k->nopts == k->cap_opts) {
        size_t cap = k->cap_opts ? k->cap_opts * 2 : 16;
        key_option *g = diff_realloc(k->opts, sizeof *g * cap);
        if (!g) {
            free(o.values);
            s->nomem = true;
            return;
        }
        k->opts = g;
        k->cap_opts = cap;
    }
    k->opts[k->nopts++] = o;
}

enum { MAX_VALUES_PER_KEY = 3, MAX_KEY_OPTIONS = 4096 };

/* Absent, then every set of 1..need representatives. */
static void key_options(search *s, key_dim *k)
{
    add_option(s, k, NULL, 0);
    size_t need = values_needed(s, k);
    if (need > MAX_VALUES_PER_KEY) {
        key_incomplete(s, k, "a request may need more values of this key than the search tries");
        need = MAX_VALUES_PER_KEY;
    }
    size_t r = k->reps.count, pick[MAX_VALUES_PER_KEY];
    for (size_t n = 1; n <= need && n <= r; n++) {
        for (size_t i = 0; i < n; i++)
            pick[i] = i;
        for (;;) {
            if (k->nopts >= MAX_KEY_OPTIONS) {
                key_incomplete(s, k, "value combinations of this key exceed the search bound");
                return;
            }
            add_option(s, k, pick, n);
            size_t i = n;
            while (i > 0 && pick[i - 1] == r - n + i - 1)
                i--;
            if (i == 0)
                break;
            pick[i - 1]++;
            for (size_t j = i; j < n; j++)
                pick[j] = pick[j - 1] + 1;
        }
    }
}

void diff_build_keys(search *s)
{
    if (!collect_keys(s)) {
        s->nomem = true;
        return;
    }
    check_tag_keys(s);
    for (size_t i = 0; i < s->nkeys && !s->nomem; i++) {
        key_reps(s, &s->keys[i]);
        if (!s->nomem)
            dedup_reps(s, &s->keys[i]);
        if (!s->nomem)
            key_options(s, &s->keys[i]);
    }
}
