/* gen.h: structured decoding of fuzz bytes into policies and requests drawn
 * from a vocabulary (catalog actions, resource forms, condition operators,
 * keys and values), so most inputs are valid and meaningful; and the
 * rendering of those structures as policy JSON for the engine, as request
 * JSON (the `camsim eval --requests` line format) and as camsim_request. */
#ifndef CAMSIM_FUZZ_GEN_H
#define CAMSIM_FUZZ_GEN_H

#include "../reference/reference.h"
#include "camsim/camsim.h"
#include "fuzz.h"

/* Policy breakages the spec pins as load-time errors (ref_policy.invalid). */
extern const char *const fz_breakages[];
extern const size_t fz_breakage_count;

/* Decode a policy. With may_break, about one in eight policies is broken in
 * one of the fz_breakages ways (recorded in out->invalid). */
void fz_gen_policy(fz_provider *p, ref_policy *out, bool may_break);
/* Decode one statement (used to append a deny in the eval invariants). */
void fz_gen_statement(fz_provider *p, ref_stmt *out, int effect);
/* Decode a request. */
void fz_gen_request(fz_provider *p, ref_request *out);
/* One condition value suitable for a family (used by the condition target). */
const char *fz_gen_value(fz_provider *p, ref_family f);
const char *fz_gen_operator(fz_provider *p, ref_family *family);
const char *fz_gen_key(fz_provider *p);
const char *fz_gen_request_value(fz_provider *p, const char *key, ref_family f);

/* Vocabulary pickers for the matcher targets. */
const char *fz_gen_action_pattern(fz_provider *p);
const char *fz_gen_action(fz_provider *p);
const char *fz_gen_resource_pattern(fz_provider *p);
const char *fz_gen_resource(fz_provider *p);
/* A subject built from a pattern: every `*` filled with some text, variables
 * and owner binding resolved from vars, so that it (usually) matches. */
char *fz_subject_from_pattern(fz_provider *p, const char *pattern, bool fold_case,
                              const ref_vars *vars, bool six_segments);

/* Values on a documented limit (camsim.h): a length of limit - 1, limit or
 * limit + 1; s made exactly len bytes long (cut, or its last segment grown
 * with copies of one of its characters, so that its shape stays); a
 * decimal number of len digits (a uin at CAMSIM_MAX_UIN_BYTES). */
size_t fz_gen_limit_length(fz_provider *p, size_t limit);
char *fz_to_length(fz_provider *p, const char *s, size_t len);
char *fz_gen_digits(fz_provider *p, size_t len);

/* Policy JSON. style bits vary the accepted surface forms (single statement
 * object, string vs array, name/ prefixes kept, JSON numbers/booleans).
 * order != NULL permutes statements: order[i] is the index emitted i-th. */
char *fz_policy_json(fz_arena *a, const ref_policy *p, unsigned style, const size_t *order);
/* Request JSON, one line (docs/cli.md format). */
char *fz_request_json(fz_arena *a, const ref_request *r);
/* Fill a camsim_request borrowing from r; entries must hold r->nctx. */
void fz_request_to_camsim(const ref_request *r, camsim_request *out,
                          camsim_context_entry *entries);

#endif
