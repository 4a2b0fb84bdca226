#pragma once
// The functions the elementwise derivatives call (ops/elementwise.hpp), for a number and for a
// tensor alike, so that each derivative is written once: on numbers in the fast kernels, on
// tensors (differentiable ops) when grad() records a backward pass. step and sign are constant
// almost everywhere: as tensors they record nothing, their derivative being 0 off the kink.
#include "autograd/runtime/vector_math.hpp"
#include "autograd/tensor.hpp"

namespace autograd::math {

inline Scalar step(Scalar v) {
  return Scalar(v > 0);
}  // 1 where v > 0, else 0
Tensor step(const Tensor& v);
inline Scalar sign(Scalar v) {
  return Scalar((v > 0) - (v < 0));
}
Tensor sign(const Tensor& v);
inline Scalar sigmoid(Scalar v) {
  return vmath::sigmoid(v);
}
Tensor sigmoid(const Tensor& v);
inline Scalar pow(Scalar v, Scalar p) {
  return std::pow(v, p);
}
Tensor pow(const Tensor& v, Scalar p);

}  // namespace autograd::math
