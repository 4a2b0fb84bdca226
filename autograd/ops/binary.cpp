// Elementwise arithmetic on two tensors with broadcasting.
#include "autograd/ops.hpp"
#include "autograd/ops/elementwise.hpp"

namespace autograd {

using detail::binary;

// d/da (a + b) = 1, d/db (a + b) = 1
Tensor add(const Tensor& a, const Tensor& b) {
  return binary(op_named("add"), a, b, [](Scalar x, Scalar y) { return x + y; },
                [](Scalar, Scalar) { return Scalar(1); }, [](Scalar, Scalar) { return Scalar(1); });
}

// d/da (a - b) = 1, d/db (a - b) = -1
Tensor sub(const Tensor& a, const Tensor& b) {
  return binary(op_named("sub"), a, b, [](Scalar x, Scalar y) { return x - y; },
                [](Scalar, Scalar) { return Scalar(1); }, [](Scalar, Scalar) { return Scalar(-1); });
}

// d/da (a * b) = b, d/db (a * b) = a
Tensor mul(const Tensor& a, const Tensor& b) {
  return binary(op_named("mul"), a, b, [](Scalar x, Scalar y) { return x * y; },
                [](Scalar, Scalar y) { return y; }, [](Scalar x, Scalar) { return x; });
}

// d/da (a / b) = 1 / b, d/db (a / b) = -a / b^2
Tensor div(const Tensor& a, const Tensor& b) {
  return binary(op_named("div"), a, b, [](Scalar x, Scalar y) { return x / y; },
                [](Scalar, Scalar y) { return 1 / y; }, [](Scalar x, Scalar y) { return -x / (y * y); });
}

}  // namespace autograd
