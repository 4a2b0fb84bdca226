#include "autograd/random.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "autograd/runtime/parallel.hpp"

namespace autograd {

void Generator::reseed(uint64_t seed) {
  for (uint64_t& word : s_) {  // splitmix64 spreads one seed over the four state words
    seed += 0x9e3779b97f4a7c15ull;
    uint64_t z = seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    word = z ^ (z >> 31);
  }
  has_spare_normal_ = false;
}

namespace {

// One step of xoshiro256**: 64 random bits from the state, which moves on.
inline uint64_t xoshiro_next(uint64_t (&s)[4]) {
  const uint64_t result = std::rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = std::rotl(s[3], 45);
  return result;
}

// The top 53 bits as a double in [0, 1).
inline double unit_interval(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// Box-Muller: two independent N(0, 1) values from u1 in (0, 1] and u2 in [0, 1).
struct NormalPair {
  double first, second;
};
NormalPair box_muller(double u1, double u2) {
  const double radius = std::sqrt(-2.0 * std::log(u1));
  return {radius * std::cos(2 * std::numbers::pi * u2),
          radius * std::sin(2 * std::numbers::pi * u2)};
}

constexpr int64_t kPairsPerPiece = 128;  // ~5 us of log, sqrt, sin and cos

}  // namespace

uint64_t Generator::next_u64() {
  return xoshiro_next(s_);
}

double Generator::uniform() {
  return unit_interval(next_u64());
}
double Generator::uniform(double lo, double hi) {
  return lo + (hi - lo) * uniform();
}

double Generator::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
  const NormalPair pair = box_muller(u1, uniform());
  spare_normal_ = pair.second;
  has_spare_normal_ = true;
  return pair.first;
}

double Generator::normal(double mean, double stddev) {
  return mean + stddev * normal();
}
bool Generator::bernoulli(double p) {
  return uniform() < p;
}

uint64_t Generator::below(uint64_t n) {
  if (n == 0) throw std::invalid_argument("Generator::below: empty range");
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // reject the biased tail
  uint64_t x;
  do x = next_u64();
  while (x >= limit);
  return x % n;
}

std::vector<int64_t> Generator::permutation(int64_t n) {
  std::vector<int64_t> order(n);
  for (int64_t i = 0; i < n; ++i) order[i] = i;
  for (int64_t i = n - 1; i > 0; --i) std::swap(order[i], order[below(i + 1)]);
  return order;
}

// The same numbers as normal(mean, stddev) called numel times, spare included; but only the
// uniforms are drawn in order, and the transforms of their pairs, where the time goes, run in
// parallel.
Tensor Generator::normal_tensor(const Shape& shape, double mean, double stddev) {
  Tensor t = Tensor::empty(shape);
  Scalar* out = t.data();
  const int64_t n = t.numel();
  int64_t first = 0;
  if (n > 0 && has_spare_normal_) out[first++] = static_cast<Scalar>(normal(mean, stddev));
  const int64_t pairs = (n - first + 1) / 2;
  thread_local std::vector<double> uniforms;  // reused: no allocation per call
  uniforms.resize(2 * pairs);
  uint64_t state[4] = {s_[0], s_[1], s_[2], s_[3]};  // a local copy stays in registers
  for (int64_t p = 0; p < pairs; ++p) {
    uniforms[2 * p] = 1.0 - unit_interval(xoshiro_next(state));
    uniforms[2 * p + 1] = unit_interval(xoshiro_next(state));
  }
  std::copy(state, state + 4, s_);
  const double* u = uniforms.data();
  parallel_for(0, pairs, kPairsPerPiece, [=](int64_t lo, int64_t hi) {
    for (int64_t p = lo; p < hi; ++p) {
      const NormalPair pair = box_muller(u[2 * p], u[2 * p + 1]);
      const int64_t i = first + 2 * p;
      out[i] = static_cast<Scalar>(mean + stddev * pair.first);
      if (i + 1 < n) out[i + 1] = static_cast<Scalar>(mean + stddev * pair.second);
    }
  });
  if ((n - first) % 2 == 1) {  // the last pair's second value is the next normal()'s
    spare_normal_ = box_muller(u[2 * pairs - 2], u[2 * pairs - 1]).second;
    has_spare_normal_ = true;
  }
  return t;
}

Tensor Generator::uniform_tensor(const Shape& shape, double lo, double hi) {
  Tensor t = Tensor::zeros(shape);
  for (Scalar& v : t.values()) v = static_cast<Scalar>(uniform(lo, hi));
  return t;
}

Tensor Generator::bernoulli_tensor(const Shape& shape, double p) {
  Tensor t = Tensor::zeros(shape);
  for (Scalar& v : t.values()) v = bernoulli(p) ? Scalar(1) : Scalar(0);
  return t;
}

std::vector<uint64_t> Generator::state() const {
  static_assert(sizeof(uint64_t) == sizeof(spare_normal_));
  // Without a spare, the last word is 0: the same stream always saves the same words.
  const uint64_t spare_bits = has_spare_normal_ ? std::bit_cast<uint64_t>(spare_normal_) : 0;
  return {s_[0], s_[1], s_[2], s_[3], has_spare_normal_ ? 1ull : 0ull, spare_bits};
}

void Generator::set_state(const std::vector<uint64_t>& state) {
  if (state.size() != 6)
    throw std::invalid_argument("Generator::set_state: expected 6 words, got " +
                                std::to_string(state.size()));
  for (int i = 0; i < 4; ++i) s_[i] = state[i];
  has_spare_normal_ = state[4] != 0;
  spare_normal_ = std::bit_cast<double>(state[5]);
}

Generator& global_generator() {
  static Generator generator(0);
  return generator;
}

void manual_seed(uint64_t seed) {
  global_generator().reseed(seed);
}

}  // namespace autograd
