#include "nn/activation.hpp"

#include <stdexcept>

#include "autograd/ops.hpp"

namespace nn {

Tensor activate(Activation kind, const Tensor& x) {
  switch (kind) {
    case Activation::Identity:
      return x;
    case Activation::Relu:
      return autograd::relu(x);
    case Activation::LeakyRelu:
      return autograd::leaky_relu(x);
    case Activation::Sigmoid:
      return autograd::sigmoid(x);
    case Activation::Tanh:
      return autograd::tanh(x);
    case Activation::Softplus:
      return autograd::softplus(x);
  }
  throw std::invalid_argument("activate: unknown Activation value");
}

}  // namespace nn
