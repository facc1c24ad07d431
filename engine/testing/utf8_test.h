/* utf8_test.h: whole-string UTF-8 validation, for the requests_jsonl fuzz
 * target's oracle (the engine checks UTF-8 inside camsim_json_guard's one
 * pass, with camsim_utf8_sequence). */
#ifndef CAMSIM_UTF8_TEST_H
#define CAMSIM_UTF8_TEST_H

#include <stdbool.h>
#include <stddef.h>

/** True when s[0..n) is entirely valid UTF-8 without NUL bytes. */
bool camsim_utf8_valid(const char *s, size_t n);

#endif
