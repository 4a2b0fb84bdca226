// Dot products of chosen pairs of rows: the inner-product decoder on a list of node pairs,
// without gathering two [pairs, d] copies of the embeddings.
#include "autograd/ops/pair_dot.hpp"

#include <stdexcept>
#include <string>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

// Rows are read in random order: ask for the rows of a pair a few pairs ahead, so that several
// cache misses are in flight instead of one at a time.
constexpr int64_t kAhead = 8;

// dx[a_p] += g_p x[b_p],  dx[b_p] += g_p x[a_p]
void pair_dot_backward(const Tensor& x, const Tensor& y, const std::vector<int64_t>& a,
                       const std::vector<int64_t>& b) {
  const int64_t rows = x.size(0), d = x.size(1);
  const Scalar* xv = x.data();
  const Scalar* g = y.grad_values().data();
  Scalar* gx = x.grad_values().data();
  const auto pairs = static_cast<int64_t>(a.size());
  // Pairs share rows, so a split by pairs would race. Each thread owns a range of rows and
  // scans all pairs, adding only into its own rows: no race, and every row sums its terms in
  // pair order, the same result as one thread.
  const int64_t threads = num_threads();
  parallel_for(0, rows, (rows + threads - 1) / threads, [&](int64_t lo, int64_t hi) {
    const auto own = [lo, hi](int64_t row) { return row >= lo && row < hi; };
    for (int64_t p = 0; p < pairs; ++p) {
      if (p + kAhead < pairs) {  // only what this thread will touch: its row and the other
        const int64_t i = a[p + kAhead], j = b[p + kAhead];
        if (own(i)) {
          __builtin_prefetch(gx + i * d);
          __builtin_prefetch(xv + j * d);
        }
        if (own(j)) {
          __builtin_prefetch(gx + j * d);
          __builtin_prefetch(xv + i * d);
        }
      }
      if (own(a[p]))
        for (int64_t k = 0; k < d; ++k) gx[a[p] * d + k] += g[p] * xv[b[p] * d + k];
      if (own(b[p]))
        for (int64_t k = 0; k < d; ++k) gx[b[p] * d + k] += g[p] * xv[a[p] * d + k];
    }
  });
}

// The same, as recorded ops: dx = scatter_a(g x[b]) + scatter_b(g x[a]).
void pair_dot_graph_backward(const Tensor& x, const Tensor& y, const std::vector<int64_t>& a,
                             const std::vector<int64_t>& b) {
  const Tensor g = reshape(graph_grad(y), {static_cast<int64_t>(a.size()), 1});
  accumulate_graph_grad(x, scatter_rows(g * index_select(x, b), a, x.size(0)) +
                               scatter_rows(g * index_select(x, a), b, x.size(0)));
}

}  // namespace

// y_p = x[a_p] . x[b_p]; backward in pair_dot_backward above.
Tensor pair_dot(const Tensor& x, const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (x.dim() != 2)
    throw std::invalid_argument("pair_dot: needs a 2-D tensor, got " + to_string(x.shape()));
  if (a.size() != b.size())
    throw std::invalid_argument("pair_dot: " + std::to_string(a.size()) + " first rows but " +
                                std::to_string(b.size()) + " second rows");
  const int64_t rows = x.size(0), d = x.size(1), pairs = static_cast<int64_t>(a.size());
  for (int64_t p = 0; p < pairs; ++p)
    if (a[p] < 0 || a[p] >= rows || b[p] < 0 || b[p] >= rows)
      throw std::out_of_range("pair_dot: pair " + std::to_string(p) + " (" + std::to_string(a[p]) +
                              ", " + std::to_string(b[p]) + ") names a row outside " +
                              to_string(x.shape()));
  Tensor y = Tensor::empty({pairs});
  const Scalar* xv = x.data();
  Scalar* yv = y.data();
  parallel_for(0, pairs, 4096, [&](int64_t lo, int64_t hi) {
    for (int64_t p = lo; p < hi; ++p) {
      if (p + kAhead < hi) {
        __builtin_prefetch(xv + a[p + kAhead] * d);
        __builtin_prefetch(xv + b[p + kAhead] * d);
      }
      Scalar dot = 0;
      for (int64_t k = 0; k < d; ++k) dot += xv[a[p] * d + k] * xv[b[p] * d + k];
      yv[p] = dot;
    }
  });
  // dy_p = dx[a_p] . x[b_p] + x[a_p] . dx[b_p]
  push_tangent(kPairDotOp, {x}, y, [&] {
    const Tensor dx = x.tangent();
    return sum(index_select(dx, a) * index_select(x, b) + index_select(x, a) * index_select(dx, b),
               1);
  });
  record(kPairDotOp, {x}, y, [x, y, a, b](bool create_graph) {
    if (create_graph)
      pair_dot_graph_backward(x, y, a, b);
    else
      pair_dot_backward(x, y, a, b);
  });
  return y;
}

}  // namespace autograd
