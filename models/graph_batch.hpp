#pragma once
// A batch of small graphs as one graph, for a whole-graph encoder: the graphs' normalized
// adjacencies side by side on the diagonal of one sparse A_hat (message passing never crosses
// from one graph to another), their node features stacked, and a sparse pooling matrix whose row b
// sums the nodes of graph b (a permutation-invariant readout, one spmm). And the decoder's
// targets: for a graph written into k slots, slot[i] the slot of node i, the k(k-1)/2 pairs of
// slots (upper triangle, row by row) then the k slots' existence, 1 for a slot holding a node.
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/sparse/csr.hpp"
#include "autograd/tensor.hpp"
#include "datasets/graph.hpp"

namespace models {

struct GraphBatch {
  autograd::CsrMatrix a_hat;    // [N, N], block diagonal: D^-1/2 (A + I) D^-1/2 of each graph
  autograd::Tensor features;    // [N, k]: node degree one-hot (degrees above k - 1 as k - 1)
  autograd::CsrMatrix pooling;  // [B, N]: row b has ones at graph b's nodes
};

// Needs every graph to have between 1 and max_nodes nodes; names the first that does not.
GraphBatch make_graph_batch(std::span<const datasets::GraphDataset> graphs, int64_t max_nodes);

// The position of pair (i, j), i < j < k, in the upper triangle read row by row.
inline int64_t pair_index(int64_t i, int64_t j, int64_t k) {
  return i * k - i * (i + 1) / 2 + (j - i - 1);
}
inline int64_t pair_count(int64_t k) {
  return k * (k - 1) / 2;
}

// One row of targets, k(k-1)/2 + k values, for `graph` with node i in slot slots[i] (distinct,
// in [0, k)).
std::vector<autograd::Scalar> slot_targets(const datasets::GraphDataset& graph,
                                           std::span<const int64_t> slots, int64_t k);

}  // namespace models
