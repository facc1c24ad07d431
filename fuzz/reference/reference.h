/* reference.h: deliberately simple reference models of the CAM semantics
 * (docs/semantics.md), written to be
 * obviously correct rather than fast, for differential fuzzing (the
 * cedar-spec model). Each function transcribes one rule of the spec.
 *
 * Every answer is three-valued plus "unspecified": where the spec leaves a
 * case open (or a helper cannot decide it simply), the model says REF_UNSPEC
 * and the target only checks that the engine does not crash. REF_NOT_TRUE
 * means "an error or false, but never true" (fail closed). */
#ifndef CAMSIM_FUZZ_REFERENCE_H
#define CAMSIM_FUZZ_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

enum {
    REF_NOT_TRUE = -3, /* engine must answer false or error */
    REF_UNSPEC = -2,   /* the spec does not pin this case: compare nothing */
    REF_ERROR = -1,
    REF_FALSE = 0,
    REF_TRUE = 1
};

/* Three-valued AND/OR over REF_TRUE/REF_FALSE/REF_UNSPEC/REF_NOT_TRUE. */
int ref_and(int a, int b);
int ref_or(int a, int b);

/* ---- glob (section 3): `*` matches any run, every other byte literal.
 * Dynamic programming over (pattern prefix, subject prefix). Returns
 * REF_TRUE/REF_FALSE, or REF_UNSPEC when the table would be too big. */
int ref_glob(const char *pattern, const char *subject, bool fold_case);

/* ---- actions (section 2) */
/* Strip an optional, any-case "name/" prefix. */
const char *ref_action_strip(const char *text);
/* Is a policy action pattern well formed? REF_TRUE/REF_FALSE/REF_UNSPEC. */
int ref_action_pattern_valid(const char *pattern);
/* Is a request action well formed ("service:Action")? */
int ref_action_valid(const char *action);
/* Does pattern match action? Invalid inputs match nothing. */
int ref_action_match(const char *pattern, const char *action);

/* ---- resources (section 3) */
typedef struct ref_vars {
    const char *uin;       /* ${uin}: context qcs:uin */
    const char *owner_uin; /* ${owner_uin} and owner binding */
    const char *app_id;    /* ${app_id}: context qcs:app_id */
} ref_vars;

/* Split into six segments on the first five ':' (qcs, empty project). */
bool ref_resource_split(const char *text, const char *seg[6], size_t len[6]);
int ref_resource_pattern_valid(const char *pattern);
int ref_resource_valid(const char *resource);
/* The uin of a request resource's account ("uin/<id>"), in buf, or NULL. */
const char *ref_resource_uin(const char *resource, char *buf, size_t cap);
/* REF_TRUE/REF_FALSE; REF_ERROR when pattern or resource is invalid. */
int ref_resource_match(const char *pattern, const char *resource, const ref_vars *vars);
/* Replace ${uin}, ${owner_uin}, ${app_id}. Returns REF_TRUE with *out set,
 * REF_FALSE when a used variable is missing, REF_UNSPEC when a substituted
 * value contains '*' or the result is over-long. *out is malloc'd. */
int ref_expand_vars(const char *text, const ref_vars *vars, char **out);

/* ---- conditions (section 4) */
typedef enum ref_family {
    REF_F_STRING, REF_F_STRING_CI, REF_F_LIKE, REF_F_NUMERIC, REF_F_DATE, REF_F_BOOL,
    REF_F_BINARY, REF_F_IP, REF_F_NULL
} ref_family;

typedef enum ref_cmp { REF_EQ, REF_NE, REF_LT, REF_LE, REF_GT, REF_GE } ref_cmp;

typedef struct ref_operator {
    ref_family family;
    ref_cmp cmp;     /* REF_EQ or REF_NE for non-ordered families */
    bool negated;    /* *_not_equal, string_not_like, ip_not_equal */
    bool if_exist;
    int qualifier;   /* 0 none, 1 for_any_value, 2 for_all_value */
} ref_operator;

/* Parse an operator name: REF_TRUE (op filled), REF_ERROR, REF_UNSPEC. */
int ref_operator_parse(const char *name, ref_operator *op);
/* Is a policy value valid for the family? REF_TRUE/REF_ERROR/REF_UNSPEC. */
int ref_value_valid(ref_family f, const char *value);
/* Evaluate one condition operator+key. Policy values already have variables
 * substituted (NULL entries: a variable was missing; they match nothing).
 * request_count 0: the key is absent. */
int ref_condition(const char *op, const char *const *policy_values, size_t policy_count,
                  const char *const *request_values, size_t request_count);

/* ---- the evaluator (section 6), on its own simple structures */
typedef struct ref_cond {
    const char *op;
    const char *key;
    const char **values;  /* as strings */
    size_t count;
} ref_cond;

typedef struct ref_stmt {
    int effect;           /* 1 allow, 0 deny */
    const char **actions;
    size_t nactions;
    const char **resources;
    size_t nresources;
    int principal_kind;   /* 0 none, 1 "*", 2 {"qcs": [...]} */
    const char **principals;
    size_t nprincipals;
    ref_cond *conds;
    size_t nconds;
} ref_stmt;

typedef struct ref_policy {
    ref_stmt *stmts;
    size_t nstmts;
    int principal_kind;   /* top-level principal, as in ref_stmt */
    const char **principals;
    size_t nprincipals;
    const char *invalid;  /* non-NULL: the generator broke the policy this way */
} ref_policy;

typedef struct ref_ctx {
    const char *key;
    const char **values;
    size_t count;
} ref_ctx;

typedef struct ref_request {
    const char *action;
    const char *resource;   /* or NULL */
    const char *owner_uin;  /* or NULL */
    const char *principal;  /* or NULL */
    ref_ctx *ctx;
    size_t nctx;
} ref_request;

/* Catalog lookup (the reference's own transcription of catalog.md). */
typedef struct ref_action_info {
    const char *service;
    const char *name;
    int operation_level;
    const char *resource_template;
} ref_action_info;
extern const ref_action_info ref_catalog[];
extern const size_t ref_catalog_count;
const ref_action_info *ref_catalog_find(const char *action);
/* Render a resource template from NAME=VALUE parameters (catalog.md,
 * "Rendering a request from a template"). REF_TRUE: out holds the text
 * (truncated to cap - 1 bytes) and *len its full length; REF_ERROR: a
 * placeholder lacks its parameter or the template is empty; REF_UNSPEC: a
 * parameter name is given twice. */
int ref_render(const char *tpl, const char *const *names, const char *const *values, size_t n,
               char *out, size_t cap, size_t *len);

enum { REF_MAX_MATCHES = 256 };

typedef struct ref_decision {
    int status;      /* REF_TRUE evaluated; REF_ERROR request error; REF_UNSPEC;
                        REF_NOT_TRUE: engine may error or deny, never allow */
    int error_ok;    /* some condition saw a context value it cannot read: an
                        engine that reports it as an error is also right */
    int allow;       /* 1 allow, 0 deny */
    int reason;      /* 0 implicit deny, 1 explicit deny, 2 allow (camsim_reason order) */
    size_t nmatches; /* deciding statements (policy, statement) */
    unsigned policy_of[REF_MAX_MATCHES];
    unsigned stmt_of[REF_MAX_MATCHES];
} ref_decision;

/* Does one statement (of policy p) match? REF_TRUE/REF_FALSE/REF_UNSPEC/
 * REF_ERROR/REF_NOT_TRUE. */
int ref_statement_matches(const ref_policy *p, const ref_stmt *s, const ref_request *r);
/* Is the policy valid (would a correct engine load it)? REF_TRUE,
 * REF_FALSE (it must be rejected) or REF_UNSPEC. */
int ref_policy_valid(const ref_policy *p);
/* Spec section 6, literally. boundary may be NULL. */
void ref_evaluate(const ref_policy *const *policies, size_t count, const ref_policy *boundary,
                  const ref_request *r, ref_decision *out);

/* ---- JSON (section 1), through jansson (ref_json.c says why, and every way
 * jansson differs from camsim's JSON profile). Opaque pointers: callers need
 * neither jansson's nor cJSON's header. */
/* Parse data as camsim's JSON profile (RFC 8259, one leading BOM ignored, no
 * NUL). REF_TRUE: valid, *doc is jansson's tree (free with ref_json_free),
 * or NULL when a number is beyond the double range (valid, values not
 * comparable); REF_FALSE: not valid JSON, or NUL; REF_ERROR: valid JSON with
 * a duplicate member name (camsim must reject it, any code); REF_UNSPEC:
 * validity unknown (deeper than 2048 levels; mantissas beyond double range).
 * why (may be NULL) gets jansson's message. */
int ref_json_parse(const char *data, size_t len, void **doc, char *why, size_t cap);
void ref_json_free(void *doc);
/* Is a cJSON tree (const cJSON *) the same as jansson's doc: same types,
 * same members, every string byte for byte, every number bit for bit? On a
 * difference where gets a pointer-like location and what differs. */
bool ref_json_same_tree(const void *cjson, const void *doc, char *where, size_t cap);
/* Navigation for comparing parsed results: NULL when absent or not an object/array. */
const void *ref_json_member(const void *object, const char *key);
size_t ref_json_array_size(const void *value);
const void *ref_json_array_get(const void *value, size_t i);
/* REF_TRUE when value is the string text (byte for byte) or a number equal
 * to strtod(text); else REF_FALSE. */
int ref_json_scalar_equals(const void *value, const char *text);

#endif
