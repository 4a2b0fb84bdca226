#pragma once
// Inverted dropout: in training mode each element is zeroed with probability p and the survivors
// are scaled by 1 / (1 - p), so the expected output equals the input and evaluation needs no
// rescaling; in evaluation mode (or with p = 0) the input passes through unchanged. The mask is
// drawn from the given Generator and enters the graph as a constant.
#include "autograd/random.hpp"
#include "nn/module.hpp"

namespace nn {

Tensor dropout(const Tensor& x, double p, autograd::Generator& gen, bool training);

class Dropout : public Layer {
 public:
  // `gen` must outlive the layer.
  Dropout(double p, autograd::Generator& gen);
  Tensor forward(const Tensor& x) override { return dropout(x, p_, *gen_, is_training()); }
  double p() const { return p_; }

 private:
  double p_;
  autograd::Generator* gen_;
};

}  // namespace nn
