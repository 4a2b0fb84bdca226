#include "datasets/edges.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "datasets/bernoulli_indices.hpp"

using datasets::Edge;

TEST_CASE("canonical edges: oriented, sorted, no self loops, no duplicates") {
  const std::vector<Edge> edges = datasets::canonical_edges(
      5, {{3, 1}, {0, 4}, {1, 3}, {2, 2}, {4, 0}, {0, 1}, {1, 3}, {4, 3}});
  CHECK(edges == std::vector<Edge>{{0, 1}, {0, 4}, {1, 3}, {3, 4}});
  CHECK(datasets::has_edge(edges, 4, 0));
  CHECK(datasets::has_edge(edges, 3, 1));
  CHECK_FALSE(datasets::has_edge(edges, 1, 4));
  CHECK_FALSE(datasets::has_edge(edges, 2, 2));
  CHECK(datasets::canonical_edges(0, {}).empty());
  CHECK_THROWS_WITH_AS(datasets::canonical_edges(3, {{0, 3}}),
                       doctest::Contains("(0, 3) has a node outside 0..2"), std::out_of_range);
  CHECK_NOTHROW(datasets::require_canonical("test", 5, edges));
  const std::vector<Edge> unsorted{{1, 3}, {0, 4}};
  CHECK_THROWS_WITH_AS(datasets::require_canonical("test", 5, unsorted),
                       doctest::Contains("test: edge 1 (0, 4)"), std::invalid_argument);
  const std::vector<Edge> reversed{{3, 1}};
  CHECK_THROWS_AS(datasets::require_canonical("test", 5, reversed), std::invalid_argument);
}

TEST_CASE("geometric skipping keeps each index with probability p, in order") {
  autograd::Generator generator(9);
  const uint64_t m = 200000;
  for (double p : {0.001, 0.05, 0.5}) {
    int64_t kept = 0, previous = -1;
    bool increasing = true;
    std::vector<int64_t> halves(2, 0);
    datasets::for_each_bernoulli_index(m, p, generator, [&](uint64_t i) {
      increasing = increasing && static_cast<int64_t>(i) > previous && i < m;
      previous = static_cast<int64_t>(i);
      ++halves[i < m / 2 ? 0 : 1];
      ++kept;
    });
    CHECK(increasing);
    const double expected = p * static_cast<double>(m), sd = std::sqrt(expected * (1 - p));
    CHECK(std::abs(static_cast<double>(kept) - expected) < 5 * sd);
    CHECK(std::abs(static_cast<double>(halves[0] - halves[1])) < 5 * std::sqrt(2 * expected) + 1);
  }
  int64_t count = 0;
  datasets::for_each_bernoulli_index(10, 1.0, generator, [&](uint64_t) { ++count; });
  datasets::for_each_bernoulli_index(10, 0.0, generator, [&](uint64_t) { count += 100; });
  CHECK(count == 10);
}
