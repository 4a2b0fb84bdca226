#include "models/graph_batch.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/sparse/graph.hpp"

namespace models {

using autograd::Scalar;

GraphBatch make_graph_batch(std::span<const datasets::GraphDataset> graphs, int64_t max_nodes) {
  if (graphs.empty()) throw std::invalid_argument("make_graph_batch: no graphs");
  std::vector<int64_t> rows, cols, pool_rows, pool_cols;
  std::vector<Scalar> values, features;
  int64_t offset = 0;
  for (size_t b = 0; b < graphs.size(); ++b) {
    const datasets::GraphDataset& g = graphs[b];
    if (g.num_nodes < 1 || g.num_nodes > max_nodes)
      throw std::invalid_argument("make_graph_batch: graph " + std::to_string(b) + " has " +
                                  std::to_string(g.num_nodes) + " nodes; the model takes 1 to " +
                                  std::to_string(max_nodes));
    const autograd::CsrMatrix a_hat = autograd::gcn_normalize(g.adjacency);
    const auto row_ptr = a_hat.row_ptr();
    const auto col_idx = a_hat.col_idx();
    const auto a_values = a_hat.values();
    for (int64_t i = 0; i < g.num_nodes; ++i) {
      for (int64_t p = row_ptr[i]; p < row_ptr[i + 1]; ++p) {
        rows.push_back(offset + i);
        cols.push_back(offset + col_idx[p]);
        values.push_back(a_values[p]);
      }
      const int64_t degree = g.adjacency.row_ptr()[i + 1] - g.adjacency.row_ptr()[i];
      std::vector<Scalar> one_hot(max_nodes, 0);
      one_hot[std::min(degree, max_nodes - 1)] = 1;
      features.insert(features.end(), one_hot.begin(), one_hot.end());
      pool_rows.push_back(static_cast<int64_t>(b));
      pool_cols.push_back(offset + i);
    }
    offset += g.num_nodes;
  }
  const std::vector<Scalar> ones(pool_rows.size(), 1);
  return {autograd::CsrMatrix::from_coo(offset, offset, rows, cols, values),
          autograd::Tensor({offset, max_nodes}, std::move(features)),
          autograd::CsrMatrix::from_coo(static_cast<int64_t>(graphs.size()), offset, pool_rows,
                                        pool_cols, ones)};
}

std::vector<Scalar> slot_targets(const datasets::GraphDataset& graph,
                                 std::span<const int64_t> slots, int64_t k) {
  if (static_cast<int64_t>(slots.size()) != graph.num_nodes)
    throw std::invalid_argument("slot_targets: " + std::to_string(slots.size()) + " slots for " +
                                std::to_string(graph.num_nodes) + " nodes");
  std::vector<Scalar> targets(pair_count(k) + k, 0);
  for (int64_t slot : slots) {
    if (slot < 0 || slot >= k || targets[pair_count(k) + slot] != 0)
      throw std::invalid_argument("slot_targets: slot " + std::to_string(slot) + " is outside 0.." +
                                  std::to_string(k - 1) + " or used twice");
    targets[pair_count(k) + slot] = 1;
  }
  for (const auto& [u, v] : graph.edges) {
    const int64_t a = std::min(slots[u], slots[v]), b = std::max(slots[u], slots[v]);
    targets[pair_index(a, b, k)] = 1;
  }
  return targets;
}

}  // namespace models
