#include "autograd/ops/spmm.hpp"

#include <stdexcept>
#include <string>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

constexpr int64_t kRowGrain = 64;

template <class Index>
void check_operands(const char* op, const BasicCsr<Index>& a, const Tensor& x) {
  if (x.dim() != 2 || x.size(0) != a.cols())
    throw std::invalid_argument(std::string(op) + ": sparse [" + std::to_string(a.rows()) + ", " +
                                std::to_string(a.cols()) + "] times dense " + to_string(x.shape()) +
                                ": the dense operand must be 2-D with " + std::to_string(a.cols()) +
                                " rows");
}

// out[i, :] += sum_p value(p) * x[col[p], :] over row i's nonzeros; rows split over threads.
// `value(p)` maps a nonzero position to its value, so one kernel serves fixed and learnable values.
// Nonzeros go four at a time: the output row is loaded and stored a quarter as often, and the four
// gathered rows of x are independent loads whose cache misses overlap. On Pubmed (x rows scattered
// over more than L2) that halves the time of one nonzero per pass.
template <class Index, class Value>
void accumulate_rows(const BasicCsr<Index>& a, Value value, const Scalar* x, int64_t n,
                     Scalar* out) {
  const auto row_ptr = a.row_ptr();
  const auto col = a.col_idx();
  const auto x_row = [&](int64_t p) { return x + static_cast<int64_t>(col[p]) * n; };
  parallel_for(0, a.rows(), kRowGrain, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) {
      Scalar* out_row = out + i * n;
      int64_t p = row_ptr[i];
      for (; p + 4 <= row_ptr[i + 1]; p += 4) {
        const Scalar v0 = value(p), v1 = value(p + 1), v2 = value(p + 2), v3 = value(p + 3);
        const Scalar *x0 = x_row(p), *x1 = x_row(p + 1), *x2 = x_row(p + 2), *x3 = x_row(p + 3);
        for (int64_t j = 0; j < n; ++j)
          out_row[j] += v0 * x0[j] + v1 * x1[j] + v2 * x2[j] + v3 * x3[j];
      }
      for (; p < row_ptr[i + 1]; ++p) {
        const Scalar v = value(p);
        const Scalar* x_p = x_row(p);
        for (int64_t j = 0; j < n; ++j) out_row[j] += v * x_p[j];
      }
    }
  });
}

// dX = A^T G: the same row kernel over A's (cached) transpose.
template <class Index>
void spmm_backward(const BasicCsr<Index>& a, const Tensor& x, const Tensor& y) {
  const auto& at = a.transpose();
  const auto values_t = at.values();
  accumulate_rows(
      at, [&](int64_t q) { return values_t[q]; }, y.grad_values().data(), x.size(1),
      x.grad_values().data());
}

// d values_p = G[i, :] . X[col_p, :] for the nonzero p at (i, col_p);  dX = A(values)^T G
template <class Index>
void spmm_values_backward(const BasicCsr<Index>& pattern, const Tensor& values, const Tensor& x,
                          const Tensor& y) {
  const int64_t n = x.size(1);
  const Scalar* g = y.grad_values().data();
  if (values.requires_grad()) {
    Scalar* gv = values.grad_values().data();
    const auto row_ptr = pattern.row_ptr();
    const auto col = pattern.col_idx();
    const Scalar* xv = x.data();
    parallel_for(0, pattern.rows(), kRowGrain, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i)
        for (int64_t p = row_ptr[i]; p < row_ptr[i + 1]; ++p) {
          Scalar dot = 0;
          for (int64_t j = 0; j < n; ++j)
            dot += g[i * n + j] * xv[static_cast<int64_t>(col[p]) * n + j];
          gv[p] += dot;
        }
    });
  }
  if (x.requires_grad()) {
    const auto source = pattern.transpose_source();
    const Scalar* v = values.data();
    accumulate_rows(
        pattern.transpose(), [&](int64_t q) { return v[source[q]]; }, g, n,
        x.grad_values().data());
  }
}

// The same two, as recorded ops. dv_p = G[i_p] . X[col_p] gathers rows of both; A(v)^T takes the
// values through the transpose's permutation, so it stays differentiable in v.
template <class Index>
void spmm_values_graph_backward(const BasicCsr<Index>& pattern, const Tensor& values,
                                const Tensor& x, const Tensor& y) {
  const Tensor& g = graph_grad(y);
  if (values.requires_grad()) {
    std::vector<int64_t> row_of(pattern.nnz()), col_of(pattern.nnz());
    for (int64_t i = 0; i < pattern.rows(); ++i)
      for (int64_t p = pattern.row_ptr()[i]; p < pattern.row_ptr()[i + 1]; ++p) {
        row_of[p] = i;
        col_of[p] = pattern.col_idx()[p];
      }
    accumulate_graph_grad(values, sum(index_select(g, row_of) * index_select(x, col_of), 1));
  }
  const auto source = pattern.transpose_source();
  const Tensor values_t = index_select(values, std::vector<int64_t>(source.begin(), source.end()));
  accumulate_graph_grad(x, spmm_values(pattern.transpose(), values_t, g));
}

}  // namespace

// Y = A X; backward in spmm_backward above.
template <class Index>
Tensor spmm(const BasicCsr<Index>& a, const Tensor& x) {
  check_operands("spmm", a, x);
  const int64_t n = x.size(1);
  Tensor y = Tensor::zeros({a.rows(), n});
  const auto values = a.values();
  accumulate_rows(
      a, [&](int64_t p) { return values[p]; }, x.data(), n, y.data());
  push_tangent(kSpmmOp, {x}, y, [&] { return spmm(a, x.tangent()); });  // dY = A dX
  record(kSpmmOp, {x}, y, [a, x, y](bool create_graph) {
    if (create_graph)
      accumulate_graph_grad(x, spmm(a.transpose(), graph_grad(y)));
    else
      spmm_backward(a, x, y);
  });
  return y;
}

// Y = A(values) X; backward in spmm_values_backward above.
template <class Index>
Tensor spmm_values(const BasicCsr<Index>& pattern, const Tensor& values, const Tensor& x) {
  check_operands("spmm_values", pattern, x);
  if (values.numel() != pattern.nnz())
    throw std::invalid_argument("spmm_values: " + std::to_string(values.numel()) + " values for " +
                                std::to_string(pattern.nnz()) + " nonzeros");
  const int64_t n = x.size(1);
  Tensor y = Tensor::zeros({pattern.rows(), n});
  const Scalar* v = values.data();
  accumulate_rows(
      pattern, [&](int64_t p) { return v[p]; }, x.data(), n, y.data());
  // dY = A(dv) X + A(v) dX
  push_tangent(kSpmmValuesOp, {values, x}, y, [&] {
    const Tensor dv = values.tangent(), dx = x.tangent();
    return add_defined(dv.defined() ? spmm_values(pattern, dv, x) : Tensor{},
                       dx.defined() ? spmm_values(pattern, values, dx) : Tensor{});
  });
  record(kSpmmValuesOp, {values, x}, y, [pattern, values, x, y](bool create_graph) {
    if (create_graph)
      spmm_values_graph_backward(pattern, values, x, y);
    else
      spmm_values_backward(pattern, values, x, y);
  });
  return y;
}

template Tensor spmm(const BasicCsr<int32_t>&, const Tensor&);
template Tensor spmm(const BasicCsr<int64_t>&, const Tensor&);
template Tensor spmm_values(const BasicCsr<int32_t>&, const Tensor&, const Tensor&);
template Tensor spmm_values(const BasicCsr<int64_t>&, const Tensor&, const Tensor&);

}  // namespace autograd
