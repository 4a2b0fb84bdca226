// GraphVAE's decoder distributions (graph_likelihood.hpp): the node-count head's likelihood
// against one written out by hand, its targets checked for a prefix, its samples' sizes against
// the softmax; and matching into the first n slots.
#include "models/graph_likelihood.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "datasets/small_graphs.hpp"
#include "models/graph_batch.hpp"
#include "models/graph_matching.hpp"
#include "models/graph_orderings.hpp"

using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;
using models::NodeCount;

namespace {

constexpr int64_t kSlots = 4;  // 6 pairs, 4 node logits

double softplus(double x) {
  return std::log1p(std::exp(x));
}

// A path 0 - 1 - 2 in slots 0, 1, 2 of 4.
std::vector<Scalar> path_targets() {
  const datasets::GraphDataset path = datasets::make_graph(3, {{0, 1}, {1, 2}});
  const std::vector<int64_t> slots = {0, 1, 2};
  return models::slot_targets(path, slots, kSlots);
}

}  // namespace

TEST_CASE("the count head's -log p(G | z): -log softmax(c)[n - 1] and the edges inside n slots") {
  const std::vector<Scalar> logits = {0.3f, -1.2f, 0.5f, 2.0f, -0.7f, 1.1f,  // pairs
                                      0.2f, -0.4f, 1.3f, 0.6f};              // n = 1..4
  const Tensor x({1, 10}, logits), t({1, 10}, path_targets());
  // Pairs (0,1) (0,2) (1,2), entries 0, 1, 3, are inside 3 slots, targets 1 0 1; (0,3) (1,3)
  // (2,3) are not.
  const double edges = (softplus(0.3) - 0.3) + softplus(-1.2) + (softplus(2.0) - 2.0);
  const double log_normalizer =
      std::log(std::exp(0.2) + std::exp(-0.4) + std::exp(1.3) + std::exp(0.6));
  const double expected = edges + log_normalizer - 1.3;
  CHECK(models::graph_negative_log_likelihood(x, t, kSlots, NodeCount::Categorical).item() ==
        doctest::Approx(expected).epsilon(1e-5));
  // The slots' form takes every entry, the three pairs outside and the empty slot 3 included.
  double slots = 0;
  const std::vector<Scalar> targets = path_targets();
  for (size_t e = 0; e < logits.size(); ++e) slots += softplus(logits[e]) - targets[e] * logits[e];
  CHECK(models::graph_negative_log_likelihood(x, t, kSlots, NodeCount::SlotBernoulli).item() ==
        doctest::Approx(slots).epsilon(1e-5));
}

TEST_CASE("the count head needs the nodes in the first n slots") {
  const datasets::GraphDataset path = datasets::make_graph(3, {{0, 1}, {1, 2}});
  const std::vector<int64_t> gap = {0, 1, 3};
  const Tensor t({2, 10}, [&] {
    std::vector<Scalar> rows = path_targets();
    const std::vector<Scalar> other = models::slot_targets(path, gap, kSlots);
    rows.insert(rows.end(), other.begin(), other.end());
    return rows;
  }());
  CHECK_THROWS_WITH(models::prefix_node_counts(t, kSlots),
                    "GraphVae: the node-count head needs the nodes in slots 0..n-1; target row 1 "
                    "has them elsewhere");
  // Any order of the three nodes within slots 0..2 is a prefix.
  const std::vector<int64_t> shuffled = {2, 0, 1};
  const Tensor prefix({1, 10}, models::slot_targets(path, shuffled, kSlots));
  CHECK(models::prefix_node_counts(prefix, kSlots) == std::vector<int64_t>{3});
}

TEST_CASE("the count head's samples: sizes drawn from the softmax, edges only among them") {
  // Node logits log(0.1), log(0.2), log(0.3), log(0.4); every edge almost certain.
  std::vector<Scalar> logits(6, 20.0f);
  for (double p : {0.1, 0.2, 0.3, 0.4}) logits.push_back(static_cast<Scalar>(std::log(p)));
  Generator gen(7);
  std::vector<int> seen(kSlots + 1, 0);
  const int draws = 4000;
  for (int d = 0; d < draws; ++d) {
    const datasets::GraphDataset g =
        models::sample_graph(logits.data(), kSlots, NodeCount::Categorical, gen);
    ++seen[g.num_nodes];
    CHECK(int64_t(g.edges.size()) == g.num_nodes * (g.num_nodes - 1) / 2);  // complete
  }
  for (int64_t n = 1; n <= kSlots; ++n) {
    const double p = 0.1 * double(n), se = std::sqrt(p * (1 - p) / draws);
    CHECK(std::abs(seen[n] / double(draws) - p) < 4 * se);
  }
}

TEST_CASE("matching into the first n slots beats random orders on a graph the decoder holds") {
  // The decoder holds a 10-node graph, written in a random order into slots 0..9 of 12, with
  // confident edge logits; its node logits say nothing (all zero). The matched order must agree
  // with the decoded edges better than any of 200 random orders of slots 0..9 does.
  const int64_t k = 12;
  const datasets::GraphDataset g = datasets::community_small(
      {.graphs = 1, .min_community = 5, .max_community = 5, .seed = 4})[0];
  Generator gen(3);
  const datasets::GraphDataset written =
      models::permute_graph(g, models::random_node_order(g.num_nodes, gen));
  std::vector<Scalar> logits(models::pair_count(k) + k, 0);
  for (int64_t p = 0; p < models::pair_count(k); ++p) logits[p] = -6;
  for (const auto& [u, v] : written.edges) logits[models::pair_index(u, v, k)] = 6;
  const auto disagreements = [&](std::span<const int64_t> slots) {
    const std::vector<Scalar> t = models::slot_targets(g, slots, k);
    int64_t wrong = 0;
    for (int64_t p = 0; p < models::pair_count(k); ++p) wrong += (t[p] == 1) != (logits[p] > 0);
    return wrong;
  };
  const std::vector<int64_t> slots = models::match_slots_in_prefix(g, logits, k);
  std::vector<int64_t> sorted = slots;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> prefix(g.num_nodes);
  std::iota(prefix.begin(), prefix.end(), 0);
  CHECK(sorted == prefix);
  int64_t best_random = models::pair_count(k);
  for (int trial = 0; trial < 200; ++trial)
    best_random = std::min(best_random, disagreements(models::random_node_order(g.num_nodes, gen)));
  MESSAGE("matched order: ", disagreements(slots),
          " pairs wrong; best of 200 random orders: ", best_random);
  CHECK(disagreements(slots) < best_random);
}
