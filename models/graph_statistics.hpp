#pragma once
// Per-graph statistics that graph-generation metrics compare (You et al., GraphRNN, 2018):
// the degree histogram, the clustering coefficient of every node, and the counts of the 15 node
// orbits of the connected graphlets of 2 to 4 nodes (Przulj 2007, numbered as ORCA, Hocevar &
// Demsar 2014, numbers them):
//   0 edge | 1 end, 2 middle of a 3-path | 3 triangle | 4 end, 5 inner node of a 4-path |
//   6 leaf, 7 centre of a 3-star | 8 4-cycle | 9 tail end, 10 degree-2 node, 11 degree-3 node of
//   a tailed triangle (paw) | 12 degree-2, 13 degree-3 node of a diamond | 14 4-clique.
// Graphlets are induced subgraphs: a node of a triangle is not also the middle of a 3-path there.
// The graphs here have at most a few dozen nodes, so orbits are counted by enumerating every
// connected 3- and 4-node subset (O(n^4)), which is short and plainly right.
#include <array>
#include <cstdint>
#include <vector>

#include "datasets/graph.hpp"

namespace models {

// The adjacency as an n x n 0/1 table, for graphs small enough that n^2 is nothing.
class DenseAdjacency {
 public:
  explicit DenseAdjacency(const datasets::GraphDataset& graph);
  int64_t nodes() const { return n_; }
  bool operator()(int64_t u, int64_t v) const { return bits_[u * n_ + v] != 0; }
  int64_t degree(int64_t u) const { return degree_[u]; }

 private:
  int64_t n_;
  std::vector<uint8_t> bits_;
  std::vector<int64_t> degree_;
};

// count[d] = the number of nodes of degree d, for d = 0 .. max degree (networkx's
// degree_histogram).
std::vector<double> degree_histogram(const datasets::GraphDataset& graph);

// Each node's local clustering coefficient: the fraction of its neighbour pairs that are joined;
// 0 for a node of degree < 2 (as networkx).
std::vector<double> clustering_coefficients(const datasets::GraphDataset& graph);

// The coefficients counted in `bins` equal bins over [0, 1], the last one closed (numpy's
// histogram with range (0, 1)).
std::vector<double> clustering_histogram(const datasets::GraphDataset& graph, int bins = 100);

constexpr int kOrbits = 15;
using OrbitCounts = std::array<int64_t, kOrbits>;
// For every node, how many times it occupies each orbit.
std::vector<OrbitCounts> orbit_counts(const datasets::GraphDataset& graph);
// The graph's orbit counts summed over its nodes and divided by their number (GraphRNN's
// per-graph orbit statistic).
std::vector<double> mean_orbit_counts(const datasets::GraphDataset& graph);

bool is_connected(const datasets::GraphDataset& graph);  // an empty graph is not

}  // namespace models
