// Dot products of chosen pairs of rows: the inner-product decoder on a list of node pairs,
// without gathering two [pairs, d] copies of the embeddings.
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/parallel.hpp"
#include "autograd/tape.hpp"

namespace autograd {

// y_p = x[a_p] . x[b_p];  dx[a_p] += g_p x[b_p],  dx[b_p] += g_p x[a_p]
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
      Scalar dot = 0;
      for (int64_t k = 0; k < d; ++k) dot += xv[a[p] * d + k] * xv[b[p] * d + k];
      yv[p] = dot;
    }
  });
  record(OpKind::PairDot, {x}, y, [x, y, a, b, d]() {
    const Scalar* xv = x.data();
    const Scalar* g = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (size_t p = 0; p < a.size();
         ++p)  // serial: pairs share rows, a parallel scatter would race
      for (int64_t k = 0; k < d; ++k) {
        gx[a[p] * d + k] += g[p] * xv[b[p] * d + k];
        gx[b[p] * d + k] += g[p] * xv[a[p] * d + k];
      }
  });
  return y;
}

}  // namespace autograd
