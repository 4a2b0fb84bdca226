#pragma once
// Ego networks: the subgraph induced by the nodes within `radius` hops of a centre node. The
// ego-small benchmark of GraphRNN (You et al. 2018) takes Citeseer's largest connected component,
// the 1-hop ego network of every node, keeps those of 4 to 18 nodes (the bounds the GraphRNN paper
// gives) and draws 200 of them.
#include <cstdint>
#include <string>
#include <vector>

#include "datasets/graph.hpp"

namespace datasets {

// The nodes within `radius` hops of `centre`, ascending, and the graph they induce (node i of the
// result is the i-th of those nodes). Features and labels are not carried over.
std::vector<int64_t> ego_nodes(const GraphDataset& graph, int64_t centre, int64_t radius);
GraphDataset induced_subgraph(const GraphDataset& graph, const std::vector<int64_t>& nodes);

// The nodes of the largest connected component (the lowest-numbered one among equals).
std::vector<int64_t> largest_component(const GraphDataset& graph);

struct EgoOptions {
  int64_t radius = 1;
  int64_t min_nodes = 4, max_nodes = 18;
  int64_t graphs = 200;  // drawn without replacement; fewer if fewer qualify
  uint64_t seed = 0;
};
// The ego networks of the largest component's nodes that have min..max nodes; a seeded sample.
std::vector<GraphDataset> ego_graphs(const GraphDataset& graph, const EgoOptions& options);

// ego_graphs of load_graph(dir), e.g. ../shared/datasets/citeseer.
std::vector<GraphDataset> ego_small(const std::string& dir, const EgoOptions& options = {});

}  // namespace datasets
