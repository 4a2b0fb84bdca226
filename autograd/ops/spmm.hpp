#pragma once
// Sparse x dense products on the tape. The sparse matrix is a constant (an adjacency or a
// feature matrix); the dense operand is differentiable. The same op serves both roles of
// GCN: A_hat H (graph propagation) and X_sparse W (sparse input features times a weight).
//
// Y = A X.  dX = A^T G: the gradient flows back along the transposed edges, so the backward
// runs the same row kernel on A's (cached) transpose. Nothing is ever densified.
#include <array>

#include "autograd/op_info.hpp"
#include "autograd/sparse/csr.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kSpmmOp{"spmm", "Y = A X: dX = A^T G", "ops/spmm.cpp"};
inline constexpr OpInfo kSpmmValuesOp{
    "spmm_values", "Y = A(v) X: dv_p = G_i . X_j for the nonzero p at (i, j), dX = A^T G",
    "ops/spmm.cpp"};
inline constexpr std::array kSpmmOps = {&kSpmmOp, &kSpmmValuesOp};

template <class Index>
Tensor spmm(const BasicCsr<Index>& a, const Tensor& x);

// Learnable nonzeros: Y = A(values) X with A's sparsity pattern and `values` a tensor of nnz
// entries. d values_p = G[i, :] . X[j, :] for the nonzero p at (i, j); dX = A(values)^T G.
template <class Index>
Tensor spmm_values(const BasicCsr<Index>& pattern, const Tensor& values, const Tensor& x);

}  // namespace autograd
