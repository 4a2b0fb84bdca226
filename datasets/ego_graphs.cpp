#include "datasets/ego_graphs.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

namespace {

// Breadth-first from `start`, at most `radius` hops (radius < 0: no limit); marks `seen`.
std::vector<int64_t> reach(const GraphDataset& g, int64_t start, int64_t radius,
                           std::vector<char>& seen) {
  const auto row_ptr = g.adjacency.row_ptr();
  const auto cols = g.adjacency.col_idx();
  std::vector<int64_t> found{start};
  seen[start] = 1;
  size_t frontier_begin = 0;
  for (int64_t hop = 0; radius < 0 || hop < radius; ++hop) {
    const size_t frontier_end = found.size();
    if (frontier_begin == frontier_end) break;
    for (size_t f = frontier_begin; f < frontier_end; ++f)
      for (int64_t p = row_ptr[found[f]]; p < row_ptr[found[f] + 1]; ++p)
        if (!seen[cols[p]]) {
          seen[cols[p]] = 1;
          found.push_back(cols[p]);
        }
    frontier_begin = frontier_end;
  }
  return found;
}

}  // namespace

std::vector<int64_t> ego_nodes(const GraphDataset& graph, int64_t centre, int64_t radius) {
  if (centre < 0 || centre >= graph.num_nodes || radius < 0)
    throw std::invalid_argument("ego_nodes: centre " + std::to_string(centre) + " of " +
                                std::to_string(graph.num_nodes) + " nodes, radius " +
                                std::to_string(radius));
  std::vector<char> seen(static_cast<size_t>(graph.num_nodes), 0);
  std::vector<int64_t> nodes = reach(graph, centre, radius, seen);
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

GraphDataset induced_subgraph(const GraphDataset& graph, const std::vector<int64_t>& nodes) {
  std::vector<int64_t> local(static_cast<size_t>(graph.num_nodes), -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i] < 0 || nodes[i] >= graph.num_nodes || local[nodes[i]] >= 0)
      throw std::invalid_argument("induced_subgraph: node " + std::to_string(nodes[i]) +
                                  " is out of range or repeated");
    local[nodes[i]] = static_cast<int64_t>(i);
  }
  const auto row_ptr = graph.adjacency.row_ptr();
  const auto cols = graph.adjacency.col_idx();
  std::vector<Edge> pairs;
  for (const int64_t u : nodes)
    for (int64_t p = row_ptr[u]; p < row_ptr[u + 1]; ++p)
      if (local[cols[p]] > local[u]) pairs.emplace_back(local[u], local[cols[p]]);
  const auto n = static_cast<int64_t>(nodes.size());
  return make_graph(n, canonical_edges(n, std::move(pairs)));
}

std::vector<int64_t> largest_component(const GraphDataset& graph) {
  std::vector<char> seen(static_cast<size_t>(graph.num_nodes), 0);
  std::vector<int64_t> best;
  for (int64_t v = 0; v < graph.num_nodes; ++v)
    if (!seen[v]) {
      std::vector<int64_t> component = reach(graph, v, -1, seen);
      if (component.size() > best.size()) best = std::move(component);
    }
  std::sort(best.begin(), best.end());
  return best;
}

std::vector<GraphDataset> ego_graphs(const GraphDataset& graph, const EgoOptions& o) {
  if (o.min_nodes < 1 || o.max_nodes < o.min_nodes || o.graphs < 0)
    throw std::invalid_argument("ego_graphs: needs 1 <= min_nodes <= max_nodes and graphs >= 0");
  std::vector<std::vector<int64_t>> candidates;
  for (const int64_t centre : largest_component(graph)) {
    std::vector<int64_t> nodes = ego_nodes(graph, centre, o.radius);
    const auto n = static_cast<int64_t>(nodes.size());
    if (n >= o.min_nodes && n <= o.max_nodes) candidates.push_back(std::move(nodes));
  }
  autograd::Generator gen(o.seed);
  const std::vector<int64_t> order = gen.permutation(static_cast<int64_t>(candidates.size()));
  std::vector<GraphDataset> graphs;
  for (int64_t i = 0; i < std::min<int64_t>(o.graphs, static_cast<int64_t>(order.size())); ++i)
    graphs.push_back(induced_subgraph(graph, candidates[order[i]]));
  return graphs;
}

std::vector<GraphDataset> ego_small(const std::string& dir, const EgoOptions& options) {
  return ego_graphs(load_graph(dir), options);
}

}  // namespace datasets
