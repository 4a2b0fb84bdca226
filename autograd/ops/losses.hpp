#pragma once
// Losses, each one fused op: a single pass computes every element's loss in a numerically stable
// form together with its derivatives, and backward only scales those derivatives. The total is
// summed in double in fixed blocks, so it is the same for any number of threads.
//
// Reduction: Mean divides the summed loss by the number of elements, Sum does not, BatchMean
// divides by the extent of axis 0 (the loss per example, as in a VAE's per-image objective).
#include <array>

#include "autograd/op_info.hpp"
#include "autograd/sparse/csr.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kBceWithLogitsOp{"bce_with_logits",
                                         "l = (1 - t) x + w softplus(-x), w = 1 + (p - 1) t: dl/dx "
                                         "= w sigmoid x - p t, dl/dt = -x + (p - 1) softplus(-x)",
                                         "ops/losses.cpp"};
inline constexpr OpInfo kBceWithLogitsSparseOp{
    "bce_with_logits_sparse", "l = (1 - t) x + softplus(-x), t sparse: dl/dx = sigmoid x - t",
    "ops/losses.cpp"};
inline constexpr OpInfo kMseLossOp{
    "mse_loss", "l = (p - t)^2: dl/dp = 2 (p - t), dl/dt = -2 (p - t)", "ops/losses.cpp"};
inline constexpr OpInfo kGaussianNllOp{"gaussian_nll",
                                       "l = (v + (x - m)^2 e^-v + log 2 pi) / 2: dl/dm = (m - x) "
                                       "e^-v = -dl/dx, dl/dv = (1 - (x - m)^2 e^-v) / 2",
                                       "ops/losses.cpp"};
inline constexpr OpInfo kKlStandardNormalOp{
    "kl_standard_normal", "l = -(1 + v - m^2 - e^v) / 2: dl/dm = m, dl/dv = (e^v - 1) / 2",
    "ops/losses.cpp"};
inline constexpr std::array kLossOps = {&kBceWithLogitsOp, &kBceWithLogitsSparseOp, &kMseLossOp,
                                        &kGaussianNllOp, &kKlStandardNormalOp};

enum class Reduction { Mean, Sum, BatchMean };

// Binary cross-entropy of targets t in [0, 1] given logits x, weighting the positive term by
// pos_weight (weighted BCE, as for sparse graph adjacency):
//   l = -[pos_weight t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))]
//     = (1 - t) x + (1 + (pos_weight - 1) t) softplus(-x),
// which never takes the log of a rounded-off 0. Targets may require a gradient too.
Tensor bce_with_logits(const Tensor& logits, const Tensor& targets,
                       Reduction reduction = Reduction::Mean, Scalar pos_weight = 1);

// The same loss (pos_weight 1) against sparse targets: the stored values of `targets`, 0 elsewhere,
// as for bag-of-words node features. The targets are never densified: each element is scored as a
// 0 target, then the stored ones are scored again with their value. Gradients reach the logits.
Tensor bce_with_logits(const Tensor& logits, const CsrMatrix& targets,
                       Reduction reduction = Reduction::Mean);

// (prediction - target)^2.
Tensor mse_loss(const Tensor& prediction, const Tensor& target,
                Reduction reduction = Reduction::Mean);

// Negative log-likelihood of x under N(mean, exp(logvar)), constant included:
//   l = (logvar + (x - mean)^2 exp(-logvar) + log 2 pi) / 2.
// logvar is learned (same shape as x, or broadcast to it, e.g. one per feature) or fixed.
Tensor gaussian_nll(const Tensor& x, const Tensor& mean, const Tensor& logvar,
                    Reduction reduction = Reduction::Mean);
Tensor gaussian_nll(const Tensor& x, const Tensor& mean, Scalar fixed_logvar,
                    Reduction reduction = Reduction::Mean);

// KL(N(mean, exp(logvar)) || N(0, 1)) per element, in closed form:
//   l = -(1 + logvar - mean^2 - exp(logvar)) / 2;
// Sum or BatchMean give the KL of the diagonal Gaussian over each row's dimensions.
Tensor kl_standard_normal(const Tensor& mean, const Tensor& logvar,
                          Reduction reduction = Reduction::Mean);

}  // namespace autograd
