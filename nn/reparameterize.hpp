#pragma once
// The reparameterization trick of variational autoencoders: a sample z ~ N(mean, exp(logvar))
// written as z = mean + exp(logvar / 2) * noise with noise ~ N(0, 1), so gradients reach mean and
// logvar through an ordinary differentiable expression. The noise is a constant of the graph:
// pass a fixed tensor (as gradient checks do) or let the Generator draw it.
#include "autograd/random.hpp"
#include "autograd/tensor.hpp"

namespace nn {

autograd::Tensor reparameterize(const autograd::Tensor& mean, const autograd::Tensor& logvar,
                                const autograd::Tensor& noise);
autograd::Tensor reparameterize(const autograd::Tensor& mean, const autograd::Tensor& logvar,
                                autograd::Generator& gen);

}  // namespace nn
