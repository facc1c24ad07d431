/*
 * camsim_bench.h: a C interface to Google Benchmark.
 *
 * The benchmarks of camsim are written in C; this header (and its one C++
 * translation unit, camsim_bench.cc) is the only C++ in the project. It lets
 * C code register benchmarks with names and integer arguments, run the timed
 * loop in batches, and hand control to Google Benchmark's own main so every
 * --benchmark_* flag works unchanged.
 *
 * A benchmark body:
 *
 *     static void bm_thing(cb_state *st, void *arg)
 *     {
 *         size_t n;
 *         while (cb_state_next_batch(st, &n))
 *             for (size_t i = 0; i < n; i++)
 *                 cb_do_not_optimize(thing(arg));
 *         cb_state_set_items_processed(st, cb_state_iterations(st));
 *     }
 *
 * cb_state_next_batch() wraps State::KeepRunningBatch(n). It never
 * overshoots: the last batch is exactly what remains, so
 * cb_state_iterations() equals the number of loop bodies that ran. The
 * per-iteration cost of the shim is the inner `for` loop only (measured by
 * the shim/empty benchmark; see docs/benchmarking.md).
 *
 * Thread safety: registration happens in main before cb_main(). A body
 * registered with cb_bench_threads() runs concurrently on several threads,
 * each with its own cb_state; whatever `arg` points to is shared.
 */
#ifndef CAMSIM_BENCH_H
#define CAMSIM_BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One running benchmark (a benchmark::State). Owned by Google Benchmark. */
typedef struct cb_state cb_state;
/** One registered benchmark family (a benchmark::internal::Benchmark). */
typedef struct cb_bench cb_bench;

/** A benchmark body. `arg` is the pointer given to cb_register(). */
typedef void (*cb_fn)(cb_state *st, void *arg);

/** Asymptotic complexity for cb_bench_complexity (benchmark::BigO). */
typedef enum cb_big_o {
    CB_O_NONE = 0, CB_O_1, CB_O_N, CB_O_N_SQUARED, CB_O_N_CUBED, CB_O_LOG_N, CB_O_N_LOG_N,
    CB_O_AUTO
} cb_big_o;

/** Display time unit (benchmark::TimeUnit). */
typedef enum cb_time_unit { CB_NS = 0, CB_US, CB_MS, CB_S } cb_time_unit;

/** Counter flags (benchmark::Counter::Flags); combine with |. */
enum {
    CB_COUNTER_DEFAULT = 0,
    CB_COUNTER_RATE = 1 << 0,            /**< divide by elapsed seconds */
    CB_COUNTER_AVG_THREADS = 1 << 1,     /**< divide by thread count */
    CB_COUNTER_ITER_INVARIANT = 1 << 2,  /**< multiply by iterations */
    CB_COUNTER_AVG_ITERATIONS = 1 << 3,  /**< divide by iterations */
    CB_COUNTER_INVERT = 1 << 4,          /**< invert at the end (e.g. seconds per item) */
    CB_COUNTER_BINARY = 1 << 5           /**< 1k = 1024 when printing */
};

/* ---- registration (call before cb_main) ------------------------------- */

/**
 * Register a benchmark called `name` (copied) that runs fn(st, arg).
 * Returns a handle for the cb_bench_* setters below; never NULL (aborts
 * with a message when registration fails).
 */
cb_bench *cb_register(const char *name, cb_fn fn, void *arg);

/** Add runs for lo..hi in powers of the range multiplier (default 8). */
cb_bench *cb_bench_range(cb_bench *b, int64_t lo, int64_t hi);
/** Set the multiplier used by cb_bench_range (>= 2). */
cb_bench *cb_bench_range_multiplier(cb_bench *b, int multiplier);
/** Ask for a complexity fit over the runs' cb_state_set_complexity_n. */
cb_bench *cb_bench_complexity(cb_bench *b, cb_big_o o);
/** Run the body on t threads at once. */
cb_bench *cb_bench_threads(cb_bench *b, int t);
/** Report wall-clock time instead of the main thread's CPU time. */
cb_bench *cb_bench_use_real_time(cb_bench *b);
/** Display unit for times. */
cb_bench *cb_bench_unit(cb_bench *b, cb_time_unit u);

/* ---- inside a benchmark body ------------------------------------------ */

/**
 * Start (first call) or continue the timed loop: returns nonzero with *n set
 * to the number of iterations to run now, or 0 when the benchmark is done.
 * The caller must run exactly *n iterations before calling again.
 */
int cb_state_next_batch(cb_state *st, size_t *n);
/** One-iteration form (KeepRunning()); costs a call per iteration. */
int cb_state_keep_running(cb_state *st);
/** Argument i of this run (0: the one cb_bench_range sets). */
int64_t cb_state_range(const cb_state *st, size_t i);
/** Iterations completed so far (final count after the loop). */
int64_t cb_state_iterations(const cb_state *st);
/** Total items (reported as items_per_second) and bytes (bytes_per_second). */
void cb_state_set_items_processed(cb_state *st, int64_t items);
void cb_state_set_bytes_processed(cb_state *st, int64_t bytes);
/** The N of the complexity fit for this run. */
void cb_state_set_complexity_n(cb_state *st, int64_t n);
/** A free-text label printed after the run (copied). */
void cb_state_set_label(cb_state *st, const char *label);
/** A user counter `name` (copied) with CB_COUNTER_* flags. */
void cb_state_set_counter(cb_state *st, const char *name, double value, unsigned flags);
/** Mark the run failed with a message (copied); the loop then ends. */
void cb_state_skip_with_error(cb_state *st, const char *message);
/** 0-based index of the calling thread. */
int cb_state_thread_index(const cb_state *st);

/* ---- main ---------------------------------------------------------- */

/**
 * Parse --benchmark_* flags (benchmark::Initialize), reject unknown ones,
 * run the registered benchmarks that match the filter, and shut down.
 * Returns the process exit status: 0, or 1 on an unrecognised argument.
 */
int cb_main(int argc, char **argv);

/* ---- keeping work from being optimised away --------------------------- */

/*
 * cb_do_not_optimize(x): the compiler must compute x (any scalar expression)
 * and assume it is read. cb_clobber_memory(): assume all memory is read and
 * written. GCC/Clang inline assembly; nothing is emitted.
 */
#if defined(__GNUC__) || defined(__clang__)
#define cb_do_not_optimize(x) __asm__ __volatile__("" : : "g"(x) : "memory")
static inline void cb_clobber_memory(void)
{
    __asm__ __volatile__("" : : : "memory");
}
#else
#error "camsim_bench.h needs GCC or Clang inline assembly"
#endif

#ifdef __cplusplus
}
#endif

#endif /* CAMSIM_BENCH_H */
