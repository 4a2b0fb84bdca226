#pragma once
// The reconstruction loss of graph autoencoders (Kipf & Welling 2016), fused. The decoder scores
// every pair of nodes by the logit z_i . z_j; the loss is a weighted binary cross-entropy over all
// N^2 pairs against a 0/1 target matrix T (the training adjacency plus self loops):
//
//   loss = norm / N^2 * sum_ij [ pos_weight t_ij softplus(-x_ij) + (1 - t_ij) softplus(x_ij) ]
//
// with x = Z Z^T. Written naively that needs X and its gradient as dense N x N matrices (Pubmed:
// 1.5 GB each). Here rows are taken in blocks: X_b = Z_b Z^T (one gemm), the loss and
// dloss/dX_b overwrite the block in one vectorized pass, and since X and T are symmetric the
// gradient is dZ = (G + G^T) Z = 2 G Z, whose block rows 2 G_b Z need only that block (a second
// gemm). The loss is a scalar, so its gradient with respect to Z is computed right away and
// backward just scales it: memory O(N d + block x N), never N x N.
#include "autograd/sparse/csr.hpp"
#include "autograd/tensor.hpp"

namespace nn {

// targets: an N x N CSR pattern, symmetric, whose stored entries are the pairs with t = 1 (values
// are ignored). z: [N, d].
autograd::Tensor inner_product_bce(const autograd::Tensor& z, const autograd::CsrMatrix& targets,
                                   autograd::Scalar pos_weight, autograd::Scalar norm);

}  // namespace nn
