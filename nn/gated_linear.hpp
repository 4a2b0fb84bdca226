#pragma once
// GatedLinear: a gated linear unit (Dauphin et al. 2017),
//   y = (x W^T + b) * sigmoid(x V^T + c),
// a linear layer whose every output is scaled by a learned gate between 0 and 1.
//
// The worked example of nn/README.md, "How to add a layer": the whole layer is this one header,
// registered nowhere else; its gradient check is tests/nn/gated_linear_test.cpp.
#include <cstdint>

#include "autograd/ops.hpp"
#include "autograd/random.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

namespace nn {

class GatedLinear : public Layer {
 public:
  GatedLinear(int64_t in_features, int64_t out_features, autograd::Generator& gen) {
    const autograd::Shape shape = {out_features, in_features};
    weight = register_parameter("weight", glorot_uniform(shape, in_features, out_features, gen));
    bias = register_parameter("bias", Tensor::zeros({out_features}));
    gate_weight =
        register_parameter("gate_weight", glorot_uniform(shape, in_features, out_features, gen));
    gate_bias = register_parameter("gate_bias", Tensor::zeros({out_features}));
  }

  Tensor forward(const Tensor& x) override {
    return autograd::linear(x, weight, bias) *
           autograd::sigmoid(autograd::linear(x, gate_weight, gate_bias));
  }

  Tensor weight, bias;            // the value: [out, in] and [out]
  Tensor gate_weight, gate_bias;  // the gate:  [out, in] and [out]
};

}  // namespace nn
