/* request_json.h: one JSON request object, as read by `camsim eval --requests`
 * (docs/cli.md): {"action":..., "resource":..., "context":{...},
 * "owner_uin":..., "principal":...}. Also the target of the requests_jsonl
 * fuzz target. */
#ifndef CAMSIM_REQUEST_JSON_H
#define CAMSIM_REQUEST_JSON_H

#include <stddef.h>

#include "camsim/camsim.h"

/** A parsed request; `request` points into storage owned by this struct. */
typedef struct camsim_parsed_request {
    camsim_request request;
    void *storage; /* private: everything request points to */
} camsim_parsed_request;

/**
 * Parse one JSON request object of len bytes (not NUL-terminated). Only
 * "action" is required; a context value is a string, a number, or an array
 * of them. Unknown members, wrong types, invalid UTF-8 and over-long
 * strings are errors with a JSON path (e.g. "/context/qcs:ip/1").
 *
 * @return CAMSIM_OK with *out filled (release with camsim_parsed_request_free),
 *         or an error code with err filled and *out left empty.
 */
camsim_code camsim_parse_request_json(const char *text, size_t len, camsim_parsed_request *out,
                                      camsim_error *err);

/** Release what camsim_parse_request_json stored. Accepts an empty struct. */
void camsim_parsed_request_free(camsim_parsed_request *req);

#endif
