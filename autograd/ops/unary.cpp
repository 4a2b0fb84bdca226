// Pointwise math functions.
#include <cmath>

#include "autograd/ops.hpp"
#include "autograd/ops/elementwise.hpp"
#include "autograd/runtime/vector_math.hpp"

namespace autograd {

using detail::pointwise;

// d/dx (-x) = -1
Tensor neg(const Tensor& x) {
  return pointwise(op_named("neg"), x, [](Scalar v) { return -v; }, [](Scalar, Scalar) { return Scalar(-1); });
}

// d/dx e^x = e^x, read from the output
Tensor exp(const Tensor& x) {
  // vmath::exp: a loop over it vectorizes (see vector_math.hpp); std::exp in the float64 build.
  return pointwise(op_named("exp"), x, [](Scalar v) { return vmath::exp(v); }, [](Scalar, Scalar y) { return y; });
}

// d/dx log x = 1 / x
Tensor log(const Tensor& x) {
  return pointwise(op_named("log"), x, [](Scalar v) { return std::log(v); }, [](Scalar v, Scalar) { return 1 / v; });
}

// d/dx sqrt x = 1 / (2 sqrt x)
Tensor sqrt(const Tensor& x) {
  return pointwise(op_named("sqrt"), x, [](Scalar v) { return std::sqrt(v); },
                   [](Scalar, Scalar y) { return 1 / (2 * y); });
}

// d/dx |x| = sign x (0 at 0, a subgradient)
Tensor abs(const Tensor& x) {
  return pointwise(op_named("abs"), x, [](Scalar v) { return std::abs(v); },
                   [](Scalar v, Scalar) { return Scalar((v > 0) - (v < 0)); });
}

// d/dx x^2 = 2 x
Tensor square(const Tensor& x) {
  return pointwise(op_named("square"), x, [](Scalar v) { return v * v; }, [](Scalar v, Scalar) { return 2 * v; });
}

}  // namespace autograd
