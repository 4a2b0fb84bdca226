// The losses of losses.hpp, each one loop over its elements writing the loss and its
// derivatives side by side; loss_kernel.hpp runs the loop, sums and records the backward.
#include "autograd/ops/losses.hpp"
#include "autograd/ops.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/runtime/vector_math.hpp"
#include "autograd/ops/loss_kernel.hpp"

namespace autograd {

using detail::fused_loss;

namespace {

Scalar reduction_scale(const std::string& op, Reduction reduction, const Shape& shape) {
  switch (reduction) {
    case Reduction::Sum:
      return 1;
    case Reduction::Mean:
      if (numel(shape) == 0) throw std::invalid_argument(op + ": mean of no elements");
      return Scalar(1) / static_cast<Scalar>(numel(shape));
    case Reduction::BatchMean:
      if (shape.empty() || shape[0] == 0)
        throw std::invalid_argument(op + ": batch mean needs a non-empty axis 0, got shape " +
                                    to_string(shape));
      return Scalar(1) / static_cast<Scalar>(shape[0]);
  }
  throw std::invalid_argument(op + ": unknown Reduction value");
}

void check_same_shape(const std::string& op, const char* a_name, const Tensor& a,
                      const char* b_name, const Tensor& b) {
  if (a.shape() != b.shape())
    throw std::invalid_argument(op + ": " + a_name + " " + to_string(a.shape()) + " and " + b_name +
                                " " + to_string(b.shape()) + " must have the same shape");
}

// One element of the binary cross-entropy with logit x and target t, w = 1 + (p - 1) t:
// l = (1 - t) x + w softplus(-x);
// dl/dx = w sigmoid(x) - p t,  dl/dt = -x + (p - 1) softplus(-x)
struct BceElement {
  Scalar loss, d_logit, d_target;
};
inline BceElement bce_element(Scalar x, Scalar t, Scalar pos_weight) {
  // One exponential serves both: e = e^-|x| <= 1 never overflows.
  const Scalar e = vmath::exp(-std::abs(x));
  const Scalar softplus_neg = (x < 0 ? -x : Scalar(0)) + vmath::log1p_unit(e);
  const Scalar sigmoid = (x >= 0 ? Scalar(1) : e) / (1 + e);
  const Scalar w = 1 + (pos_weight - 1) * t;
  return {(1 - t) * x + w * softplus_neg, w * sigmoid - pos_weight * t,
          -x + (pos_weight - 1) * softplus_neg};
}

}  // namespace

Tensor bce_with_logits(const Tensor& logits, const Tensor& targets, Reduction reduction,
                       Scalar pos_weight) {
  check_same_shape("bce_with_logits", "logits", logits, "targets", targets);
  const Scalar scale = reduction_scale("bce_with_logits", reduction, logits.shape());
  return fused_loss<2>(
      kBceWithLogitsOp, {logits, targets}, logits.shape(), scale,
      [xv = logits.data(), tv = targets.data(), pos_weight](
          int64_t first, int64_t count, Scalar* loss, const std::array<Scalar*, 2>& d) {
        for (int64_t j = 0; j < count; ++j) {
          const BceElement b = bce_element(xv[first + j], tv[first + j], pos_weight);
          loss[j] = b.loss;
          d[0][j] = b.d_logit;
          d[1][j] = b.d_target;
        }
      },
      [pos_weight](const std::array<Tensor, 2>& in) {  // bce_element's derivatives, as ops
        const Tensor &x = in[0], &t = in[1];
        return std::array<Tensor, 2>{(1 + (pos_weight - 1) * t) * sigmoid(x) - pos_weight * t,
                                     (pos_weight - 1) * softplus(-x) - x};
      });
}

Tensor bce_with_logits(const Tensor& logits, const CsrMatrix& targets,
                       Reduction reduction) {
  if (logits.dim() != 2 || logits.size(0) != targets.rows() || logits.size(1) != targets.cols())
    throw std::invalid_argument("bce_with_logits: logits " + to_string(logits.shape()) +
                                " and sparse targets [" + std::to_string(targets.rows()) + ", " +
                                std::to_string(targets.cols()) + "] must have the same shape");
  const Scalar scale = reduction_scale("bce_with_logits", reduction, logits.shape());
  return fused_loss<1>(
      kBceWithLogitsSparseOp, {logits}, logits.shape(), scale,
      [xv = logits.data(), targets](int64_t first, int64_t count, Scalar* loss,
                                    const std::array<Scalar*, 1>& d) {
        for (int64_t j = 0; j < count; ++j) {
          const BceElement zero = bce_element(xv[first + j], 0, 1);
          loss[j] = zero.loss;
          d[0][j] = zero.d_logit;
        }
        // The block's stored targets: row i, column c is element i * width + c.
        const int64_t width = targets.cols(), end = first + count;
        const auto row_ptr = targets.row_ptr();
        for (int64_t i = first / width; i * width < end; ++i)
          for (int64_t p = row_ptr[i]; p < row_ptr[i + 1]; ++p) {
            const int64_t j = i * width + targets.col_idx()[p] - first;
            if (j < 0 || j >= count) continue;
            const BceElement stored = bce_element(xv[first + j], targets.values()[p], 1);
            loss[j] = stored.loss;
            d[0][j] = stored.d_logit;
          }
      },
      [targets](const std::array<Tensor, 1>& in) {
        return std::array<Tensor, 1>{sigmoid(in[0]) - targets.to_dense()};
      });
}

// l = (p - t)^2;  dl/dp = 2 (p - t),  dl/dt = -2 (p - t)
Tensor mse_loss(const Tensor& prediction, const Tensor& target, Reduction reduction) {
  check_same_shape("mse_loss", "prediction", prediction, "target", target);
  const Scalar scale = reduction_scale("mse_loss", reduction, prediction.shape());
  return fused_loss<2>(
      kMseLossOp, {prediction, target}, prediction.shape(), scale,
      [pv = prediction.data(), tv = target.data()](int64_t first, int64_t count, Scalar* loss,
                                                   const std::array<Scalar*, 2>& d) {
        for (int64_t j = 0; j < count; ++j) {
          const Scalar r = pv[first + j] - tv[first + j];
          loss[j] = r * r;
          d[0][j] = 2 * r;
          d[1][j] = -2 * r;
        }
      },
      [](const std::array<Tensor, 2>& in) {
        const Tensor r = in[0] - in[1];
        return std::array<Tensor, 2>{2 * r, -2 * r};
      });
}

// l = (v + (x - m)^2 e^-v + log 2 pi) / 2;
// dl/dx = (x - m) e^-v,  dl/dm = -(x - m) e^-v,  dl/dv = (1 - (x - m)^2 e^-v) / 2
Tensor gaussian_nll(const Tensor& x, const Tensor& mean, const Tensor& logvar,
                    Reduction reduction) {
  check_same_shape("gaussian_nll", "x", x, "mean", mean);
  if (broadcast_shapes("gaussian_nll", x.shape(), logvar.shape()) != x.shape())
    throw std::invalid_argument("gaussian_nll: logvar " + to_string(logvar.shape()) +
                                " must broadcast to the shape of x " + to_string(x.shape()));
  const Scalar scale = reduction_scale("gaussian_nll", reduction, x.shape());
  // A broadcast logvar is laid out in full once, so the loop below reads all three alike.
  Tensor logvar_full = logvar;
  if (logvar.shape() != x.shape()) {
    logvar_full = Tensor::empty(x.shape());
    const Scalar* src = logvar.data();
    Scalar* dst = logvar_full.data();
    for_each_broadcast(x.shape(), x.shape(), logvar.shape(),
                                 [&](int64_t i, int64_t, int64_t j) { dst[i] = src[j]; });
  }
  constexpr Scalar kHalfLog2Pi = Scalar(0.918938533204672741780329736406);
  return fused_loss<3>(
      kGaussianNllOp, {x, mean, logvar}, x.shape(), scale,
      [xv = x.data(), mv = mean.data(), vv = logvar_full.data()](
          int64_t first, int64_t count, Scalar* loss, const std::array<Scalar*, 3>& d) {
        for (int64_t j = 0; j < count; ++j) {
          const Scalar r = xv[first + j] - mv[first + j], v = vv[first + j];
          const Scalar precision = vmath::exp(-v);
          const Scalar scaled_sq = r * r * precision;
          loss[j] = Scalar(0.5) * (v + scaled_sq) + kHalfLog2Pi;
          d[0][j] = r * precision;
          d[1][j] = -r * precision;
          d[2][j] = Scalar(0.5) * (1 - scaled_sq);
        }
      },
      [](const std::array<Tensor, 3>& in) {
        const Tensor r = in[0] - in[1], precision = exp(-in[2]);
        const Tensor scaled = r * precision;
        return std::array<Tensor, 3>{scaled, -scaled, Scalar(0.5) * (1 - r * scaled)};
      });
}

Tensor gaussian_nll(const Tensor& x, const Tensor& mean, Scalar fixed_logvar, Reduction reduction) {
  return gaussian_nll(x, mean, Tensor::scalar(fixed_logvar), reduction);
}

// l = -(1 + v - m^2 - e^v) / 2;  dl/dm = m,  dl/dv = (e^v - 1) / 2
Tensor kl_standard_normal(const Tensor& mean, const Tensor& logvar, Reduction reduction) {
  check_same_shape("kl_standard_normal", "mean", mean, "logvar", logvar);
  const Scalar scale = reduction_scale("kl_standard_normal", reduction, mean.shape());
  return fused_loss<2>(
      kKlStandardNormalOp, {mean, logvar}, mean.shape(), scale,
      [mv = mean.data(), vv = logvar.data()](int64_t first, int64_t count, Scalar* loss,
                                             const std::array<Scalar*, 2>& d) {
        for (int64_t j = 0; j < count; ++j) {
          const Scalar m = mv[first + j], v = vv[first + j];
          const Scalar variance = vmath::exp(v);
          loss[j] = Scalar(-0.5) * (1 + v - m * m - variance);
          d[0][j] = m;
          d[1][j] = Scalar(0.5) * (variance - 1);
        }
      },
      [](const std::array<Tensor, 2>& in) {
        return std::array<Tensor, 2>{in[0], Scalar(0.5) * (exp(in[1]) - 1)};
      });
}

}  // namespace autograd
