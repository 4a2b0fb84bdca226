#include "nn/inner_product_bce.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/blas.hpp"
#include "autograd/parallel.hpp"
#include "autograd/tape.hpp"
#include "autograd/vector_math.hpp"

namespace nn {

using autograd::CsrMatrix;
using autograd::Scalar;
using autograd::Tensor;

namespace {

constexpr int64_t kBlockValues = int64_t(1) << 21;  // 8 MB of float logits per block

void check_symmetric_pattern(const CsrMatrix& t) {
  const CsrMatrix& tt = t.transpose();
  if (!std::equal(t.row_ptr().begin(), t.row_ptr().end(), tt.row_ptr().begin()) ||
      !std::equal(t.col_idx().begin(), t.col_idx().end(), tt.col_idx().begin()))
    throw std::invalid_argument("inner_product_bce: the target pattern must be symmetric");
}

// One row of logits x[0..n): returns the row's summed weighted BCE and, with `gradient`,
// overwrites x with dloss/dx. Every pair is first taken as a negative (t = 0: loss softplus(x),
// gradient sigmoid(x)) in one branch-free loop the compiler vectorizes; the few positives of the
// row are corrected around it.
double bce_row(Scalar* x, int64_t n, std::span<const int32_t> positives, Scalar pos_weight,
               bool gradient, std::vector<Scalar>& positive_gradients) {
  double correction = 0;
  positive_gradients.clear();
  for (int32_t j :
       positives) {  // t = 1: loss pos_weight softplus(-x), gradient pos_weight (sigmoid(x) - 1)
    const Scalar v = x[j];
    const Scalar softplus_v = autograd::vmath::softplus(v);
    correction += pos_weight * (softplus_v - v) - softplus_v;  // softplus(-x) = softplus(x) - x
    positive_gradients.push_back(pos_weight * (autograd::vmath::sigmoid(v) - 1));
  }
  Scalar total = 0;
  if (gradient) {
#pragma omp simd reduction(+ : total)
    for (int64_t j = 0; j < n; ++j) {
      const Scalar v = x[j];
      const Scalar e = autograd::vmath::exp(-std::abs(v));
      total += (v > 0 ? v : Scalar(0)) + autograd::vmath::log1p_unit(e);
      x[j] = (v >= 0 ? Scalar(1) : e) / (1 + e);
    }
    for (size_t k = 0; k < positives.size(); ++k) x[positives[k]] = positive_gradients[k];
  } else {
#pragma omp simd reduction(+ : total)
    for (int64_t j = 0; j < n; ++j) {
      const Scalar v = x[j];
      total +=
          (v > 0 ? v : Scalar(0)) + autograd::vmath::log1p_unit(autograd::vmath::exp(-std::abs(v)));
    }
  }
  return double(total) + correction;
}

}  // namespace

Tensor inner_product_bce(const Tensor& z, const CsrMatrix& targets, Scalar pos_weight,
                         Scalar norm) {
  if (z.dim() != 2 || targets.rows() != z.size(0) || targets.cols() != z.size(0))
    throw std::invalid_argument("inner_product_bce: embeddings " + autograd::to_string(z.shape()) +
                                " against a " + std::to_string(targets.rows()) + " x " +
                                std::to_string(targets.cols()) + " target matrix");
  check_symmetric_pattern(targets);
  const int64_t n = z.size(0), d = z.size(1);
  const bool gradient = autograd::needs_grad({z});
  const Scalar scale = norm / (Scalar(n) * Scalar(n));
  Tensor dz = gradient ? Tensor::zeros({n, d}) : Tensor();
  const int64_t block_rows =
      std::clamp<int64_t>(kBlockValues / std::max<int64_t>(n, 1), 1, std::max<int64_t>(n, 1));
  std::vector<Scalar> block(block_rows * n);
  std::vector<double> row_loss(n);
  const auto row_ptr = targets.row_ptr();
  const auto cols = targets.col_idx();
  // BLAS and our parallel loop take turns, so the two thread pools never compete.
  for (int64_t r0 = 0; r0 < n; r0 += block_rows) {
    const int64_t rows = std::min(block_rows, n - r0);
    autograd::blas::gemm(false, true, int(rows), int(n), int(d), Scalar(1), z.data() + r0 * d,
                         int(d), z.data(), int(d), Scalar(0), block.data(), int(n));
    autograd::parallel_for(0, rows, 4, [&](int64_t lo, int64_t hi) {
      std::vector<Scalar> positive_gradients;
      for (int64_t i = lo; i < hi; ++i) {
        const int64_t row = r0 + i;
        const std::span<const int32_t> positives =
            cols.subspan(row_ptr[row], row_ptr[row + 1] - row_ptr[row]);
        row_loss[row] =
            bce_row(block.data() + i * n, n, positives, pos_weight, gradient, positive_gradients);
      }
    });
    if (gradient)  // dZ_b = 2 scale G_b Z
      autograd::blas::gemm(false, false, int(rows), int(d), int(n), 2 * scale, block.data(), int(n),
                           z.data(), int(d), Scalar(0), dz.data() + r0 * d, int(d));
  }
  double total = 0;
  for (double l : row_loss) total += l;
  Tensor loss = Tensor::scalar(static_cast<Scalar>(scale * total));
  if (!gradient) return loss;
  // d loss / dZ was computed with the value; the upstream gradient only scales it.
  autograd::record(autograd::OpKind::InnerProductBce, {z}, loss, [z, dz, loss]() {
    const Scalar g = loss.grad_values()[0];
    Scalar* gz = z.grad_values().data();
    const Scalar* saved = dz.data();
    for (int64_t i = 0; i < z.numel(); ++i) gz[i] += g * saved[i];
  });
  return loss;
}

}  // namespace nn
