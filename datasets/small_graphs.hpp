#pragma once
// The small-graph benchmarks of the graph-generation literature (You et al., GraphRNN, 2018;
// Simonovsky & Komodakis, GraphVAE, 2018), generated from a seed: every graph is a
// `GraphDataset` with canonical edges and no features. A model that generates whole graphs
// trains on a list of them and is scored against a held-out list (`split_graphs`: 80 / 20).
//
//   community-small  two communities of 6-10 nodes each (12-20 in all), each an Erdos-Renyi
//                    graph with p = 0.7, every pair across them an edge with p = 0.05 and at least
//                    one such edge (GraphRNN's n_community); 100 graphs
//   grid-small       the 2-D grids r x c, 2 <= r <= 4, 2 <= c <= 5 (GraphRNN's grid_small): 12
//   trees            uniformly random labelled trees (Pruefer sequences) of min..max nodes
//   cycles           the cycles C_n, n drawn uniformly from min..max
//   ego-small        ego_graphs.hpp: 1-hop neighbourhoods of 4-18 nodes of Citeseer
#include <cstdint>
#include <vector>

#include "datasets/graph.hpp"

namespace datasets {

struct CommunitySmallOptions {
  int64_t graphs = 100;
  int64_t min_community = 6, max_community = 10;  // each community's size, drawn uniformly
  double p_in = 0.7, p_across = 0.05;
  uint64_t seed = 0;
};
std::vector<GraphDataset> community_small(const CommunitySmallOptions& options);

// The r x c grid, node r_i * c + c_i.
GraphDataset grid_graph(int64_t rows, int64_t cols);
// Every grid with min_rows <= r <= max_rows and min_cols <= c <= max_cols, rows outermost.
std::vector<GraphDataset> grid_small(int64_t min_rows = 2, int64_t max_rows = 4,
                                     int64_t min_cols = 2, int64_t max_cols = 5);

struct SizeRangeOptions {
  int64_t graphs = 100;
  int64_t min_nodes = 4, max_nodes = 20;
  uint64_t seed = 0;
};
std::vector<GraphDataset> random_trees(const SizeRangeOptions& options);
GraphDataset cycle_graph(int64_t nodes);  // needs at least 3 nodes
std::vector<GraphDataset> cycles(const SizeRangeOptions& options);

// A seeded shuffle, then the first floor(train_fraction * count) graphs train, the rest test
// (GraphRNN's split). Both parts are non-empty: needs at least two graphs.
struct GraphSplit {
  std::vector<GraphDataset> train, test;
};
GraphSplit split_graphs(std::vector<GraphDataset> graphs, uint64_t seed,
                        double train_fraction = 0.8);

// The largest node count of a list (the size a whole-graph decoder must produce).
int64_t max_nodes(const std::vector<GraphDataset>& graphs);

}  // namespace datasets
