#pragma once
// Two templates that every elementwise op is written with, so each op is one line of forward
// math next to one line of derivative. Internal to autograd/ops.
//
// The derivative is a generic lambda, written once for `auto` arguments (with the operators of
// operators.hpp and the functions of derivative_math.hpp) and run three ways:
//   on numbers, backward:      dx += dy * f'(x)   (the fast kernel of every first-order backward)
//   on numbers, forward mode:  tx_out = tx * f'(x)
//   on tensors, grad() with create_graph: dx = dy * f'(x) as recorded ops, differentiable again.
#include "autograd/broadcast.hpp"
#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/operators.hpp"
#include "autograd/ops/derivative_math.hpp"
#include "autograd/ops/reductions.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd::detail {

// Pointwise loops split over threads only when large enough to pay for the hand-off.
constexpr int64_t kPointwiseGrain = 1 << 13;  // a hand-off costs about a microsecond

// y = f(x) elementwise; dy = f'(x) dx with f'(x) = df(x, y). df receives y too, so ops whose
// derivative is cheapest from the output (exp, sigmoid, tanh) use it.
// Pass f and df as lambdas, never as function pointers: a pointer is called through, not inlined,
// and the loop stays scalar (sigmoid over 100,000 floats: 530 us instead of about 40).
template <class F, class DF>
Tensor pointwise(const OpInfo& op, const Tensor& x, F f, DF df) {
  Tensor y = Tensor::empty(x.shape());
  const Scalar* xv = x.data();
  Scalar* yv = y.data();
  parallel_for(0, x.numel(), kPointwiseGrain, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) yv[i] = f(xv[i]);
  });
  push_tangent(op, {x}, y, [&] {
    Tensor ty = Tensor::empty(x.shape());
    const Scalar* tx = x.tangent().data();
    for (int64_t i = 0; i < x.numel(); ++i) ty.data()[i] = tx[i] * df(xv[i], yv[i]);
    return ty;
  });
  if (!needs_grad({x})) {  // skip building a closure nobody will run; record still checks anomalies
    record(op, {x}, y, nullptr);
    return y;
  }
  record(op, {x}, y, [x, y, df](bool create_graph) mutable {
    if (create_graph) return accumulate_graph_grad(x, graph_grad(y) * df(x, y));
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

// z = f(a, b) with broadcasting; dz = dfa(a, b) da + dfb(a, b) db, each input's gradient summed
// over the axes where that input was broadcast.
template <class F, class DFA, class DFB>
Tensor binary(const OpInfo& op, const Tensor& a, const Tensor& b, F f, DFA dfa, DFB dfb) {
  Tensor z = Tensor::empty(broadcast_shapes(op.name, a.shape(), b.shape()));
  const Scalar* av = a.data();
  const Scalar* bv = b.data();
  Scalar* zv = z.data();
  for_each_broadcast(z.shape(), a.shape(), b.shape(),
                     [&](int64_t i, int64_t ia, int64_t ib) { zv[i] = f(av[ia], bv[ib]); });
  push_tangent(op, {a, b}, z, [&] {
    Tensor tz = Tensor::zeros(z.shape());
    const Tensor ta = a.tangent(), tb = b.tangent();
    for_each_broadcast(z.shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
      if (ta.defined()) tz.data()[i] += ta.data()[ia] * dfa(av[ia], bv[ib]);
      if (tb.defined()) tz.data()[i] += tb.data()[ib] * dfb(av[ia], bv[ib]);
    });
    return tz;
  });
  if (!needs_grad({a, b})) {
    record(op, {a, b}, z, nullptr);
    return z;
  }
  record(op, {a, b}, z, [a, b, z, dfa, dfb](bool create_graph) mutable {
    if (create_graph) {
      const Tensor& g = graph_grad(z);
      if (a.requires_grad()) accumulate_graph_grad(a, sum_to(g * dfa(a, b), a.shape()));
      if (b.requires_grad()) accumulate_graph_grad(b, sum_to(g * dfb(a, b), b.shape()));
      return;
    }
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
