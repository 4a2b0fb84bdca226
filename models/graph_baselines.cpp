#include "models/graph_baselines.hpp"

#include <stdexcept>
#include <string>

#include "models/lapack.hpp"

namespace models {

namespace {

void require_training(const char* who, const std::vector<datasets::GraphDataset>& training) {
  if (training.empty()) throw std::invalid_argument(std::string(who) + ": no training graphs");
}

// Every pair (u < v) of n nodes whose blocks are `same` (u, v both below `split` or both not) an
// edge with p_in, the others with p_across.
datasets::GraphDataset block_graph(int64_t n, int64_t split, double p_in, double p_across,
                                   autograd::Generator& gen) {
  std::vector<datasets::Edge> edges;
  for (int64_t u = 0; u < n; ++u)
    for (int64_t v = u + 1; v < n; ++v)
      if (gen.bernoulli((u < split) == (v < split) ? p_in : p_across)) edges.emplace_back(u, v);
  return datasets::make_graph(n, std::move(edges));
}

}  // namespace

ErdosRenyiBaseline::ErdosRenyiBaseline(const std::vector<datasets::GraphDataset>& training) {
  require_training("ErdosRenyiBaseline", training);
  double edges = 0, pairs = 0;
  for (const datasets::GraphDataset& g : training) {
    sizes_.push_back(g.num_nodes);
    edges += static_cast<double>(g.num_edges());
    pairs += 0.5 * static_cast<double>(g.num_nodes) * static_cast<double>(g.num_nodes - 1);
  }
  p_ = pairs > 0 ? edges / pairs : 0;
}

std::vector<datasets::GraphDataset> ErdosRenyiBaseline::sample(int64_t count,
                                                               autograd::Generator& gen) const {
  std::vector<datasets::GraphDataset> graphs;
  for (int64_t i = 0; i < count; ++i)
    graphs.push_back(block_graph(sizes_[gen.below(sizes_.size())], 0, p_, p_, gen));
  return graphs;
}

std::vector<bool> spectral_bisection(const datasets::GraphDataset& graph) {
  const int64_t n = graph.num_nodes;
  if (n < 2) return std::vector<bool>(static_cast<size_t>(n), false);
  std::vector<double> laplacian(static_cast<size_t>(n * n), 0.0), eigenvalues(n);
  for (const auto& [u, v] : graph.edges) {
    laplacian[u * n + v] = laplacian[v * n + u] = -1;
    laplacian[u * n + u] += 1;
    laplacian[v * n + v] += 1;
  }
  lapack::symmetric_eigen(static_cast<int>(n), laplacian.data(), eigenvalues.data());
  std::vector<bool> side(static_cast<size_t>(n));
  for (int64_t u = 0; u < n; ++u) side[u] = laplacian[1 * n + u] > 0;  // row 1: the Fiedler vector
  return side;
}

BlockModelBaseline::BlockModelBaseline(const std::vector<datasets::GraphDataset>& training) {
  require_training("BlockModelBaseline", training);
  double in_edges = 0, in_pairs = 0, across_edges = 0, across_pairs = 0;
  for (const datasets::GraphDataset& g : training) {
    const std::vector<bool> side = spectral_bisection(g);
    int64_t first = 0;
    for (const bool s : side) first += s;
    const auto n = static_cast<double>(g.num_nodes), a = static_cast<double>(first);
    sizes_.emplace_back(g.num_nodes, first);
    in_pairs += a * (a - 1) / 2 + (n - a) * (n - a - 1) / 2;
    across_pairs += a * (n - a);
    for (const auto& [u, v] : g.edges) (side[u] == side[v] ? in_edges : across_edges) += 1;
  }
  p_in_ = in_pairs > 0 ? in_edges / in_pairs : 0;
  p_across_ = across_pairs > 0 ? across_edges / across_pairs : 0;
}

std::vector<datasets::GraphDataset> BlockModelBaseline::sample(int64_t count,
                                                               autograd::Generator& gen) const {
  std::vector<datasets::GraphDataset> graphs;
  for (int64_t i = 0; i < count; ++i) {
    const auto& [n, split] = sizes_[gen.below(sizes_.size())];
    graphs.push_back(block_graph(n, split, p_in_, p_across_, gen));
  }
  return graphs;
}

}  // namespace models
