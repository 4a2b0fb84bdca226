#pragma once
// Linear: y = x W^T + b, the fully connected layer. W is stored [out, in] (PyTorch's layout) and
// b [out]; the product is autograd::linear, one fused gemm. The bias starts at zero.
#include <cstdint>

#include "autograd/random.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

namespace nn {

struct LinearOptions {
  bool bias = true;
  Init init = Init::GlorotUniform;
};

class Linear : public Layer {
 public:
  Linear(int64_t in_features, int64_t out_features, autograd::Generator& gen,
         LinearOptions options = {});
  Tensor forward(const Tensor& x) override;

  int64_t in_features() const { return weight.size(1); }
  int64_t out_features() const { return weight.size(0); }

  Tensor weight;  // [out, in]
  Tensor bias;    // [out]; undefined without a bias
};

// relu(x W^T + b) as one layer and one op, autograd::linear_relu: the same parameters and the
// same numbers, bit for bit, as a Linear followed by a ReLU, with one pass over the output fewer
// each way (the ReLU applied to each thread's block of the product while it is in cache, its
// mask in the backward pass that sums the bias gradient). mlp() uses it for ReLU hidden layers.
class LinearRelu : public Linear {
 public:
  using Linear::Linear;
  Tensor forward(const Tensor& x) override;
};

}  // namespace nn
