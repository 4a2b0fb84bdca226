#pragma once
// Operators for readable formulas: a * b + 1 is mul, then add_scalar. Declared here, ahead of
// the ops they call, because the elementwise derivatives of ops/ are written with them once for
// numbers and tensors alike (ops/elementwise.hpp); defined in operators.cpp.
#include "autograd/tensor.hpp"

namespace autograd {

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& x);
Tensor operator+(const Tensor& x, Scalar c);
Tensor operator+(Scalar c, const Tensor& x);
Tensor operator-(const Tensor& x, Scalar c);
Tensor operator-(Scalar c, const Tensor& x);
Tensor operator*(const Tensor& x, Scalar c);
Tensor operator*(Scalar c, const Tensor& x);
Tensor operator/(const Tensor& x, Scalar c);
Tensor operator/(Scalar c, const Tensor& x);

}  // namespace autograd
