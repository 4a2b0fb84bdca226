#pragma once
// A stochastic block model: a graph with planted communities, for examples and tests that need a
// graph with known structure and no files.
//
// Nodes are split into `communities` contiguous blocks of nearly equal size (node i's label is its
// block). Each pair inside a block is an edge with probability p_in, each pair across blocks with
// probability p_out, independently. Each node draws its later neighbours with geometric skips
// (bernoulli_indices.hpp), so the cost follows the number of edges, never N^2: a million nodes and
// ten million edges take seconds, most of it building the CSR adjacency.
//
// Optional noisy community features, like bag-of-words: feature_dim binary features split into one
// block per community; a node switches on each feature of its community's block with probability
// feature_signal and any feature with probability feature_noise.
#include <cstdint>

#include "datasets/graph.hpp"

namespace datasets {

struct SbmOptions {
  int64_t nodes = 1000;
  int64_t communities = 4;
  double p_in = 0.05;
  double p_out = 0.002;
  uint64_t seed = 0;
  int64_t feature_dim = 0;  // 0: featureless; otherwise at least `communities`
  double feature_signal = 0.2;
  double feature_noise = 0.01;
};

GraphDataset stochastic_block_model(const SbmOptions& options);

// The p_in and p_out that give an expected degree of `average_degree` with p_in = in_out_ratio *
// p_out.
struct SbmProbabilities {
  double p_in = 0;
  double p_out = 0;
};
SbmProbabilities sbm_probabilities(int64_t nodes, int64_t communities, double average_degree,
                                   double in_out_ratio);

}  // namespace datasets
