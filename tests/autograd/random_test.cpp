#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "autograd/random.hpp"

using autograd::Generator;

TEST_CASE("same seed, same stream; state round-trips") {
  Generator a(42), b(42), c(43);
  for (int i = 0; i < 5; ++i) CHECK(a.next_u64() == b.next_u64());
  CHECK(a.next_u64() != c.next_u64());
  a.normal();  // leaves a spare normal in the state
  const auto saved = a.state();
  const double expected = a.normal();
  Generator restored;
  restored.set_state(saved);
  CHECK(restored.normal() == expected);
}

TEST_CASE("distributions have the right moments") {
  Generator g(7);
  const int n = 200000;
  double sum = 0, sum_sq = 0, uniform_sum = 0;
  int ones = 0;
  for (int i = 0; i < n; ++i) {
    const double z = g.normal();
    sum += z;
    sum_sq += z * z;
    uniform_sum += g.uniform();
    ones += g.bernoulli(0.3);
  }
  CHECK(std::abs(sum / n) < 0.01);
  CHECK(std::abs(sum_sq / n - 1) < 0.02);
  CHECK(std::abs(uniform_sum / n - 0.5) < 0.01);
  CHECK(std::abs(ones / double(n) - 0.3) < 0.01);
  auto perm = g.permutation(100);
  std::sort(perm.begin(), perm.end());
  for (int i = 0; i < 100; ++i) CHECK(perm[i] == i);
}
