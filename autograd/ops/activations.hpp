#pragma once
// Activation functions, in forms that neither overflow nor lose precision for large |x|
// (sigmoid and softplus from runtime/vector_math.hpp, where loops over them vectorize).
// Header-only, on the templates of elementwise.hpp.
#include <array>
#include <cmath>

#include "autograd/op_info.hpp"
#include "autograd/ops/elementwise.hpp"
#include "autograd/runtime/vector_math.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kReluOp{"relu", "d/dx relu x = 1 if x > 0 else 0", "ops/activations.hpp"};
inline constexpr OpInfo kLeakyReluOp{"leaky_relu", "d/dx leaky_relu x = 1 if x > 0 else slope",
                                     "ops/activations.hpp"};
inline constexpr OpInfo kSigmoidOp{"sigmoid", "d/dx sigmoid x = s (1 - s)", "ops/activations.hpp"};
inline constexpr OpInfo kTanhOp{"tanh", "d/dx tanh x = 1 - t^2", "ops/activations.hpp"};
inline constexpr OpInfo kSoftplusOp{"softplus", "d/dx softplus x = sigmoid x",
                                    "ops/activations.hpp"};
inline constexpr OpInfo kLogSigmoidOp{"log_sigmoid", "d/dx log sigmoid x = sigmoid(-x)",
                                      "ops/activations.hpp"};
inline constexpr OpInfo kSwishOp{"swish", "d/dx x sigmoid x = s + x s (1 - s)",
                                 "ops/activations.hpp"};
inline constexpr std::array kActivationOps = {&kReluOp,     &kLeakyReluOp,  &kSigmoidOp, &kTanhOp,
                                              &kSoftplusOp, &kLogSigmoidOp, &kSwishOp};

// d/dx relu = 1 if x > 0 else 0. relu(NaN) is NaN (`v <= 0` is false for it), as in PyTorch:
// a NaN upstream must not come out as a plausible 0.
inline Tensor relu(const Tensor& x) {
  return detail::pointwise(
      kReluOp, x, [](Scalar v) { return v <= 0 ? Scalar(0) : v; },
      [](auto v, auto) { return math::step(v); });
}

// d/dx leaky_relu = 1 if x > 0 else slope
inline Tensor leaky_relu(const Tensor& x, Scalar slope = Scalar(0.01)) {
  return detail::pointwise(
      kLeakyReluOp, x, [slope](Scalar v) { return v > 0 ? v : slope * v; },
      [slope](auto v, auto) { return slope + (1 - slope) * math::step(v); });
}

// d/dx sigmoid = s (1 - s)
inline Tensor sigmoid(const Tensor& x) {
  return detail::pointwise(
      kSigmoidOp, x, [](Scalar v) { return vmath::sigmoid(v); },
      [](auto, auto s) { return s * (Scalar(1) - s); });
}

// d/dx tanh = 1 - t^2
inline Tensor tanh(const Tensor& x) {
  return detail::pointwise(
      kTanhOp, x, [](Scalar v) { return std::tanh(v); },
      [](auto, auto t) { return Scalar(1) - t * t; });
}

// softplus x = log(1 + e^x); d/dx softplus = sigmoid(x)
inline Tensor softplus(const Tensor& x) {
  return detail::pointwise(
      kSoftplusOp, x, [](Scalar v) { return vmath::softplus(v); },
      [](auto v, auto) { return math::sigmoid(v); });
}

// log_sigmoid(x) = -softplus(-x); d/dx = sigmoid(-x)
inline Tensor log_sigmoid(const Tensor& x) {
  return detail::pointwise(
      kLogSigmoidOp, x, [](Scalar v) { return -vmath::softplus(-v); },
      [](auto v, auto) { return math::sigmoid(-v); });
}

// swish x = x sigmoid(x); d/dx = s + x s (1 - s) = s + y (1 - s), with y the output
inline Tensor swish(const Tensor& x) {
  return detail::pointwise(
      kSwishOp, x, [](Scalar v) { return v * vmath::sigmoid(v); },
      [](auto v, auto y) { return math::sigmoid(v) * (Scalar(1) - y) + y; });
}

}  // namespace autograd
