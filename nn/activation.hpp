#pragma once
// Activations as layers, so Sequential and mlp() can place them between Linear layers. The math
// lives in autograd (ops/activations.cpp); this is only the choice of function.
#include "nn/module.hpp"

namespace nn {

enum class Activation { Identity, Relu, LeakyRelu, Sigmoid, Tanh, Softplus };

Tensor activate(Activation kind, const Tensor& x);  // LeakyRelu uses slope 0.01

class ActivationLayer : public Layer {
 public:
  explicit ActivationLayer(Activation kind) : kind_(kind) {}
  Tensor forward(const Tensor& x) override { return activate(kind_, x); }
  Activation kind() const { return kind_; }

 private:
  Activation kind_;
};

}  // namespace nn
