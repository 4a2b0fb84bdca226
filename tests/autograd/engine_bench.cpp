// Engine benchmark (issue 2), two figures:
//  1. per-op overhead: a chain of 10,000 ops on 1x1 tensors, forward plus backward plus
//     clear_tape, in microseconds per op (goal: under 1 us), with anomaly mode off and on;
//  2. matmul throughput on the VAE's first layer shape, 128x784 times 784x400, in GFLOP/s,
//     against a bare cblas_sgemm of the same shape writing into a buffer it owns (goal: within
//     5%, i.e. a ratio of at least 0.95).
// Every figure is the median of several runs. Run with:
//   meson test -C build --benchmark engine --verbose
#include <cblas.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

using namespace autograd;

namespace {

using bench::Clock;
using bench::median;
using bench::median_seconds;
using bench::seconds_since;

constexpr int kChain = 10000;
constexpr int kChainRuns = 21;

// Seconds for a chain of kChain ops made by `step`: forward, backward, clear_tape.
double chain_seconds(const std::function<Tensor(const Tensor&)>& step, bool anomaly) {
  set_anomaly_detection(anomaly);
  Tensor x = Tensor::full({1, 1}, 0.5f, true);
  const auto start = Clock::now();
  Tensor y = x;
  for (int i = 0; i < kChain; ++i) y = step(y);
  backward(y);
  clear_tape();
  const double seconds = seconds_since(start);
  set_anomaly_detection(false);
  return seconds;
}

void per_op_overhead() {
  std::printf("per-op overhead: chain of %d ops on 1x1 tensors, forward + backward + clear_tape\n",
              kChain);
  std::printf("  (median of %d runs, off and on alternating; microseconds per op; goal < 1 us)\n",
              kChainRuns);
  const Tensor c = Tensor::full({1, 1}, 1.0001f);
  struct Case {
    const char* name;
    const char* short_name;
    std::function<Tensor(const Tensor&)> step;
  };
  const Case cases[] = {
      {"mul (binary, broadcasting path)", "mul", [&](const Tensor& y) { return y * c; }},
      {"mul_scalar (pointwise)", "mul_scalar", [](const Tensor& y) { return y * 1.0001f; }},
      {"tanh (pointwise)", "tanh", [](const Tensor& y) { return tanh(y); }},
  };
  std::printf("  %-34s %12s %12s %10s   %s\n", "op", "anomaly off", "anomaly on", "on/off",
              "best run off / on");
  for (const Case& test : cases) {
    for (int i = 0; i < 3; ++i) chain_seconds(test.step, i % 2);  // warm up
    std::vector<double> off, on;
    for (int i = 0; i < kChainRuns; ++i) {
      off.push_back(chain_seconds(test.step, false) / kChain * 1e6);
      on.push_back(chain_seconds(test.step, true) / kChain * 1e6);
    }
    std::printf("  %-34s %9.3f us %9.3f us %10.3f   %.3f / %.3f us\n", test.name, median(off),
                median(on), median(on) / median(off), *std::min_element(off.begin(), off.end()),
                *std::min_element(on.begin(), on.end()));
    bench::report({.benchmark = "engine",
                   .what = std::string("per-op, ") + test.short_name + ", anomaly mode off",
                   .figure = median(off),
                   .unit = "us per op",
                   .runs = kChainRuns,
                   .ratio_of = "anomaly on / off time",
                   .ratio = median(on) / median(off),
                   .goal = bench::below(1.0)});
  }
}

void matmul_throughput(int threads) {
  set_num_threads(threads);
  constexpr int m = 128, k = 784, n = 400;
  constexpr double flops = 2.0 * m * k * n;
  Generator generator(1);
  const Tensor a = generator.normal_tensor({m, k});
  const Tensor b = generator.normal_tensor({k, n});
  std::vector<float> c(static_cast<size_t>(m) * n);
  constexpr int warmup = 20, runs = 200;
  const double bare = [&] {
    const bench::OpenBlasThreads blas_threads(threads);  // only for the bare call
    return median_seconds(warmup, runs, [&] {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a.data(), k, b.data(),
                  n, 0.0f, c.data(), n);
    });
  }();
  const double ours = median_seconds(warmup, runs, [&] { matmul(a, b); });
  std::printf(
      "  threads %d: autograd::matmul %7.2f GFLOP/s   cblas_sgemm %7.2f GFLOP/s   "
      "ratio %.3f\n",
      threads, flops / ours * 1e-9, flops / bare * 1e-9, bare / ours);
  bench::report({.benchmark = "engine",
                 .what = "matmul 128x784x400, " + std::to_string(threads) + " thread" +
                         (threads > 1 ? "s" : ""),
                 .figure = flops / ours * 1e-9,
                 .unit = "GFLOP/s",
                 .runs = runs,
                 .ratio_of = "matmul / sgemm speed",
                 .ratio = bare / ours,
                 .goal = bench::ratio_at_least(0.95)});
}

}  // namespace

int main() {
  per_op_overhead();
  std::printf("\nmatmul [128, 784] x [784, 400] (median of 200 runs; goal: ratio >= 0.95)\n");
  for (int threads : {1, 2}) matmul_throughput(threads);
  return 0;
}
