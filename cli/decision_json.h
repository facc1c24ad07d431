/* decision_json.h: one decision as the JSON object `camsim eval` prints. */
#ifndef CAMSIM_CLI_DECISION_JSON_H
#define CAMSIM_CLI_DECISION_JSON_H

#include "camsim/camsim.h"
#include "io.h"
#include "policy_set.h"

/**
 * Append {"decision":...,"reason":...,"matched":[{"policy":FILE,
 * "statement":N,"effect":...[,"boundary":true]}]} (no newline).
 */
void cli_decision_json(cli_buf *out, const cli_policy_set *set, const camsim_decision *d);

/** Append the "matched" array only: [{"policy":...},...]. */
void cli_matches_json(cli_buf *out, const cli_policy_set *set, const camsim_decision *d);

/** Append the matches as "FILE#N,FILE#N" (boundary ones as "FILE#N[boundary]"). */
void cli_matches_text(cli_buf *out, const cli_policy_set *set, const camsim_decision *d);

#endif
