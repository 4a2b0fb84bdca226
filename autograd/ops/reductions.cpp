// Reductions over all elements or one axis. An axis reduction views x as [outer, n, inner]:
// outer = product of the extents before the axis, n = its extent, inner = those after it.
#include "autograd/ops/reductions.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

struct AxisView {
  int64_t outer = 1, n = 1, inner = 1;
  Shape out_shape;
  Shape kept_shape;  // out_shape with the axis kept as extent 1
};

AxisView view_axis(const char* op, const Shape& shape, int64_t axis, bool keepdim) {
  const int64_t rank = static_cast<int64_t>(shape.size());
  const int64_t a = normalize_axis(op, axis, rank);
  AxisView view;
  for (int64_t i = 0; i < rank; ++i) {
    if (i < a) view.outer *= shape[i];
    if (i > a) view.inner *= shape[i];
    if (i != a || keepdim) view.out_shape.push_back(i == a ? 1 : shape[i]);
    view.kept_shape.push_back(i == a ? 1 : shape[i]);
  }
  view.n = shape[a];
  return view;
}

// y[o, i] = scale * sum_k x[o, k, i]; d/dx = scale (sum for scale 1, mean for 1/n).
Tensor scaled_sum_axis(const OpInfo& op, const Tensor& x, int64_t axis, bool keepdim) {
  const AxisView v = view_axis(op.name.data(), x.shape(), axis, keepdim);
  if (&op == &kMeanAxisOp && v.n == 0)
    throw std::invalid_argument("mean: axis " + std::to_string(axis) + " of shape " +
                                to_string(x.shape()) + " is empty");
  const Scalar scale = &op == &kMeanAxisOp ? Scalar(1) / Scalar(v.n) : Scalar(1);
  Tensor y = Tensor::zeros(v.out_shape);
  const Scalar* xv = x.data();
  Scalar* yv = y.data();
  for (int64_t o = 0; o < v.outer; ++o)
    for (int64_t k = 0; k < v.n; ++k)
      for (int64_t i = 0; i < v.inner; ++i) yv[o * v.inner + i] += xv[(o * v.n + k) * v.inner + i];
  for (Scalar& value : y.values()) value *= scale;
  push_tangent(op, {x}, y, [&] { return scaled_sum_axis(op, x.tangent(), axis, keepdim); });
  record(op, {x}, y, [x, y, v, scale](bool create_graph) mutable {
    if (create_graph)
      return accumulate_graph_grad(
          x, broadcast_to(reshape(graph_grad(y), v.kept_shape), x.shape()) * scale);
    const Scalar* gy = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (int64_t o = 0; o < v.outer; ++o)
      for (int64_t k = 0; k < v.n; ++k)
        for (int64_t i = 0; i < v.inner; ++i)
          gx[(o * v.n + k) * v.inner + i] += scale * gy[o * v.inner + i];
  });
  return y;
}

}  // namespace

// d/dx_i sum x = 1
Tensor sum(const Tensor& x) {
  Scalar total = 0;
  for (Scalar v : x.values()) total += v;
  Tensor y = Tensor::scalar(total);
  push_tangent(kSumOp, {x}, y, [&] { return sum(x.tangent()); });
  record(kSumOp, {x}, y, [x, y](bool create_graph) mutable {
    if (create_graph) return accumulate_graph_grad(x, broadcast_to(graph_grad(y), x.shape()));
    const Scalar g = y.grad_values()[0];
    for (Scalar& gx : x.grad_values()) gx += g;
  });
  return y;
}

Tensor sum(const Tensor& x, int64_t axis, bool keepdim) {
  return scaled_sum_axis(kSumAxisOp, x, axis, keepdim);
}

// mean x = sum x / n, written with the ops above so it needs no backward of its own.
Tensor mean(const Tensor& x) {
  if (x.numel() == 0) throw std::invalid_argument("mean: tensor of shape " + to_string(x.shape()) + " is empty");
  return mul_scalar(sum(x), Scalar(1) / Scalar(x.numel()));
}

Tensor mean(const Tensor& x, int64_t axis, bool keepdim) {
  return scaled_sum_axis(kMeanAxisOp, x, axis, keepdim);
}

// d/dx_k max_k x = 1 at the (first) arg max, 0 elsewhere. A NaN counts as the largest value, so
// the max of values holding a NaN is NaN (as in PyTorch) and the gradient goes to the first NaN.
Tensor max(const Tensor& x, int64_t axis, bool keepdim) {
  const AxisView v = view_axis("max", x.shape(), axis, keepdim);
  if (v.n == 0) throw std::invalid_argument("max: axis " + std::to_string(axis) + " of shape " + to_string(x.shape()) + " is empty");
  Tensor y = Tensor::empty(v.out_shape);
  std::vector<int64_t> argmax(v.outer * v.inner);
  const Scalar* xv = x.data();
  for (int64_t o = 0; o < v.outer; ++o)
    for (int64_t i = 0; i < v.inner; ++i) {
      const auto value = [&](int64_t k) { return xv[(o * v.n + k) * v.inner + i]; };
      int64_t best = 0;
      // !(a <= b): a is larger, or a is NaN; once the best is NaN nothing replaces it.
      for (int64_t k = 1; k < v.n && !std::isnan(value(best)); ++k)
        if (!(value(k) <= value(best))) best = k;
      argmax[o * v.inner + i] = (o * v.n + best) * v.inner + i;
      y.data()[o * v.inner + i] = xv[argmax[o * v.inner + i]];
    }
  push_tangent(kMaxAxisOp, {x}, y, [&] {
    Tensor ty = Tensor::empty(y.shape());
    for (size_t j = 0; j < argmax.size(); ++j) ty.data()[j] = x.tangent().data()[argmax[j]];
    return ty;
  });
  record(kMaxAxisOp, {x}, y, [x, y, v, argmax = std::move(argmax)](bool create_graph) mutable {
    if (create_graph) {  // the gradient through a constant one-hot mask: max is piecewise linear
      Tensor at_max = Tensor::zeros(x.shape());
      for (int64_t position : argmax) at_max.data()[position] = 1;
      const Tensor& g = graph_grad(y);
      return accumulate_graph_grad(x, broadcast_to(reshape(g, v.kept_shape), x.shape()) * at_max);
    }
    const Scalar* gy = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (size_t j = 0; j < argmax.size(); ++j) gx[argmax[j]] += gy[j];
  });
  return y;
}

// y = m + log sum_k e^(x_k - m) with m = max_k x_k, so no exponent overflows;
// d/dx_k y = e^(x_k - y), the softmax. A NaN makes m NaN, hence y: it is not lost beside an
// infinite m (std::max would skip it).
Tensor logsumexp(const Tensor& x, int64_t axis, bool keepdim) {
  const AxisView v = view_axis("logsumexp", x.shape(), axis, keepdim);
  Tensor y = Tensor::empty(v.out_shape);
  const Scalar* xv = x.data();
  for (int64_t o = 0; o < v.outer; ++o)
    for (int64_t i = 0; i < v.inner; ++i) {
      Scalar m = -std::numeric_limits<Scalar>::infinity();
      for (int64_t k = 0; k < v.n && !std::isnan(m); ++k) {
        const Scalar x_k = xv[(o * v.n + k) * v.inner + i];
        if (!(x_k <= m)) m = x_k;
      }
      Scalar total = 0;
      if (std::isfinite(m))
        for (int64_t k = 0; k < v.n; ++k) total += std::exp(xv[(o * v.n + k) * v.inner + i] - m);
      y.data()[o * v.inner + i] = std::isfinite(m) ? m + std::log(total) : m;
    }
  // dy = sum_k softmax(x)_k dx_k
  push_tangent(kLogsumexpOp, {x}, y, [&] {
    const Tensor softmax = exp(x - broadcast_to(reshape(y, v.kept_shape), x.shape()));
    return sum(softmax * x.tangent(), axis, keepdim);
  });
  record(kLogsumexpOp, {x}, y, [x, y, v](bool create_graph) mutable {
    if (create_graph) {
      const auto spread = [&](const Tensor& t) {
        return broadcast_to(reshape(t, v.kept_shape), x.shape());
      };
      return accumulate_graph_grad(x, spread(graph_grad(y)) * exp(x - spread(y)));
    }
    const Scalar* xv = x.data();
    const Scalar* yv = y.data();
    const Scalar* gy = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (int64_t o = 0; o < v.outer; ++o)
      for (int64_t k = 0; k < v.n; ++k)
        for (int64_t i = 0; i < v.inner; ++i) {
          const int64_t j = o * v.inner + i, xi = (o * v.n + k) * v.inner + i;
          if (std::isfinite(yv[j])) gx[xi] += gy[j] * std::exp(xv[xi] - yv[j]);
        }
  });
  return y;
}

Tensor sum_to(const Tensor& x, const Shape& shape) {
  const int64_t lead = x.dim() - static_cast<int64_t>(shape.size());
  Tensor reduced = x;
  for (int64_t i = 0; i < lead; ++i) reduced = sum(reduced, 0);
  for (size_t i = 0; lead >= 0 && i < shape.size(); ++i)
    if (shape[i] == 1 && reduced.size(static_cast<int64_t>(i)) != 1)
      reduced = sum(reduced, static_cast<int64_t>(i), true);
  if (lead < 0 || reduced.shape() != shape)
    throw std::invalid_argument("sum_to: " + to_string(x.shape()) + " is not a broadcast of " +
                                to_string(shape));
  return reduced;
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  return add(Tensor::zeros(shape), x);
}

}  // namespace autograd
