#pragma once
// How noisy is a stochastic gradient estimator? Draw it many times at the same parameters on the
// same batch, each time with fresh noise, and measure the spread of every gradient element.
#include <functional>

#include "autograd/tensor.hpp"
#include "nn/module.hpp"

namespace models {

struct GradientSpread {
  double variance = 0;     // Var[g], averaged over the parameters' elements
  double mean_square = 0;  // E[g]^2, averaged likewise: the signal the variance hides
};

// `loss()` records a fresh estimate (new noise) whose gradient is the estimator's; it is
// backpropagated `draws` times into `parameters` (their gradients are reset before each and left
// empty after).
GradientSpread gradient_spread(const nn::NamedTensors& parameters, int draws,
                               const std::function<autograd::Tensor()>& loss);

// The parameters whose names start with `prefix` (e.g. "encoder").
nn::NamedTensors parameters_named(const nn::Module& model, const std::string& prefix);

}  // namespace models
