#pragma once
// Timing for the benchmark programs: every figure they print is a median of several runs.
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Median seconds of `runs` timed calls of `work`, after `warmup` untimed ones.
inline double median_seconds(int warmup, int runs, const std::function<void()>& work) {
  for (int i = 0; i < warmup; ++i) work();
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work();
    times.push_back(seconds_since(start));
  }
  return median(times);
}

// The floors the benchmarks compare against are bare cblas_sgemm calls on OpenBLAS's own
// threads. The library keeps OpenBLAS on one thread (autograd/runtime/blas.hpp), so a floor lends it
// `threads` for its scope. Afterwards OpenBLAS's idle workers keep spinning on sched_yield for
// their timeout (2^28 cycles, about 0.1 s); the scope waits that out, so the measurement that
// follows does not share the cores with them.
class OpenBlasThreads {
 public:
  explicit OpenBlasThreads(int threads) { openblas_set_num_threads(threads); }
  ~OpenBlasThreads() {
    openblas_set_num_threads(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  OpenBlasThreads(const OpenBlasThreads&) = delete;
  OpenBlasThreads& operator=(const OpenBlasThreads&) = delete;
};

}  // namespace bench
