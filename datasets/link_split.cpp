#include "datasets/link_split.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/non_edges.hpp"

namespace datasets {

namespace {

int64_t held_out(int64_t edges, double fraction) {
  // floor as in the reference code; the epsilon keeps 0.07 * 100 from flooring to 6.
  return static_cast<int64_t>(std::floor(static_cast<double>(edges) * fraction + 1e-9));
}

}  // namespace

LinkSplit split_edges(const GraphDataset& graph, double val_fraction, double test_fraction,
                      uint64_t seed) {
  return split_edges(graph.num_nodes, graph.edges, val_fraction, test_fraction, seed);
}

LinkSplit split_edges(int64_t num_nodes, std::span<const Edge> edges, double val_fraction,
                      double test_fraction, uint64_t seed) {
  if (!(val_fraction >= 0) || !(test_fraction >= 0) || val_fraction + test_fraction > 1)
    throw std::invalid_argument(
        "split_edges: fractions must be >= 0 and sum to at most 1, got val " +
        std::to_string(val_fraction) + " and test " + std::to_string(test_fraction));
  require_canonical("split_edges", num_nodes, edges);
  const auto total = static_cast<int64_t>(edges.size());
  const int64_t num_val = held_out(total, val_fraction), num_test = held_out(total, test_fraction);

  autograd::Generator generator(seed);
  // A random ordered choice of the held-out edges: the first steps of a Fisher-Yates shuffle.
  std::vector<int64_t> order(static_cast<size_t>(total));
  std::iota(order.begin(), order.end(), 0);
  LinkSplit split;
  std::vector<char> held(static_cast<size_t>(total), 0);
  for (int64_t k = 0; k < num_val + num_test; ++k) {
    std::swap(order[k],
              order[k + static_cast<int64_t>(generator.below(static_cast<uint64_t>(total - k)))]);
    held[order[k]] = 1;
    (k < num_val ? split.val_pos : split.test_pos).push_back(edges[order[k]]);
  }
  split.train_edges.reserve(static_cast<size_t>(total - num_val - num_test));
  for (int64_t k = 0; k < total; ++k)
    if (!held[k]) split.train_edges.push_back(edges[k]);

  // One draw for both sets keeps them disjoint: test negatives first, as in the reference code.
  std::vector<Edge> negatives =
      distinct_non_edges(num_nodes, edges, num_test + num_val, generator, "split_edges");
  split.test_neg.assign(negatives.begin(), negatives.begin() + num_test);
  split.val_neg.assign(negatives.begin() + num_test, negatives.end());
  split.train_adjacency = autograd::adjacency_from_edges(num_nodes, split.train_edges);
  return split;
}

}  // namespace datasets
