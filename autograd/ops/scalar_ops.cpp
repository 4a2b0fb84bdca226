// Elementwise arithmetic with a constant.
#include <cmath>

#include "autograd/ops.hpp"
#include "autograd/ops/elementwise.hpp"

namespace autograd {

using detail::pointwise;

// d/dx (x + c) = 1
Tensor add_scalar(const Tensor& x, Scalar c) {
  return pointwise(op_named("add_scalar"), x, [c](Scalar v) { return v + c; },
                   [](Scalar, Scalar) { return Scalar(1); });
}

// d/dx (c x) = c
Tensor mul_scalar(const Tensor& x, Scalar c) {
  return pointwise(op_named("mul_scalar"), x, [c](Scalar v) { return v * c; },
                   [c](Scalar, Scalar) { return c; });
}

// d/dx x^p = p x^(p - 1)
Tensor pow(const Tensor& x, Scalar p) {
  return pointwise(op_named("pow"), x, [p](Scalar v) { return std::pow(v, p); },
                   [p](Scalar v, Scalar) { return p * std::pow(v, p - 1); });
}

}  // namespace autograd
