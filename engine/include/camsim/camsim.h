/*
 * camsim.h: the public interface of the camsim CAM policy engine.
 *
 * camsim parses Tencent Cloud CAM policy documents, compiles them once into
 * an immutable form, and evaluates authorization requests against them with
 * the semantics of docs/semantics.md.
 *
 * Conventions that hold for every function here:
 * - Errors come back through a caller-owned camsim_error out-parameter (which
 *   may be NULL when the caller does not want details); there is no global
 *   error state, so every function is safe to call from many threads.
 * - Strings passed in are borrowed for the duration of the call only, unless
 *   a function says otherwise.
 * - Objects returned by a camsim_..._parse function are owned by the caller and
 *   released with the matching *_free function (which accepts NULL).
 * - A compiled camsim_policy is immutable: any number of threads may
 *   evaluate against the same one at once.
 * - camsim_evaluate() performs no heap allocation.
 */
#ifndef CAMSIM_H
#define CAMSIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Limits. Exceeding one is a CAMSIM_E_LIMIT error naming the limit; nothing
 * is ever silently truncated.
 * ---------------------------------------------------------------------- */

/** Largest policy document accepted, in bytes (benchmarks need big ones). */
#define CAMSIM_MAX_DOCUMENT_BYTES (64u * 1024u * 1024u)
/** Deepest JSON nesting accepted anywhere in a document. */
#define CAMSIM_MAX_NESTING 16u
/** Most statements in one policy document. */
#define CAMSIM_MAX_STATEMENTS 200000u
/** Longest action, resource or principal pattern, and longest condition value, in bytes. */
#define CAMSIM_MAX_PATTERN_BYTES 4096u
/** Most values under one condition key, and most patterns in one action/resource/principal list. */
#define CAMSIM_MAX_VALUES 1024u
/** Most members in one JSON object (condition operators, keys). */
#define CAMSIM_MAX_OBJECT_MEMBERS 256u
/** Longest request string (action, resource, principal, context key or value) in bytes;
 *  a context value is measured when a condition reads it. */
#define CAMSIM_MAX_REQUEST_STRING 65536u
/** Longest pattern after policy variables are substituted, in bytes. */
#define CAMSIM_MAX_EXPANDED_BYTES 8192u
/** Longest owner uin (request owner_uin or the uin of the request resource), in bytes. */
#define CAMSIM_MAX_UIN_BYTES 256u
/** Longest JSON number, in characters (cJSON reads at most 63; longer is an error, never a silent cut). */
#define CAMSIM_MAX_NUMBER_CHARS 63u
/** JSON values (objects, arrays, strings, numbers, true/false/null; member names not
 *  counted) a document may hold: CAMSIM_JSON_VALUE_BASE + bytes / CAMSIM_JSON_BYTES_PER_VALUE.
 *  Counted while the bytes are scanned, before any tree is built, so the parse tree (about
 *  80 bytes per value, plus up to 64 bytes for a value's string and member name) stays
 *  within a small multiple of the document's size (docs/semantics.md, Limits). A real
 *  policy spends 10-20 bytes per value. */
#define CAMSIM_JSON_VALUE_BASE 4096u
/** See CAMSIM_JSON_VALUE_BASE. */
#define CAMSIM_JSON_BYTES_PER_VALUE 8u
/** Longest request line of `camsim eval --requests`, in bytes (without its LF); a longer
 *  line is reported and skipped without being held in memory. */
#define CAMSIM_MAX_REQUEST_LINE_BYTES (1024u * 1024u)
/** Tencent's own policy size limit (characters, whitespace excluded); lint warns above it. */
#define CAMSIM_TENCENT_POLICY_LIMIT 6144u

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

typedef enum camsim_code {
    CAMSIM_OK = 0,
    CAMSIM_E_JSON,     /**< not valid JSON (or invalid UTF-8, NUL, duplicate key) */
    CAMSIM_E_GRAMMAR,  /**< valid JSON that is not a valid policy (element, type) */
    CAMSIM_E_VALUE,    /**< an element's value is malformed (bad CIDR, date, pattern) */
    CAMSIM_E_LIMIT,    /**< a documented limit was exceeded */
    CAMSIM_E_REQUEST,  /**< the request itself is invalid or incomplete */
    CAMSIM_E_NOMEM,    /**< memory allocation failed */
    CAMSIM_E_ARGUMENT  /**< a NULL or inconsistent argument from the caller */
} camsim_code;

/** Error details, filled by the failing call. Owned by the caller. */
typedef struct camsim_error {
    camsim_code code;
    /** Byte offset in the document where a JSON error was detected (0 otherwise). */
    size_t offset;
    /** RFC 6901 JSON pointer of the offending element, e.g. "/statement/2/condition". */
    char path[256];
    /** What is wrong and what would be right, in one sentence. */
    char message[512];
} camsim_error;

/** Short stable name of an error code ("json", "grammar", ...). Never NULL. */
const char *camsim_code_name(camsim_code code);

/* ------------------------------------------------------------------------
 * Policies
 * ---------------------------------------------------------------------- */

typedef struct camsim_policy camsim_policy;

/**
 * Parse and compile one policy document.
 *
 * @param json  the document bytes (need not be NUL-terminated); borrowed.
 * @param len   number of bytes in json.
 * @param err   receives the error on failure; may be NULL.
 * @return a new compiled policy owned by the caller (free with
 *         camsim_policy_free), or NULL on error with err filled.
 */
camsim_policy *camsim_policy_parse(const char *json, size_t len, camsim_error *err);

/**
 * Release a policy. Accepts NULL. Its memory blocks are kept (up to 16 MiB
 * in the process) for the next policy to be compiled, which then does not
 * fault fresh pages in; camsim_release_memory() gives them back.
 */
void camsim_policy_free(camsim_policy *policy);

/** Free the memory blocks kept from freed policies (thread-safe; never needed for correctness). */
void camsim_release_memory(void);

/** Number of statements in a compiled policy (a single statement object counts 1). */
size_t camsim_policy_statement_count(const camsim_policy *policy);

/** Bytes of memory a compiled policy holds (its arena blocks, the handle included). */
size_t camsim_policy_memory(const camsim_policy *policy);

/**
 * Write the canonical JSON form of a compiled policy: lowercase element
 * names, every list as an array, `name/` prefixes removed, actions
 * lowercased, condition values as strings. Parsing the canonical form gives
 * the same canonical form and the same decisions.
 *
 * @return a NUL-terminated string owned by the caller (release with free()),
 *         or NULL when memory runs out.
 */
char *camsim_policy_canonical(const camsim_policy *policy);

/* ------------------------------------------------------------------------
 * Requests and decisions
 * ---------------------------------------------------------------------- */

/** One request context key with one or more values (all borrowed). */
typedef struct camsim_context_entry {
    const char *key;            /**< e.g. "qcs:ip", case-sensitive */
    const char *const *values;  /**< NUL-terminated values */
    size_t count;               /**< number of values (a key with 0 values counts as absent) */
} camsim_context_entry;

/** An authorization request. Every pointer is borrowed for the call. */
typedef struct camsim_request {
    const char *action;     /**< required: "service:Action", optionally "name/"-prefixed */
    const char *resource;   /**< six-segment resource, or NULL (operation-level actions) */
    const char *owner_uin;  /**< owner account uin, or NULL: taken from the resource's account */
    const char *principal;  /**< caller principal for `principal` elements, or NULL */
    const camsim_context_entry *context;
    size_t context_count;
} camsim_request;

typedef enum camsim_effect { CAMSIM_DENY = 0, CAMSIM_ALLOW = 1 } camsim_effect;

typedef enum camsim_reason {
    CAMSIM_REASON_IMPLICIT_DENY = 0,
    CAMSIM_REASON_EXPLICIT_DENY,
    CAMSIM_REASON_ALLOW
} camsim_reason;

/** Stable names: "allow"/"deny" and "allow"/"explicit_deny"/"implicit_deny". */
const char *camsim_effect_name(camsim_effect effect);
const char *camsim_reason_name(camsim_reason reason);

/** One deciding statement. */
typedef struct camsim_match {
    uint32_t policy;     /**< index into the policies array; == policy_count for the boundary */
    uint32_t statement;  /**< 0-based statement index inside that policy */
    camsim_effect effect;
} camsim_match;

/** The outcome of one evaluation. The matches buffer is the caller's. */
typedef struct camsim_decision {
    camsim_effect decision;
    camsim_reason reason;
    camsim_match *matches;   /**< caller-provided buffer, or NULL */
    size_t match_capacity;   /**< entries available in matches */
    size_t match_count;      /**< deciding statements found; may exceed match_capacity,
                                  in which case only the first match_capacity were stored */
} camsim_decision;

/**
 * Evaluate a request against a set of policies and an optional permission
 * boundary, with deny-overrides semantics. Allocates nothing on the heap.
 *
 * @param policies      array of policy_count compiled policies (borrowed).
 * @param policy_count  number of policies (0 means implicit deny).
 * @param boundary      permission boundary, or NULL for none.
 * @param request       the request (borrowed).
 * @param out           receives the decision; out->matches and
 *                      out->match_capacity are read as input.
 * @param err           receives the error; may be NULL.
 * @return CAMSIM_OK, or an error code (out->decision is then CAMSIM_DENY):
 *         CAMSIM_E_REQUEST for an invalid request (malformed action or
 *         resource, a resource-level action without a resource, a context
 *         value the condition cannot read), CAMSIM_E_LIMIT for an
 *         over-long request string or substituted pattern.
 */
camsim_code camsim_evaluate(const camsim_policy *const *policies, size_t policy_count,
                            const camsim_policy *boundary, const camsim_request *request,
                            camsim_decision *out, camsim_error *err);

/* ------------------------------------------------------------------------
 * The action catalog (81 TRTC and TCMPP actions), built in.
 * ---------------------------------------------------------------------- */

typedef enum camsim_granularity {
    CAMSIM_RESOURCE_LEVEL = 0,
    CAMSIM_OPERATION_LEVEL = 1
} camsim_granularity;

/** One catalog entry; every string is static and never NULL ("" when empty). */
typedef struct camsim_action_info {
    const char *service;        /**< "trtc" or "tcmpp" */
    const char *name;           /**< e.g. "DismissRoom" */
    const char *api_kind;       /**< trtc: "server"/"console"; tcmpp: "write"/"read"/"list" */
    const char *category;       /**< trtc category or console page; tcmpp: operation kind */
    const char *description;    /**< verbatim from the seed document */
    camsim_granularity granularity;
    const char *resource_template; /**< verbatim, "" for operation-level actions */
    int ip_restriction;         /**< 1 supported, 0 not supported, -1 not documented by the seed */
    const char *restriction;    /**< TRTC operation-level reason, verbatim; "" otherwise */
    const char *successor;      /**< current TRTC API name replacing a legacy one; "" if none */
    const char *legacy_note;    /**< e.g. "removed from the international API in 2022"; "" if none */
} camsim_action_info;

/** Number of catalog entries (81). */
size_t camsim_catalog_count(void);

/** Entry i (0 <= i < count), or NULL when out of range. Static storage. */
const camsim_action_info *camsim_catalog_at(size_t i);

/**
 * Look up "service:Action" (ASCII case-insensitive, optional "name/" prefix).
 * @return the entry, or NULL when the catalog does not know the action.
 */
const camsim_action_info *camsim_catalog_find(const char *action);

/**
 * Render an action's resource template with NAME=VALUE parameters
 * (docs/semantics.md, "Rendering"): ${Name} is replaced by parameter Name;
 * an empty account "uin/" becomes "uin/<uin>" when parameter uin is given.
 *
 * @param info    catalog entry (resource-level).
 * @param names   parameter names; values: their values (count entries each).
 * @param buf     output buffer of cap bytes, NUL-terminated on success.
 * @param err     receives the error; may be NULL.
 * @return CAMSIM_OK; CAMSIM_E_REQUEST when a parameter is missing (the
 *         message lists the parameters the template needs) or the action is
 *         operation-level; CAMSIM_E_LIMIT when buf is too small.
 */
camsim_code camsim_render_resource(const camsim_action_info *info, const char *const *names,
                                   const char *const *values, size_t count, char *buf,
                                   size_t cap, camsim_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CAMSIM_H */
