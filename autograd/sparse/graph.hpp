#pragma once
// Graph helpers on CSR adjacency matrices, the preprocessing a GCN needs:
// A_hat = D^-1/2 (A + I) D^-1/2, with D the degrees of A + I (Kipf & Welling 2017).
#include <span>
#include <utility>
#include <vector>

#include "autograd/sparse/csr.hpp"

namespace autograd {

// An undirected edge list (each edge once, either orientation) as a symmetric adjacency with
// value 1 in both directions. Repeated edges count once; self loops are kept as one entry.
CsrMatrix adjacency_from_edges(int64_t num_nodes,
                               std::span<const std::pair<int64_t, int64_t>> edges);

// A + A^T with values combined as max(a_ij, a_ji): makes a directed graph undirected.
CsrMatrix symmetrize(const CsrMatrix& a);

// A + I: sets every diagonal entry to 1 (existing self loops are replaced, not doubled).
CsrMatrix add_self_loops(const CsrMatrix& a);

// Row sums: the (weighted) degree of each node.
std::vector<Scalar> degrees(const CsrMatrix& a);

// D^-1/2 (A + I) D^-1/2 for a square A.
CsrMatrix gcn_normalize(const CsrMatrix& a);

}  // namespace autograd
