#pragma once
// Isomorphism of small graphs, for the uniqueness and novelty of generated graphs.
//
// wl_colors refines node colours by the Weisfeiler-Lehman rule (a node's next colour hashes its
// colour with the sorted colours of its neighbours), from the degree, with a hash that does not
// depend on the graph, so colours of two graphs compare. Isomorphic graphs get the same multiset of
// colours, hence the same wl_hash; the converse fails (two regular graphs of one degree), so
// `isomorphic` confirms by backtracking: it maps the nodes in order, each to an unused node of the
// same colour, keeping every adjacency among the mapped ones. Exact, and immediate for graphs of
// a few dozen nodes.
#include <cstdint>
#include <span>
#include <vector>

#include "datasets/graph.hpp"

namespace models {

std::vector<uint64_t> wl_colors(const datasets::GraphDataset& graph, int rounds = 3);
uint64_t wl_hash(const datasets::GraphDataset& graph, int rounds = 3);

bool isomorphic(const datasets::GraphDataset& a, const datasets::GraphDataset& b);

// validity: the fraction of generated graphs that are connected; uniqueness: the fraction that
// are isomorphic to no earlier generated graph; novelty: the fraction isomorphic to no training
// graph (as in GraphVAE and later papers; Simonovsky & Komodakis count novelty among the valid
// ones, here among all).
struct GenerationQuality {
  double validity = 0, uniqueness = 0, novelty = 0;
};
GenerationQuality generation_quality(std::span<const datasets::GraphDataset> generated,
                                     std::span<const datasets::GraphDataset> training);

}  // namespace models
