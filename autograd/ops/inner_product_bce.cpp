#include "autograd/ops/inner_product_bce.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/runtime/vector_math.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

// The three small matrix products per tile are written on GCC's vector type: one Vec is 64 bytes
// (an AVX-512 register, or two AVX2 ones), and `vec * scalar` broadcasts. Autovectorization
// gets these loops wrong (it vectorizes across the four rows instead of along the columns).
// On a machine without AVX-512, GCC notes that passing a 64-byte vector by value has another ABI
// there; these helpers are internal and inlined, so no ABI is crossed and the note is noise.
#pragma GCC diagnostic ignored "-Wpsabi"
using Vec = Scalar __attribute__((vector_size(64)));
constexpr int64_t kLanes = sizeof(Vec) / sizeof(Scalar);

inline Vec load(const Scalar* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(Scalar* p, const Vec& v) {
  std::memcpy(p, &v, sizeof v);
}
inline Scalar sum_lanes(const Vec& v) {
  Scalar s = 0;
  for (int64_t l = 0; l < kLanes; ++l) s += v[l];
  return s;
}

constexpr int64_t kRows = 4;           // rows of Z per register block: one load, four FMAs
constexpr int64_t kBlockRows = 32;     // rows that share one pass over the column tiles
constexpr int64_t kTileColumns = 256;  // with d = 16: tiles of Z^T and its gradient, 16 KB each
constexpr int64_t kMinPieces = 8;      // the row blocks are dealt round-robin to the pieces

void check_symmetric_pattern(const CsrMatrix& t) {
  const CsrMatrix& tt = t.transpose();
  if (!std::equal(t.row_ptr().begin(), t.row_ptr().end(), tt.row_ptr().begin()) ||
      !std::equal(t.col_idx().begin(), t.col_idx().end(), tt.col_idx().begin()))
    throw std::invalid_argument("inner_product_bce: the target pattern must be symmetric");
}

// One row of a tile, every pair first taken as a negative (t = 0): returns the sum of
// softplus(x) and, with kGradient, overwrites x with the derivative sigmoid(x). No branches, so
// the compiler evaluates it 8 or 16 lanes at a time. This is where the time goes: one exp, one
// log1p and a division per pair.
template <bool kGradient>
Scalar negative_pass(Scalar* x, int64_t count) {
  Scalar total = 0;
#pragma omp simd reduction(+ : total)
  for (int64_t j = 0; j < count; ++j) {
    const Scalar v = x[j];
    const Scalar e = vmath::exp(-std::abs(v));
    total += (v > 0 ? v : Scalar(0)) + vmath::log1p_unit(e);
    if constexpr (kGradient) x[j] = (v >= 0 ? Scalar(1) : e) / (1 + e);
  }
  return total;
}

// Everything one call shares.
struct Problem {
  int64_t n, d;
  int64_t stride;          // n rounded up to whole Vecs
  const Scalar* z;         // [n, d]
  std::vector<Scalar> zt;  // Z^T [d, stride], zero beyond n: a tile's columns are contiguous
  std::span<const int64_t> row_ptr;
  std::span<const int32_t> cols;
  Scalar pos_weight;
  Scalar* dz;  // [n, d] or null
};

// x[r][j] = z_r . z_(c0 + j) for the kRows rows and the tile's `width` columns.
void tile_logits(const Problem& p, const Scalar* const rows[kRows], int64_t c0, int64_t width,
                 Scalar (*x)[kTileColumns]) {
  for (int64_t j = 0; j < width; j += kLanes) {
    Vec acc[kRows] = {};
    for (int64_t k = 0; k < p.d; ++k) {
      const Vec t = load(p.zt.data() + k * p.stride + c0 + j);
#pragma GCC unroll 4
      for (int64_t r = 0; r < kRows; ++r) acc[r] += rows[r][k] * t;
    }
#pragma GCC unroll 4
    for (int64_t r = 0; r < kRows; ++r) store(x[r] + j, acc[r]);
  }
}

// With u[r][j] the derivatives of the tile: dz_r += sum_j u_rj z_(c0 + j) (the row part) and
// dzt[:, c0 + j] += sum_r u_rj z_r (the column part).
void tile_gradient(const Problem& p, const Scalar* const rows[kRows], Scalar* const dz_rows[kRows],
                   int64_t c0, int64_t width, const Scalar (*u)[kTileColumns], Scalar* dzt) {
  for (int64_t k = 0; k < p.d; ++k) {
    const Scalar* t = p.zt.data() + k * p.stride + c0;
    Scalar* column_part = dzt + k * p.stride + c0;
    Vec row_part[kRows] = {}, zrk[kRows];
    // Broadcast once: column_part could alias rows[r] as far as the compiler knows.
    for (int64_t r = 0; r < kRows; ++r) zrk[r] = Vec{} + rows[r][k];
    for (int64_t j = 0; j < width; j += kLanes) {
      const Vec tj = load(t + j);
      Vec c = load(column_part + j);
#pragma GCC unroll 4
      for (int64_t r = 0; r < kRows; ++r) {
        const Vec urj = load(u[r] + j);
        row_part[r] += urj * tj;
        c += zrk[r] * urj;
      }
      store(column_part + j, c);
    }
#pragma GCC unroll 4
    for (int64_t r = 0; r < kRows; ++r) dz_rows[r][k] += sum_lanes(row_part[r]);
  }
}

// The loss counts each pair above the diagonal twice, as (i, j) and (j, i), and each diagonal
// pair once. In units of two, a pair above the diagonal weighs 1 and a diagonal pair 1/2; with u
// the derivatives so weighted, dloss/dz_i = 2 (sum over j >= i of u_ij z_j, the row part, + sum
// over j <= i of u_ji z_j, the column part).
//
// Rows [i0, i1) against columns [i0, n), one tile of columns at a time, so that the tiles of Z^T
// and of the column part stay in cache while the block's rows pass over them. Adds the block's
// loss (in units of two) to `loss`, its row part to p.dz and its column part to dzt [d, stride],
// the piece's own.
template <bool kGradient>
void row_block(const Problem& p, int64_t i0, int64_t i1, double& loss, Scalar* dzt) {
  const int64_t n = p.n, d = p.d;
  const std::vector<Scalar> zero_row(d, Scalar(0));  // stands in for rows past the last
  std::vector<Scalar> unused_gradient(d);
  std::vector<int64_t> cursor(i1 - i0);  // each row's next positive above the diagonal
  std::vector<char> diagonal_positive(i1 - i0);
  for (int64_t i = i0; i < i1; ++i) {
    const auto end = p.cols.begin() + p.row_ptr[i + 1];
    const auto first = std::lower_bound(p.cols.begin() + p.row_ptr[i], end, i);
    diagonal_positive[i - i0] = first != end && *first == i;
    cursor[i - i0] = (first + diagonal_positive[i - i0]) - p.cols.begin();
  }
  Scalar x[kRows][kTileColumns];
  std::vector<Scalar> positive_logits;
  for (int64_t c0 = i0; c0 < n; c0 += kTileColumns) {
    const int64_t count = std::min(kTileColumns, n - c0);
    const int64_t width = (count + kLanes - 1) / kLanes * kLanes;
    for (int64_t r0 = i0; r0 < i1; r0 += kRows) {
      const Scalar* rows[kRows];
      Scalar* dz_rows[kRows];
      for (int64_t r = 0; r < kRows; ++r) {
        const bool live = r0 + r < i1;
        rows[r] = live ? p.z + (r0 + r) * d : zero_row.data();
        dz_rows[r] = live && kGradient ? p.dz + (r0 + r) * d : unused_gradient.data();
      }
      tile_logits(p, rows, c0, width, x);
      for (int64_t r = 0; r < kRows; ++r) {
        Scalar* xr = x[r];
        const int64_t i = r0 + r;
        if (i >= i1) {
          std::fill_n(xr, width, Scalar(0));
          continue;
        }
        // The row's positives (t = 1) above the diagonal in this tile, read before the pass
        // overwrites them.
        int64_t& next = cursor[i - i0];
        const int64_t first = next;
        while (next < p.row_ptr[i + 1] && p.cols[next] < c0 + count) ++next;
        positive_logits.clear();
        for (int64_t q = first; q < next; ++q) positive_logits.push_back(xr[p.cols[q] - c0]);

        // The first tile holds the diagonal (kTileColumns >= kBlockRows): the columns before it
        // are the lower triangle and weigh nothing; the diagonal pair weighs 1/2.
        const int64_t begin = c0 == i0 ? i - c0 + 1 : 0;
        double row_loss = 0;
        if (c0 == i0) {
          const Scalar v = xr[begin - 1];
          const Scalar softplus_v = vmath::softplus(v);
          const Scalar sigmoid_v = vmath::sigmoid(v);
          const bool positive = diagonal_positive[i - i0];
          row_loss += Scalar(0.5) * (positive ? p.pos_weight * (softplus_v - v) : softplus_v);
          std::fill_n(xr, begin - 1, Scalar(0));
          xr[begin - 1] = Scalar(0.5) * (positive ? p.pos_weight * (sigmoid_v - 1) : sigmoid_v);
        }
        row_loss += negative_pass<kGradient>(xr + begin, count - begin);
        std::fill(xr + count, xr + width, Scalar(0));  // padding columns weigh nothing
        // t = 1 instead: loss pos_weight softplus(-x) = pos_weight (softplus(x) - x),
        // derivative pos_weight (sigmoid(x) - 1).
        for (int64_t q = first; q < next; ++q) {
          const Scalar v = positive_logits[q - first];
          const Scalar softplus_v = vmath::softplus(v);
          row_loss += p.pos_weight * (softplus_v - v) - softplus_v;
          if constexpr (kGradient) xr[p.cols[q] - c0] = p.pos_weight * (vmath::sigmoid(v) - 1);
        }
        loss += row_loss;
      }
      if constexpr (kGradient) tile_gradient(p, rows, dz_rows, c0, width, x, dzt);
    }
  }
}

// The gradient dloss/dz was computed with the value; the upstream gradient only scales it.
void inner_product_bce_backward(const Tensor& z, const Tensor& dz, const Tensor& loss) {
  const Scalar g = loss.grad_values()[0];
  Scalar* gz = z.grad_values().data();
  const Scalar* saved = dz.data();
  for (int64_t i = 0; i < z.numel(); ++i) gz[i] += g * saved[i];
}

// The same gradient as recorded ops, with the N x N logits made dense: only grad() with
// create_graph takes this path (second derivatives of a graph autoencoder on a small graph).
// dl/dx_ij = scale (w_ij sigmoid(x_ij) - p t_ij) with w = 1 + (p - 1) t, and as x = Z Z^T and
// both are symmetric, dz = 2 (dl/dx) Z.
void inner_product_bce_graph_backward(const Tensor& z, const CsrMatrix& targets, Scalar pos_weight,
                                      Scalar scale, const Tensor& loss) {
  const Tensor t = targets.to_dense();
  for (Scalar& v : t.values()) v = v != 0 ? Scalar(1) : Scalar(0);  // the pattern, not the values
  const Tensor logits = matmul(z, z, false, true);
  const Tensor d_logits = ((1 + (pos_weight - 1) * t) * sigmoid(logits) - pos_weight * t) * scale;
  accumulate_graph_grad(z, matmul(d_logits, z) * (2 * graph_grad(loss)));
}

}  // namespace

Tensor inner_product_bce(const Tensor& z, const CsrMatrix& targets, Scalar pos_weight,
                         Scalar norm) {
  if (z.dim() != 2 || targets.rows() != z.size(0) || targets.cols() != z.size(0))
    throw std::invalid_argument("inner_product_bce: embeddings " + to_string(z.shape()) +
                                " against a " + std::to_string(targets.rows()) + " x " +
                                std::to_string(targets.cols()) + " target matrix");
  check_symmetric_pattern(targets);
  const int64_t n = z.size(0), d = z.size(1);
  const bool gradient = needs_grad({z}) || (forward_mode() && z.tangent().defined());
  const Scalar scale = norm / (Scalar(n) * Scalar(n));
  Tensor dz = gradient ? Tensor::zeros({n, d}) : Tensor();

  const int64_t stride = (n + kLanes - 1) / kLanes * kLanes;
  Problem p{n,
            d,
            stride,
            z.data(),
            std::vector<Scalar>(d * stride, Scalar(0)),
            targets.row_ptr(),
            targets.col_idx(),
            pos_weight,
            gradient ? dz.data() : nullptr};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t k = 0; k < d; ++k) p.zt[k * stride + i] = p.z[i * d + k];

  // Row block b costs about n - b kBlockRows pairs: dealing the blocks round-robin to a fixed
  // number of pieces balances them, and summing the pieces in order gives the same result
  // whichever thread ran which piece.
  const int64_t blocks = (n + kBlockRows - 1) / kBlockRows;
  const int64_t pieces = std::min<int64_t>(blocks, std::max<int64_t>(kMinPieces, num_threads()));
  std::vector<double> piece_loss(pieces, 0.0);
  std::vector<std::vector<Scalar>> piece_dzt(gradient ? pieces : 0);
  parallel_for(0, pieces, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t piece = lo; piece < hi; ++piece) {
      if (gradient) piece_dzt[piece].assign(d * stride, Scalar(0));
      for (int64_t b = piece; b < blocks; b += pieces) {
        const int64_t i0 = b * kBlockRows, i1 = std::min(n, i0 + kBlockRows);
        if (gradient)
          row_block<true>(p, i0, i1, piece_loss[piece], piece_dzt[piece].data());
        else
          row_block<false>(p, i0, i1, piece_loss[piece], nullptr);
      }
    }
  });
  double total = 0;
  for (double l : piece_loss) total += l;
  Tensor loss = Tensor::scalar(static_cast<Scalar>(2 * scale * total));
  if (!gradient) {
    record(kInnerProductBceOp, {z}, loss, nullptr);
    return loss;
  }

  // dloss/dz_i = 2 scale (row part + column part); the column parts summed in piece order.
  parallel_for(0, n, 1024, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i)
      for (int64_t k = 0; k < d; ++k) {
        Scalar column = 0;
        for (const auto& dzt : piece_dzt) column += dzt[k * stride + i];
        p.dz[i * d + k] = 2 * scale * (p.dz[i * d + k] + column);
      }
  });
  // dl = <dl/dz, dz>: the gradient was computed with the value
  push_tangent(kInnerProductBceOp, {z}, loss, [&] { return sum(dz * z.tangent()); });
  record(kInnerProductBceOp, {z}, loss,
         [z, dz, loss, targets, pos_weight, scale](bool create_graph) {
           if (create_graph)
             inner_product_bce_graph_backward(z, targets, pos_weight, scale, loss);
           else
             inner_product_bce_backward(z, dz, loss);
         });
  return loss;
}

}  // namespace autograd
