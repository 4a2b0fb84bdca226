#pragma once
// GraphVAE's decoder distribution p(G | z), given one decoder row of k(k-1)/2 edge logits (the
// upper triangle of k slots, graph_batch.hpp) and k node logits, in one of two forms:
//
//   SlotBernoulli  the paper's: slot a holds a node with probability sigmoid(node logit a), every
//                  pair of slots an edge with sigmoid(edge logit), all k + k(k-1)/2 independent.
//                  The slots' draws are independent, so the number of nodes is a sum of k
//                  Bernoullis: its spread cannot be narrower than theirs, whatever z is.
//   Categorical    the number of nodes n ~ softmax(node logits) over 1..k, the n nodes in slots
//                  0..n-1, and the edges among those slots only:
//                    log p(G | z) = log softmax(c)[n - 1] + sum_{i<j<n} log Bern(A_ij | x_ij).
//                  Pairs with a slot past n are not part of the graph and carry no term. Every
//                  order but matching writes the n nodes into slots 0..n-1 anyway; matching
//                  matches into them (match_slots_in_prefix, graph_matching.hpp).
//
// Targets are slot_targets rows (edges, then slot existence); for Categorical the existence must
// be a prefix, and n is its length.
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"
#include "datasets/graph.hpp"

namespace models {

enum class NodeCount { SlotBernoulli, Categorical };

// -log p(target row | logit row) for every row of [R, k(k-1)/2 + k] logits and targets: [R].
autograd::Tensor graph_negative_log_likelihood(const autograd::Tensor& logits,
                                               const autograd::Tensor& targets, int64_t k,
                                               NodeCount count);

// The number of nodes of every target row, checking (for Categorical) that they fill slots
// 0..n-1; names the first row that does not.
std::vector<int64_t> prefix_node_counts(const autograd::Tensor& targets, int64_t k);

// One graph drawn from a decoder row; with SlotBernoulli the empty slots are dropped, and a
// graph with no node left is returned as one isolated node, so every sample is a graph.
datasets::GraphDataset sample_graph(const autograd::Scalar* logits, int64_t k, NodeCount count,
                                    autograd::Generator& gen);

}  // namespace models
