#pragma once
// Stochastic gradient descent with momentum and L2 weight decay (PyTorch's update):
//   g = grad + weight_decay * p;  b = momentum * b + g;  p -= lr * b   (b = g without momentum).
#include "nn/optimizer.hpp"

namespace nn {

struct SgdOptions {
  double lr = 0.01;
  double momentum = 0;
  double weight_decay = 0;
};

class Sgd : public Optimizer {
 public:
  Sgd(NamedTensors parameters, SgdOptions options = {});
  void step() override;
  NamedTensors state() const override { return momentum_; }  // "momentum.<param>", if any
  SgdOptions& options() { return options_; }                 // e.g. to schedule lr

 private:
  SgdOptions options_;
  NamedTensors momentum_;  // empty when options.momentum == 0
};

}  // namespace nn
