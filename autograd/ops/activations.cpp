// Activation functions, in forms that neither overflow nor lose precision for large |x|.
#include <cmath>

#include "autograd/ops.hpp"
#include "autograd/ops/elementwise.hpp"

namespace autograd {

using detail::pointwise;

namespace {
// sigmoid without overflow: e^x / (1 + e^x) for negative x, 1 / (1 + e^-x) otherwise.
Scalar stable_sigmoid(Scalar v) {
  if (v >= 0) return 1 / (1 + std::exp(-v));
  const Scalar e = std::exp(v);
  return e / (1 + e);
}
// log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
Scalar stable_softplus(Scalar v) { return std::max(v, Scalar(0)) + std::log1p(std::exp(-std::abs(v))); }
}  // namespace

// d/dx relu = 1 if x > 0 else 0
Tensor relu(const Tensor& x) {
  return pointwise(OpKind::Relu, x, [](Scalar v) { return v > 0 ? v : Scalar(0); },
                   [](Scalar v, Scalar) { return Scalar(v > 0); });
}

// d/dx leaky_relu = 1 if x > 0 else slope
Tensor leaky_relu(const Tensor& x, Scalar slope) {
  return pointwise(OpKind::LeakyRelu, x, [slope](Scalar v) { return v > 0 ? v : slope * v; },
                   [slope](Scalar v, Scalar) { return v > 0 ? Scalar(1) : slope; });
}

// d/dx sigmoid = s (1 - s)
Tensor sigmoid(const Tensor& x) {
  return pointwise(OpKind::Sigmoid, x, stable_sigmoid, [](Scalar, Scalar s) { return s * (1 - s); });
}

// d/dx tanh = 1 - t^2
Tensor tanh(const Tensor& x) {
  return pointwise(OpKind::Tanh, x, [](Scalar v) { return std::tanh(v); },
                   [](Scalar, Scalar t) { return 1 - t * t; });
}

// d/dx softplus = sigmoid(x)
Tensor softplus(const Tensor& x) {
  return pointwise(OpKind::Softplus, x, stable_softplus, [](Scalar v, Scalar) { return stable_sigmoid(v); });
}

// log_sigmoid(x) = -softplus(-x); d/dx = sigmoid(-x)
Tensor log_sigmoid(const Tensor& x) {
  return pointwise(OpKind::LogSigmoid, x, [](Scalar v) { return -stable_softplus(-v); },
                   [](Scalar v, Scalar) { return stable_sigmoid(-v); });
}

}  // namespace autograd
