#include "models/graph_orderings.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>

#include "models/graph_isomorphism.hpp"

namespace models {

std::vector<int64_t> canonical_bfs_order(const datasets::GraphDataset& graph) {
  const int64_t n = graph.num_nodes;
  const std::vector<uint64_t> colors = wl_colors(graph);
  const std::span<const int64_t> row_ptr = graph.adjacency.row_ptr();
  const auto col_idx = graph.adjacency.col_idx();
  const auto degree = [&](int64_t v) { return row_ptr[v + 1] - row_ptr[v]; };
  // a before b: higher degree, then the smaller colour, then the smaller number
  const auto before = [&](int64_t a, int64_t b) {
    return std::make_tuple(-degree(a), colors[a], a) < std::make_tuple(-degree(b), colors[b], b);
  };
  std::vector<int64_t> by_rank(n);
  std::iota(by_rank.begin(), by_rank.end(), 0);
  std::sort(by_rank.begin(), by_rank.end(), before);

  std::vector<int64_t> order;
  std::vector<bool> seen(n, false);
  for (int64_t start : by_rank) {  // one breadth-first search per component, best start first
    if (seen[start]) continue;
    std::deque<int64_t> queue = {start};
    seen[start] = true;
    while (!queue.empty()) {
      const int64_t v = queue.front();
      queue.pop_front();
      order.push_back(v);
      std::vector<int64_t> next;
      for (int64_t k = row_ptr[v]; k < row_ptr[v + 1]; ++k)
        if (!seen[col_idx[k]]) next.push_back(col_idx[k]);
      std::sort(next.begin(), next.end(), before);
      for (int64_t w : next) seen[w] = true, queue.push_back(w);
    }
  }
  return order;
}

std::vector<int64_t> random_node_order(int64_t nodes, autograd::Generator& gen) {
  std::vector<int64_t> order(nodes);
  std::iota(order.begin(), order.end(), 0);
  for (int64_t i = nodes - 1; i > 0; --i)  // Fisher-Yates
    std::swap(order[i], order[gen.below(static_cast<uint64_t>(i + 1))]);
  return order;
}

datasets::GraphDataset permute_graph(const datasets::GraphDataset& graph,
                                     std::span<const int64_t> order) {
  const int64_t n = graph.num_nodes;
  if (static_cast<int64_t>(order.size()) != n)
    throw std::invalid_argument("permute_graph: an order of " + std::to_string(order.size()) +
                                " nodes for a graph of " + std::to_string(n));
  std::vector<int64_t> position(n, -1);
  for (int64_t i = 0; i < n; ++i) {
    if (order[i] < 0 || order[i] >= n || position[order[i]] >= 0)
      throw std::invalid_argument("permute_graph: the order is not a permutation (entry " +
                                  std::to_string(i) + " is " + std::to_string(order[i]) + ")");
    position[order[i]] = i;
  }
  std::vector<datasets::Edge> edges;
  for (const auto& [u, v] : graph.edges) edges.emplace_back(position[u], position[v]);
  return datasets::make_graph(n, datasets::canonical_edges(n, std::move(edges)));
}

}  // namespace models
