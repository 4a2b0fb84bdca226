#pragma once
// Pointwise math functions. Header-only, on the templates of elementwise.hpp.
#include <array>
#include <cmath>

#include "autograd/op_info.hpp"
#include "autograd/ops/elementwise.hpp"
#include "autograd/runtime/vector_math.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kNegOp{"neg", "d/dx (-x) = -1", "ops/unary.hpp"};
inline constexpr OpInfo kExpOp{"exp", "d/dx e^x = e^x", "ops/unary.hpp"};
inline constexpr OpInfo kLogOp{"log", "d/dx log x = 1 / x", "ops/unary.hpp"};
inline constexpr OpInfo kSqrtOp{"sqrt", "d/dx sqrt x = 1 / (2 sqrt x)", "ops/unary.hpp"};
inline constexpr OpInfo kAbsOp{"abs", "d/dx |x| = sign x (0 at 0)", "ops/unary.hpp"};
inline constexpr OpInfo kSquareOp{"square", "d/dx x^2 = 2 x", "ops/unary.hpp"};
inline constexpr std::array kUnaryOps = {&kNegOp, &kExpOp, &kLogOp, &kSqrtOp, &kAbsOp, &kSquareOp};

// d/dx (-x) = -1
inline Tensor neg(const Tensor& x) {
  return detail::pointwise(
      kNegOp, x, [](Scalar v) { return -v; }, [](auto, auto) { return Scalar(-1); });
}

// d/dx e^x = e^x, read from the output
inline Tensor exp(const Tensor& x) {
  // vmath::exp: a loop over it vectorizes (see vector_math.hpp); std::exp in the float64 build.
  return detail::pointwise(
      kExpOp, x, [](Scalar v) { return vmath::exp(v); }, [](auto, auto y) { return y; });
}

// d/dx log x = 1 / x
inline Tensor log(const Tensor& x) {
  return detail::pointwise(
      kLogOp, x, [](Scalar v) { return std::log(v); }, [](auto v, auto) { return Scalar(1) / v; });
}

// d/dx sqrt x = 1 / (2 sqrt x)
inline Tensor sqrt(const Tensor& x) {
  return detail::pointwise(
      kSqrtOp, x, [](Scalar v) { return std::sqrt(v); },
      [](auto, auto y) { return Scalar(1) / (Scalar(2) * y); });
}

// d/dx |x| = sign x (0 at 0, a subgradient)
inline Tensor abs(const Tensor& x) {
  return detail::pointwise(
      kAbsOp, x, [](Scalar v) { return std::abs(v); }, [](auto v, auto) { return math::sign(v); });
}

// d/dx x^2 = 2 x
inline Tensor square(const Tensor& x) {
  return detail::pointwise(
      kSquareOp, x, [](Scalar v) { return v * v; }, [](auto v, auto) { return Scalar(2) * v; });
}

}  // namespace autograd
