#pragma once
// Elementwise arithmetic with a constant. Header-only, on the templates of elementwise.hpp.
#include <array>
#include <cmath>

#include "autograd/op_info.hpp"
#include "autograd/ops/elementwise.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kAddScalarOp{"add_scalar", "d/dx (x + c) = 1", "ops/scalar_ops.hpp"};
inline constexpr OpInfo kMulScalarOp{"mul_scalar", "d/dx (c x) = c", "ops/scalar_ops.hpp"};
inline constexpr OpInfo kPowOp{"pow", "d/dx x^p = p x^(p - 1)", "ops/scalar_ops.hpp"};
inline constexpr std::array kScalarOps = {&kAddScalarOp, &kMulScalarOp, &kPowOp};

// d/dx (x + c) = 1
inline Tensor add_scalar(const Tensor& x, Scalar c) {
  return detail::pointwise(
      kAddScalarOp, x, [c](Scalar v) { return v + c; }, [](auto, auto) { return Scalar(1); });
}

// d/dx (c x) = c
inline Tensor mul_scalar(const Tensor& x, Scalar c) {
  return detail::pointwise(
      kMulScalarOp, x, [c](Scalar v) { return v * c; }, [c](auto, auto) { return c; });
}

// d/dx x^p = p x^(p - 1)
inline Tensor pow(const Tensor& x, Scalar p) {
  return detail::pointwise(
      kPowOp, x, [p](Scalar v) { return std::pow(v, p); },
      [p](auto v, auto) { return p * math::pow(v, p - 1); });
}

}  // namespace autograd
