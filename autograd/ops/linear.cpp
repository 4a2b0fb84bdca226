// The fully connected layer's product as one op: y = x W^T + b, and the same followed by a ReLU.
// Fused so that a layer costs one gemm forward and two backward, with no temporary for x W^T and
// no broadcast add for b: the bias is written into y first and the gemm adds onto it
// (blas::gemm_plus_bias). linear_relu applies max(0, .) to each thread's block of y while it is
// still in cache, and in backward masks the gradient in the same pass that sums it for db.
#include "autograd/ops/linear.hpp"

#include <algorithm>
#include <stdexcept>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/blas.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

constexpr int64_t kBiasColumnsPerPiece = 128;  // db sums a column block over every row of G

void check_linear_shapes(const char* op, const Tensor& x, const Tensor& weight,
                         const Tensor& bias) {
  const auto shapes = [&] {
    return "x " + to_string(x.shape()) + ", weight " + to_string(weight.shape()) +
           (bias.defined() ? ", bias " + to_string(bias.shape()) : std::string());
  };
  if (x.dim() != 2 || weight.dim() != 2)
    throw std::invalid_argument(std::string(op) + ": x and weight must be 2-D, got " + shapes());
  if (x.size(1) != weight.size(1))
    throw std::invalid_argument(std::string(op) + ": x has " + std::to_string(x.size(1)) +
                                " features but weight [out, in] expects " +
                                std::to_string(weight.size(1)) + ": " + shapes());
  if (bias.defined() && bias.shape() != Shape{weight.size(0)})
    throw std::invalid_argument(std::string(op) + ": bias must have shape [" +
                                std::to_string(weight.size(0)) + "], got " + shapes());
}

// With the ReLU, G = dL/dy first becomes G * [y > 0] (the ReLU's derivative); then
// dx = G W,  dW = G^T x,  db = sum of G over rows.
void fully_connected_backward(const Tensor& x, const Tensor& weight, const Tensor& bias,
                              const Tensor& y, bool relu) {
  const int n = static_cast<int>(x.size(0));
  const int in = static_cast<int>(x.size(1));
  const int out = static_cast<int>(weight.size(0));
  if (!n || !out) return;
  const Scalar* dy = y.grad_values().data();
  const bool bias_grad = bias.defined() && bias.requires_grad();
  GradBuffer db_buffer{};
  if (bias_grad) db_buffer = bias.grad_buffer();
  // One pass over G by column blocks: the ReLU's mask and the bias gradient. The masked G
  // overwrites y's gradient, which nothing reads after this op, unless it is to be retained.
  Tensor masked;
  if (relu && y.impl().retains_grad) masked = Tensor::empty({n, out});
  Scalar* g = masked.defined() ? masked.data() : y.grad_values().data();
  if (relu || bias_grad) {
    const Scalar* yv = y.data();
    Scalar* db = bias_grad ? db_buffer.values.data() : nullptr;
    const bool fresh = bias_grad && db_buffer.fresh;
    parallel_for(0, out, kBiasColumnsPerPiece, [&](int64_t lo, int64_t hi) {
      if (fresh) std::fill(db + lo, db + hi, Scalar(0));
      for (int row = 0; row < n; ++row) {
        const int64_t at = static_cast<int64_t>(row) * out;
        if (relu)
          for (int64_t j = lo; j < hi; ++j) g[at + j] = dy[at + j] * Scalar(yv[at + j] > 0);
        if (db)
          for (int64_t j = lo; j < hi; ++j) db[j] += g[at + j];
      }
    });
  }
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
}

// The same, as recorded ops (grad() with create_graph). The ReLU's mask [y > 0] is a constant.
void fully_connected_graph_backward(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                    const Tensor& y, bool relu) {
  const Tensor g = relu ? graph_grad(y) * math::step(y) : graph_grad(y);
  accumulate_graph_grad(x, matmul(g, weight));
  accumulate_graph_grad(weight, matmul(g, x, true, false));
  if (bias.defined()) accumulate_graph_grad(bias, sum(g, 0));
}

// dy = dx W^T + x dW^T + db, masked by [y > 0] when relu
Tensor fully_connected_tangent(const Tensor& x, const Tensor& weight, const Tensor& bias,
                               const Tensor& y, bool relu) {
  const Tensor dx = x.tangent(), dw = weight.tangent();
  Tensor dy = add_defined(dx.defined() ? linear(dx, weight) : Tensor{},
                          dw.defined() ? linear(x, dw) : Tensor{});
  if (bias.defined() && bias.tangent().defined())
    dy = dy.defined() ? dy + bias.tangent() : broadcast_to(bias.tangent(), y.shape());
  return relu ? dy * math::step(y) : dy;
}

// y = x W^T + b, then max(0, y) when relu; backward in fully_connected_backward above.
Tensor fully_connected(const OpInfo& op, const Tensor& x, const Tensor& weight, const Tensor& bias,
                       bool relu) {
  check_linear_shapes(op.name.data(), x, weight, bias);
  const int n = static_cast<int>(x.size(0));
  const int in = static_cast<int>(x.size(1));
  const int out = static_cast<int>(weight.size(0));
  Tensor y = Tensor::empty({n, out});
  blas::gemm_plus_bias(false, true, n, out, in, x.data(), in, weight.data(), in,
                       bias.defined() ? bias.data() : nullptr, y.data(), out, relu);
  auto backward = [x, weight, bias, y, relu](bool create_graph) {
    if (create_graph)
      fully_connected_graph_backward(x, weight, bias, y, relu);
    else
      fully_connected_backward(x, weight, bias, y, relu);
  };
  const auto tangent = [&] { return fully_connected_tangent(x, weight, bias, y, relu); };
  if (bias.defined()) {
    push_tangent(op, {x, weight, bias}, y, tangent);
    record(op, {x, weight, bias}, y, std::move(backward));
  } else {
    push_tangent(op, {x, weight}, y, tangent);
    record(op, {x, weight}, y, std::move(backward));
  }
  return y;
}

}  // namespace

Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  return fully_connected(kLinearOp, x, weight, bias, false);
}

// d/dz relu(z) = 1 if z > 0 else 0, with z = x W^T + b
Tensor linear_relu(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  return fully_connected(kLinearReluOp, x, weight, bias, true);
}

}  // namespace autograd
