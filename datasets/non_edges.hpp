#pragma once
// Node pairs that are not edges, drawn at random: the negatives of link prediction. Two jobs, two
// samplers, side by side:
// - held-out negatives (the validation and test sets of a link split) must be distinct pairs,
//   listed once as u < v, drawn once per split: distinct_non_edges, without replacement, on a
//   canonical edge list;
// - training negatives are drawn afresh every step, as many as there are training edges (as
//   PyTorch Geometric does): sample_non_edges, with replacement, ordered pairs i != j, on the
//   training adjacency, split over threads in fixed chunks so that any thread count draws the
//   same pairs.
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/sparse/csr.hpp"
#include "datasets/edges.hpp"

namespace datasets {

// `count` distinct pairs u < v that are not in the canonical list `edges`, uniformly at random.
// Throws std::invalid_argument, naming `who`, when the graph has fewer non-edges than that.
std::vector<Edge> distinct_non_edges(int64_t num_nodes, std::span<const Edge> edges, int64_t count,
                                     autograd::Generator& generator, const char* who);

// `count` uniform node pairs (i, j), i != j, that are not edges of `adjacency` (repeats allowed).
std::vector<Edge> sample_non_edges(const autograd::CsrMatrix& adjacency, int64_t count,
                                   autograd::Generator& gen);

}  // namespace datasets
