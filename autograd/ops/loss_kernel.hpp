#pragma once
// The skeleton every fused loss in losses.cpp shares (internal to autograd/ops/). A loss
// supplies one loop, block(first, count, loss, d), which for the elements first + j, j in [0,
// count), writes the element's loss to loss[j] and its derivative with respect to input k to
// d[k][j]. The loop writes every derivative unconditionally, so it has no branches and vectorizes:
// d[k] points into the derivatives kept for backward (or forward mode) when input k needs them,
// else into a scratch row. It sums the block totals in order (the result is the same for any
// thread count) and records a backward that adds scale * grad * d[k] to input k, summed over
// broadcast axes when input k is smaller. Forward mode reuses the same derivatives: the loss is a
// scalar, so its tangent is scale * sum_k <d_k, dx_k>.
//
// For grad() with create_graph a loss also supplies graph_derivatives(inputs): the same d_k as
// differentiable ops on whole tensors, so the gradient can be differentiated again.
#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "autograd/broadcast.hpp"
#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/operators.hpp"
#include "autograd/ops/reductions.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd::detail {

constexpr int64_t kLossBlock = 2048;     // the loss and derivative rows of a block stay in L1
constexpr int64_t kLossGrain = 1 << 13;  // several pieces per thread even for one batch

// v[0] + ... + v[n-1] in eight double lanes, so the loop vectorizes and rounds identically
// on every run.
inline double lane_sum(const Scalar* v, int64_t n) {
  double lanes[8] = {};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int lane = 0; lane < 8; ++lane) lanes[lane] += v[i + lane];
  for (; i < n; ++i) lanes[0] += v[i];
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
         ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

// d input_k += scale * g * d_k, with d_k the derivatives the forward pass kept (undefined when
// input k needs no gradient), summed over broadcast axes when input k is smaller than the loss.
template <size_t K>
void fused_loss_backward(const std::array<Tensor, K>& inputs,
                         const std::array<Tensor, K>& derivatives, const Tensor& out,
                         const Shape& shape, Scalar scale) {
  const int64_t n = numel(shape);
  const Scalar g = out.grad_values()[0] * scale;
  for (size_t k = 0; k < K; ++k) {
    if (!derivatives[k].defined()) continue;
    const Scalar* dk = derivatives[k].data();
    if (inputs[k].shape() == shape) {
      // A fresh gradient buffer is overwritten rather than zeroed and added to.
      const GradBuffer grad = inputs[k].grad_buffer();
      Scalar* gk = grad.values.data();
      const bool fresh = grad.fresh;
      parallel_for(0, n, kLossGrain, [=](int64_t lo, int64_t hi) {  // by value: vectorizes
        if (fresh)
          for (int64_t i = lo; i < hi; ++i) gk[i] = g * dk[i];
        else
          for (int64_t i = lo; i < hi; ++i) gk[i] += g * dk[i];
      });
    } else {
      Scalar* gk = inputs[k].grad_values().data();
      for_each_broadcast(shape, shape, inputs[k].shape(),
                         [&](int64_t i, int64_t, int64_t j) { gk[j] += g * dk[i]; });
    }
  }
}

// The loss's tangent: scale * sum_k sum_i d_k[i] dx_k[i], a broadcast input's tangent read at
// the index it was broadcast from.
template <size_t K>
Tensor fused_loss_tangent(const std::array<Tensor, K>& inputs,
                          const std::array<Tensor, K>& derivatives, const Shape& shape,
                          Scalar scale) {
  double total = 0;
  for (size_t k = 0; k < K; ++k) {
    const Tensor tangent = inputs[k].tangent();
    if (!tangent.defined()) continue;
    const Scalar* dk = derivatives[k].data();
    const Scalar* tk = tangent.data();
    for_each_broadcast(shape, shape, inputs[k].shape(),
                       [&](int64_t i, int64_t, int64_t j) { total += double(dk[i]) * tk[j]; });
  }
  return Tensor::scalar(static_cast<Scalar>(scale * total));
}

template <size_t K, class Block, class GraphDerivatives>
Tensor fused_loss(const OpInfo& op, const std::array<Tensor, K>& inputs, const Shape& shape,
                  Scalar scale, Block block, GraphDerivatives graph_derivatives) {
  const int64_t n = numel(shape);
  const bool grad = needs_grad(std::span<const Tensor>(inputs));
  const bool tangents = forward_mode() && any_tangent(std::span<const Tensor>(inputs));
  std::array<Tensor, K> derivatives;
  std::array<Scalar*, K> kept{};  // where the derivatives backward will read go, or null
  for (size_t k = 0; k < K; ++k)
    if ((grad && inputs[k].requires_grad()) || (tangents && inputs[k].tangent().defined())) {
      derivatives[k] = Tensor::empty(shape);
      kept[k] = derivatives[k].data();
    }

  const int64_t blocks = (n + kLossBlock - 1) / kLossBlock;
  std::vector<double> block_sums(blocks);
  parallel_for(0, blocks, kLossGrain / kLossBlock, [&](int64_t first_block, int64_t last_block) {
    Scalar loss[kLossBlock];
    Scalar scratch[K][kLossBlock];
    std::array<Scalar*, K> rows;
    for (int64_t b = first_block; b < last_block; ++b) {
      const int64_t first = b * kLossBlock, count = std::min(n - first, kLossBlock);
      for (size_t k = 0; k < K; ++k) rows[k] = kept[k] ? kept[k] + first : scratch[k];
      block(first, count, loss, rows);
      block_sums[b] = lane_sum(loss, count);
    }
  });
  double total = 0;
  for (double s : block_sums) total += s;
  Tensor out = Tensor::scalar(static_cast<Scalar>(scale * total));

  push_tangent(op, std::span<const Tensor>(inputs), out,
               [&] { return fused_loss_tangent(inputs, derivatives, shape, scale); });
  record(op, std::span<const Tensor>(inputs), out,
         [inputs, derivatives, out, shape, scale, graph_derivatives](bool create_graph) {
           if (!create_graph) return fused_loss_backward(inputs, derivatives, out, shape, scale);
           const Tensor g = graph_grad(out) * scale;
           const std::array<Tensor, K> d = graph_derivatives(inputs);
           for (size_t k = 0; k < K; ++k)
             if (inputs[k].requires_grad())
               accumulate_graph_grad(inputs[k], sum_to(g * d[k], inputs[k].shape()));
         });
  return out;
}

}  // namespace autograd::detail
