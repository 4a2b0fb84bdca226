// Activation functions, in forms that neither overflow nor lose precision for large |x|
// (sigmoid and softplus from vector_math.hpp, where loops over them vectorize).
#include <cmath>

#include "autograd/ops.hpp"
#include "autograd/ops/elementwise.hpp"
#include "autograd/runtime/vector_math.hpp"

namespace autograd {

using detail::pointwise;

// d/dx relu = 1 if x > 0 else 0. relu(NaN) is NaN (`v <= 0` is false for it), as in PyTorch:
// a NaN upstream must not come out as a plausible 0.
Tensor relu(const Tensor& x) {
  return pointwise(op_named("relu"), x, [](Scalar v) { return v <= 0 ? Scalar(0) : v; },
                   [](Scalar v, Scalar) { return Scalar(v > 0); });
}

// d/dx leaky_relu = 1 if x > 0 else slope
Tensor leaky_relu(const Tensor& x, Scalar slope) {
  return pointwise(op_named("leaky_relu"), x, [slope](Scalar v) { return v > 0 ? v : slope * v; },
                   [slope](Scalar v, Scalar) { return v > 0 ? Scalar(1) : slope; });
}

// d/dx sigmoid = s (1 - s)
Tensor sigmoid(const Tensor& x) {
  return pointwise(op_named("sigmoid"), x, vmath::sigmoid<Scalar>,
                   [](Scalar, Scalar s) { return s * (1 - s); });
}

// d/dx tanh = 1 - t^2
Tensor tanh(const Tensor& x) {
  return pointwise(op_named("tanh"), x, [](Scalar v) { return std::tanh(v); },
                   [](Scalar, Scalar t) { return 1 - t * t; });
}

// d/dx softplus = sigmoid(x)
Tensor softplus(const Tensor& x) {
  return pointwise(op_named("softplus"), x, vmath::softplus<Scalar>,
                   [](Scalar v, Scalar) { return vmath::sigmoid(v); });
}

// swish x = x sigmoid(x); d/dx = s + x s (1 - s) = s + y (1 - s), with y the output
Tensor swish(const Tensor& x) {
  return pointwise(op_named("swish"), x, [](Scalar v) { return v * vmath::sigmoid(v); },
                   [](Scalar v, Scalar y) { return vmath::sigmoid(v) * (1 - y) + y; });
}

// log_sigmoid(x) = -softplus(-x); d/dx = sigmoid(-x)
Tensor log_sigmoid(const Tensor& x) {
  return pointwise(op_named("log_sigmoid"), x, [](Scalar v) { return -vmath::softplus(-v); },
                   [](Scalar v, Scalar) { return vmath::sigmoid(-v); });
}

}  // namespace autograd
