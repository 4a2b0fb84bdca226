#include "models/graph_statistics.hpp"

#include <algorithm>
#include <stdexcept>

namespace models {

DenseAdjacency::DenseAdjacency(const datasets::GraphDataset& graph)
    : n_(graph.num_nodes),
      bits_(static_cast<size_t>(n_ * n_), 0),
      degree_(static_cast<size_t>(n_), 0) {
  for (const auto& [u, v] : graph.edges) {
    bits_[u * n_ + v] = bits_[v * n_ + u] = 1;
    ++degree_[u];
    ++degree_[v];
  }
}

std::vector<double> degree_histogram(const datasets::GraphDataset& graph) {
  const DenseAdjacency a(graph);
  std::vector<double> count;
  for (int64_t u = 0; u < a.nodes(); ++u) {
    if (a.degree(u) >= static_cast<int64_t>(count.size())) count.resize(a.degree(u) + 1, 0.0);
    count[a.degree(u)] += 1;
  }
  return count;
}

std::vector<double> clustering_coefficients(const datasets::GraphDataset& graph) {
  const DenseAdjacency a(graph);
  std::vector<double> c(static_cast<size_t>(a.nodes()), 0.0);
  for (int64_t u = 0; u < a.nodes(); ++u) {
    const int64_t d = a.degree(u);
    if (d < 2) continue;
    int64_t closed = 0;
    for (int64_t v = 0; v < a.nodes(); ++v)
      for (int64_t w = v + 1; w < a.nodes(); ++w) closed += a(u, v) && a(u, w) && a(v, w);
    c[u] = 2.0 * static_cast<double>(closed) / static_cast<double>(d * (d - 1));
  }
  return c;
}

std::vector<double> clustering_histogram(const datasets::GraphDataset& graph, int bins) {
  if (bins < 1) throw std::invalid_argument("clustering_histogram: needs at least one bin");
  std::vector<double> hist(static_cast<size_t>(bins), 0.0);
  for (const double c : clustering_coefficients(graph))
    hist[std::min(bins - 1, static_cast<int>(c * bins))] += 1;
  return hist;
}

namespace {

// The orbits of the nodes of one connected 3-node subset: a 3-path or a triangle.
void count_three(const DenseAdjacency& a, const int64_t (&x)[3], std::vector<OrbitCounts>& out) {
  const int edges = a(x[0], x[1]) + a(x[0], x[2]) + a(x[1], x[2]);
  for (int i = 0; i < 3; ++i) {
    const int inner = a(x[i], x[(i + 1) % 3]) + a(x[i], x[(i + 2) % 3]);
    if (edges == 3) ++out[x[i]][3];
    else ++out[x[i]][inner == 2 ? 2 : 1];
  }
}

// The orbits of one connected 4-node subset, told apart by its edge count and each node's degree
// inside it (the degree sequence fixes the graphlet for 4 nodes).
void count_four(const DenseAdjacency& a, const int64_t (&x)[4], std::vector<OrbitCounts>& out) {
  int deg[4] = {0, 0, 0, 0}, edges = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j)
      if (a(x[i], x[j])) {
        ++deg[i];
        ++deg[j];
        ++edges;
      }
  const int max_degree = *std::max_element(deg, deg + 4);
  for (int i = 0; i < 4; ++i) {
    int orbit = 0;
    switch (edges) {
      case 3: orbit = max_degree == 3 ? (deg[i] == 3 ? 7 : 6) : (deg[i] == 1 ? 4 : 5); break;
      case 4: orbit = max_degree == 2 ? 8 : (deg[i] == 1 ? 9 : deg[i] == 2 ? 10 : 11); break;
      case 5: orbit = deg[i] == 2 ? 12 : 13; break;
      default: orbit = 14; break;  // 6 edges
    }
    ++out[x[i]][orbit];
  }
}

// Four nodes are connected when none is isolated and they span at least 3 edges (with no isolated
// node, 2 edges can only be two disjoint ones).
bool connected_four(const DenseAdjacency& a, const int64_t (&x)[4]) {
  int edges = 0;
  for (int i = 0; i < 4; ++i) {
    int d = 0;
    for (int j = 0; j < 4; ++j) d += j != i && a(x[i], x[j]);
    if (d == 0) return false;
    edges += d;
  }
  return edges / 2 >= 3;
}

}  // namespace

std::vector<OrbitCounts> orbit_counts(const datasets::GraphDataset& graph) {
  const DenseAdjacency a(graph);
  const int64_t n = a.nodes();
  std::vector<OrbitCounts> out(static_cast<size_t>(n), OrbitCounts{});
  for (int64_t u = 0; u < n; ++u) out[u][0] = a.degree(u);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i + 1; j < n; ++j)
      for (int64_t k = j + 1; k < n; ++k) {
        const int64_t three[3] = {i, j, k};
        if (a(i, j) + a(i, k) + a(j, k) >= 2) count_three(a, three, out);
        for (int64_t l = k + 1; l < n; ++l) {
          const int64_t four[4] = {i, j, k, l};
          if (connected_four(a, four)) count_four(a, four, out);
        }
      }
  return out;
}

std::vector<double> mean_orbit_counts(const datasets::GraphDataset& graph) {
  std::vector<double> mean(kOrbits, 0.0);
  if (graph.num_nodes == 0) return mean;
  for (const OrbitCounts& node : orbit_counts(graph))
    for (int o = 0; o < kOrbits; ++o) mean[o] += static_cast<double>(node[o]);
  for (double& m : mean) m /= static_cast<double>(graph.num_nodes);
  return mean;
}

bool is_connected(const datasets::GraphDataset& graph) {
  if (graph.num_nodes == 0) return false;
  const DenseAdjacency a(graph);
  std::vector<char> seen(static_cast<size_t>(graph.num_nodes), 0);
  std::vector<int64_t> stack{0};
  seen[0] = 1;
  int64_t reached = 1;
  while (!stack.empty()) {
    const int64_t u = stack.back();
    stack.pop_back();
    for (int64_t v = 0; v < a.nodes(); ++v)
      if (a(u, v) && !seen[v]) {
        seen[v] = 1;
        ++reached;
        stack.push_back(v);
      }
  }
  return reached == graph.num_nodes;
}

}  // namespace models
