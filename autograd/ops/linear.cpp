// The fully connected layer's product as one op: y = x W^T + b. Fused so that a layer costs one
// gemm forward and two backward, with no temporary for x W^T and no broadcast add for b: the
// bias is written into y first and the gemm adds onto it (blas::gemm_plus_bias).
#include <algorithm>
#include <stdexcept>

#include "autograd/blas.hpp"
#include "autograd/ops.hpp"
#include "autograd/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

constexpr int64_t kBiasColumnsPerPiece = 128;  // db sums a column block over every row of G

void check_linear_shapes(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  const auto shapes = [&] {
    return "x " + to_string(x.shape()) + ", weight " + to_string(weight.shape()) +
           (bias.defined() ? ", bias " + to_string(bias.shape()) : std::string());
  };
  if (x.dim() != 2 || weight.dim() != 2)
    throw std::invalid_argument("linear: x and weight must be 2-D, got " + shapes());
  if (x.size(1) != weight.size(1))
    throw std::invalid_argument("linear: x has " + std::to_string(x.size(1)) +
                                " features but weight [out, in] expects " +
                                std::to_string(weight.size(1)) + ": " + shapes());
  if (bias.defined() && bias.shape() != Shape{weight.size(0)})
    throw std::invalid_argument("linear: bias must have shape [" + std::to_string(weight.size(0)) +
                                "], got " + shapes());
}

}  // namespace

// y = x W^T + b.  dx = G W,  dW = G^T x,  db = sum of G over rows.
Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  check_linear_shapes(x, weight, bias);
  const int n = static_cast<int>(x.size(0));
  const int in = static_cast<int>(x.size(1));
  const int out = static_cast<int>(weight.size(0));
  Tensor y = Tensor::empty({n, out});
  if (bias.defined())
    blas::gemm_plus_bias(false, true, n, out, in, x.data(), in, weight.data(), in, bias.data(),
                         y.data(), out);
  else
    blas::gemm(false, true, n, out, in, Scalar(1), x.data(), in, weight.data(), in, Scalar(0),
               y.data(), out);

  auto backward = [x, weight, bias, y, n, in, out]() mutable {
    if (!n || !out) return;
    const Scalar* g = y.grad_values().data();
    // A fresh gradient buffer is overwritten (beta = 0) rather than zeroed and added to.
    if (x.requires_grad() && in) {
      const GradBuffer gx = x.grad_buffer();
      blas::gemm(false, false, n, in, out, Scalar(1), g, out, weight.data(), in,
                 Scalar(gx.fresh ? 0 : 1), gx.values.data(), in);
    }
    if (weight.requires_grad() && in) {
      const GradBuffer gw = weight.grad_buffer();
      blas::gemm(true, false, out, in, n, Scalar(1), g, out, x.data(), in, Scalar(gw.fresh ? 0 : 1),
                 gw.values.data(), in);
    }
    if (bias.defined() && bias.requires_grad()) {
      const GradBuffer bias_grad = bias.grad_buffer();
      Scalar* gb = bias_grad.values.data();
      const bool fresh = bias_grad.fresh;
      parallel_for(0, out, kBiasColumnsPerPiece, [&](int64_t lo, int64_t hi) {
        if (fresh) std::fill(gb + lo, gb + hi, Scalar(0));
        for (int row = 0; row < n; ++row) {
          const Scalar* g_row = g + static_cast<int64_t>(row) * out;
          for (int64_t j = lo; j < hi; ++j) gb[j] += g_row[j];
        }
      });
    }
  };
  if (bias.defined())
    record(OpKind::Linear, {x, weight, bias}, y, std::move(backward));
  else
    record(OpKind::Linear, {x, weight}, y, std::move(backward));
  return y;
}

}  // namespace autograd
