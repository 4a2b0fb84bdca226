#pragma once
// The reconstruction loss of graph autoencoders (Kipf & Welling 2016), fused. The decoder scores
// every pair of nodes by the logit z_i . z_j; the loss is a weighted binary cross-entropy over all
// N^2 pairs against a 0/1 target matrix T (the training adjacency plus self loops):
//
//   loss = norm / N^2 * sum_ij [ pos_weight t_ij softplus(-x_ij) + (1 - t_ij) softplus(x_ij) ]
//
// with x = Z Z^T. Written naively that needs X and its gradient as dense N x N matrices (Pubmed:
// 1.5 GB each). Here nothing N x N is ever stored, and since X and T are symmetric only the upper
// triangle is evaluated (each pair above the diagonal counted twice): half the exp and log1p
// work, which dominates. Blocks of rows pass over tiles of Z^T; per tile, the logits, the loss
// and dloss/dx (one vectorized pass), then both halves of the gradient: row i collects
// dx_ij/dz_i = z_j, column j collects dx_ij/dz_j = z_i. The row blocks are dealt to a fixed set
// of pieces, each with its own column accumulator, summed in order: the same result on any
// thread count up to eight. The loss is a scalar, so its gradient with respect to Z is computed
// with the value and backward just scales it. Memory O(N d), times the number of pieces.
#include <array>

#include "autograd/op_info.hpp"
#include "autograd/sparse/csr.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kInnerProductBceOp{
    "inner_product_bce",
    "l = sum_ij w_ij bce(z_i . z_j, t_ij): dz_i = sum_j dl/dx_ij z_j, both triangles",
    "ops/inner_product_bce.cpp"};
inline constexpr std::array kInnerProductBceOps = {&kInnerProductBceOp};

// targets: an N x N CSR pattern, symmetric, whose stored entries are the pairs with t = 1 (values
// are ignored). z: [N, d].
Tensor inner_product_bce(const Tensor& z, const CsrMatrix& targets, Scalar pos_weight, Scalar norm);

}  // namespace autograd
