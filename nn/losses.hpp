#pragma once
// The losses a model trains with. Each is a fused op of the engine (autograd/ops/losses.hpp, where
// the formulas, their stable forms and the derivatives are written out); nn:: names them so a
// model reads nn::bce_with_logits(logits, targets, nn::Reduction::BatchMean).
//
//   bce_with_logits(logits, targets, reduction, pos_weight)  weighted BCE on logits, stable
//   bce_with_logits(logits, csr_targets, reduction)          the same against sparse 0/1 targets
//   mse_loss(prediction, target, reduction)                  (prediction - target)^2
//   gaussian_nll(x, mean, logvar or fixed_logvar, reduction) -log N(x; mean, exp(logvar))
//   kl_standard_normal(mean, logvar, reduction)              KL(N(mean, exp(logvar)) || N(0, 1))
//
// Reduction: Mean over all elements, Sum, or BatchMean (divided by the extent of axis 0).
#include "autograd/ops/losses.hpp"

namespace nn {

using autograd::Scalar;
using autograd::Tensor;

using autograd::Reduction;

using autograd::bce_with_logits;
using autograd::gaussian_nll;
using autograd::kl_standard_normal;
using autograd::mse_loss;

}  // namespace nn
