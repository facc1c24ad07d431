// camsim_bench.cc: the C shim over Google Benchmark (see camsim_bench.h).
// The only C++ translation unit in camsim.
#include "camsim_bench.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

benchmark::State &S(cb_state *st) { return *reinterpret_cast<benchmark::State *>(st); }
const benchmark::State &S(const cb_state *st)
{
    return *reinterpret_cast<const benchmark::State *>(st);
}
benchmark::internal::Benchmark *B(cb_bench *b)
{
    return reinterpret_cast<benchmark::internal::Benchmark *>(b);
}
cb_bench *H(benchmark::internal::Benchmark *b) { return reinterpret_cast<cb_bench *>(b); }

// The most iterations handed out per batch: large enough that the
// per-batch call is negligible, small enough to keep `n` loops bounded.
constexpr benchmark::IterationCount kMaxBatch = 1 << 16;

}  // namespace

extern "C" {

cb_bench *cb_register(const char *name, cb_fn fn, void *arg)
{
    if (name == nullptr || fn == nullptr) {
        std::fprintf(stderr, "camsim_bench: cb_register needs a name and a function\n");
        std::abort();
    }
    benchmark::internal::Benchmark *b = benchmark::RegisterBenchmark(
        name, [fn, arg](benchmark::State &st) { fn(reinterpret_cast<cb_state *>(&st), arg); });
    if (b == nullptr) {
        std::fprintf(stderr, "camsim_bench: could not register benchmark '%s'\n", name);
        std::abort();
    }
    return H(b);
}

cb_bench *cb_bench_range(cb_bench *b, int64_t lo, int64_t hi) { return H(B(b)->Range(lo, hi)); }
cb_bench *cb_bench_range_multiplier(cb_bench *b, int m) { return H(B(b)->RangeMultiplier(m)); }

cb_bench *cb_bench_complexity(cb_bench *b, cb_big_o o)
{
    static const benchmark::BigO map[] = {benchmark::oNone, benchmark::o1,        benchmark::oN,
                                          benchmark::oNSquared, benchmark::oNCubed,
                                          benchmark::oLogN, benchmark::oNLogN, benchmark::oAuto};
    if (static_cast<unsigned>(o) >= sizeof map / sizeof map[0]) {
        std::fprintf(stderr, "camsim_bench: cb_bench_complexity: unknown cb_big_o %d\n",
                     static_cast<int>(o));
        std::abort();
    }
    return H(B(b)->Complexity(map[o]));
}

cb_bench *cb_bench_threads(cb_bench *b, int t) { return H(B(b)->Threads(t)); }
cb_bench *cb_bench_use_real_time(cb_bench *b) { return H(B(b)->UseRealTime()); }

cb_bench *cb_bench_unit(cb_bench *b, cb_time_unit u)
{
    static const benchmark::TimeUnit map[] = {benchmark::kNanosecond, benchmark::kMicrosecond,
                                              benchmark::kMillisecond, benchmark::kSecond};
    if (static_cast<unsigned>(u) >= sizeof map / sizeof map[0]) {
        std::fprintf(stderr, "camsim_bench: cb_bench_unit: unknown cb_time_unit %d\n",
                     static_cast<int>(u));
        std::abort();
    }
    return H(B(b)->Unit(map[u]));
}


int cb_state_next_batch(cb_state *st, size_t *n)
{
    benchmark::State &s = S(st);
    // Before the loop starts iterations() is 0; afterwards it counts the
    // batches handed out. Asking for exactly what remains means
    // KeepRunningBatch never overshoots.
    benchmark::IterationCount left = s.max_iterations - s.iterations();
    if (left > kMaxBatch) left = kMaxBatch;
    if (left < 1) left = 1;
    if (!s.KeepRunningBatch(left)) {
        *n = 0;
        return 0;
    }
    *n = static_cast<size_t>(left);
    return 1;
}

int cb_state_keep_running(cb_state *st) { return S(st).KeepRunning() ? 1 : 0; }
int64_t cb_state_range(const cb_state *st, size_t i)
{
    return S(st).range(static_cast<std::size_t>(i));
}
int64_t cb_state_iterations(const cb_state *st) { return S(st).iterations(); }
void cb_state_set_items_processed(cb_state *st, int64_t items) { S(st).SetItemsProcessed(items); }
void cb_state_set_bytes_processed(cb_state *st, int64_t bytes) { S(st).SetBytesProcessed(bytes); }
void cb_state_set_complexity_n(cb_state *st, int64_t n) { S(st).SetComplexityN(n); }
void cb_state_set_label(cb_state *st, const char *label) { S(st).SetLabel(label); }

void cb_state_set_counter(cb_state *st, const char *name, double value, unsigned flags)
{
    int f = 0;
    if (flags & CB_COUNTER_RATE) f |= benchmark::Counter::kIsRate;
    if (flags & CB_COUNTER_AVG_THREADS) f |= benchmark::Counter::kAvgThreads;
    if (flags & CB_COUNTER_ITER_INVARIANT) f |= benchmark::Counter::kIsIterationInvariant;
    if (flags & CB_COUNTER_AVG_ITERATIONS) f |= benchmark::Counter::kAvgIterations;
    if (flags & CB_COUNTER_INVERT) f |= benchmark::Counter::kInvert;
    S(st).counters[name] = benchmark::Counter(
        value, static_cast<benchmark::Counter::Flags>(f),
        (flags & CB_COUNTER_BINARY) ? benchmark::Counter::kIs1024 : benchmark::Counter::kIs1000);
}

void cb_state_skip_with_error(cb_state *st, const char *message)
{
    S(st).SkipWithError(message);
}
int cb_state_thread_index(const cb_state *st) { return S(st).thread_index(); }

int cb_main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

}  // extern "C"
