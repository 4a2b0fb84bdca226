#include "autograd/operators.hpp"

#include "autograd/ops.hpp"

namespace autograd {

Tensor operator+(const Tensor& a, const Tensor& b) {
  return add(a, b);
}
Tensor operator-(const Tensor& a, const Tensor& b) {
  return sub(a, b);
}
Tensor operator*(const Tensor& a, const Tensor& b) {
  return mul(a, b);
}
Tensor operator/(const Tensor& a, const Tensor& b) {
  return div(a, b);
}
Tensor operator-(const Tensor& x) {
  return neg(x);
}
Tensor operator+(const Tensor& x, Scalar c) {
  return add_scalar(x, c);
}
Tensor operator+(Scalar c, const Tensor& x) {
  return add_scalar(x, c);
}
Tensor operator-(const Tensor& x, Scalar c) {
  return add_scalar(x, -c);
}
Tensor operator-(Scalar c, const Tensor& x) {
  return add_scalar(neg(x), c);
}
Tensor operator*(const Tensor& x, Scalar c) {
  return mul_scalar(x, c);
}
Tensor operator*(Scalar c, const Tensor& x) {
  return mul_scalar(x, c);
}
Tensor operator/(const Tensor& x, Scalar c) {
  return mul_scalar(x, Scalar(1) / c);
}
Tensor operator/(Scalar c, const Tensor& x) {
  return mul_scalar(pow(x, -1), c);
}

}  // namespace autograd
