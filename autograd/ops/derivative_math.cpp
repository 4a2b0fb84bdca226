#include "autograd/ops/derivative_math.hpp"

#include "autograd/ops.hpp"

namespace autograd::math {

namespace {
template <class F>
Tensor constant_map(const Tensor& v, F f) {
  Tensor out = Tensor::empty(v.shape());
  for (int64_t i = 0; i < v.numel(); ++i) out.data()[i] = f(v.data()[i]);
  return out;
}
}  // namespace

Tensor step(const Tensor& v) {
  return constant_map(v, [](Scalar x) { return step(x); });
}
Tensor sign(const Tensor& v) {
  return constant_map(v, [](Scalar x) { return sign(x); });
}
Tensor sigmoid(const Tensor& v) {
  return autograd::sigmoid(v);
}
Tensor pow(const Tensor& v, Scalar p) {
  return autograd::pow(v, p);
}

}  // namespace autograd::math
