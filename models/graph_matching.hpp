#pragma once
// Graph matching before the reconstruction term, as in GraphVAE (Simonovsky & Komodakis 2018,
// section 3.3): max-pooling matching (Cho et al. 2014) scores every pair (input node i, decoded
// slot a), then the Hungarian method (hungarian.hpp) rounds the scores to the assignment of
// greatest total score. With no node features the affinities are
//   node:  S(i, a) = q_a,                    edge:  S(ij, ab) = A_ij P_ab q_a q_b,
// q_a the decoded probability that slot a holds a node and P_ab the decoded edge probability. The
// scores start uniform and are refined `iterations` times by
//   x_ia <- x_ia S(i, a) + sum over neighbours j of i of max over b != a of x_jb S(ij, ab),
// then normalized. A relabelling of the input relabels the scores the same way, so the matched
// loss is the same for every numbering of the input unless two nodes that are not automorphic
// keep equal scores (as in the canonical order, graph_orderings.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/scalar.hpp"
#include "datasets/graph.hpp"

namespace models {

// decoded_logits: one decoder row, k(k-1)/2 edge logits then k node logits. Returns the slot of
// every input node.
std::vector<int64_t> match_slots(const datasets::GraphDataset& graph,
                                 std::span<const autograd::Scalar> decoded_logits, int64_t k,
                                 int iterations = 75);

// The same into slots 0..n-1 only (n the graph's nodes), every one of them holding a node: the
// match for a decoder that says how many nodes there are and puts them first (NodeCount::
// Categorical, graph_likelihood.hpp); its node logits are not used. As every q_a is 1, the node
// affinity is instead the decoded probability that slot a has node i's degree (the paper's
// F_i . F^_a with the encoder's one-hot degree features).
std::vector<int64_t> match_slots_in_prefix(const datasets::GraphDataset& graph,
                                           std::span<const autograd::Scalar> decoded_logits,
                                           int64_t k, int iterations = 75);

}  // namespace models
