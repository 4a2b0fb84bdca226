#pragma once
// Node orders for a decoder that emits an adjacency matrix in a fixed order of its k slots: the
// order in which an input graph is written down decides the target it is compared with.
//
//   canonical_bfs_order   GraphRNN's order: breadth-first from the node of highest degree,
//                         neighbours taken by decreasing degree. Ties are broken by the nodes'
//                         Weisfeiler-Lehman colours (graph_isomorphism.hpp), which do not depend
//                         on how the nodes are numbered, and only then by number, so the order is
//                         the same for every relabelling of a graph whose tied nodes are
//                         automorphic, as they are for almost every small graph.
//   random_node_order     a uniformly random order, for the bound over sampled permutations.
//   permute_graph         the graph written down in a given order: P A P^T.
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/graph.hpp"

namespace models {

// order[i] is the node that goes to position i.
std::vector<int64_t> canonical_bfs_order(const datasets::GraphDataset& graph);
std::vector<int64_t> random_node_order(int64_t nodes, autograd::Generator& gen);

// The graph with node order[i] renamed i (order a permutation of the nodes); features and labels
// are not carried (the small-graph benchmarks have none).
datasets::GraphDataset permute_graph(const datasets::GraphDataset& graph,
                                     std::span<const int64_t> order);

}  // namespace models
