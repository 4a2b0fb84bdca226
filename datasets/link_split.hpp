#pragma once
// The link-prediction split of the VGAE paper's code (tkipf/gae, mask_test_edges):
//
//   1. shuffle the undirected edges (each once) and hold out floor(E * val_fraction) for validation
//      and floor(E * test_fraction) for test; the rest (85 % by default) are the training edges;
//   2. for validation and test, draw as many negative pairs as positives, uniformly among node
//   pairs
//      that are not edges of the full graph: no self loops, no duplicates, and the validation and
//      test negatives never share a pair;
//   3. the training adjacency holds only the training edges (both directions), so a model never
//      sees a held-out edge while it trains.
//
// Negatives are drawn by rejection against the sorted edge list and a hash set of the pairs already
// drawn: O(E log E) in all, never an N x N matrix. When the graph is so dense that rejection would
// spin, the non-edges are listed instead (then N^2 is itself O(E)).
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/sparse/csr.hpp"
#include "datasets/edges.hpp"
#include "datasets/graph.hpp"

namespace datasets {

struct LinkSplit {
  std::vector<Edge> train_edges;  // canonical (u < v, sorted)
  std::vector<Edge> val_pos, val_neg;
  std::vector<Edge> test_pos, test_neg;  // every pair with u < v
  autograd::CsrMatrix train_adjacency;   // symmetric, training edges only
};

LinkSplit split_edges(const GraphDataset& graph, double val_fraction = 0.05,
                      double test_fraction = 0.10, uint64_t seed = 0);
// The same on a canonical edge list (see edges.hpp).
LinkSplit split_edges(int64_t num_nodes, std::span<const Edge> edges, double val_fraction = 0.05,
                      double test_fraction = 0.10, uint64_t seed = 0);

}  // namespace datasets
