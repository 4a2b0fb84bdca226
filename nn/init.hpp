#pragma once
// Weight initializations, drawn from the caller's Generator so a seed fixes a model's start.
//   Glorot (Xavier) uniform: U(-b, b), b = sqrt(6 / (fan_in + fan_out)); keeps the variance of
//     activations and of gradients about constant through tanh/sigmoid/linear layers.
//   Kaiming (He): variance 2 / fan_in, which compensates ReLU zeroing half its inputs;
//     uniform with b = sqrt(6 / fan_in), or normal with stddev sqrt(2 / fan_in).
#include <cstdint>

#include "autograd/random.hpp"

namespace nn {

enum class Init { GlorotUniform, KaimingUniform, KaimingNormal };

autograd::Tensor glorot_uniform(const autograd::Shape& shape, int64_t fan_in, int64_t fan_out,
                                autograd::Generator& gen);
autograd::Tensor kaiming_uniform(const autograd::Shape& shape, int64_t fan_in,
                                 autograd::Generator& gen);
autograd::Tensor kaiming_normal(const autograd::Shape& shape, int64_t fan_in,
                                autograd::Generator& gen);

// The weight of a layer mapping fan_in inputs to fan_out outputs, by `init`.
autograd::Tensor initialize(Init init, const autograd::Shape& shape, int64_t fan_in,
                            int64_t fan_out, autograd::Generator& gen);

}  // namespace nn
