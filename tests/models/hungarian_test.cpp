// The Hungarian method against brute force over every permutation, on random cost matrices.
#include "models/hungarian.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace {

double total(const std::vector<double>& cost, int64_t n, const std::vector<int64_t>& p) {
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += cost[i * n + p[i]];
  return sum;
}

double brute_force_minimum(const std::vector<double>& cost, int64_t n) {
  std::vector<int64_t> p(n);
  std::iota(p.begin(), p.end(), 0);
  double best = total(cost, n, p);
  while (std::next_permutation(p.begin(), p.end())) best = std::min(best, total(cost, n, p));
  return best;
}

}  // namespace

TEST_CASE("min_cost_assignment finds the cheapest permutation") {
  // A known answer: the anti-diagonal costs 1 each, everything else 5.
  const std::vector<double> known = {5, 5, 1, 5, 1, 5, 1, 5, 5};
  CHECK(models::min_cost_assignment(known, 3) == std::vector<int64_t>{2, 1, 0});

  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uniform(-3, 10);
  for (int64_t n = 1; n <= 7; ++n)
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> cost(n * n);
      for (double& c : cost) c = trial % 2 ? uniform(rng) : double(int(uniform(rng)));  // ties
      const std::vector<int64_t> p = models::min_cost_assignment(cost, n);
      std::vector<int64_t> sorted = p;
      std::sort(sorted.begin(), sorted.end());
      for (int64_t i = 0; i < n; ++i) REQUIRE(sorted[i] == i);  // a permutation
      CHECK(total(cost, n, p) == doctest::Approx(brute_force_minimum(cost, n)).epsilon(1e-12));
    }
  CHECK(models::min_cost_assignment({}, 0).empty());
  CHECK_THROWS_WITH(models::min_cost_assignment(std::vector<double>(5), 2),
                    "min_cost_assignment: 5 costs for a 2 x 2 matrix");
}
