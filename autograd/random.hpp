#pragma once
// The one seeded random generator used everywhere: initializations, dropout masks,
// reparameterization noise, data shuffling, negative sampling, synthetic data. Same seed, same
// stream, on every machine: the bits come from xoshiro256** seeded by splitmix64, and the
// distributions are computed here (not by <random>, whose distributions differ by library).
#include <cstdint>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

class Generator {
 public:
  explicit Generator(uint64_t seed = 0) { reseed(seed); }
  void reseed(uint64_t seed);

  uint64_t next_u64();
  double uniform();                          // [0, 1)
  double uniform(double lo, double hi);      // [lo, hi)
  double normal();                           // N(0, 1), Box-Muller
  double normal(double mean, double stddev);
  bool bernoulli(double p);
  uint64_t below(uint64_t n);                // uniform integer in [0, n), unbiased
  std::vector<int64_t> permutation(int64_t n);  // Fisher-Yates

  Tensor normal_tensor(const Shape& shape, double mean = 0, double stddev = 1);
  Tensor uniform_tensor(const Shape& shape, double lo = 0, double hi = 1);
  Tensor bernoulli_tensor(const Shape& shape, double p);  // values 0 or 1

  // The complete state, for checkpoints: restoring it continues the same stream.
  std::vector<uint64_t> state() const;
  void set_state(const std::vector<uint64_t>& state);

 private:
  uint64_t s_[4] = {};
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

// A process-wide generator for code that is not handed one; seed it once per run.
Generator& global_generator();
void manual_seed(uint64_t seed);

}  // namespace autograd
