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

}  // namespace nn
