#pragma once
// Elementwise arithmetic on two tensors with NumPy broadcasting. Header-only: each op is
// one line of forward math next to one line of derivative, on the templates of elementwise.hpp.
#include <array>

#include "autograd/op_info.hpp"
#include "autograd/ops/elementwise.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kAddOp{"add", "d/da (a + b) = 1, d/db (a + b) = 1", "ops/binary.hpp"};
inline constexpr OpInfo kSubOp{"sub", "d/da (a - b) = 1, d/db (a - b) = -1", "ops/binary.hpp"};
inline constexpr OpInfo kMulOp{"mul", "d/da (a * b) = b, d/db (a * b) = a", "ops/binary.hpp"};
inline constexpr OpInfo kDivOp{"div", "d/da (a / b) = 1 / b, d/db (a / b) = -a / b^2",
                               "ops/binary.hpp"};
inline constexpr std::array kBinaryOps = {&kAddOp, &kSubOp, &kMulOp, &kDivOp};

// d/da (a + b) = 1, d/db (a + b) = 1
inline Tensor add(const Tensor& a, const Tensor& b) {
  return detail::binary(
      kAddOp, a, b, [](Scalar x, Scalar y) { return x + y; }, [](auto, auto) { return Scalar(1); },
      [](auto, auto) { return Scalar(1); });
}

// d/da (a - b) = 1, d/db (a - b) = -1
inline Tensor sub(const Tensor& a, const Tensor& b) {
  return detail::binary(
      kSubOp, a, b, [](Scalar x, Scalar y) { return x - y; }, [](auto, auto) { return Scalar(1); },
      [](auto, auto) { return Scalar(-1); });
}

// d/da (a * b) = b, d/db (a * b) = a
inline Tensor mul(const Tensor& a, const Tensor& b) {
  return detail::binary(
      kMulOp, a, b, [](Scalar x, Scalar y) { return x * y; }, [](auto, auto y) { return y; },
      [](auto x, auto) { return x; });
}

// d/da (a / b) = 1 / b, d/db (a / b) = -a / b^2
inline Tensor div(const Tensor& a, const Tensor& b) {
  return detail::binary(
      kDivOp, a, b, [](Scalar x, Scalar y) { return x / y; },
      [](auto, auto y) { return Scalar(1) / y; }, [](auto x, auto y) { return -x / (y * y); });
}

}  // namespace autograd
