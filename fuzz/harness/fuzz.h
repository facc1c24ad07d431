/* fuzz.h: the shared harness every camsim fuzz target links (libxml2's
 * fuzz/fuzz.h is the model). One source per target, three builds: libFuzzer,
 * AFL++ (through its libFuzzer-compatible driver) and a plain replay main().
 *
 * What lives here:
 * - fz_arena: one owner for every allocation a single input makes;
 * - fz_split: cut an input into fields on the "\\\n" separator;
 * - fz_provider: a FuzzedDataProvider-like reader that never fails (past the
 *   end it returns zeros), so every byte string decodes to something;
 * - fz_buf: a growable string builder with JSON string escaping;
 * - fz_fail: report a mismatch with the whole input, then abort();
 * - planted bugs (CAMSIM_FUZZ_PLANT_BUG=n) that prove each oracle fires.
 */
#ifndef CAMSIM_FUZZ_H
#define CAMSIM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "camsim/camsim.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional one-time setup (defined by every target here; may do nothing). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* ---------------------------------------------------------------- planted bugs
 * Building with -DCAMSIM_FUZZ_PLANT_BUG=<n> makes the harness distort the
 * engine's answer in one defined way (never the engine itself), so that
 * fuzz/prove_oracles.sh can show each oracle reports it:
 *   1 policy_parse   decision of the re-parsed policy on request 0 flipped
 *   2 resource_match engine "match" reported as "no match" when the pattern ends in '*'
 *   3 action_match   engine answer negated when the request action has a name/ prefix
 *   4 condition      an *_if_exist operator on an absent key reported false
 *   5 eval           explicit_deny reported as allow when two or more policies are loaded
 *   6 requests_jsonl re-serialization drops owner_uin
 *   7 eval           an invalid policy (per the reference) is treated as accepted-and-allow-all */
#ifndef CAMSIM_FUZZ_PLANT_BUG
#define CAMSIM_FUZZ_PLANT_BUG 0
#endif
#define FZ_PLANTED(n) (CAMSIM_FUZZ_PLANT_BUG == (n))

/* ---------------------------------------------------------------- arena */
/* Zero-initialise ({0}); small pieces come from chunks (harness.c), each
 * with exact bounds under ASan. */
typedef struct fz_arena {
    void **blocks; /* large pieces, one malloc each */
    size_t count, cap;
    struct fz_chunk *chunks;
    unsigned char *cur, *end; /* the unused part of the newest chunk */
} fz_arena;

void *fz_alloc(fz_arena *a, size_t n);              /* zeroed; aborts on OOM */
char *fz_strndup(fz_arena *a, const char *s, size_t n);
char *fz_strdup(fz_arena *a, const char *s);
char *fz_printf(fz_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void fz_arena_free(fz_arena *a);

/* An output buffer for the engine: a heap block of exactly cap bytes (a
 * zero-byte block for 0) filled with '#', so that ASan reports the first
 * byte written past the capacity the engine was given, and a NUL the engine
 * should have written is not there by chance. Aborts on OOM. */
char *fz_out_buf(size_t cap);
void fz_out_free(char *buf);

/* ---------------------------------------------------------------- splitting */
#define FZ_SEPARATOR "\\\n"
/* Cut data into at most max fields on FZ_SEPARATOR; the last field takes the
 * rest. Fields are NUL-terminated copies in the arena (embedded NULs stay, so
 * lens[] is authoritative). Returns the number of fields (>= 1). */
size_t fz_split(fz_arena *a, const uint8_t *data, size_t size, char **fields, size_t *lens,
                size_t max);

/* ---------------------------------------------------------------- provider */
typedef struct fz_provider {
    const uint8_t *data;
    size_t size, pos;
    fz_arena *arena;
} fz_provider;

void fz_provider_init(fz_provider *p, fz_arena *a, const uint8_t *data, size_t size);
size_t fz_remaining(const fz_provider *p);
uint8_t fz_u8(fz_provider *p);
uint16_t fz_u16(fz_provider *p);
uint32_t fz_u32(fz_provider *p);
bool fz_bool(fz_provider *p);
/* Uniform-ish integer in [0, n) (n >= 1), one byte for n <= 256, else two. */
size_t fz_range(fz_provider *p, size_t n);
/* libFuzzer's ConsumeRandomLengthString: bytes up to a "\\" followed by any
 * byte other than '\\' ("\\\\" is one literal backslash), at most max bytes.
 * NULs are dropped so the result is a C string. */
char *fz_string(fz_provider *p, size_t max);
#define FZ_PICK(p, arr) ((arr)[fz_range((p), sizeof(arr) / sizeof((arr)[0]))])

/* ---------------------------------------------------------------- text building */
typedef struct fz_buf {
    char *s;
    size_t len, cap;
} fz_buf;

void fz_buf_put(fz_buf *b, const char *s, size_t n);
void fz_buf_puts(fz_buf *b, const char *s);
void fz_buf_printf(fz_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append s as a JSON string literal (quotes included, RFC 8259 escaping). */
void fz_buf_json_string(fz_buf *b, const char *s);
/* Take ownership of the text into the arena (b is reset). */
char *fz_buf_finish(fz_buf *b, fz_arena *a);
void fz_buf_free(fz_buf *b);

/* ---------------------------------------------------------------- reporting */
/* Write a labelled value to stderr, escaping non-printable bytes. */
void fz_dump(const char *label, const char *s, size_t n);
/* Print "camsim-fuzz MISMATCH in <target>: <why>", every labelled value given
 * with fz_note() since the input began, then abort(). */
void fz_note(const char *label, const char *text);
/* A note whose text is only built if the input fails: text(ctx) is called
 * by fz_fail (so ctx must live until the input ends), for values that cost
 * real work to render and are needed in reports only. */
void fz_note_lazy(const char *label, const char *(*text)(const void *ctx), const void *ctx);
void fz_note_reset(void);
void fz_fail(const char *target, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;

/* ---------------------------------------------------------------- allocation failures
 * libxml2's xmlFuzzInjectFailure, on the engine's counter (engine/src/support/fault.h,
 * CMake option CAMSIM_FAULT_INJECTION, ON in fuzz and sanitizer builds).
 * fz_fault_init routes cJSON's allocations through the same counter
 * (cJSON_InitHooks; the engine never calls it); every target may call it,
 * more than once. fz_fault_set(n): the n-th allocation from now fails, the
 * others succeed; 0 disarms. Without the option: fz_fault_available() is
 * false, nothing fails and the count stays 0. */
void fz_fault_init(void);
bool fz_fault_available(void);
void fz_fault_set(size_t n);
size_t fz_fault_count(void);
bool fz_fault_fired(void);

/* A per-input pool for cJSON's allocations (eval: cJSON was about 290
 * mallocs per input). fz_cjson_pool_init installs it with cJSON_InitHooks in
 * place of fz_fault_init's hooks: a target that frees cJSON output with
 * free() (camsim_policy_canonical's text) must not use it. Under ASan every
 * piece has exact bounds and is poisoned when freed; every piece counts
 * towards fz_fault_count, and while a failure is armed (fz_fault_set(n),
 * n > 0) pieces are counted, failable mallocs again. A target that installs
 * the pool calls fz_cjson_pool_end at the end of every input: it fails the
 * input (fz_fail) when any cJSON allocation of the input is still live, the
 * leak check LSan made before, and recycles the pool's memory. */
void fz_cjson_pool_init(void);
void fz_cjson_pool_end(const char *target);

/* True when s is valid UTF-8 with no C0 control bytes (safe to compare). */
bool fz_plain_text(const char *s);

/**
 * The JSON layer of text against jansson (reference/ref_json.c), shared by
 * the targets that read JSON: the guard's verdict must be jansson's, and
 * when both accept, cJSON's tree must equal jansson's. Returns jansson's
 * verdict (REF_*); *doc is jansson's document (ref_json_free it), *guard_ok
 * and *gerr the guard's answer. Reports through fz_fail(target, ...).
 */
int fz_json_layer(const char *target, const char *text, size_t size, void **doc,
                  bool *guard_ok, camsim_error *gerr);

#endif
