#pragma once
// The classical baselines a graph generator is scored against, fitted to the same training graphs:
//   ErdosRenyiBaseline: the node count of a random training graph, then every pair an edge with
//     the training graphs' pooled edge density (GraphRNN's E-R baseline).
//   BlockModelBaseline: a two-block stochastic block model. Each training graph is split in two by
//     the signs of its Fiedler vector (the Laplacian's eigenvector of the second-smallest
//     eigenvalue: spectral bisection); p_in and p_across are the pooled densities within and
//     across the halves. A sample takes the node count and split sizes of a random training graph.
#include <cstdint>
#include <utility>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/graph.hpp"

namespace models {

class ErdosRenyiBaseline {
 public:
  explicit ErdosRenyiBaseline(const std::vector<datasets::GraphDataset>& training);
  std::vector<datasets::GraphDataset> sample(int64_t count, autograd::Generator& gen) const;
  double density() const { return p_; }

 private:
  std::vector<int64_t> sizes_;
  double p_ = 0;
};

class BlockModelBaseline {
 public:
  explicit BlockModelBaseline(const std::vector<datasets::GraphDataset>& training);
  std::vector<datasets::GraphDataset> sample(int64_t count, autograd::Generator& gen) const;
  double p_in() const { return p_in_; }
  double p_across() const { return p_across_; }

 private:
  std::vector<std::pair<int64_t, int64_t>> sizes_;  // (nodes, nodes in the first block)
  double p_in_ = 0, p_across_ = 0;
};

// Node u's side of the spectral bisection: true where the Fiedler vector is positive. A graph of
// fewer than two nodes is one block.
std::vector<bool> spectral_bisection(const datasets::GraphDataset& graph);

}  // namespace models
