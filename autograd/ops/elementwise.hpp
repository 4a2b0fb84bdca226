#pragma once
// Two templates that every elementwise op is written with, so each op is one line of forward
// math next to one line of derivative. Internal to autograd/ops.
#include "autograd/broadcast.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd::detail {

// Pointwise loops split over threads only when large enough to pay for the hand-off.
constexpr int64_t kPointwiseGrain = 1 << 13;  // a hand-off costs about a microsecond

// y = f(x) elementwise; backward: dx += dy * df(x, y). df receives y too, so ops whose
// derivative is cheapest from the output (exp, sigmoid, tanh) use it.
template <class F, class DF>
Tensor pointwise(const OpInfo& op, const Tensor& x, F f, DF df) {
  Tensor y = Tensor::empty(x.shape());
  const Scalar* xv = x.data();
  Scalar* yv = y.data();
  parallel_for(0, x.numel(), kPointwiseGrain, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) yv[i] = f(xv[i]);
  });
  if (!needs_grad({x})) {  // skip building a closure nobody will run; record still checks anomalies
    record(op, {x}, y, nullptr);
    return y;
  }
  record(op, {x}, y, [x, y, df]() mutable {
    const Scalar* xv = x.data();
    const Scalar* yv = y.data();
    const Scalar* gy = y.grad_values().data();
    const GradBuffer grad_x = x.grad_buffer();  // fresh: overwrite instead of zero, then add
    Scalar* gx = grad_x.values.data();
    parallel_for(0, x.numel(), kPointwiseGrain, [&](int64_t lo, int64_t hi) {
      if (grad_x.fresh)
        for (int64_t i = lo; i < hi; ++i) gx[i] = gy[i] * df(xv[i], yv[i]);
      else
        for (int64_t i = lo; i < hi; ++i) gx[i] += gy[i] * df(xv[i], yv[i]);
    });
  });
  return y;
}

// z = f(a, b) with broadcasting; backward: da += dz * dfa(a, b), db += dz * dfb(a, b), each
// summed over the axes where that input was broadcast.
template <class F, class DFA, class DFB>
Tensor binary(const OpInfo& op, const Tensor& a, const Tensor& b, F f, DFA dfa, DFB dfb) {
  Tensor z = Tensor::empty(broadcast_shapes(op.name, a.shape(), b.shape()));
  const Scalar* av = a.data();
  const Scalar* bv = b.data();
  Scalar* zv = z.data();
  for_each_broadcast(z.shape(), a.shape(), b.shape(),
                     [&](int64_t i, int64_t ia, int64_t ib) { zv[i] = f(av[ia], bv[ib]); });
  if (!needs_grad({a, b})) {
    record(op, {a, b}, z, nullptr);
    return z;
  }
  record(op, {a, b}, z, [a, b, z, dfa, dfb]() mutable {
    const Scalar* av = a.data();
    const Scalar* bv = b.data();
    const Scalar* gz = z.grad_values().data();
    if (a.requires_grad()) {
      Scalar* ga = a.grad_values().data();
      for_each_broadcast(z.shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
        ga[ia] += gz[i] * dfa(av[ia], bv[ib]);
      });
    }
    if (b.requires_grad()) {
      Scalar* gb = b.grad_values().data();
      for_each_broadcast(z.shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
        gb[ib] += gz[i] * dfb(av[ia], bv[ib]);
      });
    }
  });
  return z;
}

}  // namespace autograd::detail
