#include "nn/linear.hpp"

#include "autograd/ops.hpp"

namespace nn {

Linear::Linear(int64_t in_features, int64_t out_features, autograd::Generator& gen,
               LinearOptions options) {
  weight = register_parameter("weight", initialize(options.init, {out_features, in_features},
                                                   in_features, out_features, gen));
  if (options.bias) bias = register_parameter("bias", Tensor::zeros({out_features}));
}

Tensor Linear::forward(const Tensor& x) {
  return autograd::linear(x, weight, bias);
}

Tensor LinearRelu::forward(const Tensor& x) {
  return autograd::linear_relu(x, weight, bias);
}

}  // namespace nn
