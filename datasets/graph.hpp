#pragma once
// Graph datasets: an undirected graph, optional node features and node labels.
//
// A folder holds adjacency.mtx (Matrix Market, any field and symmetry: each stored entry off the
// diagonal is an undirected edge), optionally features.mtx (one row per node) and labels.txt (one
// class index per line, -1 unknown). This is the layout of
// ../shared/datasets/{cora,citeseer,pubmed}; any SuiteSparse graph works as a folder with just
// adjacency.mtx.
//
// A graph without features.mtx is featureless: models use the identity as the feature matrix
// (each node its own one-hot feature), which identity_features() gives as a sparse matrix, never a
// dense N x N one.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "autograd/sparse/csr.hpp"
#include "datasets/edges.hpp"

namespace datasets {

struct GraphDataset {
  int64_t num_nodes = 0;
  std::vector<Edge> edges;        // canonical: each undirected edge once, u < v, sorted
  autograd::CsrMatrix adjacency;  // symmetric, both directions, values 1, no self loops
  std::optional<autograd::CsrMatrix> features;  // num_nodes rows; absent: featureless
  std::vector<int> labels;                      // num_nodes entries, -1 unknown; empty if none

  int64_t num_edges() const { return static_cast<int64_t>(edges.size()); }
  int64_t num_features() const;  // the identity's num_nodes when featureless
};

// Assembles a graph from canonical edges, building the adjacency with
// autograd::adjacency_from_edges; checks the sizes agree.
GraphDataset make_graph(int64_t num_nodes, std::vector<Edge> edges,
                        std::optional<autograd::CsrMatrix> features = {},
                        std::vector<int> labels = {});

GraphDataset load_graph(const std::string& dir);

// One integer per line (blank lines ignored); errors name the file and line.
std::vector<int> read_labels(const std::string& path);

// The features a model should use: the stored ones, or the sparse N x N identity.
autograd::CsrMatrix feature_matrix(const GraphDataset& graph);

}  // namespace datasets
